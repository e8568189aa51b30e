"""The records every export format is written from: the JSON export, sure enough facts only.

`export_records` is the one reader of the store behind the CSV, Parquet, GraphML, GEXF,
GeoJSON and ACLED exports: it builds the JSON export (`build_export`, DESIGN.md's contract)
and keeps the facts at or above their kind's confidence threshold, as the listings and the
PLOVER export do. Every cross-reference must still resolve inside the export, so an actor,
place or claim that a kept fact refers to is kept with it, whatever its own confidence (its
`confidence` column says how sure it is).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from zenobia.confidence import ConfidenceFloor, ConfidenceTable, load_confidence_table
from zenobia.export.json import build_export
from zenobia.store import Store

__all__ = ["HAPPENED", "export_records", "happened", "select_records"]

Record = dict[str, Any]

HAPPENED = frozenset({"asserted", "reported"})
"""Statuses of events the text says took place; negated and hypothetical events are left out
of the network, the map and the ACLED table (the tables keep them, with their status)."""


def export_records(
    store: Store, *, min_confidence: float | None = None, table: ConfidenceTable | None = None
) -> Record:
    """The JSON export of `store`, keeping only facts sure enough (see `select_records`).

    Args:
        store: The store to read.
        min_confidence: One minimum for every kind of fact; None: each kind's threshold in
            `table`; 0.0: every fact.
        table: The confidence table; the packaged one when None.
    """
    table = table or load_confidence_table()
    return select_records(build_export(store, table), ConfidenceFloor.of(table, min_confidence))


def _kept(records: Iterable[Record], floor: ConfidenceFloor) -> list[Record]:
    return [r for r in records if floor.keeps(r.get("confidence"), r.get("confidence_basis"))]


def select_records(export: Mapping[str, Any], floor: ConfidenceFloor) -> Record:
    """The export's facts at or above `floor`, with the actors, places and claims they name.

    Events, quotes, claims, disagreements and stances are kept by their own confidence;
    actors and places by theirs or because a kept fact refers to them; a claim a kept
    disagreement cites is kept too. Documents are sources, not facts: all are kept.
    """
    events = _kept(export["events"], floor)
    quotes = _kept(export["quotes"], floor)
    disagreements = _kept(export["disagreements"], floor)
    stances = _kept(export["stances"], floor)
    cited = {side["claim"] for d in disagreements for side in d["sides"] if side["claim"]}
    claims = [
        c
        for c in export["claims"]
        if c["id"] in cited or floor.keeps(c["confidence"], c["confidence_basis"])
    ]
    named = {a for e in events for a in (*e["actors"], *e["recipients"])}
    named |= {q["speaker"] for q in quotes} | {c["speaker"] for c in claims}
    named |= {s["actor"] for s in stances} | {s["holder"] for s in stances}
    located = {e["place"] for e in events}
    actors = [
        a
        for a in export["actors"]
        if a["id"] in named or floor.keeps(a["confidence"], a["confidence_basis"])
    ]
    places = [
        p
        for p in export["places"]
        if p["id"] in located or floor.keeps(p["confidence"], p["confidence_basis"])
    ]
    return {
        **export,
        "actors": actors,
        "places": places,
        "events": events,
        "quotes": quotes,
        "claims": claims,
        "disagreements": disagreements,
        "stances": stances,
    }


def happened(event: Mapping[str, Any]) -> bool:
    """Whether the text says the event took place (asserted, or reported by someone)."""
    return event["status"] in HAPPENED
