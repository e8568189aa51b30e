"""SQL conditions keep what the Python rules keep: the confidence floor, row by row."""

from __future__ import annotations

import sqlite3
from types import MappingProxyType

import pytest

from zenobia.confidence import ConfidenceFloor
from zenobia.web.conditions import floor_sql

ROWS = [
    # (confidence, basis): each kind's minimum, the default for an unknown kind or no basis
    (0.9, "event:verb:asserted"),
    (0.6, "event:verb:asserted"),
    (0.7, "quote:direct"),
    (0.4, "claim:number"),
    (0.6, "claim:number"),
    (0.3, None),
    (0.55, ""),
    # a fact stored before confidences existed is always shown
    (None, "event:verb"),
]


@pytest.mark.parametrize(
    "floor",
    [
        ConfidenceFloor(MappingProxyType({"event": 0.65, "quote": 0.8}), 0.5),
        ConfidenceFloor(MappingProxyType({}), 0.6),
        ConfidenceFloor(MappingProxyType({}), 0.0),
    ],
)
def test_the_floor_in_sql_keeps_what_the_floor_keeps(floor: ConfidenceFloor) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE facts (n INTEGER, confidence REAL, confidence_basis TEXT)")
    conn.executemany("INSERT INTO facts VALUES (?, ?, ?)", [(i, *r) for i, r in enumerate(ROWS)])
    sql, params = floor_sql(floor, "f")
    kept = {n for (n,) in conn.execute(f"SELECT n FROM facts f WHERE {sql}", params)}
    assert kept == {i for i, (value, basis) in enumerate(ROWS) if floor.keeps(value, basis)}
