"""The export as flat tables, one per kind of record, for the CSV and Parquet exports.

Each table is the JSON export's records of one kind with nested objects flattened
(`date.start` → `date_start`); lists stay lists (of ids, names or small records), which
Parquet stores natively and CSV as JSON arrays. A merged event's tellings get a table of their
own, `event_sources`. Cross-references are ids of rows in the same set of tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["TABLES", "Column", "ExportTable", "Table", "export_tables"]

ColumnKind = Literal["string", "integer", "number", "boolean", "strings", "records"]
"""A column's values: text, whole numbers, real numbers, true/false, a list of texts, or a
list of small records (whose fields are `Column.fields`)."""

Getter = Callable[[Mapping[str, Any]], Any]


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, its kind, and where its value sits in a record.

    `path` is the chain of keys from the record to the value (the column name by default);
    `fields` names and kinds the fields of a "records" column's items.
    """

    name: str
    kind: ColumnKind
    path: tuple[str, ...] = ()
    fields: tuple[tuple[str, ColumnKind], ...] = ()
    compute: Getter | None = None

    def value(self, record: Mapping[str, Any]) -> Any:
        """The value of this column in `record` (None where a step of the path is missing)."""
        if self.compute is not None:
            return self.compute(record)
        value: Any = record
        for key in self.path or (self.name,):
            if not isinstance(value, Mapping):
                return None
            value = value.get(key)
        return value


@dataclass(frozen=True, slots=True)
class Table:
    """A table's name and columns, and which records of the export fill it."""

    name: str
    columns: tuple[Column, ...]
    records: Callable[[Mapping[str, Any]], Sequence[Mapping[str, Any]]]


@dataclass(frozen=True, slots=True)
class ExportTable:
    """A table filled: its columns and one tuple of values a row, in column order."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


def _part(name: str) -> Callable[[Mapping[str, Any]], Sequence[Mapping[str, Any]]]:
    return lambda export: export[name]


def _event_sources(export: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [{**source, "merged": e["id"]} for e in export["events"] for source in e["sources"]]


CONFIDENCE = (Column("confidence", "number"), Column("confidence_basis", "string"))

DOCUMENTS = Table(
    "documents",
    (
        Column("id", "string"),
        Column("source", "string"),
        Column("title", "string"),
        Column("author", "string"),
        Column("outlet", "string"),
        Column("url", "string"),
        Column("language", "string"),
        Column("published", "string", ("published", "date")),
        Column("published_inferred", "boolean", ("published", "inferred")),
        Column("published_basis", "string", ("published", "basis")),
        Column("published_precision", "string", ("published", "precision")),
        Column("published_not_before", "string", ("published", "not_before")),
        Column("duplicate_of", "string"),
        Column("comments", "records", fields=(("author", "string"), ("text", "string"))),
        Column("text", "string"),
    ),
    _part("documents"),
)

ACTORS = Table(
    "actors",
    (
        Column("id", "string"),
        Column("name", "string"),
        Column("kind", "string"),
        Column("country", "string"),
        Column("wikidata", "string"),
        Column("mentions", "integer"),
        Column("aliases", "strings"),
        Column("documents", "strings"),
        *CONFIDENCE,
        Column(
            "merges",
            "records",
            fields=(
                ("from", "string"),
                ("basis", "string"),
                ("confidence", "number"),
                ("confidence_basis", "string"),
            ),
        ),
    ),
    _part("actors"),
)

PLACES = Table(
    "places",
    (
        Column("id", "string"),
        Column("name", "string"),
        Column("lat", "number"),
        Column("lon", "number"),
        Column("country", "string"),
        Column("geonames", "integer"),
        Column("feature", "string"),
        Column("admin1", "string"),
        Column("mentions", "integer"),
        Column("aliases", "strings"),
        Column("documents", "strings"),
        *CONFIDENCE,
    ),
    _part("places"),
)

EVENTS = Table(
    "events",
    (
        Column("id", "string"),
        Column("type", "string"),
        Column("mode", "string"),
        Column("context", "strings"),
        Column("plover_type", "string", ("base_plover", "type")),
        Column("plover_mode", "string", ("base_plover", "mode")),
        Column("actors", "strings"),
        Column("recipients", "strings"),
        Column("place", "string"),
        Column("date_start", "string", ("date", "start")),
        Column("date_end", "string", ("date", "end")),
        Column("date_basis", "string", ("date", "basis")),
        Column("status", "string"),
        Column("dead", "integer"),
        Column("injured", "integer"),
        Column("sources", "integer", compute=lambda e: len(e["sources"])),
        Column("source_text", "string"),
        Column("target_text", "string"),
        Column("trigger", "string", ("trigger", "text")),
        *CONFIDENCE,
    ),
    _part("events"),
)

EVENT_SOURCES = Table(
    "event_sources",
    (
        Column("event", "string", ("merged",)),
        Column("document", "string"),
        Column("document_event", "string", ("event",)),
        Column("sentence", "string"),
        Column("start", "integer"),
        Column("end", "integer"),
        Column("status", "string"),
        Column("trigger", "string", ("trigger", "text")),
        Column("trigger_start", "integer", ("trigger", "start")),
        Column("trigger_end", "integer", ("trigger", "end")),
        Column("source_text", "string"),
        Column("target_text", "string"),
        *CONFIDENCE,
    ),
    _event_sources,
)

QUOTES = Table(
    "quotes",
    (
        Column("id", "string"),
        Column("document", "string"),
        Column("text", "string"),
        Column("direct", "boolean"),
        Column("speaker", "string"),
        Column("speaker_name", "string"),
        Column("affiliation", "string"),
        Column("start", "integer"),
        Column("end", "integer"),
        Column("cue", "string"),
        Column("cue_start", "integer"),
        Column("cue_end", "integer"),
        Column("cue_stance", "string"),
        *CONFIDENCE,
    ),
    _part("quotes"),
)

CLAIMS = Table(
    "claims",
    (
        Column("id", "string"),
        Column("document", "string"),
        Column("value", "number"),
        Column("value_high", "number"),
        Column("unit", "string"),
        Column("of", "string"),
        Column("qualifier", "string"),
        Column("text", "string"),
        Column("sentence", "string"),
        Column("start", "integer"),
        Column("end", "integer"),
        Column("value_start", "integer"),
        Column("value_end", "integer"),
        Column("speaker", "string"),
        Column("corroborations", "integer"),
        Column("contradictions", "integer"),
        *CONFIDENCE,
    ),
    _part("claims"),
)

DISAGREEMENTS = Table(
    "disagreements",
    (
        Column("id", "string"),
        Column("about", "string"),
        Column("kind", "string"),
        Column(
            "sides",
            "records",
            fields=(("document", "string"), ("claim", "string"), ("text", "string")),
        ),
        *CONFIDENCE,
    ),
    _part("disagreements"),
)

STANCES = Table(
    "stances",
    (
        Column("document", "string"),
        Column("actor", "string"),
        Column("holder", "string"),
        Column("polarity", "string"),
        Column("score", "number"),
        Column("evidence", "records", fields=(("start", "integer"), ("end", "integer"))),
        *CONFIDENCE,
    ),
    _part("stances"),
)

TABLES = (
    DOCUMENTS,
    ACTORS,
    PLACES,
    EVENTS,
    EVENT_SOURCES,
    QUOTES,
    CLAIMS,
    DISAGREEMENTS,
    STANCES,
)
"""Every table of the CSV and Parquet exports, in the order they are written."""


def export_tables(export: Mapping[str, Any]) -> list[ExportTable]:
    """The export's records (see `zenobia.export.records`) as filled tables."""
    return [
        ExportTable(
            table.name,
            table.columns,
            tuple(
                tuple(column.value(record) for column in table.columns)
                for record in table.records(export)
            ),
        )
        for table in TABLES
    ]
