"""The page splitter and plain-text ingestion on any text: whole lines kept, nothing raised."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import news_text, texts, tokens
from zenobia.errors import InputError
from zenobia.ingest.document import build_document
from zenobia.ingest.page import split_page
from zenobia.model import RawInput


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page of lines: headline-, byline-, date- and comment-like lines, some indented."""
    lines = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["", "", "  ", "    ", "\t", "1. ", "  2) ", "\u2022 ", "- "]),
                news_text(max_tokens=12),
            ),
            max_size=20,
        )
    )
    return "\n".join(indent + line for indent, line in lines)


page_texts = st.one_of(pages(), texts)


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(any(line == candidate for candidate in remaining) for line in part)


@given(page_texts)
def test_the_body_keeps_whole_lines_of_the_page_in_order(text: str) -> None:
    parts = split_page(text)
    assert parts.body == parts.body.strip()
    # lines keep their text; only the body's first indentation and line ends are trimmed
    page_lines = [
        line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    body_lines = [line.strip() for line in parts.body.split("\n") if line]
    assert _is_subsequence(body_lines, page_lines)


@given(page_texts)
def test_header_fields_are_single_clean_lines(text: str) -> None:
    parts = split_page(text)
    for field in (parts.title, parts.author, parts.outlet, parts.dateline):
        if field is not None:
            # one line, spaces collapsed, nothing at the edges
            assert field
            assert field == " ".join(field.split())
    for comment in parts.comments:
        assert comment.text == comment.text.strip()
        assert comment.text


@given(
    content=page_texts,
    published=st.one_of(st.none(), st.lists(tokens, max_size=3).map(" ".join)),
    title=st.one_of(st.none(), news_text(max_tokens=5)),
)
def test_a_text_input_becomes_a_document_or_a_no_text_skip(
    content: str, published: str | None, title: str | None
) -> None:
    raw = RawInput("fuzz.txt", "text", content, title=title, published=published)
    try:
        document = build_document(raw)
    except InputError as err:
        assert err.reason == "no-text"
        return
    assert document.text
    assert document.text == document.text.strip()
    if document.published.date is not None:
        assert dt.date.fromisoformat(document.published.date).isoformat() == (
            document.published.date
        )
