"""Publication dates: read from an input field, the page's metadata or dateline, else inferred.

A document's date comes from the most trustworthy place that has one, in this order: an
explicit hint from structured input, HTML metadata, the dateline above the article, a date
written at the very start of the text, and only then the dates the text itself refers to
(marked `is_inferred=True`). A bare year never becomes a date: it is kept as `not_before`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from zenobia.model import DatePrecision, PublishedDate

__all__ = ["DateMention", "date_from_html", "find_dates", "parse_date", "publication_date"]

logger = logging.getLogger(__name__)

_MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_FULL_WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_SHORT_WEEKDAYS: dict[str, int] = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_WEEKDAYS = _FULL_WEEKDAYS | _SHORT_WEEKDAYS


def _alternation(words: dict[str, int]) -> str:
    # Title case and upper case only: a lower-case "may" or "march" is a verb, not a month.
    names = sorted(words, key=len, reverse=True)
    return "|".join(f"{w.capitalize()}|{w.upper()}" for w in names)


_MONTH = rf"(?:{_alternation(_MONTHS)})\.?"
_SP = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
"""Space between the parts of one date: it may wrap a line but never crosses a blank line."""
# A full weekday name takes no period: "as soon as Monday. Oct. 10" is two sentences. The
# weekday stands on the date's line.
_WEEKDAY = rf"(?:{_alternation(_FULL_WEEKDAYS)}|(?:{_alternation(_SHORT_WEEKDAYS)})\.?),?[^\S\n]+"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19\d\d|2\d\d\d)"  # before 1900 is implausible for news

_DATE_RE = re.compile(
    rf"""
    (?<![\w/.])
    (?:
        (?P<iso_y>{_YEAR})[-/](?P<iso_m>[01]?\d)(?:[-/](?P<iso_d>[0-3]?\d))?(?![\d/-])
      | (?P<num_a>[0-3]?\d)[/.](?P<num_b>[0-3]?\d)[/.](?P<num_y>{_YEAR})(?!\d)
      | (?P<wd1>{_WEEKDAY})?(?P<dmy_d>{_DAY}){_SP}(?:of{_SP})?(?P<dmy_m>{_MONTH}),?{_SP}
        (?P<dmy_y>{_YEAR})(?!\d)
      | (?P<wd2>{_WEEKDAY})?(?P<mdy_m>{_MONTH}){_SP}(?P<mdy_d>{_DAY})(?!\d)
        (?:,?{_SP}(?P<mdy_y>{_YEAR})(?!\d))?
      | (?P<my_m>{_MONTH}),?{_SP}(?:of{_SP})?(?P<my_y>{_YEAR})(?!\d)
      | (?P<year>{_YEAR})(?!\d)
    )
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression found in a text.

    `date` is ISO `YYYY-MM-DD` for day and month precision (a month is its first day) and the
    bare `YYYY` for year precision. `weekday` is set when a weekday name was written next to a
    day and month with no year; `date` then still lacks a year and reads `--MM-DD`.
    """

    start_char: int
    end_char: int
    text: str
    date: str
    precision: DatePrecision
    weekday: int | None = None


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _mention(match: re.Match[str]) -> DateMention | None:
    g = match.groupdict()
    start, end, text = match.start(), match.end(), match.group(0)
    iso: str | None
    if g["iso_y"]:
        year, month = int(g["iso_y"]), int(g["iso_m"])
        if g["iso_d"]:
            iso = _iso(year, month, int(g["iso_d"]))
            return DateMention(start, end, text, iso, "day") if iso else None
        iso = _iso(year, month, 1)
        return DateMention(start, end, text, iso, "month") if iso else None
    if g["num_y"]:
        first, second, year = int(g["num_a"]), int(g["num_b"]), int(g["num_y"])
        # Day first unless that is impossible: most of the world writes 29/03/2016.
        day, month = (second, first) if first <= 12 < second else (first, second)
        iso = _iso(year, month, day)
        return DateMention(start, end, text, iso, "day") if iso else None
    if g["dmy_y"]:
        iso = _iso(int(g["dmy_y"]), _month(g["dmy_m"]), _day(g["dmy_d"]))
        return DateMention(start, end, text, iso, "day") if iso else None
    if g["mdy_m"]:
        month, day = _month(g["mdy_m"]), _day(g["mdy_d"])
        if g["mdy_y"]:
            iso = _iso(int(g["mdy_y"]), month, day)
            return DateMention(start, end, text, iso, "day") if iso else None
        if g["wd2"] and _iso(2000, month, day):  # 2000 is a leap year: accepts 29 February
            weekday = _WEEKDAYS[re.sub(r"[\W_]", "", g["wd2"]).lower()]
            return DateMention(start, end, text, f"--{month:02d}-{day:02d}", "day", weekday)
        return None
    if g["my_y"]:
        iso = _iso(int(g["my_y"]), _month(g["my_m"]), 1)
        return DateMention(start, end, text, iso, "month") if iso else None
    return DateMention(start, end, text, g["year"], "year")


def find_dates(text: str) -> list[DateMention]:
    """Find every date expression in `text`, in order.

    Args:
        text: Any text.

    Returns:
        The mentions, including bare years (precision "year") and weekday-anchored day and
        month without a year (`weekday` set, `date` as `--MM-DD`).

    Notes:
        One regular expression with alternatives for ISO (`2016-03-29`), numeric
        (`29/03/2016`, day first when ambiguous), day-month-year, month-day-year, month-year
        and bare years; month names must be capitalised so that the verb "may" is no month.
    """
    mentions = []
    for match in _DATE_RE.finditer(text):
        mention = _mention(match)
        if mention is not None:
            mentions.append(mention)
    return mentions


def parse_date(text: str) -> tuple[str, DatePrecision] | None:
    """Parse one date expression into an ISO date and its precision.

    Args:
        text: A date such as "March 29, 2016", "29 March 2016", "Mar. 29, 2016",
            "2016-03-29", "29/03/2016", "Tue 29 Mar 2016" or "May 2016"; surrounding words
            (a time, "Published:") are ignored.

    Returns:
        `("2016-03-29", "day")`, `("2016-05-01", "month")`, or None when the text holds no
        day- or month-precise date. A bare year returns None: it is no date.

    Notes:
        Numeric dates are read day first (`03/04/2016` is 3 April) unless the first number
        cannot be a month, the convention of most outlets outside the United States.
    """
    for mention in find_dates(text):
        if mention.precision != "year" and mention.weekday is None:
            return mention.date, mention.precision
    return None


def _literal_forms(iso: str) -> tuple[str, ...]:
    year, month, day = iso.split("-")
    name = dt.date(int(year), int(month), int(day)).strftime("%B")
    return (
        iso,
        f"{year}/{month}/{day}",
        f"{day}/{month}/{year}",
        f"{day}.{month}.{year}",
        f"{month}/{day}/{year}",
        f"{name} 1, {year}",
        f"{name} 1 {year}",
        f"1 {name} {year}",
        f"{name[:3]} 1, {year}",
        f"1 {name[:3]} {year}",
    )


def date_from_html(html: str) -> str | None:
    """Read the publication date from a page's markup with htmldate.

    Args:
        html: The page's HTML.

    Returns:
        An ISO date, or None when htmldate finds none, fails, or guesses a 1 January that the
        markup does not state.

    Notes:
        htmldate (Barbaresi 2020) reads metadata, then URL and text patterns; with
        `extensive_search=False` it stays with the markup's explicit date fields. A bare year
        comes back as 1 January, so that date is only trusted when the markup writes it out.
    """
    try:
        from htmldate import find_date

        found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception as err:  # htmldate and lxml raise many kinds on broken markup
        logger.debug("htmldate failed: %s", err)
        return None
    if not isinstance(found, str) or parse_date(found) is None:
        return None
    if found[5:] == "01-01" and not any(form in html for form in _literal_forms(found)):
        return None
    return found


def _with_years(mentions: list[DateMention]) -> list[DateMention]:
    """Give weekday-anchored dates without a year the year whose calendar matches."""
    years = sorted({int(m.date[:4]) for m in mentions if m.weekday is None}, reverse=True)
    resolved = []
    for mention in mentions:
        if mention.weekday is None:
            resolved.append(mention)
            continue
        month, day = int(mention.date[2:4]), int(mention.date[5:7])
        for year in years:
            iso = _iso(year, month, day)
            if iso and dt.date.fromisoformat(iso).weekday() == mention.weekday:
                resolved.append(
                    DateMention(
                        mention.start_char, mention.end_char, mention.text, iso, "day", None
                    )
                )
                break
    return resolved


def _inferred(text: str, today: dt.date) -> PublishedDate | None:
    mentions = _with_years(find_dates(text))
    dated = [
        m for m in mentions if m.precision != "year" and dt.date.fromisoformat(m.date) <= today
    ]
    if dated:
        latest = max(dated, key=lambda m: (m.date, m.precision == "day"))
        return PublishedDate(
            date=latest.date,
            is_inferred=True,
            basis=f"latest date mentioned in text ({latest.text.strip()})",
            precision=latest.precision,
        )
    years = [int(m.date) for m in mentions if m.precision == "year" and int(m.date) <= today.year]
    if years:
        latest_year = max(years)
        return PublishedDate(
            date=None,
            is_inferred=True,
            basis=f"only bare years mentioned in text; latest is {latest_year}",
            precision="year",
            not_before=str(latest_year),
        )
    return None


_START_PREFIX = re.compile(
    r"^(?:(?:published|posted|updated|last updated|date)(?: on)?:?\s*)?$", re.IGNORECASE
)


def _date_at_start(text: str, window_chars: int = 300) -> tuple[str, DatePrecision, str] | None:
    head = text[:window_chars]
    for mention in find_dates(head):
        if mention.precision == "year" or mention.weekday is not None:
            continue
        line_start = head.rfind("\n", 0, mention.start_char) + 1
        line_end = head.find("\n", mention.end_char)
        line = head[line_start : line_end if line_end >= 0 else len(head)]
        before = head[line_start : mention.start_char]
        if _START_PREFIX.match(before.strip()) or len(line.strip()) <= 60:
            return mention.date, mention.precision, mention.text
    return None


STATED_IN_HEADER = "header of the text"
"""The basis of a date a plain text states above the article (`Date:` line, `---` block)."""

GIVEN_BY_USER = "given by the user"
"""The basis of a publication day the user gave for records that state none."""


def publication_date(
    *,
    hint: str | None = None,
    stated: str | None = None,
    dateline: str | None = None,
    html: str | None = None,
    text: str = "",
    today: dt.date | None = None,
    given: str | None = None,
) -> PublishedDate:
    """Decide when a document was published, and say how we know.

    Args:
        hint: A date from a structured input field (JSONL, CSV, WARC header).
        stated: The date a plain text states in its header (`Date:` line or `---` block,
            `zenobia.ingest.front_matter`).
        dateline: The raw date text found above or beside the article.
        html: The page's markup, if we have it.
        text: The article text (body, or the whole page).
        today: The date after which mentioned dates are implausible; defaults to today.
        given: A day (YYYY-MM-DD) the user gave for records that state none (`zenobia
            analyze --published`): it comes before inference from the text.

    Returns:
        The first date found, in order: input field, the text's header, HTML metadata,
        dateline, a date at the start of the text, the day the user gave (basis
        `GIVEN_BY_USER`), then inferred from the text (`is_inferred=True`). If nothing is
        found, `PublishedDate.unknown()`.

    Notes:
        Inference takes the latest day- or month-precise date the text refers to: a report
        cannot predate the events it describes (the "latest mentioned date" heuristic of
        news-archive dating). Range starts, dates after `today` and years before 1900 are
        ignored; a weekday beside a day and month without a year ("on Sunday, March 27") is
        given the year mentioned in the text whose calendar matches. Bare years never become
        dates; if only years appear, the latest is kept as `not_before` with precision "year".
    """
    today = today or dt.date.today()
    if hint:
        parsed = parse_date(hint)
        if parsed:
            return PublishedDate(parsed[0], False, "input field", parsed[1])
    if stated:
        parsed = parse_date(stated)
        if parsed:
            return PublishedDate(parsed[0], False, STATED_IN_HEADER, parsed[1])
    if html:
        found = date_from_html(html)
        if found:
            return PublishedDate(found, False, "html metadata", "day")
    if dateline:
        parsed = parse_date(dateline)
        if parsed:
            return PublishedDate(parsed[0], False, "dateline", parsed[1])
    at_start = _date_at_start(text)
    if at_start:
        return PublishedDate(at_start[0], False, "date at start of text", at_start[1])
    if given:
        return PublishedDate(given, False, GIVEN_BY_USER, "day")
    return _inferred(text, today) or PublishedDate.unknown()
