"""`zenobia analyze` over a generated corpus of bad inputs: every one handled, every good one read.

One run over the whole corpus (see `bad_inputs.py`), then one test per promise: the run ends
with status 0 and no traceback; each bad kind costs exactly the lines and store records it
should; every good article beside them is analysed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from zenobia.store import Store

from .bad_inputs import Corpus, build_corpus

MIN_KINDS = 25


@dataclass(frozen=True, slots=True)
class Run:
    corpus: Corpus
    db: Path
    returncode: int
    output: str
    lines: list[str]
    """What the run printed, progress bar and closing table left out."""


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zenobia.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    root = tmp_path_factory.mktemp("bad-inputs")
    corpus = build_corpus(root / "corpus")
    done = _cli("analyze", "corpus", "--db", "bad.db", "--processes", "1", cwd=root)
    lines = [
        line
        for line in done.stderr.splitlines()
        if line.strip() and "analysing" not in line  # the progress bar
    ]
    yield Run(corpus, root / "bad.db", done.returncode, done.stdout + done.stderr, lines)
    for path in (root / "corpus").iterdir():  # let pytest clean up a file made unreadable
        if not path.is_symlink():
            path.chmod(0o644)


def test_the_corpus_has_enough_kinds(run: Run) -> None:
    assert len(run.corpus.kinds) >= MIN_KINDS


def test_the_run_completes_without_a_traceback(run: Run) -> None:
    assert run.returncode == 0, run.output
    assert "Traceback" not in run.output
    assert "documents read" in run.output  # the closing table


def test_each_kind_costs_exactly_its_lines(run: Run) -> None:
    expected_lines = {"skipped": None, "repaired": 1, "read": 0, "not-english": 0}
    wrong = []
    for bad in run.corpus.kinds:
        mine = [line for line in run.lines if bad.token in line]
        expected = expected_lines[bad.outcome]
        expected = bad.bad if expected is None else expected
        is_clear = all(line.startswith("skipped ") and "Fix:" in line for line in mine)
        if len(mine) != expected or (bad.outcome == "skipped" and not is_clear):
            wrong.append(f"{bad.token}: expected {expected} line(s), got {mine}")
    assert wrong == []


def test_every_line_belongs_to_a_bad_kind(run: Run) -> None:
    strays = [line for line in run.lines if not any(k.token in line for k in run.corpus.kinds)]
    assert strays == []


def test_each_kind_leaves_its_records_in_the_store(run: Run) -> None:
    with Store(run.db) as store:
        skips, documents = store.skips(), list(store.documents())
    wrong = []
    for bad in run.corpus.kinds:
        mine = [s for s in skips if bad.token in s.source]
        statuses = [d.status for d in documents if bad.token in d.document.source]
        status = "not-english" if bad.outcome == "not-english" else "analyzed"
        expected_skips = bad.bad if bad.outcome == "skipped" else 0
        if len(mine) != expected_skips or statuses != [status] * bad.good:
            wrong.append(f"{bad.token}: skips {mine}, documents {statuses}")
        if any("\n" in s.source + s.message for s in mine):
            wrong.append(f"{bad.token}: a skip record spans lines")
    assert wrong == []


def test_every_good_article_is_analysed(run: Run) -> None:
    with Store(run.db) as store:
        statuses = [d.status for d in store.documents()]
    assert statuses.count("analyzed") == run.corpus.good_articles
    assert set(statuses) <= {"analyzed", "not-english"}


def test_stats_lists_every_skip(run: Run) -> None:
    done = _cli("stats", "--db", run.db.name, cwd=run.db.parent)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    expected = sum(k.bad for k in run.corpus.kinds if k.outcome == "skipped")
    with Store(run.db) as store:
        assert len(store.skips()) == expected
