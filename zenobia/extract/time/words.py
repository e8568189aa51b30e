"""The temporal vocabulary of `data/time_words.csv` and the one regex built from it.

Loaded once per process (`load_time_words`). The regex finds the core of each temporal
expression; `zenobia.extract.time` then reads the named groups and the words around a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from zenobia.knowledge import read_table

__all__ = ["SPACE", "TimeWords", "load_time_words"]

SPACE = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
"""Space between the words of one expression: it may wrap a line but never crosses a blank line."""
_SPACE_OR_NONE = r"(?:[^\S\n]*\n?[^\S\n]*)"
_HYPHEN_OR_SPACE = rf"(?:{_SPACE_OR_NONE}-+{_SPACE_OR_NONE}|{SPACE})"


@dataclass(frozen=True, slots=True)
class TimeWords:
    """The vocabulary by kind, keyed by casefolded word, and the compiled expression regex."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    units: dict[str, str]
    numbers: dict[str, int]
    parts: dict[str, str]
    modifiers: dict[str, str]
    deictics: dict[str, tuple[int, int]]
    before_publication: frozenset[str]
    year_leads: frozenset[str]
    not_date_leads: frozenset[str]
    future_aux: frozenset[str]
    not_event_time: frozenset[str]
    pattern: re.Pattern[str]
    keys: re.Pattern[str]


def _alt(words: list[str]) -> str:
    """A regex alternation, longest first so that "Sept" wins over "Sep"."""
    return "|".join(
        re.escape(w).replace(r"\ ", SPACE) for w in sorted(words, key=len, reverse=True)
    )


def _capitalised(words: list[str]) -> str:
    """Title and upper case only, whatever the regex flags: "may" and "march" are verbs."""
    forms = {f for w in words for f in (w[:1].upper() + w[1:].lower(), w.upper())}
    return rf"(?-i:{_alt(sorted(forms))})"


def _build_pattern(by_kind: dict[str, list[str]]) -> re.Pattern[str]:
    month = rf"(?:{_capitalised(by_kind['month'])})(?:\.(?={_SPACE_OR_NONE}\d))?"
    weekday = _capitalised(by_kind["weekday"])
    season = _alt(by_kind["season"])
    unit = rf"(?:{_alt(by_kind['unit'])})s?"
    number = rf"(?:\d{{1,3}}|{_alt(by_kind['number'])})"
    part = _alt(by_kind["part"])
    modifier = _alt(by_kind["modifier"])
    deictic = _alt(by_kind["deictic"])
    ago = _alt(by_kind["before_publication"])
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year_core = r"(?:1[89]\d\d|2[01]\d\d)"
    year = rf"{year_core}(?![\d.,]\d)(?!'?s\b)"
    wd = rf"(?:{weekday},?{SPACE}(?:the{SPACE})?)?"
    link = r"(?:-|\u2013|\u2014|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b)"
    to = rf"{_SPACE_OR_NONE}{link}{_SPACE_OR_NONE}"
    alternatives = [
        rf"(?P<iso>(?P<iso_y>{year_core})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d))(?!\d)",
        rf"(?:from|between){SPACE}(?P<rm1>{month})(?:{SPACE}(?P<ry1>{year}))?{to}(?P<rm2>{month}),?{SPACE}(?P<ry2>{year})",
        rf"(?:from|between){SPACE}(?P<y1>{year}){to}(?P<y2>{year})",
        rf"(?P<y3>{year}){_SPACE_OR_NONE}[-\u2013\u2014/]{_SPACE_OR_NONE}(?P<y4>{year}|\d\d(?!\d))",
        rf"{wd}(?P<d_d>{day})(?:{SPACE}of)?{SPACE}(?P<d_m>{month}),?{SPACE}(?P<d_y>{year})",
        rf"{wd}(?P<m_m>{month}){SPACE}(?P<m_d>{day}),?{SPACE}(?P<m_y>{year})",
        rf"{wd}(?P<dn_d>{day})(?:{SPACE}of)?{SPACE}(?P<dn_m>{month})(?![\w])",
        rf"{wd}(?P<mn_m>{month}){SPACE}(?P<mn_d>{day})(?![\d:])",
        rf"(?:the{SPACE})?(?P<p_part>{part}){_HYPHEN_OR_SPACE}(?:of{SPACE})?(?P<p_m>{month})(?:,?{SPACE}(?P<p_y>{year}))?",
        rf"(?:the{SPACE})?(?P<p_part2>{part}){_HYPHEN_OR_SPACE}?(?:of{SPACE})?(?:the{SPACE}year{SPACE})?(?P<p_y2>{year})",
        rf"(?:the{SPACE})?(?P<s_s>{season}){SPACE}(?:of{SPACE})?(?P<s_y>{year})",
        rf"(?P<my_m>{month}),?{SPACE}(?:of{SPACE})?(?P<my_y>{year})",
        rf"(?:the{SPACE})?(?P<dec>(?:1[89]|20)\d0)'?s\b",
        rf"(?P<et_dir>earlier|later){SPACE}this{SPACE}(?P<et_u>week|month|year)\b",
        rf"(?:(?:in|over|during|for|within){SPACE})?the{SPACE}(?:past|last|previous){SPACE}(?:(?P<pn_n>{number}){SPACE})?(?P<pn_u>{unit})\b",
        rf"(?P<ag_n>{number}){SPACE}(?P<ag_u>{unit}){SPACE}(?P<ag_w>{ago})\b",
        rf"(?:(?:over|at|during){SPACE}the|(?P<we_mod>last|this)){SPACE}weekend\b",
        rf"(?P<deic>{deictic})\b",
        rf"(?P<r_mod>{modifier}){SPACE}(?:(?P<r_m>{month})|(?P<r_wd>{weekday})|(?P<r_s>{season})\b|(?P<r_u>week|month|year)\b)",
        rf"(?P<wd>{weekday})",
        rf"(?P<y>{year})",
        rf"(?P<mo>{month})(?!\w)",
    ]
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _build_keys(by_kind: dict[str, list[str]]) -> re.Pattern[str]:
    """Words one of which every expression holds: a cheap scan finds where to look closer."""
    names = _capitalised(by_kind["month"] + by_kind["weekday"])
    deictic_heads = [w.split()[-1] for w in by_kind["deictic"]]
    plain = _alt(sorted({*by_kind["season"], *by_kind["unit"], *deictic_heads, "weekend"}))
    return re.compile(rf"\d{{4}}|\b(?:{names}|{plain})", re.IGNORECASE)


@cache
def load_time_words() -> TimeWords:
    """The vocabulary of `time_words.csv` and its regex, built once per process."""
    rows = read_table("time_words.csv")
    by_kind: dict[str, list[str]] = {}
    value: dict[tuple[str, str], str] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row["word"])
        value[(row["kind"], row["word"].casefold())] = row["value"]

    def table(kind: str) -> dict[str, str]:
        return {w.casefold(): value[(kind, w.casefold())] for w in by_kind.get(kind, ())}

    def pair(text: str, sep: str) -> tuple[int, int]:
        first, second = text.rsplit(sep, 1) if sep == ":" else text.split(sep, 1)
        return int(first), int(second)

    def words(kind: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in by_kind.get(kind, ()))

    return TimeWords(
        months={w: int(v) for w, v in table("month").items()},
        weekdays={w: int(v) for w, v in table("weekday").items()},
        seasons={w: pair(v, "-") for w, v in table("season").items()},
        units=table("unit"),
        numbers={w: int(v) for w, v in table("number").items()},
        parts={" ".join(w.split()): v for w, v in table("part").items()},
        modifiers=table("modifier"),
        deictics={" ".join(w.split()): pair(v, ":") for w, v in table("deictic").items()},
        before_publication=words("before_publication"),
        year_leads=words("year_lead"),
        not_date_leads=words("not_date_lead"),
        future_aux=words("future_aux"),
        not_event_time=words("not_event_time"),
        pattern=_build_pattern(by_kind),
        keys=_build_keys(by_kind),
    )
