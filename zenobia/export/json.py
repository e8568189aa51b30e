"""The JSON export: one object, field names fixed by DESIGN.md's contract.

Actor ids are shared with the listings (`zenobia.actor_views`): `actor_id` of a mention,
under `merged_actor_ids(store)`, is the id its actor has in the export.
"""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from zenobia._version import __version__
from zenobia.confidence import ConfidenceTable, load_confidence_table
from zenobia.export._atomic import write_text_export
from zenobia.extract.actors import actor_key
from zenobia.extract.events import base_plover
from zenobia.ingest.identity import content_id
from zenobia.model import Document, Event, EventCluster, Mention, Place
from zenobia.nlp.gazetteer import Gazetteer, load_gazetteer
from zenobia.store import Store, StoredMerge

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
    confidence: float | None = None
    confidence_basis: str | None = None

    def count(self, mention: Mention, confidence: float | None, basis: str | None) -> None:
        """Count one mention; the group's confidence is its best-supported mention's."""
        self.mentions += 1
        self.documents[mention.doc_id] = None
        if confidence is not None and (self.confidence is None or confidence > self.confidence):
            self.confidence, self.confidence_basis = confidence, basis


def _group_key(mention: Mention) -> str:
    """Knowledge-base entries group by id; other names by `actor_key` of their canonical form.

    Within a document `link_actors` has already given a surname or short form the full
    name's canonical form, so "Marten" joins "Ilya Marten" only where a document links them;
    across documents only the normalised full form matches (no surname merging).
    """
    if mention.entry_id:
        return f"kb:{mention.entry_id}"
    key = f"name:{actor_key(mention.canonical)}"
    return _ACTOR_MERGES.get().get(key, key)


_ACTOR_MERGES: ContextVar[Mapping[str, str]] = ContextVar(
    "_ACTOR_MERGES", default=MappingProxyType({})
)
"""Name keys merged across documents (`zenobia.resolve.actors`), set by `build_export` for the
duration of one export so that every `actor_id` follows the same merges."""


def actor_id(mention: Mention) -> str:
    """The export id of the actor a mention names; events, quotes and stances refer to it."""
    return content_id("actor", key=_group_key(mention))


@contextlib.contextmanager
def merged_actor_ids(store: Store) -> Iterator[None]:
    """Inside the block, `actor_id` follows the store's actor merges, as the export does."""
    token = _ACTOR_MERGES.set(store.actor_merges())
    try:
        yield
    finally:
        _ACTOR_MERGES.reset(token)


def names_actor(mention: Mention) -> bool:
    """The mention names an actor (a state named as a GPE is a place and an actor too)."""
    if mention.label in ACTOR_LABELS:
        return True
    # A state named as a GPE ("Syria said") is both a place and an actor; a capital that
    # acts was relabelled ORG with its government's entry by `link_actors`.
    return mention.kind not in (None, "place")


def actor_reference(mention: Mention | None) -> str | None:
    """The actor id a fact gives for `mention` (a speaker, a holder): None when there is no
    mention or it names no actor, so that the reference resolves to an actor record."""
    return actor_id(mention) if mention is not None and names_actor(mention) else None


def _group(mentions: Iterable[Mention]) -> tuple[dict[str, _Group], dict[str, _Group]]:
    actors: dict[str, _Group] = {}
    places: dict[str, _Group] = {}
    for mention in mentions:
        targets = []
        if names_actor(mention):
            targets.append(actors)
        if mention.label in PLACE_LABELS:
            targets.append(places)
        for groups in targets:
            key = _group_key(mention)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(mention.canonical, mention.kind, mention.country)
            group.count(mention, mention.confidence, mention.confidence_basis)
            if mention.text != group.name and mention.is_alias:
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


def place_records(store: Store, mentions: Iterable[Mention] | None = None) -> list[dict[str, Any]]:
    """The contract's place records, most mentioned first (see `_place_records`); `mentions`
    are the store's, when the caller has already read them."""
    with merged_actor_ids(store):
        return _place_records(store, mentions)


def _place_records(store: Store, mentions: Iterable[Mention] | None = None) -> list[dict[str, Any]]:
    """Places from the places table, grouped by the mentions' `place_id`.

    Mentions that were not geocoded are grouped by name as before and keep null coordinates.
    """
    known = store.places()
    groups: dict[str, _Group] = {}
    ids: dict[str, str] = {}
    for mention in store.mentions() if mentions is None else mentions:
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
        group.count(mention, mention.place_confidence, mention.place_basis)
        if mention.text != group.name and mention.is_alias:
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
                "confidence": group.confidence,
                "confidence_basis": group.confidence_basis,
            }
        )
    return records


def _quote_records(store: Store) -> list[dict[str, Any]]:
    """Quotes per the contract; `speaker` is the actor id of the speaker's mention, if linked."""
    mentions = {m.id: m for m in store.mentions()}
    records = []
    for quote in store.quotes():
        speaker = mentions.get(quote.speaker_mention_id) if quote.speaker_mention_id else None
        records.append(
            {
                "id": quote.id,
                "document": quote.doc_id,
                "text": quote.text,
                "direct": quote.is_direct,
                "speaker": actor_reference(speaker),
                "speaker_name": quote.speaker_name,
                "affiliation": quote.affiliation,
                "start": quote.start_char,
                "end": quote.end_char,
                "cue": quote.cue,
                "cue_start": quote.cue_start,
                "cue_end": quote.cue_end,
                "cue_stance": quote.cue_stance,
                "confidence": quote.confidence,
                "confidence_basis": quote.confidence_basis,
            }
        )
    return records


def event_place_id(mention: Mention | None, known: dict[str, Place]) -> str | None:
    """The export id of the place an event's place mention names, as `_place_records` gives it.

    A mention not labelled as a place and not geocoded has no place record: None.
    """
    if mention is None:
        return None
    if mention.place_id and mention.place_id in known:
        return mention.place_id
    if mention.label not in PLACE_LABELS:
        return None
    return content_id("place", key=_group_key(mention))


def event_actor_ids(mention_ids: Iterable[str], mentions: dict[str, Mention]) -> list[str]:
    """Actor ids of an event's role mentions; mentions that name no actor are left out."""
    ids: dict[str, None] = {}
    for mention_id in mention_ids:
        mention = mentions.get(mention_id)
        if mention is not None and names_actor(mention):
            ids.setdefault(actor_id(mention), None)
    return list(ids)


def _event_source(event: Event, text: str) -> dict[str, Any]:
    """One document's telling of an event: its sentence, offsets, trigger and role phrases."""
    return {
        "document": event.doc_id,
        "sentence": text[event.start_char : event.end_char],
        "start": event.start_char,
        "end": event.end_char,
        "event": event.id,
        "status": event.status,
        "trigger": {
            "text": text[event.trigger_start : event.trigger_end],
            "start": event.trigger_start,
            "end": event.trigger_end,
        },
        "source_text": event.source_text,
        "target_text": event.target_text,
        "confidence": event.confidence,
        "confidence_basis": event.confidence_basis,
    }


def _event_records(store: Store) -> list[dict[str, Any]]:
    """Events per the contract: one record per merged event cluster (zenobia.resolve.events).

    An event merged from five documents has five sources and one id (the cluster id); the
    type, actors, place, date and status are the cluster's representative values. Events the
    store holds but resolution has not clustered yet are exported alone, with the id their
    one-member cluster would have. `trigger`, `source_text` and `target_text` at the top are
    those of the representative member (each source carries its own).
    """
    from zenobia.resolve.events import cluster_id  # resolve imports this module

    mentions = {m.id: m for m in store.mentions()}
    known = store.places()
    texts = {stored.document.id: stored.document.text for stored in store.documents()}
    events = {event.id: event for event in store.events()}
    clusters = list(store.event_clusters())
    covered = {event_id for cluster in clusters for event_id in cluster.event_ids}
    records = []
    for cluster in clusters:
        members = [events[e] for e in cluster.event_ids if e in events]
        if not members:
            continue
        lead = next(
            (m for m in members if (m.type, m.mode) == (cluster.type, cluster.mode)), members[0]
        )
        records.append(_event_record(cluster.id, cluster, members, lead, texts))
    for event in events.values():
        if event.id in covered:
            continue
        place = mentions.get(event.place_mention_id) if event.place_mention_id else None
        alone = EventCluster(
            id=cluster_id([event.id]),
            event_ids=(event.id,),
            type=event.type,
            mode=event.mode,
            context=event.context,
            actors=tuple(event_actor_ids(event.source_mention_ids, mentions)),
            recipients=tuple(event_actor_ids(event.target_mention_ids, mentions)),
            place_id=event_place_id(place, known),
            date=event.date,
            status=event.status,
            dead=event.dead,
            injured=event.injured,
            confidence_basis=event.confidence_basis,
            confidence=event.confidence,
        )
        records.append(_event_record(alone.id, alone, [event], event, texts))
    return records


def _event_record(
    record_id: str,
    cluster: EventCluster,
    members: list[Event],
    lead: Event,
    texts: dict[str, str],
) -> dict[str, Any]:
    base_type, base_mode, base_context = base_plover(cluster.type, cluster.mode, cluster.context)
    lead_source = _event_source(lead, texts.get(lead.doc_id, ""))
    return {
        "id": record_id,
        "type": cluster.type,
        "mode": cluster.mode,
        "context": list(cluster.context),
        "actors": list(cluster.actors),
        "recipients": list(cluster.recipients),
        "place": cluster.place_id,
        "date": (
            {"start": cluster.date.start, "end": cluster.date.end, "basis": cluster.date.basis}
            if cluster.date
            else None
        ),
        "status": cluster.status,
        "dead": cluster.dead,
        "injured": cluster.injured,
        "sources": [_event_source(m, texts.get(m.doc_id, "")) for m in members],
        "source_text": lead.source_text,
        "target_text": lead.target_text,
        "trigger": lead_source["trigger"],
        "base_plover": {"type": base_type, "mode": base_mode, "context": list(base_context)},
        "confidence": cluster.confidence,
        "confidence_basis": cluster.confidence_basis,
    }


def _disagreement_records(store: Store) -> list[dict[str, Any]]:
    """Disagreements per the contract, as the resolvers wrote them (every kind)."""
    return [
        {
            "id": d.id,
            "about": d.about,
            "kind": d.kind,
            "sides": [{"document": s.document, "claim": s.claim, "text": s.text} for s in d.sides],
            "confidence": d.confidence,
            "confidence_basis": d.confidence_basis,
        }
        for d in store.disagreements()
    ]


def _stance_records(store: Store) -> list[dict[str, Any]]:
    """Stances per the contract, plus `holder`: null for the document's own voice, else the
    actor id of the speaker who holds the stance (fields may be added to the contract)."""
    stances = list(store.stances())
    wanted = {s.actor_mention_id for s in stances} | {
        s.holder_mention_id for s in stances if s.holder_mention_id
    }
    mentions = {m.id: m for m in store.mentions() if m.id in wanted}
    records = []
    for stance in stances:
        actor = mentions.get(stance.actor_mention_id)
        if actor is None or not names_actor(actor):
            continue  # a stance toward a place that is no actor would name no actor record
        holder = mentions.get(stance.holder_mention_id) if stance.holder_mention_id else None
        records.append(
            {
                "document": stance.doc_id,
                "actor": actor_id(actor),
                "polarity": stance.polarity,
                "score": stance.score,
                "evidence": [{"start": start, "end": end} for start, end in stance.evidence],
                "holder": actor_reference(holder),
                "confidence": stance.confidence,
                "confidence_basis": stance.confidence_basis,
            }
        )
    return records


def _number(value: float | None) -> float | int | None:
    """Whole numbers as JSON integers (470000, not 470000.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _claim_records(store: Store) -> list[dict[str, Any]]:
    """Numeric claims per the contract; `start`/`end` span the sentence, `value_start`/
    `value_end` the number; `speaker` is the actor id of the mention that said it, if any;
    `corroborations`/`contradictions` count claims of other documents that agree or disagree
    (zenobia.resolve.claims; 0 when the claim was compared with none)."""
    mentions = {m.id: m for m in store.mentions()}
    support = store.claim_support()
    records = []
    for claim in store.claims():
        speaker = mentions.get(claim.speaker_mention_id) if claim.speaker_mention_id else None
        corroborations, contradictions = support.get(claim.id, (0, 0))
        records.append(
            {
                "id": claim.id,
                "document": claim.doc_id,
                "value": _number(claim.value),
                "value_high": _number(claim.value_high),
                "unit": claim.unit,
                "of": claim.of,
                "qualifier": claim.qualifier,
                "sentence": claim.sentence,
                "start": claim.start_char,
                "end": claim.end_char,
                "text": claim.text,
                "value_start": claim.value_start,
                "value_end": claim.value_end,
                "speaker": actor_reference(speaker),
                "corroborations": corroborations,
                "contradictions": contradictions,
                "confidence": claim.confidence,
                "confidence_basis": claim.confidence_basis,
            }
        )
    return records


def build_export(store: Store, table: ConfidenceTable | None = None) -> dict[str, Any]:
    """The whole store as one JSON-ready object, per the contract.

    Actor ids follow the store's actor merges (`actor_merges` table, zenobia.resolve.actors).

    Every fact is exported, each with its `confidence` and `confidence_basis`; the top-level
    `min_confidence` holds, per kind of fact (the first segment of a basis), the threshold
    the listings apply by default (from `table`, the packaged confidence table when None),
    so that a reader can keep what `zenobia events` would show. Nothing is filtered here:
    every cross-reference must resolve inside the file, and a quote whose speaker's actor
    was left out would dangle.
    """
    with merged_actor_ids(store):
        return _build_export(store, table or load_confidence_table())


def actor_records(
    mentions: Iterable[Mention], gazetteer: Gazetteer | None = None
) -> list[dict[str, Any]]:
    """The contract's actor records for these mentions, most mentioned first.

    Args:
        mentions: Mentions of any label; those that name no actor are left out.
        gazetteer: Where the Wikidata ids of knowledge-base actors come from; the packaged
            one when None.

    Notes:
        Call inside `merged_actor_ids(store)` so that ids follow the store's merges.
    """
    known = gazetteer if gazetteer is not None else load_gazetteer()
    groups, _ = _group(mentions)
    records = []
    for key, group in sorted(groups.items(), key=lambda kv: -kv[1].mentions):
        entry = known.get(key.removeprefix("kb:")) if key.startswith("kb:") else None
        records.append(
            {
                "id": content_id("actor", key=key),
                "name": group.name,
                "kind": group.kind,
                "country": group.country,
                "aliases": sorted(group.aliases),
                "wikidata": entry.wikidata if entry is not None else None,
                "mentions": group.mentions,
                "documents": list(group.documents),
                "confidence": group.confidence,
                "confidence_basis": group.confidence_basis,
            }
        )
    return records


def _build_export(store: Store, table: ConfidenceTable) -> dict[str, Any]:
    documents = [_document_record(stored.document) for stored in store.documents()]
    actors = actor_records(store.mentions())
    _add_merges(actors, store.actor_merge_rows())
    places = _place_records(store)
    return {
        "schema": SCHEMA,
        "generator": f"zenobia {__version__}",
        "min_confidence": {kind: table.threshold(kind) for kind in table.kinds()},
        "documents": documents,
        "actors": actors,
        "places": places,
        "events": _event_records(store),
        "quotes": _quote_records(store),
        "claims": _claim_records(store),
        "disagreements": _disagreement_records(store),
        "stances": _stance_records(store),
        "summary": _summary(documents, actors, store.summary_sentences()),
    }


def _add_merges(actors: list[dict[str, Any]], merges: Iterable[StoredMerge]) -> None:
    """Give each actor record the name keys merged into it across documents (`merges`), each
    with its basis and confidence: a merge is a fact of its own, and may be wrong."""
    by_actor: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for merge in merges:
        by_actor[content_id("actor", key=merge.into_key)].append(
            {
                "from": merge.from_key.removeprefix("name:"),
                "basis": merge.basis,
                "confidence": merge.confidence,
                "confidence_basis": merge.confidence_basis,
            }
        )
    for record in actors:
        record["merges"] = by_actor.get(record["id"], [])


def _summary(
    documents: list[dict[str, Any]],
    actors: list[dict[str, Any]],
    sentences: Iterable[tuple[str, int, int, str, float]] = (),
) -> str:
    """Counts, then the resolved extractive summary's sentences with inline citations."""
    originals = [d for d in documents if d["duplicate_of"] is None]
    outlets: defaultdict[str, int] = defaultdict(int)
    for d in originals:
        outlets[d["outlet"] or "unknown outlet"] += 1
    top = ", ".join(a["name"] for a in actors[:5])
    counts = f"{len(originals)} documents from {len(outlets)} outlets" + (
        f"; most mentioned actors: {top}." if top else "."
    )
    # the citation format of zenobia.resolve.summary.summary_text (not imported: resolve
    # imports this module)
    extract = " ".join(
        f"{text.strip()} (doc {doc_id}, {start}-{end})" for doc_id, start, end, text, _ in sentences
    )
    return f"{counts} {extract}" if extract else counts


def write_json(store: Store, out: str | Path) -> Path:
    """Write the JSON export to `out` atomically (a temporary file renamed into place), or to
    standard output when `out` is "-"."""
    return write_text_export(
        out, lambda stream: json.dump(build_export(store), stream, ensure_ascii=False, indent=1)
    )
