"""The analysis run: inputs → documents → per-document analysis → store, resumable.

The main process reads inputs, cleans them into documents and decides which are duplicates or
not English; worker processes (each loading the spaCy pipeline once) analyse the rest. Results
are written one batch per transaction, so a crash or Ctrl-C loses at most the batch in flight,
and a re-run skips every input record already recorded with the same content hash.

Notes:
    Batches are pipelined one deep: batch k+1 is cleaned and handed to the workers before the
    results of batch k are written, so the workers rarely wait for the main process.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import signal
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Literal

from zenobia.confidence import load_confidence_table, score_analysis
from zenobia.errors import InputError
from zenobia.extract.places import Geocoder, geocode_analysis, load_geocoder
from zenobia.ingest.document import build_document
from zenobia.ingest.identity import (
    NearDuplicateIndex,
    minhash_signature,
    text_fingerprint,
)
from zenobia.ingest.sources import discover, read_inputs
from zenobia.model import Document, DocumentAnalysis, RawInput, Skip
from zenobia.resolve import resolve_corpus
from zenobia.store import Store

log = logging.getLogger(__name__)

Outcome = Literal["analyzed", "duplicate", "not-english", "skipped", "resumed"]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs: CSV columns and the size limit per record."""

    text_column: str = "text"
    title_column: str | None = None
    date_column: str | None = None
    outlet_column: str | None = None
    url_column: str | None = None
    max_bytes: int = 50_000_000


@dataclass(frozen=True, slots=True)
class Progress:
    """One input record reached a verdict."""

    source: str
    outcome: Outcome
    message: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class RunSummary:
    """What one analysis run did."""

    read: int = 0
    analyzed: int = 0
    resumed: int = 0
    duplicates: int = 0
    not_english: int = 0
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
    """A record after cleaning and deduplication, before NLP."""

    source: str
    raw_hash: str
    outcome: Outcome
    document: Document | None = None
    fingerprint: str = ""
    minhash: bytes | None = None
    skip: Skip | None = None


# --- worker side --------------------------------------------------------------------------------

_worker_failure: BaseException | None = None


def _init_worker() -> None:
    """Load the pipeline once per worker; Ctrl-C is the main process's to handle.

    A failure is kept and raised by the first task instead: an initializer that raises makes
    the pool start replacement workers forever, while a task's error reaches the main process.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker_failure
    try:
        from zenobia.nlp.pipeline import load_pipeline

        load_pipeline()
    except Exception as err:  # re-raised, with its type, by analyze_documents
        _worker_failure = err


def analyze_documents(documents: Sequence[Document]) -> list[DocumentAnalysis]:
    """Analyse a few documents with the process's pipeline (the pure per-document stage)."""
    if _worker_failure is not None:
        raise _worker_failure
    from zenobia.extract.stages import analyze_parsed_document
    from zenobia.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    parsed = nlp.pipe([d.text for d in documents])
    return [analyze_parsed_document(d, doc) for d, doc in zip(documents, parsed, strict=True)]


# --- main side ----------------------------------------------------------------------------------


def raw_hash(raw: RawInput) -> str:
    """A hash of everything a record brings, so an edited record is read again."""
    digest = hashlib.sha256()
    for part in (raw.kind, raw.content, raw.url, raw.title, raw.author, raw.outlet, raw.published):
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


def _records(paths: Iterable[str | Path], options: ReadOptions) -> Iterator[RawInput | Skip]:
    for found in discover(paths):
        if isinstance(found, Skip):
            yield found
            continue
        yield from read_inputs(
            found,
            text_column=options.text_column,
            title_column=options.title_column,
            date_column=options.date_column,
            outlet_column=options.outlet_column,
            url_column=options.url_column,
            max_bytes=options.max_bytes,
        )


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
    ) -> None:
        self.store = store
        self.paths = [str(p) for p in paths]
        self.options = options or ReadOptions()
        self.processes = processes if processes is not None else (os.cpu_count() or 1)
        self.batch_size = batch_size
        self.summary = RunSummary()
        self._near = NearDuplicateIndex.from_pairs(
            store.minhash_signatures(), threshold=near_duplicate_threshold
        )
        self._fingerprints: dict[str, str] = {}
        self._pool: Pool | None = None

    def _geocoder(self) -> Geocoder:
        """The process's geocoder, built when the first analysis is written (main process)."""
        return load_geocoder()

    def __iter__(self) -> Iterator[Progress]:
        started = time.perf_counter()
        run_id = self.store.start_run(self.paths)
        status = "failed"
        try:
            yield from self._run()
            self.summary.resolved = resolve_corpus(self.store).counts
            status = "finished"
        except (KeyboardInterrupt, GeneratorExit):
            status = "interrupted"
            self.summary.interrupted = True
            raise
        finally:
            pool, self._pool = self._pool, None
            if pool is not None:
                if status == "finished":
                    pool.close()
                else:
                    pool.terminate()
                pool.join()
            self.summary.elapsed_s = time.perf_counter() - started
            self.store.finish_run(run_id, self.summary.as_dict(), status)

    def _worker_pool(self) -> Pool | None:
        """The worker processes, started when the first document needs analysing.

        A run that only skips, deduplicates or resumes never pays for loading the pipeline.
        """
        if self._pool is None and self.processes > 1:
            context = multiprocessing.get_context("spawn")
            self._pool = context.Pool(self.processes, initializer=_init_worker)
        return self._pool

    def _run(self) -> Iterator[Progress]:
        records = _records(self.paths, self.options)
        in_flight: tuple[list[_Prepared], AsyncResult[list[list[DocumentAnalysis]]] | None]
        in_flight = ([], None)
        while True:
            batch = [self._prepare(r) for r in islice(records, self.batch_size)]
            pending = self._submit(batch) if batch else None
            yield from self._write(*in_flight)
            if not batch:
                return
            in_flight = (batch, pending)

    def _submit(self, batch: list[_Prepared]) -> AsyncResult[list[list[DocumentAnalysis]]] | None:
        documents = [p.document for p in batch if p.outcome == "analyzed" and p.document]
        if not documents:
            return None
        pool = self._worker_pool()
        if pool is None:
            return None
        per_task = max(1, min(4, len(documents) // max(1, self.processes)))
        chunks = [documents[i : i + per_task] for i in range(0, len(documents), per_task)]
        return pool.map_async(analyze_documents, chunks, chunksize=1)

    def _write(
        self,
        batch: list[_Prepared],
        pending: AsyncResult[list[list[DocumentAnalysis]]] | None,
    ) -> Iterator[Progress]:
        if not batch:
            return
        to_analyze = [p.document for p in batch if p.outcome == "analyzed" and p.document]
        if pending is not None:
            analyses = [a for chunk in pending.get() for a in chunk]
        elif to_analyze:
            analyses = analyze_documents(to_analyze)
        else:
            analyses = []
        by_id = {a.document.id: a for a in analyses}
        with self.store.transaction():
            for item in batch:
                self._write_one(item, by_id)
        for item in batch:
            yield self._count(item, by_id)

    def _write_one(self, item: _Prepared, analyses: dict[str, DocumentAnalysis]) -> None:
        store = self.store
        if item.outcome == "resumed":
            return
        if item.skip is not None:
            store.record_skip(item.skip)
            store.record_input(item.source, item.raw_hash, None, "skipped")
            return
        document = item.document
        if document is None:  # pragma: no cover - every other outcome carries a document
            return
        analysis = analyses.get(document.id)
        store.write_document(
            document,
            status=item.outcome,
            fingerprint=item.fingerprint,
            minhash=item.minhash,
            token_count=analysis.token_count if analysis else 0,
        )
        if analysis is not None:
            geocoded = geocode_analysis(analysis, self._geocoder())
            store.write_analysis(score_analysis(geocoded, load_confidence_table()))
        store.forget_skip(item.source)
        store.record_input(item.source, item.raw_hash, document.id, item.outcome)

    def _count(self, item: _Prepared, analyses: dict[str, DocumentAnalysis]) -> Progress:
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
        elif item.document is not None:
            summary.analyzed += 1
            analysis = analyses.get(item.document.id)
            if analysis is not None:
                summary.sentences += len(analysis.sentences)
                summary.mentions += len(analysis.mentions)
                summary.events += len(analysis.events)
                summary.quotes += len(analysis.quotes)
                summary.claims += len(analysis.claims)
                summary.stances += len(analysis.stances)
                summary.tokens += analysis.token_count
        return Progress(item.source, item.outcome)

    def _prepare(self, record: RawInput | Skip) -> _Prepared:
        """Clean one record and decide what becomes of it (main process, sequential)."""
        if isinstance(record, Skip):
            # A skip has no content to hash; its reason stands in, so the same skip is not
            # reported again while a different one (the file changed) is.
            hashed = "skip:" + hashlib.sha256(record.message.encode()).hexdigest()[:27]
            if self.store.has_input(record.source, hashed):
                return _Prepared(record.source, hashed, "resumed")
            return _Prepared(record.source, hashed, "skipped", skip=record)
        hashed = raw_hash(record)
        if self.store.has_input(record.source, hashed):
            return _Prepared(record.source, hashed, "resumed")
        try:
            document = build_document(record)
        except InputError as err:
            skip = Skip(record.source, err.reason, str(err))
            return _Prepared(record.source, hashed, "skipped", skip=skip)
        fingerprint = text_fingerprint(document.text)
        original = self._fingerprints.get(fingerprint) or self.store.document_by_fingerprint(
            fingerprint
        )
        signature: bytes | None = None
        if original is None or original == document.id:
            signature = minhash_signature(document.text)
            original = self._near.find(signature)
        if original is not None and original != document.id:
            document = replace(document, duplicate_of=original)
            return _Prepared(record.source, hashed, "duplicate", document, fingerprint, signature)
        self._fingerprints[fingerprint] = document.id
        if signature is not None:
            self._near.add(document.id, signature)
        outcome: Outcome = "analyzed" if document.is_english else "not-english"
        return _Prepared(record.source, hashed, outcome, document, fingerprint, signature)
