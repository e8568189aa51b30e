"""Exports of the store: JSON (the contract), PLOVER, CSV, Parquet, GraphML, GEXF, GeoJSON and
ACLED-style rows (`zenobia.export.formats`; every field in docs/exports.md)."""

from zenobia.export.json import build_export, write_json

__all__ = ["build_export", "write_json"]
