"""Benchmark: Spark local mode beside the local runner on the same corpus, in one run.

    python -m bench.spark [--corpus CSV] [--limit N] [--master local[2]] [--processes 2]

The local runner is `zenobia analyze` with P worker processes into a fresh store; the Spark side
is `zenobia analyze --engine spark` (starting the session, analysing into Parquet shards) then
`zenobia load` into another fresh store, timed end to end: both sides include corpus
resolution. The two stores' JSON exports are compared (they must be identical), and the ratio
Spark ÷ local in seconds is reported. Results go to stdout and `bench/out/spark.json`.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpora/fa-kes/articles.csv"


def _limited(corpus: Path, limit: int | None, tmp: Path) -> Path:
    if not limit:
        return corpus
    csv.field_size_limit(1 << 30)
    source = tmp / "corpus.csv"
    with (
        corpus.open(encoding="utf-8", newline="") as src,
        source.open("w", encoding="utf-8", newline="") as dst,
    ):
        writer = csv.writer(dst)
        for i, row in enumerate(csv.reader(src)):
            if i > limit:
                break
            writer.writerow(row)
    return source


def _export(db: Path, out: Path) -> dict[str, Any]:
    import zenobia

    with zenobia.open_corpus(db) as corpus:
        corpus.export_json(out)
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def local_run(source: Path, db: Path, processes: int) -> float:
    import zenobia

    started = time.perf_counter()
    with zenobia.open_corpus(db) as corpus:
        for _ in corpus.analyze([source], processes=processes):
            pass
    return time.perf_counter() - started


def spark_run(source: Path, db: Path, shards: Path, master: str) -> dict[str, float]:
    import zenobia
    from zenobia.scale import run_spark

    started = time.perf_counter()
    written = run_spark([source], shards, master=master)
    analysed = time.perf_counter()
    with zenobia.open_corpus(db) as corpus:
        for _ in corpus.load(shards):
            pass
    loaded = time.perf_counter()
    return {
        "seconds": loaded - started,
        "spark_job_s": written.elapsed_s,
        "load_s": loaded - analysed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        source = _limited(args.corpus, args.limit, tmp)
        local_s = local_run(source, tmp / "local.db", args.processes)
        print(f"local runner ({args.processes} processes): {local_s:.1f} s", flush=True)
        spark = spark_run(source, tmp / "spark.db", tmp / "shards", args.master)
        print(
            f"spark {args.master} + load: {spark['seconds']:.1f} s"
            f" (job {spark['spark_job_s']:.1f} s, load {spark['load_s']:.1f} s)",
            flush=True,
        )
        identical = _export(tmp / "local.db", tmp / "local.json") == _export(
            tmp / "spark.db", tmp / "spark.json"
        )
    ratio = spark["seconds"] / local_s
    print(f"ratio spark / local: {ratio:.2f}; exports identical: {identical}")
    result = {
        "date": datetime.now(UTC).date().isoformat(),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "corpus": args.corpus.name,
        "limit": args.limit,
        "local_s": local_s,
        **spark,
        "ratio": ratio,
        "identical_exports": identical,
    }
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "spark.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
