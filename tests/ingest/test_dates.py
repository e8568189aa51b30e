"""Publication dates: explicit sources first, inference last, and never a date from a bare year."""

from __future__ import annotations

import datetime as dt

import htmldate
import pytest

from zenobia.ingest.dates import date_from_html, find_dates, parse_date, publication_date
from zenobia.model import PublishedDate

TODAY = dt.date(2024, 6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # month name, day, comma, year
        ("March 29, 2016", ("2016-03-29", "day")),
        # day before month name
        ("29 March 2016", ("2016-03-29", "day")),
        # abbreviated month with a dot
        ("Mar. 29, 2016", ("2016-03-29", "day")),
        # ISO
        ("2016-03-29", ("2016-03-29", "day")),
        # ISO timestamp from a feed field: the time is ignored
        ("2016-03-29T10:15:00Z", ("2016-03-29", "day")),
        # numeric, day first
        ("29/03/2016", ("2016-03-29", "day")),
        # numeric and ambiguous: read day first (3 April), as most outlets write it
        ("03/04/2016", ("2016-04-03", "day")),
        # numeric where the first number cannot be a month: month first
        ("04/29/2016", ("2016-04-29", "day")),
        # dotted numeric
        ("29.03.2016", ("2016-03-29", "day")),
        # abbreviated weekday in front
        ("Tue 29 Mar 2016", ("2016-03-29", "day")),
        # full weekday with comma
        ("Tuesday, March 29, 2016", ("2016-03-29", "day")),
        # ordinal suffix
        ("12th December 2016", ("2016-12-12", "day")),
        # non-breaking spaces as scraped pages have them
        ("December\u00a012,\u00a02016", ("2016-12-12", "day")),
        # words around the date are ignored
        ("Published: 5 April 2017 09:30 GMT", ("2017-04-05", "day")),
        # a month alone is month precision, first of the month
        ("May 2016", ("2016-05-01", "month")),
        # ISO year-month
        ("2016-05", ("2016-05-01", "month")),
        # a bare year is no date
        ("2016", None),
        # lower-case "may" is the verb, not the month
        ("they may 2016", None),
        # impossible calendar dates are rejected
        ("31 February 2016", None),
        # years before 1900 are not plausible publication dates
        ("12 March 1850", None),
        # nothing date-like
        ("no date here", None),
    ],
)
def test_parse_date(text: str, expected: tuple[str, str] | None) -> None:
    assert parse_date(text) == expected


def test_find_dates_keeps_range_ends_and_bare_years() -> None:
    found = [(m.date, m.precision) for m in find_dates("from April 2013 to August 2014, 2011-2014")]
    assert found == [
        ("2013-04-01", "month"),
        ("2014-08-01", "month"),
        ("2011", "year"),
        ("2014", "year"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weekday closing one paragraph does not anchor the date opening the next
        ("They may meet as soon as Monday.\n\nOct. 10 was first proposed.", []),
        # a full weekday name followed by a period ends a sentence
        ("They meet on Monday. Oct. 10 was first proposed.", []),
        # an abbreviated weekday takes its period
        ("Talks on Tues. March 29 ended.", [("--03-29", 1)]),
        # any space between weekday and month, thin spaces included
        ("Talks on Sunday\u2009March 27 ended.", [("--03-27", 6)]),
    ],
)
def test_a_weekday_anchors_only_a_date_on_its_own_line_and_sentence(
    text: str, expected: list[tuple[str, int]]
) -> None:
    assert [(m.date, m.weekday) for m in find_dates(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date may wrap onto the next line
        ("Published March\n29, 2016", [("2016-03-29", "day")]),
        # but never runs across a blank line: "March" ends one paragraph, "2016" opens the next
        ("Talks resumed in March\n\n2016 was the worst year.", [("2016", "year")]),
    ],
)
def test_a_date_never_crosses_a_blank_line(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.date, m.precision) for m in find_dates(text)] == expected


def _fake_find_date(value: str | None = None, error: Exception | None = None) -> object:
    def fake(*args: object, **kwargs: object) -> str | None:
        if error is not None:
            raise error
        return value

    return fake


@pytest.mark.parametrize(
    ("html", "found", "expected"),
    [
        # htmldate's answer is passed through
        ("<html><body>x</body></html>", "2016-03-29", "2016-03-29"),
        # a 1 January the markup never writes is a guess from a bare year: rejected
        ("<html><footer>(c) 2016</footer></html>", "2016-01-01", None),
        # a 1 January the markup states literally is kept
        ('<meta name="date" content="2016-01-01">', "2016-01-01", "2016-01-01"),
        # nothing found
        ("<html></html>", None, None),
    ],
)
def test_date_from_html(
    monkeypatch: pytest.MonkeyPatch, html: str, found: str | None, expected: str | None
) -> None:
    monkeypatch.setattr(htmldate, "find_date", _fake_find_date(found))
    assert date_from_html(html) == expected


def test_date_from_html_wraps_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htmldate, "find_date", _fake_find_date(error=ValueError("broken")))
    assert date_from_html("<html") is None


def test_date_from_html_reads_real_metadata() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2019-07-14T08:00:00Z">'
        "</head><body><p>Text.</p></body></html>"
    )
    assert date_from_html(html) == "2019-07-14"


HTML_2019 = (
    '<html><head><meta property="article:published_time" content="2019-07-14"></head></html>'
)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # the input field wins over everything else
        (
            {"hint": "2018-02-03", "html": HTML_2019, "dateline": "May 5, 2017"},
            PublishedDate("2018-02-03", False, "input field", "day"),
        ),
        # an unparseable input field falls through to the next source
        (
            {"hint": "unknown", "dateline": "May 5, 2017"},
            PublishedDate("2017-05-05", False, "dateline", "day"),
        ),
        # html metadata comes before the dateline
        (
            {"html": HTML_2019, "dateline": "May 5, 2017"},
            PublishedDate("2019-07-14", False, "html metadata", "day"),
        ),
        # the dateline comes before dates in the text
        (
            {"dateline": "5 May 2017", "text": "Talks resumed on 9 June 2017."},
            PublishedDate("2017-05-05", False, "dateline", "day"),
        ),
        # a month-only dateline keeps month precision
        ({"dateline": "June 2015"}, PublishedDate("2015-06-01", False, "dateline", "month")),
        # a date opening the text is a stated date, not an inference
        (
            {"text": "Wed 05 Apr 2017 Convoy Reaches Lake Hollin\n\nThe convoy arrived late."},
            PublishedDate("2017-04-05", False, "date at start of text", "day"),
        ),
        # "Published:" before a date on the first lines
        (
            {"text": "Published: 12 May 2020\nThe mayor of Orsk spoke in March 2019 about it."},
            PublishedDate("2020-05-12", False, "date at start of text", "day"),
        ),
        # otherwise the latest date the text mentions, flagged as inferred
        (
            {
                "text": "Fighting began in April 2013 and the port fell on 4 August 2014. "
                "Aid arrived in March 2014."
            },
            PublishedDate(
                "2014-08-04", True, "latest date mentioned in text (4 August 2014)", "day"
            ),
        ),
        # month-only mentions give month precision on the first of the month
        (
            {"text": "The siege of Tarn lasted from January 2015 until March 2016, they said."},
            PublishedDate(
                "2016-03-01", True, "latest date mentioned in text (March 2016)", "month"
            ),
        ),
        # a weekday beside a day and month takes the year whose calendar fits (27 March 2016
        # was a Sunday), and counts as day precision
        (
            {"text": "The offensive on the valley began in 2016 and ended on Sunday, March 27."},
            PublishedDate(
                "2016-03-27", True, "latest date mentioned in text (Sunday, March 27)", "day"
            ),
        ),
        # dates after today and years before 1900 are implausible and ignored
        (
            {"text": "The 1850 treaty was signed again on 2 May 2019; a review is due May 2031."},
            PublishedDate("2019-05-02", True, "latest date mentioned in text (2 May 2019)", "day"),
        ),
        # bare years never become a date: only a not-before year
        (
            {"text": "The war began in 2011 and the dam was hit in 2014 and again in 2015."},
            PublishedDate(
                None, True, "only bare years mentioned in text; latest is 2015", "year", "2015"
            ),
        ),
        # a future bare year (a plan's target) is ignored
        (
            {"text": "Rebuilding began in 2019 and should finish by 2040."},
            PublishedDate(
                None, True, "only bare years mentioned in text; latest is 2019", "year", "2019"
            ),
        ),
        # nothing at all
        ({"text": "No dates here at all."}, PublishedDate.unknown()),
        ({}, PublishedDate.unknown()),
    ],
)
def test_publication_date(kwargs: dict[str, str], expected: PublishedDate) -> None:
    assert publication_date(**kwargs, today=TODAY) == expected
