"""The representative record of a merged event and the contradictions among its sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date

from zenobia.ids import cluster_id, content_id
from zenobia.model import (
    Disagreement,
    DisagreementSide,
    EventCluster,
    EventDate,
    EventStatus,
)
from zenobia.resolve.event_records import EventFacts
from zenobia.resolve.event_relations import date_relation, place_relation

UNCERTAIN_NOTE = "publication dates uncertain"
"""Appended to the date basis of a cluster merged across an open (undated) window."""

DOCUMENT_DAY_BASIS = "the day its documents date the incident to"
"""The date basis of a cluster whose events state no date of their own while their documents
date the incident (`IncidentCues.day`)."""

INCIDENT_PATHS = ("incident-wording", "incident-day", "incident-people")
"""The merge paths of documents' incident cues (`zenobia.resolve.incident_matching`), the one
that needs the least evidence first: a cluster's basis names the first of them it used."""


def _status(statuses: Sequence[EventStatus]) -> EventStatus:
    if "asserted" in statuses:
        return "asserted"
    if "reported" in statuses:
        return "reported"
    if statuses and all(s == "negated" for s in statuses):
        return "negated"
    return "hypothetical"


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _representative_date(members: Sequence[EventFacts]) -> EventDate | None:
    stated = [
        (m.start, m.end, m.event.date)
        for m in members
        if m.event.date is not None and m.start is not None and m.end is not None and not m.guessed
    ]
    if stated:
        start = max(s for s, _, _ in stated)
        end = min(e for _, e, _ in stated)
        if start <= end:
            basis = stated[0][2].basis if len(stated) == 1 else "agreed by sources"
            return EventDate(_iso(start), _iso(end), basis or "stated")
        first = min(stated, key=lambda item: item[0])[2]
        return EventDate(first.start, first.end, "sources disagree; earliest given")
    dated = [m.event.date for m in members if m.event.date is not None]
    if dated:
        return dated[0]
    days = sorted({m.incident.day for m in members if m.incident and m.incident.day is not None})
    if days:  # anchors whose documents date the incident (`IncidentCues.day`)
        return EventDate(_iso(days[0]), _iso(days[-1]), DOCUMENT_DAY_BASIS)
    return None


def _count(values: Iterable[int | None]) -> int | None:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], v))


def build_cluster(
    members: Sequence[EventFacts], paths: Collection[str] = frozenset()
) -> EventCluster:
    """The representative record of a group of merged events, joined by links of `paths`
    (`MergedGroup.paths`).

    Type and mode are the most common among members; actors and recipients are all members'
    (most frequent first); the place is the most common stated one (a city before its
    country); the date is the interval all stated dates share; status is "asserted" if any
    member asserts, "negated" only if all negate.
    """
    ordered = sorted(members, key=lambda m: m.id)
    pair = Counter((m.event.type, m.event.mode or "") for m in ordered)
    type_, mode = max(pair, key=lambda p: (pair[p], p))
    first = next(m for m in ordered if (m.event.type, m.event.mode or "") == (type_, mode))
    context = tuple(dict.fromkeys(c for m in ordered for c in m.event.context))
    actors = Counter(a for m in ordered for a in m.sources)
    recipients = Counter(a for m in ordered for a in m.targets)
    stated = [m.place for m in ordered if m.place is not None and not m.place.inferred]
    place_id = None
    if stated:
        rank = Counter(p.id for p in stated)
        specific = {p.id: p.feature != "country" for p in stated}
        place_id = max(rank, key=lambda p: (rank[p], specific[p], p))
    date = _representative_date(ordered)
    uncertain = len({m.doc_id for m in ordered}) > 1 and any(m.start is None for m in ordered)
    if date is not None and uncertain:
        date = EventDate(date.start, date.end, f"{date.basis}; {UNCERTAIN_NOTE}")
    return EventCluster(
        id=cluster_id(m.id for m in ordered),
        event_ids=tuple(m.id for m in ordered),
        type=first.event.type,
        mode=first.event.mode,
        context=context,
        actors=tuple(sorted(actors, key=lambda a: (-actors[a], a))),
        recipients=tuple(sorted(recipients, key=lambda a: (-recipients[a], a))),
        place_id=place_id,
        date=date,
        status=_status([m.event.status for m in ordered]),
        dead=_count(m.event.dead for m in ordered),
        injured=_count(m.event.injured for m in ordered),
        confidence_basis=_confidence_basis(ordered, first, date is not None, uncertain, paths),
    )


def _confidence_basis(
    members: Sequence[EventFacts],
    lead: EventFacts,
    is_dated: bool,
    is_uncertain: bool,
    paths: Collection[str] = frozenset(),
) -> str | None:
    """The basis of a merged event's confidence.

    An event told by one document is that document's event: its own basis. One told by
    several is `cluster:docs=<2|3+>:<family kind>:<dated|undated|uncertain>`: how many
    documents tell it, whether its family is an incident or a statement, and whether the
    merge rests on dates (uncertain: merged across an open, undated window). A cluster that
    documents' incident cues joined says so first, naming the first of `INCIDENT_PATHS` it
    used: `cluster:by=incident-people:docs=2:incident:dated`, so that its confidence backs
    off to that path's.
    """
    documents = len({m.doc_id for m in members})
    if documents == 1:
        return lead.event.confidence_basis
    family = lead.family.kind if lead.family else "unfamilied"
    dating = "uncertain" if is_uncertain else "dated" if is_dated else "undated"
    path = next((f"by={p}:" for p in INCIDENT_PATHS if p in paths), "")
    return f"cluster:{path}docs={documents if documents < 3 else '3+'}:{family}:{dating}"


def _disagreement(about: str, sides: Iterable[tuple[str, str]], dimension: str) -> Disagreement:
    unique = tuple(dict.fromkeys(sides))
    records = tuple(DisagreementSide(document=doc, claim=None, text=text) for doc, text in unique)
    key = [list(side) for side in unique]
    return Disagreement(
        id=content_id("disagreement", type="event", about=about, sides=key),
        about=about,
        kind="event",
        sides=records,
        confidence_basis=f"disagreement:event:{dimension}",
    )


def _conflicting(
    members: Sequence[EventFacts], clash: Callable[[EventFacts, EventFacts], bool]
) -> list[EventFacts]:
    """Members that clash with a member of another document, in id order."""
    involved: dict[str, EventFacts] = {}
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if a.doc_id != b.doc_id and clash(a, b):
                involved[a.id], involved[b.id] = a, b
    return [involved[k] for k in sorted(involved)]


def contradictions(cluster: EventCluster, members: Sequence[EventFacts]) -> list[Disagreement]:
    """Where the documents of one merged event disagree: status, date, place, perpetrator.

    Returns:
        One "event" disagreement per disputed dimension, `about` the cluster id, one side per
        document and version: "status: negated — <sentence>", "date: 2020-01-02 — …",
        "place: <name> — …", "perpetrator: <source phrase> — …".

    Notes:
        A dimension is disputed when one source asserts what another negates, when two stated
        date intervals do not overlap, when two stated places are disjoint (not nested), or
        when two sources name disjoint specific perpetrators of no common side (a generic
        "rebels" never disputes a named group; a government and its army are one side).
    """
    ordered = sorted(members, key=lambda m: m.id)
    found: list[Disagreement] = []

    def side(label: str, value: str, m: EventFacts) -> tuple[str, str]:
        return m.doc_id, f"{label}: {value} — {m.sentence}"

    def status_clash(a: EventFacts, b: EventFacts) -> bool:
        pair = {a.event.status, b.event.status}
        return "negated" in pair and bool(pair & {"asserted", "reported"})

    def date_clash(a: EventFacts, b: EventFacts) -> bool:
        return date_relation(a, b) == "disjoint"

    def place_clash(a: EventFacts, b: EventFacts) -> bool:
        inferred = (a.place and a.place.inferred) or (b.place and b.place.inferred)
        return not inferred and place_relation(a.place, b.place) == "disjoint"

    def actor_clash(a: EventFacts, b: EventFacts) -> bool:
        disjoint = a.sources and b.sources and not a.sources & b.sources
        return bool(disjoint and not a.sides & b.sides)  # a state's organs are one side

    for label, clash in (
        ("status", status_clash),
        ("date", date_clash),
        ("place", place_clash),
        ("perpetrator", actor_clash),
    ):
        involved = _conflicting(ordered, clash)
        if not involved:
            continue
        sides = []
        for m in involved:
            value: str
            if label == "status":
                value = m.event.status
            elif label == "date":
                value = f"{_iso(m.start or 0)}..{_iso(m.end or 0)}"
            elif label == "place":
                value = m.place.name if m.place else "?"
            else:
                value = m.event.source_text or ", ".join(sorted(m.sources))
            sides.append(side(label, value, m))
        found.append(_disagreement(cluster.id, sides, label))
    return found
