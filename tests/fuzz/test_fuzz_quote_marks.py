"""The quotation-mark matcher on any text: ordered spans between real marks, content trimmed."""

from __future__ import annotations

from hypothesis import example, given

from tests.fuzz.strategies import texts
from zenobia.extract.quotes.marks import find_quoted_spans

_MARKS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019')


@given(texts)
@example('"\u2028')  # a line separator is whitespace, not quoted content
def test_quoted_spans_lie_between_marks_in_order(text: str) -> None:
    previous_close = 0
    for span in find_quoted_spans(text):
        assert previous_close <= span.open_char < span.start_char < span.end_char
        assert span.end_char <= span.close_char <= len(text)
        previous_close = span.close_char
        assert text[span.open_char] in _MARKS
        if span.is_closed:
            assert text[span.close_char - 1] in _MARKS
        # the content is trimmed of spaces at both ends
        content = text[span.start_char : span.end_char]
        assert content == content.strip(" \t\r\n")
        assert content.strip()
        assert span.paragraphs >= 1
        if span.paragraphs == 1:
            assert "\n" not in content
