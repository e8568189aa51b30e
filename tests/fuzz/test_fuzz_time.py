"""Time expressions on any text and any anchor: spans that index the text, real intervals."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given

from tests.fuzz.strategies import anchors, texts
from zenobia.extract.time.expressions import find_time_expressions
from zenobia.extract.time.normalise import Anchor, normalise
from zenobia.extract.time.words import load_time_words
from zenobia.model import PublishedDate

BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
"""An expression never runs from one paragraph into the next."""


@given(texts, anchors)
def test_every_expression_is_its_own_text_and_an_ordered_interval(
    text: str, anchor: PublishedDate | None
) -> None:
    previous_end = 0
    for expression in find_time_expressions(text, anchor):
        # in text order, non-overlapping, inside the text
        assert previous_end <= expression.start_char < expression.end_char <= len(text)
        assert text[expression.start_char : expression.end_char] == expression.text
        assert not BLANK_LINE.search(expression.text)
        previous_end = expression.end_char
        start = dt.date.fromisoformat(expression.start)
        end = dt.date.fromisoformat(expression.end)
        assert start <= end
        assert expression.basis
        if Anchor.of(anchor) is None:
            assert not expression.is_relative
        if expression.weekday is not None:
            assert start == end
            assert start.weekday() == expression.weekday


@given(texts, anchors)
def test_the_key_word_windows_find_what_a_whole_scan_finds(
    text: str, anchor: PublishedDate | None
) -> None:
    reference = Anchor.of(anchor)
    words = load_time_words()
    whole = [normalise(m, text, reference) for m in words.pattern.finditer(text)]
    expected = [(n.start_char, n.end_char, n.interval) for n in whole if n is not None]
    found = [
        (e.start_char, e.end_char, (dt.date.fromisoformat(e.start), dt.date.fromisoformat(e.end)))
        for e in find_time_expressions(text, anchor)
    ]
    assert found == expected
