"""The embedded SQLite store."""

from zenobia.store.sqlite import (
    SCHEMA_VERSION,
    RunRecord,
    SearchHit,
    Store,
    StoredDocument,
    StoredMerge,
)

__all__ = ["SCHEMA_VERSION", "RunRecord", "SearchHit", "Store", "StoredDocument", "StoredMerge"]
