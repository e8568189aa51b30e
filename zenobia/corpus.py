"""The library's front door: a corpus is a store plus what can be done with it.

Everything the command line does is one call here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from zenobia.export.json import build_export, write_json
from zenobia.runner import AnalysisRun, ReadOptions
from zenobia.store import SearchHit, Store

DEFAULT_DB = Path("zenobia.db")


class Corpus:
    """A zenobia store opened for analysis, queries and exports.

    Example:
        corpus = open_corpus("palmyra.db")
        for _ in corpus.analyze(["news/"]):
            pass
        corpus.export_json("out.json")
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def analyze(
        self,
        paths: Sequence[str | Path],
        *,
        options: ReadOptions | None = None,
        processes: int | None = None,
        batch_size: int = 16,
    ) -> AnalysisRun:
        """Prepare an analysis of `paths`; iterate the returned run to carry it out.

        Args:
            paths: files, directories (recursive) or glob patterns.
            options: CSV columns and size limits.
            processes: worker processes; default one per core, 1 analyses in this process.
            batch_size: records per transaction.

        Returns:
            The run: iterating it yields one `Progress` per input record; `run.summary` counts.
        """
        return AnalysisRun(
            self.store, paths, options=options, processes=processes, batch_size=batch_size
        )

    def export_json(self, out: str | Path) -> Path:
        """Write the JSON export (DESIGN.md's contract) to `out`."""
        return write_json(self.store, out)

    def to_dict(self) -> dict[str, object]:
        """The JSON export as a Python object."""
        return build_export(self.store)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Sentences matching a full-text query, best first."""
        return self.store.search(query, limit)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_corpus(path: str | Path = DEFAULT_DB) -> Corpus:
    """Open (or create) the store at `path`."""
    return Corpus(Store(path))
