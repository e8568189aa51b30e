"""A plain text's own header (`Date:` lines, a `---` block) dates it and leaves its text."""

from __future__ import annotations

import logging

import pytest

from zenobia.ingest.dates import STATED_IN_HEADER
from zenobia.ingest.document import build_document
from zenobia.ingest.front_matter import read_front_matter
from zenobia.model import RawInput

ARTICLE = (
    "Both delegations left the hall before noon in Orvale, a spokesman said.\n"
    "\n"
    "No new date was set for the next round of talks, which began on 1 January 2019."
)


def _text(content: str) -> RawInput:
    return RawInput(source="talks.txt", kind="text", content=content)


def test_a_date_line_dates_the_document_and_leaves_the_text() -> None:
    document = build_document(_text("Date: 2024-03-05\n\n" + ARTICLE))
    assert document.text == ARTICLE
    published = document.published
    assert (published.date, published.is_inferred) == ("2024-03-05", False)
    assert published.basis == STATED_IN_HEADER


def test_a_published_line_in_words_and_a_title_line() -> None:
    document = build_document(_text("\nTitle: Talks stall\nPublished: March 5, 2024\n" + ARTICLE))
    assert (document.published.date, document.title) == ("2024-03-05", "Talks stall")
    assert document.text == ARTICLE


def test_a_front_matter_block_gives_date_and_title_and_is_removed() -> None:
    content = '---\ntitle: "Talks stall in Orvale"\ndate: 2024-03-05\nlang: en\n---\n' + ARTICLE
    document = build_document(_text(content))
    assert document.published.date == "2024-03-05"
    assert document.published.basis == STATED_IN_HEADER
    assert document.title == "Talks stall in Orvale"
    assert document.text == ARTICLE
    # spans index the stored text: the article's first word is at offset 0
    assert document.text.startswith("Both delegations")


def test_the_header_date_wins_over_the_day_the_user_gave() -> None:
    document = build_document(_text("Date: 2024-03-05\n" + ARTICLE), given_date="2020-01-01")
    assert document.published.date == "2024-03-05"
    undated = build_document(_text(ARTICLE), given_date="2020-01-01")
    assert undated.published.date == "2020-01-01"


def test_a_date_that_does_not_parse_warns_once_and_is_inferred(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        document = build_document(_text("Date: sometime last spring\n" + ARTICLE))
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "talks.txt" in warnings[0].getMessage()
    assert "\n" not in warnings[0].getMessage()
    # the line is still the header, so it is removed; the date is inferred from the text
    assert document.text == ARTICLE
    assert (document.published.date, document.published.is_inferred) == ("2019-01-01", True)


def test_a_date_line_inside_the_article_is_prose() -> None:
    content = ARTICLE + "\nDate: 2024-03-05"
    assert read_front_matter(content, "a.txt").text == content
    assert read_front_matter(content, "a.txt").date is None


def test_a_lone_title_line_or_an_unclosed_block_is_no_header() -> None:
    for content in ("Title: Talks stall\n" + ARTICLE, "---\ndate: 2024-03-05\n" + ARTICLE):
        header = read_front_matter(content, "a.txt")
        assert (header.date, header.title, header.text) == (None, None, content)


def test_a_structured_field_wins_over_the_header() -> None:
    raw = RawInput(
        source="a.jsonl#L1",
        kind="text",
        content="Date: 2024-03-05\n" + ARTICLE,
        published="2023-07-01",
    )
    assert build_document(raw).published.date == "2023-07-01"
