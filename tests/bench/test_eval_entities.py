"""The entities row's scoring: re3d's (type, name) pairs per document and typed spans."""

from __future__ import annotations

import pytest

from bench.eval.entities import Found, figures, found_in, judged_mentions, mentions_on_gold
from bench.re3d_scoring import (
    GoldEntity,
    Re3dDocument,
    normalise,
    pairs,
    scores,
    typed_spans,
    zenobia_type,
)
from zenobia.model import Mention


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a leading article and a possessive are not part of the name
        ("the Voltan Army's", "voltan army"),
        # case, diacritics, hyphens and edge punctuation do not matter
        ("Al-Qarn Front", "al qarn front"),
        ("Bénard,", "benard"),
    ],
)
def test_normalise_a_name(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_pairs_count_a_name_once_and_skip_unscored_types() -> None:
    items = [("Person", "Ana Vel"), ("Person", "ana vel"), (None, "Voltan"), ("Location", "")]
    assert pairs(items) == {("Person", "ana vel")}


def test_typed_spans_drop_a_leading_article_and_a_possessive() -> None:
    text = "The Voltan Army's chief met Ana Vel."
    spans = typed_spans(text, [("Organisation", 0, 17), ("Person", 28, 35), (None, 4, 10)])
    assert spans == {("Organisation", 4, 15), ("Person", 28, 35)}


def test_scores_count_true_positives_predictions_and_gold_per_type_and_micro() -> None:
    gold = [{("Person", "ana vel"), ("Location", "harbin")}, {("Organisation", "voltan army")}]
    predicted = [{("Person", "ana vel"), ("Organisation", "harbin")}, set()]
    counted = scores(gold, predicted)
    assert counted["Person"] == (1, 1, 1)
    # a right name with the wrong type is a miss and a false alarm
    assert counted["Location"] == (0, 0, 1)
    assert counted["Organisation"] == (0, 1, 1)
    assert counted["micro"] == (1, 2, 3)


def _mention(start: int, end: int, label: str, kind: str | None = None) -> Mention:
    return Mention(
        id=f"m{start}",
        doc_id="d",
        sentence_index=0,
        start_char=start,
        end_char=end,
        text="x",
        label=label,  # type: ignore[arg-type]
        canonical="x",
        kind=kind,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("label", "kind", "expected"),
    [
        ("PERSON", None, "Person"),
        ("ORG", None, "Organisation"),
        ("FAC", None, "Location"),
        # a demonym is re3d's Nationality, not scored ...
        ("NORP", "state", None),
        # ... unless it names an organisation
        ("NORP", "armed_group", "Organisation"),
    ],
)
def test_zenobia_labels_map_to_re3d_types(label: str, kind: str | None, expected: str) -> None:
    assert zenobia_type(_mention(0, 1, label, kind)) == expected


def test_mentions_are_mapped_back_onto_the_gold_text_and_title_mentions_dropped() -> None:
    original = "Ana Vel visited Harbin."
    stored = "Vel in Harbin\n" + original
    shift = len("Vel in Harbin\n")
    in_title = _mention(7, 13, "GPE")
    in_body = _mention(shift + 16, shift + 22, "GPE")
    assert mentions_on_gold([in_title, in_body], original, stored) == [(in_body, 16, 22)]


def test_found_in_gives_pairs_and_spans_of_the_gold_text() -> None:
    text = "The Voltan Army entered Harbin."
    found = found_in(text, [("Organisation", 0, 15), ("Location", 24, 30), (None, 4, 10)])
    assert found.pairs == {("Organisation", "voltan army"), ("Location", "harbin")}
    assert found.spans == {("Organisation", 4, 15), ("Location", 24, 30)}


def test_figures_give_pairs_per_type_and_micro_then_micro_spans_beside_the_baseline() -> None:
    gold = [Found({("Person", "ana vel"), ("Location", "harbin")}, {("Person", 0, 7)})]
    ours = [Found({("Person", "ana vel")}, {("Person", 0, 7)})]
    theirs = [Found({("Person", "ana vel"), ("Person", "harbin")}, {("Person", 0, 3)})]
    by_metric = {f.metric: f for f in figures("check", gold, ours, theirs)}
    assert list(by_metric)[:3] == ["micro P", "micro R", "micro F1"]
    assert (by_metric["micro P"].zenobia, by_metric["micro P"].baseline) == (1.0, 0.5)
    assert (by_metric["micro R"].zenobia, by_metric["micro R"].baseline) == (0.5, 0.5)
    assert by_metric["Location R"].zenobia == 0.0
    assert by_metric["Location R"].n == 1
    assert (by_metric["spans micro F1"].zenobia, by_metric["spans micro F1"].baseline) == (1.0, 0.0)
    assert "Organisation F1" in by_metric
    assert "spans Person F1" not in by_metric


def test_a_mention_is_judged_right_when_its_typed_span_is_in_the_gold() -> None:
    document = Re3dDocument(
        id="d",
        title="",
        text="Ana Vel left the Harbin garrison.",
        entities=(GoldEntity("Person", 0, 7, "Ana Vel"), GoldEntity("Location", 17, 23, "Harbin")),
    )
    person, garrison = _mention(0, 7, "PERSON"), _mention(13, 32, "FAC")
    town_as_org, demonym = _mention(17, 23, "ORG"), _mention(17, 23, "NORP", "state")
    mapped = [(person, 0, 7), (garrison, 13, 32), (town_as_org, 17, 23), (demonym, 17, 23)]
    # a wrong boundary or a wrong type is wrong; an unscored label is not judged
    assert judged_mentions(document, mapped) == [
        (person, True),
        (garrison, False),
        (town_as_org, False),
    ]
