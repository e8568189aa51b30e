"""Reading a store without writing to it: refusals, spans, and search with marked matches."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zenobia.errors import StoreError
from zenobia.store import Store
from zenobia.web.reader import (
    Segment,
    ThreadReaders,
    document_text,
    open_store,
    plain_words_query,
    search_page,
    sentences_at,
    span_texts,
    split_highlighted,
)


@pytest.mark.parametrize(
    ("highlighted", "segments"),
    [
        # one matched word inside a sentence
        ("a \x02raid\x03 at dawn", [("a ", False), ("raid", True), (" at dawn", False)]),
        # markup in a sentence stays text: only the markers split it
        ("<b>\x02x\x03</b>", [("<b>", False), ("x", True), ("</b>", False)]),
        # no match at all
        ("nothing here", [("nothing here", False)]),
    ],
)
def test_highlighted_sentences_split_into_segments(
    highlighted: str, segments: list[tuple[str, bool]]
) -> None:
    assert split_highlighted(highlighted) == tuple(Segment(t, m) for t, m in segments)


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        # an unbalanced quotation mark
        ('"hold every', '"hold" "every"'),
        # punctuation FTS5 reads as syntax
        ("U.S.-led (coalition", '"U" "S" "led" "coalition"'),
        # nothing but punctuation: nothing to search for
        ("(*)", ""),
    ],
)
def test_a_query_that_is_not_fts5_becomes_its_words(typed: str, query: str) -> None:
    assert plain_words_query(typed) == query


def test_a_missing_store_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()


def test_a_foreign_sqlite_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a zenobia store"):
        open_store(path)
    assert path.read_bytes() == before


def test_reading_writes_nothing(small_db: Path) -> None:
    before = small_db.read_bytes()
    reader = open_store(small_db)
    assert document_text(reader, "doc00000")
    reader.close()
    assert small_db.read_bytes() == before


def test_spans_and_sentences_are_read_by_position(small_db: Path) -> None:
    reader = open_store(small_db)
    text = document_text(reader, "doc00001") or ""
    spans = span_texts(reader, [("doc00001", 0, 16), ("doc00001", 5, 2), ("absent", 0, 4)])
    assert spans == {("doc00001", 0, 16): text[0:16], ("doc00001", 5, 2): ""}
    sentences = sentences_at(reader, [("doc00001", 1), ("doc00001", 99)])
    assert list(sentences) == [("doc00001", 1)]
    assert sentences["doc00001", 1].text.startswith("Southern Front attacked")


def test_search_pages_and_counts_every_match(small_db: Path) -> None:
    reader = open_store(small_db)
    first = search_page(reader, "river", limit=5, offset=0)
    rest = search_page(reader, "river", limit=50, offset=5)
    assert first.total == rest.total == 24
    assert len(first.hits) == 5 and len(rest.hits) == 19
    matched = {s.text.casefold() for hit in first.hits for s in hit.segments if s.is_match}
    assert matched == {"river"}


def test_a_malformed_query_is_run_as_its_words(small_db: Path) -> None:
    found = search_page(open_store(small_db), '"River Militia', limit=5)
    assert found.query == '"River" "Militia"'
    assert found.total > 0
    with pytest.raises(StoreError, match="cannot search"):
        search_page(open_store(small_db), '"', limit=5)


def test_each_thread_gets_its_own_reader(small_db: Path) -> None:
    import threading

    readers = ThreadReaders(small_db)
    here = readers.get()
    there: list[Store] = []
    worker = threading.Thread(target=lambda: there.append(readers.get()))
    worker.start()
    worker.join()
    assert readers.get() is here
    assert there[0] is not here
    readers.close()
