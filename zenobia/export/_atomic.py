"""Writing export files safely: atomically, with the user's umask, never through a link.

Readers see the old file or the whole new one. An existing symbolic link, device, pipe or
folder at the target is refused with one line rather than replaced or written through.
`STDOUT` ("-") as the target streams a single-file export to standard output.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TextIO

from zenobia.errors import ExportError

STDOUT = "-"
"""The `out` that means standard output, as in most command-line tools."""


def is_stdout(out: str | Path) -> bool:
    """Whether `out` asks for standard output."""
    return str(out) == STDOUT


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new, empty file beside `target`, opened for writing.

    Created with mode 0666 so that the kernel applies the user's umask, as to any new file
    (tempfile.mkstemp would make it private, 0600); O_EXCL and O_NOFOLLOW keep a file or link
    planted at the same name from being opened instead.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    while True:
        path = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue


def refuse_unsafe_target(target: Path, *, folder: bool = False) -> None:
    """Raise unless `target` is absent or a plain file (a plain folder when `folder`).

    Raises:
        ExportError: `target` is a symbolic link, a device, a pipe or a socket, or a folder
            where a file is wanted (or the reverse).
    """
    try:
        found = target.lstat()
    except FileNotFoundError:
        return
    except OSError as err:
        raise ExportError(
            f"cannot write {target}", why=err.strerror or str(err), fix="choose another --out"
        ) from err
    mode = found.st_mode
    if stat.S_ISLNK(mode):
        why = "it is a symbolic link, and an export never writes through one"
    elif folder and not stat.S_ISDIR(mode):
        why = "it exists and is not a folder"
    elif folder or stat.S_ISREG(mode):
        return
    elif stat.S_ISDIR(mode):
        why = "it is a folder"
    else:
        why = "it is a device, pipe or socket, not a regular file"
    raise ExportError(f"refusing to write {target}", why=why, fix="choose another --out path")


def _write(out: str | Path, mode: str, write: Callable[[Any], None], newline: str | None) -> Path:
    target = Path(out)
    refuse_unsafe_target(target)
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = _create_temporary(target)
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(handle, mode, encoding=encoding, newline=newline) as stream:
            write(stream)
        # checked again: a link may have appeared while the export was being written
        refuse_unsafe_target(target)
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


def write_atomically(
    out: str | Path, write: Callable[[TextIO], None], *, newline: str | None = None
) -> Path:
    """Write text (UTF-8) through `write` into a temporary file beside `out`, then rename it
    into place; `newline` is `open`'s (the csv module wants "").

    Raises:
        ExportError: `out` is a link, device or folder, or cannot be written; no partial file
            is left behind.
    """
    return _write(out, "w", write, newline)


def write_bytes_atomically(out: str | Path, write: Callable[[IO[bytes]], None]) -> Path:
    """As `write_atomically`, for binary files (Parquet)."""
    return _write(out, "wb", write, None)


def write_text_export(
    out: str | Path, write: Callable[[TextIO], None], *, newline: str | None = None
) -> Path:
    """Write a single-file text export to `out`, or to standard output when `out` is "-".

    Returns:
        The file written (`Path("-")` for standard output).
    """
    if is_stdout(out):
        write(sys.stdout)
        sys.stdout.flush()
        return Path(STDOUT)
    return write_atomically(out, write, newline=newline)


def prepare_folder(out: str | Path, format: str) -> Path:
    """The folder a multi-file export writes into, created if absent.

    Raises:
        ExportError: `out` is "-" (a folder of files cannot stream), a link, or not a folder.
    """
    if is_stdout(out):
        raise ExportError(
            f"cannot stream the {format} export to standard output",
            why="it is a folder of files, one per table",
            fix="give --out a folder path",
        )
    folder = Path(out)
    refuse_unsafe_target(folder, folder=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(
            f"cannot create {folder}", why=err.strerror or str(err), fix="choose another --out"
        ) from err
    return folder
