"""JSONL files: one article a line, streamed, one bad line costing that line only."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
    one_line,
    string_field,
    too_large,
)
from zenobia.ingest.decode import decode_bytes, detect_encoding
from zenobia.model import InputKind, RawInput, Skip

__all__ = ["read_jsonl"]


def read_jsonl(path: Path, source: str, max_bytes: int) -> Iterator[RawInput | Skip]:
    """The articles of a JSONL file, one per non-blank line (see `read_inputs`).

    Args:
        path: The file.
        source: Its name as records cite it (`source#L<line>`).
        max_bytes: Longest line read; longer ones are skipped with reason "too-large".

    Yields:
        A `RawInput` or a `Skip` per non-blank line; one `Skip` for the whole file when it is
        empty or binary.
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
        with byte_lines(raw, codec) as stream:
            for number, line, size in _lines(stream, max_bytes):
                line_source = f"{source}#L{number}"
                if line is None:
                    yield too_large(line_source, size, max_bytes)
                elif line.strip():
                    yield _jsonl_record(line_source, line)


def count_lines(stream: IO[bytes]) -> int:
    """Non-blank lines in `stream`, read a chunk at a time (a line may be gigabytes long)."""
    count = 0
    is_blank = True
    while chunk := stream.readline(CHUNK_BYTES):
        is_blank = is_blank and not chunk.strip()
        if chunk.endswith(b"\n"):
            count += not is_blank
            is_blank = True
    return count + (not is_blank)


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(1-based line number, line or None when longer than `max_bytes`, its size in bytes)."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield number, line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):  # drain the rest of the long line
            line = stream.readline(CHUNK_BYTES)
            if not line:
                break
            size += len(line)
        yield number, None, size


def _jsonl_record(source: str, line: bytes) -> RawInput | Skip:
    try:
        record = json.loads(decode_bytes(line, source))
    except InputError as err:
        return from_error(source, err)
    except json.JSONDecodeError as err:
        return malformed(source, f"it is not valid JSON: {err.msg} at column {err.colno}")
    except (ValueError, RecursionError) as err:  # an integer of 5,000 digits, 10,000 nested lists
        return malformed(source, f"it is not JSON zenobia can read: {str(err).splitlines()[0]}")
    if not isinstance(record, dict):
        return malformed(source, f"it holds a JSON {type(record).__name__}, not an object")
    text, html = string_field(record.get("text")), string_field(record.get("html"))
    if text is None and html is None:
        if any(isinstance(record.get(key), str) for key in ("text", "html")):
            return Skip(
                source, "empty", f"{source} has an empty text. Fix: fill it or leave it out"
            )
        keys = one_line(", ".join(sorted(map(str, record)))) or "none"
        return Skip(
            source,
            "no-text",
            f"{source} has no article (no string 'text' or 'html' field; its fields: {keys})."
            " Fix: name the article field 'text' (plain text) or 'html' (markup)",
        )
    kind: InputKind = "text" if text is not None else "html"
    content = text if text is not None else html
    return RawInput(
        source=source,
        kind=kind,
        content=clean_text(content or "", source),
        url=string_field(record.get("url")),
        title=string_field(record.get("title")),
        author=_author(record.get("author")),
        outlet=string_field(record.get("outlet")) or string_field(record.get("source")),
        published=string_field(record.get("published")) or string_field(record.get("date")),
    )


def _author(value: object) -> str | None:
    if isinstance(value, list):
        names = [name for name in map(string_field, value) if name]
        return ", ".join(names) or None
    return string_field(value)
