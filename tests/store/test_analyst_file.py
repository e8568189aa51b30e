"""The store as an analyst's file: views made with the schema, a full-text index Datasette
finds, and older stores brought up to both."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zenobia.model import Document, DocumentAnalysis, Sentence
from zenobia.store import Store

TEXT = "Engineers reopened the bridge. The river rose."


def _store_with_sentences(db: Path) -> None:
    with Store(db) as store, store.transaction():
        document = Document(id="d1", source="d1.txt", text=TEXT)
        store.write_document(document, status="analyzed", fingerprint="d1", minhash=None)
        sentences = (
            Sentence("d1", 0, 0, 30, TEXT[:30]),
            Sentence("d1", 1, 31, len(TEXT), TEXT[31:]),
        )
        store.write_analysis(DocumentAnalysis(document, sentences=sentences))


def _datasette_finds_search_on(conn: sqlite3.Connection, table: str) -> bool:
    """Datasette's test for a table's FTS index (datasette.utils.detect_fts): an FTS virtual
    table whose declaration holds content="<table>" (or content=[<table>])."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE rootpage = 0 AND (sql LIKE ? OR sql LIKE ?)",
        (
            f'%VIRTUAL TABLE%USING FTS%content="{table}"%',
            f"%VIRTUAL TABLE%USING FTS%content=[{table}]%",
        ),
    ).fetchall()
    return bool(rows)


def test_a_new_store_has_the_analysts_views(tmp_path: Path) -> None:
    Store(tmp_path / "z.db").close()
    conn = sqlite3.connect(tmp_path / "z.db")
    views = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    conn.close()
    assert views >= {"events_view", "quotes_view", "claims_view"}


def test_datasette_finds_the_full_text_index_of_sentences(tmp_path: Path) -> None:
    _store_with_sentences(tmp_path / "z.db")
    conn = sqlite3.connect(tmp_path / "z.db")
    try:
        assert _datasette_finds_search_on(conn, "sentences")
    finally:
        conn.close()


def test_an_older_store_gets_the_index_datasette_finds_and_keeps_its_search(
    tmp_path: Path,
) -> None:
    db = tmp_path / "z.db"
    _store_with_sentences(db)
    # the store as an earlier zenobia made it: the index declared with spaces and quotes
    conn = sqlite3.connect(db)
    conn.executescript(
        "DROP TABLE sentences_fts;"
        "CREATE VIRTUAL TABLE sentences_fts USING fts5 (text, content = 'sentences',"
        " content_rowid = 'rowid', tokenize = 'porter unicode61');"
        "INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild');"
        "DROP VIEW events_view; PRAGMA user_version = 4;"
    )
    assert not _datasette_finds_search_on(conn, "sentences")
    conn.close()
    with Store(db, read_only=True) as upgraded:
        hits = upgraded.search("river")
    assert [(hit.doc_id, hit.sentence_index) for hit in hits] == [("d1", 1)]
    conn = sqlite3.connect(db)
    try:
        assert _datasette_finds_search_on(conn, "sentences")
        assert conn.execute("SELECT count(*) FROM events_view").fetchone() == (0,)
        conn.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")
    finally:
        conn.close()
