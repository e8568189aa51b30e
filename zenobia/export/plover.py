"""The PLOVER export: one JSON object a line, in the PLOVER manual's field names.

Each zenobia event becomes one PLOVER record: `id`, `date`, `actor`, `recipient`, `event`,
`mode`, `context`, `event_loc`, `text_info` (the sentence with character offsets of the
sentence and the trigger), `cite_info` (the document), plus `dead`/`injured` and the
zenobia `status`. TAKE_CONTROL is written as its base PLOVER type and mode (per
`data/plover_extension.csv`), with the extension kept in `zenobia_type`/`zenobia_mode`, so
PLOVER consumers see only PLOVER types. Each record also carries its `confidence` and
`confidence_basis`; by default only events at or above the event threshold of the confidence
table are written (a PLOVER file is read as a list of events that happened, and counted), and
`min_confidence=0.0` writes every one.

Notes:
    Field names follow the PLOVER manual (draft 0.8, 2021) and the PLOVER gold standard
    records (`PLOVER_GSR_CAMEO`): `actor`/`recipient` hold lists of
    `{"actor_text", "actor_id", "kind", "country"}`; `event_loc` holds
    `{"place_id", "name", "lat", "lon", "country"}`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from zenobia.confidence import ConfidenceFloor, ConfidenceTable, load_confidence_table
from zenobia.export._atomic import write_atomically
from zenobia.export.json import actor_id, event_place_id
from zenobia.extract.events import base_plover
from zenobia.model import Event, Mention, Place
from zenobia.store import Store

__all__ = ["plover_records", "write_plover"]


def _actors(ids: tuple[str, ...], text: str | None, mentions: dict[str, Mention]) -> list[Any]:
    found = [mentions[i] for i in ids if i in mentions]
    if not found:
        return [{"actor_text": text, "actor_id": None}] if text else []
    return [
        {
            "actor_text": m.text,
            "actor_id": actor_id(m),
            "name": m.canonical,
            "kind": m.kind,
            "country": m.country,
        }
        for m in found
    ]


def _location(event: Event, mentions: dict[str, Mention], places: dict[str, Place]) -> Any:
    mention = mentions.get(event.place_mention_id) if event.place_mention_id else None
    if mention is None:
        return None
    place = places.get(mention.place_id) if mention.place_id else None
    return {
        "place_id": event_place_id(mention, places),
        "name": place.name if place else mention.canonical,
        "text": mention.text,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country": place.country if place else mention.country,
    }


def plover_records(
    store: Store, *, min_confidence: float | None = None, table: ConfidenceTable | None = None
) -> list[dict[str, Any]]:
    """The stored events as PLOVER records.

    Args:
        store: The store to read.
        min_confidence: Only events at least this confident; None: the default threshold of
            events in `table`; 0.0: every event.
        table: The confidence table; the packaged one when None.
    """
    floor = ConfidenceFloor.of(table or load_confidence_table(), min_confidence)
    mentions = {m.id: m for m in store.mentions()}
    places = store.places()
    documents = {s.document.id: s.document for s in store.documents()}
    records = []
    for event in store.events():
        if not floor.keeps(event.confidence, event.confidence_basis):
            continue
        document = documents.get(event.doc_id)
        text = document.text if document else ""
        type_, mode, context = base_plover(event.type, event.mode, event.context)
        records.append(
            {
                "id": event.id,
                "date": event.date.start if event.date else None,
                "date_end": event.date.end if event.date else None,
                "actor": _actors(event.source_mention_ids, event.source_text, mentions),
                "recipient": _actors(event.target_mention_ids, event.target_text, mentions),
                "event": type_,
                "mode": mode,
                "context": list(context),
                "zenobia_type": event.type,
                "zenobia_mode": event.mode,
                "status": event.status,
                "dead": event.dead,
                "injured": event.injured,
                "confidence": event.confidence,
                "confidence_basis": event.confidence_basis,
                "event_loc": _location(event, mentions, places),
                "text_info": {
                    "text": text[event.start_char : event.end_char],
                    "start": event.start_char,
                    "end": event.end_char,
                    "event_text": text[event.trigger_start : event.trigger_end],
                    "event_start": event.trigger_start,
                    "event_end": event.trigger_end,
                },
                "cite_info": {
                    "document": event.doc_id,
                    "source": document.source if document else None,
                    "title": document.title if document else None,
                    "outlet": document.outlet if document else None,
                    "url": document.url if document else None,
                    "published": document.published.date if document else None,
                },
            }
        )
    return records


def write_plover(store: Store, out: str | Path, *, min_confidence: float | None = None) -> Path:
    """Write the PLOVER JSONL export to `out` atomically (a temporary file renamed into place).

    `min_confidence` is that of `plover_records`.
    """

    def write(stream: TextIO) -> None:
        for record in plover_records(store, min_confidence=min_confidence):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    return write_atomically(out, write)
