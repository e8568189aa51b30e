"""The report's data: the whole store as one JSON-ready dict the page draws from.

It starts from the JSON export (`zenobia.export.json.build_export`), so every id, actor merge and
event cluster is the export's, and keeps what the page shows: an overview of the corpus, the
facts (`zenobia.export.report.facts`), the documents they cite, the summary and the country
outlines of the map. Record lists are packed into compact tables (`zenobia.export.report.pack`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from zenobia._version import __version__
from zenobia.confidence import ConfidenceFloor, ConfidenceTable, load_confidence_table
from zenobia.export.json import build_export
from zenobia.export.report import facts
from zenobia.export.report.documents import (
    choose_documents,
    document_record,
    encoded_size,
    rank_documents,
)
from zenobia.export.report.pack import index_of, pack_table, row_size
from zenobia.store import Store
from zenobia.ui.world import load_world

SCHEMA = 1
"""The version of the report's data layout (the page checks it)."""

TOP_ACTORS = 100
"""Actors listed even when no fact of the report refers to them: the most mentioned."""

Record = dict[str, Any]

_FRAME_BYTES = 2_000
"""Bytes of what holds the tables together: keys, column names, thresholds, notes."""


def build_report(
    store: Store,
    *,
    max_bytes: int,
    show_all: bool = False,
    title: str | None = None,
    table: ConfidenceTable | None = None,
) -> Record:
    """The report's data for `store`.

    Args:
        store: The store to read.
        max_bytes: Bytes the data may take in the page. When the whole corpus does not fit,
            the report covers its most-cited documents, each with its text and its facts
            (`choose_documents`), and `notes` says so.
        show_all: Whether the page opens with every fact shown, whatever its confidence
            (else with those at or above their kind's threshold; the page has a toggle).
        title: What the report is of (the store's file name when None).
        table: The confidence table; the packaged one when None.

    Returns:
        One dict: `overview` of the whole corpus; packed tables (`{"columns", "rows"}`) of
        `documents`, `actors`, `places`, `events`, `quotes`, `claims`, `disagreements` and
        `stances`; `summary`; `world` (country outlines as SVG paths); `thresholds` (kind →
        minimum confidence shown by default) and `notes` for the reader.
    """
    confidence = table or load_confidence_table()
    floor = ConfidenceFloor.of(confidence)
    export = build_export(store, confidence)
    texts = {d["id"]: d["text"] or "" for d in export["documents"]}
    statuses = {stored.document.id: stored.status for stored in store.documents()}
    documents = [document_record(d, statuses.get(d["id"], "analyzed")) for d in export["documents"]]
    actors = facts.actor_records(export["actors"], floor)
    places = facts.place_records(export["places"], floor)
    tables: dict[str, list[Record]] = {
        "events": facts.event_records(export["events"], floor),
        "quotes": facts.quote_records(export["quotes"], floor),
        "claims": facts.claim_records(export["claims"], floor),
        "disagreements": facts.disagreement_records(
            export["disagreements"], export["claims"], texts, floor
        ),
        "stances": facts.stance_records(export["stances"], export["actors"], floor),
    }
    summary = _summary(store, documents, actors)
    overview = _overview(store, documents)
    world = load_world()
    # what the report holds whichever documents it covers (all actors and places: an upper
    # bound, as they are cut to those referenced afterwards)
    fixed_bytes = (
        _FRAME_BYTES
        + encoded_size([overview, summary, world])
        + sum(row_size(record) for record in (*actors, *places))
    )
    ranked = rank_documents(
        [d["id"] for d in documents], (doc_id for doc_id, *_ in _cited_spans(tables))
    )
    costs = _costs(documents, tables, ranked)
    chosen = set(choose_documents(ranked, costs, max_bytes - fixed_bytes))
    documents = [d for d in documents if d["id"] in chosen]
    tables = {name: _within(records, chosen) for name, records in tables.items()}
    summary["sentences"] = [s for s in summary["sentences"] if s["document"] in chosen]
    actors = _referenced_actors(actors, tables)
    places = _referenced_places(places, tables["events"])
    indices = {
        "documents": index_of(documents),
        "actors": index_of(actors),
        "places": index_of(places),
    }
    return {
        "schema": SCHEMA,
        "generator": f"zenobia {__version__}",
        "title": title or Path(store.path).name,
        "show_all": show_all,
        "thresholds": {kind: floor.minimum(kind) for kind in confidence.kinds()},
        "overview": overview,
        "notes": _notes(overview["documents"], len(documents)),
        "documents": pack_table(documents, indices),
        "actors": pack_table(actors, indices),
        "places": pack_table(places, indices),
        **{name: pack_table(records, indices) for name, records in tables.items()},
        "summary": {
            "lead": summary["lead"],
            "sentences": pack_table(summary["sentences"], indices),
        },
        "world": world,
    }


def _cited_spans(tables: dict[str, list[Record]]) -> Iterator[tuple[str, int, int]]:
    """Every (document, start, end) a fact links to."""
    for event in tables["events"]:
        for source in event["sources"]:
            yield source["document"], source["start"], source["end"]
    for record in (*tables["quotes"], *tables["claims"], *tables["stances"]):
        if record["start"] is not None:
            yield record["document"], record["start"], record["end"]
    for disagreement in tables["disagreements"]:
        for side in disagreement["sides"]:
            yield side["document"], side["start"] or 0, side["end"] or 0


def _documents_of(name: str, record: Record) -> list[str]:
    """The documents a fact is told by."""
    if name == "events":
        return [s["document"] for s in record["sources"]]
    if name == "disagreements":
        return [s["document"] for s in record["sides"]]
    return [record["document"]]


def _costs(
    documents: list[Record], tables: dict[str, list[Record]], ranked: list[str]
) -> dict[str, int]:
    """Bytes each document brings: its record, and each fact whose best-ranked document it is
    (a fact told by several documents is in the report when that one is)."""
    rank = {doc_id: i for i, doc_id in enumerate(ranked)}
    costs: defaultdict[str, int] = defaultdict(int)
    for document in documents:
        costs[document["id"]] += row_size(document)
    for name, records in tables.items():
        for record in records:
            told_by = _documents_of(name, record)
            if told_by:
                costs[min(told_by, key=lambda d: rank.get(d, len(rank)))] += row_size(record)
    return costs


def _within(records: list[Record], chosen: set[str]) -> list[Record]:
    """The facts told by chosen documents, each keeping only its chosen documents' spans; a
    disagreement needs two sides left."""
    kept = []
    for record in records:
        if "sources" in record:
            sources = [s for s in record["sources"] if s["document"] in chosen]
            if sources:
                documents = len({s["document"] for s in sources})
                kept.append(record | {"sources": sources, "documents": documents})
        elif "sides" in record:
            sides = [s for s in record["sides"] if s["document"] in chosen]
            if len(sides) >= 2:
                kept.append(record | {"sides": sides})
        elif record["document"] in chosen:
            kept.append(record)
    return kept


def _referenced_actors(actors: list[Record], tables: dict[str, list[Record]]) -> list[Record]:
    """The actors facts refer to, and the `TOP_ACTORS` most mentioned, most mentioned first."""
    wanted = {a for e in tables["events"] for a in (*e["actors"], *e["recipients"])}
    wanted |= {q["speaker"] for q in tables["quotes"] if q["speaker"]}
    wanted |= {s["actor"] for s in tables["stances"]}
    return [a for i, a in enumerate(actors) if i < TOP_ACTORS or a["id"] in wanted]


def _referenced_places(places: list[Record], events: list[Record]) -> list[Record]:
    """The places events happened at, and every geocoded place (the map shows them)."""
    wanted = {e["place"] for e in events if e["place"]}
    return [p for p in places if p["id"] in wanted or p["lat"] is not None]


def _overview(store: Store, documents: list[Record]) -> Record:
    """What the whole corpus is: documents by status, outlets, languages, dates, skips."""
    dates = sorted(d["date"] for d in documents if d["date"])
    return {
        "documents": len(documents),
        "statuses": _ranked(d["status"] for d in documents),
        "outlets": _ranked(d["outlet"] or "unknown outlet" for d in documents),
        "languages": _ranked(d["language"] or "unknown" for d in documents),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "inferred_dates": sum(1 for d in documents if d["date"] and d["inferred"]),
        "undated": len(documents) - len(dates),
        "skipped": [
            {"source": s.source, "reason": s.reason, "message": s.message} for s in store.skips()
        ],
    }


def _ranked(values: Iterable[str]) -> list[list[Any]]:
    """[value, count] pairs, most frequent first."""
    return [[value, count] for value, count in Counter(values).most_common()]


def _summary(store: Store, documents: list[Record], actors: list[Record]) -> Record:
    """The corpus in one line of counts, then the extractive summary's cited sentences."""
    originals = [d for d in documents if d["status"] != "duplicate"]
    outlets = {d["outlet"] or "unknown outlet" for d in originals}
    top = ", ".join([a["name"] for a in actors if a["shown"]][:5])
    lead = f"{len(originals)} documents from {len(outlets)} outlets" + (
        f"; most mentioned actors: {top}." if top else "."
    )
    sentences = [
        {"document": doc_id, "start": start, "end": end}
        for doc_id, start, end, _text, _score in store.summary_sentences()
    ]
    return {"lead": lead, "sentences": sentences}


def _notes(documents: int, covered: int) -> list[str]:
    """What a reader must know about what the report leaves out."""
    if covered >= documents:
        return []
    return [
        f"This report covers the {covered} most-cited of the store's {documents} documents, "
        f"with their facts: the other {documents - covered} are left out to keep the file "
        "small enough to send. `zenobia export --format json` holds them all."
    ]
