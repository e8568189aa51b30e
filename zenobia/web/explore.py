"""The app's views, computed from a catalog: filtered events, their timeline, network and map,
and everything about one actor, one event or one document.

Pure functions of a `Catalog` and an `EventFilter` (or an id), so that the JSON API and the
HTML pages answer the same question the same way, and tests need no server. Facts are shown
when at or above their kind's confidence threshold (`ConfidenceFloor`), unless the filter
asks for every fact.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from zenobia.confidence import ConfidenceFloor, ConfidenceTable
from zenobia.web.catalog import Catalog
from zenobia.web.records import (
    ClaimInfo,
    DisagreementInfo,
    EventInfo,
    EventSource,
    MentionInfo,
    QuoteInfo,
    StanceInfo,
)

T = TypeVar("T")

MAX_PAGE_SIZE = 500
"""The most records one page holds: a page of 500 events renders in well under a second, and
a client wanting more asks for the next page."""

DEFAULT_PAGE_SIZE = 50

NETWORK_MAX_NODES = 60
"""Actors the network draws: those in most events. More do not fit a laptop screen legibly;
the pairs table lists every pair among them."""

EventKind = Literal["conflict", "cooperation", "other"]
Role = Literal["source", "target"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_date(text: str) -> bool:
    """Whether `text` is an ISO date (YYYY-MM-DD)."""
    return _DATE.fullmatch(text) is not None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a view shows.

    An event matches when every given criterion holds: `actor` is among its actors or
    recipients, `type` is its PLOVER type, `place` its place, `outlet` the outlet of one of
    the documents telling it, and its date interval meets [`date_from`, `date_to`] (an
    undated event matches no date range). `show_all` shows facts whatever their confidence;
    else `min_confidence`, else each kind's threshold, decides.
    """

    actor: str | None = None
    type: str | None = None
    place: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    show_all: bool = False
    min_confidence: float | None = None

    def floor(self, table: ConfidenceTable) -> ConfidenceFloor:
        """The minimum confidence of each kind of fact this filter shows."""
        return ConfidenceFloor.of(table, 0.0 if self.show_all else self.min_confidence)

    @property
    def is_narrowed(self) -> bool:
        """Whether anything but confidence narrows the events."""
        criteria = (self.actor, self.type, self.place, self.outlet, self.date_from, self.date_to)
        return any(criteria)

    def params(self) -> dict[str, str]:
        """The filter as URL query parameters (those set)."""
        found = {
            "actor": self.actor,
            "type": self.type,
            "place": self.place,
            "outlet": self.outlet,
            "from": self.date_from,
            "to": self.date_to,
            "all": "1" if self.show_all else None,
            "min_confidence": None if self.min_confidence is None else f"{self.min_confidence:g}",
        }
        return {key: value for key, value in found.items() if value}

    def params_without(self, *names: str) -> dict[str, str]:
        """The query parameters with the named ones left out."""
        return {key: value for key, value in self.params().items() if key not in names}

    def matches(self, event: EventInfo, catalog: Catalog) -> bool:
        """Whether `event` passes every criterion but confidence."""
        if self.type and event.type != self.type:
            return False
        if self.place and event.place != self.place:
            return False
        if self.actor and self.actor not in event.actors and self.actor not in event.recipients:
            return False
        if self.outlet and not any(
            catalog.outlet_of(s.document) == self.outlet for s in event.sources
        ):
            return False
        if self.date_from or self.date_to:
            if event.date_start is None:
                return False
            if self.date_from and (event.date_end or event.date_start) < self.date_from:
                return False
            if self.date_to and event.date_start > self.date_to:
                return False
        return True


def shown(facts: Iterable[T], floor: ConfidenceFloor) -> list[T]:
    """The facts at or above their kind's minimum confidence."""
    return [
        f
        for f in facts
        if floor.keeps(getattr(f, "confidence", None), getattr(f, "confidence_basis", None))
    ]


def page(items: Sequence[T], limit: int, offset: int) -> list[T]:
    """`limit` items from `offset`."""
    return list(items[offset : offset + limit])


def filter_events(
    catalog: Catalog, event_filter: EventFilter, floor: ConfidenceFloor
) -> list[EventInfo]:
    """The merged events the filter keeps, in the catalog's order (by date)."""
    return [
        e
        for e in catalog.events
        if event_filter.matches(e, catalog) and floor.keeps(e.confidence, e.confidence_basis)
    ]


def event_kind(event: EventInfo) -> EventKind:
    """How an event is drawn: conflict, cooperation, or other (a type without quad class)."""
    if event.quad is None:
        return "other"
    return "conflict" if event.quad.endswith("conflict") else "cooperation"


# --- timeline ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthCount:
    """Events that began in one month (YYYY-MM), by kind."""

    month: str
    conflict: int
    cooperation: int
    other: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """Events per month, in month order, and how many have no date."""

    months: tuple[MonthCount, ...]
    undated: int
    total: int


def timeline(events: Sequence[EventInfo]) -> Timeline:
    """Count events per month of their start date."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for event in events:
        if event.date_start:
            counts[event.date_start[:7]][event_kind(event)] += 1
    months = tuple(
        MonthCount(month, c["conflict"], c["cooperation"], c["other"])
        for month, c in sorted(counts.items())
    )
    undated = sum(1 for e in events if not e.date_start)
    return Timeline(months=months, undated=undated, total=len(events))


# --- network ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NetworkNode:
    """An actor in the network: `events` counts those linking it to another actor drawn."""

    id: str
    name: str
    kind: str | None
    mentions: int
    events: int


@dataclass(frozen=True, slots=True)
class NetworkLink:
    """Events between two actors (either way round), by kind."""

    source: str
    target: str
    conflict: int
    cooperation: int
    other: int


@dataclass(frozen=True, slots=True)
class Network:
    """The actors in most events (at most `NETWORK_MAX_NODES`) and the events between them;
    `actors` counts every actor in an event with another, drawn or not."""

    nodes: tuple[NetworkNode, ...]
    links: tuple[NetworkLink, ...]
    actors: int


def network(
    events: Iterable[EventInfo], catalog: Catalog, max_nodes: int = NETWORK_MAX_NODES
) -> Network:
    """The actor network of `events`: an edge for each event from one of its actors to one of
    its recipients."""
    pairs = [
        (a, b, event_kind(e)) for e in events for a in e.actors for b in e.recipients if a != b
    ]
    degree: Counter[str] = Counter()
    for a, b, _ in pairs:
        degree[a] += 1
        degree[b] += 1
    kept = {actor for actor, _ in degree.most_common(max_nodes)}
    links: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    drawn: Counter[str] = Counter()
    for a, b, kind in pairs:
        if a in kept and b in kept:
            links[min(a, b), max(a, b)][kind] += 1
            drawn[a] += 1
            drawn[b] += 1
    nodes = []
    for actor, _ in degree.most_common(max_nodes):
        info = catalog.actors.get(actor)
        nodes.append(
            NetworkNode(
                id=actor,
                name=info.name if info else "unknown actor",
                kind=info.kind if info else None,
                mentions=info.mentions if info else 0,
                events=drawn[actor],
            )
        )
    ordered = sorted(links.items(), key=lambda kv: -sum(kv[1].values()))
    return Network(
        nodes=tuple(nodes),
        links=tuple(
            NetworkLink(a, b, c["conflict"], c["cooperation"], c["other"]) for (a, b), c in ordered
        ),
        actors=len(degree),
    )


# --- map --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MapPlace:
    """A geocoded place with the events at it, by kind."""

    id: str
    name: str
    country: str | None
    lat: float
    lon: float
    mentions: int
    conflict: int
    cooperation: int
    other: int


def map_places(
    events: Iterable[EventInfo],
    catalog: Catalog,
    floor: ConfidenceFloor,
    *,
    only_with_events: bool,
) -> list[MapPlace]:
    """Geocoded places shown at `floor`, most mentioned first, with the events at each.

    Args:
        only_with_events: Keep only places where one of `events` happened (a filter narrowed
            the events, so the other places answer nothing asked).
    """
    at: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for event in events:
        if event.place:
            at[event.place][event_kind(event)] += 1
    places = []
    for place in catalog.places.values():
        if place.lat is None or place.lon is None:
            continue
        if not floor.keeps(place.confidence, place.confidence_basis):
            continue
        if only_with_events and place.id not in at:
            continue
        counts = at.get(place.id, Counter())
        places.append(
            MapPlace(
                id=place.id,
                name=place.name,
                country=place.country,
                lat=place.lat,
                lon=place.lon,
                mentions=place.mentions,
                conflict=counts["conflict"],
                cooperation=counts["cooperation"],
                other=counts["other"],
            )
        )
    return places


# --- one actor --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutletStance:
    """How the documents of one outlet, in their own voice, judge an actor."""

    outlet: str
    positive: int
    negative: int
    neutral: int
    stances: tuple[StanceInfo, ...]

    @property
    def lean(self) -> str:
        """positive, negative or neutral: whichever of the first two is more frequent."""
        if self.positive > self.negative:
            return "positive"
        return "negative" if self.negative > self.positive else "neutral"


def actor_events(
    catalog: Catalog, actor: str, role: Role, floor: ConfidenceFloor
) -> list[EventInfo]:
    """Events in which `actor` acts (`source`) or is acted upon (`target`)."""
    if role == "source":
        found = (e for e in catalog.events if actor in e.actors)
    else:
        found = (e for e in catalog.events if actor in e.recipients)
    return shown(found, floor)


def actor_mentions(catalog: Catalog, actor: str, floor: ConfidenceFloor) -> list[MentionInfo]:
    """Every mention of `actor`, however written, in document order."""
    return shown(catalog.mentions_by_actor.get(actor, ()), floor)


def actor_quotes(catalog: Catalog, actor: str, floor: ConfidenceFloor) -> list[QuoteInfo]:
    """What `actor` is quoted as saying."""
    return shown((q for q in catalog.quotes if q.speaker == actor), floor)


def outlet_stances(catalog: Catalog, actor: str, floor: ConfidenceFloor) -> list[OutletStance]:
    """The stance of each outlet toward `actor`, from its documents' own voice (a quoted
    speaker's stance is the speaker's, not the outlet's); outlets by name."""
    by_outlet: defaultdict[str, list[StanceInfo]] = defaultdict(list)
    for stance in shown((s for s in catalog.stances if s.actor == actor), floor):
        if stance.holder is None:
            by_outlet[catalog.outlet_of(stance.document) or "unknown outlet"].append(stance)
    found = []
    for outlet, stances in sorted(by_outlet.items()):
        polarity = Counter(s.polarity for s in stances)
        found.append(
            OutletStance(
                outlet=outlet,
                positive=polarity["positive"],
                negative=polarity["negative"],
                neutral=polarity["neutral"],
                stances=tuple(stances),
            )
        )
    return found


# --- one event --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One value sources state for a fact of an event, and the documents stating it."""

    value: str
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """A fact of an event on which the documents telling it state different values."""

    field: str
    values: tuple[FieldValue, ...]


def differences(event: EventInfo, catalog: Catalog) -> list[FieldDifference]:
    """The facts of a merged event its sources state differently: type, status, date, place,
    actors, recipients, dead, injured. A source that states nothing about a fact (no date,
    no count) does not disagree with one that does."""

    def names(actors: Sequence[str]) -> str | None:
        return ", ".join(catalog.actor_name(a) for a in actors) or None

    def date(source: EventSource) -> str | None:
        if source.date_start is None:
            return None
        start, end = source.date_start, source.date_end
        return start if end in (None, start) else f"{start} to {end}"

    fields: list[tuple[str, Callable[[EventSource], str | None]]] = [
        ("type", lambda s: s.type + (f" ({s.mode})" if s.mode else "")),
        ("status", lambda s: s.status),
        ("date", date),
        ("place", lambda s: catalog.place_name(s.place)),
        ("actors", lambda s: names(s.actors)),
        ("recipients", lambda s: names(s.recipients)),
        ("dead", lambda s: None if s.dead is None else str(s.dead)),
        ("injured", lambda s: None if s.injured is None else str(s.injured)),
    ]
    found = []
    for field, read in fields:
        documents: defaultdict[str, dict[str, None]] = defaultdict(dict)
        for source in event.sources:
            value = read(source)
            if value is not None:
                documents[value][source.document] = None
        if len(documents) > 1:
            values = tuple(FieldValue(v, tuple(docs)) for v, docs in documents.items())
            found.append(FieldDifference(field, values))
    return found


def event_disagreements(
    catalog: Catalog, event: EventInfo, floor: ConfidenceFloor
) -> list[DisagreementInfo]:
    """Disagreements the corpus resolution found about an event: those about it, and numeric
    ones about its counts (their subject names the event)."""
    about = list(catalog.disagreements_by_event.get(event.id, ()))
    tag = f"(event {event.id})"
    about += [d for d in catalog.disagreements if d.kind == "numeric" and tag in d.about]
    return shown(about, floor)


# --- one document -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentEvent:
    """A document's telling of a merged event."""

    event: str
    source: EventSource


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """Every fact extracted from one document and shown at the floor, in text order."""

    mentions: tuple[MentionInfo, ...]
    events: tuple[DocumentEvent, ...]
    quotes: tuple[QuoteInfo, ...]
    claims: tuple[ClaimInfo, ...]


def document_facts(catalog: Catalog, document: str, floor: ConfidenceFloor) -> DocumentFacts:
    """The facts of `document` shown at `floor`."""
    told = [
        DocumentEvent(event.id, source)
        for event in catalog.events_by_document.get(document, ())
        for source in event.sources
        if source.document == document
    ]
    told = [t for t in told if floor.keeps(t.source.confidence, t.source.confidence_basis)]
    told.sort(key=lambda t: (t.source.trigger_start, t.source.trigger_end))
    return DocumentFacts(
        mentions=tuple(
            m
            for m in shown(catalog.mentions_by_document.get(document, ()), floor)
            if m.actor or m.place
        ),
        events=tuple(told),
        quotes=tuple(shown(catalog.quotes_by_document.get(document, ()), floor)),
        claims=tuple(shown(catalog.claims_by_document.get(document, ()), floor)),
    )
