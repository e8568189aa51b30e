"""What the readers of multi-article files share: skip lines, field cleaning, source names.

Notes:
    Every `Skip` a reader yields is one line: a source name never carries a newline or bytes
    that are not text (see `source_name`), and messages say what, why and the fix.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from zenobia.errors import InputError
from zenobia.ingest.decode import remove_nuls
from zenobia.model import Skip

ENCODING_SAMPLE_BYTES = 1 << 20
"""How much of a multi-article file is read to choose its encoding before streaming it."""

CHUNK_BYTES = 1 << 16
"""How much a reader reads at a time when it drains something it will not keep."""

# Characters that would break a source name over lines or hide part of it on a terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

_WHOLE_FILE_CODECS = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32"})
"""Codecs whose newlines are not the byte 0x0A, so their lines cannot be split as bytes."""


def source_name(path: str | Path) -> str:
    """A path as text that can be stored, printed on one line and read back by a person.

    Args:
        path: A path as the operating system gave it.

    Returns:
        The path with bytes that are not UTF-8 shown as `\\xe9` escapes (Linux allows any byte
        in a file name, SQLite and terminals want text) and control characters (a newline in a
        file name) as `\\n`-style escapes.
    """
    return one_line(os.fsencode(path).decode("utf-8", errors="backslashreplace"))


def one_line(text: str) -> str:
    """`text` with control characters and line separators shown as escapes (`\\n`, `\\x00`)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def too_large(source: str, size: int, max_bytes: int) -> Skip:
    return Skip(
        source,
        "too-large",
        f"{source} was not read (it holds {size:,} bytes, more than the {max_bytes:,}-byte"
        " limit). Fix: raise the limit (--max-mb) or split it",
    )


def malformed(source: str, why: str) -> Skip:
    return Skip(source, "malformed", f"{source} was not read ({why}). Fix: repair or remove it")


def empty(source: str) -> Skip:
    return Skip(source, "empty", f"{source} is empty. Fix: leave it out")


def from_error(source: str, err: InputError) -> Skip:
    return Skip(source, err.reason, str(err))


def string_field(value: object) -> str | None:
    """A non-blank string field, stripped; None for anything else."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def clean_text(text: str, source: str) -> str:
    """An article field with "\\n" newlines and without NULs (their removal is logged)."""
    return remove_nuls(text.replace("\r\n", "\n").replace("\r", "\n"), source)


@contextmanager
def byte_lines(raw: IO[bytes], codec: str) -> Iterator[IO[bytes]]:
    """`raw`, or a UTF-8 copy of it when `codec` is UTF-16/32, so lines split on b"\\n".

    Args:
        raw: A file opened in binary mode, at its start.
        codec: The codec `detect_encoding` chose for the file's first bytes.

    Yields:
        A binary stream at its start whose lines are ASCII-compatible bytes. A UTF-16/32 file
        is copied, decoded (bytes that do not decode become U+FFFD), into a temporary file
        deleted on leaving the context.
    """
    if codec not in _WHOLE_FILE_CODECS:
        yield raw
        return
    with tempfile.TemporaryFile() as copy:
        reader = io.TextIOWrapper(raw, encoding=codec, errors="replace", newline="")
        encoder = codecs.getincrementalencoder("utf-8")()
        while chunk := reader.read(CHUNK_BYTES):
            copy.write(encoder.encode(chunk))
        reader.detach()
        copy.seek(0)
        yield copy
