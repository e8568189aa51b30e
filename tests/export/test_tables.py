"""The CSV and Parquet exports: one table per kind of record, read back by other tools."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from zenobia.export.csv import csv_cell, write_csv
from zenobia.export.parquet import write_parquet
from zenobia.export.tables import TABLES
from zenobia.store import Store

TABLE_NAMES = [t.name for t in TABLES]

EXPECTED_TABLES = [
    "documents", "actors", "places", "events", "event_sources", "quotes", "claims",
    "disagreements", "stances",
]  # fmt: skip


@pytest.fixture(scope="module")
def csv_folder(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with Store(store_path) as store:
        return write_csv(store, tmp_path_factory.mktemp("csv") / "tables", min_confidence=0.0)


@pytest.fixture(scope="module")
def parquet_folder(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with Store(store_path) as store:
        return write_parquet(store, tmp_path_factory.mktemp("pq") / "tables", min_confidence=0.0)


def _read_csv(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _expected_rows(records: dict[str, Any], name: str) -> int:
    if name == "event_sources":
        return sum(len(e["sources"]) for e in records["events"])
    return len(records[name])


def test_every_table_is_written() -> None:
    assert TABLE_NAMES == EXPECTED_TABLES


@pytest.mark.parametrize("name", EXPECTED_TABLES)
def test_each_csv_table_has_a_row_per_record_of_the_store(
    csv_folder: Path, records: dict[str, Any], name: str
) -> None:
    rows = _read_csv(csv_folder, name)
    assert len(rows) == _expected_rows(records, name)
    if name in ("documents", "actors", "places", "events", "quotes", "claims"):
        # the same ids, in the same order as the JSON export
        assert [r["id"] for r in rows] == [r["id"] for r in records[name]]


@pytest.mark.parametrize("name", EXPECTED_TABLES)
def test_each_parquet_table_has_a_row_per_record_of_the_store(
    parquet_folder: Path, records: dict[str, Any], name: str
) -> None:
    table = pq.read_table(parquet_folder / f"{name}.parquet")
    assert table.num_rows == _expected_rows(records, name)
    # an empty table keeps its columns
    assert table.column_names == [c.name for c in TABLES[TABLE_NAMES.index(name)].columns]


def test_csv_cross_references_resolve_inside_the_folder(csv_folder: Path) -> None:
    ids = {name: {r.get("id") for r in _read_csv(csv_folder, name)} for name in EXPECTED_TABLES}
    events = _read_csv(csv_folder, "events")
    assert events
    for event in events:
        # lists are JSON arrays of ids
        assert set(json.loads(event["actors"])) <= ids["actors"]
        assert set(json.loads(event["recipients"])) <= ids["actors"]
        assert event["place"] == "" or event["place"] in ids["places"]
    for source in _read_csv(csv_folder, "event_sources"):
        assert source["event"] in ids["events"]
        assert source["document"] in ids["documents"]
    for quote in _read_csv(csv_folder, "quotes"):
        assert quote["speaker"] == "" or quote["speaker"] in ids["actors"]
    for stance in _read_csv(csv_folder, "stances"):
        assert stance["actor"] in ids["actors"]


def test_csv_values_match_the_store(csv_folder: Path, records: dict[str, Any]) -> None:
    documents = {d["id"]: d for d in _read_csv(csv_folder, "documents")}
    for document in records["documents"]:
        row = documents[document["id"]]
        assert row["published"] == document["published"]["date"]
        assert row["text"] == document["text"]
    (merged,) = [e for e in _read_csv(csv_folder, "events") if e["sources"] == "2"]
    # the shelling both articles tell: one event, two sources, its toll and date
    assert (merged["type"], merged["date_start"]) == ("ASSAULT", "2016-03-14")
    assert float(merged["confidence"]) > 0


def test_csv_cells_a_spreadsheet_would_run_get_a_quote(csv_folder: Path) -> None:
    titles = {r["title"] for r in _read_csv(csv_folder, "documents")}
    outlets = {r["outlet"] for r in _read_csv(csv_folder, "documents")}
    assert '\'=HYPERLINK("http://example.org")' in titles
    assert "'@Frontline Daily" in outlets


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # the four formula starts, and tab and carriage return
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        # ordinary text, and an inner sign, stay as they are
        ("Aleppo", "Aleppo"),
        ("a-b", "a-b"),
        # numbers are numbers, not text: a negative longitude needs no guard
        (-3.5, -3.5),
        (None, ""),
        (True, "true"),
    ],
)
def test_a_csv_cell(value: object, expected: object) -> None:
    assert csv_cell(value) == expected


def test_parquet_columns_are_typed(parquet_folder: Path, records: dict[str, Any]) -> None:
    events = pq.read_table(parquet_folder / "events.parquet").to_pylist()
    assert [e["actors"] for e in events] == [e["actors"] for e in records["events"]]
    assert all(isinstance(e["sources"], int) for e in events)
    places = pq.read_table(parquet_folder / "places.parquet").to_pylist()
    aleppo = next(p for p in places if p["name"] == "Aleppo")
    assert (round(aleppo["lat"]), round(aleppo["lon"])) == (36, 37)
    documents = pq.read_table(parquet_folder / "documents.parquet").to_pylist()
    assert {d["published_inferred"] for d in documents} == {False}


def test_duckdb_joins_the_parquet_tables(parquet_folder: Path) -> None:
    # the query of docs/exports.md: events with their actors' names
    events = (parquet_folder / "events.parquet").as_posix()
    actors = (parquet_folder / "actors.parquet").as_posix()
    rows = duckdb.sql(
        f"""
        SELECT e.type, a.name
        FROM '{events}' AS e, unnest(e.actors) AS t(actor_id)
        JOIN '{actors}' AS a ON a.id = t.actor_id
        WHERE e.type = 'ACCUSE'
        """
    ).fetchall()
    assert ("ACCUSE", "Government of Russia") in rows


def test_duckdb_reads_the_csv_tables(csv_folder: Path) -> None:
    sources = (csv_folder / "event_sources.csv").as_posix()
    documents = (csv_folder / "documents.csv").as_posix()
    [(count,)] = duckdb.sql(
        f"""
        SELECT count(*) FROM read_csv('{sources}') AS s
        JOIN read_csv('{documents}') AS d ON d.id = s.document
        """
    ).fetchall()
    assert count == len(_read_csv(csv_folder, "event_sources"))


def test_pandas_reads_the_csv_tables(csv_folder: Path, records: dict[str, Any]) -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(csv_folder / "events.csv", keep_default_na=False)
    assert list(frame["id"]) == [e["id"] for e in records["events"]]
