"""How a listing prints: a table on a terminal, whole tab-separated rows when piped, or every
field as JSON or CSV (`--format`), so that each answer goes into the tool its reader has."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from zenobia._terminal import plain, printable
from zenobia.cli._common import err, out
from zenobia.export.csv import neutralise_formula
from zenobia.query import as_dict

SHORT_ID = 8
"""How many characters of an id a table on a terminal shows (any command takes them back)."""


class OutputFormat(StrEnum):
    """What a listing prints."""

    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        help="table (whole tab-separated rows when not on a terminal), json or csv: every field.",
    ),
]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a listing's table: its header, how a row fills it, and how it fits a
    terminal (`is_wide` columns fold and take the room left; `is_id` shows eight characters)."""

    name: str
    cell: Callable[[Any], object]
    is_wide: bool = False
    is_id: bool = False
    max_width: int | None = None
    is_number: bool = False


def is_terminal() -> bool:
    """Whether standard output is a terminal a person reads (else a pipe or a file)."""
    return out.is_terminal


def text_of(value: object) -> str:
    """A cell's text: nothing for None, names joined by ", ", numbers as written."""
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        return ", ".join(text_of(item) for item in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def print_rows(
    rows: Sequence[object],
    columns: Sequence[Column],
    *,
    title: str,
    output: OutputFormat,
    empty: str,
) -> None:
    """Print `rows` as `output` asks; `empty` on stderr when there is none."""
    if output is OutputFormat.json:
        print_json([as_dict(row) for row in rows])
    elif output is OutputFormat.csv:
        print_csv([as_dict(row) for row in rows])
    elif is_terminal():
        out.print(_table(rows, columns, title))
    else:
        print_tsv([col.name for col in columns], [[col.cell(r) for col in columns] for r in rows])
    if not rows:
        err.print(empty)


def print_json(records: list[dict[str, Any]]) -> None:
    """Every record, with every field, as one JSON array."""
    sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")


def print_csv(records: list[dict[str, Any]]) -> None:
    """Every record as a CSV row under the names of its fields; lists and nested records are
    JSON in their cell; a cell a spreadsheet would run as a formula starts with `'`."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if not records:
        return
    writer.writerow(records[0].keys())
    for record in records:
        writer.writerow(_csv_cell(value) for value in record.values())


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return neutralise_formula(json.dumps(value, ensure_ascii=False))
    if isinstance(value, str):
        return neutralise_formula(value)
    return value


def print_tsv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Whole rows, tab-separated under a header line: nothing cut, one row a line."""
    for cells in (header, *rows):
        line = "\t".join(" ".join(printable(text_of(cell)).split()) for cell in cells)
        sys.stdout.write(line + "\n")


def _table(rows: Sequence[object], columns: Sequence[Column], title: str) -> Table:
    table = Table(title=plain(title))
    for column in columns:
        table.add_column(
            column.name,
            no_wrap=not column.is_wide,
            overflow="fold" if column.is_wide else "ellipsis",
            ratio=1 if column.is_wide else None,
            max_width=column.max_width,
            justify="right" if column.is_number else "left",
        )
    for row in rows:
        cells = []
        for column in columns:
            text = text_of(column.cell(row))
            cells.append(plain(text[:SHORT_ID] if column.is_id else text))
        table.add_row(*cells)
    return table


class DetailFormat(StrEnum):
    """What a command about one record prints."""

    table = "table"
    json = "json"


DetailFormatOption = Annotated[
    DetailFormat,
    typer.Option("--format", help="table (for reading) or json (every field)."),
]
