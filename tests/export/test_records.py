"""The records every export but JSON is written from: sure-enough facts, and what they name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zenobia.confidence import ConfidenceFloor
from zenobia.corpus import EXPORT_FORMATS
from zenobia.export.formats import FORMATS
from zenobia.export.json import build_export
from zenobia.export.records import select_records
from zenobia.store import Store


def _fact(id_: str, confidence: float | None, kind: str, **fields: Any) -> dict[str, Any]:
    return {"id": id_, "confidence": confidence, "confidence_basis": f"{kind}:x", **fields}


def _export() -> dict[str, Any]:
    return {
        "documents": [{"id": "d1"}],
        "actors": [
            _fact("sure", 0.9, "mention"),
            # below the floor, but the kept event names it
            _fact("named", 0.2, "mention"),
            _fact("unsure", 0.2, "mention"),
        ],
        "places": [_fact("town", 0.2, "place"), _fact("far", 0.2, "place")],
        "events": [
            _fact("kept", 0.8, "event", actors=["named"], recipients=[], place="town"),
            _fact("dropped", 0.1, "event", actors=["unsure"], recipients=[], place="far"),
        ],
        "quotes": [_fact("q", 0.1, "quote", speaker="unsure")],
        "claims": [
            # below the floor, but a kept disagreement cites it
            _fact("cited", 0.1, "claim", speaker=None),
            _fact("alone", 0.1, "claim", speaker=None),
        ],
        "disagreements": [
            _fact("dis", 0.9, "disagreement", sides=[{"document": "d1", "claim": "cited"}])
        ],
        "stances": [],
    }


def _ids(records: dict[str, Any], part: str) -> list[str]:
    return [r["id"] for r in records[part]]


def test_facts_below_the_floor_are_left_out_but_what_kept_facts_name_stays() -> None:
    kept = select_records(_export(), ConfidenceFloor({}, 0.5))
    assert _ids(kept, "events") == ["kept"]
    assert _ids(kept, "quotes") == []
    # every cross-reference of a kept fact still resolves
    assert _ids(kept, "actors") == ["sure", "named"]
    assert _ids(kept, "places") == ["town"]
    assert _ids(kept, "claims") == ["cited"]
    assert _ids(kept, "documents") == ["d1"]


def test_a_zero_floor_keeps_everything() -> None:
    whole = _export()
    assert select_records(whole, ConfidenceFloor({}, 0.0)) == whole


def test_records_at_zero_hold_every_fact_of_the_json_export(
    store_path: Path, records: dict[str, Any]
) -> None:
    with Store(store_path) as store:
        whole = build_export(store)
    for part in ("documents", "actors", "places", "events", "quotes", "claims", "stances"):
        assert len(records[part]) == len(whole[part]), part


def test_the_corpus_offers_every_format_the_exports_write() -> None:
    assert tuple(FORMATS) == EXPORT_FORMATS


def test_every_reference_to_an_actor_names_an_actor_record(records: dict[str, Any]) -> None:
    actors = {a["id"] for a in records["actors"]}
    # a stance toward a city that is no actor ("against the bombing in Aleppo") is left out
    for stance in records["stances"]:
        assert stance["actor"] in actors
        assert stance["holder"] is None or stance["holder"] in actors
    for part in ("quotes", "claims"):
        for record in records[part]:
            assert record["speaker"] is None or record["speaker"] in actors
