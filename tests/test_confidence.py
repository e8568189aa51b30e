"""Confidence from a fact's basis: the table, its backoff and smoothing, fitting, thresholds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from zenobia.confidence import (
    DEFAULT_PRIOR,
    PRIOR_THRESHOLD,
    ConfidenceFloor,
    ConfidenceRow,
    ConfidenceTable,
    Judgement,
    Threshold,
    choose_thresholds,
    fit_table,
    load_confidence_table,
    prefixes,
    read_confidence_table,
    score_analysis,
    write_confidence_table,
)
from zenobia.errors import KnowledgeError
from zenobia.model import Document, DocumentAnalysis, Event, Mention


def _table(rows: dict[str, float], thresholds: dict[str, float] | None = None) -> ConfidenceTable:
    """A table of stated priors (nothing fitted yet)."""
    return ConfidenceTable(
        rows=MappingProxyType(
            {b: ConfidenceRow(b.split(":")[0], b, p, 0, 0, p, "prior") for b, p in rows.items()}
        ),
        thresholds=MappingProxyType({k: Threshold(k, v) for k, v in (thresholds or {}).items()}),
    )


def _judged(basis: str, right: int, wrong: int) -> list[Judgement]:
    kind = basis.split(":")[0]
    return [Judgement(kind, basis, True)] * right + [Judgement(kind, basis, False)] * wrong


PRIORS = _table({"event": 0.7, "event:noun": 0.6, "quote": 0.9})


def test_a_basis_is_read_with_every_coarser_prefix() -> None:
    assert prefixes("event:verb:source") == ["event", "event:verb", "event:verb:source"]


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        # the basis itself is in the table
        ("event:noun", 0.6),
        # a finer basis the table lacks backs off to its longest listed prefix
        ("event:noun:source+target:asserted", 0.6),
        ("event:verb:none:reported", 0.7),
        # a kind the table does not know at all: as likely right as not
        ("rumour:whispered", DEFAULT_PRIOR),
        # a fact with no basis (stored before confidences existed) has no confidence
        (None, None),
    ],
)
def test_a_confidence_is_that_of_the_longest_prefix_in_the_table(
    basis: str | None, expected: float | None
) -> None:
    assert PRIORS.confidence(basis) == expected


def test_a_basis_judged_a_few_times_stays_near_its_parent() -> None:
    # 2 of 2 right is no reason to be sure: ten pseudo-facts at the parent's value weigh more,
    # at each step down from the kind's prior 0.7
    table = fit_table(_judged("event:verb:source", 2, 0), PRIORS)
    kind = (2 + 10 * 0.7) / 12
    verb = (2 + 10 * kind) / 12
    assert table.confidence("event") == pytest.approx(kind, abs=1e-3)
    assert table.confidence("event:verb:source") == pytest.approx((2 + 10 * verb) / 12, abs=1e-3)
    assert table.confidence("event:verb:source") < 0.85


def test_a_basis_judged_often_speaks_for_itself() -> None:
    table = fit_table(_judged("event:verb:source", 90, 10), PRIORS)
    assert table.confidence("event:verb:source") == pytest.approx(0.9, abs=0.02)
    assert table.rows["event:verb:source"].source == "tune"


def test_smoothing_follows_the_backoff_chain_down_from_the_kind() -> None:
    judged = _judged("event:verb:source", 40, 60) + _judged("event:verb:none", 0, 3)
    table = fit_table(judged, PRIORS)
    # the kind is pulled from its prior 0.7 towards 40 of 103
    kind = table.confidence("event")
    assert kind == pytest.approx((40 + 7) / 113, abs=1e-3)
    # a rare basis starts from its parent's fitted value, not from the old prior
    verb = table.confidence("event:verb")
    assert table.confidence("event:verb:none") == pytest.approx((0 + 10 * verb) / 13, abs=1e-3)


def test_a_stated_prior_is_the_starting_point_of_its_own_basis() -> None:
    table = fit_table(_judged("event:noun", 5, 5), PRIORS)
    assert table.confidence("event:noun") == pytest.approx((5 + 10 * 0.6) / 20, abs=1e-3)


def test_priors_no_judgement_reached_stay_as_they_are() -> None:
    table = fit_table(_judged("event:verb", 10, 0), PRIORS)
    assert table.rows["quote"] == PRIORS.rows["quote"]


def test_fitting_twice_on_the_same_judgements_gives_the_same_table() -> None:
    judged = _judged("event:verb:source", 30, 5) + _judged("quote:direct", 8, 1)
    once = fit_table(judged, PRIORS)
    assert dict(fit_table(judged, once).rows) == dict(once.rows)


def test_a_judgement_whose_kind_is_not_its_basiss_is_refused() -> None:
    with pytest.raises(ValueError, match="does not start with its kind"):
        fit_table([Judgement("quote", "event:verb", True)], PRIORS)


def test_the_threshold_is_the_lowest_confidence_whose_facts_above_reach_the_target() -> None:
    # three bases: 0.95 (19 of 20 right), 0.8 (16 of 20), 0.3 (6 of 20)
    table = _table({"event": 0.5, "event:a": 0.95, "event:b": 0.8, "event:c": 0.3})
    judged = _judged("event:a", 19, 1) + _judged("event:b", 16, 4) + _judged("event:c", 6, 14)
    chosen = choose_thresholds(table, judged, min_facts=10)
    # above 0.8: 35 of 40 right (0.875 ≥ 0.85); above 0.3: 41 of 60 (0.68)
    assert chosen["event"] == Threshold("event", 0.8, 0.875, 40, "tune")


def test_a_kind_whose_best_facts_miss_the_target_shows_only_facts_stated_at_the_target() -> None:
    table = _table({"stance": 0.6})
    chosen = choose_thresholds(table, _judged("stance", 6, 4), min_facts=5)
    assert chosen["stance"].min_confidence == 0.85


def test_the_threshold_is_never_above_the_target() -> None:
    # every judged fact was right at 0.99: a fact of another basis stated at 0.9 is still shown
    table = _table({"cluster": 0.9, "cluster:a": 0.99})
    chosen = choose_thresholds(table, _judged("cluster:a", 40, 0), min_facts=10)
    assert chosen["cluster"].min_confidence == 0.85


def test_a_kind_judged_too_rarely_keeps_its_threshold() -> None:
    table = _table({"place": 0.9}, thresholds={"place": 0.4})
    chosen = choose_thresholds(table, _judged("place", 3, 0), min_facts=30)
    assert chosen["place"].min_confidence == 0.4


def test_a_table_reads_back_as_written(tmp_path: Path) -> None:
    fitted = fit_table(_judged("event:verb", 12, 3), PRIORS)
    fitted = replace(fitted, thresholds={"event": Threshold("event", 0.75, 0.9, 15, "tune")})
    write_confidence_table(fitted, tmp_path)
    again = read_confidence_table(tmp_path)
    assert dict(again.rows) == dict(fitted.rows)
    assert again.threshold("event") == 0.75
    # a kind with rows and no fitted threshold is written with the prior default
    assert again.threshold("quote") == PRIOR_THRESHOLD


def test_a_confidence_outside_zero_to_one_is_a_knowledge_error(tmp_path: Path) -> None:
    write_confidence_table(PRIORS, tmp_path)
    path = tmp_path / "confidence.csv"
    path.write_text(path.read_text().replace(",0.9,prior", ",1.9,prior"))
    with pytest.raises(KnowledgeError, match="not a number in"):
        read_confidence_table(tmp_path)


@pytest.mark.parametrize(
    "kind",
    ["event", "cluster", "quote", "stance", "claim", "mention", "place", "merge", "disagreement"],
)
def test_the_packaged_table_knows_every_kind_of_fact(kind: str) -> None:
    table = load_confidence_table()
    assert kind in table.rows
    assert 0.0 < table.threshold(kind) <= 1.0


def test_a_floor_shows_facts_at_or_above_their_kinds_threshold() -> None:
    floor = ConfidenceFloor.of(_table({"event": 0.7}, thresholds={"event": 0.6, "cluster": 0.8}))
    assert floor.keeps(0.6, "event:verb")
    assert not floor.keeps(0.7, "cluster:docs=2")
    # facts stored before confidences existed are shown: nothing is known against them
    assert floor.keeps(None, None)
    assert floor.describe(["event", "cluster"]) == "0.6 (event), 0.8 (cluster)"
    # one minimum for every kind; 0 shows everything
    assert ConfidenceFloor.of(PRIORS, 0.9).describe(["event", "cluster"]) == "0.9"
    assert ConfidenceFloor.of(PRIORS, 0.0).is_everything


def test_scoring_an_analysis_gives_every_fact_its_bases_confidence() -> None:
    document = Document(id="d", source="d.txt", text="Rebels shelled Orvel.")
    mention = Mention(
        "m", "d", 0, 15, 20, "Orvel", "GPE", "Orvel",
        confidence_basis="mention:link=ner", place_basis="place:unique:city",
    )  # fmt: skip
    event = Event(
        "e", "d", 0, 0, 21, 7, 14, "ASSAULT", "shell", (), (), ("m",), "Rebels", "Orvel", "m",
        None, "asserted", None, None, confidence_basis="event:noun:source:asserted",
    )  # fmt: skip
    table = _table({"event": 0.7, "event:noun": 0.6, "mention": 0.8, "place": 0.95})
    scored = score_analysis(DocumentAnalysis(document, mentions=(mention,), events=(event,)), table)
    assert scored.events[0].confidence == 0.6
    assert (scored.mentions[0].confidence, scored.mentions[0].place_confidence) == (0.8, 0.95)
