"""Fault isolation and concurrency: one record never stops a run, two runs share a store."""

from __future__ import annotations

import importlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType, ModuleType

import pytest

import zenobia
import zenobia.runner
from zenobia.model import Document, RawInput, Skip
from zenobia.runner import AnalysisRun, Analyzer
from zenobia.store import Store

HELPERS = Path(__file__).parent / "helpers"

NORTH = (
    "Port shelled, twelve dead\n\n"
    "Militia fighters shelled the river port of Varna Kessel on Tuesday, local officials said. "
    "At least twelve civilians were killed and dozens wounded in the attack on the harbour.\n\n"
    "Aid workers said the hospital had run out of blood and bandages by the evening."
)
EAST = (
    "Villages retaken in the hills\n\n"
    "Government troops retook three villages in the eastern hills after a week of fighting. "
    "Rebel commanders said they had withdrawn to spare the families still living there.\n\n"
    "Thousands of people have fled the area since January, according to the Red Cross."
)
WEST = (
    "Convoys turned back\n\n"
    "Aid convoys were turned back at a checkpoint near the western bridge on Friday. "
    "The governor of the province called for a ceasefire so that food could reach the towns.\n\n"
    "Drivers said they had waited for two days before soldiers ordered them to leave."
)


def _marked(text: str, word: str) -> str:
    """`text` with `word` in its last paragraph, where the cleaner keeps it."""
    return f"{text} The report was filed as {word}."


@pytest.fixture
def faulty(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The failing stand-in analysis, importable by name here and in worker processes."""
    monkeypatch.syspath_prepend(str(HELPERS))
    return importlib.import_module("faulty_analysis")


def _news(root: Path, **texts: str) -> Path:
    root.mkdir(exist_ok=True)
    for name, text in texts.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return root


def _run(db: Path, paths: Sequence[Path], analyzer: Analyzer, **options: object) -> AnalysisRun:
    with zenobia.open_corpus(db) as corpus:
        run = AnalysisRun(corpus.store, paths, analyzer=analyzer, **options)  # type: ignore[arg-type]
        for _ in run:
            pass
    return run


def test_a_record_whose_analysis_raises_is_stored_as_failed_and_the_run_goes_on(
    tmp_path: Path, faulty: ModuleType
) -> None:
    news = _news(tmp_path / "news", north=NORTH, east=_marked(EAST, faulty.RAISES), west=WEST)
    db = tmp_path / "z.db"
    run = _run(db, [news], Analyzer(faulty.analyze_or_fail), processes=1)
    # the two others are analysed, and every record is counted once
    summary = run.summary
    assert (summary.analyzed, summary.failed, summary.read) == (2, 1, 3)
    with Store(db, read_only=True) as store:
        (failure,) = store.failures()
        outcomes = dict(store._conn.execute("SELECT source, outcome FROM inputs").fetchall())
        statuses = {s.document.source: s.status for s in store.documents()}
    # the failure keeps its source, stage, one-line reason and whole traceback
    assert failure.source == str(news / "east.txt")
    assert failure.stage == "analyse"
    assert failure.reason == "RuntimeError: an invented failure in the analysis"
    assert "Traceback" in failure.traceback and "analyze_or_fail" in failure.traceback
    # the record has its verdict, and its document is kept (marked failed) for duplicates to
    # point at
    assert outcomes[str(news / "east.txt")] == "failed"
    assert statuses[str(news / "east.txt")] == "failed"


def test_a_rerun_passes_over_failed_records_unless_asked_to_retry_them(
    tmp_path: Path, faulty: ModuleType
) -> None:
    news = _news(tmp_path / "news", north=NORTH, east=_marked(EAST, faulty.RAISES))
    db = tmp_path / "z.db"
    _run(db, [news], Analyzer(faulty.analyze_or_fail), processes=1)
    # the same analysis again: the failed record is not tried again
    again = _run(db, [news], Analyzer(faulty.analyze_or_fail), processes=1).summary
    assert (again.resumed, again.failed, again.analyzed) == (2, 0, 0)
    # the fault fixed, --retry-failed analyses it, and it is no longer listed as failed
    retried = _run(db, [news], Analyzer(faulty.analyze_plainly), processes=1, retry_failed=True)
    assert (retried.summary.analyzed, retried.summary.resumed) == (1, 1)
    with Store(db, read_only=True) as store:
        assert store.failures() == []
        assert {s.status for s in store.documents()} == {"analyzed"}


def test_only_the_document_that_raises_fails_among_those_analysed_together(
    tmp_path: Path, faulty: ModuleType
) -> None:
    news = _news(tmp_path / "news", a=NORTH, b=_marked(EAST, faulty.RAISES), c=WEST)
    run = _run(tmp_path / "z.db", [news], Analyzer(faulty.analyze_or_fail), processes=1)
    # the three went to the analysis as one chunk; it is retried one document at a time
    assert (run.summary.analyzed, run.summary.failed) == (2, 1)


def test_a_reader_that_raises_fails_its_file_and_the_next_paths_are_read(
    tmp_path: Path, faulty: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = _news(tmp_path / "news", broken=NORTH, whole=EAST)
    read_inputs = zenobia.runner.read_inputs

    def breaking_reader(path: Path, **options: object) -> Iterator[RawInput | Skip]:
        if path.name == "broken.txt":
            raise OSError(5, "Input/output error")  # as a failing disk would
        yield from read_inputs(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(zenobia.runner, "read_inputs", breaking_reader)
    db = tmp_path / "z.db"
    run = _run(db, [news / "broken.txt", news / "whole.txt"], Analyzer(faulty.analyze_plainly))
    assert (run.summary.failed, run.summary.analyzed) == (1, 1)
    with Store(db, read_only=True) as store:
        (failure,) = store.failures()
    assert (failure.source, failure.stage) == (str(news / "broken.txt"), "read")
    assert failure.reason == "OSError: [Errno 5] Input/output error"
    # the unchanged file is not read again on a re-run
    again = _run(db, [news / "broken.txt", news / "whole.txt"], Analyzer(faulty.analyze_plainly))
    assert (again.summary.resumed, again.summary.failed) == (2, 0)


def test_a_record_that_fails_to_clean_is_failed_at_the_prepare_stage(
    tmp_path: Path, faulty: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = _news(tmp_path / "news", north=NORTH, east=EAST)
    build_document = zenobia.runner.build_document

    def fragile(raw: RawInput, *, given_date: str | None = None) -> Document:
        if "Government troops" in raw.content:
            raise IndexError("list index out of range")
        return build_document(raw, given_date=given_date)

    monkeypatch.setattr(zenobia.runner, "build_document", fragile)
    run = _run(tmp_path / "z.db", [news], Analyzer(faulty.analyze_plainly), processes=1)
    assert (run.summary.analyzed, run.summary.failed) == (1, 1)
    with Store(tmp_path / "z.db", read_only=True) as store:
        assert [(f.stage, f.reason) for f in store.failures()] == [
            ("prepare", "IndexError: list index out of range")
        ]


def test_a_record_that_cannot_be_stored_fails_alone_and_its_batch_is_kept(
    tmp_path: Path, faulty: ModuleType
) -> None:
    news = tmp_path / "news"
    news.mkdir()
    # JSON may escape a lone surrogate, which no SQLite text can hold
    (news / "feed.jsonl").write_text(
        "".join(
            json.dumps({"text": text}) + "\n"
            for text in (NORTH, EAST.replace("January", "January \udc80"), WEST)
        ),
        encoding="utf-8",
    )
    run = _run(tmp_path / "z.db", [news], Analyzer(faulty.analyze_plainly), batch_size=16)
    assert (run.summary.analyzed, run.summary.failed, run.summary.read) == (2, 1, 3)
    with Store(tmp_path / "z.db", read_only=True) as store:
        (failure,) = store.failures()
        assert store.counts()["documents"] == 2
    assert failure.source.endswith("feed.jsonl#L2")


def test_a_worker_that_dies_costs_only_the_record_that_killed_it(
    tmp_path: Path, faulty: ModuleType
) -> None:
    news = _news(tmp_path / "news", a=NORTH, b=_marked(EAST, faulty.KILLS), c=WEST)
    db = tmp_path / "z.db"

    def hung(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("the run hung after a worker died")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(300)
    try:
        run = _run(db, [news], Analyzer(faulty.analyze_or_fail), processes=2)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert (run.summary.analyzed, run.summary.failed) == (2, 1)
    with Store(db, read_only=True) as store:
        (failure,) = store.failures()
    assert (failure.source, failure.stage) == (str(news / "b.txt"), "worker")
    assert "died" in failure.reason


def test_two_runs_that_prepared_near_copies_at_once_store_one_as_a_duplicate(
    tmp_path: Path, faulty: ModuleType
) -> None:
    first = _news(tmp_path / "first", north=NORTH)
    second = _news(
        tmp_path / "second",
        east=EAST,
        north_again=NORTH.replace("by the evening.", "by the evening, they said."),
    )
    db = tmp_path / "z.db"
    analyzer = Analyzer(faulty.analyze_plainly)
    with zenobia.open_corpus(db) as one, zenobia.open_corpus(db) as two:
        later = iter(AnalysisRun(two.store, [second], analyzer=analyzer, batch_size=1))
        # the second run has decided on both its records (the near-copy looked new) and
        # written the first; the near-copy waits to be written
        assert next(later).outcome == "analyzed"
        for _ in AnalysisRun(one.store, [first], analyzer=analyzer):
            pass
        rest = list(later)
        documents = {s.document.source: s.document for s in one.store.documents()}
    # written second, the near-copy is checked again under the lock and found a duplicate
    assert [step.outcome for step in rest] == ["duplicate"]
    copy = documents[str(second / "north_again.txt")]
    assert copy.duplicate_of == documents[str(first / "north.txt")].id


def test_resolution_holds_the_write_lock_for_its_whole_pass(
    tmp_path: Path, faulty: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "z.db"
    resolve = zenobia.runner.resolve_corpus
    seen: list[str] = []

    def resolve_while_another_writes(store: Store) -> object:
        other = sqlite3.connect(db, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            seen.append(str(err))
        finally:
            other.close()
        return resolve(store)

    monkeypatch.setattr(zenobia.runner, "resolve_corpus", resolve_while_another_writes)
    _run(db, [_news(tmp_path / "news", north=NORTH)], Analyzer(faulty.analyze_plainly))
    # another process could not start writing while resolution ran
    assert seen == ["database is locked"]


def test_a_run_interrupted_during_resolution_leaves_it_pending_until_a_run_completes_it(
    tmp_path: Path, faulty: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    news, db = _news(tmp_path / "news", north=NORTH), tmp_path / "z.db"
    resolve = zenobia.runner.resolve_corpus

    def interrupted(store: Store) -> object:
        with store.transaction():
            store.set_meta_value("half", "done")  # a step wrote something, then Ctrl-C
            raise KeyboardInterrupt

    monkeypatch.setattr(zenobia.runner, "resolve_corpus", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _run(db, [news], Analyzer(faulty.analyze_plainly))
    with Store(db, read_only=True) as store:
        assert store.is_resolution_pending()
        # resolution is one transaction: nothing of the interrupted pass was kept
        assert store.meta_value("half") is None
    monkeypatch.setattr(zenobia.runner, "resolve_corpus", resolve)
    # a run with nothing new to read completes it
    again = _run(db, [news], Analyzer(faulty.analyze_plainly))
    assert again.summary.resumed == 1 and again.summary.resolved
    with Store(db, read_only=True) as store:
        assert not store.is_resolution_pending()


def test_a_run_with_nothing_new_and_nothing_pending_does_not_resolve_again(
    tmp_path: Path, faulty: ModuleType
) -> None:
    news, db = _news(tmp_path / "news", north=NORTH), tmp_path / "z.db"
    assert _run(db, [news], Analyzer(faulty.analyze_plainly)).summary.resolved
    assert _run(db, [news], Analyzer(faulty.analyze_plainly)).summary.resolved == {}


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_run_whose_process_is_gone_reads_as_interrupted(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        run_id = store.start_run(["news/"])
        # as SIGKILL leaves it: still marked running, by a process that no longer exists
        store._conn.execute("UPDATE runs SET owner_pid = ? WHERE id = ?", (_dead_pid(), run_id))
        live_id = store.start_run(["more/"])
        statuses = {r.id: r.status for r in store.runs()}
    # this process is alive: its run is running; the killed one is interrupted
    assert statuses == {run_id: "interrupted", live_id: "running"}
    with sqlite3.connect(tmp_path / "z.db") as conn:
        stored = dict(conn.execute("SELECT id, status FROM runs").fetchall())
    # a run starting marks the dead one interrupted in the store itself
    assert stored[run_id] == "interrupted"


def test_a_run_of_another_host_is_interrupted_once_its_heartbeat_is_old(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        stale = store.start_run(["news/"])
        fresh = store.start_run(["news/"])
        store._conn.execute(
            "UPDATE runs SET owner_host = ?, heartbeat_at = ? WHERE id = ?",
            (f"not-{socket.gethostname()}", "2001-01-01T00:00:00+00:00", stale),
        )
        store._conn.execute(
            "UPDATE runs SET owner_host = ? WHERE id = ?", (f"not-{socket.gethostname()}", fresh)
        )
        statuses = {r.id: r.status for r in store.runs()}
    assert statuses == {stale: "interrupted", fresh: "running"}


def test_a_reused_pid_does_not_keep_a_killed_run_alive(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        run_id = store.start_run(["news/"])
        # this process's pid, but a start time it never had: the pid was reused
        store._conn.execute("UPDATE runs SET owner_started = '1' WHERE id = ?", (run_id,))
        (run,) = store.runs()
    expected = "interrupted" if Path(f"/proc/{os.getpid()}/stat").exists() else "running"
    assert run.status == expected


WORKER = """
import os, sys, time
from zenobia.runner import _exit_with_parent
_exit_with_parent(os.getppid())
print("ready", flush=True)
time.sleep(120)
"""
PARENT = f"""
import subprocess, sys, time
worker = subprocess.Popen([sys.executable, "-c", {WORKER!r}], stdout=subprocess.PIPE)
print(worker.pid, flush=True)
worker.stdout.readline()
print("ready", flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def test_a_worker_ends_itself_when_the_run_that_started_it_is_killed() -> None:
    with subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True) as run:
        assert run.stdout is not None
        worker_pid = int(run.stdout.readline())
        assert run.stdout.readline().strip() == "ready"
        run.kill()  # SIGKILL: the run cannot tell its worker anything
    deadline = time.monotonic() + 10 * zenobia.runner.PARENT_POLL_S
    while _alive(worker_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker_pid)
