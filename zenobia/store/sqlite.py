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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from zenobia.errors import StoreError
from zenobia.model import (
    Actor,
    Claim,
    Comment,
    Disagreement,
    Document,
    DocumentAnalysis,
    Event,
    EventCluster,
    Failure,
    Mention,
    Place,
    Quote,
    Sentence,
    Skip,
    Stance,
)
from zenobia.store._owner import Owner, current_owner, is_alive
from zenobia.store._tables import (
    ACTORS,
    CLAIMS,
    CLUSTERS,
    COMMENTS,
    DISAGREEMENTS,
    DOCUMENTS,
    EVENTS,
    FAILURES,
    MENTIONS,
    PLACES,
    QUOTES,
    SENTENCES,
    SKIPS,
    STANCES,
    R,
    TableSpec,
)

_SPEC_OF: dict[type[Any], TableSpec[Any]] = {
    spec.record: spec
    for spec in (
        ACTORS,
        MENTIONS,
        EVENTS,
        CLUSTERS,
        QUOTES,
        CLAIMS,
        STANCES,
        DISAGREEMENTS,
        PLACES,
        SENTENCES,
    )
}
"""The table of each record kind `Store.records` reads."""

SCHEMA_VERSION = 6

APPLICATION_ID = 0x7A656E6F
"""`PRAGMA application_id` of a zenobia store ("zeno" in ASCII), so that a command can tell
its own store from any other SQLite file and refuse to add tables to the latter."""

ZENOBIA_TABLES = frozenset({"meta", "inputs", "documents", "runs"})
"""Tables every zenobia store has had: a store made before `APPLICATION_ID` is known by them."""

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
    4: (
        ("runs", "owner_host", "TEXT"),
        ("runs", "owner_pid", "INTEGER"),
        ("runs", "owner_started", "TEXT"),
        ("runs", "heartbeat_at", "TEXT"),
    ),
}
"""Columns each schema version added to tables that existed before it, for older stores
(version 5 added only views and renewed the full-text index, version 6 only tables and
indexes: `actors`, `actor_mentions`, and the indexes the web app pages by, `cluster_order` and
`mentions_entry`).

`schema.sql` creates new stores whole; a store made by an earlier version gets its new tables
from the same script (CREATE … IF NOT EXISTS) and its new columns from here."""

WRITE_LOCK_WAIT_S = 600.0
"""How long a write waits for another process's write to end before giving up. Two analyses
of one store take turns: a batch commits in well under a second, but corpus resolution holds
the lock for its whole pass (one transaction), which takes minutes on a large store."""

RESOLUTION_PENDING = "resolution_pending"
"""`meta` key set, with the batch that stores a document, until corpus resolution has run over
it: a run killed before or during resolution leaves it set."""

SEARCH_INDEX_DECLARATION = 'content="sentences"'
"""How schema.sql ties the full-text index to its table: Datasette offers full-text search on
a table when an FTS table's declaration holds exactly `content="<table>"`."""

SQLITE_MAX_INTEGER = 2**63 - 1
"""The largest value an SQLite integer parameter (a LIMIT) can take."""

DocumentStatus = str
"""analyzed | duplicate | not-english | failed"""

StoreKind = Literal["zenobia", "empty", "foreign"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _schema_statements() -> list[str]:
    """The statements of `schema.sql`, one by one (run inside one transaction)."""
    script = resources.files("zenobia.store").joinpath("schema.sql").read_text("utf-8")
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending)
            pending = ""
    return statements


def store_kind(conn: sqlite3.Connection) -> StoreKind:
    """Whether an open SQLite database is a zenobia store, empty, or something else.

    Raises:
        sqlite3.DatabaseError: the file is not an SQLite database.
    """
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if application_id == APPLICATION_ID:
        return "zenobia"
    if application_id == 0 and version >= 1 and tables >= ZENOBIA_TABLES:
        return "zenobia"
    has_objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if application_id == 0 and version == 0 and not has_objects:
        return "empty"
    return "foreign"


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


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One analysis run as the store recorded it.

    `status` is what the run itself wrote (running, finished, interrupted, failed), except
    that a run still marked running whose process is gone (killed) reads as interrupted.
    """

    id: int
    started_at: str
    finished_at: str | None
    inputs: tuple[str, ...]
    status: str
    counts: dict[str, object]


class Store:
    """An open zenobia store (one SQLite file).

    Args:
        path: the database file; created with its schema when absent (unless `read_only`).
        read_only: open it for reading only (SQLite's `mode=ro`): nothing is written, so a
            read-only file or folder can be queried; the file must already be a store.

    Raises:
        StoreError: the file cannot be opened, is not a zenobia store (any other SQLite
            database is refused, never changed), or was made by a newer zenobia.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._depth = 0
        try:
            self._conn = self._open_read_only() if read_only else self._open_for_writing()
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"cannot open the store {self.path}",
                why=str(err),
                fix="check the path, or point --db at a new file",
            ) from err

    def _open_read_only(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise StoreError(
                f"no store at {self.path}",
                why="nothing was analysed into it",
                fix="run `zenobia analyze PATH`, or point --db at a store",
            )
        conn = self._connect_read_only()
        kind = store_kind(conn)
        if kind != "zenobia":
            conn.close()
            self._refuse(kind)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            # a store of an earlier zenobia: bring it up to date once, then read it
            conn.close()
            try:
                Store(self.path).close()
            except StoreError as err:
                raise StoreError(
                    f"the store {self.path} was made by an earlier zenobia (schema {version})",
                    why=f"it needs an upgrade to schema {SCHEMA_VERSION}, and cannot be written",
                    fix="run any zenobia command on a writable copy of it once",
                ) from err
            conn = self._connect_read_only()
        self._check_version(conn)
        return conn

    def _connect_read_only(self) -> sqlite3.Connection:
        """A `mode=ro` connection; `immutable=1` when even the WAL index cannot be created
        (a read-only folder), which is safe because nothing can write there either."""
        uri = "file:" + quote(str(self.path.resolve())) + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30.0)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            conn.close()
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
        return conn

    def _open_for_writing(self) -> sqlite3.Connection:
        if self.path.is_file() and self.path.stat().st_size > 0:
            # look before writing anything: journal_mode = WAL alone would change the file
            probe = self._connect_read_only()
            try:
                kind = store_kind(probe)
                if kind == "zenobia":
                    self._check_version(probe)
            finally:
                probe.close()
            if kind == "foreign":
                self._refuse(kind)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=WRITE_LOCK_WAIT_S)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        self._conn = conn
        self._migrate()
        return conn

    def _refuse(self, kind: StoreKind) -> None:
        if kind == "empty":
            raise StoreError(
                f"no store at {self.path}",
                why="the file is empty",
                fix="run `zenobia analyze PATH --db FILE` to fill it",
            )
        raise StoreError(
            f"{self.path} is not a zenobia store",
            why="it is a database of another program, and zenobia leaves it untouched",
            fix="point --db at a zenobia store or at a new file",
        )

    def _check_version(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the store {self.path} has schema version {version}",
                why=f"this zenobia knows versions up to {SCHEMA_VERSION}",
                fix="upgrade zenobia, or analyse into a new --db file",
            )

    def _migrate(self) -> None:
        """Create or upgrade the schema, in one transaction (two runs may open a new store)."""
        if self._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        with self.transaction():
            self._check_version(self._conn)
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                return
            if version:
                self._add_columns(since=version)
            for statement in _schema_statements():
                self._conn.execute(statement)
            self._renew_search_index()
            if version and self._conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
                # an earlier zenobia resolved in several transactions: a kill may have left
                # its resolution half done, and nothing recorded that
                self.set_resolution_pending(True)
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _renew_search_index(self) -> None:
        """Make the full-text index again, whole, when an earlier zenobia declared it in a form
        Datasette does not recognise (`content = 'sentences'` rather than `content="sentences"`)."""
        (declared,) = self._conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'sentences_fts'"
        ).fetchone()
        if SEARCH_INDEX_DECLARATION in declared:
            return
        self._conn.execute("DROP TABLE sentences_fts")
        for statement in _schema_statements():
            if "VIRTUAL TABLE" in statement and "sentences_fts" in statement:
                self._conn.execute(statement)
        self._conn.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')")

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
        """Group writes: all of them are committed, or none (on any exception, Ctrl-C included).

        The outermost transaction takes the store's write lock at once (`BEGIN IMMEDIATE`), so
        what it reads before writing stays true until it commits, whatever other processes do.
        A transaction inside another is a savepoint: its failure undoes its own writes only.

        Raises:
            StoreError: the store is opened read-only, or another process held the write lock
                for longer than `WRITE_LOCK_WAIT_S`.
        """
        if self.read_only:
            raise StoreError(
                f"the store {self.path} is open for reading only",
                why="a read command opened it",
                fix="open it with zenobia.open_corpus(path) to write",
            )
        if self._depth:
            yield from self._savepoint()
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise StoreError(
                f"cannot write to the store {self.path}",
                why=str(err),
                fix="wait for the other zenobia process that writes it, then run again",
            ) from err
        self._depth = 1
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:  # SQLite may have rolled back already (disk full)
                self._conn.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0
        self._conn.execute("COMMIT")

    def _savepoint(self) -> Iterator[None]:
        name = f"level{self._depth}"
        self._conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._conn.execute(f"ROLLBACK TO {name}")
            self._conn.execute(f"RELEASE {name}")
            raise
        finally:
            self._depth -= 1
        self._conn.execute(f"RELEASE {name}")

    def _write(self, spec: TableSpec[R], records: Iterable[R]) -> None:
        """Upsert `records` into the table `spec` describes, in one statement."""
        self._conn.executemany(spec.upsert_sql(), [spec.dump(r) for r in records])

    # --- resume bookkeeping -------------------------------------------------------------------

    def has_input(self, source: str, raw_hash: str) -> bool:
        """Whether this exact record (same source, same bytes) already reached a verdict."""
        return self.input_outcome(source, raw_hash) is not None

    def input_outcome(self, source: str, raw_hash: str) -> str | None:
        """The verdict this exact record (same source, same bytes) reached, or None."""
        row = self._conn.execute(
            "SELECT outcome FROM inputs WHERE source = ? AND raw_hash = ?", (source, raw_hash)
        ).fetchone()
        return None if row is None else str(row[0])

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

    def record_failure(self, failure: Failure) -> None:
        """Keep why a record failed, with its traceback (call inside `transaction()`)."""
        self._conn.execute(FAILURES.upsert_sql(), FAILURES.dump(failure, _now()))

    def forget_failure(self, source: str) -> None:
        """A source that now goes through is no longer listed as failed."""
        self._conn.execute("DELETE FROM failures WHERE source = ?", (source,))

    def failures(self) -> list[Failure]:
        """Every record that failed, by source."""
        rows = self._conn.execute(f"{FAILURES.select_sql()} ORDER BY source")
        return [FAILURES.load(row) for row in rows]

    def is_resolution_pending(self) -> bool:
        """Whether documents were stored that corpus resolution has not yet run over."""
        return self.meta_value(RESOLUTION_PENDING) == "1"

    def set_resolution_pending(self, pending: bool) -> None:
        """Mark (or clear, once resolution has run) pending resolution; inside `transaction()`."""
        self.set_meta_value(RESOLUTION_PENDING, "1" if pending else "0")

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
        for _, doc_id, blob in self.signatures_since(0):
            yield doc_id, blob

    def signatures_since(self, rowid: int) -> Iterator[tuple[int, str, bytes]]:
        """(row id, id, MinHash signature) of original documents stored after row `rowid`, in
        the order they were stored: what other runs added since a run last looked."""
        rows = self._conn.execute(
            "SELECT rowid, id, minhash FROM documents WHERE rowid > ? AND minhash IS NOT NULL"
            " AND duplicate_of IS NULL ORDER BY rowid",
            (rowid,),
        )
        for row_id, doc_id, blob in rows:
            yield int(row_id), str(doc_id), bytes(blob)

    def original_of(self, doc_id: str) -> str:
        """The document `doc_id` duplicates, followed to the end; `doc_id` itself if none."""
        seen = {doc_id}
        while True:
            row = self._conn.execute(
                "SELECT duplicate_of FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            if row is None or row[0] is None or row[0] in seen:
                return doc_id
            doc_id = str(row[0])
            seen.add(doc_id)

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

    def quote_speaker_ids(self) -> set[str]:
        """Ids of the mentions that speak in a quote."""
        rows = self._conn.execute(
            "SELECT DISTINCT speaker_mention_id FROM quotes WHERE speaker_mention_id IS NOT NULL"
        )
        return {str(row[0]) for row in rows}

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
        """Record a run starting in this process; runs whose process is gone become interrupted."""
        owner = current_owner()
        with self.transaction():
            self._close_abandoned_runs()
            cur = self._conn.execute(
                "INSERT INTO runs (started_at, inputs, status, owner_host, owner_pid,"
                " owner_started, heartbeat_at) VALUES (?, ?, 'running', ?, ?, ?, ?)",
                (_now(), json.dumps(inputs), owner.host, owner.pid, owner.started, _now()),
            )
        return int(cur.lastrowid or 0)

    def heartbeat(self, run_id: int) -> None:
        """Note that run `run_id` is still going (call inside the batch's `transaction()`)."""
        self._conn.execute("UPDATE runs SET heartbeat_at = ? WHERE id = ?", (_now(), run_id))

    def finish_run(self, run_id: int, counts: dict[str, object], status: str) -> None:
        self._conn.execute(
            "UPDATE runs SET finished_at = ?, counts = ?, status = ? WHERE id = ?",
            (_now(), json.dumps(counts, sort_keys=True), status, run_id),
        )

    def runs(self, limit: int = 10) -> list[RunRecord]:
        """The last `limit` runs, newest first; a run whose process died reads as interrupted."""
        rows = self._conn.execute(
            "SELECT id, started_at, finished_at, inputs, status, counts, owner_host, owner_pid,"
            " owner_started, heartbeat_at FROM runs ORDER BY id DESC LIMIT ?",
            (min(limit, SQLITE_MAX_INTEGER),),
        ).fetchall()
        return [
            RunRecord(
                id=int(row[0]),
                started_at=str(row[1]),
                finished_at=row[2],
                inputs=tuple(json.loads(row[3])),
                status="interrupted" if self._is_abandoned(row[4], *row[6:]) else str(row[4]),
                counts=json.loads(row[5]),
            )
            for row in rows
        ]

    def _close_abandoned_runs(self) -> None:
        rows = self._conn.execute(
            "SELECT id, status, owner_host, owner_pid, owner_started, heartbeat_at FROM runs"
            " WHERE status = 'running'"
        ).fetchall()
        for run_id, *state in rows:
            if self._is_abandoned(*state):
                self._conn.execute("UPDATE runs SET status = 'interrupted' WHERE id = ?", (run_id,))

    @staticmethod
    def _is_abandoned(
        status: str, host: str | None, pid: int | None, started: str | None, beat: str | None
    ) -> bool:
        """A run still marked running whose owner is gone (runs of older stores have none)."""
        if status != "running":
            return False
        owner = Owner(host=host or "", pid=int(pid or 0), started=started or "")
        return not is_alive(owner, beat)

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
                (query, min(limit, SQLITE_MAX_INTEGER)),
            ).fetchall()
        except sqlite3.OperationalError as err:
            raise StoreError(
                f"cannot search for {query!r}",
                why=str(err),
                fix='quote phrases ("..."), and use AND, OR, NOT between words',
            ) from err
        return [SearchHit(*row) for row in rows]

    def select(self, sql: str, parameters: Sequence[object] = ()) -> list[sqlite3.Row]:
        """The rows of one read query (the query API's filters, over the views of schema.sql);
        each row reads by column name.

        Raises:
            StoreError: SQLite refused the query (a malformed full-text query, for one).
        """
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        try:
            return cursor.execute(sql, tuple(parameters)).fetchall()
        except sqlite3.OperationalError as err:
            raise StoreError(
                f"cannot read the store {self.path}",
                why=str(err),
                fix="check the filters given; run with --debug for the query",
            ) from err
        finally:
            cursor.close()

    def records(
        self,
        kind: type[R],
        where: str = "1",
        params: Sequence[object] = (),
        *,
        order_by: str = "rowid",
        limit: int = -1,
        offset: int = 0,
        alias: str = "",
    ) -> list[R]:
        """Stored records of one kind (`Actor`, `Mention`, `Event`, `EventCluster`, `Quote`,
        `Claim`, `Stance`, `Disagreement`, `Place`, `Sentence`) that meet a SQL condition, one
        page.

        Readers that page and filter (the web app) ask for what they show rather than load
        every record; `where` and `order_by` are SQL over the kind's table (named `alias`
        when given), `params` its values.
        """
        spec = _SPEC_OF[kind]
        table = f"{spec.table} {alias}" if alias else spec.table
        columns = ", ".join(f"{alias}.{c}" if alias else c for c in spec.stored_columns)
        rows = self._conn.execute(
            f"SELECT {columns} FROM {table} WHERE {where} ORDER BY {order_by} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [spec.load(row) for row in rows]

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read statement: counts and groupings a reader computes in SQL."""
        return self._conn.execute(sql, tuple(params)).fetchall()

    def counts(self) -> dict[str, int]:
        """Row counts a summary shows: documents by status, skipped, sentences, mentions."""
        one = self._conn.execute
        counts = {
            "documents": one("SELECT count(*) FROM documents").fetchone()[0],
            "sentences": one("SELECT count(*) FROM sentences").fetchone()[0],
            "mentions": one("SELECT count(*) FROM mentions").fetchone()[0],
            "comments": one("SELECT count(*) FROM comments").fetchone()[0],
            "skipped": one("SELECT count(*) FROM skips").fetchone()[0],
            "failed": one("SELECT count(*) FROM failures").fetchone()[0],
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

    def replace_actors(self, actors: Iterable[Actor], links: Iterable[tuple[str, str]]) -> None:
        """Replace every actor and every (mention id, actor id) link (inside `transaction()`).

        Scoring (`score_facts`) then gives each actor its best mention's confidence.
        """
        self._conn.execute("DELETE FROM actors")
        self._conn.execute("DELETE FROM actor_mentions")
        self._write(ACTORS, actors)
        self._conn.executemany(
            "INSERT INTO actor_mentions (mention_id, actor_id) VALUES (?, ?)"
            " ON CONFLICT (mention_id) DO UPDATE SET actor_id = excluded.actor_id",
            list(links),
        )

    def actors(self) -> list[Actor]:
        """Every actor corpus resolution found, most mentioned first (then by id)."""
        rows = self._conn.execute(f"{ACTORS.select_sql()} ORDER BY mentions DESC, id")
        return [ACTORS.load(row) for row in rows]

    def actor_links(self) -> dict[str, str]:
        """The actor each linked mention names: mention id → actor id."""
        rows = self._conn.execute("SELECT mention_id, actor_id FROM actor_mentions")
        return {str(mention_id): str(actor_id) for mention_id, actor_id in rows}

    def actor_names(self, mention_ids: Iterable[str]) -> dict[str, str]:
        """The name of the actor each of `mention_ids` names, for those linked to one."""
        found: dict[str, str] = {}
        wanted = list(dict.fromkeys(mention_ids))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                "SELECT l.mention_id, a.name FROM actor_mentions AS l"
                f" JOIN actors AS a ON a.id = l.actor_id WHERE l.mention_id IN ({marks})",
                chunk,
            )
            found.update((str(mention_id), str(name)) for mention_id, name in rows)
        return found

    def refresh_actor_confidences(self) -> int:
        """Give each actor the confidence and basis of its best-supported mention (the first
        in store order among equals); call inside `transaction()`. Returns the rows updated."""
        cursor = self._conn.execute(
            "UPDATE actors SET (confidence, confidence_basis) = ("
            " SELECT m.confidence, m.confidence_basis FROM actor_mentions AS a"
            " JOIN mentions AS m ON m.id = a.mention_id"
            " WHERE a.actor_id = actors.id AND m.confidence IS NOT NULL"
            " ORDER BY m.confidence DESC, m.doc_id, m.start_char LIMIT 1)"
        )
        return max(cursor.rowcount, 0)

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
            How many fact rows were updated; every actor then takes its best mention's
            confidence (`refresh_actor_confidences`).
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
        self.refresh_actor_confidences()  # an actor is as sure as its best mention
        return updated

    def summary_sentences(self) -> list[tuple[str, int, int, str, float]]:
        """The summary's (doc id, start, end, text, score) sentences, best first."""
        rows = self._conn.execute(
            "SELECT doc_id, start_char, end_char, text, score FROM summary_sentences"
            " ORDER BY position"
        )
        return [(str(d), int(s), int(e), str(t), float(sc)) for d, s, e, t, sc in rows]
