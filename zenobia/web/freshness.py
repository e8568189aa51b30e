"""Keeping the directory of actors and places as fresh as the store, without making requests
wait for it.

Facts are read from the store per request; the directory (`zenobia.web.directory`) is built
once when the app starts. After that, each request looks at the store's file and its
write-ahead log (size, time, inode: two `stat` calls); when either changed since the last
build, a new directory is built in a background thread while requests go on being answered
with the current one, which is swapped for the new one when it is ready. An analysis
committing batch after batch therefore costs at most one rebuild every
`MIN_REBUILD_INTERVAL_S`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from zenobia.web.directory import Directory, build_directory
from zenobia.web.reader import open_store

logger = logging.getLogger(__name__)

MIN_REBUILD_INTERVAL_S = 5.0
"""Least time between the starts of two rebuilds: the directory of FA-KES's 804 articles
takes about 1 s to build, so that a store being written is rebuilt at most a fifth of the
time on one core."""

FileState = tuple[tuple[int, int, int], ...]


def file_state(path: Path) -> FileState:
    """What changes when a store is written: the inode, size and modification time of its
    file and of its write-ahead log ((0, 0, 0) for a file that does not exist)."""
    states = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            found = file.stat()
            states.append((found.st_ino, found.st_size, found.st_mtime_ns))
        except FileNotFoundError:
            states.append((0, 0, 0))
    return tuple(states)


class DirectoryCache:
    """The latest directory of one store, rebuilt in the background when the store changes.

    Args:
        path: The store file.
        min_interval_s: Least time between the starts of two rebuilds.
        clock: Seconds, monotonic (tests pass their own).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        min_interval_s: float = MIN_REBUILD_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = Path(path)
        self._min_interval_s = min_interval_s
        self._clock = clock
        self._lock = threading.Lock()
        self._directory: Directory | None = None
        self._built_state: FileState | None = None
        self._started_at = float("-inf")
        self._rebuilding: threading.Thread | None = None

    def current(self) -> Directory:
        """The latest directory; the first call builds it, later ones start a rebuild in the
        background when the store changed, and return the current directory meanwhile.

        Raises:
            StoreError: The store cannot be read (only when no directory was built yet).
        """
        directory = self._directory
        if directory is None:
            return self.refresh()
        state = file_state(self.path)
        with self._lock:
            is_due = (
                state != self._built_state
                and self._rebuilding is None
                and self._clock() - self._started_at >= self._min_interval_s
            )
            if is_due:
                self._started_at = self._clock()
                self._rebuilding = threading.Thread(
                    target=self._rebuild, args=(state,), name="zenobia-directory", daemon=True
                )
                self._rebuilding.start()
        return directory

    def refresh(self) -> Directory:
        """Build the directory now, in this thread, and make it the current one."""
        state = file_state(self.path)
        with self._lock:
            self._started_at = self._clock()
        directory = self._build()
        with self._lock:
            self._directory, self._built_state = directory, state
        return directory

    def wait(self) -> None:
        """Wait for a rebuild in the background, if one is running."""
        thread = self._rebuilding
        if thread is not None:
            thread.join()

    def _rebuild(self, state: FileState) -> None:
        try:
            directory = self._build()
        except Exception:  # a failed rebuild keeps the current directory; the next change retries
            logger.exception("cannot rebuild the directory of %s", self.path)
            with self._lock:
                self._rebuilding = None
            return
        with self._lock:
            self._directory, self._built_state, self._rebuilding = directory, state, None

    def _build(self) -> Directory:
        reader = open_store(self.path)
        try:
            return build_directory(reader)
        finally:
            reader.close()
