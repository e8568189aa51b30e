"""The SQLite store: zenobia's system of record.

WAL mode lets readers (exports, the web app) work while an analysis writes. Every write is an
upsert keyed by a content hash, and each batch is one transaction, so a crash or Ctrl-C loses
at most the batch in flight and a re-run resumes without duplicates.

How each record type maps to its table's columns is declared once, in `_tables.py`; the
methods here say only what to write or read and in which order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from zenobia.errors import StoreError
from zenobia.model import (
    Claim,
    Comment,
    Disagreement,
    Document,
    DocumentAnalysis,
    Event,
    EventCluster,
    Mention,
    Place,
    Quote,
    Sentence,
    Skip,
    Stance,
)
from zenobia.store._tables import (
    CLAIMS,
    CLUSTERS,
    COMMENTS,
    DISAGREEMENTS,
    DOCUMENTS,
    EVENTS,
    MENTIONS,
    PLACES,
    QUOTES,
    SENTENCES,
    SKIPS,
    STANCES,
    R,
    TableSpec,
)

SCHEMA_VERSION = 3

ADDED_COLUMNS: dict[int, tuple[tuple[str, str, str], ...]] = {
    2: (
        ("mentions", "role", "TEXT"),
        ("mentions", "affiliation", "TEXT"),
        ("mentions", "link_basis", "TEXT"),
        ("mentions", "place_id", "TEXT"),
    ),
    3: (
        ("mentions", "confidence_basis", "TEXT"),
        ("mentions", "confidence", "REAL"),
        ("mentions", "place_basis", "TEXT"),
        ("mentions", "place_confidence", "REAL"),
        *(
            (table, column, declaration)
            for table in (
                "events",
                "quotes",
                "claims",
                "stances",
                "cluster",
                "disagreements",
                "actor_merges",
            )
            for column, declaration in (("confidence_basis", "TEXT"), ("confidence", "REAL"))
        ),
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
class StoredMerge:
    """An actor name key merged into another across documents (`zenobia.resolve.actors`)."""

    from_key: str
    into_key: str
    basis: str
    confidence_basis: str | None
    confidence: float | None


FACT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("mentions", "confidence_basis", "confidence"),
    ("mentions", "place_basis", "place_confidence"),
    ("events", "confidence_basis", "confidence"),
    ("quotes", "confidence_basis", "confidence"),
    ("claims", "confidence_basis", "confidence"),
    ("stances", "confidence_basis", "confidence"),
    ("cluster", "confidence_basis", "confidence"),
    ("disagreements", "confidence_basis", "confidence"),
    ("actor_merges", "confidence_basis", "confidence"),
)
"""Every (table, basis column, confidence column) pair of a fact the store holds."""


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
                # a table the store lacks is created whole by schema.sql, after this
                if present and column not in present:
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

    def _write(self, spec: TableSpec[R], records: Iterable[R]) -> None:
        """Upsert `records` into the table `spec` describes, in one statement."""
        self._conn.executemany(spec.upsert_sql(), [spec.dump(r) for r in records])

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
        self._conn.execute(SKIPS.upsert_sql(), SKIPS.dump(skip, _now()))

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
        self._conn.execute(
            DOCUMENTS.upsert_sql(),
            DOCUMENTS.dump(document, fingerprint, minhash, status, token_count, _now()),
        )
        self._conn.executemany(
            COMMENTS.upsert_sql(),
            [COMMENTS.dump(c, document.id, i) for i, c in enumerate(document.comments)],
        )

    def write_analysis(self, analysis: DocumentAnalysis) -> None:
        """Upsert everything a document's analysis found (call inside `transaction()`)."""
        self._write(SENTENCES, analysis.sentences)
        self._write(MENTIONS, analysis.mentions)
        self._write(PLACES, analysis.places)
        self.write_quotes(analysis.quotes)
        self.write_events(analysis.events)
        self.write_stances(analysis.stances)
        self.write_claims(analysis.claims)

    def write_claims(self, claims: Iterable[Claim]) -> None:
        """Upsert numeric claims (call inside `transaction()`)."""
        self._write(CLAIMS, claims)

    def claims(self) -> Iterator[Claim]:
        """Every numeric claim, by document and position."""
        for row in self._conn.execute(f"{CLAIMS.select_sql()} ORDER BY doc_id, value_start"):
            yield CLAIMS.load(row)

    def write_quotes(self, quotes: Iterable[Quote]) -> None:
        """Upsert quotes (call inside `transaction()`)."""
        self._write(QUOTES, quotes)

    def quotes(self) -> Iterator[Quote]:
        """Every quote, by document and position."""
        for row in self._conn.execute(f"{QUOTES.select_sql()} ORDER BY doc_id, start_char"):
            yield QUOTES.load(row)

    def write_events(self, events: Iterable[Event]) -> None:
        """Upsert events (call inside `transaction()`); tuples are stored as JSON lists."""
        self._write(EVENTS, events)

    def events(self) -> Iterator[Event]:
        """Every event, by document and position."""
        query = f"{EVENTS.select_sql()} ORDER BY doc_id, trigger_start, type"
        for row in self._conn.execute(query):
            yield EVENTS.load(row)

    def write_stances(self, stances: Iterable[Stance]) -> None:
        """Upsert stances (call inside `transaction()`); evidence is stored as a JSON list."""
        self._write(STANCES, stances)

    def stances(self) -> Iterator[Stance]:
        """Every stance, by document, actor and holder."""
        query = f"{STANCES.select_sql()} ORDER BY doc_id, actor_key, holder_key"
        for row in self._conn.execute(query):
            yield STANCES.load(row)

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
        query = f"{COMMENTS.select_sql('doc_id')} ORDER BY doc_id, position"
        for row in self._conn.execute(query):
            comments.setdefault(row[-1], []).append(COMMENTS.load(row))
        width = len(DOCUMENTS.stored_columns)
        query = f"{DOCUMENTS.select_sql('status', 'token_count')} ORDER BY added_at, rowid"
        for row in self._conn.execute(query):
            document = DOCUMENTS.load(row, comments=tuple(comments.get(row[0], ())))
            yield StoredDocument(document=document, status=row[width], token_count=row[width + 1])

    def document_texts(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The stored text of each of `doc_ids` that is in the store."""
        return self._column_by_id("documents", "text", doc_ids)

    def document_titles(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The title of each of `doc_ids` that is in the store and has one."""
        return self._column_by_id("documents", "title", doc_ids)

    def canonical_names(self, mention_ids: Iterable[str]) -> dict[str, str]:
        """The canonical name of each of `mention_ids` that is in the store."""
        return self._column_by_id("mentions", "canonical", mention_ids)

    def _column_by_id(self, table: str, column: str, ids: Iterable[str]) -> dict[str, str]:
        """One text column of the rows of `table` whose id is in `ids`, by id (queried in
        chunks: SQLite limits the parameters of one statement)."""
        found: dict[str, str] = {}
        wanted = list(dict.fromkeys(ids))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT id, {column} FROM {table} WHERE id IN ({marks})", chunk
            )
            found.update((str(row_id), str(value)) for row_id, value in rows if value is not None)
        return found

    def mentions(self) -> Iterator[Mention]:
        for row in self._conn.execute(f"{MENTIONS.select_sql()} ORDER BY doc_id, start_char"):
            yield MENTIONS.load(row)

    def claim_place_mentions(self) -> Iterator[Mention]:
        """Geocoded mentions of documents that have numeric claims (claim resolution reads
        only these: loading every mention cost half its time)."""
        query = (
            f"{MENTIONS.select_sql()} WHERE place_id IS NOT NULL"
            " AND doc_id IN (SELECT doc_id FROM claims) ORDER BY doc_id, start_char"
        )
        for row in self._conn.execute(query):
            yield MENTIONS.load(row)

    def claim_sentence_events(self) -> Iterator[Event]:
        """Events of sentences that hold a numeric claim, by document and position."""
        query = (
            f"{EVENTS.select_sql()} WHERE (doc_id, sentence_idx) IN"
            " (SELECT doc_id, sentence_idx FROM claims) ORDER BY doc_id, trigger_start, type"
        )
        for row in self._conn.execute(query):
            yield EVENTS.load(row)

    def places(self) -> dict[str, Place]:
        """Every geocoded place by id (aliases are aggregated from mentions by the exports)."""
        rows = self._conn.execute(f"{PLACES.select_sql()} ORDER BY id")
        return {row[0]: PLACES.load(row) for row in rows}

    def sentences(self, doc_id: str) -> list[Sentence]:
        rows = self._conn.execute(
            f"{SENTENCES.select_sql()} WHERE doc_id = ? ORDER BY idx", (doc_id,)
        )
        return [SENTENCES.load(row) for row in rows]

    def skips(self) -> list[Skip]:
        rows = self._conn.execute(f"{SKIPS.select_sql()} ORDER BY source")
        return [SKIPS.load(row) for row in rows]

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

    # --- corpus resolution: event clusters and disagreements (zenobia.resolve) ----------------

    def meta_value(self, key: str) -> str | None:
        """The store's own setting `key` (the `meta` table), or None when it was never set."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta_value(self, key: str, value: str) -> None:
        """Set the store's own setting `key`; call inside `transaction()`."""
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def clear_event_clusters(self) -> None:
        """Forget every event cluster and blocking key, so the next pass resolves all events.

        Call inside `transaction()`.
        """
        for table in ("cluster", "event_clusters", "event_blocks"):
            self._conn.execute(f"DELETE FROM {table}")

    def event_cluster_ids(self) -> dict[str, str]:
        """The cluster of every event already resolved: event id → cluster id."""
        rows = self._conn.execute("SELECT event_id, cluster_id FROM event_clusters")
        return {str(event_id): str(cluster_id) for event_id, cluster_id in rows}

    def events_in_blocks(self, blocks: Iterable[str]) -> set[str]:
        """Ids of the resolved events that fell into any of `blocks`."""
        found: set[str] = set()
        wanted = list(dict.fromkeys(blocks))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT event_id FROM event_blocks WHERE block IN ({marks})", chunk
            )
            found.update(str(row[0]) for row in rows)
        return found

    def replace_event_clusters(
        self,
        old_cluster_ids: Iterable[str],
        clusters: Iterable[EventCluster],
        blocks: dict[str, tuple[str, ...]],
    ) -> None:
        """Drop `old_cluster_ids`, then upsert `clusters` and the blocks of their events.

        Call inside `transaction()`; `blocks` maps each member event id to its blocking keys.
        """
        old = list(dict.fromkeys(old_cluster_ids))
        for i in range(0, len(old), 500):
            chunk = old[i : i + 500]
            marks = ",".join("?" * len(chunk))
            self._conn.execute(f"DELETE FROM cluster WHERE id IN ({marks})", chunk)
            self._conn.execute(f"DELETE FROM event_clusters WHERE cluster_id IN ({marks})", chunk)
        clusters = list(clusters)
        self._write(CLUSTERS, clusters)
        members = [(event_id, c.id) for c in clusters for event_id in c.event_ids]
        self._conn.executemany(
            "INSERT INTO event_clusters (event_id, cluster_id) VALUES (?, ?)"
            " ON CONFLICT (event_id) DO UPDATE SET cluster_id = excluded.cluster_id",
            members,
        )
        self._conn.executemany(
            "INSERT INTO event_blocks (block, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(block, event_id) for event_id, keys in blocks.items() for block in keys],
        )

    def event_clusters(self) -> Iterator[EventCluster]:
        """Every merged event cluster, largest first."""
        for row in self._conn.execute(f"{CLUSTERS.select_sql()} ORDER BY size DESC, id"):
            yield CLUSTERS.load(row)

    def replace_disagreements(
        self, kind: str, disagreements: Iterable[Disagreement], about: Iterable[str] | None = None
    ) -> None:
        """Replace the disagreements of one `kind` (call inside `transaction()`).

        With `about`, only rows of that kind about those subjects are dropped first (an
        incremental resolver re-checks some subjects); without it, every row of the kind.
        """
        if about is None:
            self._conn.execute("DELETE FROM disagreements WHERE kind = ?", (kind,))
        else:
            subjects = list(dict.fromkeys(about))
            for i in range(0, len(subjects), 500):
                chunk = subjects[i : i + 500]
                marks = ",".join("?" * len(chunk))
                self._conn.execute(
                    f"DELETE FROM disagreements WHERE kind = ? AND about IN ({marks})",
                    [kind, *chunk],
                )
        self._write(DISAGREEMENTS, disagreements)

    def disagreements(self, kind: str | None = None) -> Iterator[Disagreement]:
        """Every disagreement (of one `kind` when given), by kind and subject."""
        query = DISAGREEMENTS.select_sql()
        params: tuple[str, ...] = ()
        if kind is not None:
            query += " WHERE kind = ?"
            params = (kind,)
        for row in self._conn.execute(query + " ORDER BY kind, about, id", params):
            yield DISAGREEMENTS.load(row)

    # --- corpus resolution: claim support, actor merges, summary (zenobia.resolve) ------------

    def all_sentences(self) -> Iterator[Sentence]:
        """Every sentence of every analysed, non-duplicate document, by document and position."""
        rows = self._conn.execute(
            f"{SENTENCES.select_sql()} WHERE doc_id IN"
            " (SELECT id FROM documents WHERE duplicate_of IS NULL) ORDER BY doc_id, idx"
        )
        for row in rows:
            yield SENTENCES.load(row)

    def replace_claim_support(self, rows: Iterable[tuple[str, int, int]]) -> None:
        """Replace every (claim id, corroborations, contradictions) row (inside `transaction()`)."""
        self._conn.execute("DELETE FROM claim_support")
        self._conn.executemany(
            "INSERT INTO claim_support (claim_id, corroborations, contradictions) VALUES (?, ?, ?)"
            " ON CONFLICT (claim_id) DO UPDATE SET corroborations = excluded.corroborations,"
            " contradictions = excluded.contradictions",
            list(rows),
        )

    def claim_support(self) -> dict[str, tuple[int, int]]:
        """Claim id → (corroborations, contradictions), for the claims resolution compared."""
        rows = self._conn.execute(
            "SELECT claim_id, corroborations, contradictions FROM claim_support"
        )
        return {str(claim_id): (int(agree), int(disagree)) for claim_id, agree, disagree in rows}

    def replace_actor_merges(self, rows: Iterable[tuple[str, str, str, float, str]]) -> None:
        """Replace every (from key, into key, basis, score, confidence basis) merge (inside
        `transaction()`); their confidence is filled by `score_facts`."""
        self._conn.execute("DELETE FROM actor_merges")
        self._conn.executemany(
            "INSERT INTO actor_merges (from_key, into_key, basis, score, confidence_basis)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (from_key) DO UPDATE SET into_key = excluded.into_key,"
            " basis = excluded.basis, score = excluded.score,"
            " confidence_basis = excluded.confidence_basis, confidence = NULL",
            list(rows),
        )

    def actor_merge_rows(self) -> list[StoredMerge]:
        """Every actor merge with why it was made and how sure it is, by `from_key`."""
        rows = self._conn.execute(
            "SELECT from_key, into_key, basis, confidence_basis, confidence FROM actor_merges"
            " ORDER BY from_key"
        )
        return [StoredMerge(*row) for row in rows]

    def actor_merges(self) -> dict[str, str]:
        """Merged actor group keys: from key → into key."""
        rows = self._conn.execute("SELECT from_key, into_key FROM actor_merges")
        return {str(from_key): str(into_key) for from_key, into_key in rows}

    def replace_summary(self, rows: Iterable[tuple[str, int, int, str, float]]) -> None:
        """Replace the summary's (doc id, start, end, text, score) sentences, best first."""
        self._conn.execute("DELETE FROM summary_sentences")
        self._conn.executemany(
            "INSERT INTO summary_sentences (position, doc_id, start_char, end_char, text, score)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(position, *row) for position, row in enumerate(rows)],
        )

    def score_facts(
        self, confidence_of: Callable[[str], float | None], *, everything: bool = False
    ) -> int:
        """Set the confidence of stored facts from their basis (call inside `transaction()`).

        Args:
            confidence_of: basis → confidence (`ConfidenceTable.confidence`).
            everything: rescore every fact (the table changed); else only facts that have a
                basis and no confidence yet (written by corpus resolution, or interrupted).

        Returns:
            How many rows were updated.
        """
        updated = 0
        self._conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS basis_confidence"
            " (basis TEXT PRIMARY KEY, confidence REAL)"
        )
        for table, basis_column, column in FACT_COLUMNS:
            wanted = f"{basis_column} IS NOT NULL" + (
                "" if everything else f" AND {column} IS NULL"
            )
            bases = [
                str(row[0])
                for row in self._conn.execute(
                    f"SELECT DISTINCT {basis_column} FROM {table} WHERE {wanted}"
                )
            ]
            if not bases:
                continue
            self._conn.execute("DELETE FROM basis_confidence")
            self._conn.executemany(
                "INSERT INTO basis_confidence (basis, confidence) VALUES (?, ?)",
                [(basis, confidence_of(basis)) for basis in bases],
            )
            cursor = self._conn.execute(
                f"UPDATE {table} SET {column} = (SELECT confidence FROM basis_confidence"
                f" WHERE basis = {table}.{basis_column}) WHERE {wanted}"
            )
            updated += max(cursor.rowcount, 0)
        return updated

    def summary_sentences(self) -> list[tuple[str, int, int, str, float]]:
        """The summary's (doc id, start, end, text, score) sentences, best first."""
        rows = self._conn.execute(
            "SELECT doc_id, start_char, end_char, text, score FROM summary_sentences"
            " ORDER BY position"
        )
        return [(str(d), int(s), int(e), str(t), float(sc)) for d, s, e, t, sc in rows]
