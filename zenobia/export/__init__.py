"""Exports of the store: JSON (the contract), more formats to come."""

from zenobia.export.json import build_export, write_json

__all__ = ["build_export", "write_json"]
