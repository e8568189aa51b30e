"""The catalog follows the store while an analysis writes, without making requests wait."""

from __future__ import annotations

import shutil
from pathlib import Path

from zenobia.model import Document
from zenobia.store import Store
from zenobia.web.catalog import build_catalog
from zenobia.web.freshness import CatalogCache, file_state
from zenobia.web.reader import StoreReader


def _copy(small_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    shutil.copy(small_db, path)
    return path


def _add_document(path: Path, doc_id: str) -> None:
    document = Document(id=doc_id, source=f"{doc_id}.txt", text="A new report.", title="New")
    with Store(path) as store, store.transaction():
        store.write_document(document, status="analyzed", fingerprint=doc_id, minhash=None)


def test_a_write_is_seen_after_a_rebuild_in_the_background(small_db: Path, tmp_path: Path) -> None:
    path = _copy(small_db, tmp_path)
    cache = CatalogCache(path, min_interval_s=0.0)
    first = cache.current()
    assert "late" not in first.documents
    _add_document(path, "late")
    # the request that notices the change is answered at once, from the catalog it has
    assert cache.current() is first
    cache.wait()
    assert "late" in cache.current().documents


def test_rebuilds_are_spaced_by_the_minimum_interval(small_db: Path, tmp_path: Path) -> None:
    path = _copy(small_db, tmp_path)
    now = [100.0]
    cache = CatalogCache(path, min_interval_s=5.0, clock=lambda: now[0])
    first = cache.current()
    _add_document(path, "early")
    now[0] += 1.0
    cache.current()
    cache.wait()
    assert cache.current() is first  # one second after the last build: not yet
    now[0] += 5.0
    cache.current()
    cache.wait()
    assert "early" in cache.current().documents


def test_the_catalog_is_read_while_a_writer_holds_its_transaction(
    small_db: Path, tmp_path: Path
) -> None:
    path = _copy(small_db, tmp_path)
    with Store(path) as writer, writer.transaction():
        document = Document(id="pending", source="pending.txt", text="Not committed yet.")
        writer.write_document(document, status="analyzed", fingerprint="p", minhash=None)
        # a reader sees the last committed state, and is not blocked by the open write
        catalog = build_catalog(StoreReader(path))
        assert "pending" not in catalog.documents
        assert len(catalog.events) == 24


def test_the_file_state_changes_with_every_commit(small_db: Path, tmp_path: Path) -> None:
    path = _copy(small_db, tmp_path)
    with Store(path):  # opening a store for writing starts its write-ahead log
        before = file_state(path)
        _add_document(path, "one")
        assert file_state(path) != before
