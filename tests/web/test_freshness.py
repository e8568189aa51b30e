"""The app follows the store while an analysis writes, without making requests wait: facts are
read per request, and the directory of actors and places is rebuilt in the background."""

from __future__ import annotations

import shutil
from pathlib import Path

from zenobia.model import Document, DocumentAnalysis, Mention
from zenobia.resolve.actors import resolve_actors
from zenobia.store import Store
from zenobia.web.directory import build_directory
from zenobia.web.freshness import DirectoryCache, file_state
from zenobia.web.reader import open_store


def _copy(small_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    shutil.copy(small_db, path)
    return path


def _add_document(path: Path, doc_id: str) -> None:
    """A document naming one new actor, `doc_id` Group, whose actors are then resolved (as an
    analysis resolves them after its documents)."""
    text = f"{doc_id} Group arrived."
    document = Document(id=doc_id, source=f"{doc_id}.txt", text=text, title="New")
    name = f"{doc_id} Group"
    mention = Mention(f"{doc_id}-m", doc_id, 0, 0, len(name), name, "ORG", name)
    with Store(path) as store, store.transaction():
        store.write_document(document, status="analyzed", fingerprint=doc_id, minhash=None)
        store.write_analysis(DocumentAnalysis(document=document, mentions=(mention,)))
    with Store(path) as store:
        resolve_actors(store)


def _names(cache: DirectoryCache) -> set[str]:
    return {a.name for a in cache.current().actors.values()}


def test_a_write_is_seen_after_a_rebuild_in_the_background(small_db: Path, tmp_path: Path) -> None:
    path = _copy(small_db, tmp_path)
    cache = DirectoryCache(path, min_interval_s=0.0)
    first = cache.current()
    assert "late Group" not in {a.name for a in first.actors.values()}
    _add_document(path, "late")
    # the request that notices the change is answered at once, with the directory it has
    assert cache.current() is first
    cache.wait()
    assert "late Group" in _names(cache)


def test_rebuilds_are_spaced_by_the_minimum_interval(small_db: Path, tmp_path: Path) -> None:
    path = _copy(small_db, tmp_path)
    now = [100.0]
    cache = DirectoryCache(path, min_interval_s=5.0, clock=lambda: now[0])
    first = cache.current()
    _add_document(path, "early")
    now[0] += 1.0
    cache.current()
    cache.wait()
    assert cache.current() is first  # one second after the last build: not yet
    now[0] += 5.0
    cache.current()
    cache.wait()
    assert "early Group" in _names(cache)


def test_the_store_is_read_while_a_writer_holds_its_transaction(
    small_db: Path, tmp_path: Path
) -> None:
    path = _copy(small_db, tmp_path)
    with Store(path) as writer, writer.transaction():
        document = Document(id="pending", source="pending.txt", text="Not committed yet.")
        writer.write_document(document, status="analyzed", fingerprint="p", minhash=None)
        # a reader sees the last committed state, and is not blocked by the open write
        with open_store(path) as reader:
            assert not reader.rows("SELECT 1 FROM documents WHERE id = 'pending'")
            assert len(build_directory(reader).actors) == 3


def test_the_file_state_changes_with_every_commit(small_db: Path, tmp_path: Path) -> None:
    path = _copy(small_db, tmp_path)
    with Store(path):  # opening a store for writing starts its write-ahead log
        before = file_state(path)
        _add_document(path, "one")
        assert file_state(path) != before
