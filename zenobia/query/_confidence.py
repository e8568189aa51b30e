"""The confidence floor of a listing, applied to the rows SQL returned, before the limit."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from zenobia.confidence import ConfidenceFloor, ConfidenceTable, load_confidence_table


def floor_of(min_confidence: float | None, table: ConfidenceTable | None) -> ConfidenceFloor:
    """The floor for `min_confidence` (None: each kind's threshold in `table`, else packaged)."""
    return ConfidenceFloor.of(table or load_confidence_table(), min_confidence)


def kept(
    rows: Iterable[sqlite3.Row], floor: ConfidenceFloor, limit: int
) -> tuple[list[sqlite3.Row], int]:
    """The first `limit` rows the floor keeps, and how many rows it left out in all."""
    shown: list[sqlite3.Row] = []
    hidden = 0
    for row in rows:
        if not floor.keeps(row["confidence"], row["confidence_basis"]):
            hidden += 1
        elif len(shown) < limit:
            shown.append(row)
    return shown, hidden
