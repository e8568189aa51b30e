"""The web app's picture of a store: every record but the texts, in memory, with the export's ids.

Lists, filters, the timeline, the network and the map are answered from a `Catalog`; texts and
sentences are read per request (`zenobia.web.reader`). `build_catalog` reads each table once,
inside one read transaction, so that a catalog is a consistent snapshot even while an analysis
writes. Ids, actors and merged events are the JSON export's: actors and the actor each mention
names are the store's (`Store.actors`, `Store.actor_links`), place and event ids come from
`zenobia.ids`, so that every reference finds its record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar

from zenobia import ids as identity
from zenobia.export.json import actor_records, event_place_id, place_records
from zenobia.export.report.documents import safe_url
from zenobia.extract.events import base_plover
from zenobia.model import Actor, Event, EventCluster, Mention, Place, Quote
from zenobia.ui.quad import quad_class
from zenobia.web.reader import StoreReader
from zenobia.web.records import (
    ActorInfo,
    ClaimInfo,
    DisagreementInfo,
    DocumentInfo,
    EventInfo,
    EventSource,
    MentionInfo,
    PlaceInfo,
    QuoteInfo,
    SideInfo,
    StanceInfo,
    SummarySentence,
)

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything a store holds but its texts, indexed for the app's views.

    `events` are merged events, dated first by date, then by how many documents tell them;
    `actors` and `places` are most mentioned first; the `*_by_*` maps index records by the
    document they are in, the actor they name or the event they are about.
    """

    documents: Mapping[str, DocumentInfo]
    actors: Mapping[str, ActorInfo]
    places: Mapping[str, PlaceInfo]
    events: tuple[EventInfo, ...]
    events_by_id: Mapping[str, EventInfo]
    events_by_document: Mapping[str, tuple[EventInfo, ...]]
    mentions_by_document: Mapping[str, tuple[MentionInfo, ...]]
    mentions_by_actor: Mapping[str, tuple[MentionInfo, ...]]
    quotes: tuple[QuoteInfo, ...]
    quotes_by_document: Mapping[str, tuple[QuoteInfo, ...]]
    claims: tuple[ClaimInfo, ...]
    claims_by_document: Mapping[str, tuple[ClaimInfo, ...]]
    stances: tuple[StanceInfo, ...]
    disagreements: tuple[DisagreementInfo, ...]
    disagreements_by_event: Mapping[str, tuple[DisagreementInfo, ...]]
    summary: tuple[SummarySentence, ...]
    skips: tuple[tuple[str, str, str], ...]

    def outlets(self) -> list[str]:
        """Every named outlet, sorted."""
        return sorted({d.outlet for d in self.documents.values() if d.outlet})

    def event_types(self) -> list[str]:
        """Every event type the merged events have, sorted."""
        return sorted({e.type for e in self.events})

    def actor_name(self, actor: str | None) -> str:
        """The name of an actor id ("unknown actor" when the catalog lacks it)."""
        found = self.actors.get(actor) if actor else None
        return found.name if found else "unknown actor"

    def place_name(self, place: str | None) -> str | None:
        """The name of a place id, None when there is none."""
        found = self.places.get(place) if place else None
        return found.name if found else None

    def outlet_of(self, document: str) -> str | None:
        """The outlet of a document id."""
        found = self.documents.get(document)
        return found.outlet if found else None


def _frozen(groups: Mapping[K, list[V]]) -> Mapping[K, tuple[V, ...]]:
    return MappingProxyType({key: tuple(values) for key, values in groups.items()})


def _indexed(records: Iterable[V], key: Any) -> Mapping[str, tuple[V, ...]]:
    groups: defaultdict[str, list[V]] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return _frozen(groups)


class _ActorIds:
    """The actor each mention names, by the store's links (None: it names none)."""

    def __init__(self, mentions: dict[str, Mention], links: Mapping[str, str]) -> None:
        self._mentions = mentions
        self._links = links

    def of(self, mention: Mention) -> str | None:
        """The actor a mention names, None when it names none."""
        return self._links.get(mention.id)

    def of_id(self, mention_id: str | None) -> str | None:
        """The actor the mention with this id names (None: no such mention, or no actor)."""
        return self._links.get(mention_id) if mention_id else None

    def of_roles(self, mention_ids: Iterable[str]) -> tuple[str, ...]:
        """The actors of an event's role mentions, each once, in order."""
        return tuple(dict.fromkeys(a for m in mention_ids if (a := self.of_id(m)) is not None))


def build_catalog(store: StoreReader) -> Catalog:
    """Read the catalog of `store`, with the export's ids, as one consistent snapshot (inside
    one read transaction, so that a concurrent analysis cannot commit between its reads)."""
    with store.snapshot():
        return _build(store)


def _build(store: StoreReader) -> Catalog:
    mentions = list(store.mentions())
    by_id = {m.id: m for m in mentions}
    ids = _ActorIds(by_id, store.actor_links())
    known = store.places()
    documents = _documents(store)
    actors = _actors(store.actors())
    places = {
        r["id"]: PlaceInfo(
            id=r["id"],
            name=r["name"],
            country=r["country"],
            lat=r["lat"],
            lon=r["lon"],
            mentions=r["mentions"],
            documents=len(r["documents"]),
            confidence=r["confidence"],
            confidence_basis=r["confidence_basis"],
        )
        for r in place_records(store, mentions)
    }
    mention_infos = [_mention(m, ids, known) for m in mentions]
    events = _events(store, ids, by_id, known)
    quotes = tuple(_quote(q, ids) for q in store.quotes())
    support = store.claim_support()
    claims = tuple(
        ClaimInfo(
            id=c.id,
            document=c.doc_id,
            sentence_index=c.sentence_index,
            start=c.start_char,
            end=c.end_char,
            value_start=c.value_start,
            value_end=c.value_end,
            text=c.text,
            value=c.value,
            value_high=c.value_high,
            unit=c.unit,
            of=c.of,
            qualifier=c.qualifier,
            speaker=ids.of_id(c.speaker_mention_id),
            corroborations=support.get(c.id, (0, 0))[0],
            contradictions=support.get(c.id, (0, 0))[1],
            confidence=c.confidence,
            confidence_basis=c.confidence_basis,
        )
        for c in store.claims()
    )
    stances = tuple(
        StanceInfo(
            id=s.id,
            document=s.doc_id,
            actor=actor,
            holder=ids.of_id(s.holder_mention_id),
            polarity=s.polarity,
            score=s.score,
            evidence=s.evidence,
            confidence=s.confidence,
            confidence_basis=s.confidence_basis,
        )
        for s in store.stances()
        if (actor := ids.of_id(s.actor_mention_id)) is not None
    )
    disagreements = tuple(
        DisagreementInfo(
            id=d.id,
            about=d.about,
            kind=d.kind,
            sides=tuple(SideInfo(s.document, s.claim, s.text) for s in d.sides),
            confidence=d.confidence,
            confidence_basis=d.confidence_basis,
        )
        for d in store.disagreements()
    )
    told_by: defaultdict[str, list[EventInfo]] = defaultdict(list)
    for event in events:
        for document in dict.fromkeys(s.document for s in event.sources):
            told_by[document].append(event)
    return Catalog(
        documents=MappingProxyType(documents),
        actors=MappingProxyType(actors),
        places=MappingProxyType(places),
        events=events,
        events_by_id=MappingProxyType({e.id: e for e in events}),
        events_by_document=_frozen(told_by),
        mentions_by_document=_indexed(mention_infos, lambda m: m.document),
        mentions_by_actor=_indexed((m for m in mention_infos if m.actor), lambda m: m.actor),
        quotes=quotes,
        quotes_by_document=_indexed(quotes, lambda q: q.document),
        claims=claims,
        claims_by_document=_indexed(claims, lambda c: c.document),
        stances=stances,
        disagreements=disagreements,
        disagreements_by_event=_indexed(
            (d for d in disagreements if d.kind == "event"), lambda d: d.about
        ),
        summary=tuple(
            SummarySentence(doc_id, start, end, text)
            for doc_id, start, end, text, _score in store.summary_sentences()
        ),
        skips=tuple((s.source, s.reason, s.message) for s in store.skips()),
    )


def _documents(store: StoreReader) -> dict[str, DocumentInfo]:
    documents = {}
    for row in store.document_rows():
        doc_id, source, title, author, outlet, url, language, date, inferred, status, dup = row
        documents[str(doc_id)] = DocumentInfo(
            id=str(doc_id),
            source=str(source),
            title=_text(title),
            author=_text(author),
            outlet=_text(outlet),
            url=safe_url(_text(url)),
            language=_text(language),
            date=_text(date),
            is_date_inferred=bool(inferred),
            status=str(status),
            duplicate_of=_text(dup),
        )
    return documents


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _actors(actors: list[Actor]) -> dict[str, ActorInfo]:
    return {
        r["id"]: ActorInfo(
            id=r["id"],
            name=r["name"],
            kind=r["kind"],
            country=r["country"],
            wikidata=r["wikidata"],
            aliases=tuple(r["aliases"]),
            mentions=r["mentions"],
            documents=len(r["documents"]),
            confidence=r["confidence"],
            confidence_basis=r["confidence_basis"],
        )
        for r in actor_records(actors)
    }


def _mention(mention: Mention, ids: _ActorIds, known: dict[str, Place]) -> MentionInfo:
    is_place = identity.names_place(mention.label) or bool(mention.place_id)
    return MentionInfo(
        id=mention.id,
        document=mention.doc_id,
        sentence_index=mention.sentence_index,
        start=mention.start_char,
        end=mention.end_char,
        text=mention.text,
        label=mention.label,
        actor=ids.of(mention),
        place=event_place_id(mention, known) if is_place else None,
        link_basis=mention.link_basis,
        confidence=mention.confidence,
        confidence_basis=mention.confidence_basis,
    )


def _quote(quote: Quote, ids: _ActorIds) -> QuoteInfo:
    return QuoteInfo(
        id=quote.id,
        document=quote.doc_id,
        sentence_index=quote.sentence_index,
        start=quote.start_char,
        end=quote.end_char,
        is_direct=quote.is_direct,
        speaker=ids.of_id(quote.speaker_mention_id),
        speaker_name=quote.speaker_name,
        affiliation=quote.affiliation,
        cue=quote.cue,
        cue_start=quote.cue_start,
        cue_end=quote.cue_end,
        confidence=quote.confidence,
        confidence_basis=quote.confidence_basis,
    )


def _events(
    store: StoreReader, ids: _ActorIds, mentions: dict[str, Mention], known: dict[str, Place]
) -> tuple[EventInfo, ...]:
    """Merged events as the export has them: one per cluster, and each event resolution has
    not clustered yet alone, with the id its one-member cluster would have."""
    members = {event.id: event for event in store.events()}
    clusters = list(store.event_clusters())
    covered = {event_id for cluster in clusters for event_id in cluster.event_ids}
    records = []
    for cluster in clusters:
        told = [members[e] for e in cluster.event_ids if e in members]
        if told:
            records.append(_event(cluster, told, ids, mentions, known))
    for event in members.values():
        if event.id in covered:
            continue
        place = mentions.get(event.place_mention_id) if event.place_mention_id else None
        alone = EventCluster(
            id=identity.cluster_id([event.id]),
            event_ids=(event.id,),
            type=event.type,
            mode=event.mode,
            context=event.context,
            actors=ids.of_roles(event.source_mention_ids),
            recipients=ids.of_roles(event.target_mention_ids),
            place_id=event_place_id(place, known),
            date=event.date,
            status=event.status,
            dead=event.dead,
            injured=event.injured,
            confidence_basis=event.confidence_basis,
            confidence=event.confidence,
        )
        records.append(_event(alone, [event], ids, mentions, known))
    records.sort(key=lambda e: (e.date_start is None, e.date_start or "", -e.documents))
    return tuple(records)


def _event(
    cluster: EventCluster,
    told: list[Event],
    ids: _ActorIds,
    mentions: dict[str, Mention],
    known: dict[str, Place],
) -> EventInfo:
    base_type, _, _ = base_plover(cluster.type, cluster.mode, cluster.context)
    sources = tuple(_source(event, ids, mentions, known) for event in told)
    return EventInfo(
        id=cluster.id,
        type=cluster.type,
        mode=cluster.mode,
        quad=quad_class(cluster.type, base_type),
        date_start=cluster.date.start if cluster.date else None,
        date_end=cluster.date.end if cluster.date else None,
        date_basis=cluster.date.basis if cluster.date else None,
        status=cluster.status,
        place=cluster.place_id,
        actors=cluster.actors,
        recipients=cluster.recipients,
        dead=cluster.dead,
        injured=cluster.injured,
        documents=len({s.document for s in sources}),
        sources=sources,
        confidence=cluster.confidence,
        confidence_basis=cluster.confidence_basis,
    )


def _source(
    event: Event, ids: _ActorIds, mentions: dict[str, Mention], known: dict[str, Place]
) -> EventSource:
    place = mentions.get(event.place_mention_id) if event.place_mention_id else None
    return EventSource(
        event=event.id,
        document=event.doc_id,
        sentence_index=event.sentence_index,
        start=event.start_char,
        end=event.end_char,
        trigger_start=event.trigger_start,
        trigger_end=event.trigger_end,
        type=event.type,
        mode=event.mode,
        status=event.status,
        date_start=event.date.start if event.date else None,
        date_end=event.date.end if event.date else None,
        place=event_place_id(place, known),
        actors=ids.of_roles(event.source_mention_ids),
        recipients=ids.of_roles(event.target_mention_ids),
        source_text=event.source_text,
        target_text=event.target_text,
        dead=event.dead,
        injured=event.injured,
        confidence=event.confidence,
        confidence_basis=event.confidence_basis,
    )
