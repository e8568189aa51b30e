"""The SQLite store: zenobia's system of record.

WAL mode lets readers (exports, the web app) work while an analysis writes. Every write is an
upsert keyed by a content hash, and each batch is one transaction, so a crash or Ctrl-C loses
at most the batch in flight and a re-run resumes without duplicates.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
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
    DisagreementSide,
    Document,
    DocumentAnalysis,
    Event,
    EventCluster,
    EventDate,
    Mention,
    Place,
    PublishedDate,
    Quote,
    Sentence,
    Skip,
    Stance,
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
        self.write_quotes(analysis.quotes)
        self.write_events(analysis.events)
        self.write_stances(analysis.stances)
        self.write_claims(analysis.claims)

    def write_claims(self, claims: Iterable[Claim]) -> None:
        """Upsert numeric claims (call inside `transaction()`)."""
        self._conn.executemany(
            "INSERT INTO claims (id, doc_id, sentence_idx, start_char, end_char, sentence,"
            " value_start, value_end, text, value, value_high, unit, of, qualifier,"
            " speaker_mention_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (id) DO NOTHING",
            [
                (
                    c.id,
                    c.doc_id,
                    c.sentence_index,
                    c.start_char,
                    c.end_char,
                    c.sentence,
                    c.value_start,
                    c.value_end,
                    c.text,
                    c.value,
                    c.value_high,
                    c.unit,
                    c.of,
                    c.qualifier,
                    c.speaker_mention_id,
                )
                for c in claims
            ],
        )

    def claims(self) -> Iterator[Claim]:
        """Every numeric claim, by document and position."""
        rows = self._conn.execute(
            "SELECT id, doc_id, sentence_idx, start_char, end_char, sentence, value_start,"
            " value_end, text, value, value_high, unit, of, qualifier, speaker_mention_id"
            " FROM claims ORDER BY doc_id, value_start"
        )
        for row in rows:
            yield Claim(*row)

    def write_quotes(self, quotes: Iterable[Quote]) -> None:
        """Upsert quotes (call inside `transaction()`)."""
        self._conn.executemany(
            "INSERT INTO quotes (id, doc_id, sentence_idx, start_char, end_char, text, is_direct,"
            " speaker_mention_id, speaker_name, affiliation, cue, cue_start, cue_end, cue_stance)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING",
            [
                (
                    q.id,
                    q.doc_id,
                    q.sentence_index,
                    q.start_char,
                    q.end_char,
                    q.text,
                    int(q.is_direct),
                    q.speaker_mention_id,
                    q.speaker_name,
                    q.affiliation,
                    q.cue,
                    q.cue_start,
                    q.cue_end,
                    q.cue_stance,
                )
                for q in quotes
            ],
        )

    def quotes(self) -> Iterator[Quote]:
        """Every quote, by document and position."""
        rows = self._conn.execute(
            "SELECT id, doc_id, sentence_idx, start_char, end_char, text, is_direct,"
            " speaker_mention_id, speaker_name, affiliation, cue, cue_start, cue_end, cue_stance"
            " FROM quotes ORDER BY doc_id, start_char"
        )
        for row in rows:
            yield Quote(
                id=row[0],
                doc_id=row[1],
                sentence_index=row[2],
                start_char=row[3],
                end_char=row[4],
                text=row[5],
                is_direct=bool(row[6]),
                speaker_mention_id=row[7],
                speaker_name=row[8],
                affiliation=row[9],
                cue=row[10],
                cue_start=row[11],
                cue_end=row[12],
                cue_stance=row[13],
            )

    def write_events(self, events: Iterable[Event]) -> None:
        """Upsert events (call inside `transaction()`); tuples are stored as JSON lists."""
        self._conn.executemany(
            "INSERT INTO events (id, doc_id, sentence_idx, start_char, end_char, trigger_start,"
            " trigger_end, type, mode, context, source_mention_ids, target_mention_ids,"
            " source_text, target_text, place_mention_id, date_start, date_end, date_basis,"
            " status, dead, injured) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (id) DO NOTHING",
            [
                (
                    e.id,
                    e.doc_id,
                    e.sentence_index,
                    e.start_char,
                    e.end_char,
                    e.trigger_start,
                    e.trigger_end,
                    e.type,
                    e.mode,
                    json.dumps(list(e.context)),
                    json.dumps(list(e.source_mention_ids)),
                    json.dumps(list(e.target_mention_ids)),
                    e.source_text,
                    e.target_text,
                    e.place_mention_id,
                    e.date.start if e.date else None,
                    e.date.end if e.date else None,
                    e.date.basis if e.date else None,
                    e.status,
                    e.dead,
                    e.injured,
                )
                for e in events
            ],
        )

    def events(self) -> Iterator[Event]:
        """Every event, by document and position."""
        rows = self._conn.execute(
            "SELECT id, doc_id, sentence_idx, start_char, end_char, trigger_start, trigger_end,"
            " type, mode, context, source_mention_ids, target_mention_ids, source_text,"
            " target_text, place_mention_id, date_start, date_end, date_basis, status, dead,"
            " injured FROM events ORDER BY doc_id, trigger_start, type"
        )
        for row in rows:
            date = EventDate(row[15], row[16], row[17] or "") if row[15] else None
            yield Event(
                id=row[0],
                doc_id=row[1],
                sentence_index=row[2],
                start_char=row[3],
                end_char=row[4],
                trigger_start=row[5],
                trigger_end=row[6],
                type=row[7],
                mode=row[8],
                context=tuple(json.loads(row[9])),
                source_mention_ids=tuple(json.loads(row[10])),
                target_mention_ids=tuple(json.loads(row[11])),
                source_text=row[12],
                target_text=row[13],
                place_mention_id=row[14],
                date=date,
                status=row[18],
                dead=row[19],
                injured=row[20],
            )

    def write_stances(self, stances: Iterable[Stance]) -> None:
        """Upsert stances (call inside `transaction()`); evidence is stored as a JSON list."""
        self._conn.executemany(
            "INSERT INTO stances (id, doc_id, actor_mention_id, actor_key, holder_mention_id,"
            " holder_key, polarity, score, evidence) VALUES (?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (id) DO UPDATE SET polarity = excluded.polarity,"
            " score = excluded.score, evidence = excluded.evidence",
            [
                (
                    s.id,
                    s.doc_id,
                    s.actor_mention_id,
                    s.actor_key,
                    s.holder_mention_id,
                    s.holder_key,
                    s.polarity,
                    s.score,
                    json.dumps([list(span) for span in s.evidence]),
                )
                for s in stances
            ],
        )

    def stances(self) -> Iterator[Stance]:
        """Every stance, by document, actor and holder."""
        rows = self._conn.execute(
            "SELECT id, doc_id, actor_mention_id, actor_key, holder_mention_id, polarity, score,"
            " evidence, holder_key FROM stances ORDER BY doc_id, actor_key, holder_key"
        )
        for row in rows:
            yield Stance(
                id=row[0],
                doc_id=row[1],
                actor_mention_id=row[2],
                actor_key=row[3],
                holder_mention_id=row[4],
                polarity=row[5],
                score=row[6],
                evidence=tuple((int(a), int(b)) for a, b in json.loads(row[7])),
                holder_key=row[8],
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

    # --- corpus resolution: event clusters and disagreements (zenobia.resolve) ----------------

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
        rows = []
        members: list[tuple[str, str]] = []
        for c in clusters:
            rows.append(
                (
                    c.id,
                    c.type,
                    c.mode,
                    json.dumps(list(c.context)),
                    json.dumps(list(c.actors)),
                    json.dumps(list(c.recipients)),
                    c.place_id,
                    c.date.start if c.date else None,
                    c.date.end if c.date else None,
                    c.date.basis if c.date else None,
                    c.status,
                    c.dead,
                    c.injured,
                    len(c.event_ids),
                    json.dumps(list(c.event_ids)),
                )
            )
            members.extend((event_id, c.id) for event_id in c.event_ids)
        self._conn.executemany(
            "INSERT INTO cluster (id, type, mode, context, actors, recipients, place_id,"
            " date_start, date_end, date_basis, status, dead, injured, size, members)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
            " type = excluded.type, mode = excluded.mode, context = excluded.context,"
            " actors = excluded.actors, recipients = excluded.recipients,"
            " place_id = excluded.place_id, date_start = excluded.date_start,"
            " date_end = excluded.date_end, date_basis = excluded.date_basis,"
            " status = excluded.status, dead = excluded.dead, injured = excluded.injured,"
            " size = excluded.size, members = excluded.members",
            rows,
        )
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
        rows = self._conn.execute(
            "SELECT id, members, type, mode, context, actors, recipients, place_id, date_start,"
            " date_end, date_basis, status, dead, injured FROM cluster ORDER BY size DESC, id"
        )
        for row in rows:
            date = EventDate(row[8], row[9], row[10] or "") if row[8] else None
            yield EventCluster(
                id=row[0],
                event_ids=tuple(json.loads(row[1])),
                type=row[2],
                mode=row[3],
                context=tuple(json.loads(row[4])),
                actors=tuple(json.loads(row[5])),
                recipients=tuple(json.loads(row[6])),
                place_id=row[7],
                date=date,
                status=row[11],
                dead=row[12],
                injured=row[13],
            )

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
        self._conn.executemany(
            "INSERT INTO disagreements (id, about, kind, sides) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET about = excluded.about, kind = excluded.kind,"
            " sides = excluded.sides",
            [
                (
                    d.id,
                    d.about,
                    d.kind,
                    json.dumps(
                        [
                            {"document": s.document, "claim": s.claim, "text": s.text}
                            for s in d.sides
                        ]
                    ),
                )
                for d in disagreements
            ],
        )

    def disagreements(self, kind: str | None = None) -> Iterator[Disagreement]:
        """Every disagreement (of one `kind` when given), by kind and subject."""
        query = "SELECT id, about, kind, sides FROM disagreements"
        params: tuple[str, ...] = ()
        if kind is not None:
            query += " WHERE kind = ?"
            params = (kind,)
        for row in self._conn.execute(query + " ORDER BY kind, about, id", params):
            sides = tuple(
                DisagreementSide(document=s["document"], claim=s.get("claim"), text=s["text"])
                for s in json.loads(row[3])
            )
            yield Disagreement(id=row[0], about=row[1], kind=row[2], sides=sides)

    # --- corpus resolution: claim support, actor merges, summary (zenobia.resolve) ------------

    def all_sentences(self) -> Iterator[Sentence]:
        """Every sentence of every analysed, non-duplicate document, by document and position."""
        rows = self._conn.execute(
            "SELECT s.doc_id, s.idx, s.start_char, s.end_char, s.text FROM sentences s"
            " JOIN documents d ON d.id = s.doc_id WHERE d.duplicate_of IS NULL"
            " ORDER BY s.doc_id, s.idx"
        )
        for row in rows:
            yield Sentence(*row)

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

    def replace_actor_merges(self, rows: Iterable[tuple[str, str, str, float]]) -> None:
        """Replace every (from key, into key, basis, score) merge (inside `transaction()`)."""
        self._conn.execute("DELETE FROM actor_merges")
        self._conn.executemany(
            "INSERT INTO actor_merges (from_key, into_key, basis, score) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (from_key) DO UPDATE SET into_key = excluded.into_key,"
            " basis = excluded.basis, score = excluded.score",
            list(rows),
        )

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

    def summary_sentences(self) -> list[tuple[str, int, int, str, float]]:
        """The summary's (doc id, start, end, text, score) sentences, best first."""
        rows = self._conn.execute(
            "SELECT doc_id, start_char, end_char, text, score FROM summary_sentences"
            " ORDER BY position"
        )
        return [(str(d), int(s), int(e), str(t), float(sc)) for d, s, e, t, sc in rows]
