"""The SQLite store: zenobia's system of record.

WAL mode lets readers (exports, the web app) work while an analysis writes. Every write is an
upsert keyed by a content hash, and each batch is one transaction, so a crash or Ctrl-C loses
at most the batch in flight and a re-run resumes without duplicates.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from zenobia.errors import StoreError
from zenobia.model import (
    Comment,
    Document,
    DocumentAnalysis,
    Mention,
    Place,
    PublishedDate,
    Sentence,
    Skip,
)

SCHEMA_VERSION = 2

ADDED_COLUMNS: dict[int, tuple[tuple[str, str, str], ...]] = {
    2: (
        ("mentions", "role", "TEXT"),
        ("mentions", "affiliation", "TEXT"),
        ("mentions", "link_basis", "TEXT"),
        ("mentions", "place_id", "TEXT"),
    ),
}
"""Columns each schema version added to tables that existed before it, for older stores.

`schema.sql` creates new stores whole; a store made by an earlier version gets its new tables
from the same script (CREATE … IF NOT EXISTS) and its new columns from here."""

DocumentStatus = str
"""analyzed | duplicate | not-english"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document as the store holds it, with its analysis status."""

    document: Document
    status: DocumentStatus
    token_count: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A sentence that matched a full-text query."""

    doc_id: str
    title: str | None
    sentence_index: int
    start_char: int
    end_char: int
    snippet: str


class Store:
    """An open zenobia store (one SQLite file).

    Args:
        path: the database file; created with its schema when absent.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"cannot open the store {self.path}",
                why=str(err),
                fix="check the path, or point --db at a new file",
            ) from err

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the store {self.path} has schema version {version}",
                why=f"this zenobia knows versions up to {SCHEMA_VERSION}",
                fix="upgrade zenobia, or analyse into a new --db file",
            )
        if version:
            self._add_columns(since=version)
        schema = resources.files("zenobia.store").joinpath("schema.sql").read_text("utf-8")
        self._conn.executescript(schema)
        self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _add_columns(self, *, since: int) -> None:
        for version in range(since + 1, SCHEMA_VERSION + 1):
            for table, column, declaration in ADDED_COLUMNS.get(version, ()):
                present = {row[1] for row in self._conn.execute(f"PRAGMA table_info({table})")}
                if column not in present:
                    self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all of them are committed, or none (on any exception, Ctrl-C included)."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # --- resume bookkeeping -------------------------------------------------------------------

    def has_input(self, source: str, raw_hash: str) -> bool:
        """Whether this exact record (same source, same bytes) already reached a verdict."""
        row = self._conn.execute(
            "SELECT 1 FROM inputs WHERE source = ? AND raw_hash = ?", (source, raw_hash)
        ).fetchone()
        return row is not None

    def record_input(self, source: str, raw_hash: str, doc_id: str | None, outcome: str) -> None:
        self._conn.execute(
            "INSERT INTO inputs (source, raw_hash, doc_id, outcome, seen_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (source) DO UPDATE SET raw_hash = excluded.raw_hash,"
            " doc_id = excluded.doc_id, outcome = excluded.outcome, seen_at = excluded.seen_at",
            (source, raw_hash, doc_id, outcome, _now()),
        )

    def record_skip(self, skip: Skip) -> None:
        self._conn.execute(
            "INSERT INTO skips (source, reason, message, seen_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (source) DO UPDATE SET reason = excluded.reason,"
            " message = excluded.message, seen_at = excluded.seen_at",
            (skip.source, skip.reason, skip.message, _now()),
        )

    def forget_skip(self, source: str) -> None:
        """A source that now reads cleanly is no longer listed as skipped."""
        self._conn.execute("DELETE FROM skips WHERE source = ?", (source,))

    def document_by_fingerprint(self, fingerprint: str) -> str | None:
        row = self._conn.execute(
            "SELECT id FROM documents WHERE fingerprint = ? AND duplicate_of IS NULL"
            " ORDER BY added_at, id LIMIT 1",
            (fingerprint,),
        ).fetchone()
        return None if row is None else str(row[0])

    def has_document(self, doc_id: str) -> bool:
        return (
            self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            is not None
        )

    def minhash_signatures(self) -> Iterator[tuple[str, bytes]]:
        """Signatures of every original (non-duplicate) document, to rebuild the near-dup index."""
        rows = self._conn.execute(
            "SELECT id, minhash FROM documents WHERE minhash IS NOT NULL AND duplicate_of IS NULL"
        )
        for doc_id, blob in rows:
            yield str(doc_id), bytes(blob)

    # --- writes -------------------------------------------------------------------------------

    def write_document(
        self,
        document: Document,
        *,
        status: DocumentStatus,
        fingerprint: str,
        minhash: bytes | None,
        token_count: int = 0,
    ) -> None:
        """Upsert a document and its comments (call inside `transaction()`)."""
        published = document.published
        self._conn.execute(
            "INSERT INTO documents (id, source, title, author, outlet, url, language,"
            " published_date, published_inferred, published_basis, published_precision,"
            " published_not_before, text, fingerprint, minhash, duplicate_of, status,"
            " token_count, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (id) DO UPDATE SET status = excluded.status,"
            " token_count = excluded.token_count, duplicate_of = excluded.duplicate_of",
            (
                document.id,
                document.source,
                document.title,
                document.author,
                document.outlet,
                document.url,
                document.language,
                published.date,
                int(published.is_inferred),
                published.basis,
                published.precision,
                published.not_before,
                document.text,
                fingerprint,
                minhash,
                document.duplicate_of,
                status,
                token_count,
                _now(),
            ),
        )
        self._conn.executemany(
            "INSERT INTO comments (doc_id, position, author, text) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (doc_id, position) DO NOTHING",
            [(document.id, i, c.author, c.text) for i, c in enumerate(document.comments)],
        )

    def write_analysis(self, analysis: DocumentAnalysis) -> None:
        """Upsert a document's sentences and mentions (call inside `transaction()`)."""
        self._conn.executemany(
            "INSERT INTO sentences (doc_id, idx, start_char, end_char, text) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (doc_id, idx) DO NOTHING",
            [(s.doc_id, s.index, s.start_char, s.end_char, s.text) for s in analysis.sentences],
        )
        self._conn.executemany(
            "INSERT INTO mentions (id, doc_id, sentence_idx, start_char, end_char, text, label,"
            " canonical, kind, country, entry_id, role, affiliation, link_basis, place_id)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (id) DO NOTHING",
            [
                (
                    m.id,
                    m.doc_id,
                    m.sentence_index,
                    m.start_char,
                    m.end_char,
                    m.text,
                    m.label,
                    m.canonical,
                    m.kind,
                    m.country,
                    m.entry_id,
                    m.role,
                    m.affiliation,
                    m.link_basis,
                    m.place_id,
                )
                for m in analysis.mentions
            ],
        )
        self._conn.executemany(
            "INSERT INTO places (id, name, lat, lon, country, country_alpha2, admin1, geonames,"
            " feature) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
            " name = excluded.name, lat = excluded.lat, lon = excluded.lon,"
            " country = excluded.country, country_alpha2 = excluded.country_alpha2,"
            " admin1 = excluded.admin1, geonames = excluded.geonames, feature = excluded.feature",
            [
                (
                    p.id,
                    p.name,
                    p.lat,
                    p.lon,
                    p.country,
                    p.country_alpha2,
                    p.admin1,
                    p.geonames,
                    p.feature,
                )
                for p in analysis.places
            ],
        )

    def start_run(self, inputs: list[str]) -> int:
        cur = self._conn.execute(
            "INSERT INTO runs (started_at, inputs, status) VALUES (?, ?, 'running')",
            (_now(), json.dumps(inputs)),
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, object], status: str) -> None:
        self._conn.execute(
            "UPDATE runs SET finished_at = ?, counts = ?, status = ? WHERE id = ?",
            (_now(), json.dumps(counts, sort_keys=True), status, run_id),
        )

    # --- reads --------------------------------------------------------------------------------

    def documents(self) -> Iterator[StoredDocument]:
        """Every stored document, in the order it was added."""
        comments: dict[str, list[Comment]] = {}
        for doc_id, author, text in self._conn.execute(
            "SELECT doc_id, author, text FROM comments ORDER BY doc_id, position"
        ):
            comments.setdefault(doc_id, []).append(Comment(author=author, text=text))
        rows = self._conn.execute(
            "SELECT id, source, title, author, outlet, url, language, published_date,"
            " published_inferred, published_basis, published_precision, published_not_before,"
            " text, duplicate_of, status, token_count FROM documents ORDER BY added_at, rowid"
        )
        for row in rows:
            published = PublishedDate(
                date=row[7],
                is_inferred=bool(row[8]),
                basis=row[9],
                precision=row[10],
                not_before=row[11],
            )
            document = Document(
                id=row[0],
                source=row[1],
                title=row[2],
                author=row[3],
                outlet=row[4],
                url=row[5],
                language=row[6],
                published=published,
                text=row[12],
                comments=tuple(comments.get(row[0], ())),
                duplicate_of=row[13],
            )
            yield StoredDocument(document=document, status=row[14], token_count=row[15])

    def mentions(self) -> Iterator[Mention]:
        rows = self._conn.execute(
            "SELECT id, doc_id, sentence_idx, start_char, end_char, text, label, canonical, kind,"
            " country, entry_id, role, affiliation, link_basis, place_id FROM mentions"
            " ORDER BY doc_id, start_char"
        )
        for row in rows:
            yield Mention(*row)

    def places(self) -> dict[str, Place]:
        """Every geocoded place by id (aliases are aggregated from mentions by the exports)."""
        rows = self._conn.execute(
            "SELECT id, name, lat, lon, country, admin1, geonames, feature, country_alpha2"
            " FROM places ORDER BY id"
        )
        return {row[0]: Place(*row) for row in rows}

    def sentences(self, doc_id: str) -> list[Sentence]:
        rows = self._conn.execute(
            "SELECT doc_id, idx, start_char, end_char, text FROM sentences WHERE doc_id = ?"
            " ORDER BY idx",
            (doc_id,),
        )
        return [Sentence(*row) for row in rows]

    def skips(self) -> list[Skip]:
        rows = self._conn.execute("SELECT source, reason, message FROM skips ORDER BY source")
        return [Skip(*row) for row in rows]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Sentences matching an FTS5 query (words, "phrases", AND/OR/NOT, prefix*), best first."""
        try:
            rows = self._conn.execute(
                "SELECT s.doc_id, d.title, s.idx, s.start_char, s.end_char,"
                " snippet(sentences_fts, 0, '[', ']', '…', 24)"
                " FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid"
                " JOIN documents d ON d.id = s.doc_id"
                " WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as err:
            raise StoreError(
                f"cannot search for {query!r}",
                why=str(err),
                fix='quote phrases ("..."), and use AND, OR, NOT between words',
            ) from err
        return [SearchHit(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Row counts a summary shows: documents by status, skipped, sentences, mentions."""
        one = self._conn.execute
        counts = {
            "documents": one("SELECT count(*) FROM documents").fetchone()[0],
            "sentences": one("SELECT count(*) FROM sentences").fetchone()[0],
            "mentions": one("SELECT count(*) FROM mentions").fetchone()[0],
            "comments": one("SELECT count(*) FROM comments").fetchone()[0],
            "skipped": one("SELECT count(*) FROM skips").fetchone()[0],
            "tokens": one("SELECT coalesce(sum(token_count), 0) FROM documents").fetchone()[0],
        }
        for status, n in one("SELECT status, count(*) FROM documents GROUP BY status"):
            counts[f"documents_{status.replace('-', '_')}"] = n
        return {k: int(v) for k, v in counts.items()}

    def skip_reasons(self) -> dict[str, int]:
        rows = self._conn.execute(
            "SELECT reason, count(*) FROM skips GROUP BY reason ORDER BY 2 DESC"
        )
        return {str(reason): int(n) for reason, n in rows}
