"""What every evaluation row shares: settings, figures, the analysis of a corpus, offsets.

A row module (quotes, stance, geoparse, incidents, entities, plover) exposes
`evaluate(settings) -> RowReport`. It reads its gold from `../shared/corpora`, keeps the
documents of each part (`split.part_of`), runs zenobia through `analyze_records` (the same
ingest, analysis, resolution and JSON export a user runs) and a baseline on the same texts,
and returns figures for both parts.
"""

from __future__ import annotations

import bisect
import difflib
import json
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.eval.split import Part, part_of

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
KNOWLEDGE = ROOT.parent / "shared" / "knowledge"


@dataclass(frozen=True, slots=True)
class Settings:
    """How much to evaluate and where to work.

    `sample` is the number of documents (or sentences, for sentence corpora) drawn per part;
    None means every one (`--full`).
    """

    workdir: Path
    sample: int | None = 60
    processes: int = 2
    seed: int = 13


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure of one row, for one part, zenobia beside its baseline."""

    row: str
    metric: str
    part: Part
    zenobia: float | None
    baseline: float | None
    n: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many documents of a corpus were analysed, skipped, failed or set aside as duplicates."""

    corpus: str
    part: Part
    records: int
    analysed: int
    skipped: int
    failed: int
    duplicates: int


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    """Of the facts of `kind` given a confidence in [low, high), how many were right."""

    kind: str
    part: Part
    low: float
    high: float
    facts: int
    right: int


@dataclass(slots=True)
class RowReport:
    figures: list[Figure] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    reliability: list[ReliabilityBin] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def split_records(
    corpus: str, records: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], str]
) -> dict[Part, list[dict[str, Any]]]:
    """The records of each part, in file order."""
    parts: dict[Part, list[dict[str, Any]]] = {"tune": [], "check": []}
    for record in records:
        parts[part_of(corpus, key(record))].append(record)
    return parts


def sample(items: Sequence[Any], settings: Settings) -> list[Any]:
    """A fixed random sample of `settings.sample` items (all of them when sample is None)."""
    if settings.sample is None or len(items) <= settings.sample:
        return list(items)
    chosen = sorted(random.Random(settings.seed).sample(range(len(items)), settings.sample))
    return [items[i] for i in chosen]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


@dataclass(frozen=True, slots=True)
class Analysed:
    """zenobia's JSON export of a set of records, with each record's exported document."""

    export: dict[str, Any]
    documents: list[dict[str, Any] | None]
    """The exported document of each input record (same order), None when it was not stored."""
    coverage: Coverage
    store: Path | None = None
    """The store the analysis wrote, for what the export does not carry (mention spans)."""

    def standing_for(self, index: int) -> dict[str, Any] | None:
        """The exported document whose facts stand for record `index`: its own, or, for a
        duplicate (stored but not analysed), the document it duplicates."""
        document = self.documents[index]
        if document is None or not document.get("duplicate_of"):
            return document
        original = document["duplicate_of"]
        for candidate in self.export.get("documents", []):
            if candidate.get("id") == original:
                return dict(candidate)
        return document


def analyze_records(
    name: str, part: Part, records: Sequence[dict[str, Any]], settings: Settings
) -> Analysed:
    """Run zenobia's whole analysis on `records` and return its JSON export.

    Each record is one JSONL line as zenobia reads it: `text` (or `html`), optional `title`,
    `published`, `url`, `outlet`. The store is built afresh in `settings.workdir`.
    """
    import zenobia

    folder = settings.workdir / f"{name}-{part}"
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "records.jsonl"
    with source.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    db = folder / "store.db"
    for leftover in folder.glob("store.db*"):
        leftover.unlink()
    with zenobia.open_corpus(db) as corpus:
        run = corpus.analyze([source], processes=settings.processes)
        for _ in run:
            pass
        summary = run.summary
        export = corpus.to_dict()
    by_line: dict[int, dict[str, Any]] = {}
    for document in export.get("documents", []):
        _, _, line = str(document.get("source", "")).rpartition("#L")
        if line.isdigit():
            by_line[int(line)] = document
    documents = [by_line.get(number) for number in range(1, len(records) + 1)]
    coverage = Coverage(
        corpus=name,
        part=part,
        records=len(records),
        analysed=int(getattr(summary, "analyzed", 0)),
        skipped=int(getattr(summary, "skipped_total", 0)),
        failed=int(getattr(summary, "failed", 0)),
        duplicates=int(getattr(summary, "duplicates", 0)),
    )
    return Analysed(export=export, documents=documents, coverage=coverage, store=db)


class OffsetMap:
    """Maps character offsets of an original text onto the text zenobia stored for it.

    zenobia stores a document's title and body, without page furniture, so its offsets can be
    shifted from the gold's. Unchanged stretches map exactly; an offset inside a removed
    stretch maps to None.
    """

    def __init__(self, original: str, stored: str) -> None:
        self._starts: list[int] = []
        self._blocks: list[tuple[int, int, int]] = []
        if original == stored:
            self._blocks = [(0, 0, len(original))]
        else:
            at = stored.find(original) if len(original) <= len(stored) else -1
            if at >= 0:
                self._blocks = [(0, at, len(original))]
            else:
                matcher = difflib.SequenceMatcher(None, original, stored, autojunk=False)
                self._blocks = [
                    (a, b, size) for a, b, size in matcher.get_matching_blocks() if size
                ]
        self._starts = [a for a, _, _ in self._blocks]
        self._stored_starts = [b for _, b, _ in self._blocks]

    def __call__(self, offset: int) -> int | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        a, b, size = self._blocks[index]
        if offset - a < size:
            return b + offset - a
        if offset - a == size:  # an end offset just past a block
            return b + size
        return None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The stored span of the original `[start, end)`, or None if it was not kept whole."""
        mapped_start, mapped_end = self(start), self(end)
        if mapped_start is None or mapped_end is None or mapped_end <= mapped_start:
            return None
        return mapped_start, mapped_end

    def original_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The original span of the stored `[start, end)`, or None if it is not all original.

        The way back, for what zenobia found in its stored text: a span in a title or other
        text the original lacks maps to None.
        """
        index = bisect.bisect_right(self._stored_starts, start) - 1
        if index < 0:
            return None
        a, b, size = self._blocks[index]
        if end - b > size or end <= start:
            return None
        return a + start - b, a + end - b


def lost_spans(original: str, stored: str, spans: Iterable[tuple[int, int]]) -> int:
    """How many gold spans of `original` lie, even in part, in text zenobia did not keep.

    zenobia may take a first line for a headline and keep it out of the body it analyses;
    what is there cannot be found. Whitespace it normalised does not count as lost.
    """
    offsets = OffsetMap(original, stored)
    return sum(1 for start, end in spans if offsets.span(start, end) is None)


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0 where undefined)."""
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def reliability_bins(
    kind: str, part: Part, scored: Iterable[tuple[float, bool]], edges: Sequence[float] = ()
) -> list[ReliabilityBin]:
    """Group (confidence, right) pairs into bins to compare stated and observed accuracy."""
    edges = tuple(edges) or (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0001)
    counts = [[0, 0] for _ in edges[:-1]]
    for confidence, right in scored:
        index = max(0, min(len(counts) - 1, bisect.bisect_right(edges, confidence) - 1))
        counts[index][0] += 1
        counts[index][1] += int(right)
    return [
        ReliabilityBin(kind, part, edges[i], min(edges[i + 1], 1.0), facts, right)
        for i, (facts, right) in enumerate(counts)
        if facts
    ]
