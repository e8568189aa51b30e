"""Dead and injured counts stated in a sentence ("killing 12", "at least 30 dead").

Notes:
    Surface patterns over the sentence text, after the casualty phrasings of event-coding
    practice (ACLED/UCDP fatality notes): a number before "killed/dead/died", after
    "killing/killed", inside "leaving N dead", or after "death toll … to". Vague quantities
    take their conventional lower bound: "a dozen" 12, "dozens" 24, "scores" 40, "hundreds"
    200, "thousands" 2000. When a sentence states several counts, the largest is kept (the
    toll usually sums the others). Four-digit numbers from 1900 to 2100 without a comma are
    read as years, never as counts.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["MAX_CASUALTIES", "casualties", "parse_number"]

MAX_CASUALTIES: Final = 10_000_000_000
"""More people than live on Earth: a larger number is a code or a typo, never a toll (and would
overflow a store integer)."""

_UNITS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_VAGUE: Final = {
    "a dozen": 12, "dozen": 12, "dozens": 24, "scores": 40, "hundreds": 200,
    "thousands": 2000, "a hundred": 100,
}  # fmt: skip
_WORD: Final = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_NUM: Final = (
    rf"(?:\d[\d,]*(?:\.\d+)?|(?:{_WORD})(?:[- ](?:{_WORD}))?(?:\s+(?:hundred|thousand))?"
    r"|a dozen|dozens|scores|hundreds|thousands|a hundred)"
)
_Q: Final = (
    r"(?:(?:at least|more than|over|some|about|around|nearly|almost|up to|as many as|"
    r"an estimated|another|a further|roughly)\s+)?"
)
_DEAD_WORD: Final = r"(?:killed|dead|died|slain|killed or wounded)"
_HURT_WORD: Final = r"(?:wounded|injured|hurt)"
_GAP: Final = r"(?:\s+(?!and\b|or\b|were\b|was\b)[\w'-]+){0,3}?"
_BE: Final = r"(?:\s+(?:were|was|have been|had been|are|being|got))?"


def _patterns(after_verbs: str, word: str) -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(rf"\b(?:{after_verbs})\s+{_Q}(?P<num>{_NUM})\b", re.IGNORECASE),
        re.compile(rf"\b(?:leaving|left)\s+{_Q}(?P<num>{_NUM}){_GAP}\s+{word}\b", re.IGNORECASE),
        re.compile(rf"(?<![\w-]){_Q}(?P<num>{_NUM}){_GAP}{_BE}\s+{word}\b", re.IGNORECASE),
    )


_DEAD: Final = (
    *_patterns("killing|killed|kills|massacred|massacring|slaying", _DEAD_WORD),
    re.compile(
        rf"\bdeath toll\b(?:\s+\w+){{0,4}}?\s+(?:to|at|of|reached|hit)\s+{_Q}(?P<num>{_NUM})\b",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![\w-]){_Q}(?P<num>{_NUM})\s+(?:deaths|fatalities)\b", re.IGNORECASE),
)
_HURT: Final = (
    *_patterns("wounding|wounded|injuring|injured|injures|wounds", _HURT_WORD),
    re.compile(rf"(?<![\w-]){_Q}(?P<num>{_NUM})\s+(?:injuries|casualties)\b", re.IGNORECASE),
)


def parse_number(text: str) -> int | None:
    """An integer from digits ("1,200"), number words ("twenty-three") or vague words."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words in _VAGUE:
        return _VAGUE[words]
    digits = words.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        if "," not in words and "." not in digits and 1900 <= int(digits) <= 2100:
            return None
        value = float(digits)
        return int(value) if value <= MAX_CASUALTIES else None
    total = 0
    for word in words.split():
        if word in _UNITS:
            total += _UNITS[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word == "thousand":
            total = max(total, 1) * 1000
        else:
            return None
    return total or None


def _largest(patterns: tuple[re.Pattern[str], ...], text: str) -> int | None:
    found = [
        n
        for pattern in patterns
        for match in pattern.finditer(text)
        if (n := parse_number(match.group("num"))) is not None
    ]
    return max(found) if found else None


_DEAD_HINT: Final = re.compile(r"kill|dead|died|slain|massacr|slay|death|fatalit", re.IGNORECASE)
_HURT_HINT: Final = re.compile(r"wound|injur|hurt|casualt", re.IGNORECASE)
"""A word stem every pattern of its kind needs: most sentences hold none, and skip the patterns."""


def casualties(sentence: str) -> tuple[int | None, int | None]:
    """(dead, injured) stated in one sentence; None where it states no number."""
    dead = _largest(_DEAD, sentence) if _DEAD_HINT.search(sentence) else None
    hurt = _largest(_HURT, sentence) if _HURT_HINT.search(sentence) else None
    return dead, hurt
