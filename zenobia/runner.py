"""The analysis run: inputs → documents → per-document analysis → store, resumable.

The main process reads inputs, cleans them into documents and decides which are duplicates or
not English; worker processes (each loading the spaCy pipeline once) analyse the rest. Results
are written one batch per transaction, so a crash or Ctrl-C loses at most the batch in flight,
and a re-run skips every input record already recorded with the same content hash.

One record cannot stop a run: whatever it raises while it is read, cleaned, analysed or
written, it is stored as *failed* (a one-line reason, and the traceback) and the run goes on.
A worker process that dies (killed, out of memory, crashed) costs the records it held a retry
each, one at a time; a record that kills a worker again is stored as failed.

Two runs may write one store at once. Each batch is written under the store's write lock, and
before writing, a run looks at what other runs stored since it last looked: a document that
another run stored (or a near-copy of it) in the meantime becomes a duplicate of that one.
Corpus resolution runs in one transaction, under the same lock.

Notes:
    Batches are pipelined one deep: batch k+1 is cleaned and handed to the workers before the
    results of batch k are written, so the workers rarely wait for the main process.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import multiprocessing
import multiprocessing.context
import os
import signal
import sqlite3
import sys
import threading
import time
import traceback
import types
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from zenobia.errors import InputError, KnowledgeError, ModelError, StoreError
from zenobia.ingest.document import build_document
from zenobia.ingest.identity import (
    NearDuplicateIndex,
    minhash_signature,
    text_fingerprint,
)
from zenobia.ingest.sources import discover, read_inputs
from zenobia.model import Document, DocumentAnalysis, Failure, FailureStage, RawInput, Skip
from zenobia.resolve import resolve_corpus
from zenobia.store import Store

if TYPE_CHECKING:
    from zenobia.resources import Resources

log = logging.getLogger(__name__)

Outcome = Literal["analyzed", "duplicate", "not-english", "skipped", "failed", "resumed"]

ENVIRONMENT_ERRORS: tuple[type[Exception], ...] = (ModelError, KnowledgeError)
"""Errors that say the installation is broken, not the record: they stop the run."""

STORE_ERRORS: tuple[type[Exception], ...] = (StoreError, sqlite3.OperationalError)
"""Errors of the store itself (locked, full, unreadable): they stop the run too."""

MAX_REASON_CHARS = 300
"""A failure's reason is cut to this length: it is one line in a listing."""

PARENT_POLL_S = 1.0
"""How often a worker checks that the process that started it is still there, so that a
killed run leaves no worker behind for longer than this."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs: CSV columns, the size limit per record, and the publication day
    (`published`, YYYY-MM-DD) of records that state none of their own."""

    text_column: str = "text"
    title_column: str | None = None
    date_column: str | None = None
    outlet_column: str | None = None
    url_column: str | None = None
    max_bytes: int = 50_000_000
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    """One input record reached a verdict.

    A skipped record carries its one-line `message` and `reason` code; a failed one its
    one-line `message`, the stage it failed in as `reason`, and its `traceback`.
    """

    source: str
    outcome: Outcome
    message: str | None = None
    reason: str | None = None
    traceback: str | None = None


@dataclass(slots=True)
class RunSummary:
    """What one analysis run did; `read` is the sum of the record verdicts."""

    read: int = 0
    analyzed: int = 0
    resumed: int = 0
    duplicates: int = 0
    not_english: int = 0
    failed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    mentions: int = 0
    events: int = 0
    quotes: int = 0
    claims: int = 0
    stances: int = 0
    tokens: int = 0
    elapsed_s: float = 0.0
    interrupted: bool = False
    resolved: dict[str, int] = field(default_factory=dict)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "analyzed": self.analyzed,
            "resumed": self.resumed,
            "duplicates": self.duplicates,
            "not_english": self.not_english,
            "failed": self.failed,
            "skipped": dict(self.skipped),
            "sentences": self.sentences,
            "mentions": self.mentions,
            "events": self.events,
            "quotes": self.quotes,
            "claims": self.claims,
            "stances": self.stances,
            "tokens": self.tokens,
            "elapsed_s": round(self.elapsed_s, 3),
            "interrupted": self.interrupted,
            "resolved": dict(self.resolved),
        }


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A record after cleaning and deduplication, before NLP.

    `watermark` is the last stored document the run had seen when it decided: documents other
    runs store after it are checked again when the record is written.
    """

    source: str
    raw_hash: str
    outcome: Outcome
    document: Document | None = None
    fingerprint: str = ""
    minhash: bytes | None = None
    skip: Skip | None = None
    failure: Failure | None = None
    watermark: int = 0


@dataclass(frozen=True, slots=True)
class _Unreadable:
    """A file (or folder) whose reader raised: stored as a failed record under its path.

    `raw_hash` names the file's version (size and modification time), so an unchanged file
    is not tried again while an edited one is.
    """

    failure: Failure
    raw_hash: str

    @property
    def source(self) -> str:
        return self.failure.source


@dataclass(frozen=True, slots=True)
class Cleaned:
    """An input record after cleaning, before deduplication: the document it became, or why it
    was skipped or failed (exactly one of the three).

    The distributed runner cleans records on its executors and hands these to a run, which
    deduplicates and writes them as it would the records it cleans itself.
    """

    source: str
    raw_hash: str
    document: Document | None = None
    skip: Skip | None = None
    failure: Failure | None = None


InputRecord = RawInput | Skip | _Unreadable
"""One record as the readers give it: its content, a skip, or a file that could not be read."""


def input_hash(record: InputRecord) -> str:
    """The hash a record's verdict is kept under, so that the same record is not read twice."""
    if isinstance(record, _Unreadable):
        return record.raw_hash
    if isinstance(record, Skip):
        # A skip has no content to hash; its reason stands in, so the same skip is not
        # reported again while a different one (the file changed) is.
        return "skip:" + hashlib.sha256(record.message.encode()).hexdigest()[:27]
    return raw_hash(record)


def clean_record(record: InputRecord, hashed: str, *, given_date: str | None = None) -> Cleaned:
    """What `record` (whose `input_hash` is `hashed`) becomes before deduplication; whatever
    cleaning raises fails the record alone. `given_date` dates a record that states none.

    Raises:
        ModelError, KnowledgeError, StoreError: the installation or the store is broken.
    """
    if isinstance(record, _Unreadable):
        return Cleaned(record.source, hashed, failure=record.failure)
    if isinstance(record, Skip):
        return Cleaned(record.source, hashed, skip=record)
    try:
        document = build_document(record, given_date=given_date)
        return Cleaned(record.source, hashed, document=document)
    except InputError as err:
        return Cleaned(record.source, hashed, skip=Skip(record.source, err.reason, str(err)))
    except (*STORE_ERRORS, *ENVIRONMENT_ERRORS):
        raise
    except Exception as err:
        return Cleaned(record.source, hashed, failure=failure_of(record.source, "prepare", err))


def failure_of(source: str, stage: FailureStage, error: BaseException) -> Failure:
    """A `Failure` for `error`, raised while `source` was at `stage`."""
    lines = str(error).strip().splitlines()
    reason = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    if len(reason) > MAX_REASON_CHARS:
        reason = reason[: MAX_REASON_CHARS - 1] + "…"
    trace = "".join(traceback.format_exception(error))
    return Failure(source=source, stage=stage, reason=reason, traceback=trace)


def _worker_death(source: str) -> Failure:
    return Failure(
        source=source,
        stage="worker",
        reason="the worker process analysing it died twice (killed, out of memory or crashed)",
    )


# --- analysis, in worker processes or here ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Analyzer:
    """What analyses documents, in worker processes or here.

    `load` (once per process, before the first chunk) builds what the analysis needs;
    `analyze` maps a chunk of documents and those resources to the documents' analyses, one
    each and in order (resources are None when there is no `load`). Both must be
    module-level functions, so that worker processes can import them.
    """

    analyze: Callable[[Sequence[Document], Any], list[DocumentAnalysis]]
    load: Callable[[], object] | None = None


def analyze_documents(
    documents: Sequence[Document], resources: Resources
) -> list[DocumentAnalysis]:
    """Analyse a few documents with the process's resources (the pure per-document function)."""
    from zenobia.extract import stages

    return stages.analyze_documents(documents, resources)


@functools.cache
def load_resources() -> Resources:
    """The process's resources (`Resources.load`), built by its first run and kept for the
    runs after it: a script or a server that analyses again pays for them once. The pipeline
    is `load_pipeline()`'s, which scripts and tests share."""
    from zenobia.nlp.pipeline import load_pipeline
    from zenobia.resources import Resources

    return Resources.load(load_pipeline())


PIPELINE = Analyzer(analyze=analyze_documents, load=load_resources)
"""The analysis every run does unless told otherwise: the spaCy pipeline and every stage."""

AnalysisOutcome = DocumentAnalysis | Failure


def analyze_isolated(
    analyze: Callable[[Sequence[Document], Any], list[DocumentAnalysis]],
    documents: Sequence[Document],
    resources: object,
) -> list[AnalysisOutcome]:
    """Analyse `documents` together; if that raises, one by one, so that only the document
    that raises fails (stage "analyse") and the others keep their analyses.

    Raises:
        ModelError, KnowledgeError: the installation is broken (not one document's fault).
    """
    try:
        analyses = list(analyze(documents, resources))
        if len(analyses) != len(documents):
            raise ValueError(f"{len(documents)} documents gave {len(analyses)} analyses")
        return list(analyses)
    except ENVIRONMENT_ERRORS:
        raise
    except Exception as error:
        if len(documents) == 1:
            return [failure_of(documents[0].source, "analyse", error)]
    outcomes: list[AnalysisOutcome] = []
    for document in documents:
        outcomes.extend(analyze_isolated(analyze, [document], resources))
    return outcomes


_worker_failure: BaseException | None = None
_worker_resources: object = None
"""The worker process's resources, built by `_init_worker` once and passed to every chunk."""


def _init_worker(load: Callable[[], object] | None, parent_pid: int) -> None:
    """Build the resources once per worker; Ctrl-C is the main process's to handle.

    A failure is kept and raised by the first task instead: an initializer that raises breaks
    the whole pool, while a task's error reaches the main process with its type and message.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(parent_pid)
    global _worker_failure, _worker_resources
    try:
        if load is not None:
            _worker_resources = load()
    except Exception as err:  # re-raised, with its type, by _analyze_in_worker
        _worker_failure = err


def _exit_with_parent(parent_pid: int) -> None:
    """End this worker when the process that started it is gone (killed, say): nothing else
    would, since the worker waits on a queue that the dead process can no longer close."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="zenobia-parent-watch", daemon=True).start()


class _WorkerProcess(multiprocessing.context.SpawnProcess):
    """A worker process that starts without running the caller's script again.

    A spawned process imports the parent's main script before it works (so that functions
    defined there can be called), which runs a script's top level again when it has no
    `if __name__ == "__main__":` guard: every worker would open the store and start an
    analysis of its own. Workers run only zenobia's functions, so they are started with an
    empty main module instead, and a plain script that calls `corpus.analyze` works as written.
    """

    def start(self) -> None:
        caller = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            super().start()
        finally:
            sys.modules["__main__"] = caller


class _WorkerContext(multiprocessing.context.SpawnContext):
    """Spawn (a fresh interpreter, no forked threads or locks), through `_WorkerProcess`."""

    Process = _WorkerProcess


def _analyze_in_worker(
    analyze: Callable[[Sequence[Document], Any], list[DocumentAnalysis]],
    documents: Sequence[Document],
) -> list[AnalysisOutcome]:
    if _worker_failure is not None:
        raise _worker_failure
    return analyze_isolated(analyze, documents, _worker_resources)


def resolve_store(store: Store) -> dict[str, int]:
    """Run corpus resolution over `store` in one transaction and clear its pending mark.

    One transaction, under the store's write lock: two runs never resolve at once, and a kill
    during resolution leaves the store as it was before it, still marked pending.

    Returns:
        The counts of every resolution step.
    """
    with store.transaction():
        counts = resolve_corpus(store).counts
        store.set_resolution_pending(False)
    return counts


# --- main side ----------------------------------------------------------------------------------


def raw_hash(raw: RawInput) -> str:
    """A hash of everything a record brings, so an edited record is read again."""
    digest = hashlib.sha256()
    for part in (raw.kind, raw.content, raw.url, raw.title, raw.author, raw.outlet, raw.published):
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


def _file_version(path: Path) -> str:
    """The version of a file a failed read is recorded under: its size and modification time."""
    try:
        info = path.stat()
    except OSError:
        return "file:?"
    return f"file:{info.st_size}:{info.st_mtime_ns}"


def read_records(paths: Iterable[str | Path], options: ReadOptions) -> Iterator[InputRecord]:
    """Every record under `paths`; a reader that raises costs its file's remaining records, a
    listing that raises its folder's remaining files, never the other paths."""
    seen: set[Path] = set()
    for given in paths:
        found_files = discover([given])
        while True:
            try:
                found = next(found_files)
            except StopIteration:
                break
            except Exception as err:
                yield _Unreadable(failure_of(str(given), "read", err), "listing")
                break
            if isinstance(found, Skip):
                yield found
                continue
            key = found.absolute()
            if key in seen:  # named twice (a folder and a file in it)
                continue
            seen.add(key)
            yield from _read_guarded(found, options)


def _read_guarded(path: Path, options: ReadOptions) -> Iterator[InputRecord]:
    version = _file_version(path)
    reader = read_inputs(
        path,
        text_column=options.text_column,
        title_column=options.title_column,
        date_column=options.date_column,
        outlet_column=options.outlet_column,
        url_column=options.url_column,
        max_bytes=options.max_bytes,
    )
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except Exception as err:
            yield _Unreadable(failure_of(str(path), "read", err), version)
            return
        yield record


_Chunk = tuple[list[Document], Future[list[AnalysisOutcome]]]
"""Documents handed to the workers together, and the future of their outcomes."""


class AnalysisRun:
    """An analysis of some inputs into a store; iterate it to drive it and see progress.

    Example:
        run = AnalysisRun(store, ["news/"])
        for step in run:
            print(step.source, step.outcome)
        print(run.summary)
    """

    def __init__(
        self,
        store: Store,
        paths: Sequence[str | Path],
        *,
        options: ReadOptions | None = None,
        processes: int | None = None,
        batch_size: int = 16,
        near_duplicate_threshold: float = 0.8,
        retry_failed: bool = False,
        analyzer: Analyzer = PIPELINE,
    ) -> None:
        self.store = store
        self.paths = [str(p) for p in paths]
        self.options = options or ReadOptions()
        self.processes = processes if processes is not None else (os.cpu_count() or 1)
        self.batch_size = batch_size
        self.retry_failed = retry_failed
        self.analyzer = analyzer
        self.summary = RunSummary()
        self._near = NearDuplicateIndex(threshold=near_duplicate_threshold)
        self._watermark = 0
        self._foreign: list[tuple[int, str, bytes]] = []
        self._catch_up(initial=True)
        self._fingerprints: dict[str, str] = {}
        self._redirects: dict[str, str] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._is_warm = False
        self._resources: object = None
        self._run_id = 0

    def __iter__(self) -> Iterator[Progress]:
        started = time.perf_counter()
        self._run_id = run_id = self.store.start_run(self.paths)
        status = "failed"
        try:
            yield from self._run()
            self._stop_pool(graceful=True)  # free the workers' memory before resolving
            if self.store.is_resolution_pending():
                self.summary.resolved = resolve_store(self.store)
            status = "finished"
        except (KeyboardInterrupt, GeneratorExit):
            status = "interrupted"
            self.summary.interrupted = True
            raise
        finally:
            self._stop_pool(graceful=status == "finished")
            self.summary.elapsed_s = time.perf_counter() - started
            self.store.finish_run(run_id, self.summary.as_dict(), status)

    # --- workers ------------------------------------------------------------------------------

    def _worker_pool(self) -> ProcessPoolExecutor | None:
        """The worker processes, started when the first document needs analysing.

        A run that only skips, deduplicates or resumes never pays for loading the pipeline.
        """
        if self._pool is None and self.processes > 1:
            self._pool = ProcessPoolExecutor(
                self.processes,
                mp_context=_WorkerContext(),
                initializer=_init_worker,
                initargs=(self.analyzer.load, os.getpid()),
            )
        return self._pool

    def _stop_pool(self, *, graceful: bool) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if graceful:
            pool.shutdown(wait=True)
            return
        # Interrupted: the workers ignore Ctrl-C and would finish their chunk first.
        workers = list((pool._processes or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.join(timeout=5)

    def _submit(self, batch: list[_Prepared]) -> list[_Chunk] | None:
        documents = [p.document for p in batch if p.outcome == "analyzed" and p.document]
        if not documents:
            return None
        pool = self._worker_pool()
        if pool is None:
            return None
        per_task = max(1, min(4, len(documents) // max(1, self.processes)))
        chunks = [documents[i : i + per_task] for i in range(0, len(documents), per_task)]
        return [(c, pool.submit(_analyze_in_worker, self.analyzer.analyze, c)) for c in chunks]

    def _collect(self, chunks: list[_Chunk]) -> list[AnalysisOutcome]:
        """The outcomes of the submitted chunks, in order; a chunk whose worker died (or whose
        result could not come back) is analysed again one document at a time."""
        outcomes: list[AnalysisOutcome] = []
        for documents, future in chunks:
            try:
                outcomes.extend(future.result())
            except ENVIRONMENT_ERRORS:
                raise
            except BrokenProcessPool:
                self._drop_broken_pool()
                outcomes.extend(self._one_by_one(documents))
            except Exception:
                log.warning("a chunk of %d documents is analysed again", len(documents))
                outcomes.extend(self._one_by_one(documents))
        return outcomes

    def _one_by_one(self, documents: list[Document]) -> list[AnalysisOutcome]:
        outcomes: list[AnalysisOutcome] = []
        for document in documents:
            pool = self._worker_pool()
            if pool is None:  # pragma: no cover - only runs with workers submit chunks
                outcomes.extend(self._analyze_here([document]))
                continue
            try:
                outcomes.extend(
                    pool.submit(_analyze_in_worker, self.analyzer.analyze, [document]).result()
                )
            except ENVIRONMENT_ERRORS:
                raise
            except BrokenProcessPool:
                self._drop_broken_pool()
                outcomes.append(_worker_death(document.source))
            except Exception as err:
                outcomes.append(failure_of(document.source, "worker", err))
        return outcomes

    def _drop_broken_pool(self) -> None:
        """Forget a pool one of whose workers died; the next chunk starts a new one."""
        pool, self._pool = self._pool, None
        if pool is not None:
            log.warning("a worker process died; its documents are analysed again one by one")
            pool.shutdown(wait=True, cancel_futures=True)

    def _analyze_here(self, documents: list[Document]) -> list[AnalysisOutcome]:
        if not self._is_warm and self.analyzer.load is not None:
            # outside the isolation: a missing model stops the run
            self._resources = self.analyzer.load()
        self._is_warm = True
        return analyze_isolated(self.analyzer.analyze, documents, self._resources)

    # --- the run ------------------------------------------------------------------------------

    def _inputs(self) -> Iterator[InputRecord | Cleaned]:
        """The records the run decides on, in order: those read from its paths."""
        return read_records(self.paths, self.options)

    def _run(self) -> Iterator[Progress]:
        records = self._inputs()
        in_flight: tuple[list[_Prepared], list[_Chunk] | None] = ([], None)
        while True:
            batch = [self._prepare(r) for r in islice(records, self.batch_size)]
            pending = self._submit(batch) if batch else None
            yield from self._write(*in_flight)
            if not batch:
                return
            in_flight = (batch, pending)

    def _write(self, batch: list[_Prepared], pending: list[_Chunk] | None) -> Iterator[Progress]:
        if not batch:
            return
        to_analyze = [p.document for p in batch if p.outcome == "analyzed" and p.document]
        if pending is not None:
            results = self._collect(pending)
        elif to_analyze:
            results = self._analyze_here(to_analyze)
        else:
            results = []
        outcomes = {d.id: r for d, r in zip(to_analyze, results, strict=True)}
        with self.store.transaction():
            self._catch_up()
            written = [self._write_one(item, outcomes) for item in batch]
            if any(item.document is not None for item, _ in written):
                self.store.set_resolution_pending(True)
            self.store.heartbeat(self._run_id)
        for item, analysis in written:
            yield self._count(item, analysis)

    def _write_one(
        self,
        item: _Prepared,
        outcomes: dict[str, AnalysisOutcome],
    ) -> tuple[_Prepared, DocumentAnalysis | None]:
        """Write one record in a savepoint of the batch's transaction: a record that cannot
        be written is stored as failed instead, and the rest of the batch is kept."""
        store = self.store
        if item.outcome == "resumed":
            return item, None
        if item.document is None:  # skipped, or failed before it became a document
            if item.skip is not None:
                store.record_skip(item.skip)
            if item.failure is not None:
                store.record_failure(item.failure)
            store.record_input(item.source, item.raw_hash, None, item.outcome)
            return item, None
        item = self._recheck(item)
        doc_id = item.document.id if item.document is not None else ""
        outcome = outcomes.get(doc_id) if item.outcome == "analyzed" else None
        analysis = outcome if isinstance(outcome, DocumentAnalysis) else None
        if isinstance(outcome, Failure):
            item = replace(item, outcome="failed", failure=outcome)
        try:
            with store.transaction():
                self._store(item, analysis)
        except STORE_ERRORS:
            raise
        except Exception as err:
            item = replace(item, outcome="failed", failure=failure_of(item.source, "write", err))
            analysis = None
            try:
                with store.transaction():
                    self._store(item, None)
            except STORE_ERRORS:
                raise
            except Exception:  # not even the bare document can be stored: its failure only
                store.record_failure(item.failure or failure_of(item.source, "write", err))
                store.record_input(item.source, item.raw_hash, None, "failed")
                return replace(item, document=None), None
        return item, analysis

    def _store(self, item: _Prepared, analysis: DocumentAnalysis | None) -> None:
        store, document = self.store, item.document
        if document is None:  # pragma: no cover - callers pass documents only
            return
        store.write_document(
            document,
            status=item.outcome,
            fingerprint=item.fingerprint,
            minhash=item.minhash,
            token_count=analysis.token_count if analysis else 0,
        )
        if analysis is not None:
            store.write_analysis(analysis)
        store.forget_skip(item.source)
        if item.failure is not None:
            store.record_failure(item.failure)
        else:
            store.forget_failure(item.source)
        store.record_input(item.source, item.raw_hash, document.id, item.outcome)

    def _count(self, item: _Prepared, analysis: DocumentAnalysis | None) -> Progress:
        summary = self.summary
        summary.read += 1
        if item.outcome == "resumed":
            summary.resumed += 1
        elif item.outcome == "duplicate":
            summary.duplicates += 1
        elif item.outcome == "not-english":
            summary.not_english += 1
        elif item.outcome == "skipped" and item.skip is not None:
            summary.skipped[item.skip.reason] += 1
            return Progress(item.source, "skipped", item.skip.message, item.skip.reason)
        elif item.outcome == "failed" and item.failure is not None:
            summary.failed += 1
            failure = item.failure
            return Progress(
                item.source, "failed", failure.reason, failure.stage, failure.traceback or None
            )
        elif item.document is not None:
            summary.analyzed += 1
            if analysis is not None:
                summary.sentences += len(analysis.sentences)
                summary.mentions += len(analysis.mentions)
                summary.events += len(analysis.events)
                summary.quotes += len(analysis.quotes)
                summary.claims += len(analysis.claims)
                summary.stances += len(analysis.stances)
                summary.tokens += analysis.token_count
        return Progress(item.source, item.outcome)

    # --- reading, cleaning and deduplicating (main process, sequential) ------------------------

    def _is_done(self, source: str, hashed: str) -> bool:
        """Whether this record already reached a verdict (a failure counts unless retried)."""
        outcome = self.store.input_outcome(source, hashed)
        return outcome is not None and (outcome != "failed" or not self.retry_failed)

    def _prepare(self, record: InputRecord | Cleaned) -> _Prepared:
        """Clean one record and decide what becomes of it; whatever it raises fails it alone."""
        hashed = record.raw_hash if isinstance(record, Cleaned) else input_hash(record)
        if self._is_done(record.source, hashed):
            return _Prepared(record.source, hashed, "resumed")
        cleaned = (
            record
            if isinstance(record, Cleaned)
            else clean_record(record, hashed, given_date=self.options.published)
        )
        if cleaned.document is not None:
            try:
                return self._deduplicate(cleaned.source, hashed, cleaned.document)
            except (*STORE_ERRORS, *ENVIRONMENT_ERRORS):
                raise
            except Exception as err:
                failure = failure_of(cleaned.source, "prepare", err)
                return _Prepared(cleaned.source, hashed, "failed", failure=failure)
        if cleaned.skip is not None:
            return _Prepared(cleaned.source, hashed, "skipped", skip=cleaned.skip)
        return _Prepared(cleaned.source, hashed, "failed", failure=cleaned.failure)

    def _deduplicate(self, source: str, hashed: str, document: Document) -> _Prepared:
        fingerprint = text_fingerprint(document.text)
        original = self._fingerprints.get(fingerprint) or self.store.document_by_fingerprint(
            fingerprint
        )
        signature: bytes | None = None
        if original is None or original == document.id:
            signature = minhash_signature(document.text)
            original = self._near.find(signature)
        prepared = _Prepared(
            source, hashed, "duplicate", document, fingerprint, signature, watermark=self._watermark
        )
        if original is not None and original != document.id:
            return replace(prepared, document=replace(document, duplicate_of=original))
        self._fingerprints[fingerprint] = document.id
        if signature is not None:
            self._near.add(document.id, signature)
        return replace(prepared, outcome="analyzed" if document.is_english else "not-english")

    def _catch_up(self, *, initial: bool = False) -> None:
        """Index the original documents stored since the run last looked (by other runs,
        once the run has started); `_recheck` compares the run's records with them."""
        for rowid, doc_id, signature in self.store.signatures_since(self._watermark):
            self._watermark = rowid
            if doc_id in self._near:
                continue
            self._near.add(doc_id, signature)
            if not initial:
                self._foreign.append((rowid, doc_id, signature))

    def _recheck(self, item: _Prepared) -> _Prepared:
        """The record's verdict again, in the batch's transaction: another run may have stored
        the same text, or a near-copy, since the record was prepared (or made the record's
        original a duplicate of its own)."""
        document = item.document
        if document is None:  # pragma: no cover - callers pass documents only
            return item
        if document.duplicate_of is not None:
            original = self._redirects.get(document.duplicate_of, document.duplicate_of)
            original = self.store.original_of(original)
            if original == document.duplicate_of:
                return item
            return replace(item, document=replace(document, duplicate_of=original))
        found = self.store.document_by_fingerprint(item.fingerprint)
        if (found is None or found == document.id) and item.minhash is not None:
            newer = [(d, s) for rowid, d, s in self._foreign if rowid > item.watermark]
            if newer:
                found = NearDuplicateIndex(newer, threshold=self._near.threshold).find(item.minhash)
        if found is None or found == document.id:
            return item
        self._redirects[document.id] = found
        return replace(item, outcome="duplicate", document=replace(document, duplicate_of=found))
