"""Quotation marks in plain text: where each quoted stretch opens and closes.

Pure string scanning, linear in the text, no parse. `zenobia.extract.quotes.finding` decides which
quoted stretches are speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["QuotedSpan", "find_quoted_spans"]

_PAIRS: Final = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb", "\u2018": "\u2019"}
"""Typographic opening marks (double, low double, guillemet, single) and their closing marks."""
_STRAIGHT: Final = '"'
_MARKS: Final = re.compile('["\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]')
"""Every character that may open or close a quotation."""
_OPENING_CONTEXT: Final = " \t([{\u2014\u2013-/:;,"
"""Characters that may stand right before an opening mark (besides the start of a line)."""


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """One quoted stretch of text.

    Attributes:
        start_char: First character of the content (after the opening mark and spaces).
        end_char: End of the content (before the closing mark), exclusive.
        open_char: Position of the opening mark.
        close_char: Position just after the closing mark (the line end when never closed).
        is_closed: Whether a closing mark was found.
        paragraphs: How many paragraphs (lines) the quote runs across.
    """

    start_char: int
    end_char: int
    open_char: int
    close_char: int
    is_closed: bool
    paragraphs: int = 1


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted stretch of `text`, in order, outermost marks only.

    Args:
        text: A document's text.

    Returns:
        Quoted spans whose content is non-empty.

    Notes:
        Lines are paragraphs. A quote still open at the end of a paragraph continues when the
        next non-blank paragraph opens with a mark of the same family (the news convention for
        a quotation running over paragraphs); otherwise it ends at the paragraph end, unclosed.
        A curly single quote opens only after a space, a bracket or a line start and closes only
        before a non-letter, so a right single mark between letters (a possessive "s", "don't")
        is an apostrophe. A straight double quote opens before a non-space and closes the open
        one; nested marks inside a quote are content. Straight single quotes are not read as
        quotation marks (too often apostrophes).
    """
    found: list[QuotedSpan] = []
    lines = _lines(text)
    open_mark: str | None = None
    open_at = 0
    paragraphs = 1
    for index, (line_start, line_end) in enumerate(lines):
        pos = line_start
        if open_mark is not None:
            # continuation: skip the reopening mark of the new paragraph
            paragraphs += 1
            pos = _skip_spaces(text, pos, line_end) + 1
        for match in _MARKS.finditer(text, pos, line_end):
            pos = match.start()
            if open_mark is None:
                if _opens(text, pos, line_start, line_end):
                    open_mark, open_at, paragraphs = text[pos], pos, 1
            elif _closes(text, pos, open_mark):
                found.extend(_span(text, open_at, pos, pos + 1, closed=True, paragraphs=paragraphs))
                open_mark = None
        if open_mark is not None:
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following is None or not _reopens(text, following, open_mark):
                found.extend(
                    _span(text, open_at, line_end, line_end, closed=False, paragraphs=paragraphs)
                )
                open_mark = None
    return found


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line."""
    lines: list[tuple[int, int]] = []
    start = 0
    for piece in text.split("\n"):
        end = start + len(piece)
        if piece.strip():
            lines.append((start, end))
        start = end + 1
    return lines


def _skip_spaces(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _opens(text: str, pos: int, line_start: int, line_end: int) -> bool:
    char = text[pos]
    if char != _STRAIGHT and char not in _PAIRS:
        return False
    after = text[pos + 1] if pos + 1 < line_end else " "
    if after.isspace() and char != "\u00ab":  # French spacing: « Nous … »
        return False
    if char in ("\u2018", _STRAIGHT):
        return pos == line_start or text[pos - 1] in _OPENING_CONTEXT or text[pos - 1] in _PAIRS
    return True


def _closes(text: str, pos: int, open_mark: str) -> bool:
    char = text[pos]
    if open_mark == _STRAIGHT:
        return char == _STRAIGHT
    if char != _PAIRS[open_mark]:
        return False
    if char == "\u2019":
        after = text[pos + 1] if pos + 1 < len(text) else " "
        return not after.isalnum()
    return True


def _reopens(text: str, line: tuple[int, int], open_mark: str) -> bool:
    first = _skip_spaces(text, line[0], line[1])
    if first >= line[1]:
        return False
    char = text[first]
    if open_mark == _STRAIGHT:
        return char == _STRAIGHT
    return char == open_mark or (char in _PAIRS and _PAIRS[char] == _PAIRS[open_mark])


def _span(
    text: str, open_at: int, content_end: int, close_end: int, *, closed: bool, paragraphs: int
) -> list[QuotedSpan]:
    start = _skip_spaces(text, open_at + 1, content_end)
    end = content_end
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if start >= end:
        return []
    return [QuotedSpan(start, end, open_at, close_end, closed, paragraphs)]
