"""The `plover` row's scoring: gold names, zenobia's events per sentence, the verb lookup."""

from __future__ import annotations

import pytest

from bench.eval.plover import (
    Found,
    best_event,
    events_by_document,
    gold_type,
    load_verb_types,
    score_types,
    verb_types,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # PLOVER 0.5b1 names become current types
        ("DEMAND", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("INVESTIGATE", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        # current names stay
        ("PROTEST", "PROTEST"),
    ],
)
def test_gold_type(name: str, expected: str) -> None:
    assert gold_type(name) == expected


# --- the baseline's lookup ---------------------------------------------------------------------


def _row(lemma: str, type_: str = "", cue: str = "", pos: str = "verb", mode: str = "") -> dict:
    return {"lemma": lemma, "pos": pos, "cue": cue, "type": type_, "mode": mode}


EXTENSION = {("TAKE_CONTROL", "capture"): "COERCE"}


@pytest.mark.parametrize(
    ("rows", "lemma", "expected"),
    [
        # the row without a cue is the verb's own sense, wherever it stands
        ([_row("attack", "ACCUSE", cue="plan"), _row("attack", "ASSAULT")], "attack", "ASSAULT"),
        # an empty type on that row means no event, whatever the cued rows say
        ([_row("abandon"), _row("abandon", "CONCEDE", cue="attempt")], "abandon", None),
        # without a cue-less row, the first row with a type
        ([_row("say", pos="report"), _row("say", "THREATEN", cue="boycott")], "say", "THREATEN"),
        # the territory extension is looked up as its base type
        ([_row("seize", "TAKE_CONTROL", mode="capture")], "seize", "COERCE"),
        # nouns and report cues are not verb rows
        ([_row("attack", "ASSAULT", pos="noun"), _row("tell", pos="report")], "attack", None),
    ],
)
def test_verb_types(rows: list[dict], lemma: str, expected: str | None) -> None:
    assert verb_types(rows, EXTENSION).get(lemma) == expected


def test_the_dictionary_file_gives_common_verbs_a_type() -> None:
    lookup = load_verb_types()
    assert lookup["attack"] == "ASSAULT"
    assert lookup["kill"] == "ASSAULT"


# --- zenobia's events per sentence -------------------------------------------------------------


def test_events_by_document_lists_each_source_with_its_base_type() -> None:
    events = [
        {
            "type": "TAKE_CONTROL",
            "base_plover": {"type": "COERCE"},
            "confidence": 0.8,
            "sources": [
                {"document": "d1", "trigger": {"start": 12}},
                {"document": "d2", "trigger": {"start": 3}},
            ],
        },
        {"type": "AGREE", "sources": [{"document": "d1", "trigger": {"start": 5}}]},
    ]
    assert events_by_document(events) == {
        "d1": [Found("COERCE", 0.8, 12), Found("AGREE", None, 5)],
        "d2": [Found("COERCE", 0.8, 3)],
    }


def test_a_source_states_its_own_confidence_over_the_merged_events() -> None:
    event = {
        "type": "ASSAULT",
        "confidence": 0.9,
        "confidence_basis": "cluster:docs=2",
        "sources": [
            {
                "document": "d1",
                "trigger": {"start": 0},
                "confidence": 0.2,
                "confidence_basis": "event:noun",
            },
            {"document": "d2", "trigger": {"start": 0}},
        ],
    }
    found = events_by_document([event])
    assert found["d1"] == [Found("ASSAULT", 0.2, 0, "event:noun")]
    assert found["d2"] == [Found("ASSAULT", 0.9, 0, "cluster:docs=2")]


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        # without confidences, the earliest trigger
        ([Found("AGREE", None, 9), Found("REJECT", None, 2)], "REJECT"),
        # the highest stated confidence first
        ([Found("AGREE", 0.9, 9), Found("REJECT", 0.3, 2)], "AGREE"),
        # no event
        ([], None),
    ],
)
def test_best_event(events: list[Found], expected: str | None) -> None:
    best = best_event(events)
    assert (best.type if best else None) == expected


# --- scores ------------------------------------------------------------------------------------


def test_score_types() -> None:
    gold = ["AGREE", "ASSAULT", "PROTEST", "REJECT"]
    best = ["AGREE", "COERCE", None, "AGREE"]
    found = [["AGREE", "AGREE"], ["COERCE", "ASSAULT"], [], ["AGREE", "CONSULT"]]
    scores = score_types(gold, best, found)
    # only the first sentence's best type is its gold type; no event is wrong
    assert scores.accuracy == 0.25
    # the second sentence has its gold type among its events
    assert scores.type_recall == 0.5
    # distinct pairs: (1, AGREE), (2, COERCE), (2, ASSAULT), (4, AGREE), (4, CONSULT)
    assert scores.pair_precision == pytest.approx(2 / 5)
    assert scores.no_event == 0.25
    # F1 per gold type: AGREE 2/3 (P 1/2, R 1), the three others 0
    assert scores.macro_f1 == pytest.approx((2 / 3) / 4)


def test_score_types_of_nothing() -> None:
    assert score_types([], [], []).sentences == 0
