"""Every export format, and the one call that writes any of them.

Each format's module is imported when it is asked for, so that pyarrow loads only for Parquet.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from zenobia.errors import ZenobiaError
from zenobia.store import Store

__all__ = ["FORMATS", "ExportFormat", "write_export"]


class _Writer(Protocol):
    def __call__(
        self, store: Store, out: str | Path, *, min_confidence: float | None = None
    ) -> Path: ...


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """A format: its name, the module and function that write it, what it holds, and whether
    it is a folder of files (which cannot stream to standard output)."""

    name: str
    module: str
    function: str
    summary: str
    is_folder: bool = False

    def writer(self) -> _Writer:
        """The function that writes this format."""
        writer: _Writer = getattr(importlib.import_module(self.module), self.function)
        return writer


FORMATS = {
    f.name: f
    for f in (
        ExportFormat("json", "zenobia.export.json", "write_json", "the whole store, every fact"),
        ExportFormat("plover", "zenobia.export.plover", "write_plover", "PLOVER JSONL events"),
        ExportFormat("csv", "zenobia.export.csv", "write_csv", "a folder of CSV tables", True),
        ExportFormat(
            "parquet", "zenobia.export.parquet", "write_parquet", "a folder of Parquet tables", True
        ),
        ExportFormat("graphml", "zenobia.export.graphml", "write_graphml", "the actor network"),
        ExportFormat("gexf", "zenobia.export.gexf", "write_gexf", "the actor network, in time"),
        ExportFormat("geojson", "zenobia.export.geojson", "write_geojson", "places and events"),
        ExportFormat("acled", "zenobia.export.acled", "write_acled", "ACLED-style event rows"),
    )
}
"""The export formats by name, in the order the help lists them (docs/exports.md)."""


def write_export(
    store: Store, out: str | Path, format: str, *, min_confidence: float | None = None
) -> Path:
    """Write `store` to `out` in `format` ("-": standard output, for single-file formats).

    The JSON export holds every fact with its confidence; the others only facts at least
    `min_confidence` confident (None: each kind's default threshold; 0.0: every fact).

    Raises:
        ZenobiaError: `format` is not one of `FORMATS`.
        ExportError: `out` cannot be written, is a link or device, or is "-" for a folder.
    """
    found = FORMATS.get(format)
    if found is None:
        raise ZenobiaError(
            f"unknown export format {format!r}",
            why=f"this version writes {', '.join(FORMATS)}",
            fix="choose one of those with --format (docs/exports.md describes each)",
        )
    if found.name == "json":
        from zenobia.export.json import write_json

        return write_json(store, out)
    return found.writer()(store, out, min_confidence=min_confidence)
