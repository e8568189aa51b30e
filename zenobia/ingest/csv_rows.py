"""CSV files: one article a row, streamed, so that one broken row costs that row only.

Notes:
    Python's csv module reads a quoted field across lines until its closing quote, so one
    unterminated quote swallows the rows after it into one field, up to the next quote. Here
    csv is fed the file's physical lines, each decoded on its own (`decode_line`: a file
    concatenated from a UTF-8 and a Windows-1252 export keeps both right), and parses them
    strictly: a quote that closes a field must be followed by a comma or the end of the line,
    and the file must not end inside a quoted field. A record that breaks either rule over
    several lines lost its closing quote: it is reported as malformed and reading resumes at
    its second line. Within one line, a stray quote is read leniently, as csv always did. A
    record over the size limit is read through, without being kept, to the line where its
    quotes pair up (doubled quotes count two).
"""

from __future__ import annotations

import codecs
import csv
import logging
import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from zenobia.errors import InputError
from zenobia.ingest._records import (
    CHUNK_BYTES,
    ENCODING_SAMPLE_BYTES,
    byte_lines,
    clean_text,
    empty,
    from_error,
    malformed,
    string_field,
    too_large,
)
from zenobia.ingest.decode import decode_line, detect_encoding, note_replaced_bytes
from zenobia.model import RawInput, Skip

__all__ = ["DATE_COLUMNS", "OUTLET_COLUMNS", "TEXT_COLUMNS", "TITLE_COLUMNS", "URL_COLUMNS"]
__all__ += ["Columns", "count_rows", "read_csv"]

log = logging.getLogger(__name__)

# Columns tried, in order, when the caller does not name one (matched case-insensitively).
TEXT_COLUMNS = ("text", "content", "article_content", "body", "article_text", "full_text")
TITLE_COLUMNS = ("title", "article_title", "headline")
DATE_COLUMNS = ("date", "published", "published_at", "publication_date", "pub_date")
OUTLET_COLUMNS = ("source", "outlet", "publisher", "source_name")
URL_COLUMNS = ("url", "link", "article_url")

_QUOTE = b'"'
_LEGACY_FOR_UTF8 = "cp1252"
"""The codec for lines that are not UTF-8 in a file whose first megabyte was."""
_UNICODE_CODECS = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"})
# A carriage return not followed by a newline ends a line too (old Mac exports).
_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


@dataclass(frozen=True, slots=True)
class Columns:
    """The CSV columns a caller asked for (None: detect)."""

    text: str = "text"
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None


def read_csv(path: Path, source: str, wanted: Columns, max_bytes: int) -> Iterator[RawInput | Skip]:
    """The articles of a CSV file, one per row (see `read_inputs`).

    Args:
        path: The file.
        source: Its name as records cite it (`source#R<row>`).
        wanted: The columns to read.
        max_bytes: Largest row read; larger ones are skipped with reason "too-large".

    Yields:
        A `RawInput` or a `Skip` per data row; one `Skip` for the whole file when it is empty,
        binary, has no readable header or lacks a named column.
    """
    with path.open("rb") as raw:
        sample = raw.read(ENCODING_SAMPLE_BYTES)
        if not sample.strip():
            yield empty(source)
            return
        try:
            codec = detect_encoding(sample, source, is_complete=len(sample) < ENCODING_SAMPLE_BYTES)
        except InputError as err:
            yield from_error(source, err)
            return
        raw.seek(0)
        _raise_field_limit(max_bytes)
        with byte_lines(raw, codec) as stream:
            legacy = _LEGACY_FOR_UTF8 if codec in _UNICODE_CODECS else codec
            start = len(codecs.BOM_UTF8) if stream.read(3) == codecs.BOM_UTF8 else 0
            stream.seek(start)
            lines = _Lines(stream, legacy, max_bytes, start)
            yield from _articles(_records(lines), source, wanted, legacy, max_bytes)


def count_rows(stream: IO[bytes]) -> int:
    """About how many data rows a CSV file holds: its non-blank lines but the header."""
    from zenobia.ingest.jsonl_lines import count_lines

    return max(1, count_lines(stream) - 1)


@dataclass(frozen=True, slots=True)
class _Row:
    cells: list[str]
    is_repaired: bool


@dataclass(frozen=True, slots=True)
class _BadRecord:
    reason: str  # "too-large" or "malformed"
    why: str
    size: int


class _RecordTooLargeError(Exception):
    """Raised through csv.reader when a record grows over the size limit."""


class _Lines:
    """A CSV file's physical lines, decoded one by one, and what the current record used.

    Fed to `csv.reader`, which asks for a line only when the record it parses needs one, so
    the counters between `begin_record` calls describe exactly one record.
    """

    def __init__(self, stream: IO[bytes], legacy: str, max_bytes: int, start: int) -> None:
        self._stream = stream
        self._legacy = legacy
        self._max_bytes = max_bytes
        self._offset = start
        self._pieces: deque[bytes] = deque()
        self.lines = 0
        self.quotes = 0
        self.size = 0
        self.second_line: int | None = None
        self.is_repaired = False
        self.is_at_end = False
        self.last_line = ""

    def begin_record(self) -> None:
        self.lines = self.quotes = self.size = 0
        self.second_line = None
        self.is_repaired = self.is_at_end = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        piece = self._take()
        if piece is None:
            raise StopIteration
        if self.size > self._max_bytes:
            raise _RecordTooLargeError
        text, is_repaired = decode_line(piece, self._legacy)
        self.is_repaired = self.is_repaired or is_repaired
        self.last_line = text
        return text

    def finish_record(self) -> bool:
        """Read on, keeping nothing, until the record's quotes pair up; False at the file's end."""
        while self.quotes % 2:
            if self._take() is None:
                return False
        return True

    def resume_at_second_line(self) -> None:
        """Read the current record's lines after its first again, as new records."""
        if self.second_line is not None:
            self._pieces.clear()
            self._stream.seek(self.second_line)
            self._offset = self.second_line

    def _take(self) -> bytes | None:
        """The next physical line, counted into the record; b"" for one too long to keep."""
        if self._pieces:
            piece = self._pieces.popleft()
            self._count(len(piece), piece.count(_QUOTE))
            return piece
        chunk = self._stream.readline(self._max_bytes + 1)
        if not chunk:
            self.is_at_end = True
            return None
        if len(chunk) > self._max_bytes and not chunk.endswith(b"\n"):
            size, quotes = len(chunk), chunk.count(_QUOTE)
            while not chunk.endswith(b"\n") and (chunk := self._stream.readline(CHUNK_BYTES)):
                size, quotes = size + len(chunk), quotes + chunk.count(_QUOTE)
            self._count(size, quotes)
            return b""
        if b"\r" in chunk[:-2]:
            piece, *rest = (p for p in _LONE_CR.split(chunk) if p)
            self._pieces.extend(rest)
        else:
            piece = chunk
        self._count(len(piece), piece.count(_QUOTE))
        return piece

    def _count(self, size: int, quotes: int) -> None:
        if self.lines == 1:
            self.second_line = self._offset
        self.lines += 1
        self._offset += size
        self.size += size
        self.quotes += quotes


def _records(lines: _Lines) -> Iterator[_Row | _BadRecord]:
    """Each record's cells, or why it was not read; blank lines left out."""
    reader = csv.reader(lines, strict=True)
    while True:
        lines.begin_record()
        problem: str | None = None
        try:
            row = next(reader, None)
        except _RecordTooLargeError:
            row, problem = None, "too-large"
        except csv.Error as err:
            row, problem = None, str(err)
            if lines.lines == 1 and not lines.is_at_end:
                # A stray quote inside one line: read it as csv's lenient mode always did.
                row, problem = next(csv.reader([lines.last_line]), []), None
        if problem is None:
            if row is None:
                return
            if row:
                yield _Row(row, lines.is_repaired)
            continue
        if problem == "too-large" and lines.finish_record():
            yield _BadRecord("too-large", problem, lines.size)
            continue
        lines.resume_at_second_line()
        yield _BadRecord(
            "malformed",
            "a quoted field in it is never closed, so it runs into the lines after it;"
            " those are read on their own",
            lines.size,
        )


def _articles(
    records: Iterator[_Row | _BadRecord],
    source: str,
    wanted: Columns,
    legacy: str,
    max_bytes: int,
) -> Iterator[RawInput | Skip]:
    header_record = next(records, None)
    if header_record is None:
        yield empty(source)
        return
    if isinstance(header_record, _BadRecord):
        yield malformed(source, "its header row cannot be read")
        return
    header = [name.strip() for name in header_record.cells]
    try:
        index = _column_indexes(header, wanted, source)
    except InputError as err:
        yield from_error(source, err)
        return
    for number, record in enumerate(records, start=1):
        row_source = f"{source}#R{number}"
        if isinstance(record, _BadRecord):
            if record.reason == "too-large":
                yield too_large(row_source, record.size, max_bytes)
            else:
                yield malformed(row_source, record.why)
            continue
        if record.is_repaired:
            note_replaced_bytes(row_source, f"UTF-8 or {legacy}")
        yield _csv_record(row_source, record.cells, header, index)


def _csv_record(
    source: str, row: list[str], header: list[str], index: dict[str, int | None]
) -> RawInput | Skip:
    def cell(field: str) -> str | None:
        position = index[field]
        if position is None or position >= len(row):
            return None
        return string_field(row[position])

    text_at = index["text"]
    if text_at is None or text_at >= len(row):
        return malformed(source, f"the row has {len(row)} cells, the header {len(header)} columns")
    text = cell("text")
    if text is None:
        return Skip(
            source,
            "empty",
            f"{source} has an empty '{header[text_at]}' cell. Fix: fill it or leave the row out",
        )
    return RawInput(
        source=source,
        kind="text",
        content=clean_text(text, source),
        url=cell("url"),
        title=cell("title"),
        outlet=cell("outlet"),
        published=cell("date"),
    )


def _column_indexes(header: list[str], wanted: Columns, source: str) -> dict[str, int | None]:
    """Where each wanted column is; raises InputError(reason="missing-column")."""
    lowered = {name.lower(): i for i, name in reversed(list(enumerate(header)))}

    def find(name: str | None, defaults: Sequence[str], role: str) -> int | None:
        if name is not None:
            found = lowered.get(name.strip().lower())
            if found is None:
                raise _missing_column(source, name, role, header)
            return found
        return next((lowered[d] for d in defaults if d in lowered), None)

    is_default_text = wanted.text == "text"
    text = find(None if is_default_text else wanted.text, TEXT_COLUMNS, "text")
    if text is None:
        raise _missing_column(source, wanted.text, "text", header)
    return {
        "text": text,
        "title": find(wanted.title, TITLE_COLUMNS, "title"),
        "date": find(wanted.date, DATE_COLUMNS, "date"),
        "outlet": find(wanted.outlet, OUTLET_COLUMNS, "outlet"),
        "url": find(wanted.url, URL_COLUMNS, "URL"),
    }


def _missing_column(source: str, name: str, role: str, header: list[str]) -> InputError:
    present = ", ".join(repr(h) for h in header) or "none"
    return InputError(
        f"{source} has no {role} column '{name}'",
        reason="missing-column",
        why=f"its columns are {present}",
        fix=f"name the {role} column with --{role.lower()}-column",
    )


def _raise_field_limit(max_bytes: int) -> None:
    """Let the csv module read fields as long as a whole article may be.

    The limit is global to the csv module; it is only ever raised here, never lowered. The
    size of a record is checked by `_Lines`, against `max_bytes` of this call.
    """
    wanted = max(csv.field_size_limit(), max_bytes + 1)
    csv.field_size_limit(min(wanted, 2**31 - 1))
