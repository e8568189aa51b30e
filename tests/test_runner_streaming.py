"""A run streams its inputs: records are read as the run needs them, never all at once."""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import zenobia
import zenobia.runner
from zenobia.model import RawInput
from zenobia.runner import AnalysisRun, Analyzer

HELPERS = Path(__file__).parent / "helpers"
WORDS = [
    "army",
    "town",
    "bridge",
    "convoy",
    "river",
    "council",
    "market",
    "harbour",
    "valley",
    "school",
    "road",
    "field",
]


@pytest.fixture
def faulty(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The stand-in analysis (no spaCy), importable by name here and in worker processes."""
    monkeypatch.syspath_prepend(str(HELPERS))
    return importlib.import_module("faulty_analysis")


def _endless(read: list[int]) -> Iterator[RawInput]:
    """Records without end, counting how many were read: a run that listed them all hangs."""
    for n in itertools.count():
        read[0] += 1
        words = " ".join(WORDS[(n * 7 + i * (n % 5 + 1)) % len(WORDS)] for i in range(40))
        yield RawInput(f"stream.jsonl#L{n + 1}", "text", f"Report {n}. The {words} was quiet.")


@pytest.mark.parametrize("processes", [1, 2])
def test_a_run_reads_at_most_two_batches_ahead_of_what_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, faulty: ModuleType, processes: int
) -> None:
    read = [0]
    monkeypatch.setattr(zenobia.runner, "read_records", lambda _paths, _options: _endless(read))
    batch_size = 4
    with zenobia.open_corpus(tmp_path / "z.db") as corpus:
        run = AnalysisRun(
            corpus.store,
            ["stream.jsonl"],
            analyzer=Analyzer(faulty.analyze_plainly),
            processes=processes,
            batch_size=batch_size,
        )
        steps = iter(run)
        for written in range(1, 41):
            next(steps)
            # the batch being written and the one the workers hold, no more
            assert read[0] <= written + 2 * batch_size
        steps.close()  # as Ctrl-C would: the run stops, what it wrote stays
        assert corpus.store.counts()["documents"] >= 36
