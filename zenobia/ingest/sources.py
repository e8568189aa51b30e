"""Find input files and read them into raw articles, one record at a time.

`discover` turns what a user typed (files, folders, globs) into file paths; `read_inputs` turns
one file into `RawInput` records (or `Skip`s saying why not). Multi-article files (JSONL, CSV,
WARC) are streamed, so a 10 GB crawl needs no more memory than its largest record, and one bad
record costs that record only.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from zenobia.errors import InputError
from zenobia.ingest.decode import decode_bytes, detect_encoding, sniff_html_charset
from zenobia.model import InputKind, RawInput, Skip

__all__ = ["count_records", "discover", "read_inputs"]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
WARC_SUFFIXES = (".warc", ".warc.gz")

# CSV columns tried, in order, when the caller does not name one (matched case-insensitively).
TEXT_COLUMNS = ("text", "content", "article_content", "body", "article_text", "full_text")
TITLE_COLUMNS = ("title", "article_title", "headline")
DATE_COLUMNS = ("date", "published", "published_at", "publication_date", "pub_date")
OUTLET_COLUMNS = ("source", "outlet", "publisher", "source_name")
URL_COLUMNS = ("url", "link", "article_url")

_GLOB_CHARS = frozenset("*?[")
_ENCODING_SAMPLE_BYTES = 1 << 20
"""How much of a CSV file is read to choose its encoding before streaming it."""
_CHUNK_BYTES = 1 << 16
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)


def discover(paths: Iterable[str | Path]) -> Iterator[Path | Skip]:
    """The input files named by `paths`, in a stable order.

    Args:
        paths: Files, folders (searched recursively) and glob patterns (`news/*.html`,
            `crawl/**/*.warc.gz`); a string with `*`, `?` or `[` that is not an existing path is a
            pattern.

    Yields:
        Each file once, in the order given (a folder's files sorted by path); a `Skip` with
        reason "missing" for a path or pattern that names nothing, "unreadable" for a folder
        that cannot be listed.

    Notes:
        Hidden files and folders (names starting with ".") inside a folder or matched by a
        pattern are left out; a hidden file named explicitly is read. Symbolic links to
        folders are not followed, so a link loop cannot trap the walk.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        text = str(given)
        if path.exists():
            found: Iterator[Path | Skip] = _walk(path) if path.is_dir() else iter((path,))
        elif _GLOB_CHARS & set(text):
            found = _expand(text)
        else:
            found = iter((_missing(text),))
        for item in found:
            if isinstance(item, Path):
                key = item.resolve()
                if key in seen:
                    continue
                seen.add(key)
            yield item


def read_inputs(
    path: Path,
    *,
    text_column: str = "text",
    title_column: str | None = None,
    date_column: str | None = None,
    outlet_column: str | None = None,
    url_column: str | None = None,
    max_bytes: int = 50_000_000,
) -> Iterator[RawInput | Skip]:
    """The articles in one file, chosen by its suffix.

    - `.txt`, `.text`, `.md`: one plain-text article (kind "text").
    - `.html`, `.htm`, `.xhtml`: one page (kind "html").
    - `.jsonl`, `.ndjson`: one article a line, an object with `text` or `html` (`text` wins when
      both are present: it is what the producer already extracted) and optional `url`,
      `title`, `published` (or `date`), `author` (a string or a list of strings) and `outlet`
      (or `source`). Source ids are `path#L<line>`.
    - `.csv`: one article a row, the first row naming the columns. Source ids are `path#R<row>`,
      counting data rows from 1 and not counting blank lines (so `R1` is pandas' row 0).
    - `.warc`, `.warc.gz`: one article per `response` record with status 200 and an HTML or
      plain-text content type; source ids are `path#<WARC-Record-ID without its angle
      brackets>`. Other records (requests, images, redirects) are passed over silently.

    CSV columns: `text_column` must exist, except that when it is left at "text" the first of
    `TEXT_COLUMNS` present is used (`content`, `article_content`, `body`, …). Title, date,
    outlet and URL columns, when not named, are the first of `TITLE_COLUMNS`, `DATE_COLUMNS`,
    `OUTLET_COLUMNS` and `URL_COLUMNS` present. Matching ignores case and surrounding spaces.
    A named column that is missing skips the whole file with reason "missing-column".

    Args:
        path: The file.
        text_column: CSV column holding the article text.
        title_column: CSV column holding the title.
        date_column: CSV column holding the publication date.
        outlet_column: CSV column holding the outlet's name.
        url_column: CSV column holding the article's URL.
        max_bytes: Largest article to read: a whole file for text and HTML, one line, row or
            record for JSONL, CSV and WARC. Larger ones are skipped with reason "too-large".

    Yields:
        A `RawInput` per article, or a `Skip` per article (or file) that cannot be read, with
        reasons "missing", "unsupported-type", "too-large", "unreadable", "empty", "binary",
        "malformed", "missing-column" or "no-text".
    """
    source = str(path)
    name = path.name.lower()
    try:
        if not path.is_file():
            reason = "missing" if not path.exists() else "unsupported-type"
            yield Skip(source, reason, f"{source} is not a file; give a file, folder or pattern")
            return
        if name.endswith(WARC_SUFFIXES):
            yield from _read_warc(path, max_bytes)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_bytes)
        elif path.suffix.lower() in CSV_SUFFIXES:
            columns = _Columns(text_column, title_column, date_column, outlet_column, url_column)
            yield from _read_csv(path, columns, max_bytes)
        elif path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
            kind: InputKind = "html" if path.suffix.lower() in HTML_SUFFIXES else "text"
            yield _read_single(path, kind, max_bytes)
        else:
            yield Skip(
                source,
                "unsupported-type",
                f"{source} was not read (zenobia reads .txt, .md, .html, .jsonl, .csv and"
                " .warc[.gz] files). Fix: convert it to one of those, or leave it out",
            )
    except OSError as err:
        yield Skip(
            source,
            "unreadable",
            f"{source} cannot be read ({err.strerror or err}). Fix: check it exists and that"
            " you may read it",
        )


def count_records(paths: Sequence[str | Path]) -> int:
    """About how many records (articles and skips) reading `paths` yields, for a progress bar.

    Args:
        paths: As for `discover`.

    Returns:
        One per single-article file or skip, one per non-blank JSONL line, one per CSV data
        line and one per WARC `response` record. Nothing is decoded or parsed, but WARC files
        are read through once; the count is exact except for CSV fields spanning lines and
        WARC responses that are not articles (images, redirects).
    """
    total = 0
    for found in discover(paths):
        if isinstance(found, Skip):
            total += 1
            continue
        name = found.name.lower()
        try:
            if name.endswith(WARC_SUFFIXES):
                total += _count_warc_responses(found)
            elif found.suffix.lower() in JSONL_SUFFIXES | CSV_SUFFIXES:
                with found.open("rb") as stream:
                    lines = sum(1 for line in stream if line.strip())
                is_csv = found.suffix.lower() in CSV_SUFFIXES
                total += max(1, lines - 1) if is_csv else max(1, lines)
            else:
                total += 1
        except OSError:
            total += 1
    return total


def _walk(folder: Path) -> Iterator[Path | Skip]:
    """Files under `folder`, sorted, without hidden files or folders."""

    def on_error(err: OSError) -> None:
        errors.append(err)

    errors: list[OSError] = []
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root) / n for n in names if not n.startswith("."))
    yield from sorted(files)
    for err in errors:
        where = str(err.filename or folder)
        yield Skip(
            where,
            "unreadable",
            f"{where} cannot be listed ({err.strerror or err}). Fix: check its permissions",
        )


def _expand(pattern: str) -> Iterator[Path | Skip]:
    # Path.glob cannot take an absolute pattern such as "/data/*/news-*.jsonl".
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207
    if not matches:
        yield _missing(pattern)
        return
    for match in matches:
        path = Path(match)
        yield from _walk(path) if path.is_dir() else (path,)


def _missing(given: str) -> Skip:
    return Skip(
        given,
        "missing",
        f"{given} was not found (no such file, folder or matching pattern). Fix: check the"
        " spelling and the current directory",
    )


def _too_large(source: str, size: int, max_bytes: int) -> Skip:
    return Skip(
        source,
        "too-large",
        f"{source} was not read (it holds {size:,} bytes, more than the {max_bytes:,}-byte"
        " limit). Fix: raise the limit (--max-mb) or split it",
    )


def _from_error(source: str, err: InputError) -> Skip:
    return Skip(source, err.reason, str(err))


def _read_single(path: Path, kind: InputKind, max_bytes: int) -> RawInput | Skip:
    source = str(path)
    size = path.stat().st_size
    if size > max_bytes:
        return _too_large(source, size, max_bytes)
    data = path.read_bytes()
    declared = sniff_html_charset(data) if kind == "html" else None
    try:
        content = decode_bytes(data, source, declared_charset=declared)
    except InputError as err:
        return _from_error(source, err)
    return RawInput(source=source, kind=kind, content=content)


# --- JSONL -------------------------------------------------------------------------------------


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[RawInput | Skip]:
    with path.open("rb") as stream:
        for number, line, size in _lines(stream, max_bytes):
            source = f"{path}#L{number}"
            if line is None:
                yield _too_large(source, size, max_bytes)
            elif line.strip():
                yield _jsonl_record(source, line)


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
            line = stream.readline(_CHUNK_BYTES)
            if not line:
                break
            size += len(line)
        yield number, None, size


def _jsonl_record(source: str, line: bytes) -> RawInput | Skip:
    try:
        record = json.loads(decode_bytes(line, source))
    except InputError as err:
        return _from_error(source, err)
    except json.JSONDecodeError as err:
        return _malformed(source, f"it is not valid JSON: {err.msg} at column {err.colno}")
    if not isinstance(record, dict):
        return _malformed(source, f"it holds a JSON {type(record).__name__}, not an object")
    text, html = _string(record.get("text")), _string(record.get("html"))
    if text is None and html is None:
        if any(isinstance(record.get(key), str) for key in ("text", "html")):
            return Skip(
                source, "empty", f"{source} has an empty text. Fix: fill it or leave it out"
            )
        keys = ", ".join(sorted(map(str, record))) or "none"
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
        content=_normalise_newlines(content or ""),
        url=_string(record.get("url")),
        title=_string(record.get("title")),
        author=_author(record.get("author")),
        outlet=_string(record.get("outlet")) or _string(record.get("source")),
        published=_string(record.get("published")) or _string(record.get("date")),
    )


def _malformed(source: str, why: str) -> Skip:
    return Skip(source, "malformed", f"{source} was not read ({why}). Fix: repair or remove it")


def _string(value: object) -> str | None:
    """A non-blank string field, stripped; None for anything else."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _author(value: object) -> str | None:
    if isinstance(value, list):
        names = [name for name in map(_string, value) if name]
        return ", ".join(names) or None
    return _string(value)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- CSV ---------------------------------------------------------------------------------------


class _Columns:
    """The CSV columns a caller asked for (None: detect)."""

    __slots__ = ("date", "outlet", "text", "title", "url")

    def __init__(
        self,
        text: str,
        title: str | None,
        date: str | None,
        outlet: str | None,
        url: str | None,
    ) -> None:
        self.text, self.title, self.date, self.outlet, self.url = text, title, date, outlet, url


def _read_csv(path: Path, wanted: _Columns, max_bytes: int) -> Iterator[RawInput | Skip]:
    file_source = str(path)
    with path.open("rb") as raw:
        sample = raw.read(_ENCODING_SAMPLE_BYTES)
        if not sample.strip():
            yield Skip(file_source, "empty", f"{file_source} is empty. Fix: leave it out")
            return
        try:
            encoding = detect_encoding(
                sample, file_source, is_complete=len(sample) < _ENCODING_SAMPLE_BYTES
            )
        except InputError as err:
            yield _from_error(file_source, err)
            return
        raw.seek(0)
        # Bytes the sample did not show may still be invalid; one odd byte should not cost
        # the rest of the file, so it becomes U+FFFD.
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        _raise_field_limit(max_bytes)
        reader = csv.reader(stream)
        header = next(reader, None)
        if header is None:
            yield Skip(file_source, "empty", f"{file_source} is empty. Fix: leave it out")
            return
        header = [name.strip() for name in header]
        try:
            index = _column_indexes(header, wanted, file_source)
        except InputError as err:
            yield _from_error(file_source, err)
            return
        yield from _csv_rows(reader, path, header, index, max_bytes)


def _csv_rows(
    reader: Any, path: Path, header: list[str], index: dict[str, int | None], max_bytes: int
) -> Iterator[RawInput | Skip]:
    number = 0
    while True:
        try:
            row: list[str] | None = next(reader, None)
        except csv.Error as err:
            number += 1
            yield _malformed(f"{path}#R{number}", f"the CSV parser failed: {err}")
            continue
        if row is None:
            return
        if not row:  # a blank line, as pandas' skip_blank_lines
            continue
        number += 1
        source = f"{path}#R{number}"
        size = sum(len(cell) for cell in row)
        if size > max_bytes:
            yield _too_large(source, size, max_bytes)
            continue
        yield _csv_record(source, row, header, index)


def _csv_record(
    source: str, row: list[str], header: list[str], index: dict[str, int | None]
) -> RawInput | Skip:
    def cell(field: str) -> str | None:
        position = index[field]
        if position is None or position >= len(row):
            return None
        return _string(row[position])

    text_at = index["text"]
    if text_at is None or text_at >= len(row):
        return _malformed(source, f"the row has {len(row)} cells, the header {len(header)} columns")
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
        content=_normalise_newlines(text),
        url=cell("url"),
        title=cell("title"),
        outlet=cell("outlet"),
        published=cell("date"),
    )


def _column_indexes(header: list[str], wanted: _Columns, source: str) -> dict[str, int | None]:
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

    The limit is global to the csv module; it is only ever raised here, never lowered.
    """
    wanted = max(csv.field_size_limit(), max_bytes + 1)
    csv.field_size_limit(min(wanted, 2**31 - 1))


# --- WARC --------------------------------------------------------------------------------------


def _read_warc(path: Path, max_bytes: int) -> Iterator[RawInput | Skip]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                item = _warc_record(path, record, max_bytes)
                if item is not None:
                    yield item
        except ArchiveLoadFailed as err:
            yield _malformed(str(path), f"it is not a readable WARC file: {err}")


def _warc_record(path: Path, record: Any, max_bytes: int) -> RawInput | Skip | None:
    record_id = str(record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    source = f"{path}#{record_id}"
    url = record.rec_headers.get_header("WARC-Target-URI")
    status = record.http_headers.get_statuscode()
    content_type = str(record.http_headers.get_header("Content-Type") or "").lower()
    media_type = content_type.split(";")[0].strip()
    if status != "200" or media_type not in _HTML_TYPES + _TEXT_TYPES:
        log.debug("passing over %s: status %s, type %s", source, status, media_type or "none")
        return None
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        declared = record.rec_headers.get_header("Content-Length")
        size = int(declared) if declared and declared.isdigit() else len(data)
        return _too_large(source, size, max_bytes)
    kind: InputKind = "html" if media_type in _HTML_TYPES else "text"
    charset = _charset_of(content_type)
    if charset is None and kind == "html":
        charset = sniff_html_charset(data)
    try:
        content = decode_bytes(data, source, declared_charset=charset)
    except InputError as err:
        return _from_error(source, err)
    # WARC-Date is when the page was crawled, not when it was published: not a date hint.
    return RawInput(source=source, kind=kind, content=content, url=url or None)


def _charset_of(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None


def _count_warc_responses(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    with path.open("rb") as stream:
        try:
            count = sum(1 for r in ArchiveIterator(stream) if r.rec_type == "response")
        except ArchiveLoadFailed:
            count += 1
    return max(1, count)
