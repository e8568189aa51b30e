"""Find input files and read them into raw articles, one record at a time.

`discover` turns what a user typed (files, folders, globs) into file paths; `read_inputs` turns
one file into `RawInput` records (or `Skip`s saying why not). Multi-article files (JSONL, CSV,
WARC) are streamed, so a 10 GB crawl needs no more memory than its largest record, and one bad
record costs that record only.

Notes:
    Whatever a folder holds — link loops, named pipes, devices, unreadable files, names with
    newlines or bytes that are not UTF-8 — becomes one `Skip` line or a readable file; nothing
    in it stops the walk. Sources name files by `source_name`, text that can always be stored
    and printed on one line.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from zenobia.errors import InputError
from zenobia.ingest._records import from_error, source_name, too_large
from zenobia.ingest.csv_rows import (
    DATE_COLUMNS,
    OUTLET_COLUMNS,
    TEXT_COLUMNS,
    TITLE_COLUMNS,
    URL_COLUMNS,
    Columns,
    count_rows,
    read_csv,
)
from zenobia.ingest.decode import decode_bytes, sniff_html_charset
from zenobia.ingest.jsonl_lines import count_lines, read_jsonl
from zenobia.ingest.warc_records import count_responses, read_warc
from zenobia.model import InputKind, RawInput, Skip

__all__ = [
    "DATE_COLUMNS",
    "OUTLET_COLUMNS",
    "TEXT_COLUMNS",
    "TITLE_COLUMNS",
    "URL_COLUMNS",
    "count_records",
    "discover",
    "read_inputs",
    "source_name",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
WARC_SUFFIXES = (".warc", ".warc.gz")

_GLOB_CHARS = frozenset("*?[")


def discover(paths: Iterable[str | Path]) -> Iterator[Path | Skip]:
    """The input files named by `paths`, in a stable order.

    Args:
        paths: Files, folders (searched recursively) and glob patterns (`news/*.html`,
            `crawl/**/*.warc.gz`); a string with `*`, `?` or `[` that is not an existing path is a
            pattern.

    Yields:
        Each file once, in the order given (a folder's files sorted by path); a `Skip` with
        reason "missing" for a path or pattern that names nothing, "unreadable" for a folder
        that cannot be listed or a symbolic link that loops.

    Notes:
        Hidden files and folders (names starting with ".") inside a folder or matched by a
        pattern are left out; a hidden file named explicitly is read. Symbolic links to
        folders are not followed, so a link loop cannot trap the walk; a link that loops is
        skipped with one line.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        text = os.fspath(given)
        if path.exists():
            found: Iterator[Path | Skip] = _walk(path) if path.is_dir() else iter((path,))
        elif path.is_symlink():
            found = iter((path,))  # a loop or a dangling link: read_inputs says which
        elif _GLOB_CHARS & set(text):
            found = _expand(text)
        else:
            found = iter((_missing(text),))
        for item in found:
            if isinstance(item, Path):
                try:
                    key = item.resolve()
                except (RuntimeError, OSError):  # a link loop (RuntimeError before 3.13)
                    yield _link_loop(item)
                    continue
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
            record for JSONL, CSV and WARC. Larger ones are skipped with reason "too-large",
            without being read.

    Yields:
        A `RawInput` per article, or a `Skip` per article (or file) that cannot be read, with
        reasons "missing", "unsupported-type", "too-large", "unreadable", "empty", "binary",
        "malformed", "truncated", "missing-column" or "no-text". Source ids start with
        `source_name(path)`.
    """
    source = source_name(path)
    name = path.name.lower()
    try:
        if not path.is_file():
            yield _not_a_file(path, source)
            return
        if name.endswith(WARC_SUFFIXES):
            yield from read_warc(path, source, max_bytes)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(path, source, max_bytes)
        elif path.suffix.lower() in CSV_SUFFIXES:
            columns = Columns(text_column, title_column, date_column, outlet_column, url_column)
            yield from read_csv(path, source, columns, max_bytes)
        elif path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
            kind: InputKind = "html" if path.suffix.lower() in HTML_SUFFIXES else "text"
            yield _read_single(path, source, kind, max_bytes)
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
        WARC responses that are not articles (images, redirects). Files over `max_bytes`
        and things that are not files (pipes, devices) count one, unread.
    """
    total = 0
    for found in discover(paths):
        if isinstance(found, Skip):
            total += 1
            continue
        name = found.name.lower()
        suffix = found.suffix.lower()
        try:
            if not found.is_file():  # never open a named pipe: it would wait for a writer
                total += 1
            elif name.endswith(WARC_SUFFIXES):
                total += count_responses(found)
            elif suffix in JSONL_SUFFIXES | CSV_SUFFIXES:
                with found.open("rb") as stream:
                    is_csv = suffix in CSV_SUFFIXES
                    total += count_rows(stream) if is_csv else max(1, count_lines(stream))
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
        where = source_name(err.filename or folder)
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
    source = source_name(given)
    return Skip(
        source,
        "missing",
        f"{source} was not found (no such file, folder or matching pattern). Fix: check the"
        " spelling and the current directory",
    )


def _link_loop(path: Path) -> Skip:
    source = source_name(path)
    return Skip(
        source,
        "unreadable",
        f"{source} was not read (it is a symbolic link that loops back on itself). Fix: point"
        " the link at a file, or remove it",
    )


_FILE_TYPES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_a_file(path: Path, source: str) -> Skip:
    """Why `path`, which is not a regular file, is not read."""
    try:
        mode = path.stat().st_mode
    except RuntimeError:  # a link loop, before Python 3.13
        return _link_loop(path)
    except OSError as err:
        if path.is_symlink():
            if err.errno == errno.ELOOP:
                return _link_loop(path)
            return Skip(
                source,
                "missing",
                f"{source} was not read (it is a symbolic link to nothing: {err.strerror})."
                " Fix: point the link at a file, or remove it",
            )
        return Skip(
            source, "missing", f"{source} was not found ({err.strerror}). Fix: check the path"
        )
    what = next((name for is_type, name in _FILE_TYPES if is_type(mode)), "a special file")
    return Skip(
        source,
        "unsupported-type",
        f"{source} was not read (it is {what}, not a regular file). Fix: give a file, folder"
        " or pattern; copy what it holds into a file to read it",
    )


def _read_single(path: Path, source: str, kind: InputKind, max_bytes: int) -> RawInput | Skip:
    size = path.stat().st_size
    if size > max_bytes:
        return too_large(source, size, max_bytes)
    data = path.read_bytes()
    declared = sniff_html_charset(data) if kind == "html" else None
    try:
        content = decode_bytes(data, source, declared_charset=declared)
    except InputError as err:
        return from_error(source, err)
    return RawInput(source=source, kind=kind, content=content)
