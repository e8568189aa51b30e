"""The DuckDB queries of docs/exports.md name only columns the Parquet export writes."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from zenobia.export.parquet import write_parquet
from zenobia.store import Store

EXPORTS_DOC = Path(__file__).resolve().parents[2] / "docs" / "exports.md"

_SQL_BLOCK = re.compile(r"```sql\n(.*?)```", re.DOTALL)
_TABLE_ALIAS = re.compile(r"'tables/(\w+)\.parquet'\s+AS\s+(\w+)", re.IGNORECASE)
_UNNEST = re.compile(r"unnest\((\w+)\.(\w+)\)\s+AS\s+(\w+)\((\w+)\)", re.IGNORECASE)
_QUALIFIED = re.compile(r"\b([a-z_]\w*)\.([a-z_]\w*)\b")
_QUOTED = re.compile(r"'[^']*'")
_COMMENT = re.compile(r"--[^\n]*")


def _queries() -> list[str]:
    text = EXPORTS_DOC.read_text(encoding="utf-8")
    blocks = _SQL_BLOCK.findall(text)
    return [q.strip() for block in blocks for q in block.split(";") if q.strip()]


def _unknown_columns(query: str, schemas: dict[str, pa.Schema]) -> list[str]:
    """Every `alias.column` of `query` that names no column of the alias's Parquet table."""
    columns: dict[str, set[str]] = {
        alias: set(schemas[table].names) for table, alias in _TABLE_ALIAS.findall(query)
    }
    for alias, column, table_alias, name in _UNNEST.findall(query):
        columns[table_alias] = {name}
        kind = schemas[_table_of(query, alias)].field(column).type
        if pa.types.is_list(kind) and pa.types.is_struct(kind.value_type):
            columns[name] = {field.name for field in kind.value_type}
    references = _QUALIFIED.findall(_QUOTED.sub("''", _COMMENT.sub("", query)))
    assert references, f"no alias.column in: {query}"
    return [
        f"{alias}.{column}"
        for alias, column in references
        if alias not in columns or column not in columns[alias]
    ]


def _table_of(query: str, alias: str) -> str:
    tables: dict[str, str] = {a: table for table, a in _TABLE_ALIAS.findall(query)}
    return tables[alias]


@pytest.fixture(scope="module")
def parquet_folder(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with Store(store_path) as store:
        return write_parquet(store, tmp_path_factory.mktemp("duck") / "tables", min_confidence=0)


@pytest.fixture(scope="module")
def schemas(parquet_folder: Path) -> dict[str, pa.Schema]:
    return {path.stem: pq.read_schema(path) for path in parquet_folder.glob("*.parquet")}


def test_the_doc_documents_the_asked_queries() -> None:
    queries = "\n".join(_queries())
    assert "left(e.date_start, 7) AS month" in queries
    assert "'tables/quotes.parquet' AS q" in queries
    assert "unnest(e.actors)" in queries


@pytest.mark.parametrize("query", _queries(), ids=lambda q: q.splitlines()[0][3:40])
def test_every_documented_column_is_in_the_parquet_files(
    query: str, schemas: dict[str, pa.Schema]
) -> None:
    assert _unknown_columns(query, schemas) == []


def test_a_renamed_column_would_be_caught(schemas: dict[str, pa.Schema]) -> None:
    query = "SELECT e.plover_kind FROM 'tables/events.parquet' AS e"
    assert _unknown_columns(query, schemas) == ["e.plover_kind"]


def test_events_per_type_and_month_with_pyarrow(
    parquet_folder: Path, records: dict[str, Any]
) -> None:
    events = pq.read_table(parquet_folder / "events.parquet")
    dated = events.filter(pc.is_valid(events["date_start"]))
    month = pc.utf8_slice_codeunits(dated["date_start"], 0, 7)
    counted = (
        pa.table({"month": month, "plover_type": dated["plover_type"]})
        .group_by(["month", "plover_type"])
        .aggregate([("plover_type", "count")])
    )
    by_arrow = {
        (row["month"], row["plover_type"]): row["plover_type_count"] for row in counted.to_pylist()
    }
    starts = [((e["date"] or {}).get("start"), e["base_plover"]["type"]) for e in records["events"]]
    expected = Counter((start[:7], plover) for start, plover in starts if start)
    assert by_arrow == dict(expected)
    assert by_arrow  # the invented corpus dates its shelling: the query has rows


def test_who_said_what_with_pyarrow(parquet_folder: Path, records: dict[str, Any]) -> None:
    quotes = pq.read_table(parquet_folder / "quotes.parquet")
    documents = pq.read_table(parquet_folder / "documents.parquet").select(["id", "outlet"])
    joined = quotes.join(documents, keys="document", right_keys="id")
    said = sorted(zip(joined["text"].to_pylist(), joined["outlet"].to_pylist(), strict=True))
    outlets = {d["id"]: d["outlet"] for d in records["documents"]}
    assert said == sorted((q["text"], outlets[q["document"]]) for q in records["quotes"])
    assert said
