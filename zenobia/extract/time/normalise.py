"""One regex match of a temporal expression → an inclusive date interval and the rule that gave it.

Notes:
    Rule-based normalisation in the spirit of TIMEX3 / HeidelTime (Strötgen & Gertz 2013):
    absolute expressions keep their own granularity (a year is a year interval, never a fake
    January 1); relative ones are resolved against the publication date (the anchor). When the
    anchor is known only to the month, its first day is used and the basis says so, and
    day-scale expressions (weekdays, "yesterday", "three days ago", weeks, weekends) are dropped:
    their error would exceed their own size. Without an anchor, relative expressions give
    nothing. Bare years count only after a temporal lead word ("in", "since", "the", …) or
    before punctuation; bare months only after a lead word, and only when capitalised.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from zenobia.extract.time.calendar import (
    Interval,
    day_interval,
    month_interval,
    part_of_month,
    part_of_year,
    season_interval,
    shift_months,
    unit_interval_before,
    week_interval,
    year_interval,
)
from zenobia.extract.time.words import SPACE, TimeWords, load_time_words
from zenobia.model import PublishedDate

__all__ = ["Anchor", "Normalised", "normalise"]

MAX_YEARS_AHEAD = 5
"""A year more than this far after the publication year is no date (a count, a code)."""

_WORD_BEFORE = re.compile(r"([A-Za-z']+)\W{0,2}$")
_SINCE_BEFORE = re.compile(rf"\bsince{SPACE}\Z", re.IGNORECASE)
_PUNCT_AFTER = re.compile(r"\s*(?:[.,;:)!?\"'\u201d]|$)")
_LOOKBACK_CHARS = 24


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date as a reference point, with what a basis must say about it."""

    day: dt.date
    is_day_precise: bool
    note: str

    @staticmethod
    def of(published: PublishedDate | None) -> Anchor | None:
        if published is None or published.date is None or published.precision == "year":
            return None
        try:
            day = dt.date.fromisoformat(published.date)
        except ValueError:
            return None
        notes = []
        is_day = published.precision in (None, "day")
        if not is_day:
            notes.append("publication month only, its first day used")
        if published.is_inferred:
            notes.append("publication date inferred")
        return Anchor(day, is_day, "; ".join(notes))


@dataclass(frozen=True, slots=True)
class Normalised:
    """What one match means: its character span in the text, its interval and its basis."""

    start_char: int
    end_char: int
    interval: Interval
    basis: str
    is_relative: bool
    weekday: int | None = None


def _relative(basis: str, anchor: Anchor) -> str:
    return f"{basis}; {anchor.note}" if anchor.note else basis


def _latest(candidates: list[Interval], before: dt.date) -> Interval:
    return max(c for c in candidates if c[1] < before)


def _earliest(candidates: list[Interval], after: dt.date) -> Interval:
    return min(c for c in candidates if c[0] > after)


def _named_period(modifier: str, candidates: list[Interval], anchor: dt.date) -> Interval:
    """ "last May" is the latest May over before the anchor; "next" the first one after it."""
    if modifier == "last":
        return _latest(candidates, anchor)
    if modifier == "next":
        return _earliest(candidates, anchor)
    return next(c for c in candidates if c[0].year == anchor.year)


def _weekday(day: dt.date, weekday: int, *, future: bool, strict: bool) -> dt.date:
    """The latest `weekday` on or before `day` (or the first on or after, for the future)."""
    if future:
        delta = (weekday - day.weekday()) % 7 or (7 if strict else 0)
        return day + dt.timedelta(days=delta)
    delta = (day.weekday() - weekday) % 7 or (7 if strict else 0)
    return day - dt.timedelta(days=delta)


def _count(text: str | None, words: TimeWords) -> int:
    if text is None:
        return 1
    folded = text.casefold()
    return int(folded) if folded.isdigit() else words.numbers[folded]


def _unit(text: str, words: TimeWords) -> str:
    folded = text.casefold()
    return words.units.get(folded) or words.units[folded.removesuffix("s")]


def _back(anchor: dt.date, unit: str, count: int) -> dt.date:
    """`anchor` minus `count` units, as a day ("the past three months" starts there)."""
    if unit in ("hour", "day", "week"):
        days = {"hour": -(-count // 24), "day": count, "week": 7 * count}[unit]
        return anchor - dt.timedelta(days=days)
    months = count * {"month": 1, "year": 12, "decade": 120}[unit]
    year, month = shift_months(anchor.year, anchor.month, -months)
    return dt.date(year, month, min(anchor.day, month_interval(year, month)[1].day))


def _year_ok(year: int, anchor: Anchor | None) -> bool:
    return year >= 1900 and (anchor is None or year <= anchor.day.year + MAX_YEARS_AHEAD)


def _word_before(text: str, start: int) -> str:
    found = _WORD_BEFORE.search(text[max(0, start - _LOOKBACK_CHARS) : start])
    return found.group(1).casefold() if found else ""


def _month_without_year(month: int, day: int | None, anchor: dt.date) -> int:
    """The year of the latest such month (or day) on or before the anchor."""
    if (month, day or 1) <= (anchor.month, anchor.day if day else 1):
        return anchor.year
    return anchor.year - 1


def _absolute(
    m: re.Match[str], words: TimeWords, anchor: Anchor | None
) -> tuple[Interval, str] | None:
    """Expressions that carry their own year; None when the match is not one of them."""
    g = m.groupdict()
    month = words.months
    if g["iso"]:
        return day_interval(
            dt.date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        ), "explicit date"
    if g["rm1"]:
        y2 = int(g["ry2"])
        y1 = int(g["ry1"]) if g["ry1"] else y2
        first = month_interval(y1, month[g["rm1"].rstrip(".").casefold()])
        last = month_interval(y2, month[g["rm2"].rstrip(".").casefold()])
        return (first[0], last[1]), "explicit range"
    if g["y1"] or g["y3"]:
        y1 = int(g["y1"] or g["y3"])
        tail = g["y2"] or g["y4"]
        y2 = int(tail) if len(tail) == 4 else y1 // 100 * 100 + int(tail)
        if y2 <= y1 or not _year_ok(y2, anchor):
            return None
        return (year_interval(y1)[0], year_interval(y2)[1]), "explicit range"
    for d, mo, y in (("d_d", "d_m", "d_y"), ("m_d", "m_m", "m_y")):
        if g[d]:
            day = int(re.sub(r"\D", "", g[d]))
            return day_interval(
                dt.date(int(g[y]), month[g[mo].rstrip(".").casefold()], day)
            ), "explicit date"
    if g["p_part"] and g["p_y"]:
        part = words.parts[" ".join(g["p_part"].casefold().split())]
        interval = part_of_month(int(g["p_y"]), month[g["p_m"].rstrip(".").casefold()], part)
        return (
            interval,
            f"explicit part of month ({part}: days {interval[0].day}-{interval[1].day})",
        )
    if g["p_part2"]:
        part = words.parts[" ".join(g["p_part2"].casefold().split())]
        interval = part_of_year(int(g["p_y2"]), part)
        return interval, f"explicit part of year ({part}: {interval[0]:%b}-{interval[1]:%b})"
    if g["s_s"]:
        interval = season_interval(int(g["s_y"]), words.seasons[g["s_s"].casefold()])
        return interval, "explicit season (northern hemisphere, meteorological)"
    if g["my_m"]:
        return month_interval(
            int(g["my_y"]), month[g["my_m"].rstrip(".").casefold()]
        ), "explicit month"
    if g["dec"]:
        decade = int(g["dec"])
        return (year_interval(decade)[0], year_interval(decade + 9)[1]), "explicit decade"
    return None


def _relative_interval(
    m: re.Match[str], text: str, words: TimeWords, anchor: Anchor
) -> tuple[Interval, str, bool, int | None] | None:
    """Expressions resolved against the anchor: (interval, rule, needs a day anchor, weekday)."""
    g = m.groupdict()
    a = anchor.day
    label = " ".join(m.group(0).split())
    if g["dn_d"] or g["mn_d"] or g["p_part"] or g["mo"]:
        month_word = g["dn_m"] or g["mn_m"] or g["p_m"] or g["mo"]
        month = words.months[month_word.rstrip(".").casefold()]
        day_text = g["dn_d"] or g["mn_d"]
        day = int(re.sub(r"\D", "", day_text)) if day_text else None
        year = _month_without_year(month, day, a)
        rule = f"no year given: the latest on or before publication ({label})"
        if day is not None:
            return day_interval(dt.date(year, month, day)), rule, False, None
        if g["p_part"]:
            part = words.parts[" ".join(g["p_part"].casefold().split())]
            return part_of_month(year, month, part), rule, False, None
        return month_interval(year, month), rule, False, None
    if g["et_dir"]:
        unit = g["et_u"].casefold()
        whole = {"week": week_interval(a), "month": month_interval(a.year, a.month)}.get(
            unit, year_interval(a.year)
        )
        interval = (whole[0], a) if g["et_dir"].casefold() == "earlier" else (a, whole[1])
        return interval, f"relative to publication ({label})", unit == "week", None
    if g["pn_u"]:
        unit = _unit(g["pn_u"], words)
        interval = (_back(a, unit, _count(g["pn_n"], words)), a)
        return interval, f"relative to publication ({label})", unit in ("hour", "day", "week"), None
    if g["ag_u"]:
        unit = _unit(g["ag_u"], words)
        interval = unit_interval_before(a, unit, _count(g["ag_n"], words))
        rule = f"relative to publication ({label})"
        if g["ag_w"].casefold() != "ago":
            rule += "; may be relative to another event"
        return interval, rule, unit in ("hour", "day", "week"), None
    if m.group(0).casefold().endswith("weekend"):
        saturday = _weekday(a, 5, future=False, strict=False)
        if g["we_mod"] and g["we_mod"].casefold() == "this":
            saturday = week_interval(a)[0] + dt.timedelta(days=5)
        return (
            (saturday, saturday + dt.timedelta(days=1)),
            f"relative to publication ({label})",
            True,
            None,
        )
    if g["deic"]:
        first, last = words.deictics[" ".join(g["deic"].casefold().split())]
        interval = (a + dt.timedelta(days=first), a + dt.timedelta(days=last))
        return interval, f"relative to publication ({label})", True, None
    if g["r_mod"]:
        return _modified(g, words, a, label)
    if g["wd"]:
        weekday = words.weekdays[g["wd"].casefold()]
        latest = _weekday(a, weekday, future=False, strict=False)
        return day_interval(latest), "weekday on or before publication", True, weekday
    return None


def _modified(
    g: dict[str, str | None], words: TimeWords, a: dt.date, label: str
) -> tuple[Interval, str, bool, int | None]:
    """ "last/this/next" + a month, weekday, season or unit."""
    modifier = words.modifiers[(g["r_mod"] or "").casefold()]
    rule = f"relative to publication ({label})"
    years = range(a.year - 2, a.year + 2)
    if g["r_m"]:
        month = words.months[g["r_m"].rstrip(".").casefold()]
        return (
            _named_period(modifier, [month_interval(y, month) for y in years], a),
            rule,
            False,
            None,
        )
    if g["r_s"]:
        months = words.seasons[g["r_s"].casefold()]
        return (
            _named_period(modifier, [season_interval(y, months) for y in years], a),
            rule,
            False,
            None,
        )
    if g["r_wd"]:
        weekday = words.weekdays[g["r_wd"].casefold()]
        day = _weekday(a, weekday, future=modifier != "last", strict=modifier != "this")
        return day_interval(day), rule, True, None
    unit = (g["r_u"] or "").casefold()
    step = {"last": -1, "this": 0, "next": 1}[modifier]
    if unit == "week":
        return week_interval(a + dt.timedelta(weeks=step)), rule, True, None
    if unit == "month":
        return month_interval(*shift_months(a.year, a.month, step)), rule, False, None
    return year_interval(a.year + step), rule, False, None


def _is_year_reference(m: re.Match[str], text: str, words: TimeWords) -> bool:
    """A bare year counts after a temporal lead word or before punctuation, never after "aged"."""
    before = _word_before(text, m.start())
    if before in words.not_date_leads:
        return False
    return before in words.year_leads or bool(_PUNCT_AFTER.match(text, m.end()))


def normalise(m: re.Match[str], text: str, anchor: Anchor | None) -> Normalised | None:
    """The meaning of one match of `TimeWords.pattern` in `text`, or None when it is no date.

    Args:
        m: A match of the expression regex.
        text: The text it was found in (for the words around it).
        anchor: The publication date, or None when unknown.

    Returns:
        The span, interval and basis; None for non-dates and for relative expressions that
        cannot be resolved (no anchor, or a day-scale expression against a month anchor).
    """
    words = load_time_words()
    g = m.groupdict()
    start, end = m.span()
    if g["y"]:
        year = int(g["y"])
        if not _is_year_reference(m, text, words) or not _year_ok(year, anchor):
            return None
        found: tuple[Interval, str] | None = (year_interval(year), "explicit year")
    elif g["mo"] and _word_before(text, start) not in words.year_leads - {"the", "and", "to"}:
        return None
    else:
        try:
            found = _absolute(m, words, anchor)
        except (ValueError, KeyError):
            return None
    for name in ("iso_y", "d_y", "m_y", "my_y", "s_y", "p_y", "p_y2", "ry2", "y1", "y3"):
        if g.get(name) and not _year_ok(int(g[name] or 0), anchor):
            return None
    since = _SINCE_BEFORE.search(text, max(0, start - _LOOKBACK_CHARS), start)
    if found is not None and since is None:
        return Normalised(start, end, found[0], found[1], is_relative=False)
    if anchor is None:
        return None
    weekday = None
    if found is None:
        try:
            relative = _relative_interval(m, text, words, anchor)
        except (ValueError, KeyError, StopIteration):
            return None
        if relative is None or (relative[2] and not anchor.is_day_precise):
            return None
        interval, rule, _, weekday = relative
    else:
        interval, rule = found
    if since is not None:
        if interval[0] > anchor.day:
            return None
        return Normalised(
            since.start(),
            end,
            (interval[0], anchor.day),
            _relative(f"since {rule}: until publication", anchor),
            True,
        )
    return Normalised(start, end, interval, _relative(rule, anchor), True, weekday)
