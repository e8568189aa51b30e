"""Reading a store without writing to it, while an analysis may be writing.

`StoreReader` is a `Store` on a read-only SQLite connection (`mode=ro`): it never migrates,
never takes the write lock, and in WAL mode sees each committed batch as soon as it lands. It
adds what the web app reads per request: document metadata without texts, a text or a span of
one, and full-text search with highlighted, paginated results. One reader serves one thread
(SQLite connections are not shared across threads); `ThreadReaders` keeps one per thread.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from zenobia.errors import StoreError
from zenobia.model import Sentence
from zenobia.store import SCHEMA_VERSION, Store

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


def _connect(uri: str) -> sqlite3.Connection:
    # one thread uses a reader at a time (`ThreadReaders`), but it may be closed from another
    return sqlite3.connect(
        uri, uri=True, isolation_level=None, timeout=30.0, check_same_thread=False
    )


class StoreReader(Store):
    """A store opened read-only.

    Args:
        path: The store file; it must exist and have been written by this version of zenobia.

    Raises:
        StoreError: There is no store at `path`, it is not a zenobia store, or its schema is
            not this version's.
    """

    def __init__(self, path: str | Path) -> None:  # a Store's own opening would write
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(
                f"no store at {self.path}",
                why="the file does not exist",
                fix="run `zenobia analyze PATH --db FILE` first, or point --db at a store",
            )
        try:
            self._conn = self._connect()
            self._check()
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"cannot read the store {self.path}", why=str(err), fix="check --db"
            ) from err

    def _connect(self) -> sqlite3.Connection:
        """A `mode=ro` connection; `immutable=1` when even the WAL index cannot be created
        (a read-only folder), which is safe because nothing can write there either."""
        uri = "file:" + quote(str(self.path.resolve())) + "?mode=ro"
        conn = _connect(uri)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            conn.close()
            conn = _connect(uri + "&immutable=1")
        return conn

    def _check(self) -> None:
        tables = {
            row[0]
            for row in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables >= REQUIRED_TABLES:
            self._conn.close()
            raise StoreError(
                f"{self.path} is not a zenobia store",
                why="it lacks the tables zenobia writes",
                fix="point --db at a file `zenobia analyze` wrote",
            )
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            self._conn.close()
            newer = version > SCHEMA_VERSION
            raise StoreError(
                f"the store {self.path} has schema version {version}",
                why=f"this zenobia reads version {SCHEMA_VERSION}",
                fix="upgrade zenobia"
                if newer
                else f"run `zenobia stats --db {self.path}` once to bring it up to date",
            )

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read inside the block sees the store as it was when the block began."""
        if self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            self._conn.execute("COMMIT")

    def document_rows(self) -> Iterator[tuple[object, ...]]:
        """(id, source, title, author, outlet, url, language, date, inferred, status,
        duplicate_of) of every document, in the order it was added: no texts."""
        yield from self._conn.execute(
            "SELECT id, source, title, author, outlet, url, language, published_date,"
            " published_inferred, status, duplicate_of FROM documents ORDER BY added_at, rowid"
        )

    def document_text(self, doc_id: str) -> str | None:
        """The stored text of a document, None when there is no such document."""
        row = self._conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else str(row[0])

    def span_texts(self, spans: Iterable[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
        """The text of each (document, start, end) span whose document is stored."""
        wanted = list(dict.fromkeys(spans))
        found: dict[tuple[str, int, int], str] = {}
        for i in range(0, len(wanted), _SPAN_CHUNK):
            chunk = wanted[i : i + _SPAN_CHUNK]
            values = ",".join("(?, ?, ?)" for _ in chunk)
            params = [value for span in chunk for value in span]
            rows = self._conn.execute(
                f"WITH wanted (doc_id, lo, hi) AS (VALUES {values})"
                " SELECT w.doc_id, w.lo, w.hi, substr(d.text, w.lo + 1, max(w.hi - w.lo, 0))"
                " FROM wanted w JOIN documents d ON d.id = w.doc_id",
                params,
            )
            found.update(((str(d), int(s), int(e)), str(text)) for d, s, e, text in rows)
        return found

    def sentences_at(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Sentence]:
        """The stored sentence of each (document, sentence index) that exists."""
        wanted = list(dict.fromkeys(keys))
        found: dict[tuple[str, int], Sentence] = {}
        for i in range(0, len(wanted), _SPAN_CHUNK):
            chunk = wanted[i : i + _SPAN_CHUNK]
            values = ",".join("(?, ?)" for _ in chunk)
            rows = self._conn.execute(
                f"WITH wanted (doc_id, idx) AS (VALUES {values})"
                " SELECT s.doc_id, s.idx, s.start_char, s.end_char, s.text"
                " FROM wanted w JOIN sentences s ON s.doc_id = w.doc_id AND s.idx = w.idx",
                [value for key in chunk for value in key],
            )
            for doc_id, idx, start, end, text in rows:
                found[str(doc_id), int(idx)] = Sentence(str(doc_id), int(idx), start, end, text)
        return found

    def search_page(self, query: str, *, limit: int, offset: int = 0) -> SearchResults:
        """Sentences matching an FTS5 query, best first, `limit` from `offset`.

        A query that is not valid FTS5 syntax (an unbalanced quote, a stray operator) is run
        again as its words, all required, so that a reader typing plain text always gets an
        answer; `SearchResults.query` says which ran.

        Raises:
            StoreError: The query holds no word.
        """
        try:
            return self._search(query, limit, offset)
        except sqlite3.OperationalError as err:
            plain = plain_words_query(query)
            if not plain:
                raise StoreError(
                    f"cannot search for {query!r}",
                    why=str(err),
                    fix='give words, "a phrase", or words joined by AND, OR, NOT',
                ) from err
            return self._search(plain, limit, offset)

    def _search(self, query: str, limit: int, offset: int) -> SearchResults:
        total = self._conn.execute(
            "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?", (query,)
        ).fetchone()[0]
        rows = self._conn.execute(
            "SELECT s.doc_id, d.title, s.idx, s.start_char, s.end_char,"
            " highlight(sentences_fts, 0, ?, ?)"
            " FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid"
            " JOIN documents d ON d.id = s.doc_id"
            " WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (_MATCH_OPEN, _MATCH_CLOSE, query, limit, offset),
        ).fetchall()
        hits = tuple(
            SearchHit(doc_id, title, idx, start, end, split_highlighted(text))
            for doc_id, title, idx, start, end, text in rows
        )
        return SearchResults(query=query, total=int(total), hits=hits)


class ThreadReaders:
    """One `StoreReader` per thread that asks, opened on first use.

    Args:
        path: The store file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[StoreReader] = []

    def get(self) -> StoreReader:
        """This thread's reader."""
        reader: StoreReader | None = getattr(self._local, "reader", None)
        if reader is None:
            reader = StoreReader(self.path)
            self._local.reader = reader
            with self._lock:
                self._opened.append(reader)
        return reader

    def close(self) -> None:
        """Close every reader opened so far (call when no request is running)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for reader in opened:
            reader.close()
