"""Packing the report's records into compact tables for the page.

A list of records becomes {"columns": [field, …], "rows": [[value, …], …]}, so that field names
are written once, not once a record; a reference to a document, actor or place becomes its
index in that table, not its 16-character id; a boolean is 1 or 0; and a span ({"document",
"start", "end", …}) becomes [document index, start, end, …]. The page unpacks each table back
into objects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from zenobia.export.report.documents import encoded_size

Record = dict[str, Any]
Indices = Mapping[str, Mapping[str, int]]
"""Table name ("documents", "actors", "places") → id → index in that table."""

REFERENCES: dict[str, str] = {
    "document": "documents",
    "actor": "actors",
    "actors": "actors",
    "recipients": "actors",
    "speaker": "actors",
    "place": "places",
}
"""Fields holding ids of another table's records (alone or in a list), by the table."""

_WIDEST_INDEX = 99_999
"""What an index is taken to be when a row's size is estimated before indices are known."""


def _value(field: str, value: Any, indices: Indices) -> Any:
    if isinstance(value, bool):
        return int(value)  # 1 and 0: the page reads them as true and false
    table = REFERENCES.get(field)
    if table is not None and value is not None:
        known = indices[table]
        if isinstance(value, list):
            return [i for v in value if (i := known.get(v)) is not None]
        return known.get(value)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [[_value(k, v, indices) for k, v in item.items()] for item in value]
    return value


def pack_row(record: Record, indices: Indices) -> list[Any]:
    """One record's values in field order, references replaced by indices (a reference to a
    record the table lacks becomes None, or is left out of a list)."""
    return [_value(field, value, indices) for field, value in record.items()]


def pack_table(records: Sequence[Record], indices: Indices) -> Record:
    """Records that share their fields as {"columns", "rows"}."""
    columns = list(records[0]) if records else []
    return {"columns": columns, "rows": [pack_row(r, indices) for r in records]}


class _AnyIndex(dict[str, int]):
    """Every id's index is the widest one."""

    def get(self, key: object, default: object = None) -> int:
        return _WIDEST_INDEX


def row_size(record: Record) -> int:
    """Bytes a record will take as a packed row, whatever its references' indices will be."""
    return encoded_size(pack_row(record, defaultdict(_AnyIndex)))


def index_of(records: Sequence[Record]) -> dict[str, int]:
    """Each record's position by its id."""
    return {record["id"]: i for i, record in enumerate(records)}
