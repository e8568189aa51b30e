"""Shards into a store: the records a Spark job wrote, merged as a local run writes its own.

A load is an analysis run whose records come from the shards, in input order, already cleaned
and analysed (geocoded and scored by the executors, as a local run's workers do): it
deduplicates them, writes them one batch per transaction and runs corpus resolution. It
inherits the run's bookkeeping, so loading the same shards twice adds nothing, and a load cut
short resumes where it stopped.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from pathlib import Path

from zenobia.errors import ShardError
from zenobia.model import Document, Failure
from zenobia.runner import AnalysisOutcome, AnalysisRun, Cleaned, InputRecord, RunSummary
from zenobia.scale.shard_rows import ShardRecord, from_row
from zenobia.store import Store

__all__ = ["ShardLoad", "load_shards", "read_shards", "shard_files"]

STALE_AFTER_BATCHES = 4
"""A run holds two batches at once (one being cleaned, one being written): an analysis read
this many batches ago belongs to a record that was not analysed."""

ROWS_PER_READ = 256
"""Rows read from a shard file at a time: a load holds a few of these per file, never a file."""


def shard_files(shards: str | Path) -> list[Path]:
    """The Parquet files of a shard folder (what Spark wrote: `part-*.parquet`).

    Raises:
        ShardError: the folder holds no Parquet file.
    """
    folder = Path(shards)
    files = sorted(folder.rglob("*.parquet")) if folder.is_dir() else []
    if not files:
        raise ShardError(
            f"no shards under {folder}",
            why="the folder is missing or holds no Parquet file",
            fix="give the --shards folder of `zenobia analyze --engine spark`",
        )
    return files


def read_shards(files: Sequence[Path]) -> Iterator[ShardRecord]:
    """Every record of the shard files, in input order.

    Raises:
        ShardError: a file cannot be read, or its rows are out of order.
    """
    yield from heapq.merge(*(_read_file(f) for f in files), key=lambda record: record.seq)


def _read_file(path: Path) -> Iterator[ShardRecord]:
    import pyarrow.parquet as pq

    last = -1
    try:
        batches = pq.ParquetFile(path).iter_batches(batch_size=ROWS_PER_READ)
        for batch in batches:
            for row in batch.to_pylist():
                record = from_row(row)
                if record.seq <= last:
                    raise ValueError(f"row {record.seq} comes after row {last}")
                last = record.seq
                yield record
    except ShardError:
        raise
    except Exception as err:
        raise ShardError(
            f"the shard {path} cannot be read",
            why=f"{type(err).__name__}: {err}",
            fix="write the shards again with `zenobia analyze --engine spark`",
        ) from err


class ShardLoad(AnalysisRun):
    """The records of a shard folder merged into a store; iterate it to drive it.

    Example:
        load = ShardLoad(store, "shards/")
        for step in load:
            print(step.source, step.outcome)
        print(load.summary)
    """

    def __init__(self, store: Store, shards: str | Path, *, batch_size: int = 16) -> None:
        self._files = shard_files(shards)
        super().__init__(store, [str(shards)], processes=1, batch_size=batch_size)
        self._outcomes: dict[tuple[str, str], AnalysisOutcome | None] = {}

    def _inputs(self) -> Iterator[InputRecord | Cleaned]:
        for record in read_shards(self._files):
            document = record.cleaned.document
            if document is not None and record.outcome is not None:
                self._outcomes[_key(document)] = record.outcome
                self._forget_stale()
            yield record.cleaned

    def _forget_stale(self) -> None:
        """Drop the oldest analyses beyond the batches in flight: those of records that were
        not analysed (duplicates, resumed records), whose analyses are never written."""
        while len(self._outcomes) > STALE_AFTER_BATCHES * self.batch_size:
            del self._outcomes[next(iter(self._outcomes))]

    def _analyze_here(self, documents: list[Document]) -> list[AnalysisOutcome]:
        return [self._outcomes.pop(_key(d), None) or _missing(d) for d in documents]


def _key(document: Document) -> tuple[str, str]:
    return document.source, document.id


def _missing(document: Document) -> Failure:
    return Failure(
        source=document.source,
        stage="analyse",
        reason="the shards hold no analysis of this document",
    )


def load_shards(store: Store, shards: str | Path, *, batch_size: int = 16) -> RunSummary:
    """Merge the shards under `shards` into `store` and resolve the corpus.

    Returns:
        What the load did, counted as a local run counts.
    """
    load = ShardLoad(store, shards, batch_size=batch_size)
    for _ in load:
        pass
    return load.summary
