"""The JSON export: one object, field names fixed by DESIGN.md's contract.

Actors are the store's (`Store.actors`, written by corpus resolution), and every reference to
one (an event's actors, a quote's or claim's speaker, a stance's actor and holder) is the
stored link of the mention it names (`Store.actor_links`), so that each resolves to an actor
record of the same file. Place and event ids come from `zenobia.ids`, as everywhere.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zenobia import ids
from zenobia._version import __version__
from zenobia.confidence import ConfidenceTable, load_confidence_table
from zenobia.export._atomic import write_text_export
from zenobia.extract.events import base_plover
from zenobia.model import Actor, Document, Event, EventCluster, Mention, Place
from zenobia.store import Store, StoredMerge

SCHEMA = 1


@dataclass(slots=True)
class _Group:
    name: str
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


def actor_references(mention_ids: Iterable[str], links: Mapping[str, str]) -> list[str]:
    """The actors some mentions name (`Store.actor_links`), each once, in order; mentions
    that name no actor are left out."""
    return list(dict.fromkeys(links[m] for m in mention_ids if m in links))


def event_place_id(mention: Mention | None, known: Mapping[str, Place]) -> str | None:
    """The id of the place a mention names (`zenobia.ids.place_id`), as the place records
    have it; None when there is no mention or it names no place."""
    if mention is None:
        return None
    geocoded = mention.place_id if mention.place_id in known else None
    return ids.place_id(mention.label, geocoded, mention.entry_id, mention.canonical)


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
    """The contract's place records, most mentioned first; `mentions` are the store's, when
    the caller has already read them.

    A place is a geocoded place of the places table, or, for a mention labelled as a place
    that was not geocoded, its name (`zenobia.ids.place_id`), with null coordinates. Every
    mention `event_place_id` gives an id counts for the place of that id.
    """
    known = store.places()
    groups: dict[str, _Group] = {}
    for mention in store.mentions() if mentions is None else mentions:
        place_id = event_place_id(mention, known)
        if place_id is None:
            continue
        group = groups.get(place_id)
        if group is None:
            place = known.get(place_id)
            name = place.name if place else mention.canonical
            country = place.country if place else mention.country
            group = groups[place_id] = _Group(name, country)
        group.count(mention, mention.place_confidence, mention.place_basis)
        if mention.text != group.name and mention.is_alias:
            group.aliases.add(mention.text)
    records = []
    for place_id, group in sorted(groups.items(), key=lambda kv: -kv[1].mentions):
        place = known.get(place_id)
        records.append(
            {
                "id": place_id,
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


def _quote_records(store: Store, links: Mapping[str, str]) -> list[dict[str, Any]]:
    """Quotes per the contract; `speaker` is the actor the speaker's mention names, if any."""
    records = []
    for quote in store.quotes():
        records.append(
            {
                "id": quote.id,
                "document": quote.doc_id,
                "text": quote.text,
                "direct": quote.is_direct,
                "speaker": links.get(quote.speaker_mention_id or ""),
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


def _event_records(store: Store, links: Mapping[str, str]) -> list[dict[str, Any]]:
    """Events per the contract: one record per merged event cluster (zenobia.resolve.events).

    An event merged from five documents has five sources and one id (the cluster id); the
    type, actors, place, date and status are the cluster's representative values. Events the
    store holds but resolution has not clustered yet are exported alone, with the id their
    one-member cluster would have. `trigger`, `source_text` and `target_text` at the top are
    those of the representative member (each source carries its own).
    """
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
            id=ids.cluster_id([event.id]),
            event_ids=(event.id,),
            type=event.type,
            mode=event.mode,
            context=event.context,
            actors=tuple(actor_references(event.source_mention_ids, links)),
            recipients=tuple(actor_references(event.target_mention_ids, links)),
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


def _stance_records(store: Store, links: Mapping[str, str]) -> list[dict[str, Any]]:
    """Stances per the contract, plus `holder`: null for the document's own voice, else the
    actor id of the speaker who holds the stance (fields may be added to the contract). A
    stance toward a mention that names no actor (a place) is left out."""
    records = []
    for stance in store.stances():
        actor = links.get(stance.actor_mention_id)
        if actor is None:
            continue
        records.append(
            {
                "document": stance.doc_id,
                "actor": actor,
                "polarity": stance.polarity,
                "score": stance.score,
                "evidence": [{"start": start, "end": end} for start, end in stance.evidence],
                "holder": links.get(stance.holder_mention_id or ""),
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


def _claim_records(store: Store, links: Mapping[str, str]) -> list[dict[str, Any]]:
    """Numeric claims per the contract; `start`/`end` span the sentence, `value_start`/
    `value_end` the number; `speaker` is the actor id of the mention that said it, if any;
    `corroborations`/`contradictions` count claims of other documents that agree or disagree
    (zenobia.resolve.claims; 0 when the claim was compared with none)."""
    support = store.claim_support()
    records = []
    for claim in store.claims():
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
                "speaker": links.get(claim.speaker_mention_id or ""),
                "corroborations": corroborations,
                "contradictions": contradictions,
                "confidence": claim.confidence,
                "confidence_basis": claim.confidence_basis,
            }
        )
    return records


def build_export(store: Store, table: ConfidenceTable | None = None) -> dict[str, Any]:
    """The whole store as one JSON-ready object, per the contract.

    Actors and their links to mentions are the store's (`zenobia.resolve.actors`); a store
    whose corpus resolution has not run since a document was added has no actor for that
    document's new mentions yet, and its facts name none (`zenobia resolve` fills them in).

    Every fact is exported, each with its `confidence` and `confidence_basis`; the top-level
    `min_confidence` holds, per kind of fact (the first segment of a basis), the threshold
    the listings apply by default (from `table`, the packaged confidence table when None),
    so that a reader can keep what `zenobia events` would show. Nothing is filtered here:
    every cross-reference must resolve inside the file, and a quote whose speaker's actor
    was left out would dangle.
    """
    table = table or load_confidence_table()
    links = store.actor_links()
    documents = [_document_record(stored.document) for stored in store.documents()]
    actors = actor_records(store.actors(), store.actor_merge_rows())
    return {
        "schema": SCHEMA,
        "generator": f"zenobia {__version__}",
        "min_confidence": {kind: table.threshold(kind) for kind in table.kinds()},
        "documents": documents,
        "actors": actors,
        "places": place_records(store),
        "events": _event_records(store, links),
        "quotes": _quote_records(store, links),
        "claims": _claim_records(store, links),
        "disagreements": _disagreement_records(store),
        "stances": _stance_records(store, links),
        "summary": _summary(documents, actors, store.summary_sentences()),
    }


def actor_records(
    actors: Iterable[Actor], merges: Iterable[StoredMerge] = ()
) -> list[dict[str, Any]]:
    """The contract's actor records, in the order given (the store's: most mentioned first).

    Each record also lists the group keys merged into it across documents (`merges`), each
    with its basis and confidence: a merge is a fact of its own, and may be wrong.
    """
    by_actor: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for merge in merges:
        by_actor[ids.actor_id(merge.into_key)].append(
            {
                "from": merge.from_key.removeprefix("name:"),
                "basis": merge.basis,
                "confidence": merge.confidence,
                "confidence_basis": merge.confidence_basis,
            }
        )
    return [
        {
            "id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "country": actor.country,
            "aliases": list(actor.aliases),
            "wikidata": actor.wikidata,
            "mentions": actor.mentions,
            "documents": list(actor.documents),
            "confidence": actor.confidence,
            "confidence_basis": actor.confidence_basis,
            "merges": by_actor.get(actor.id, []),
        }
        for actor in actors
    ]


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
    # the citation format of zenobia.resolve.summary.summary_text (an export imports no
    # resolver)
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
