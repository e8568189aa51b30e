"""Twenty kills of `zenobia analyze` (Ctrl-C and SIGKILL, at random points, resolution included)
lose nothing, duplicate nothing, and leave a sound store.

A corpus of invented articles in .txt, .jsonl and .csv grows by one article a round, so that
every round has reading, analysis, writing and resolution to interrupt. `make test` runs this
file (it is marked slow: about two minutes).
"""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

import zenobia

KILLS = 20
ROUND_TIMEOUT_S = 240.0
"""Longest a round may take before the test gives up on it (a hung run fails the test)."""

ACTORS = ["Militia fighters", "Government troops", "Rebel commanders", "Border guards",
          "Tribal elders", "Police officers", "Navy patrols", "Volunteer medics"]  # fmt: skip
PLACES = ["Varna Kessel", "Orvel", "Tamsk", "Dorrin Pass", "Kelmar", "Ostrava Bay",
          "Hollin", "Brask"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SENTENCES = [
    "{actor} shelled the outskirts of {place} on {day}, local officials said.",
    "At least {n} civilians were killed and {m} wounded, according to a hospital in {place}.",
    '"We will not leave {place}," a spokesman for the {actor2} told reporters.',
    "{actor} said they had taken control of {place} after {m} days of fighting.",
    "Aid convoys carrying {n} tonnes of flour were turned back near {place} on {day}.",
    "The governor of {place} called for a ceasefire and asked both sides to open a corridor.",
    "{actor2} denied any role in the attack and blamed {actor}.",
    "Some {n} families fled {place} on {day}, the Red Cross said.",
    "Officials in {place} said {m} bridges had been destroyed since the spring.",
    "{actor} and {actor2} met in {place} on {day} to discuss an exchange of prisoners.",
]


def _article(rng: random.Random, number: int) -> tuple[str, str]:
    """An invented article: (title, body of two paragraphs)."""

    def sentence() -> str:
        actor, actor2 = rng.sample(ACTORS, 2)
        return rng.choice(SENTENCES).format(
            actor=actor, actor2=actor2.lower(), place=rng.choice(PLACES),
            day=rng.choice(DAYS), n=rng.randint(3, 900), m=rng.randint(2, 60),
        )  # fmt: skip

    first = " ".join(sentence() for _ in range(3))
    second = " ".join(sentence() for _ in range(3))
    return f"Dispatch {number} from {rng.choice(PLACES)}", f"{first}\n\n{second}"


def _corpus(root: Path, rng: random.Random) -> int:
    """The first round's inputs across formats, with a copy, a near-copy and two bad records.

    Returns:
        How many records they hold.
    """
    root.mkdir()
    articles = [_article(rng, i) for i in range(18)]
    for i, (title, body) in enumerate(articles[:6]):
        (root / f"{i:02}.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")
    (root / "06.txt").write_text(f"{articles[0][0]}\n\n{articles[0][1]}", encoding="utf-8")
    near_title, near_body = articles[1]
    (root / "07.txt").write_text(
        f"{near_title}\n\n{near_body} The report was updated later.", encoding="utf-8"
    )
    (root / "08.txt").write_text("", encoding="utf-8")  # empty: skipped
    lines = [json.dumps({"title": t, "text": b}) for t, b in articles[6:12]]
    (root / "feed.jsonl").write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    with (root / "table.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["title", "text"])
        writer.writerows(articles[12:18])
    return 9 + 7 + 6


def _add_article(root: Path, rng: random.Random, number: int) -> None:
    title, body = _article(rng, number)
    (root / f"{number:02}.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")


def _count(db: Path, query: str) -> int:
    """A count read from the store while a run may be writing it (0 before it exists)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute(query).fetchone()[0])
    except sqlite3.Error:
        return 0


INPUTS = "SELECT count(*) FROM inputs"
RUNS = "SELECT count(*) FROM runs"
PENDING = "SELECT count(*) FROM meta WHERE key = 'resolution_pending' AND value = '1'"


def _assert_sound(db: Path) -> None:
    """What must hold after any kill: integrity, FTS, spans, one row per input."""
    conn = sqlite3.connect(db)
    try:
        one = conn.execute
        assert one("PRAGMA integrity_check").fetchall() == [("ok",)]
        # the FTS index agrees with the sentences it indexes (raises if not)
        one("INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)")
        for table, start, end, text in (
            ("sentences", "start_char", "end_char", "text"),
            ("mentions", "start_char", "end_char", "text"),
            ("quotes", "start_char", "end_char", "text"),
            ("claims", "start_char", "end_char", "sentence"),
            ("claims", "value_start", "value_end", "text"),
        ):
            misfits = one(
                f"SELECT count(*) FROM {table} f JOIN documents d ON d.id = f.doc_id"
                f" WHERE substr(d.text, f.{start} + 1, f.{end} - f.{start}) != f.{text}"
            ).fetchone()[0]
            assert misfits == 0, f"{misfits} {table} spans do not match their text"
        assert (
            one(
                "SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc_id"
                " WHERE e.trigger_start < e.start_char OR e.trigger_end > e.end_char"
                " OR e.end_char > length(d.text)"
            ).fetchone()[0]
            == 0
        )
        # every stored document is the verdict of an input record, and the other way round
        assert (
            one(
                "SELECT count(*) FROM documents WHERE id NOT IN"
                " (SELECT doc_id FROM inputs WHERE doc_id IS NOT NULL)"
            ).fetchone()[0]
            == 0
        )
        assert (
            one(
                "SELECT count(*) FROM inputs WHERE doc_id IS NOT NULL"
                " AND doc_id NOT IN (SELECT id FROM documents)"
            ).fetchone()[0]
            == 0
        )
        # a document's facts are its analysis once: sentences numbered once each
        assert (
            one(
                "SELECT count(*) FROM (SELECT doc_id, idx FROM sentences GROUP BY doc_id, idx"
                " HAVING count(*) > 1)"
            ).fetchone()[0]
            == 0
        )
    finally:
        conn.close()


def _facts_by_source(db: Path) -> dict[str, tuple[object, ...]]:
    """Each input record's verdict and its document's fact counts."""
    conn = sqlite3.connect(db)
    try:
        counts = {}
        for table in ("sentences", "mentions", "events", "quotes", "claims", "stances"):
            counts[table] = dict(
                conn.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id").fetchall()
            )
        rows = conn.execute("SELECT source, outcome, doc_id FROM inputs").fetchall()
        return {
            source: (outcome, *(counts[t].get(doc_id, 0) for t in counts))
            for source, outcome, doc_id in rows
        }
    finally:
        conn.close()


@pytest.mark.slow
def test_twenty_kills_lose_nothing_duplicate_nothing_and_leave_a_sound_store(
    tmp_path: Path,
) -> None:
    rng = random.Random(2020)
    news, db = tmp_path / "news", tmp_path / "z.db"
    records = _corpus(news, rng)
    command = [
        sys.executable, "-m", "zenobia.cli", "analyze", str(news), "--db", str(db),
        "--processes", "1", "--batch-size", "2", "--quiet",
    ]  # fmt: skip
    # the runs share compiled modules (the environment may forbid writing them beside the
    # sources): twenty-one starts then cost one compilation, not twenty-one
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    kills: Counter[str] = Counter()
    number = 100
    while sum(kills[s] for s in ("SIGINT", "SIGKILL")) < KILLS:
        _add_article(news, rng, number)
        number += 1
        records += 1
        how = signal.SIGINT if rng.random() < 0.5 else signal.SIGKILL
        in_resolution = rng.random() < 0.3
        runs_before = _count(db, RUNS)
        child = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        deadline = time.monotonic() + ROUND_TIMEOUT_S
        # wait for the run to have started (imports done, store open), then pick the moment
        while _count(db, RUNS) <= runs_before and child.poll() is None:
            assert time.monotonic() < deadline, "the run never started"
            time.sleep(0.02)
        if in_resolution:
            while _count(db, INPUTS) < records and child.poll() is None:
                assert time.monotonic() < deadline, "the run never finished reading"
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.3))
        else:
            time.sleep(rng.uniform(0.0, 4.0))
        if child.poll() is None:
            child.send_signal(how)
            kills[how.name] += 1
            pending = _count(db, PENDING) > 0
            kills["after reading, resolution pending"] += int(in_resolution and pending)
        child.wait(timeout=ROUND_TIMEOUT_S)
        _assert_sound(db)

    # the last run completes what the kills interrupted
    finished = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert finished.returncode == 0, finished.stderr
    _assert_sound(db)
    with zenobia.open_corpus(db, read_only=True) as corpus:
        assert not corpus.is_resolution_pending()
        assert all(run.status in ("finished", "interrupted") for run in corpus.store.runs(100))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM runs WHERE status = 'running'").fetchone() == (0,)
    conn.close()

    # nothing lost, nothing doubled: the same verdicts and facts as one uninterrupted run
    clean = tmp_path / "clean.db"
    with zenobia.open_corpus(clean) as corpus:
        for _ in corpus.analyze([news], processes=1):
            pass
    killed_facts, clean_facts = _facts_by_source(db), _facts_by_source(clean)
    assert len(killed_facts) == records
    assert killed_facts == clean_facts
    print(f"\nkills survived: {dict(kills)}; records: {records}")
