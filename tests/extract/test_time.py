"""Temporal expressions to date intervals, and the date of an event."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zenobia.extract.time.expressions import find_time_expressions, resolve_event_date
from zenobia.model import EventDate, PublishedDate

MID_MARCH = PublishedDate("2016-03-15", is_inferred=False, basis="test", precision="day")
"""A Tuesday."""
MID_JULY = PublishedDate("2016-07-15", is_inferred=False, basis="test", precision="day")
MARCH_ONLY = PublishedDate("2016-03-01", is_inferred=True, basis="test", precision="month")


def _intervals(text: str, anchor: PublishedDate | None = MID_MARCH) -> list[tuple[str, str, str]]:
    return [(e.text, e.start, e.end) for e in find_time_expressions(text, anchor)]


# --- absolute expressions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # day month year
        ("The convoy left on 3 March 2020.", ("3 March 2020", "2020-03-03", "2020-03-03")),
        # month day, year
        ("It ended March 3, 2020, at dawn.", ("March 3, 2020", "2020-03-03", "2020-03-03")),
        # ISO date
        ("Filed 2019-11-02 by the desk.", ("2019-11-02", "2019-11-02", "2019-11-02")),
        # a month is a month-long interval
        ("The siege began in March 2020.", ("March 2020", "2020-03-01", "2020-03-31")),
        # a year is a year-long interval, never a January 1
        ("The war began in 2011.", ("2011", "2011-01-01", "2011-12-31")),
        # a hyphenated year range
        ("Fighting in 2006-2008 emptied the valley.", ("2006-2008", "2006-01-01", "2008-12-31")),
        # an abbreviated year range
        ("The 1990-91 campaign failed.", ("1990-91", "1990-01-01", "1991-12-31")),
        # a month range across years
        (
            "The town was held from April 2013 to August 2014.",
            ("from April 2013 to August 2014", "2013-04-01", "2014-08-31"),
        ),
        # "between ... and ..." years
        (
            "Between 2006 and 2008 it changed hands.",
            ("Between 2006 and 2008", "2006-01-01", "2008-12-31"),
        ),
        # mid-year is May to August
        ("By mid-2014 the front had moved.", ("mid-2014", "2014-05-01", "2014-08-31")),
        # early year is January to April
        ("Talks resumed in early 2015.", ("early 2015", "2015-01-01", "2015-04-30")),
        # late year is September to December
        ("The base closed in late 2016.", ("late 2016", "2016-09-01", "2016-12-31")),
        # "the end of" reads as late
        ("By the end of 2014 it was over.", ("the end of 2014", "2014-09-01", "2014-12-31")),
        # part of an explicit month
        ("Shelling resumed in early May 2015.", ("early May 2015", "2015-05-01", "2015-05-10")),
        # northern-hemisphere summer
        ("In the summer of 2014 the dam fell.", ("the summer of 2014", "2014-06-01", "2014-08-31")),
        # a winter runs into the next year
        ("The winter of 2014 was harsh.", ("The winter of 2014", "2014-12-01", "2015-02-28")),
        # a decade
        ("In the 1990s the border was quiet.", ("the 1990s", "1990-01-01", "1999-12-31")),
        # a weekday before a full date belongs to it
        ("Tuesday, 3 March 2020 was calm.", ("Tuesday, 3 March 2020", "2020-03-03", "2020-03-03")),
    ],
)
def test_absolute_expressions(text: str, expected: tuple[str, str, str]) -> None:
    assert _intervals(text) == [expected]


def test_absolute_expressions_need_no_anchor() -> None:
    assert _intervals("The war began in 2011.", None) == [("2011", "2011-01-01", "2011-12-31")]


# --- relative to the publication date ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # "last May" in a March article is the previous year's May
        ("The town fell last May.", MID_MARCH, ("last May", "2015-05-01", "2015-05-31")),
        # "last May" in a July article is this year's May
        ("The town fell last May.", MID_JULY, ("last May", "2016-05-01", "2016-05-31")),
        # calendar year before publication
        ("Prices rose last year.", MID_MARCH, ("last year", "2015-01-01", "2015-12-31")),
        # the publication year
        ("Prices rose this year.", MID_MARCH, ("this year", "2016-01-01", "2016-12-31")),
        # the month after publication
        ("Talks open next month.", MID_MARCH, ("next month", "2016-04-01", "2016-04-30")),
        # the Monday-Sunday week before publication's week
        ("Rebels regrouped last week.", MID_MARCH, ("last week", "2016-03-07", "2016-03-13")),
        # publication's Monday-Sunday week
        ("Rebels regrouped this week.", MID_MARCH, ("this week", "2016-03-14", "2016-03-20")),
        # the day before publication
        ("The bridge fell yesterday.", MID_MARCH, ("yesterday", "2016-03-14", "2016-03-14")),
        # publication day
        ("The bridge fell today.", MID_MARCH, ("today", "2016-03-15", "2016-03-15")),
        # a bare weekday: the latest one on or before publication
        ("The bridge fell on Sunday.", MID_MARCH, ("Sunday", "2016-03-13", "2016-03-13")),
        # "last Tuesday" on a Tuesday is a week back
        ("The bridge fell last Tuesday.", MID_MARCH, ("last Tuesday", "2016-03-08", "2016-03-08")),
        # months ago: that calendar month
        ("The post fell 18 months ago.", MID_MARCH, ("18 months ago", "2014-09-01", "2014-09-30")),
        # years ago: that calendar year
        ("The post fell two years ago.", MID_MARCH, ("two years ago", "2014-01-01", "2014-12-31")),
        # "earlier" counts back from publication too
        (
            "It was taken three days earlier.",
            MID_MARCH,
            ("three days earlier", "2016-03-12", "2016-03-12"),
        ),
        # "since" runs to publication
        ("The war has raged since 2011.", MID_MARCH, ("since 2011", "2011-01-01", "2016-03-15")),
        # "since" a month
        (
            "Aid has stopped since last May.",
            MID_MARCH,
            ("since last May", "2015-05-01", "2016-03-15"),
        ),
        # the past week ends on publication day
        ("Ten died in the past week.", MID_MARCH, ("in the past week", "2016-03-08", "2016-03-15")),
        # the past N units
        (
            "Ten died over the past three months.",
            MID_MARCH,
            ("over the past three months", "2015-12-15", "2016-03-15"),
        ),
        # the weekend before publication
        ("Ten died over the weekend.", MID_MARCH, ("over the weekend", "2016-03-12", "2016-03-13")),
        # from the start of the month to publication
        (
            "It was signed earlier this month.",
            MID_MARCH,
            ("earlier this month", "2016-03-01", "2016-03-15"),
        ),
        # a month with no year: the latest on or before publication
        ("The offensive began in May.", MID_MARCH, ("May", "2015-05-01", "2015-05-31")),
        # a day and month with no year
        ("It was signed on 2 March.", MID_MARCH, ("2 March", "2016-03-02", "2016-03-02")),
    ],
)
def test_relative_expressions(
    text: str, anchor: PublishedDate, expected: tuple[str, str, str]
) -> None:
    assert _intervals(text, anchor) == [expected]


def test_relative_expressions_need_an_anchor() -> None:
    # no publication date, no "last May"; the explicit year still counts
    assert _intervals("The town fell last May, as in 2011.", None) == [
        ("2011", "2011-01-01", "2011-12-31")
    ]


def test_a_month_anchor_is_used_from_its_first_day_and_says_so() -> None:
    (found,) = find_time_expressions("Prices rose last year.", MARCH_ONLY)
    assert (found.start, found.end) == ("2015-01-01", "2015-12-31")
    assert "first day used" in found.basis
    assert "inferred" in found.basis


def test_a_month_anchor_drops_day_scale_expressions() -> None:
    # a weekday or "yesterday" cannot be placed when only the month of publication is known
    assert _intervals("The bridge fell yesterday, not on Sunday.", MARCH_ONLY) == []


def test_relative_expressions_are_marked_and_explicit_ones_are_not() -> None:
    last_may, year = find_time_expressions("It fell last May, as in 2011.", MID_MARCH)
    assert (last_may.is_relative, year.is_relative) == (True, False)
    assert last_may.basis == "relative to publication (last May)"
    assert year.basis == "explicit year"


def test_offsets_index_the_text() -> None:
    text = "After talks, on 3 March 2020 the convoy left."
    (found,) = find_time_expressions(text, MID_MARCH)
    assert text[found.start_char : found.end_char] == found.text == "3 March 2020"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a month ending one paragraph and a year opening the next are two expressions
        (
            "Talks began in March\n\n2015, a bad year, saw none.",
            [("March", "2016-03-01", "2016-03-31"), ("2015", "2015-01-01", "2015-12-31")],
        ),
        # a relative expression does not reach into the next paragraph
        ("They met last\n\nweek was quiet.", []),
        # "since" in one paragraph does not open an interval in the next
        ("Nothing changed since\n\n2015 was a bad year.", [("2015", "2015-01-01", "2015-12-31")]),
        # a line break alone is wrapping, not a paragraph
        (
            "The siege began in March\n2015, officials said.",
            [("March\n2015", "2015-03-01", "2015-03-31")],
        ),
    ],
)
def test_an_expression_never_crosses_a_blank_line(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _intervals(text) == expected


# --- not dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # an age
        "A man aged 25 was wounded.",
        # a clock time
        "The curfew starts at 20:30 each night.",
        # a count that looks like a year
        "Some 2000 fighters crossed the river.",
        # a thousands-separated count
        "About 2,014 families fled.",
        # a duration with no anchor point
        "The siege lasted for three years.",
        # a page number
        "See page 12 of the report.",
        # a number after a word that names numbered things is no year
        "Flight 2014, bound for the coast, was hit.",
        # a year too far after publication
        "The plan runs to 2090.",
        # a year before 1900
        "The fort was built in 1850.",
        # lower-case "may" and "march" are verbs
        "They may march on the capital.",
        # a capitalised month name with no temporal lead is a word, not a date
        "March organisers met the mayor.",
    ],
)
def test_not_dates(text: str) -> None:
    assert _intervals(text) == []


# --- the date of an event -----------------------------------------------------------------------


def _event_date(
    nlp: Language,
    text: str,
    trigger: str,
    anchor: PublishedDate | None = MID_MARCH,
    sentence: int = 0,
) -> EventDate | None:
    doc = nlp(text)
    span = list(doc.sents)[sentence]
    token = next(t for t in span if t.text == trigger)
    return resolve_event_date(span, token, anchor)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a weekday attached to a past-tense verb
        ("Rebels shelled the town on Sunday.", "shelled", ("2016-03-13", "2016-03-13")),
        # future tense takes the next weekday
        ("The army will attack the town on Sunday.", "attack", ("2016-03-20", "2016-03-20")),
        # the expression on the trigger wins over one on the reporting verb
        (
            "On Sunday officials said rebels had attacked the base in 2014.",
            "attacked",
            ("2014-01-01", "2014-12-31"),
        ),
        # the trigger's own expression wins over the reporting verb's, whatever the order
        (
            "Officials said on Monday that rebels attacked the base in 2014.",
            "attacked",
            ("2014-01-01", "2014-12-31"),
        ),
        # with none on the trigger, the governing clause's time is used
        (
            "Officials said on Monday that rebels attacked the base.",
            "attacked",
            ("2016-03-14", "2016-03-14"),
        ),
        # an expression inside the subject noun phrase dates the event
        ("The attack in March 2015 killed twenty people.", "killed", ("2015-03-01", "2015-03-31")),
        # "since" gives an interval up to publication
        ("Since 2011 the war has killed thousands.", "killed", ("2011-01-01", "2016-03-15")),
    ],
)
def test_event_date_from_the_sentence(
    nlp: Language, text: str, trigger: str, expected: tuple[str, str]
) -> None:
    found = _event_date(nlp, text, trigger)
    assert found is not None
    assert (found.start, found.end) == expected


def test_the_governing_clause_is_named_in_the_basis(nlp: Language) -> None:
    found = _event_date(nlp, "Officials said on Monday that rebels attacked the base.", "attacked")
    assert found is not None
    assert found.basis.endswith("time of the governing clause")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a year that dates a noun ("the 2011 uprising") does not date the event
        ("After the 2011 uprising, rebels seized the town.", "seized"),
        # an expression under "before" bounds the event, it does not date it
        ("Rebels seized the town before 2014.", "seized"),
        # a time in a relative clause dates that clause only
        ("Rebels who arrived in 2012 seized the town.", "seized"),
    ],
)
def test_expressions_that_do_not_date_the_event(nlp: Language, text: str, trigger: str) -> None:
    assert _event_date(nlp, text, trigger) is None


def test_a_lead_sentence_in_the_past_tense_reports_that_days_news(nlp: Language) -> None:
    found = _event_date(nlp, "Rebels seized the border town, officials said.", "seized")
    assert found == EventDate(
        "2016-03-14",
        "2016-03-15",
        "publication date: lead sentence reports that day's news"
        " (publication day or the day before)",
    )


@pytest.mark.parametrize(
    ("text", "trigger", "anchor", "sentence"),
    [
        # not a lead sentence
        ("The day was calm. Markets were open. Rebels seized the town.", "seized", MID_MARCH, 2),
        # a future-tense verb
        ("Rebels will seize the town.", "seize", MID_MARCH, 0),
        # the publication date is known only to the month
        ("Rebels seized the border town.", "seized", MARCH_ONLY, 0),
        # no publication date
        ("Rebels seized the border town.", "seized", None, 0),
    ],
)
def test_no_publication_date_fallback(
    nlp: Language, text: str, trigger: str, anchor: PublishedDate | None, sentence: int
) -> None:
    assert _event_date(nlp, text, trigger, anchor, sentence) is None
