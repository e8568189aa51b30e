"""Writing an export file atomically: readers see the old file or the whole new one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from zenobia.errors import ExportError


def write_atomically(out: str | Path, write: Callable[[TextIO], None]) -> Path:
    """Write through `write` into a temporary file beside `out`, then rename it into place.

    Raises:
        ExportError: The folder or file cannot be written; no partial file is left behind.
    """
    target = Path(out)
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        tmp = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            write(stream)
        tmp.replace(target)
    except OSError as err:
        raise ExportError(
            f"cannot write {target}",
            why=err.strerror or str(err),
            fix="choose a writable --out path",
        ) from err
    finally:
        if tmp is not None and tmp.exists():
            tmp.unlink()
    return target
