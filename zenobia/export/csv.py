"""The CSV export: one UTF-8 file per table (`zenobia.export.tables`) in a folder.

Empty cells are nulls, booleans are `true`/`false`, lists are JSON arrays. A text cell that a
spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage
return) gets a leading `'`, so that opening the file cannot run anything (OWASP, "CSV
Injection"); numbers are written as numbers and need no such guard.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from zenobia.export._atomic import prepare_folder, write_atomically
from zenobia.export.records import export_records
from zenobia.export.tables import Column, ColumnKind, export_tables
from zenobia.store import Store

__all__ = ["FORMULA_STARTS", "csv_cell", "neutralise_formula", "write_csv", "write_csv_rows"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""


def neutralise_formula(text: str) -> str:
    """`text` with a leading `'` when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Any, kind: ColumnKind = "string") -> str | int | float:
    """One value as a CSV cell of a column of `kind`."""
    if value is None:
        return ""
    if kind in ("strings", "records"):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return neutralise_formula(str(value))


def write_csv_rows(stream: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a header and rows of already-converted cells (see `csv_cell`) to `stream`."""
    writer = csv.writer(stream)
    writer.writerow(header)
    writer.writerows(rows)


def _write_table(folder: Path, name: str, columns: tuple[Column, ...], rows: Any) -> Path:
    kinds = [column.kind for column in columns]

    def write(stream: TextIO) -> None:
        write_csv_rows(
            stream,
            [column.name for column in columns],
            (
                [csv_cell(value, kind) for value, kind in zip(row, kinds, strict=True)]
                for row in rows
            ),
        )

    return write_atomically(folder / f"{name}.csv", write, newline="")


def write_csv(store: Store, out: str | Path, *, min_confidence: float | None = None) -> Path:
    """Write one CSV file per table into the folder `out` (created if absent).

    `min_confidence` is that of `zenobia.export.records.export_records`.

    Returns:
        The folder.
    """
    folder = prepare_folder(out, "csv")
    for table in export_tables(export_records(store, min_confidence=min_confidence)):
        _write_table(folder, table.name, table.columns, table.rows)
    return folder
