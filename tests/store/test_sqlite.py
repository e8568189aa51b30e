"""The store: schema, WAL, upserts, resume bookkeeping, search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zenobia.errors import StoreError
from zenobia.model import (
    Comment,
    Document,
    DocumentAnalysis,
    Mention,
    PublishedDate,
    Sentence,
    Skip,
)
from zenobia.store import SCHEMA_VERSION, Store

TEXT = "Rebels shelled the river port. The governor said the bridge held."


def _document(doc_id: str = "d1", text: str = TEXT) -> Document:
    return Document(
        id=doc_id,
        source="fixtures/river.txt",
        text=text,
        title="Port shelled",
        outlet="The Valley Herald",
        language="en",
        published=PublishedDate(
            "2019-06-02", is_inferred=True, basis="latest date", precision="day"
        ),
        comments=(Comment("reader1", "Terrible news."),),
    )


def _analysis(document: Document) -> DocumentAnalysis:
    first, second = document.text.split(". ")
    sentences = (
        Sentence(document.id, 0, 0, len(first) + 1, first + "."),
        Sentence(document.id, 1, len(first) + 2, len(document.text), second),
    )
    start = document.text.index("governor")
    mention = Mention("m1", document.id, 1, start, start + 8, "governor", "PERSON", "governor")
    return DocumentAnalysis(document, sentences, (mention,), token_count=13)


def _write(store: Store, document: Document) -> None:
    with store.transaction():
        store.write_document(
            document, status="analyzed", fingerprint="fp-" + document.id, minhash=None
        )
        store.write_analysis(_analysis(document))


def test_a_new_store_is_a_wal_sqlite_file_with_a_schema_version(tmp_path: Path) -> None:
    Store(tmp_path / "z.db").close()
    conn = sqlite3.connect(tmp_path / "z.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_writing_the_same_analysis_twice_adds_no_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        _write(store, _document())
        _write(store, _document())
        counts = store.counts()
    assert (counts["documents"], counts["sentences"], counts["mentions"], counts["comments"]) == (
        1,
        2,
        1,
        1,
    )


def test_a_document_reads_back_as_it_was_written(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        _write(store, _document())
        (stored,) = store.documents()
    assert stored.document == _document()
    assert stored.status == "analyzed"


def test_an_exception_inside_a_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        with pytest.raises(KeyboardInterrupt), store.transaction():
            store.write_document(_document(), status="analyzed", fingerprint="fp", minhash=None)
            raise KeyboardInterrupt
        assert store.counts()["documents"] == 0


def test_an_input_is_recognised_only_with_the_same_content_hash(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        store.record_input("a.txt", "hash-1", "d1", "analyzed")
        # same record, same bytes: already done
        assert store.has_input("a.txt", "hash-1")
        # the record was edited since: read it again
        assert not store.has_input("a.txt", "hash-2")


def test_skips_are_listed_with_their_reasons_and_forgotten_once_read(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        store.record_skip(Skip("x.bin", "binary", "x.bin is binary"))
        store.record_skip(Skip("y.txt", "empty", "y.txt is empty"))
        assert store.skip_reasons() == {"binary": 1, "empty": 1}
        store.forget_skip("y.txt")
        assert [s.source for s in store.skips()] == ["x.bin"]


def test_search_finds_sentences_by_stemmed_words(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        _write(store, _document())
        hits = store.search("shelling")
    assert [(h.doc_id, h.sentence_index) for h in hits] == [("d1", 0)]
    assert "[shelled]" in hits[0].snippet


def test_a_malformed_search_query_is_a_store_error(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store, pytest.raises(StoreError, match="Fix:"):
        store.search('"unbalanced')


def test_a_file_that_is_not_sqlite_is_a_store_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not a database, just some notes " * 20)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(bogus)


def test_a_store_from_a_newer_zenobia_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "z.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="schema version"):
        Store(tmp_path / "z.db")


def test_a_store_from_schema_version_1_gains_the_new_columns_and_keeps_its_rows(
    tmp_path: Path,
) -> None:
    conn = sqlite3.connect(tmp_path / "z.db")
    conn.executescript(
        """
        CREATE TABLE mentions (id TEXT PRIMARY KEY, doc_id TEXT NOT NULL,
            sentence_idx INTEGER NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
            text TEXT NOT NULL, label TEXT NOT NULL, canonical TEXT NOT NULL, kind TEXT,
            country TEXT, entry_id TEXT);
        INSERT INTO mentions
            VALUES ('m0', 'd0', 0, 0, 5, 'Varna', 'GPE', 'Varna', NULL, NULL, NULL);
        PRAGMA user_version = 1;
        """
    )
    conn.close()
    with Store(tmp_path / "z.db") as store:
        _write(store, _document())
        mentions = {m.id: m for m in store.mentions()}
    # the old row is still there, with empty new fields; new rows carry them
    assert mentions["m0"].text == "Varna"
    assert mentions["m0"].place_id is None
    assert "m1" in mentions
