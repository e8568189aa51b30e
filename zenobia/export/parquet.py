"""The Parquet export: one file per table (`zenobia.export.tables`) in a folder, via pyarrow.

Columns are typed (strings, 64-bit integers and floats, booleans); lists are Parquet lists and
lists of small records lists of structs, so DuckDB, pandas or Spark read them without parsing.
Every table has its schema even when it has no rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq

from zenobia.export._atomic import prepare_folder, write_bytes_atomically
from zenobia.export.records import export_records
from zenobia.export.tables import Column, ColumnKind, ExportTable, export_tables
from zenobia.store import Store

__all__ = ["arrow_table", "write_parquet"]

_SCALARS = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "strings": pa.list_(pa.string()),
}


def _arrow_type(kind: ColumnKind, fields: tuple[tuple[str, ColumnKind], ...] = ()) -> pa.DataType:
    if kind == "records":
        return pa.list_(pa.struct([pa.field(name, _arrow_type(sub)) for name, sub in fields]))
    return _SCALARS[kind]


def _schema(columns: tuple[Column, ...]) -> pa.Schema:
    return pa.schema([pa.field(c.name, _arrow_type(c.kind, c.fields)) for c in columns])


def arrow_table(table: ExportTable) -> pa.Table:
    """One export table as an Arrow table with its declared schema."""
    names = [column.name for column in table.columns]
    return pa.Table.from_pylist(
        [dict(zip(names, row, strict=True)) for row in table.rows], schema=_schema(table.columns)
    )


def write_parquet(store: Store, out: str | Path, *, min_confidence: float | None = None) -> Path:
    """Write one Parquet file per table into the folder `out` (created if absent).

    `min_confidence` is that of `zenobia.export.records.export_records`.

    Returns:
        The folder.
    """
    folder = prepare_folder(out, "parquet")
    for table in export_tables(export_records(store, min_confidence=min_confidence)):
        arrow = arrow_table(table)

        def write(stream: IO[bytes], arrow: pa.Table = arrow) -> None:
            pq.write_table(arrow, stream)

        write_bytes_atomically(folder / f"{table.name}.parquet", write)
    return folder
