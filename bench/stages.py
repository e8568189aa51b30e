"""Benchmark: what each per-document stage costs, beside bare spaCy, in one process.

    python bench/stages.py [--corpus CSV] [--limit N] [--rounds R]

`bench/run.py` times the whole engine; this one splits the per-document work so each part can
be held to its own budget. On the same cleaned texts, in one process, it times bare spaCy
(`en_core_web_sm` as shipped), zenobia's pipeline (the same model with the gazetteer ruler),
then every stage of `zenobia.extract.stages.STAGES` in order (sentences, mentions and actors
first, geocoding and confidence last). Each measure is the median over `--rounds`
alternating rounds. Reported: seconds, each part as a share of bare spaCy's time, and the
cumulative throughput ratio (bare spaCy ÷ zenobia up to and including that part). Pipeline
load times (model alone, model with the ruler) are reported too. Results also go to
`bench/out/stages.json`.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import spacy
from run import DEFAULT_CORPUS, MODEL
from spacy.language import Language
from spacy.tokens import Doc

from zenobia.analysis import STAGES, Resources, Stage
from zenobia.ingest.document import build_document
from zenobia.model import Document, DocumentAnalysis, RawInput


def _documents(corpus: Path, limit: int) -> list[Document]:
    csv.field_size_limit(1 << 30)
    with corpus.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))[:limit]
    return [
        build_document(
            RawInput(source=f"{corpus}#R{i}", kind="text", content=row["article_content"])
        )
        for i, row in enumerate(rows)
    ]


def _seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _one_round(
    bare: Language,
    resources: Resources,
    documents: list[Document],
    times: dict[str, list[float]],
) -> None:
    """Time bare spaCy, zenobia's parse and every stage once, appending to `times`."""
    texts = [d.text for d in documents]
    parsed: list[Doc] = []
    analyses = [DocumentAnalysis(document=d) for d in documents]

    def timed(name: str, work: Callable[[], object]) -> None:
        times.setdefault(name, []).append(_seconds(work))

    def run_stage(stage: Stage) -> None:
        analyses[:] = [
            stage.run(a, p, resources) for a, p in zip(list(analyses), parsed, strict=True)
        ]

    timed("bare spaCy parse", lambda: list(bare.pipe(texts)))
    timed(
        "zenobia parse (with the gazetteer ruler)",
        lambda: parsed.extend(resources.nlp.pipe(texts)),
    )
    for stage in STAGES:
        timed(f"stage: {stage.name}", functools.partial(run_stage, stage))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    bare = spacy.load(MODEL)  # the first load also pays for imports: not timed
    load_bare = _seconds(lambda: spacy.load(MODEL))
    started = time.perf_counter()
    resources = Resources.load()
    load_ours = time.perf_counter() - started
    documents = _documents(args.corpus, args.limit)
    texts = [d.text for d in documents]
    print(f"{len(texts)} documents, {args.rounds} rounds, one process")

    times: dict[str, list[float]] = {}
    for _ in range(max(1, args.rounds)):
        _one_round(bare, resources, documents, times)

    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians.pop("bare spaCy parse")
    print(f"load: bare model {load_bare:.2f} s, every resource of the analysis {load_ours:.2f} s")
    print(f"bare spaCy parse: {base:.2f} s ({len(texts) / base:.1f} docs/s)")
    print(f"{'part':42} {'seconds':>8} {'share':>7} {'ratio so far':>13}")
    total = 0.0
    rows = []
    for name, seconds in medians.items():
        total += seconds
        ratio = base / total
        rows.append({"part": name, "seconds": seconds, "share": seconds / base, "ratio": ratio})
        print(f"{name:42} {seconds:8.2f} {seconds / base:7.1%} {ratio:13.2f}")
    result = {
        "date": datetime.now(UTC).date().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "documents": len(texts),
        "rounds": args.rounds,
        "load_seconds": {"bare": load_bare, "zenobia": load_ours},
        "bare_parse_seconds": base,
        "parts": rows,
    }
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "stages.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
