"""The analysis run end to end: every format in, one store out, resumable and deduplicated."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import zenobia
from zenobia.runner import AnalysisRun

RIVER = (
    "Militia fighters shelled the river port of Varna Kessel on Tuesday, 3 March 2020, local "
    "officials said. The United Nations said at least twelve civilians were killed and dozens "
    "wounded in the attack. The Northern Alliance denied any role and blamed rival forces.\n\n"
    "Aid convoys from the World Food Programme were turned back at a checkpoint near the bridge. "
    "The governor of the province, Ilya Marten, called for a ceasefire."
)
HILLS = (
    "Government troops retook three villages in the eastern hills after a week of fighting, the "
    "defence ministry said on Friday 6 March 2020. Rebel commanders said they had withdrawn to "
    "spare civilians. Thousands of families have fled the area since January, according to the "
    "Red Cross, which asked both sides to open a corridor for the wounded."
)
FRENCH = (
    "Les forces gouvernementales ont repris trois villages dans les collines de l'est après une "
    "semaine de combats, a annoncé vendredi le ministère de la défense. Des milliers de familles "
    "ont fui la région depuis janvier, selon la Croix-Rouge."
)


def _corpus(root: Path) -> Path:
    """A folder with one article in each format and a few bad inputs."""
    root.mkdir()
    (root / "river.txt").write_text("Port shelled, twelve dead\n\n" + RIVER, encoding="utf-8")
    (root / "hills.html").write_text(
        "<html><head><title>Villages retaken in the east</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in HILLS.split(". "))
        + "</article></body></html>",
        encoding="utf-8",
    )
    (root / "feed.jsonl").write_text(
        json.dumps({"text": FRENCH, "title": "Villages repris", "published": "2020-03-06"})
        + "\n{broken json\n",
        encoding="utf-8",
    )
    (root / "table.csv").write_text(
        "headline,body\n" + f'"Copy of the port story","{RIVER}"\n', encoding="utf-8"
    )
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return root


def _analyze(db: Path, *paths: Path, processes: int = 1) -> AnalysisRun:
    with zenobia.open_corpus(db) as corpus:
        run = corpus.analyze(list(paths), processes=processes)
        for _ in run:
            pass
    return run


def _rows(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_every_format_is_read_and_every_bad_input_is_skipped_with_a_reason(tmp_path: Path) -> None:
    run = _analyze(tmp_path / "z.db", _corpus(tmp_path / "news"))
    summary = run.summary
    # river.txt and hills.html analysed; the CSV row is the river story again
    assert summary.analyzed == 2
    assert summary.duplicates == 1
    # the French JSONL line is stored but not analysed as English
    assert summary.not_english == 1
    # the broken JSONL line, the empty file and the PNG; never a crash
    assert summary.skipped_total == 3
    assert summary.sentences > 0 and summary.mentions > 0


def test_a_rerun_reads_nothing_twice_and_adds_no_rows(tmp_path: Path) -> None:
    news, db = _corpus(tmp_path / "news"), tmp_path / "z.db"
    _analyze(db, news)
    before = {t: _rows(db, t) for t in ("documents", "sentences", "mentions", "comments", "skips")}
    again = _analyze(db, news).summary
    after = {t: _rows(db, t) for t in before}
    assert after == before
    # records that reached a verdict are recognised by content hash, skipped ones too
    assert again.resumed == again.read
    assert again.analyzed == 0


def test_an_edited_article_is_read_again(tmp_path: Path) -> None:
    news, db = tmp_path / "news", tmp_path / "z.db"
    news.mkdir()
    article = news / "hills.txt"
    article.write_text(HILLS, encoding="utf-8")
    _analyze(db, news)
    article.write_text(HILLS + " A second convoy reached the villages on Sunday.", encoding="utf-8")
    summary = _analyze(db, news).summary
    # the edit is a new version of the record: read again, and a near-duplicate of the first
    assert summary.resumed == 0
    assert summary.read == 1


def test_the_same_text_from_another_source_is_a_duplicate_of_the_first(tmp_path: Path) -> None:
    news, db = tmp_path / "news", tmp_path / "z.db"
    news.mkdir()
    (news / "a.txt").write_text(RIVER, encoding="utf-8")
    (news / "b.txt").write_text(RIVER.replace("Tuesday", "Tuesday morning"), encoding="utf-8")
    _analyze(db, news)
    with zenobia.open_corpus(db) as corpus:
        documents = {s.document.source.rsplit("/", 1)[-1]: s for s in corpus.store.documents()}
    # a near-duplicate (one word added) points at the first and is not analysed
    assert documents["b.txt"].document.duplicate_of == documents["a.txt"].document.id
    assert documents["b.txt"].status == "duplicate"
    assert _rows(db, "sentences") == len(corpus_sentences(db, documents["a.txt"].document.id))


def corpus_sentences(db: Path, doc_id: str) -> list[tuple[int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT idx FROM sentences WHERE doc_id = ?", (doc_id,)).fetchall()


def test_ctrl_c_keeps_what_was_committed_and_a_rerun_completes_it(tmp_path: Path) -> None:
    news, db = tmp_path / "news", tmp_path / "z.db"
    news.mkdir()
    for i in range(6):
        (news / f"{i}.txt").write_text(f"Report number {i}. " + HILLS, encoding="utf-8")
    with zenobia.open_corpus(db) as corpus:
        run = corpus.analyze([news], processes=1, batch_size=2)
        with pytest.raises(KeyboardInterrupt):
            for step_number, _ in enumerate(run, start=1):
                if step_number == 3:
                    raise KeyboardInterrupt
    # the first batch of two was committed before the interrupt, the second one was not
    assert _rows(db, "inputs") in (2, 4)
    resumed = _analyze(db, news).summary
    assert resumed.resumed + resumed.analyzed + resumed.duplicates == 6
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT source) FROM inputs").fetchone()[0] == 6
        assert conn.execute("SELECT status FROM runs ORDER BY id").fetchall() == [
            ("interrupted",),
            ("finished",),
        ]


def test_a_killed_run_loses_nothing_committed_and_resumes_without_duplicates(
    tmp_path: Path,
) -> None:
    news, db = tmp_path / "news", tmp_path / "z.db"
    news.mkdir()
    total = 160  # enough that the kill lands mid-run however fast analysis gets
    for i in range(total):
        text = f"Dispatch {i} from the front. " + (RIVER if i % 2 else HILLS)
        (news / f"{i:03}.txt").write_text(text + f" Reference code {i * 7919}.", encoding="utf-8")
    command = [
        sys.executable, "-m", "zenobia.cli", "analyze", str(news), "--db", str(db),
        "--processes", "1", "--batch-size", "4", "--quiet",
    ]  # fmt: skip
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        if db.exists() and _committed_inputs(db) >= 8:
            break
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    killed_at = _committed_inputs(db)
    assert 0 < killed_at < total, "the kill should land mid-run"
    summary = _analyze(db, news).summary
    assert summary.resumed == killed_at
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM inputs").fetchone()[0] == total
        per_doc = conn.execute(
            "SELECT doc_id, count(*), count(DISTINCT idx) FROM sentences GROUP BY doc_id"
        ).fetchall()
    assert all(total == distinct for _, total, distinct in per_doc)


def _committed_inputs(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM inputs").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_worker_processes_give_the_same_store_as_one_process(tmp_path: Path) -> None:
    news = _corpus(tmp_path / "news")
    one = _analyze(tmp_path / "one.db", news, processes=1).summary
    two = _analyze(tmp_path / "two.db", news, processes=2).summary
    assert (two.analyzed, two.sentences, two.mentions) == (
        one.analyzed,
        one.sentences,
        one.mentions,
    )
