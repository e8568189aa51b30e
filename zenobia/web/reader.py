"""Texts and search, read per request from a store opened read-only while an analysis may write.

`open_store` opens a `Store` with `read_only=True` (`mode=ro`): it never takes the write lock,
and in WAL mode sees each committed batch as soon as it lands. The functions below read what a
page shows of the texts: a document, spans of documents, sentences, and full-text search with
highlighted, paginated results. One store serves one thread (SQLite connections are not shared
across threads); `ThreadReaders` keeps one per thread.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zenobia.errors import StoreError
from zenobia.model import Sentence
from zenobia.store import Store

REQUIRED_TABLES = frozenset({"documents", "sentences", "sentences_fts", "mentions", "events"})
"""Tables a file must have to be read as a zenobia store."""

_MATCH_OPEN, _MATCH_CLOSE = "\x02", "\x03"
"""Markers FTS5 puts around each matched term; control characters, which stored text does
not use, so that splitting on them cannot be confused by what an article says."""

_SPAN_CHUNK = 300
"""Spans looked up per statement (SQLite limits the parameters of one statement)."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a sentence: matched by the search (`is_match`) or not."""

    text: str
    is_match: bool


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A sentence that matched a full-text query, split into matched and unmatched pieces."""

    document: str
    title: str | None
    sentence_index: int
    start: int
    end: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class SearchResults:
    """One page of hits; `total` counts every matching sentence; `query` is the query that
    ran (the words as a plain phrase when the typed one was not valid FTS5 syntax)."""

    query: str
    total: int
    hits: tuple[SearchHit, ...]


def split_highlighted(text: str) -> tuple[Segment, ...]:
    """A sentence FTS5 highlighted with `_MATCH_OPEN`/`_MATCH_CLOSE`, as segments."""
    segments = []
    for part in re.split(f"({_MATCH_OPEN}.*?{_MATCH_CLOSE})", text, flags=re.S):
        if not part:
            continue
        is_match = part.startswith(_MATCH_OPEN) and part.endswith(_MATCH_CLOSE)
        plain = part.replace(_MATCH_OPEN, "").replace(_MATCH_CLOSE, "")
        if plain:
            segments.append(Segment(plain, is_match))
    return tuple(segments)


def plain_words_query(query: str) -> str:
    """`query` as FTS5 syntax that cannot fail: each word a quoted string, all required."""
    words = re.findall(r"\w+", query)
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def document_text(store: Store, doc_id: str) -> str | None:
    """The stored text of a document, None when there is no such document."""
    rows = store.rows("SELECT text FROM documents WHERE id = ?", (doc_id,))
    return str(rows[0][0]) if rows else None


def span_texts(
    store: Store, spans: Iterable[tuple[str, int, int]]
) -> dict[tuple[str, int, int], str]:
    """The text of each (document, start, end) span whose document is stored."""
    wanted = list(dict.fromkeys(spans))
    found: dict[tuple[str, int, int], str] = {}
    for i in range(0, len(wanted), _SPAN_CHUNK):
        chunk = wanted[i : i + _SPAN_CHUNK]
        values = ",".join("(?, ?, ?)" for _ in chunk)
        rows = store.rows(
            f"WITH wanted (doc_id, lo, hi) AS (VALUES {values})"
            " SELECT w.doc_id, w.lo, w.hi, substr(d.text, w.lo + 1, max(w.hi - w.lo, 0))"
            " FROM wanted w JOIN documents d ON d.id = w.doc_id",
            [value for span in chunk for value in span],
        )
        found.update(((str(d), int(s), int(e)), str(text)) for d, s, e, text in rows)
    return found


def sentences_at(store: Store, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Sentence]:
    """The stored sentence of each (document, sentence index) that exists."""
    wanted = list(dict.fromkeys(keys))
    found: dict[tuple[str, int], Sentence] = {}
    for i in range(0, len(wanted), _SPAN_CHUNK):
        chunk = wanted[i : i + _SPAN_CHUNK]
        values = ",".join("(?, ?)" for _ in chunk)
        rows = store.rows(
            f"WITH wanted (doc_id, idx) AS (VALUES {values})"
            " SELECT s.doc_id, s.idx, s.start_char, s.end_char, s.text"
            " FROM wanted w JOIN sentences s ON s.doc_id = w.doc_id AND s.idx = w.idx",
            [value for key in chunk for value in key],
        )
        for doc_id, idx, start, end, text in rows:
            found[str(doc_id), int(idx)] = Sentence(str(doc_id), int(idx), start, end, text)
    return found


def search_page(store: Store, query: str, *, limit: int, offset: int = 0) -> SearchResults:
    """Sentences matching an FTS5 query, best first, `limit` from `offset`.

    A query that is not valid FTS5 syntax (an unbalanced quote, a stray operator) is run
    again as its words, all required, so that a reader typing plain text always gets an
    answer; `SearchResults.query` says which ran.

    Raises:
        StoreError: The query holds no word.
    """
    try:
        return _search(store, query, limit, offset)
    except sqlite3.OperationalError as err:
        plain = plain_words_query(query)
        if not plain:
            raise StoreError(
                f"cannot search for {query!r}",
                why=str(err),
                fix='give words, "a phrase", or words joined by AND, OR, NOT',
            ) from err
        return _search(store, plain, limit, offset)


def _search(store: Store, query: str, limit: int, offset: int) -> SearchResults:
    total = store.rows("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?", (query,))[
        0
    ][0]
    rows = store.rows(
        "SELECT s.doc_id, d.title, s.idx, s.start_char, s.end_char,"
        " highlight(sentences_fts, 0, ?, ?)"
        " FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid"
        " JOIN documents d ON d.id = s.doc_id"
        " WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
        (_MATCH_OPEN, _MATCH_CLOSE, query, limit, offset),
    )
    hits = tuple(
        SearchHit(doc_id, title, idx, start, end, split_highlighted(text))
        for doc_id, title, idx, start, end, text in rows
    )
    return SearchResults(query=query, total=int(total), hits=hits)


def open_store(path: str | Path) -> Store:
    """The store at `path`, read-only (`mode=ro`): it never migrates a file it can read, never
    takes the write lock, and in WAL mode sees each committed batch as soon as it lands.

    Raises:
        StoreError: There is no store at `path`, or it is not one this zenobia reads.
    """
    store = Store(path, read_only=True)
    tables = {row[0] for row in store.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables >= REQUIRED_TABLES:
        store.close()
        raise StoreError(
            f"{path} is not a zenobia store",
            why="it lacks the tables zenobia writes",
            fix="point --db at a file `zenobia analyze` wrote",
        )
    return store


class ThreadReaders:
    """One read-only `Store` per thread that asks, opened on first use (SQLite connections
    are not shared across threads).

    Args:
        path: The store file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Store] = []

    def get(self) -> Store:
        """This thread's store."""
        reader: Store | None = getattr(self._local, "reader", None)
        if reader is None:
            reader = open_store(self.path)
            self._local.reader = reader
            with self._lock:
                self._opened.append(reader)
        return reader

    def close(self) -> None:
        """Close every reader opened so far (call when no request is running)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for reader in opened:
            with contextlib.suppress(sqlite3.ProgrammingError):  # opened by another thread
                reader.close()
