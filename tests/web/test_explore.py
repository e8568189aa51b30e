"""The store read page by page: filters, confidence, timeline, network, differences, in SQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from zenobia.confidence import ConfidenceTable, Threshold, load_confidence_table
from zenobia.store import Store
from zenobia.web.directory import build_directory
from zenobia.web.explore import EventFilter, differences, network
from zenobia.web.queries import StoreView
from zenobia.web.reader import open_store

TABLE = ConfidenceTable(load_confidence_table().rows, {"event": Threshold("event", 0.5)})
"""Events below 0.5 are hidden by default (the synthetic store's even events have 0.3)."""


@pytest.fixture(scope="module")
def view(small_db: Path) -> Iterator[StoreView]:
    store = open_store(small_db)
    yield StoreView(store, build_directory(store))
    store.close()


def _actor(view: StoreView, name: str) -> str:
    return next(a.id for a in view.directory.actors.values() if a.name == name)


def _count(view: StoreView, chosen: EventFilter) -> int:
    return view.events(chosen, chosen.floor(TABLE), limit=0, offset=0).total


def test_the_threshold_hides_unsure_events_until_every_fact_is_asked_for(
    view: StoreView,
) -> None:
    assert _count(view, EventFilter()) == 12
    assert _count(view, EventFilter(show_all=True)) == 24
    assert _count(view, EventFilter(min_confidence=0.95)) == 0


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        # an actor in either role: source of a third of the events, target of another third
        ({"actor": "River Militia"}, 16),
        ({"type": "CONSULT"}, 8),
        # documents 1 and 3 are Wire Two's
        ({"outlet": "Wire Two"}, 12),
        # a date range takes the events whose dates meet it (event i of document d is on
        # 2020-MM-DD with MM = DD = d + i + 1)
        ({"date_from": "2020-03-01", "date_to": "2020-04-30"}, 7),
        ({"date_from": "2020-06-10"}, 6),
        # criteria add up
        ({"actor": "River Militia", "type": "CONSULT"}, 8),
        ({"type": "CONSULT", "outlet": "Nobody"}, 0),
    ],
)
def test_filters_narrow_the_events(
    view: StoreView, criteria: dict[str, str], expected: int
) -> None:
    if "actor" in criteria:
        criteria = criteria | {"actor": _actor(view, criteria["actor"])}
    assert _count(view, EventFilter(show_all=True, **criteria)) == expected  # type: ignore[arg-type]


def test_an_undated_event_meets_no_date_range(small_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "undated.db"
    path.write_bytes(small_db.read_bytes())
    with Store(path) as store, store.transaction():
        store.rows("UPDATE cluster SET date_start = NULL, date_end = NULL WHERE rowid = 1")
    with open_store(path) as store:
        view = StoreView(store, build_directory(store))
        assert _count(view, EventFilter(show_all=True)) == 24
        assert _count(view, EventFilter(show_all=True, date_to="2100-01-01")) == 23
        # undated events come last
        last = view.events(EventFilter(show_all=True), TABLE_ALL, limit=1, offset=23)
        assert last.items[0].date_start is None


TABLE_ALL = EventFilter(show_all=True).floor(TABLE)


def test_pages_follow_one_another_without_overlap(view: StoreView) -> None:
    first = view.events(EventFilter(show_all=True), TABLE_ALL, limit=10, offset=0)
    rest = view.events(EventFilter(show_all=True), TABLE_ALL, limit=100, offset=10)
    ids = [e.id for e in (*first.items, *rest.items)]
    assert first.total == rest.total == 24 and len(set(ids)) == 24
    dates = [e.date_start or "" for e in (*first.items, *rest.items)]
    assert dates == sorted(dates)


def test_a_filter_is_an_address_and_back() -> None:
    chosen = EventFilter(actor="a1", date_from="2020-01-01", show_all=True)
    assert chosen.params() == {"actor": "a1", "from": "2020-01-01", "all": "1"}
    assert chosen.params_without("from") == {"actor": "a1", "all": "1"}
    assert chosen.is_narrowed and not EventFilter(show_all=True).is_narrowed


def test_the_timeline_counts_events_per_month_by_kind(view: StoreView) -> None:
    found = view.timeline(EventFilter(show_all=True), TABLE_ALL)
    assert found.total == 24 and found.undated == 0
    assert sum(m.conflict + m.cooperation + m.other for m in found.months) == 24
    # ASSAULT is conflict; AGREE and CONSULT are cooperation
    assert sum(m.conflict for m in found.months) == 8
    assert sum(m.cooperation for m in found.months) == 16
    assert [m.month for m in found.months] == sorted(m.month for m in found.months)
    narrowed = view.timeline(EventFilter(show_all=True, type="ASSAULT"), TABLE_ALL)
    assert narrowed.total == 8


def test_the_network_links_each_source_to_its_target(view: StoreView) -> None:
    found = view.network(EventFilter(show_all=True), TABLE_ALL)
    assert {n.name for n in found.nodes} == {"Northern Brigade", "Southern Front", "River Militia"}
    assert len(found.links) == 3
    assert sum(link.conflict + link.cooperation + link.other for link in found.links) == 24
    # at most `max_nodes` actors are drawn, the rest only counted
    pairs = [("a", "b", "conflict", 2), ("b", "c", "cooperation", 1), ("a", "a", "other", 5)]
    fewer = network(pairs, view.directory, max_nodes=2)  # type: ignore[arg-type]
    assert len(fewer.nodes) == 2 and fewer.actors == 3 and len(fewer.links) == 1


def test_an_actor_page_reads_its_mentions_and_events(view: StoreView) -> None:
    militia = _actor(view, "River Militia")
    floor = TABLE_ALL
    # River Militia is the target of events 1 and 4 and the source of 2 and 5, of 4 documents
    assert view.actor_events(militia, "source", floor, limit=0, offset=0).total == 8
    assert view.actor_events(militia, "target", floor, limit=0, offset=0).total == 8
    mentions = view.actor_mentions(militia, floor, limit=5, offset=0)
    assert mentions.total == 16 and len(mentions.items) == 5
    assert {m.actor for m in mentions.items} == {militia}


def test_sources_disagree_on_stated_values_only(view: StoreView) -> None:
    event = view.events(EventFilter(show_all=True), TABLE_ALL, limit=1, offset=0).items[0]
    (told,) = event.sources
    other = replace(told, document="doc00001", dead=12, status="reported")
    silent = replace(told, document="doc00002", dead=None)
    merged = replace(event, sources=(replace(told, dead=4), other, silent))
    found = {d.field: d for d in differences(merged, view.directory)}
    # a source stating no count does not disagree with one that does
    assert set(found) == {"dead", "status"}
    assert [(v.value, v.documents) for v in found["dead"].values] == [
        ("4", (told.document,)),
        ("12", ("doc00001",)),
    ]
