"""Publication dates on any text: no exception, spans that index the text, real calendar dates."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import news_text, texts
from zenobia.ingest.dates import date_from_html, find_dates, parse_date, publication_date

TODAY = dt.date(2024, 6, 1)
_MONTH_DAY = re.compile(r"^--(\d\d)-(\d\d)$")
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
"""A date never runs from one paragraph into the next."""


def _is_iso_day(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


@given(texts)
def test_every_date_mention_is_its_own_text_and_a_real_date(text: str) -> None:
    previous_end = 0
    for mention in find_dates(text):
        assert previous_end <= mention.start_char < mention.end_char <= len(text)
        assert text[mention.start_char : mention.end_char] == mention.text
        assert not BLANK_LINE.search(mention.text)
        previous_end = mention.end_char
        if mention.precision == "year":
            assert mention.weekday is None
            assert 1900 <= int(mention.date) <= 2999
        elif mention.weekday is not None:
            found = _MONTH_DAY.match(mention.date)
            assert found is not None
            assert 0 <= mention.weekday <= 6
            # a day and month without a year, possible in some year (29 February in a leap one)
            assert _is_iso_day(f"2000-{found.group(1)}-{found.group(2)}")
        else:
            assert _is_iso_day(mention.date)
            assert mention.date >= "1900"
            if mention.precision == "month":
                assert mention.date.endswith("-01")


@given(texts)
def test_a_parsed_date_is_a_real_day(text: str) -> None:
    parsed = parse_date(text)
    if parsed is not None:
        assert _is_iso_day(parsed[0])
        assert parsed[1] in ("day", "month")


@given(
    text=news_text(),
    title=st.one_of(st.none(), news_text(max_tokens=8)),
    hint=st.one_of(st.none(), news_text(max_tokens=4)),
    dateline=st.one_of(st.none(), news_text(max_tokens=4)),
)
def test_publication_date_is_decided_for_any_text(
    text: str, title: str | None, hint: str | None, dateline: str | None
) -> None:
    joined = f"{title}\n{text}" if title else text
    published = publication_date(hint=hint, dateline=dateline, text=joined, today=TODAY)
    if published.date is None:
        assert published.precision in (None, "year")
        if published.not_before is not None:
            assert 1900 <= int(published.not_before) <= TODAY.year
        return
    assert _is_iso_day(published.date)
    assert published.precision in ("day", "month")
    if published.is_inferred:
        # a text cannot be published before the dates it mentions, nor after today
        assert published.date <= TODAY.isoformat()


@given(
    st.one_of(
        texts,
        st.tuples(texts, news_text(max_tokens=4)).map(
            lambda parts: (
                f'<html><head><meta name="date" content="{parts[1]}"></head>'
                f"<body><p>{parts[0]}</p></body></html>"
            )
        ),
    )
)
def test_a_date_from_markup_is_a_real_day_or_none(html: str) -> None:
    found = date_from_html(html)
    assert found is None or _is_iso_day(found)
