"""The store: schema, WAL, upserts, resume bookkeeping, search."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from zenobia.errors import StoreError
from zenobia.model import (
    Actor,
    Claim,
    Comment,
    Disagreement,
    DisagreementSide,
    Document,
    DocumentAnalysis,
    Event,
    EventCluster,
    EventDate,
    Failure,
    Mention,
    Place,
    PublishedDate,
    Quote,
    Sentence,
    Skip,
    Stance,
)
from zenobia.store import SCHEMA_VERSION, Store
from zenobia.store._tables import ALL, JSON_TUPLE, SPECS, TableSpec
from zenobia.store.sqlite import APPLICATION_ID

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


def test_titles_are_read_by_document_without_the_untitled(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        _write(store, _document("d1"))
        _write(store, replace(_document("d2"), title=None))
        titles = store.document_titles(["d1", "d2", "missing"])
    assert titles == {"d1": "Port shelled"}


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
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a zenobia store, but newer
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="schema version"):
        Store(tmp_path / "z.db")


OLD_STORE_TABLES = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE inputs (source TEXT PRIMARY KEY, raw_hash TEXT NOT NULL, doc_id TEXT,
            outcome TEXT NOT NULL, seen_at TEXT NOT NULL);
        CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL,
            finished_at TEXT, inputs TEXT NOT NULL, counts TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL);
        INSERT INTO runs VALUES (1, '2020-01-01T00:00:00+00:00', NULL, '[]', '{}', 'running');
        CREATE TABLE documents (id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT,
            author TEXT, outlet TEXT, url TEXT, language TEXT, published_date TEXT,
            published_inferred INTEGER NOT NULL DEFAULT 0,
            published_basis TEXT NOT NULL DEFAULT '', published_precision TEXT,
            published_not_before TEXT, text TEXT NOT NULL, fingerprint TEXT NOT NULL,
            minhash BLOB, duplicate_of TEXT, status TEXT NOT NULL,
            token_count INTEGER NOT NULL DEFAULT 0, added_at TEXT NOT NULL);
"""
"""The tables every store has had since schema version 1 (by which a store made before the
application id is known), as version 1 made them, with one run left running."""


def test_a_store_from_schema_version_1_gains_the_new_columns_and_keeps_its_rows(
    tmp_path: Path,
) -> None:
    conn = sqlite3.connect(tmp_path / "z.db")
    conn.executescript(
        OLD_STORE_TABLES
        + """
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
    # its run, still marked running, has no owner to ask: it reads as interrupted
    with Store(tmp_path / "z.db") as store:
        assert [r.status for r in store.runs()] == ["interrupted"]


def test_a_store_from_schema_version_2_opens_and_its_old_facts_have_no_confidence(
    tmp_path: Path,
) -> None:
    conn = sqlite3.connect(tmp_path / "z.db")
    conn.executescript(
        OLD_STORE_TABLES
        + """
        CREATE TABLE actor_merges (from_key TEXT PRIMARY KEY, into_key TEXT NOT NULL,
            basis TEXT NOT NULL, score REAL NOT NULL);
        INSERT INTO actor_merges VALUES ('name:j smith', 'name:john smith', 'initial', 0.8);
        CREATE TABLE quotes (id TEXT PRIMARY KEY, doc_id TEXT NOT NULL,
            sentence_idx INTEGER NOT NULL, start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL, text TEXT NOT NULL, is_direct INTEGER NOT NULL,
            speaker_mention_id TEXT, speaker_name TEXT, affiliation TEXT, cue TEXT,
            cue_start INTEGER, cue_end INTEGER, cue_stance TEXT);
        INSERT INTO quotes VALUES ('q0', 'd0', 0, 1, 9, 'we held', 1, NULL, NULL, NULL, NULL,
            NULL, NULL, NULL);
        PRAGMA user_version = 2;
        """
    )
    conn.close()
    with Store(tmp_path / "z.db") as store:
        (old,) = store.quotes()
        merges = store.actor_merge_rows()
        with store.transaction():
            store.write_quotes([QUOTE])
        quotes = {q.id: q for q in store.quotes()}
    # the old rows are there, with no basis and no confidence; new rows carry both
    assert (old.text, old.confidence_basis, old.confidence) == ("we held", None, None)
    assert [(m.basis, m.confidence) for m in merges] == [("initial", None)]
    assert quotes["q1"].confidence == 0.9


@pytest.mark.parametrize(
    "version",
    [
        # before the analysts' views
        4,
        # with the views, naming actors by their mentions alone
        5,
    ],
)
def test_a_store_from_before_schema_version_6_gains_empty_actors_indexes_and_awaits_resolution(
    tmp_path: Path, version: int
) -> None:
    with Store(tmp_path / "z.db") as store:
        _write(store, _document())
        with store.transaction():
            store.set_resolution_pending(False)
    conn = sqlite3.connect(tmp_path / "z.db")
    views = "" if version >= 5 else "DROP VIEW events_view; DROP VIEW quotes_view;"
    conn.executescript(
        f"DROP TABLE actors; DROP TABLE actor_mentions; {views}"
        " DROP INDEX cluster_order; DROP INDEX mentions_entry;"
        f" PRAGMA user_version = {version};"
    )
    conn.close()
    with Store(tmp_path / "z.db") as store:
        # it gains the indexes the web app pages by
        indexes = {row["name"] for row in store.select("SELECT name FROM sqlite_master")}
        assert {"cluster_order", "mentions_entry", "actor_mentions_actor"} <= indexes
        # the actors are the resolver's to write: until it runs, none, and the store says so
        assert (store.actors(), store.actor_links()) == ([], {})
        assert store.is_resolution_pending()
        # its views are made again over them (a view over a missing table fails when read)
        for view in ("events_view", "quotes_view", "claims_view"):
            assert store.select(f"SELECT count(*) AS n FROM {view}")[0]["n"] == 0


def test_an_actor_is_as_sure_as_its_best_scored_mention(tmp_path: Path) -> None:
    actor = Actor(
        id="a1", key="name:governor", name="governor", kind=None, country=None, wikidata=None,
        aliases=(), merged_from=(), mentions=1, documents=("d1",),
    )  # fmt: skip
    with Store(tmp_path / "z.db") as store:
        _write(store, _document())
        with store.transaction():
            store.replace_actors([actor], [("m1", "a1")])
            store.score_facts(lambda basis: 0.7, everything=True)
        assert store.actors() == [actor]  # the mention has no basis: nothing to be sure of
        with store.transaction():
            store._conn.execute("UPDATE mentions SET confidence_basis = 'mention:link=name'")
            store.score_facts(lambda basis: 0.7, everything=True)
        (scored,) = store.actors()
        assert store.actor_links() == {"m1": "a1"}
    assert (scored.confidence, scored.confidence_basis) == (0.7, "mention:link=name")


def test_stored_facts_are_scored_from_their_basis(tmp_path: Path) -> None:
    bases = {"cluster:docs=2:incident:dated": 0.6, "disagreement:numeric": 0.4}

    def confidence_of(basis: str) -> float:
        return next(v for prefix, v in bases.items() if basis.startswith(prefix))

    with Store(tmp_path / "z.db") as store, store.transaction():
        store.replace_event_clusters([], [replace(CLUSTER, confidence=None)], {})
        store.replace_disagreements("numeric", [DISAGREEMENT])
        # a fact without confidence gets one; one that has one keeps it
        assert store.score_facts(confidence_of) == 1
        assert [c.confidence for c in store.event_clusters()] == [0.6]
        assert [d.confidence for d in store.disagreements()] == [0.55]
        # asked to rescore everything (the table changed): every fact with a basis
        assert store.score_facts(confidence_of, everything=True) == 2
        assert [d.confidence for d in store.disagreements()] == [0.4]


# --- every record type reads back as written (the table specs of zenobia.store._tables) -------

EVENT = Event(
    id="e1",
    doc_id="d1",
    sentence_index=0,
    start_char=0,
    end_char=30,
    trigger_start=7,
    trigger_end=14,
    type="ASSAULT",
    mode="shell",
    context=("artillery",),
    source_mention_ids=("m0",),
    target_mention_ids=(),
    source_text="Rebels",
    target_text="the river port",
    place_mention_id=None,
    date=EventDate("2019-06-01", "2019-06-02", "explicit date"),
    status="asserted",
    dead=3,
    injured=None,
    confidence_basis="event:verb:source+target:asserted:ASSAULT",
    confidence=0.81,
)
QUOTE = Quote(
    id="q1",
    doc_id="d1",
    sentence_index=1,
    start_char=40,
    end_char=55,
    text="the bridge held",
    is_direct=False,
    speaker_mention_id="m1",
    speaker_name="The governor",
    affiliation=None,
    cue="say",
    cue_start=44,
    cue_end=48,
    cue_stance="neutral",
    confidence_basis="quote:indirect:speaker=name:cue=verb",
    confidence=0.9,
)
CLAIM = Claim(
    id="c1",
    doc_id="d1",
    sentence_index=0,
    start_char=0,
    end_char=30,
    sentence="Rebels shelled the river port.",
    value_start=1,
    value_end=4,
    text="300",
    value=300.0,
    value_high=None,
    unit=None,
    of="shells",
    qualifier="approx",
    speaker_mention_id=None,
)
STANCE = Stance(
    id="s1",
    doc_id="d1",
    actor_mention_id="m1",
    actor_key="name:governor",
    holder_mention_id=None,
    polarity="negative",
    score=-0.5,
    evidence=((0, 6), (7, 14)),
    holder_key=None,
)
PLACE = Place(
    id="gn:1",
    name="Varna",
    lat=43.2,
    lon=27.9,
    country="BGR",
    admin1="BG.61",
    geonames=1,
    feature="city",
    country_alpha2="BG",
)
CLUSTER = EventCluster(
    id="k1",
    event_ids=("e1", "e2"),
    type="ASSAULT",
    mode=None,
    context=(),
    actors=("a1",),
    recipients=(),
    place_id="gn:1",
    date=None,
    status="reported",
    dead=None,
    injured=4,
    confidence_basis="cluster:docs=2:incident:dated",
    confidence=0.77,
)
DISAGREEMENT = Disagreement(
    id="x1",
    about="shells",
    kind="numeric",
    sides=(DisagreementSide("d1", "c1", "300 shells"), DisagreementSide("d2", None, "a few")),
    confidence_basis="disagreement:numeric:unattached:dates=certain",
    confidence=0.55,
)


def _full_analysis() -> DocumentAnalysis:
    base = _analysis(_document())
    return replace(
        base,
        places=(PLACE,),
        events=(EVENT, replace(EVENT, id="e2", date=None, dead=None)),
        quotes=(QUOTE, replace(QUOTE, id="q2", is_direct=True, cue=None, cue_start=None)),
        claims=(CLAIM,),
        stances=(STANCE, replace(STANCE, id="s2", evidence=(), holder_key="name:mayor")),
    )


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        # sentences: `index` is stored in column idx
        (lambda s: s.sentences("d1"), _full_analysis().sentences),
        # mentions: `sentence_index` in sentence_idx, optional fields NULL
        (lambda s: list(s.mentions()), _full_analysis().mentions),
        # places: aliases are not stored, they read back empty
        (lambda s: list(s.places().values()), (PLACE,)),
        # events: tuples as JSON lists, the date over three columns (all NULL: no date)
        (lambda s: list(s.events()), _full_analysis().events),
        # quotes: is_direct as 0/1, optional cue fields
        (lambda s: list(s.quotes()), _full_analysis().quotes),
        # claims: every field as is
        (lambda s: list(s.claims()), (CLAIM,)),
        # stances: evidence spans as JSON pairs, empty evidence too
        (lambda s: list(s.stances()), _full_analysis().stances),
    ],
)
def test_each_record_of_an_analysis_reads_back_as_written(
    tmp_path: Path, read: Callable[[Store], Iterable[object]], expected: tuple[object, ...]
) -> None:
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            store.write_document(_document(), status="analyzed", fingerprint="fp", minhash=None)
            store.write_analysis(_full_analysis())
            store.write_analysis(_full_analysis())
        assert tuple(read(store)) == tuple(expected)


def test_a_place_written_again_is_updated_in_place(tmp_path: Path) -> None:
    moved = replace(PLACE, name="Varna City", lat=43.0)
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            store.write_document(_document(), status="analyzed", fingerprint="fp", minhash=None)
            store.write_analysis(replace(_full_analysis(), places=(PLACE,)))
            store.write_analysis(replace(_full_analysis(), places=(moved,)))
        assert store.places() == {"gn:1": moved}


def test_a_document_written_again_keeps_its_text_and_updates_its_status(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        _write(store, _document())
        with store.transaction():
            store.write_document(
                replace(_document(), duplicate_of="d0", title="Other"),
                status="duplicate",
                fingerprint="fp-d1",
                minhash=None,
                token_count=9,
            )
        (stored,) = store.documents()
    assert (stored.status, stored.token_count) == ("duplicate", 9)
    assert stored.document == replace(_document(), duplicate_of="d0")


def test_event_clusters_and_disagreements_read_back_as_written(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            store.replace_event_clusters([], [CLUSTER], {"e1": ("ASSAULT|gn:1|w1",)})
            store.replace_disagreements("numeric", [DISAGREEMENT])
        assert list(store.event_clusters()) == [CLUSTER]
        assert store.event_cluster_ids() == {"e1": "k1", "e2": "k1"}
        assert store.events_in_blocks(["ASSAULT|gn:1|w1"]) == {"e1"}
        assert list(store.disagreements("numeric")) == [DISAGREEMENT]
        assert list(store.disagreements("framing")) == []


def test_a_cluster_replaced_under_the_same_id_is_updated(tmp_path: Path) -> None:
    grown = replace(CLUSTER, event_ids=("e1", "e2", "e3"), dead=7)
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            store.replace_event_clusters([], [CLUSTER], {})
            store.replace_event_clusters([], [grown], {})
        assert list(store.event_clusters()) == [grown]
        size = store._conn.execute("SELECT size FROM cluster").fetchone()[0]
    # the size column is derived from the members
    assert size == 3


@pytest.mark.parametrize(
    "spec",
    # every declared table: its columns are exactly the table's (no schema change)
    [pytest.param(spec, id=spec.table) for spec in SPECS],
)
def test_a_table_spec_writes_every_column_of_its_table(
    tmp_path: Path, spec: TableSpec[Any]
) -> None:
    with Store(tmp_path / "z.db") as store:
        present = [row[1] for row in store._conn.execute(f"PRAGMA table_info({spec.table})")]
    assert sorted(spec.written_columns) == sorted(c for c in present if c != "rowid")


def test_a_field_added_to_a_record_is_stored_without_declaring_it() -> None:
    # a stand-in record with one more field than a table spec has seen
    @dataclass(frozen=True, slots=True)
    class Note:
        id: str
        text: str
        is_pinned: bool = False
        tags: tuple[str, ...] = ()

    spec = TableSpec("notes", Note, update=ALL, codecs={"tags": JSON_TUPLE})
    assert spec.upsert_sql() == (
        "INSERT INTO notes (id, text, is_pinned, tags) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET text = excluded.text, is_pinned = excluded.is_pinned,"
        " tags = excluded.tags"
    )
    note = Note("n1", "hello", is_pinned=True, tags=("a",))
    assert spec.dump(note) == ("n1", "hello", True, '["a"]')
    assert spec.load(spec.dump(note)) == note


def test_a_flag_reads_back_as_a_bool_not_an_integer(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            store.write_document(_document(), status="analyzed", fingerprint="fp", minhash=None)
            store.write_analysis(_full_analysis())
        flags = [q.is_direct for q in store.quotes()]
    assert flags == [False, True]
    assert all(type(flag) is bool for flag in flags)


# --- what is and is not a store; reading without writing; nested transactions -----------------


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_sqlite_file_of_another_program_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    foreign = tmp_path / "accounts.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE ledger (day TEXT, amount REAL)")
    conn.close()
    before = _sha(foreign)
    for read_only in (False, True):
        with pytest.raises(StoreError, match="is not a zenobia store"):
            Store(foreign, read_only=read_only)
    assert _sha(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["accounts.db"]


def test_an_empty_file_becomes_a_store_but_is_no_store_to_read(tmp_path: Path) -> None:
    empty = tmp_path / "new.db"
    empty.touch()
    # reading it: one clear line, and the file stays empty
    with pytest.raises(StoreError, match=r"no store at .* \(the file is empty\)"):
        Store(empty, read_only=True)
    assert empty.stat().st_size == 0
    # writing it: it becomes a store
    Store(empty).close()
    with sqlite3.connect(empty) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_store_opened_read_only_reads_and_never_writes(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        _write(store, _document())
    (tmp_path / "z.db").chmod(0o444)
    before = _sha(tmp_path / "z.db")
    with Store(tmp_path / "z.db", read_only=True) as store:
        assert [s.document.id for s in store.documents()] == ["d1"]
        assert store.search("shelling")
        with pytest.raises(StoreError, match="open for reading only"), store.transaction():
            pass
    assert _sha(tmp_path / "z.db") == before


def test_a_failed_inner_transaction_undoes_only_its_own_writes(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            store.record_skip(Skip("kept.bin", "binary", "kept.bin is binary"))
            with pytest.raises(ValueError), store.transaction():
                store.record_skip(Skip("undone.bin", "binary", "undone.bin is binary"))
                raise ValueError("one record failed")
        assert [s.source for s in store.skips()] == ["kept.bin"]


def test_failures_are_listed_and_forgotten_once_a_record_goes_through(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store, store.transaction():
        store.record_failure(Failure("a.txt", "analyse", "ValueError: bad", "Traceback …"))
        store.record_failure(Failure("b.txt", "worker", "the worker died"))
        store.forget_failure("b.txt")
        assert store.failures() == [Failure("a.txt", "analyse", "ValueError: bad", "Traceback …")]
        assert store.counts()["failed"] == 1


def test_a_huge_search_limit_is_as_many_as_there_are(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        _write(store, _document())
        assert len(store.search("shelling", limit=10**30)) == 1
