"""The JSON export: one object, field names fixed by DESIGN.md's contract.

Parts not built yet (events, quotes, claims, disagreements, stances) are empty lists, so a
consumer written against the contract works today and keeps working as they fill in.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zenobia._version import __version__
from zenobia.errors import ExportError
from zenobia.extract.actors import actor_key
from zenobia.ingest.identity import content_id
from zenobia.model import Document, Mention
from zenobia.store import Store

SCHEMA = 1

ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
"""Labels whose mentions name actors. GPE mentions of a known state or capital are places here
and actors too when the knowledge base says the entry acts (a government, an army)."""

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(slots=True)
class _Group:
    name: str
    kind: str | None = None
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    documents: dict[str, None] = field(default_factory=dict)


def _group_key(mention: Mention) -> str:
    """Knowledge-base entries group by id; other names by `actor_key` of their canonical form.

    Within a document `link_actors` has already given a surname or short form the full
    name's canonical form, so "Marten" joins "Ilya Marten" only where a document links them;
    across documents only the normalised full form matches (no surname merging).
    """
    if mention.entry_id:
        return f"kb:{mention.entry_id}"
    return f"name:{actor_key(mention.canonical)}"


def actor_id(mention: Mention) -> str:
    """The export id of the actor a mention names; events, quotes and stances refer to it."""
    return content_id("actor", key=_group_key(mention))


def _is_actor(mention: Mention) -> bool:
    if mention.label in ACTOR_LABELS:
        return True
    # A state named as a GPE ("Syria said") is both a place and an actor; a capital that
    # acts was relabelled ORG with its government's entry by `link_actors`.
    return mention.kind not in (None, "place")


def _group(mentions: Iterable[Mention]) -> tuple[dict[str, _Group], dict[str, _Group]]:
    actors: dict[str, _Group] = {}
    places: dict[str, _Group] = {}
    for mention in mentions:
        targets = []
        if _is_actor(mention):
            targets.append(actors)
        if mention.label in PLACE_LABELS:
            targets.append(places)
        for groups in targets:
            key = _group_key(mention)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(mention.canonical, mention.kind, mention.country)
            group.mentions += 1
            group.documents[mention.doc_id] = None
            if mention.text != group.name:
                group.aliases.add(mention.text)
    return actors, places


def _document_record(document: Document) -> dict[str, Any]:
    published = document.published
    return {
        "id": document.id,
        "source": document.source,
        "title": document.title,
        "author": document.author,
        "outlet": document.outlet,
        "url": document.url,
        "language": document.language,
        "published": {
            "date": published.date,
            "inferred": published.is_inferred,
            "basis": published.basis,
            "precision": published.precision,
            "not_before": published.not_before,
        },
        "text": document.text,
        "comments": [{"author": c.author, "text": c.text} for c in document.comments],
        "duplicate_of": document.duplicate_of,
    }


def _place_records(store: Store) -> list[dict[str, Any]]:
    """Places from the places table, grouped by the mentions' `place_id`.

    Mentions that were not geocoded are grouped by name as before and keep null coordinates.
    """
    known = store.places()
    groups: dict[str, _Group] = {}
    ids: dict[str, str] = {}
    for mention in store.mentions():
        if mention.label not in PLACE_LABELS:
            continue
        place = known.get(mention.place_id) if mention.place_id else None
        key = f"place:{place.id}" if place else _group_key(mention)
        group = groups.get(key)
        if group is None:
            name = place.name if place else mention.canonical
            country = place.country if place else mention.country
            group = groups[key] = _Group(name, None, country)
            ids[key] = place.id if place else content_id("place", key=key)
        group.mentions += 1
        group.documents[mention.doc_id] = None
        if mention.text != group.name:
            group.aliases.add(mention.text)
    records = []
    for key, group in sorted(groups.items(), key=lambda kv: -kv[1].mentions):
        place = known.get(ids[key])
        records.append(
            {
                "id": ids[key],
                "name": group.name,
                "aliases": sorted(group.aliases),
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "country": group.country,
                "geonames": place.geonames if place else None,
                "feature": place.feature if place else None,
                "admin1": place.admin1 if place else None,
                "mentions": group.mentions,
                "documents": list(group.documents),
            }
        )
    return records


def build_export(store: Store) -> dict[str, Any]:
    """The whole store as one JSON-ready object, per the contract."""
    documents = [_document_record(stored.document) for stored in store.documents()]
    actor_groups, _ = _group(store.mentions())
    actors = [
        {
            "id": content_id("actor", key=key),
            "name": group.name,
            "kind": group.kind,
            "country": group.country,
            "aliases": sorted(group.aliases),
            "wikidata": None,
            "mentions": group.mentions,
            "documents": list(group.documents),
        }
        for key, group in sorted(actor_groups.items(), key=lambda kv: -kv[1].mentions)
    ]
    places = _place_records(store)
    return {
        "schema": SCHEMA,
        "generator": f"zenobia {__version__}",
        "documents": documents,
        "actors": actors,
        "places": places,
        "events": [],
        "quotes": [],
        "claims": [],
        "disagreements": [],
        "stances": [],
        "summary": _summary(documents, actors),
    }


def _summary(documents: list[dict[str, Any]], actors: list[dict[str, Any]]) -> str:
    originals = [d for d in documents if d["duplicate_of"] is None]
    outlets: defaultdict[str, int] = defaultdict(int)
    for d in originals:
        outlets[d["outlet"] or "unknown outlet"] += 1
    top = ", ".join(a["name"] for a in actors[:5])
    return f"{len(originals)} documents from {len(outlets)} outlets" + (
        f"; most mentioned actors: {top}." if top else "."
    )


def write_json(store: Store, out: str | Path) -> Path:
    """Write the JSON export to `out` atomically (a temporary file renamed into place)."""
    target = Path(out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(build_export(store), stream, ensure_ascii=False, indent=1)
        Path(tmp).replace(target)
    except OSError as err:
        raise ExportError(
            f"cannot write {target}",
            why=err.strerror or str(err),
            fix="choose a writable --out path",
        ) from err
    return target
