"""Everything about one event, actor or document, and the corpus at a glance: the records the
JSON API answers and the HTML pages show, with the texts their facts come from.

Each function reads the store through a `StoreView` (one request's view of it): the facts
page by page, and the texts one query per list of sentences, however long the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from zenobia._version import __version__
from zenobia.confidence import ConfidenceFloor, ConfidenceTable
from zenobia.store import Store
from zenobia.web.explore import (
    DocumentFacts,
    FieldDifference,
    OutletStance,
    differences,
    shown,
)
from zenobia.web.queries import StoreView
from zenobia.web.reader import sentences_at, span_texts
from zenobia.web.records import (
    ActorInfo,
    DisagreementInfo,
    DocumentInfo,
    EventInfo,
    MentionInfo,
    Page,
    QuoteInfo,
    SummarySentence,
)

T = TypeVar("T")

FACET_ACTORS = 300
"""Actors offered in the actor filter: those in most events (a longer list is no help to
choose from; any actor can still be filtered on from its page)."""

FACET_PLACES = 300
"""Places offered in the place filter: those where most events happened (any place can still
be filtered on from the map)."""


def page_of(items: Sequence[T], limit: int, offset: int) -> Page[T]:
    """The page of `items` at `offset`."""
    return Page(len(items), limit, offset, tuple(items[offset : offset + limit]))


# --- the corpus -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NamedCount:
    """A name and how many records have it."""

    name: str
    count: int


@dataclass(frozen=True, slots=True)
class Overview:
    """What the store holds: documents by status and outlet, dates, how many facts are shown
    at the request's floor, the default thresholds, and the extractive summary."""

    title: str
    generator: str
    documents: int
    statuses: tuple[NamedCount, ...]
    outlets: tuple[NamedCount, ...]
    first_date: str | None
    last_date: str | None
    events: int
    actors: int
    places: int
    quotes: int
    claims: int
    disagreements: int
    skipped: int
    thresholds: dict[str, float]
    summary: tuple[SummarySentence, ...]


def overview(
    view: StoreView, title: str, floor: ConfidenceFloor, table: ConfidenceTable
) -> Overview:
    """The corpus at a glance."""
    statuses, outlets, first, last = view.document_counts()
    return Overview(
        title=title,
        generator=f"zenobia {__version__}",
        documents=sum(statuses.values()),
        statuses=tuple(NamedCount(n, c) for n, c in statuses.most_common()),
        outlets=tuple(NamedCount(n, c) for n, c in outlets.most_common()),
        first_date=first,
        last_date=last,
        events=view.count_events(floor),
        actors=len(shown(view.directory.actors.values(), floor)),
        places=len(shown(view.directory.places.values(), floor)),
        quotes=view.count("quotes", floor),
        claims=view.count("claims", floor),
        disagreements=view.count("disagreements", floor),
        skipped=view.skipped(),
        thresholds={kind: table.threshold(kind) for kind in table.kinds()},
        summary=view.summary(),
    )


@dataclass(frozen=True, slots=True)
class Reference:
    """An id and the name to show for it."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Facets:
    """What the event filters can be set to: outlets, event types, the actors in most events
    (`FACET_ACTORS`) and the places most events happened at (`FACET_PLACES`)."""

    outlets: tuple[str, ...]
    types: tuple[str, ...]
    actors: tuple[Reference, ...]
    places: tuple[Reference, ...]


def facets(view: StoreView, floor: ConfidenceFloor) -> Facets:
    """The values the event filters offer, for the events shown at `floor` (computed once per
    directory: they summarise the whole store, and every event view shows them)."""
    key = ("facets", floor.default, tuple(sorted(floor.by_kind.items())))
    found = view.directory.memo.get(key)
    if not isinstance(found, Facets):
        found = view.directory.memo[key] = _facets(view, floor)
    return found


def _facets(view: StoreView, floor: ConfidenceFloor) -> Facets:
    return Facets(
        outlets=tuple(view.outlets()),
        types=tuple(view.event_types(floor)),
        actors=tuple(
            Reference(a, view.actor_name(a)) for a in view.actors_in_events(floor, FACET_ACTORS)
        ),
        places=tuple(
            sorted(
                (
                    Reference(p, view.place_name(p) or p)
                    for p in view.event_places(floor, FACET_PLACES)
                ),
                key=lambda r: r.name.casefold(),
            )
        ),
    )


# --- one event --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceSentence:
    """A sentence that tells an event, with its document: `start`/`end` span the sentence,
    `trigger_start`/`trigger_end` the word naming the event."""

    document: str
    title: str | None
    outlet: str | None
    date: str | None
    start: int
    end: int
    trigger_start: int
    trigger_end: int
    status: str
    text: str
    confidence: float | None


@dataclass(frozen=True, slots=True)
class EventDetail:
    """A merged event, every sentence that tells it, the facts its sources state differently,
    and the disagreements corpus resolution found about it."""

    event: EventInfo
    sources: tuple[SourceSentence, ...]
    differences: tuple[FieldDifference, ...]
    disagreements: tuple[DisagreementInfo, ...]


def event_detail(view: StoreView, event_id: str, floor: ConfidenceFloor) -> EventDetail | None:
    """Everything about one merged event, None when there is no such event."""
    event = view.event(event_id)
    if event is None:
        return None
    texts = span_texts(view.store, ((s.document, s.start, s.end) for s in event.sources))
    documents = view.documents_by_id(s.document for s in event.sources)
    sources = []
    for s in event.sources:
        document = documents.get(s.document)
        sources.append(
            SourceSentence(
                document=s.document,
                title=document.title if document else None,
                outlet=document.outlet if document else None,
                date=document.date if document else None,
                start=s.start,
                end=s.end,
                trigger_start=s.trigger_start,
                trigger_end=s.trigger_end,
                status=s.status,
                text=texts.get((s.document, s.start, s.end), ""),
                confidence=s.confidence,
            )
        )
    return EventDetail(
        event=event,
        sources=tuple(sources),
        differences=tuple(differences(event, view.directory)),
        disagreements=tuple(view.event_disagreements(event.id, floor)),
    )


def lead_sentences(store: Store, events: Iterable[EventInfo]) -> dict[str, str]:
    """The sentence of each event's first source, by event id (one query for a page)."""
    leads = {e.id: e.sources[0] for e in events if e.sources}
    texts = span_texts(store, ((s.document, s.start, s.end) for s in leads.values()))
    return {event: texts.get((s.document, s.start, s.end), "") for event, s in leads.items()}


# --- one actor --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorDetail:
    """An actor, how many facts of each kind are about it, and each outlet's stance."""

    actor: ActorInfo
    events_as_source: int
    events_as_target: int
    mentions: int
    quotes: int
    stances: tuple[OutletStance, ...]


def actor_detail(view: StoreView, actor_id: str, floor: ConfidenceFloor) -> ActorDetail | None:
    """Everything about one actor but its lists, None when there is no such actor."""
    actor = view.directory.actors.get(actor_id)
    if actor is None:
        return None
    return ActorDetail(
        actor=actor,
        events_as_source=view.actor_events(actor_id, "source", floor, limit=0, offset=0).total,
        events_as_target=view.actor_events(actor_id, "target", floor, limit=0, offset=0).total,
        mentions=view.actor_mentions(actor_id, floor, limit=0, offset=0).total,
        quotes=view.actor_quotes(actor_id, floor, limit=0, offset=0).total,
        stances=tuple(view.outlet_stances(actor_id, floor)),
    )


@dataclass(frozen=True, slots=True)
class MentionInContext:
    """A mention with the sentence that holds it (`sentence_start`: where it begins)."""

    mention: MentionInfo
    sentence: str
    sentence_start: int


def mentions_in_context(
    store: Store, mentions: Sequence[MentionInfo]
) -> tuple[MentionInContext, ...]:
    """Each mention with its sentence (its own text when the sentence is not stored)."""
    sentences = sentences_at(store, ((m.document, m.sentence_index) for m in mentions))
    found = []
    for m in mentions:
        sentence = sentences.get((m.document, m.sentence_index))
        if sentence is None or not sentence.start_char <= m.start <= m.end <= sentence.end_char:
            found.append(MentionInContext(m, m.text, m.start))
        else:
            found.append(MentionInContext(m, sentence.text, sentence.start_char))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class QuoteInContext:
    """A quote with its words."""

    quote: QuoteInfo
    text: str


def quotes_in_context(store: Store, quotes: Sequence[QuoteInfo]) -> tuple[QuoteInContext, ...]:
    """Each quote with its words, read from its document."""
    texts = span_texts(store, ((q.document, q.start, q.end) for q in quotes))
    return tuple(QuoteInContext(q, texts.get((q.document, q.start, q.end), "")) for q in quotes)


# --- one document -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    """A document, its text, and every fact extracted from it shown at the floor."""

    document: DocumentInfo
    text: str
    facts: DocumentFacts


def document_detail(view: StoreView, doc_id: str, floor: ConfidenceFloor) -> DocumentDetail | None:
    """A document with its text and facts, None when there is no such document."""
    document = view.documents_by_id([doc_id]).get(doc_id)
    text = view.document_text(doc_id) if document else None
    if document is None or text is None:
        return None
    return DocumentDetail(document, text, view.document_facts(doc_id, floor))
