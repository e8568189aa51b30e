"""The store, read page by page: every question the app asks of it, in SQL.

A `StoreView` is one request's view: the thread's read-only `Store` and the current
`Directory` of actors and places. Lists count their rows and read one `LIMIT … OFFSET …`
page; the timeline, network and map are `GROUP BY` counts; one document's or one actor's
facts are read by index. A request therefore holds one page of records, however large the
store, and sees what an analysis writing to the same file has committed.

Event views show merged events: the `cluster` rows corpus resolution writes at the end of
each analysis, filtered by actor, type, place, outlet, dates and confidence
(`EventFilter`) in SQL.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from zenobia import ids
from zenobia.confidence import ConfidenceFloor
from zenobia.model import Claim, Disagreement, Event, EventCluster, Mention, Quote, Stance
from zenobia.store import Store
from zenobia.web.conditions import (
    EVENT_ORDER_SQL,
    Condition,
    all_of,
    event_where,
    floor_sql,
    has_actor,
)
from zenobia.web.directory import ACTOR_MENTIONS_SQL, Directory
from zenobia.web.explore import (
    DocumentEvent,
    DocumentFacts,
    EventFilter,
    EventKind,
    MapPlace,
    Network,
    OutletStance,
    Timeline,
    map_places,
    network,
    outlet_stances,
    quad_kind,
    shown,
    timeline,
    type_quad,
)
from zenobia.web.infos import (
    DOCUMENT_COLUMNS,
    claim_info,
    document_info,
    event_info,
    event_source,
    mention_info,
    quote_info,
    stance_info,
)
from zenobia.web.records import (
    DisagreementInfo,
    DocumentInfo,
    EventInfo,
    MentionInfo,
    Page,
    QuoteInfo,
    SideInfo,
    SummarySentence,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")
T = TypeVar("T")
Role = Literal["source", "target"]

_CHUNK = 500
"""Ids looked up per statement (SQLite limits the parameters of one statement)."""


class StoreView:
    """One request's reading of a store.

    Args:
        store: The store, opened read-only, of this thread.
        directory: Its actors and places.
    """

    def __init__(self, store: Store, directory: Directory) -> None:
        self.store = store
        self.directory = directory
        self._outlets: dict[str, str | None] = {}

    # --- names ---------------------------------------------------------------------------------

    def actor_name(self, actor: str | None) -> str:
        """The name of an actor id ("unknown actor" when the store has none)."""
        return self.directory.actor_name(actor)

    def place_name(self, place: str | None) -> str | None:
        """The name of a place id, None when there is none."""
        return self.directory.place_name(place)

    def outlet_of(self, document: str) -> str | None:
        """The outlet of a document id."""
        if document not in self._outlets:
            rows = self.store.rows("SELECT outlet FROM documents WHERE id = ?", (document,))
            self._outlets[document] = rows[0][0] if rows else None
        return self._outlets[document]

    def title_of(self, document: str) -> str | None:
        """The title of a document id."""
        found = self.documents_by_id([document]).get(document)
        return found.title if found else None

    def documents_by_id(self, ids: Iterable[str]) -> dict[str, DocumentInfo]:
        """The metadata of each document id that is stored."""
        found = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            for row in self.store.rows(
                f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id IN ({marks})", chunk
            ):
                found[str(row[0])] = document_info(row)
        self._outlets.update((d.id, d.outlet) for d in found.values())
        return found

    def _select_in(self, kind: type[R], column: str, ids: Iterable[str]) -> list[R]:
        found: list[R] = []
        for chunk in _chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            found += self.store.records(kind, f"{column} IN ({marks})", chunk)
        return found

    def _mentions(self, ids: Iterable[str | None]) -> dict[str, Mention]:
        return {m.id: m for m in self._select_in(Mention, "id", (i for i in ids if i))}

    def _links(self, mention_ids: Iterable[str | None]) -> dict[str, str]:
        """The actor each of `mention_ids` names (the store's links), for those naming one."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(dict.fromkeys(i for i in mention_ids if i))):
            marks = ",".join("?" * len(chunk))
            rows = self.store.rows(
                f"SELECT mention_id, actor_id FROM actor_mentions WHERE mention_id IN ({marks})",
                chunk,
            )
            found.update((str(mention), str(actor)) for mention, actor in rows)
        return found

    def _count(self, table: str, condition: Condition) -> int:
        sql, params = condition
        return int(self.store.rows(f"SELECT count(*) FROM {table} WHERE {sql}", params)[0][0])

    # --- merged events -------------------------------------------------------------------------

    def events(
        self, chosen: EventFilter, floor: ConfidenceFloor, *, limit: int, offset: int
    ) -> Page[EventInfo]:
        """One page of the merged events the filter keeps, by date, with their sources."""
        return self._event_page(event_where(chosen, floor), limit, offset)

    def actor_events(
        self, actor: str, role: Role, floor: ConfidenceFloor, *, limit: int, offset: int
    ) -> Page[EventInfo]:
        """One page of the events `actor` did (`source`) or that were done to it (`target`)."""
        column = "actors" if role == "source" else "recipients"
        condition = all_of([floor_sql(floor, "c"), (has_actor(column), [actor])])
        return self._event_page(condition, limit, offset)

    def _event_page(self, condition: Condition, limit: int, offset: int) -> Page[EventInfo]:
        sql, params = condition
        total = self._count("cluster c", condition)
        # order the ids alone, then read the page's rows: sorting whole rows costs ten times more
        ids = [
            str(row[0])
            for row in self.store.rows(
                f"SELECT c.id FROM cluster c WHERE {sql} ORDER BY {EVENT_ORDER_SQL}"
                " LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        ]
        by_id = {c.id: c for c in self._select_in(EventCluster, "id", ids)}
        clusters = [by_id[i] for i in ids if i in by_id]
        return Page(total, limit, offset, tuple(self._merged(clusters)))

    def event(self, event_id: str) -> EventInfo | None:
        """One merged event, None when there is none with this id."""
        found = self._merged(self.store.records(EventCluster, "id = ?", [event_id]))
        return found[0] if found else None

    def _merged(self, clusters: Sequence[EventCluster]) -> list[EventInfo]:
        members = {e.id: e for e in self._select_in(Event, "id", _members(clusters))}
        mentions = self._mentions(
            m
            for e in members.values()
            for m in (*e.source_mention_ids, *e.target_mention_ids, e.place_mention_id)
        )
        known = self.directory.known
        links = self._links(mentions)
        return [
            event_info(
                cluster,
                tuple(
                    event_source(members[e], mentions, known, links)
                    for e in cluster.event_ids
                    if e in members
                ),
            )
            for cluster in clusters
        ]

    def _kind_counts(self, condition: Condition, *keys: str) -> list[tuple[Any, ...]]:
        """Merged events counted by `keys` and kind (conflict, cooperation, other)."""
        sql, params = condition
        grouped = ", ".join(keys)
        rows = self.store.rows(
            f"SELECT {grouped}, c.type, c.mode, c.context, count(*) FROM cluster c"
            f" WHERE {sql} GROUP BY {grouped}, c.type, c.mode, c.context",
            params,
        )
        found: Counter[tuple[Any, ...]] = Counter()
        for *values, type_, mode, context, n in rows:
            kind = quad_kind(type_quad(type_, mode, _json_list(context)))
            found[(*values, kind)] += n
        return [(*key, n) for key, n in found.items()]

    def timeline(self, chosen: EventFilter, floor: ConfidenceFloor) -> Timeline:
        """The filtered events per month of their start date, by kind."""
        counts = self._kind_counts(event_where(chosen, floor), "substr(c.date_start, 1, 7)")
        return timeline((month, kind, n) for month, kind, n in counts)

    def network(self, chosen: EventFilter, floor: ConfidenceFloor) -> Network:
        """The actor network of the filtered events."""
        sql, params = event_where(chosen, floor)
        rows = self.store.rows(
            "SELECT a.value, r.value, c.type, c.mode, c.context, count(*)"
            " FROM cluster c, json_each(c.actors) a, json_each(c.recipients) r"
            f" WHERE {sql} AND a.value != r.value"
            " GROUP BY a.value, r.value, c.type, c.mode, c.context",
            params,
        )
        pairs: Counter[tuple[str, str, EventKind]] = Counter()
        for source, target, type_, mode, context, n in rows:
            pairs[source, target, quad_kind(type_quad(type_, mode, _json_list(context)))] += n
        return network(((a, b, k, n) for (a, b, k), n in pairs.items()), self.directory)

    def map_places(self, chosen: EventFilter, floor: ConfidenceFloor) -> list[MapPlace]:
        """Geocoded places with the filtered events at each; only those where one happened
        when a filter narrows the events."""
        condition = event_where(chosen, floor)
        sql, params = condition
        at: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for place, kind, n in self._kind_counts(
            (f"{sql} AND c.place_id IS NOT NULL", params), "c.place_id"
        ):
            at[place][kind] += n
        return map_places(at, self.directory, floor, only_with_events=chosen.is_narrowed)

    def event_types(self, floor: ConfidenceFloor) -> list[str]:
        """The types of the merged events shown at `floor`."""
        sql, params = floor_sql(floor, "c")
        rows = self.store.rows(f"SELECT DISTINCT c.type FROM cluster c WHERE {sql}", params)
        return sorted(str(row[0]) for row in rows)

    def actors_in_events(self, floor: ConfidenceFloor, limit: int) -> list[str]:
        """The actors in most merged events shown at `floor` (in either role), most first."""
        sql, params = floor_sql(floor, "c")
        events: Counter[str] = Counter()
        for column in ("actors", "recipients"):
            for actor, n in self.store.rows(
                f"SELECT j.value, count(*) FROM cluster c, json_each(c.{column}) j"
                f" WHERE {sql} GROUP BY j.value",
                params,
            ):
                events[str(actor)] += n
        for actor, n in self.store.rows(  # an event with the actor in both roles counts once
            "SELECT a.value, count(*) FROM cluster c, json_each(c.actors) a"
            f" WHERE {sql} AND {has_actor('recipients').replace('= ?', '= a.value')}"
            " GROUP BY a.value",
            params,
        ):
            events[str(actor)] -= n
        ranked = sorted(events.items(), key=lambda kv: (-kv[1], kv[0]))
        return [actor for actor, _ in ranked[:limit]]

    def event_places(self, floor: ConfidenceFloor, limit: int) -> list[str]:
        """The places most merged events shown at `floor` happened at, most first."""
        sql, params = floor_sql(floor, "c")
        rows = self.store.rows(
            f"SELECT c.place_id FROM cluster c WHERE {sql} AND c.place_id IS NOT NULL"
            " GROUP BY c.place_id ORDER BY count(*) DESC, c.place_id LIMIT ?",
            [*params, limit],
        )
        return [str(row[0]) for row in rows]

    def count_events(self, floor: ConfidenceFloor) -> int:
        """How many merged events are shown at `floor`."""
        return self._count("cluster c", floor_sql(floor, "c"))

    # --- documents -----------------------------------------------------------------------------

    def documents(
        self,
        *,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int,
        offset: int,
    ) -> Page[DocumentInfo]:
        """One page of documents in the order they were added, by outlet and publication date."""
        conditions: list[Condition] = []
        if outlet:
            conditions.append(("outlet = ?", [outlet]))
        if date_from:
            conditions.append(("published_date >= ?", [date_from]))
        if date_to:
            conditions.append(("published_date <= ?", [date_to]))
        sql, params = all_of(conditions)
        total = self._count("documents", (sql, params))
        rows = self.store.rows(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE {sql}"
            " ORDER BY added_at, rowid LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return Page(total, limit, offset, tuple(document_info(row) for row in rows))

    def outlets(self) -> list[str]:
        """Every named outlet, sorted."""
        rows = self.store.rows("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL")
        return sorted(str(row[0]) for row in rows if row[0])

    def document_counts(self) -> tuple[Counter[str], Counter[str], str | None, str | None]:
        """Documents by status and by outlet, and the first and last publication dates."""
        statuses: Counter[str] = Counter()
        outlets: Counter[str] = Counter()
        for status, outlet, n in self.store.rows(
            "SELECT status, outlet, count(*) FROM documents GROUP BY status, outlet"
        ):
            statuses[str(status)] += n
            outlets[str(outlet) if outlet else "unknown outlet"] += n
        first, last = self.store.rows(
            "SELECT min(published_date), max(published_date) FROM documents"
        )[0]
        return statuses, outlets, first, last

    def document_text(self, doc_id: str) -> str | None:
        """A document's stored text."""
        rows = self.store.rows("SELECT text FROM documents WHERE id = ?", (doc_id,))
        return str(rows[0][0]) if rows else None

    def document_facts(self, doc_id: str, floor: ConfidenceFloor) -> DocumentFacts:
        """Every fact of one document shown at `floor`, in text order."""
        mentions = {
            m.id: m
            for m in self.store.records(Mention, "doc_id = ?", [doc_id], order_by="start_char")
        }
        events = self.store.records(Event, "doc_id = ?", [doc_id], order_by="trigger_start")
        clusters = dict(
            self.store.rows(
                "SELECT ec.event_id, ec.cluster_id FROM event_clusters ec"
                " JOIN events e ON e.id = ec.event_id WHERE e.doc_id = ?",
                (doc_id,),
            )
        )
        claims = self.store.records(Claim, "doc_id = ?", [doc_id], order_by="start_char")
        support = self._claim_support(c.id for c in claims)
        known = self.directory.known
        links = self._links(mentions)
        infos = [mention_info(m, known, links) for m in mentions.values()]
        told = [
            DocumentEvent(
                clusters.get(e.id) or ids.cluster_id([e.id]),
                event_source(e, mentions, known, links),
            )
            for e in events
        ]
        quotes = [
            quote_info(q, links)
            for q in self.store.records(Quote, "doc_id = ?", [doc_id], order_by="start_char")
        ]
        claim_infos = [claim_info(c, links, support.get(c.id, (0, 0))) for c in claims]
        told = [t for t in told if floor.keeps(t.source.confidence, t.source.confidence_basis)]
        told.sort(key=lambda t: (t.source.trigger_start, t.source.trigger_end))
        return DocumentFacts(
            mentions=tuple(m for m in shown(infos, floor) if m.actor or m.place),
            events=tuple(told),
            quotes=tuple(shown(quotes, floor)),
            claims=tuple(shown(claim_infos, floor)),
        )

    def _claim_support(self, ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        found = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for claim, corroborations, contradictions in self.store.rows(
                "SELECT claim_id, corroborations, contradictions FROM claim_support"
                f" WHERE claim_id IN ({marks})",
                chunk,
            ):
                found[str(claim)] = (int(corroborations), int(contradictions))
        return found

    # --- one actor -----------------------------------------------------------------------------

    def _of_actor(self, actor: str) -> Condition:
        return f"m.id IN ({ACTOR_MENTIONS_SQL})", [actor]

    def actor_mentions(
        self, actor: str, floor: ConfidenceFloor, *, limit: int, offset: int
    ) -> Page[MentionInfo]:
        """One page of an actor's mentions, however written, in document order."""
        sql, params = all_of([self._of_actor(actor), floor_sql(floor, "m")])
        total = self._count("mentions m", (sql, params))
        found = self.store.records(
            Mention,
            sql,
            params,
            order_by="m.doc_id, m.start_char",
            limit=limit,
            offset=offset,
            alias="m",
        )
        links = self._links(m.id for m in found)
        items = tuple(mention_info(m, self.directory.known, links) for m in found)
        return Page(total, limit, offset, items)

    def _spoken_by(self, actor: str, column: str, alias: str) -> Condition:
        return f"{alias}.{column} IN ({ACTOR_MENTIONS_SQL})", [actor]

    def actor_quotes(
        self, actor: str, floor: ConfidenceFloor, *, limit: int, offset: int
    ) -> Page[QuoteInfo]:
        """One page of what an actor is quoted as saying."""
        condition = all_of(
            [self._spoken_by(actor, "speaker_mention_id", "q"), floor_sql(floor, "q")]
        )
        total = self._count("quotes q", condition)
        sql, params = condition
        found = self.store.records(
            Quote,
            sql,
            params,
            order_by="q.doc_id, q.start_char",
            limit=limit,
            offset=offset,
            alias="q",
        )
        links = self._links(q.speaker_mention_id for q in found)
        items = tuple(quote_info(q, links) for q in found)
        return Page(total, limit, offset, items)

    def outlet_stances(self, actor: str, floor: ConfidenceFloor) -> list[OutletStance]:
        """How each outlet, in its documents' own voice, judges an actor."""
        sql, params = all_of(
            [
                self._spoken_by(actor, "actor_mention_id", "s"),
                ("s.holder_mention_id IS NULL", []),
                floor_sql(floor, "s"),
            ]
        )
        found = self.store.records(Stance, sql, params, order_by="s.doc_id, s.id", alias="s")
        documents = self.documents_by_id(s.doc_id for s in found)
        pairs = []
        for stance in found:
            outlet = documents[stance.doc_id].outlet if stance.doc_id in documents else None
            pairs.append((outlet, stance_info(stance, actor, {})))
        return outlet_stances(pairs)

    # --- disagreements, quotes, claims, the corpus ----------------------------------------------

    def disagreements(
        self, kind: str | None, floor: ConfidenceFloor, *, limit: int, offset: int
    ) -> Page[DisagreementInfo]:
        """One page of disagreements by kind and subject."""
        conditions = [floor_sql(floor, "d")]
        if kind:
            conditions.append(("d.kind = ?", [kind]))
        return self._disagreement_page(all_of(conditions), limit, offset)

    def event_disagreements(self, event_id: str, floor: ConfidenceFloor) -> list[DisagreementInfo]:
        """Disagreements about an event, and numeric ones about its counts (their subject
        names the event)."""
        about: Condition = (
            "((d.kind = 'event' AND d.about = ?)"
            " OR (d.kind = 'numeric' AND instr(d.about, ?) > 0))",
            [event_id, f"(event {event_id})"],
        )
        found = self._disagreement_page(all_of([about, floor_sql(floor, "d")]), -1, 0)
        return list(found.items)

    def _disagreement_page(
        self, condition: Condition, limit: int, offset: int
    ) -> Page[DisagreementInfo]:
        sql, params = condition
        total = self._count("disagreements d", condition)
        found = self.store.records(
            Disagreement,
            sql,
            params,
            order_by="d.kind, d.about, d.id",
            limit=limit,
            offset=offset,
            alias="d",
        )
        items = tuple(
            DisagreementInfo(
                id=d.id,
                about=d.about,
                kind=d.kind,
                sides=tuple(SideInfo(s.document, s.claim, s.text) for s in d.sides),
                confidence=d.confidence,
                confidence_basis=d.confidence_basis,
            )
            for d in found
        )
        return Page(total, max(limit, 0), offset, items)

    def count(
        self, table: Literal["quotes", "claims", "disagreements"], floor: ConfidenceFloor
    ) -> int:
        """How many facts of one table are shown at `floor`."""
        return self._count(f"{table} t", floor_sql(floor, "t"))

    def skipped(self) -> int:
        """How many inputs were skipped."""
        return int(self.store.rows("SELECT count(*) FROM skips")[0][0])

    def summary(self) -> tuple[SummarySentence, ...]:
        """The extractive summary's sentences, best first."""
        return tuple(
            SummarySentence(doc_id, start, end, text)
            for doc_id, start, end, text, _score in self.store.summary_sentences()
        )


def _chunks(items: Sequence[T]) -> Iterable[Sequence[T]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _members(clusters: Iterable[EventCluster]) -> list[str]:
    return [event_id for cluster in clusters for event_id in cluster.event_ids]


def _json_list(value: object) -> tuple[str, ...]:
    return tuple(json.loads(str(value))) if value else ()
