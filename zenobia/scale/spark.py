"""The distributed runner: per-document analysis mapped over Spark partitions, written as
Parquet shards that `zenobia load` merges into a store.

The driver reads the inputs as a local run does (`read_records`) and numbers them; each
partition cleans its records, analyses the English documents with what a local run's worker
processes call, and returns one shard row per record (`shard_rows`). The analysis resources
(the spaCy pipeline, gazetteers, knowledge base) are built once per Python worker process and
kept while Spark reuses it. A record whose cleaning or analysis raises becomes a failed row:
one record never fails the job; only a broken installation (no model, a missing knowledge
file) does.

Deduplication is left to `load`, which decides it in input order as a local run does, so the
store it builds equals the one a local run builds from the same inputs.

Example:
    summary = run_spark(["news/"], "shards/", master="local[2]")
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zenobia.errors import EngineError
from zenobia.runner import (
    PIPELINE,
    Analyzer,
    InputRecord,
    ReadOptions,
    analyze_isolated,
    clean_record,
    failure_of,
    input_hash,
    read_records,
)
from zenobia.scale.shard_rows import COLUMNS, ShardRecord, to_row

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

__all__ = ["ShardSummary", "analyze_partition", "run_spark", "spark_session"]

log = logging.getLogger(__name__)

DEFAULT_MASTER = "local[2]"
"""Spark local mode on two cores: the job runs on this machine with no cluster."""

PARTITIONS_PER_CORE = 4
"""Partitions per core Spark offers: enough that a core finishing early takes another, few
enough that each partition's fixed cost (a task, a Parquet file) stays small."""

CHUNK_SIZE = 8
"""Documents a partition parses together (spaCy's `pipe` is faster over several texts)."""


@dataclass(frozen=True, slots=True)
class ShardSummary:
    """What a Spark job wrote: one row per input record, and how many of each kind."""

    shards: str
    records: int
    documents: int
    analyzed: int
    skipped: int
    failed: int
    elapsed_s: float


# --- on the executors ---------------------------------------------------------------------------


def analyze_partition(
    records: Iterable[tuple[int, InputRecord]],
    analyzer: Analyzer = PIPELINE,
    given_date: str | None = None,
) -> Iterator[tuple[object, ...]]:
    """Clean and analyse one partition's numbered records; one shard row each, in order.

    Args:
        records: The partition's records with their places in the input.
        analyzer: What analyses documents: the pipeline and every stage, as a local run.
        given_date: The publication day of records that state none (`ReadOptions.published`).

    Raises:
        ModelError, KnowledgeError: the installation is broken (the job stops).
    """
    numbered = iter(records)
    resources: object = None
    while chunk := list(islice(numbered, CHUNK_SIZE)):
        if resources is None and analyzer.load is not None:
            resources = analyzer.load()  # once per executor process: the loader keeps them
        yield from _analyze_chunk(chunk, analyzer, resources, given_date)


def _analyze_chunk(
    chunk: Sequence[tuple[int, InputRecord]],
    analyzer: Analyzer,
    resources: object,
    given_date: str | None,
) -> Iterator[tuple[object, ...]]:
    cleaned = [
        (seq, clean_record(record, input_hash(record), given_date=given_date))
        for seq, record in chunk
    ]
    # English documents, as a local run analyses; duplicates are only known at load, so they
    # are analysed here too and their analyses dropped there.
    documents = [c.document for _, c in cleaned if c.document is not None and c.document.is_english]
    outcomes = analyze_isolated(analyzer.analyze, documents, resources) if documents else []
    by_id = {d.id: o for d, o in zip(documents, outcomes, strict=True)}
    for seq, record in cleaned:
        document = record.document
        outcome = by_id.get(document.id) if document is not None else None
        try:
            yield to_row(ShardRecord(seq, record, outcome))
        except Exception as err:  # a record that cannot be written fails alone
            yield to_row(ShardRecord(seq, record, failure_of(record.source, "write", err)))


# --- on the driver ------------------------------------------------------------------------------


def shard_schema() -> StructType:
    """The Spark schema of shard rows (`shard_rows.COLUMNS`)."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    kinds = {"long": LongType(), "string": StringType()}
    return StructType([StructField(name, kinds[kind], nullable=True) for name, kind in COLUMNS])


def spark_session(master: str = DEFAULT_MASTER, *, app_name: str = "zenobia") -> SparkSession:
    """A Spark session on `master` (local mode: `local[N]`; a cluster: `spark://host:7077`).

    In local mode the Python workers run this interpreter, so they import the same zenobia;
    on a cluster, zenobia must be installed on every worker.

    Raises:
        EngineError: PySpark is not installed, or Spark cannot start (no Java runtime, say).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as err:
        raise EngineError(
            "the Spark engine is not installed",
            why=str(err),
            fix="pip install 'zenobia[spark]' (and a Java runtime, 17 or later)",
        ) from err
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        builder: Any = SparkSession.builder
        session: SparkSession = (
            builder.master(master)
            .appName(app_name)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.python.worker.reuse", "true")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")  # the job's failures reach us as errors
        return session
    except Exception as err:
        raise EngineError(
            f"Spark cannot start on {master}",
            why=_first_line(err),
            fix="install a Java runtime (17 or later) and check --master",
        ) from err


def run_spark(
    paths: Sequence[str | Path],
    shards: str | Path,
    *,
    master: str = DEFAULT_MASTER,
    options: ReadOptions | None = None,
    partitions: int | None = None,
    session: SparkSession | None = None,
    analyzer: Analyzer = PIPELINE,
) -> ShardSummary:
    """Analyse every record under `paths` on Spark into Parquet shards under `shards`.

    Args:
        paths: Files or folders, read as `zenobia analyze` reads them.
        shards: Where the shards go (a folder, replaced if it exists; any path Spark can
            write, such as hdfs://… on a cluster).
        master: The Spark master, when no `session` is given.
        options: How to read the inputs.
        partitions: How many partitions; by default `PARTITIONS_PER_CORE` per core Spark offers.
        session: A running session to use (and leave running), instead of starting one.
        analyzer: What analyses documents (the pipeline and every stage unless told).

    Returns:
        What the shards hold.

    Raises:
        EngineError: Spark cannot start, or the job failed (a broken installation).
    """
    import time

    started = time.perf_counter()
    spark = session or spark_session(master)
    try:
        read_options = options or ReadOptions()
        records = list(enumerate(read_records(paths, read_options)))
        context = spark.sparkContext
        slices = partitions or max(1, context.defaultParallelism * PARTITIONS_PER_CORE)
        rows = context.parallelize(records, max(1, min(slices, len(records)))).mapPartitions(
            partial(analyze_partition, analyzer=analyzer, given_date=read_options.published)
        )
        frame = spark.createDataFrame(rows, shard_schema())
        frame.write.mode("overwrite").parquet(str(shards))
        counts = (
            spark.read.parquet(str(shards))
            .selectExpr(
                "count(*)",
                "count(document)",
                "count(sentences)",
                "count(skip)",
                "count(failure) + count(analysis_failure)",
            )
            .first()
        )
    except EngineError:
        raise
    except Exception as err:
        raise EngineError(
            "the Spark job failed", why=_cause(err), fix="see the cause; --debug shows the trace"
        ) from err
    finally:
        if session is None:
            spark.stop()
    total, documents, analyzed, skipped, failed = (int(v) for v in counts or (0, 0, 0, 0, 0))
    return ShardSummary(
        shards=str(shards),
        records=total,
        documents=documents,
        analyzed=analyzed,
        skipped=skipped,
        failed=failed,
        elapsed_s=time.perf_counter() - started,
    )


def _cause(error: BaseException) -> str:
    """The line of a failed job's message that names the error an executor raised (a zenobia
    error, say a missing model), or its first line."""
    for line in str(error).splitlines():
        if line.startswith("zenobia.errors."):
            return line.removeprefix("zenobia.errors.").strip()
    return f"{type(error).__name__}: {_first_line(error)}"


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__
