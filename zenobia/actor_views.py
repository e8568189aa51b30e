"""Typed rows about the actors and places of a store: lists of them, every mention of one.

"Everything about <name>": `find_actors` takes any name a user may type — a knowledge-base
alias or transliteration ("Hizbullah" for Hezbollah), a name seen in the store, or part of
one — and returns each actor it names with every mention, however written ("the Lebanese
group", "it"), with its document, sentence and span. Actors are the store's (`Store.actors`,
written by corpus resolution), with the ids every export gives them.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, get_args

from zenobia import ids
from zenobia.confidence import ConfidenceFloor, ConfidenceTable, load_confidence_table
from zenobia.errors import ZenobiaError
from zenobia.export.json import actor_records, place_records
from zenobia.extract.actors import actor_key
from zenobia.model import ActorKind, Mention
from zenobia.nlp.gazetteer import load_gazetteer
from zenobia.store import Store

__all__ = [
    "ACTOR_KINDS",
    "ActorMatch",
    "ActorRow",
    "MentionRow",
    "PlaceRow",
    "find_actors",
    "list_actors",
    "list_places",
]

ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)


@dataclass(frozen=True, slots=True)
class ActorRow:
    """One actor as the export has it: `mentions` and `documents` are counts; `confidence`
    is that of its best-supported mention's link."""

    id: str
    name: str
    kind: str | None
    country: str | None
    wikidata: str | None
    aliases: tuple[str, ...]
    mentions: int
    documents: int
    confidence: float | None = None
    confidence_basis: str | None = None


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One mention of an actor, where it is, and how it was linked.

    `start_char`/`end_char` index the document's text; `sentence` is the stored sentence that
    holds it, `sentence_start` where that sentence begins; `link_basis` the rule that linked it
    (None for a name matched as written).
    """

    doc_id: str
    title: str | None
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    link_basis: str | None
    sentence: str
    sentence_start: int
    confidence: float | None = None
    confidence_basis: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor a query named, with its mentions in document order (at most the limit);
    `hidden` counts its mentions below the minimum confidence."""

    actor: ActorRow
    mentions: tuple[MentionRow, ...]
    hidden: int = 0


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One place as the export has it; coordinates are None when it was not geocoded."""

    id: str
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames: int | None
    aliases: tuple[str, ...]
    mentions: int
    documents: int
    confidence: float | None = None
    confidence_basis: str | None = None


def list_places(
    store: Store,
    *,
    country: str | None = None,
    limit: int = 50,
    min_confidence: float | None = None,
    table: ConfidenceTable | None = None,
) -> list[PlaceRow]:
    """The store's places, most mentioned first (only those of `country`, ISO alpha-3).

    A place's confidence is that of its best-supported geocoding; `min_confidence` keeps only
    places at least that confident (None: the default threshold of places in `table`, the
    packaged confidence table when None; 0.0: every place). Places that were not geocoded
    have no confidence and are always listed.
    """
    wanted = country.upper() if country else None
    floor = ConfidenceFloor.of(table or load_confidence_table(), min_confidence)
    rows = [
        PlaceRow(
            id=record["id"],
            name=record["name"],
            country=record["country"],
            admin1=record["admin1"],
            lat=record["lat"],
            lon=record["lon"],
            geonames=record["geonames"],
            aliases=tuple(record["aliases"]),
            mentions=record["mentions"],
            documents=len(record["documents"]),
            confidence=record["confidence"],
            confidence_basis=record["confidence_basis"],
        )
        for record in place_records(store)
        if (wanted is None or record["country"] == wanted)
        and floor.keeps(record["confidence"], record["confidence_basis"])
    ]
    return rows[:limit]


def list_actors(
    store: Store,
    *,
    kind: str | None = None,
    limit: int = 50,
    min_confidence: float | None = None,
    table: ConfidenceTable | None = None,
) -> list[ActorRow]:
    """The store's actors, most mentioned first (only those of `kind`, when given).

    An actor's confidence is that of its best-supported mention's link; `min_confidence`
    keeps only actors at least that confident (None: the default threshold of mentions in
    `table`, the packaged confidence table when None; 0.0: every actor).

    Raises:
        ZenobiaError: `kind` is not one of `ACTOR_KINDS`.
    """
    if kind is not None and kind not in ACTOR_KINDS:
        raise ZenobiaError(
            f"unknown actor kind {kind!r}",
            why=f"the kinds are {', '.join(ACTOR_KINDS)}",
            fix="use one of them with --kind, or leave it out",
        )
    floor = ConfidenceFloor.of(table or load_confidence_table(), min_confidence)
    records = actor_records(store.actors())
    rows = [
        _row(record)
        for record in records
        if (kind is None or record["kind"] == kind)
        and floor.keeps(record["confidence"], record["confidence_basis"])
    ]
    return rows[:limit]


def find_actors(
    store: Store,
    query: str,
    *,
    limit: int = 50,
    min_confidence: float | None = None,
    table: ConfidenceTable | None = None,
) -> list[ActorMatch]:
    """The actors `query` names, each with its mentions (at most `limit` each).

    Args:
        store: The store to read.
        query: A name as a user types it; case, diacritics, hyphens and a leading "the" do
            not matter (`actor_key`).
        limit: Most mentions returned per actor (the row still counts them all).
        min_confidence: Only mentions whose link is at least this confident; None: the
            default threshold of mentions in `table` (the packaged confidence table when
            None); 0.0: every mention. The actor row still counts them all.

    Returns:
        First the knowledge-base actor whose name, alias or demonym the query is, with the
        actors in the store whose name or a written form is the query; when there are none,
        the actors whose name or a written form contains it. Most mentioned first.

    Raises:
        ZenobiaError: The query holds no letter or digit.
    """
    key = actor_key(query)
    if not key.strip():
        raise ZenobiaError(
            f"cannot look up {query!r}",
            why="the name holds no letter or digit",
            fix="give an actor's name, e.g. zenobia actor Hezbollah",
        )
    floor = ConfidenceFloor.of(table or load_confidence_table(), min_confidence)
    links = store.actor_links()
    records = actor_records(store.actors())
    wanted = _named_by(key, records)
    chosen = [record for record in records if record["id"] in wanted]
    by_actor: dict[str, list[Mention]] = defaultdict(list)
    hidden: Counter[str] = Counter()
    for mention in store.mentions():
        found = links.get(mention.id)
        if found is None or found not in wanted:
            continue
        if not floor.keeps(mention.confidence, mention.confidence_basis):
            hidden[found] += 1
        elif len(by_actor[found]) < limit:
            by_actor[found].append(mention)
    rows = _mention_rows(store, [m for record in chosen for m in by_actor[record["id"]]])
    return [
        ActorMatch(
            actor=_row(record),
            mentions=tuple(rows[m.id] for m in by_actor[record["id"]]),
            hidden=hidden[record["id"]],
        )
        for record in chosen
    ]


def _named_by(key: str, records: list[dict[str, Any]]) -> set[str]:
    """Ids of the actors whose names have `key`, or, failing that, contain it."""
    names = {
        record["id"]: {actor_key(name) for name in (record["name"], *record["aliases"])}
        for record in records
    }
    exact = {
        ids.actor_id(ids.actor_group_key(entry, "")) for entry in _knowledge_keys().get(key, ())
    }
    exact |= {id_ for id_, keys in names.items() if key in keys}
    present = exact & names.keys()
    if present:
        return present
    padded = f" {key} "
    return {id_ for id_, keys in names.items() if any(padded in f" {k} " for k in keys)}


@functools.cache
def _knowledge_keys() -> dict[str, tuple[str, ...]]:
    """Knowledge-base entry ids by the key of each of their names, aliases and demonyms."""
    found: dict[str, list[str]] = defaultdict(list)
    for entry in load_gazetteer():
        for name in {entry.canonical, *entry.aliases, *entry.demonyms}:
            found[actor_key(name)].append(entry.id)
    return {key: tuple(ids) for key, ids in found.items()}


def _mention_rows(store: Store, mentions: list[Mention]) -> dict[str, MentionRow]:
    doc_ids = {mention.doc_id for mention in mentions}
    titles = store.document_titles(doc_ids)
    sentences = {(s.doc_id, s.index): s for doc_id in doc_ids for s in store.sentences(doc_id)}
    rows: dict[str, MentionRow] = {}
    for mention in mentions:
        sentence = sentences.get((mention.doc_id, mention.sentence_index))
        rows[mention.id] = MentionRow(
            doc_id=mention.doc_id,
            title=titles.get(mention.doc_id),
            sentence_index=mention.sentence_index,
            start_char=mention.start_char,
            end_char=mention.end_char,
            text=mention.text,
            link_basis=mention.link_basis,
            sentence=sentence.text if sentence is not None else mention.text,
            sentence_start=sentence.start_char if sentence is not None else mention.start_char,
            confidence=mention.confidence,
            confidence_basis=mention.confidence_basis,
        )
    return rows


def _row(record: dict[str, Any]) -> ActorRow:
    return ActorRow(
        id=record["id"],
        name=record["name"],
        kind=record["kind"],
        country=record["country"],
        wikidata=record["wikidata"],
        aliases=tuple(record["aliases"]),
        mentions=record["mentions"],
        documents=len(record["documents"]),
        confidence=record["confidence"],
        confidence_basis=record["confidence_basis"],
    )
