"""Calendar arithmetic for time normalisation: inclusive date intervals of days, weeks, months,
seasons and years, and shifts of a date by whole units.

Notes:
    Weeks run Monday to Sunday (ISO 8601). Parts of a year: early = January-April, mid =
    May-August, late = September-December; parts of a month: days 1-10, 11-20, 21-end. Seasons
    are northern-hemisphere meteorological seasons; a winter belongs to the year it starts in
    (winter 2014 = December 2014 - February 2015).
"""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = [
    "Interval",
    "day_interval",
    "month_interval",
    "part_of_month",
    "part_of_year",
    "season_interval",
    "shift_months",
    "unit_interval_before",
    "week_interval",
    "year_interval",
]

Interval = tuple[dt.date, dt.date]
"""An inclusive interval of days."""

_PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def day_interval(day: dt.date) -> Interval:
    return day, day


def month_interval(year: int, month: int) -> Interval:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_interval(year: int) -> Interval:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def week_interval(day: dt.date) -> Interval:
    """The Monday-Sunday week containing `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def part_of_year(year: int, part: str) -> Interval:
    first, last = _PART_MONTHS[part]
    return month_interval(year, first)[0], month_interval(year, last)[1]


def part_of_month(year: int, month: int, part: str) -> Interval:
    first, last = _PART_DAYS[part]
    month_end = month_interval(year, month)[1]
    return dt.date(year, month, first), dt.date(year, month, min(last, month_end.day))


def season_interval(year: int, months: tuple[int, int]) -> Interval:
    first, last = months
    end_year = year + 1 if last < first else year
    return month_interval(year, first)[0], month_interval(end_year, last)[1]


def shift_months(year: int, month: int, by: int) -> tuple[int, int]:
    """The (year, month) `by` months after (negative: before) the given month."""
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def unit_interval_before(anchor: dt.date, unit: str, count: int) -> Interval:
    """The calendar unit `count` units before `anchor`: "two years ago" is that whole year.

    Hours count as days, rounded up; a decade is ten years back as a whole year.
    """
    if unit == "hour":
        return day_interval(anchor - dt.timedelta(days=-(-count // 24)))
    if unit == "day":
        return day_interval(anchor - dt.timedelta(days=count))
    if unit == "week":
        return week_interval(anchor - dt.timedelta(weeks=count))
    if unit == "month":
        return month_interval(*shift_months(anchor.year, anchor.month, -count))
    years = count * 10 if unit == "decade" else count
    return year_interval(anchor.year - years)
