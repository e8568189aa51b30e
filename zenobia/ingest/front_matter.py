"""The header a plain-text article may open with: `Date:` lines or a YAML-style block.

Text saved by hand or by a script often states its publication date (and title) above the
article, either as leading `Date: 2024-03-05` / `Published: …` / `Title: …` lines or as a
front-matter block between two `---` lines. That header is the document's own statement, not
part of the article: it is read here and removed, so the stored text, and every span that
indexes it, start at the article.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from zenobia.ingest.dates import parse_date

__all__ = ["FrontMatter", "read_front_matter"]

log = logging.getLogger(__name__)

MAX_FRONT_MATTER_LINES = 30
"""A front-matter block closes within this many lines; a longer one is a rule in the text."""

_DATE_KEYS = frozenset({"date", "published"})
_TITLE_KEYS = frozenset({"title"})
_HEADER_LINE = re.compile(r"^(?P<key>date|published|title)\s*:\s*(?P<value>\S.*?)\s*$", re.I)
_BLOCK_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_FENCE = "---"


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What the header of a text stated, and the text without it.

    `date` is the header's date text when it parses as a day or month (`parse_date`), else
    None; `title` is the header's title, unquoted; `text` is the input with the header's
    lines removed (the input itself when there is no header).
    """

    date: str | None
    title: str | None
    text: str


def read_front_matter(text: str, source: str) -> FrontMatter:
    """Read and remove the `Date:` lines or `---` block opening `text`.

    Args:
        text: A plain-text article, newlines as "\\n".
        source: Where it came from, named in the warning about an unreadable date.

    Returns:
        The header's date and title and the text after it. A date that does not parse is
        logged as one warning line and left out, so the date is decided as for any text.

    Notes:
        Only the first non-blank lines are a header: a `Date:` line inside the article is
        prose. Keys other than date, published and title in a `---` block are dropped with it.
    """
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    fields, end = _block(lines, start)
    if end is None:
        fields, end = _header_lines(lines, start)
    if not fields:
        return FrontMatter(date=None, title=None, text=text)
    date_text = next((fields[k] for k in ("date", "published") if fields.get(k)), None)
    if date_text is not None and parse_date(date_text) is None:
        log.warning(
            "%s states the date %r, which is not a day or a month (the date is found as for any"
            " text)",
            source,
            date_text,
        )
        date_text = None
    return FrontMatter(
        date=date_text, title=fields.get("title") or None, text="\n".join(lines[end:])
    )


def _block(lines: list[str], start: int) -> tuple[dict[str, str], int | None]:
    """The fields of a `---` block opening at `start`, and the line after it (None if none)."""
    if start >= len(lines) or lines[start].strip() != _FENCE:
        return {}, None
    fields: dict[str, str] = {}
    for i in range(start + 1, min(len(lines), start + 1 + MAX_FRONT_MATTER_LINES)):
        line = lines[i].strip()
        if line == _FENCE:
            return fields, i + 1
        if not line or line.startswith("#"):
            continue
        found = _BLOCK_LINE.match(line)
        if found is None:
            return {}, None
        key = found["key"].lower()
        if key in _DATE_KEYS | _TITLE_KEYS and key not in fields:
            fields[key] = _unquoted(found["value"])
    return {}, None


def _header_lines(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """The fields of the `Date:`-style lines from `start`, and the first line after them."""
    fields: dict[str, str] = {}
    end = start
    while end < len(lines):
        found = _HEADER_LINE.match(lines[end].strip())
        if found is None or found["key"].lower() in fields:
            break
        fields[found["key"].lower()] = _unquoted(found["value"])
        end += 1
    if not fields.keys() & _DATE_KEYS:
        # A lone "Title:" line is not enough to call the opening a header.
        return {}, start
    return fields, end


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value.strip()
