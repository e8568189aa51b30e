"""WARC archives: one article per HTML or plain-text response; one line for a damaged archive.

Notes:
    A crawl cut short (a full disk, a killed crawler, a partial download) ends inside a record.
    warcio then hands over the record's first part as if it were whole, or, in a `.warc.gz`,
    stops at the last complete gzip member without a word. Both are caught here: a record whose
    stream ends before its `Content-Length` is skipped as "truncated", and bytes left after the
    last record warcio read are reported as a truncated record too. Records before the damage
    are kept.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path
from typing import Any

from zenobia.errors import InputError
from zenobia.ingest._records import CHUNK_BYTES, empty, from_error, malformed, one_line, too_large
from zenobia.ingest.decode import decode_bytes, sniff_html_charset
from zenobia.model import InputKind, RawInput, Skip

__all__ = ["count_responses", "read_warc"]

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_GZIP_MAGIC = b"\x1f\x8b"
_DETAIL_CHARS = 120
"""How much of warcio's own explanation a skip line quotes (it may quote the file's bytes)."""


def read_warc(path: Path, source: str, max_bytes: int) -> Iterator[RawInput | Skip]:
    """The articles of a WARC file, plain or gzip-compressed (see `read_inputs`).

    Args:
        path: The file.
        source: Its name as records cite it (`source#<WARC-Record-ID>`).
        max_bytes: Largest record body read; larger ones are skipped with reason "too-large".

    Yields:
        A `RawInput` or `Skip` per HTML or plain-text response with status 200; a "truncated"
        `Skip` where the archive is cut or damaged after its first record (`source#byte<N>`
        when the record has no id yet); one `Skip` for the whole file when it is empty, not a
        WARC archive, or holds no article at all.
    """
    from warcio.archiveiterator import WARCIterator

    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        head = stream.read(len(_GZIP_MAGIC))
        stream.seek(0)
        if size == 0:
            yield empty(source)
            return
        archive = WARCIterator(stream)
        records = iter(archive)
        end = 0  # where the last complete record ends, in the file's bytes
        articles = 0
        while True:
            try:
                with _quiet():
                    record = next(records, None)
                if record is None:
                    break
                item = _article(source, record, end, max_bytes)
                is_cut = _is_cut(record)
                if not is_cut:
                    with _quiet():  # reading on to the next record is where warcio warns
                        end = archive.get_record_offset() + archive.get_record_length()
            # warcio raises many types on damaged input (its own, AttributeError, ValueError,
            # zlib.error); any of them means the archive cannot be read on from here.
            except Exception as err:
                yield _damaged(source, path, head, end, err)
                return
            if is_cut:
                yield _truncated(source, _record_source(source, record, end), end)
                return
            if item is not None:
                articles += 1
                yield item
        stream.seek(end)
        if stream.read(CHUNK_BYTES).strip():
            yield _truncated(source, f"{source}#byte{end}", end)
        elif articles == 0:
            yield Skip(
                source,
                "no-text",
                f"{source} holds no article (no HTML or plain-text response with status 200)."
                " Fix: check that the crawl fetched article pages",
            )


def count_responses(path: Path) -> int:
    """How many response records a WARC file holds (at least 1, so a damaged one counts)."""
    from warcio.archiveiterator import WARCIterator

    count = 0
    with path.open("rb") as stream:
        try:
            with _quiet():
                count = sum(1 for r in WARCIterator(stream) if r.rec_type == "response")
        except Exception:  # warcio's many error types: counted here, reported when read
            count += 1
    return max(1, count)


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep warcio's warnings about damaged records off stderr; they are logged at debug level.

    A damaged archive is reported by one skip line; warcio's own three-line warnings would
    break that rule.
    """
    with redirect_stderr(io.StringIO()) as noise:
        yield
    if noise.getvalue().strip():
        log.debug("warcio: %s", " ".join(noise.getvalue().split()))


def _article(source: str, record: Any, offset: int, max_bytes: int) -> RawInput | Skip | None:
    """The article a response record holds, a `Skip`, or None for records that hold none."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    record_source = _record_source(source, record, offset)
    url = record.rec_headers.get_header("WARC-Target-URI")
    status = record.http_headers.get_statuscode()
    content_type = str(record.http_headers.get_header("Content-Type") or "").lower()
    media_type = content_type.split(";")[0].strip()
    if status != "200" or media_type not in _HTML_TYPES + _TEXT_TYPES:
        log.debug("passing over %s: status %s, type %s", record_source, status, media_type)
        return None
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        declared = record.rec_headers.get_header("Content-Length")
        size = int(declared) if declared and declared.isdigit() else len(data)
        return too_large(record_source, size, max_bytes)
    kind: InputKind = "html" if media_type in _HTML_TYPES else "text"
    charset = _charset_of(content_type)
    if charset is None and kind == "html":
        charset = sniff_html_charset(data)
    try:
        content = decode_bytes(data, record_source, declared_charset=charset)
    except InputError as err:
        return from_error(record_source, err)
    # WARC-Date is when the page was crawled, not when it was published: not a date hint.
    return RawInput(source=record_source, kind=kind, content=content, url=url or None)


def _is_cut(record: Any) -> bool:
    """Whether the record's stream ended before the length its header declares."""
    raw = record.raw_stream
    while raw.read(CHUNK_BYTES):
        pass
    return int(getattr(raw, "limit", 0)) > 0


def _record_source(source: str, record: Any, offset: int) -> str:
    record_id = str(record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    return f"{source}#{one_line(record_id)}" if record_id else f"{source}#byte{offset}"


def _truncated(source: str, record_source: str, offset: int) -> Skip:
    if offset == 0:
        return Skip(
            source,
            "truncated",
            f"{source} was not read (it ends inside its first record: it was cut short)."
            " Fix: fetch or copy the archive again",
        )
    return Skip(
        record_source,
        "truncated",
        f"{record_source} was not read (the archive ends inside this record, after byte"
        f" {offset:,}: it was cut short; the records before it were read). Fix: fetch or"
        " copy the archive again",
    )


def _damaged(source: str, path: Path, head: bytes, end: int, err: Exception) -> Skip:
    from warcio.exceptions import ArchiveLoadFailed

    if isinstance(err, ArchiveLoadFailed):
        detail = one_line(str(err))[:_DETAIL_CHARS]
    else:  # warcio's internals tripping over a record header cut in half
        detail = f"a record header is cut or garbled ({type(err).__name__})"

    if end > 0:
        return Skip(
            f"{source}#byte{end}",
            "truncated",
            f"{source} was read up to byte {end:,} only (the archive is damaged there:"
            f" {detail}). Fix: fetch or copy the archive again",
        )
    if path.name.lower().endswith(".gz") and head != _GZIP_MAGIC:
        detail = f"a .gz name but no gzip data; {detail}"
    elif head == _GZIP_MAGIC and _is_broken_gzip(path):
        detail = f"its gzip data is damaged; {detail}"
    return malformed(source, f"it is not a readable WARC archive: {detail}")


def _is_broken_gzip(path: Path) -> bool:
    try:
        with gzip.open(path) as stream:
            stream.read(CHUNK_BYTES)
    except (OSError, EOFError, zlib.error):
        return True
    return False


def _charset_of(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None
