"""What the app's views show: the event filter, and the records of the timeline, the network,
the map and the pages of one actor, event or document, with the pure steps that shape them.

The store is read page by page in SQL (`zenobia.web.queries`); what is computed here from the
rows it returns (kinds of event, the actors the network draws, the facts sources state
differently) needs no store, so that tests need none either. Facts are shown when at or
above their kind's confidence threshold (`ConfidenceFloor`), unless the filter asks for
every fact.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from zenobia.confidence import ConfidenceFloor, ConfidenceTable
from zenobia.extract.events import base_plover
from zenobia.ui.quad import quad_class
from zenobia.web.directory import Directory
from zenobia.web.records import (
    ClaimInfo,
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


def shown(facts: Iterable[T], floor: ConfidenceFloor) -> list[T]:
    """The facts at or above their kind's minimum confidence."""
    return [
        f
        for f in facts
        if floor.keeps(getattr(f, "confidence", None), getattr(f, "confidence_basis", None))
    ]


def event_kind(event: EventInfo) -> EventKind:
    """How an event is drawn: conflict, cooperation, or other (a type without quad class)."""
    return quad_kind(event.quad)


def quad_kind(quad: str | None) -> EventKind:
    """The kind of event a PLOVER quad class draws as."""
    if quad is None:
        return "other"
    return "conflict" if quad.endswith("conflict") else "cooperation"


def type_quad(type_: str, mode: str | None, context: Sequence[str]) -> str | None:
    """The PLOVER quad class of an event type (None for a type without one)."""
    base_type, _, _ = base_plover(type_, mode, tuple(context))
    return quad_class(type_, base_type)


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


def timeline(counts: Iterable[tuple[str | None, EventKind, int]]) -> Timeline:
    """Events per month from (start date's month or None, kind, events) counts."""
    months: defaultdict[str, Counter[str]] = defaultdict(Counter)
    undated = total = 0
    for month, kind, n in counts:
        total += n
        if month is None:
            undated += n
        else:
            months[month][kind] += n
    return Timeline(
        months=tuple(
            MonthCount(month, c["conflict"], c["cooperation"], c["other"])
            for month, c in sorted(months.items())
        ),
        undated=undated,
        total=total,
    )


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
    pairs: Iterable[tuple[str, str, EventKind, int]],
    directory: Directory,
    max_nodes: int = NETWORK_MAX_NODES,
) -> Network:
    """The actor network from (actor, recipient, kind, events) counts: an edge for each event
    from one of its actors to one of its recipients, between the `max_nodes` actors in most."""
    pairs = [(a, b, kind, n) for a, b, kind, n in pairs if a != b]
    degree: Counter[str] = Counter()
    for a, b, _, n in pairs:
        degree[a] += n
        degree[b] += n
    kept = {actor for actor, _ in degree.most_common(max_nodes)}
    links: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    drawn: Counter[str] = Counter()
    for a, b, kind, n in pairs:
        if a in kept and b in kept:
            links[min(a, b), max(a, b)][kind] += n
            drawn[a] += n
            drawn[b] += n
    nodes = []
    for actor, _ in degree.most_common(max_nodes):
        info = directory.actors.get(actor)
        nodes.append(
            NetworkNode(
                id=actor,
                name=info.name if info else "unknown actor",
                kind=info.kind if info else None,
                mentions=info.mentions if info else 0,
                events=drawn[actor],
            )
        )
    ordered = sorted(links.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
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
    at: Mapping[str, Counter[str]],
    directory: Directory,
    floor: ConfidenceFloor,
    *,
    only_with_events: bool,
) -> list[MapPlace]:
    """Geocoded places shown at `floor`, most mentioned first, with the events at each
    (`at`: place id → events by kind).

    Args:
        only_with_events: Keep only places where an event happened (a filter narrowed the
            events, so the other places answer nothing asked).
    """
    places = []
    for place in directory.places.values():
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


def outlet_stances(stances: Iterable[tuple[str | None, StanceInfo]]) -> list[OutletStance]:
    """The stance of each outlet toward an actor from (outlet, stance) pairs, its documents'
    own voice only (a quoted speaker's stance is the speaker's); outlets by name."""
    by_outlet: defaultdict[str, list[StanceInfo]] = defaultdict(list)
    for outlet, stance in stances:
        if stance.holder is None:
            by_outlet[outlet or "unknown outlet"].append(stance)
    found = []
    for outlet, chosen in sorted(by_outlet.items()):
        polarity = Counter(s.polarity for s in chosen)
        found.append(
            OutletStance(
                outlet=outlet,
                positive=polarity["positive"],
                negative=polarity["negative"],
                neutral=polarity["neutral"],
                stances=tuple(chosen),
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


def differences(event: EventInfo, directory: Directory) -> list[FieldDifference]:
    """The facts of a merged event its sources state differently: type, status, date, place,
    actors, recipients, dead, injured. A source that states nothing about a fact (no date,
    no count) does not disagree with one that does."""

    def names(actors: Sequence[str]) -> str | None:
        return ", ".join(directory.actor_name(a) for a in actors) or None

    def date(source: EventSource) -> str | None:
        if source.date_start is None:
            return None
        start, end = source.date_start, source.date_end
        return start if end in (None, start) else f"{start} to {end}"

    fields: list[tuple[str, Callable[[EventSource], str | None]]] = [
        ("type", lambda s: s.type + (f" ({s.mode})" if s.mode else "")),
        ("status", lambda s: s.status),
        ("date", date),
        ("place", lambda s: directory.place_name(s.place)),
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
