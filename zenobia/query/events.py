"""Who did what to whom, where and when: events merged across documents or one by one, and
one event with every document that tells it.

Filters run in SQL over `events_view` (one row per extracted event, with names, place and
outlet); the confidence floor, which depends on each fact's basis, runs on the rows returned.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from zenobia.confidence import ConfidenceFloor, ConfidenceTable
from zenobia.query._confidence import floor_of, kept
from zenobia.query._lookup import find_one
from zenobia.query.filters import DEFAULT_FILTERS, Filters, Where
from zenobia.query.rows import Rows, to_frame
from zenobia.store import Store
from zenobia.views import DisagreementRow, list_disagreements


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event as a listing shows it: merged across documents, or as one sentence told it.

    `actor` names the (lead) event's source: the names of the store's actors it links to (the
    mentions' canonical names until corpus resolution has linked them), else the noun phrase
    the sentence gives (generic actors: "gunmen"); `sentence` the lead event's sentence as
    stored; `documents` how many documents tell the event, `outlets` their outlets.
    """

    id: str
    type: str
    mode: str | None
    date: str | None
    place: str | None
    actor: str | None
    status: str
    documents: int
    sentence: str
    confidence: float | None = None
    confidence_basis: str | None = None
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventListing:
    """The rows of an event listing, and whether merged rows were asked for but not resolved.

    `is_unresolved` is True when merged events were asked for, the store has events, and
    corpus resolution has not merged them yet (a re-run of the analysis does). `floor` is
    the minimum confidence the rows were chosen by, `hidden` how many events it left out.
    """

    rows: Rows[EventRow]
    is_merged: bool
    is_unresolved: bool = False
    floor: ConfidenceFloor | None = None
    hidden: int = 0

    def df(self) -> Any:
        """The rows as a pandas DataFrame (see `Rows.df`)."""
        return to_frame(self.rows)


@dataclass(frozen=True, slots=True)
class EventSource:
    """One document's telling of an event: its own event record, sentence and span."""

    event_id: str
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    actor: str | None
    recipient: str | None
    place: str | None
    date: str | None
    status: str
    sentence: str
    start_char: int
    end_char: int
    confidence: float | None
    confidence_basis: str | None


@dataclass(frozen=True, slots=True)
class EventDetail:
    """An event (merged across documents when `is_merged`) with every document that tells it
    and the disagreements between them about its facts."""

    id: str
    is_merged: bool
    type: str
    mode: str | None
    status: str
    date_start: str | None
    date_end: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    dead: int | None
    injured: int | None
    confidence: float | None
    confidence_basis: str | None
    sources: tuple[EventSource, ...]
    disagreements: tuple[DisagreementRow, ...]


def _event_filters(filters: Filters, *, merged: bool) -> Where:
    """The conditions on `events_view` rows (`v`); merged listings test type, place and date
    on the merged event itself (see `list_events`)."""
    where = Where()
    where.contains(("v.actor", "v.recipient"), filters.actor)
    where.contains(("v.outlet",), filters.outlet)
    if not merged:
        if filters.type is not None:
            where.add("v.type = ?", filters.type.upper())
        where.contains(("v.place",), filters.place)
        where.between(
            "coalesce(v.date_start, v.published_date)",
            "coalesce(v.date_end, v.date_start, v.published_date)",
            filters.since,
            filters.until,
        )
    return where


def list_events(
    store: Store,
    filters: Filters = DEFAULT_FILTERS,
    *,
    merged: bool = True,
    table: ConfidenceTable | None = None,
) -> EventListing:
    """List events, merged across documents (told by most documents first) or one by one.

    Args:
        store: the store to read.
        filters: `actor` (a source or target name contains it), `outlet` (told by a document
            of that outlet), `type` (PLOVER), `place`, `since`/`until` (the event's days, else
            its document's publication day), `min_confidence` (None: each kind's threshold,
            a merged event's kind being `cluster`, an event told by one document `event`),
            `limit` (merged: the most merged events).
        merged: one row per merged event; False: one per extracted event, in document order.
        table: the confidence table; the packaged one when None.

    Returns:
        The rows, with `is_unresolved` set when merged rows were asked for but none exist,
        and how many events the minimum confidence hid.
    """
    floor = floor_of(filters.min_confidence, table)
    if not merged:
        return _each_event(store, filters, floor)
    where = Where()
    members = _event_filters(filters, merged=True)
    if members.conditions:
        where.add(
            f"c.id IN (SELECT v.cluster_id FROM events_view AS v{members.sql()})",
            *members.parameters,
        )
    if filters.type is not None:
        where.add("c.type = ?", filters.type.upper())
    where.contains(("p.name",), filters.place)
    where.between(
        "c.date_start", "coalesce(c.date_end, c.date_start)", filters.since, filters.until
    )
    clusters = store.select(
        "SELECT c.id, c.type, c.mode, c.date_start, c.status, p.name AS place, c.confidence,"
        " c.confidence_basis, (SELECT count(DISTINCT e.doc_id) FROM json_each(c.members) AS j"
        " JOIN events AS e ON e.id = j.value) AS documents"
        f" FROM cluster AS c LEFT JOIN places AS p ON p.id = c.place_id{where.sql()}"
        " ORDER BY documents DESC, c.size DESC, c.id",
        where.parameters,
    )
    if not clusters and not store.select("SELECT 1 FROM cluster LIMIT 1"):
        has_events = bool(store.select("SELECT 1 FROM events LIMIT 1"))
        return EventListing(Rows(), is_merged=True, is_unresolved=has_events, floor=floor)
    told = [row for row in clusters if row["documents"]]
    shown, hidden = kept(told, floor, filters.limit)
    tellings = _tellings(store, [row["id"] for row in shown])
    rows = []
    for cluster in shown:
        found = tellings[cluster["id"]]
        lead = found[0]
        rows.append(
            EventRow(
                id=cluster["id"],
                type=cluster["type"],
                mode=cluster["mode"],
                date=cluster["date_start"],
                place=cluster["place"],
                actor=lead["actor"],
                status=cluster["status"],
                documents=cluster["documents"],
                sentence=lead["sentence"],
                confidence=cluster["confidence"],
                confidence_basis=cluster["confidence_basis"],
                outlets=_distinct(row["outlet"] for row in found),
            )
        )
    return EventListing(Rows(rows), is_merged=True, floor=floor, hidden=hidden)


def _each_event(store: Store, filters: Filters, floor: ConfidenceFloor) -> EventListing:
    where = _event_filters(filters, merged=False)
    found = store.select(
        f"SELECT v.* FROM events_view AS v JOIN events AS e ON e.id = v.id{where.sql()}"
        " ORDER BY v.doc_id, e.trigger_start, v.type",
        where.parameters,
    )
    shown, hidden = kept(found, floor, filters.limit)
    rows = Rows(
        EventRow(
            id=row["id"],
            type=row["type"],
            mode=row["mode"],
            date=row["date_start"],
            place=row["place"],
            actor=row["actor"],
            status=row["status"],
            documents=1,
            sentence=row["sentence"],
            confidence=row["confidence"],
            confidence_basis=row["confidence_basis"],
            outlets=_distinct([row["outlet"]]),
        )
        for row in shown
    )
    return EventListing(rows, is_merged=False, floor=floor, hidden=hidden)


def _tellings(store: Store, cluster_ids: list[str]) -> dict[str, list[sqlite3.Row]]:
    """The member events of each cluster as `events_view` rows, in the cluster's own order."""
    found: dict[str, list[sqlite3.Row]] = {cluster_id: [] for cluster_id in cluster_ids}
    if not cluster_ids:
        return found
    marks = ", ".join("?" * len(cluster_ids))
    rows = store.select(
        "SELECT c.id AS cluster, v.* FROM cluster AS c, json_each(c.members) AS j"
        f" JOIN events_view AS v ON v.id = j.value WHERE c.id IN ({marks})"
        " ORDER BY c.id, j.key",
        cluster_ids,
    )
    for row in rows:
        found[row["cluster"]].append(row)
    return found


def get_event(store: Store, given_id: str) -> EventDetail:
    """The merged event, or else the extracted event, whose id is or starts with `given_id`.

    Raises:
        ZenobiaError: no event id (or more than one) starts with it.
    """
    if store.select("SELECT 1 FROM cluster WHERE substr(id, 1, ?) = ?", (len(given_id), given_id)):
        return _merged_event(store, find_one(store, "cluster", given_id, what="event"))
    event_id = find_one(store, "events", given_id, what="event")
    (row,) = store.select("SELECT * FROM events_view WHERE id = ?", (event_id,))
    return EventDetail(
        id=row["id"],
        is_merged=False,
        type=row["type"],
        mode=row["mode"],
        status=row["status"],
        date_start=row["date_start"],
        date_end=row["date_end"],
        place=row["place"],
        country=row["country"],
        lat=row["lat"],
        lon=row["lon"],
        actors=_distinct([row["actor"]]),
        recipients=_distinct([row["recipient"]]),
        dead=row["dead"],
        injured=row["injured"],
        confidence=row["confidence"],
        confidence_basis=row["confidence_basis"],
        sources=(_source(row),),
        disagreements=(),
    )


def _merged_event(store: Store, cluster_id: str) -> EventDetail:
    (cluster,) = store.select(
        "SELECT c.*, p.name AS place, p.country, p.lat, p.lon FROM cluster AS c"
        " LEFT JOIN places AS p ON p.id = c.place_id WHERE c.id = ?",
        (cluster_id,),
    )
    members = _tellings(store, [cluster_id])[cluster_id]
    disputes = list_disagreements(
        store, kind="event", about=cluster_id, limit=len(members) ** 2 + 10, min_confidence=0.0
    )
    return EventDetail(
        id=cluster_id,
        is_merged=True,
        type=cluster["type"],
        mode=cluster["mode"],
        status=cluster["status"],
        date_start=cluster["date_start"],
        date_end=cluster["date_end"],
        place=cluster["place"],
        country=cluster["country"],
        lat=cluster["lat"],
        lon=cluster["lon"],
        actors=_distinct(row["actor"] for row in members),
        recipients=_distinct(row["recipient"] for row in members),
        dead=cluster["dead"],
        injured=cluster["injured"],
        confidence=cluster["confidence"],
        confidence_basis=cluster["confidence_basis"],
        sources=tuple(_source(row) for row in members),
        disagreements=tuple(d for d in disputes if d.about == cluster_id),
    )


def _source(row: sqlite3.Row) -> EventSource:
    return EventSource(
        event_id=row["id"],
        doc_id=row["doc_id"],
        title=row["title"],
        outlet=row["outlet"],
        published=row["published_date"],
        actor=row["actor"],
        recipient=row["recipient"],
        place=row["place"],
        date=row["date_start"],
        status=row["status"],
        sentence=row["sentence"],
        start_char=row["start_char"],
        end_char=row["end_char"],
        confidence=row["confidence"],
        confidence_basis=row["confidence_basis"],
    )


def _distinct(values: Any) -> tuple[str, ...]:
    """The non-empty values, each once, in order."""
    return tuple(dict.fromkeys(value for value in values if value))
