"""The views computed from a catalog: filters, confidence, timeline, network, differences."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from zenobia.confidence import ConfidenceTable, Threshold, load_confidence_table
from zenobia.web.catalog import Catalog, build_catalog
from zenobia.web.explore import (
    EventFilter,
    differences,
    filter_events,
    network,
    timeline,
)
from zenobia.web.reader import StoreReader

TABLE = ConfidenceTable(load_confidence_table().rows, {"event": Threshold("event", 0.5)})
"""Events below 0.5 are hidden by default (the synthetic store's even events have 0.3)."""


@pytest.fixture(scope="module")
def catalog(small_db: Path) -> Catalog:
    return build_catalog(StoreReader(small_db))


def _actor(catalog: Catalog, name: str) -> str:
    return next(a.id for a in catalog.actors.values() if a.name == name)


def _count(catalog: Catalog, chosen: EventFilter) -> int:
    return len(filter_events(catalog, chosen, chosen.floor(TABLE)))


def test_the_threshold_hides_unsure_events_until_every_fact_is_asked_for(
    catalog: Catalog,
) -> None:
    assert len(catalog.events) == 24
    assert _count(catalog, EventFilter()) == 12
    assert _count(catalog, EventFilter(show_all=True)) == 24
    assert _count(catalog, EventFilter(min_confidence=0.95)) == 0


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
    catalog: Catalog, criteria: dict[str, str], expected: int
) -> None:
    if "actor" in criteria:
        criteria = criteria | {"actor": _actor(catalog, criteria["actor"])}
    assert _count(catalog, EventFilter(show_all=True, **criteria)) == expected  # type: ignore[arg-type]


def test_an_undated_event_meets_no_date_range(catalog: Catalog) -> None:
    undated = replace(catalog.events[0], date_start=None, date_end=None)
    assert EventFilter().matches(undated, catalog)
    assert not EventFilter(date_to="2100-01-01").matches(undated, catalog)


def test_a_filter_is_an_address_and_back() -> None:
    chosen = EventFilter(actor="a1", date_from="2020-01-01", show_all=True)
    assert chosen.params() == {"actor": "a1", "from": "2020-01-01", "all": "1"}
    assert chosen.params_without("from") == {"actor": "a1", "all": "1"}
    assert chosen.is_narrowed and not EventFilter(show_all=True).is_narrowed


def test_the_timeline_counts_events_per_month_by_kind(catalog: Catalog) -> None:
    found = timeline(list(catalog.events))
    assert found.total == 24 and found.undated == 0
    assert sum(m.conflict + m.cooperation + m.other for m in found.months) == 24
    # ASSAULT is conflict; AGREE and CONSULT are cooperation
    assert sum(m.conflict for m in found.months) == 8
    assert sum(m.cooperation for m in found.months) == 16
    assert [m.month for m in found.months] == sorted(m.month for m in found.months)


def test_the_network_links_each_source_to_its_target(catalog: Catalog) -> None:
    found = network(list(catalog.events), catalog)
    assert {n.name for n in found.nodes} == {"Northern Brigade", "Southern Front", "River Militia"}
    assert len(found.links) == 3
    assert sum(link.conflict + link.cooperation + link.other for link in found.links) == 24
    # at most `max_nodes` actors are drawn, the rest only counted
    fewer = network(list(catalog.events), catalog, max_nodes=2)
    assert len(fewer.nodes) == 2 and fewer.actors == 3 and len(fewer.links) == 1


def test_sources_disagree_on_stated_values_only(catalog: Catalog) -> None:
    event = catalog.events[0]
    (told,) = event.sources
    other = replace(told, document="doc00001", dead=12, status="reported")
    silent = replace(told, document="doc00002", dead=None)
    merged = replace(event, sources=(replace(told, dead=4), other, silent))
    found = {d.field: d for d in differences(merged, catalog)}
    # a source stating no count does not disagree with one that does
    assert set(found) == {"dead", "status"}
    assert [(v.value, v.documents) for v in found["dead"].values] == [
        ("4", ("doc00000",)),
        ("12", ("doc00001",)),
    ]
