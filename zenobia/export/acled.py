"""The ACLED-style export: one CSV row per event, in ACLED's column layout.

An event's PLOVER type and mode (and the kind of its first actor) map to an ACLED event type
and sub-event type through `data/plover_acled.csv`; events ACLED would not code (statements:
CONSULT, ACCUSE, THREATEN, …) and events the text does not say took place (negated or
hypothetical) are left out. Actors are written by name, the first as `actor1` and the others
`; `-joined in `assoc_actor_1` (recipients likewise in `actor2`/`assoc_actor_2`); a role the
text names without a known actor ("government forces") keeps its words. `fatalities` is 0
when the text gives no toll, as in ACLED. Columns after ACLED's own link each row back to
zenobia: the event id, its PLOVER type, status and confidence. See docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from zenobia.errors import KnowledgeError
from zenobia.export._atomic import write_text_export
from zenobia.export.csv import csv_cell, write_csv_rows
from zenobia.export.records import export_records, happened
from zenobia.knowledge import read_table
from zenobia.store import Store

__all__ = [
    "ACLED_COLUMNS",
    "AcledType",
    "acled_rows",
    "acled_type",
    "load_acled_types",
    "write_acled",
]

ACLED_COLUMNS = (
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "zenobia_event",
    "plover_type",
    "plover_mode",
    "status",
    "confidence",
    "confidence_basis",
)
"""ACLED's columns (Codebook 2023, in its order, those zenobia can fill), then zenobia's."""

STATE_KINDS = frozenset({"state", "government", "military", "police"})
"""Actor kinds on the state's side: ACLED's "Government regains territory" needs one."""

GEO_PRECISION = {"city": 1, "region": 2, "admin1": 3, "country": 3}
"""ACLED's geo_precision by the kind of place: 1 the town itself, 2 a part of a region, 3 a
province or larger (ACLED Codebook, "Geographic precision")."""

ANY = "*"


@dataclass(frozen=True, slots=True)
class AcledType:
    """An ACLED event type and sub-event type; both empty: not an event ACLED codes."""

    event_type: str
    sub_event_type: str


AcledTypes = Mapping[tuple[str, str, str], AcledType]


def load_acled_types() -> dict[tuple[str, str, str], AcledType]:
    """(type, mode, side) → ACLED type, from the packaged `data/plover_acled.csv`.

    Raises:
        KnowledgeError: The file is missing, lacks a column or holds an unknown side.
    """
    types: dict[tuple[str, str, str], AcledType] = {}
    columns = ("type", "mode", "side", "event_type", "sub_event_type")
    for row in read_table("plover_acled.csv", columns):
        if row["side"] not in (ANY, "state", "non-state"):
            raise KnowledgeError(
                "cannot read plover_acled.csv",
                why=f"side {row['side']!r} of {row['type']} is not *, state or non-state",
                fix="restore plover_acled.csv from the zenobia repository",
            )
        key = (row["type"], row["mode"] or ANY, row["side"])
        types[key] = AcledType(row["event_type"], row["sub_event_type"])
    return types


def acled_type(
    types: AcledTypes, type_: str, mode: str | None, side: str | None
) -> AcledType | None:
    """The ACLED type of an event: the most specific row of `types` that matches.

    Args:
        types: From `load_acled_types`.
        type_: zenobia's event type (PLOVER, or TAKE_CONTROL).
        mode: The event's mode, if any.
        side: "state" or "non-state" for the first actor's kind; None when unknown.

    Returns:
        The ACLED type; None when no row matches or the row says ACLED codes no such event.
    """
    modes = (mode, ANY) if mode else (ANY,)
    sides = (side, ANY) if side else (ANY,)
    for candidate_mode in modes:
        for candidate_side in sides:
            found = types.get((type_, candidate_mode, candidate_side))
            if found is not None:
                return found if found.event_type else None
    return None


def _time_precision(start: str, end: str) -> int:
    """ACLED's time_precision: 1 a known day, 2 within a week, 3 a longer span."""
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days
    return 1 if days <= 0 else 2 if days <= 7 else 3


def _names(ids: list[str], actors: Mapping[str, Mapping[str, Any]], text: str | None) -> list[str]:
    names = [actors[i]["name"] for i in ids if i in actors]
    return names or ([text] if text else [])


def _side(ids: list[str], actors: Mapping[str, Mapping[str, Any]]) -> str | None:
    kind = next((actors[i]["kind"] for i in ids if i in actors), None)
    if kind is None:
        return None
    return "state" if kind in STATE_KINDS else "non-state"


def _lead_sentence(event: Mapping[str, Any]) -> str | None:
    """The sentence of the telling whose values the merged event took (its `trigger`)."""
    sources = event["sources"]
    lead = next((s for s in sources if s["trigger"] == event["trigger"]), None)
    lead = lead or (sources[0] if sources else None)
    return lead["sentence"] if lead else None


def acled_rows(
    export: Mapping[str, Any], types: AcledTypes, countries: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The export's events ACLED would code, as rows keyed by `ACLED_COLUMNS`, oldest first.

    Args:
        export: The export's records (`zenobia.export.records.export_records`).
        types: From `load_acled_types`.
        countries: ISO alpha-3 → country name.
    """
    actors = {a["id"]: a for a in export["actors"]}
    places = {p["id"]: p for p in export["places"]}
    outlets = {d["id"]: d["outlet"] for d in export["documents"]}
    rows = []
    for event in export["events"]:
        if not happened(event):
            continue
        found = acled_type(types, event["type"], event["mode"], _side(event["actors"], actors))
        if found is None:
            continue
        place = places.get(event["place"] or "") or {}
        when = event["date"] or {}
        start, end = when.get("start"), when.get("end")
        doers = _names(event["actors"], actors, event["source_text"])
        targets = _names(event["recipients"], actors, event["target_text"])
        sources = sorted({outlets.get(s["document"]) or "" for s in event["sources"]} - {""})
        country = place.get("country")
        rows.append(
            {
                "event_date": start,
                "year": int(start[:4]) if start else None,
                "time_precision": _time_precision(start, end) if start and end else None,
                "event_type": found.event_type,
                "sub_event_type": found.sub_event_type,
                "actor1": doers[0] if doers else None,
                "assoc_actor_1": "; ".join(doers[1:]) or None,
                "actor2": targets[0] if targets else None,
                "assoc_actor_2": "; ".join(targets[1:]) or None,
                "country": countries.get(country, country) if country else None,
                "admin1": place.get("name") if place.get("feature") == "admin1" else None,
                "admin2": None,
                "location": place.get("name"),
                "latitude": place.get("lat"),
                "longitude": place.get("lon"),
                "geo_precision": GEO_PRECISION.get(place.get("feature") or ""),
                "source": "; ".join(sources) or None,
                "notes": _lead_sentence(event),
                "fatalities": event["dead"] or 0,
                "zenobia_event": event["id"],
                "plover_type": event["base_plover"]["type"],
                "plover_mode": event["base_plover"]["mode"],
                "status": event["status"],
                "confidence": event["confidence"],
                "confidence_basis": event["confidence_basis"],
            }
        )
    rows.sort(key=lambda row: (row["event_date"] is None, row["event_date"] or ""))
    return rows


def write_acled(store: Store, out: str | Path, *, min_confidence: float | None = None) -> Path:
    """Write the ACLED-style CSV to `out` ("-": standard output).

    `min_confidence` is that of `zenobia.export.records.export_records`.
    """
    from zenobia.extract.places import country_names

    rows = acled_rows(
        export_records(store, min_confidence=min_confidence), load_acled_types(), country_names()
    )

    def write(stream: TextIO) -> None:
        write_csv_rows(
            stream, ACLED_COLUMNS, ([csv_cell(row[c]) for c in ACLED_COLUMNS] for row in rows)
        )

    return write_text_export(out, write, newline="")
