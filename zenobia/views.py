"""Typed rows that list what a store holds: events, disagreements, counts and skips.

The command line renders these rows; a notebook or the web app can use them as they are.
Nothing here formats or truncates text: that is the renderer's choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from zenobia.confidence import ConfidenceFloor, ConfidenceTable, load_confidence_table
from zenobia.errors import ZenobiaError
from zenobia.model import DisagreementKind, Event, EventCluster, Failure, Skip
from zenobia.store import RunRecord, Store


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event as a listing shows it: merged across documents, or as one sentence told it.

    `actor` names the (lead) event's source: the canonical names of the actors it links to, else
    the noun phrase the sentence gives (generic actors: "gunmen"); `sentence` the lead event's
    sentence as stored; `documents` how many documents tell the event.
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


@dataclass(frozen=True, slots=True)
class EventListing:
    """The rows of an event listing, and whether merged rows were asked for but not resolved.

    `is_unresolved` is True when merged events were asked for, the store has events, and
    corpus resolution has not merged them yet (a re-run of the analysis does). `floor` is
    the minimum confidence the rows were chosen by, `hidden` how many events it left out.
    """

    rows: tuple[EventRow, ...]
    is_merged: bool
    is_unresolved: bool = False
    floor: ConfidenceFloor | None = None
    hidden: int = 0


@dataclass(frozen=True, slots=True)
class SideRow:
    """One document's side of a disagreement; `number` is its claim's number as written."""

    document: str
    number: str | None
    text: str


@dataclass(frozen=True, slots=True)
class DisagreementRow:
    """Where sources disagree: what about, of which kind, and each document's side."""

    id: str
    kind: str
    about: str
    sides: tuple[SideRow, ...]
    confidence: float | None = None
    confidence_basis: str | None = None


@dataclass(frozen=True, slots=True)
class StoreOverview:
    """What a store holds: row counts (as `Store.counts`), every skipped and failed input,
    the latest runs (newest first), and whether corpus resolution is pending."""

    counts: dict[str, int]
    skips: tuple[Skip, ...]
    failures: tuple[Failure, ...] = ()
    runs: tuple[RunRecord, ...] = ()
    is_resolution_pending: bool = False


DISAGREEMENT_KINDS: tuple[str, ...] = get_args(DisagreementKind)


def list_events(
    store: Store,
    *,
    merged: bool = True,
    limit: int = 50,
    min_confidence: float | None = None,
    table: ConfidenceTable | None = None,
) -> EventListing:
    """List events, merged across documents (told by most documents first) or one by one.

    Args:
        store: the store to read.
        merged: one row per merged event cluster; False: one per extracted event, in
            document order.
        limit: the most clusters (or events) to list; a cluster whose member events are no
            longer stored is left out after the limit is applied.
        min_confidence: only events at least this confident; None: the default threshold of
            each kind in `table` (a merged event's kind is `cluster`, an event told by one
            document `event`); 0.0: every event.
        table: the confidence table; the packaged one when None.

    Returns:
        The rows, with `is_unresolved` set when merged rows were asked for but none exist,
        and how many events the minimum confidence hid.
    """
    floor = ConfidenceFloor.of(table or load_confidence_table(), min_confidence)
    events = {e.id: e for e in store.events()}
    if not merged:
        kept = [e for e in events.values() if floor.keeps(e.confidence, e.confidence_basis)]
        chosen = kept[:limit]
        texts = store.document_texts({e.doc_id for e in chosen})
        names = store.canonical_names(m for e in chosen for m in e.source_mention_ids)
        each = tuple(_event_row(e, texts.get(e.doc_id, ""), names) for e in chosen)
        hidden = len(events) - len(kept)
        return EventListing(rows=each, is_merged=False, floor=floor, hidden=hidden)
    clusters = list(store.event_clusters())
    if not clusters:
        return EventListing(rows=(), is_merged=True, is_unresolved=bool(events), floor=floor)
    shown = [c for c in clusters if floor.keeps(c.confidence, c.confidence_basis)]
    hidden = len(clusters) - len(shown)
    clusters = shown

    def members(cluster: EventCluster) -> list[Event]:
        return [events[e] for e in cluster.event_ids if e in events]

    # the store lists clusters largest first; a stable sort keeps that among equal counts
    clusters.sort(key=lambda c: len({e.doc_id for e in members(c)}), reverse=True)
    told = [(c, found) for c in clusters[:limit] if (found := members(c))]
    texts = store.document_texts({found[0].doc_id for _, found in told})
    names = store.canonical_names(m for _, found in told for m in found[0].source_mention_ids)
    places = store.places()
    rows = []
    for cluster, found in told:
        lead = found[0]
        place = places.get(cluster.place_id) if cluster.place_id else None
        rows.append(
            EventRow(
                id=cluster.id,
                type=cluster.type,
                mode=cluster.mode,
                date=cluster.date.start if cluster.date else None,
                place=place.name if place else None,
                actor=_source_name(lead, names),
                status=cluster.status,
                documents=len({m.doc_id for m in found}),
                sentence=texts.get(lead.doc_id, "")[lead.start_char : lead.end_char],
                confidence=cluster.confidence,
                confidence_basis=cluster.confidence_basis,
            )
        )
    return EventListing(rows=tuple(rows), is_merged=True, floor=floor, hidden=hidden)


def _source_name(event: Event, names: dict[str, str]) -> str | None:
    """The canonical names of the actors an event's source links to, else its noun phrase."""
    linked = dict.fromkeys(names[m] for m in event.source_mention_ids if m in names)
    return ", ".join(linked) if linked else event.source_text


def _event_row(event: Event, text: str, names: dict[str, str]) -> EventRow:
    return EventRow(
        id=event.id,
        type=event.type,
        mode=event.mode,
        date=event.date.start if event.date else None,
        place=None,
        actor=_source_name(event, names),
        status=event.status,
        documents=1,
        sentence=text[event.start_char : event.end_char],
        confidence=event.confidence,
        confidence_basis=event.confidence_basis,
    )


def list_disagreements(
    store: Store,
    *,
    kind: str | None = None,
    about: str | None = None,
    limit: int = 50,
    min_confidence: float | None = None,
    table: ConfidenceTable | None = None,
) -> list[DisagreementRow]:
    """List where sources disagree, by kind and subject, with each numeric side's number.

    Args:
        store: the store to read.
        kind: only this kind (numeric, framing or event).
        about: only disagreements whose subject contains this text (case-insensitive).
        limit: the most disagreements to list.
        min_confidence: only disagreements at least this confident; None: the default
            threshold of disagreements in `table`; 0.0: every one.
        table: the confidence table; the packaged one when None.

    Raises:
        ZenobiaError: `kind` is not a disagreement kind.
    """
    if kind is not None and kind not in DISAGREEMENT_KINDS:
        raise ZenobiaError(
            f"unknown disagreement kind {kind!r}",
            why=f"the kinds are {', '.join(DISAGREEMENT_KINDS)}",
            fix="use --kind " + ", --kind ".join(DISAGREEMENT_KINDS) + ", or leave it out",
        )
    floor = ConfidenceFloor.of(table or load_confidence_table(), min_confidence)
    found = [d for d in store.disagreements(kind) if floor.keeps(d.confidence, d.confidence_basis)]
    if about is not None:
        found = [d for d in found if about.casefold() in d.about.casefold()]
    found = found[:limit]
    wanted = {s.claim for d in found for s in d.sides if s.claim}
    numbers = {c.id: c.text for c in store.claims() if c.id in wanted} if wanted else {}
    return [
        DisagreementRow(
            id=d.id,
            kind=d.kind,
            about=d.about,
            sides=tuple(
                SideRow(s.document, numbers.get(s.claim) if s.claim else None, s.text)
                for s in d.sides
            ),
            confidence=d.confidence,
            confidence_basis=d.confidence_basis,
        )
        for d in found
    ]


RECENT_RUNS = 5
"""How many of the latest runs an overview lists."""


def overview(store: Store) -> StoreOverview:
    """Row counts, skipped and failed inputs, recent runs and pending resolution of `store`."""
    return StoreOverview(
        counts=store.counts(),
        skips=tuple(store.skips()),
        failures=tuple(store.failures()),
        runs=tuple(store.runs(RECENT_RUNS)),
        is_resolution_pending=store.is_resolution_pending(),
    )
