"""The PLOVER export: one JSON object a line, in the field names of the PLOVER specification.

Each document's telling of an event becomes one PLOVER record, and `link` names the merged
event (the JSON export's event id) that every telling of one real-world event shares. Fields
(PLOVER manual, chapter "Data Fields"): `id`, `date`, `enddate`, `actor` and `recipient` (lists
of entity objects: `code` the country, `sector`, `entity_text`, `identifier_id` the Wikidata
id, `identifier_text` the canonical name), `event`, `mode` and `context` (lists, as the manual
has them), `quad_code`, `event_loc` (the manual's location object: `extracted_place`,
`resolved_place`, `geonameid`, `lat`, `lon`, `country`, `country_code`, `resolution`),
`event_text`, `text`, `text_info` (`sequence`, `start`, `end`), `cite_info` (`citation`,
`url`, `title`, `language`, `publication`, `coder`, `codebook`), `link`, `dead`, `injured`.

TAKE_CONTROL is written as its base PLOVER type and mode (per `data/plover_extension.csv`),
with the extension kept in `zenobia_type`/`zenobia_mode`, so PLOVER consumers see only PLOVER
types; `event_type` repeats the one type as a string. Each record also carries `status`,
`confidence` and `confidence_basis`, and each entity its `kind` and `actor_id`, the id of the
actor it names in the JSON export (null for a mention that names no actor: a place). By
default only events at or above the event threshold of the confidence table are written (a
PLOVER file is read as a list of events that happened, and counted); `min_confidence=0.0`
writes every one.

Notes:
    Field names follow the PLOVER manual (Open Event Data Alliance, draft 2.0, 2024, tables
    "PLOVER JSON", "Information object for entities", "Location object", "Information object
    for citations"); `event_type` is the name POLECAT, the PLOVER-coded data set, gives the
    type.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from zenobia import ids
from zenobia._version import __version__
from zenobia.confidence import ConfidenceFloor, ConfidenceTable, load_confidence_table
from zenobia.export._atomic import write_text_export
from zenobia.export.json import event_place_id
from zenobia.extract.events import base_plover
from zenobia.model import Document, Event, Mention, Place
from zenobia.nlp.gazetteer import Gazetteer, load_gazetteer
from zenobia.store import Store
from zenobia.ui.quad import QuadClass, quad_class

__all__ = ["CODEBOOK", "plover_records", "write_plover"]

CODEBOOK = "PLOVER 2.0 (draft) + zenobia TAKE_CONTROL"
"""The codebook `cite_info` names: the PLOVER manual's version, and zenobia's extension."""

QUAD_CODES: dict[QuadClass, int] = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}
"""The manual's numbers for the quad classes (table "Quad categories in PLOVER")."""

RESOLUTION = {"country": 1, "admin1": 2, "region": 2, "city": 4}
"""The manual's location `resolution` (1 country, 2 province, 3 district, 4 city) by the kind
of place; a curated region counts as a province."""


def _entities(
    mention_ids: tuple[str, ...],
    text: str | None,
    mentions: Mapping[str, Mention],
    links: Mapping[str, str],
    gazetteer: Gazetteer,
) -> list[dict[str, Any]]:
    found = [mentions[i] for i in mention_ids if i in mentions]
    if not found:
        return [{"entity_text": text, "actor_id": None}] if text else []
    entities = []
    for mention in found:
        entry = gazetteer.get(mention.entry_id) if mention.entry_id else None
        entities.append(
            {
                "code": mention.country,
                "sector": entry.sector if entry else None,
                "entity_text": mention.text,
                "identifier_id": entry.wikidata if entry else None,
                "identifier_text": mention.canonical,
                "actor_id": links.get(mention.id),
                "kind": mention.kind,
            }
        )
    return entities


def _location(
    event: Event,
    mentions: Mapping[str, Mention],
    places: dict[str, Place],
    countries: Mapping[str, str],
) -> dict[str, Any] | None:
    mention = mentions.get(event.place_mention_id) if event.place_mention_id else None
    if mention is None:
        return None
    place = places.get(mention.place_id) if mention.place_id else None
    code = place.country if place else mention.country
    return {
        "extracted_place": mention.text,
        "resolved_place": place.name if place else mention.canonical,
        "geonameid": place.geonames if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country": countries.get(code, code) if code else None,
        "country_code": code,
        "resolution": RESOLUTION.get(place.feature) if place else None,
        "place_id": event_place_id(mention, places),
    }


def _citation(document: Document | None, doc_id: str) -> dict[str, Any]:
    return {
        "citation": doc_id,
        "url": document.url if document else None,
        "title": document.title if document else None,
        "language": document.language if document else None,
        "publication": document.outlet if document else None,
        "published": document.published.date if document else None,
        "source": document.source if document else None,
        "coder": f"zenobia {__version__}",
        "codebook": CODEBOOK,
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
    return _plover_records(
        store, ConfidenceFloor.of(table or load_confidence_table(), min_confidence)
    )


def _plover_records(store: Store, floor: ConfidenceFloor) -> list[dict[str, Any]]:
    from zenobia.extract.places import country_names

    mentions = {m.id: m for m in store.mentions()}
    actors = store.actor_links()
    places = store.places()
    documents = {s.document.id: s.document for s in store.documents()}
    links = store.event_cluster_ids()
    gazetteer, countries = load_gazetteer(), country_names()
    records = []
    for event in store.events():
        if not floor.keeps(event.confidence, event.confidence_basis):
            continue
        document = documents.get(event.doc_id)
        text = document.text if document else ""
        type_, mode, context = base_plover(event.type, event.mode, event.context)
        # the class of the type written: a PLOVER reader expects RETREAT's, whatever it was
        quad = quad_class(type_)
        records.append(
            {
                "id": event.id,
                "date": event.date.start if event.date else None,
                "enddate": event.date.end if event.date else None,
                "actor": _entities(
                    event.source_mention_ids, event.source_text, mentions, actors, gazetteer
                ),
                "recipient": _entities(
                    event.target_mention_ids, event.target_text, mentions, actors, gazetteer
                ),
                "event": [type_],
                "event_type": type_,
                "mode": [mode] if mode else [],
                "context": list(context),
                "quad_code": QUAD_CODES[quad] if quad else None,
                "event_loc": _location(event, mentions, places, countries),
                "event_text": [text[event.trigger_start : event.trigger_end]],
                "text": text[event.start_char : event.end_char],
                "text_info": {
                    "sequence": event.sentence_index,
                    "start": event.start_char,
                    "end": event.end_char,
                    "event_start": event.trigger_start,
                    "event_end": event.trigger_end,
                },
                "cite_info": _citation(document, event.doc_id),
                "link": links.get(event.id) or ids.cluster_id([event.id]),
                "dead": event.dead,
                "injured": event.injured,
                "zenobia_type": event.type,
                "zenobia_mode": event.mode,
                "status": event.status,
                "confidence": event.confidence,
                "confidence_basis": event.confidence_basis,
            }
        )
    return records


def write_plover(store: Store, out: str | Path, *, min_confidence: float | None = None) -> Path:
    """Write the PLOVER JSONL export to `out` atomically ("-": standard output).

    `min_confidence` is that of `plover_records`.
    """

    def write(stream: TextIO) -> None:
        for record in plover_records(store, min_confidence=min_confidence):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    return write_text_export(out, write)
