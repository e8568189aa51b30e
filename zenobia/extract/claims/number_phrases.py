"""Number phrases in a run of spaCy tokens, with their values.

A number phrase is the tokens that spell one quantity: "470,000", "12 000", "1.5 million",
"$5bn"'s "5bn", "twenty-five", "a dozen", "half a million", "two-thirds", "hundreds of
thousands", and ranges ("200-300", "between 200 and 300", "2 to 3 million").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Span, Token

from zenobia.extract.claims.number_words import NumberLexicon, Unit

__all__ = ["NumberPhrase", "find_number_phrases", "phrase_value"]

_DIGITS: Final = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_GLUED: Final = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z%$€£/0-9]+)$")
_HYPHENS: Final = frozenset({"-", "\u2013", "\u2014"})
_RANGE_WORDS: Final = frozenset({"-", "\u2013", "to"})
_ARTICLES: Final = frozenset({"a", "an"})


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """One quantity: token indices `start`..`end` (exclusive) of the doc, and what it is worth.

    `is_vague` marks approximate plurals ("dozens"), whose value is the range they name;
    `is_fraction` marks a share ("two-thirds", "half of"), given in percent; `glued_unit` is a
    unit written onto the digits ("10km").
    """

    start: int
    end: int
    value: float
    value_high: float | None
    is_vague: bool
    is_fraction: bool
    glued_unit: Unit | None = None


@dataclass(frozen=True, slots=True)
class _Value:
    value: float
    high: float | None
    is_vague: bool
    is_fraction: bool
    has_scale: bool
    glued_unit: Unit | None


def _digits(text: str) -> float | None:
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    return None


def _glued(lower: str, lex: NumberLexicon) -> re.Match[str] | None:
    """Digits with a scale or unit written onto them ("5bn", "10km"); None for other suffixes."""
    glued = _GLUED.match(lower)
    if glued and (glued.group(2) in lex.abbreviations or (glued.group(2),) in lex.units_after):
        return glued
    return None


def _kind(token: Token, lex: NumberLexicon) -> str | None:
    """'digits', 'glued', 'cardinal', 'scale', 'fraction', 'approximate' or None."""
    text = token.text
    if _DIGITS.match(text):
        return "digits"
    lower = text.lower()
    if _glued(lower, lex):
        return "glued"
    for kind, words in (
        ("cardinal", lex.cardinals),
        ("scale", lex.scales),
        ("fraction", lex.fractions),
        ("approximate", lex.approximate),
    ):
        if lower in words:
            return kind
    return None


def phrase_value(words: Sequence[str], lex: NumberLexicon) -> _Value | None:
    """The value of the words of one number phrase (no range), or None if they spell none.

    Notes:
        The usual English number-word fold: cardinals add, "hundred" multiplies what precedes,
        larger scales close a group ("two million three hundred thousand"). A fraction after a
        numerator multiplies it ("two-thirds"); alone it is itself ("half of"). An approximate
        plural names an order of magnitude: its value is two of it, its high value ten of it
        less one ("hundreds" → 200 to 999, "tens of thousands" → 20,000 to 99,999), the
        smallest and largest counts the plural can name before the next word would be used.
    """
    total = 0.0
    current: float | None = None  # the count of the open group; None until one is written
    vague_base = 0.0
    has_scale = is_fraction = False
    glued_unit: Unit | None = None
    previous_digits = False
    for word in words:
        lower = word.lower()
        follows_digits, previous_digits = previous_digits, _digits(word) is not None
        if lower in _HYPHENS or lower in ("and", "of"):
            continue
        if lower in _ARTICLES:
            current = 1.0 if current is None else current
            continue
        digits = _digits(word)
        glued = _glued(lower, lex) if digits is None else None
        if digits is not None:
            # "12 000": a three-digit group after digits continues them
            joined = follows_digits and len(word) == 3 and word.isdigit()
            current = (current or 0.0) * 1000 + digits if joined else (current or 0.0) + digits
        elif glued:
            number = float(glued.group(1).replace(",", ""))
            suffix = glued.group(2)
            if suffix in lex.abbreviations:
                total += number * lex.abbreviations[suffix]
                has_scale = True
            else:
                current = (current or 0.0) + number
                glued_unit = lex.units_after[(suffix,)]
        elif lower in lex.approximate:
            vague_base = (vague_base or 1.0) * lex.approximate[lower]
        elif lower in lex.scales:
            scale = lex.scales[lower]
            if vague_base:
                vague_base *= scale
            elif scale >= 1000:
                total += (1.0 if current is None else current) * scale
                current = None
            else:
                current = (1.0 if current is None else current) * scale
            has_scale = True
            is_fraction = False
        elif lower in lex.fractions:
            fraction = lex.fractions[lower]
            current = fraction if current is None else current * fraction
            is_fraction = True
        elif lower in lex.cardinals:
            current = (current or 0.0) + lex.cardinals[lower]
        else:
            return None
    value = total + (current or 0.0)
    if vague_base:
        found = _Value(2 * vague_base, 10 * vague_base - 1, True, False, True, None)
    elif is_fraction:
        found = _Value(round(value * 100, 2), None, False, True, has_scale, None)
    else:
        found = _Value(value, None, False, False, has_scale, glued_unit)
    if not math.isfinite(found.value) or not math.isfinite(found.high or 0.0):
        return None  # more digits or scales than a float holds: no quantity a text states
    return found


def _extends(tokens: Sequence[Token], j: int, kinds: list[str], lex: NumberLexicon) -> int:
    """How many tokens from `j` continue the phrase whose token kinds so far are `kinds`."""
    token = tokens[j]
    lower = token.lower_
    last = kinds[-1]
    kind = _kind(token, lex)
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    after_kind = _kind(after, lex) if after is not None else None
    if kind == "scale" and last in ("digits", "cardinal", "scale", "fraction", "article"):
        return 1
    if kind == "approximate" and last == "of":
        return 1
    if kind == "cardinal" and last in ("cardinal", "scale") and token.lower_ != "one":
        return 1
    if kind == "fraction" and last == "cardinal" and lower.endswith("s"):
        return 1  # "two thirds"
    if (
        last == "cardinal"
        and lower in _HYPHENS
        and not tokens[j - 1].whitespace_
        and after_kind in ("cardinal", "fraction")
    ):
        return 2  # "twenty-five", "two-thirds"
    if lower == "and" and last == "scale" and after_kind == "cardinal":
        return 2  # "two hundred and fifty"
    if lower == "of" and last == "approximate" and after_kind in ("approximate", "scale"):
        return 2  # "hundreds of thousands"
    if lower in _ARTICLES and last == "fraction" and after_kind == "scale":
        return 2  # "half a million"
    if (
        kind == "digits"
        and last == "digits"
        and len(kinds) == 1
        and len(token.text) == 3
        and token.text.isdigit()
        and tokens[j - 1].text.isdigit()
        and len(tokens[j - 1].text) <= 3
        and tokens[j - 1].whitespace_ == " "
    ):
        return 1  # "12 000"
    return 0


def _single(tokens: Sequence[Token], i: int, lex: NumberLexicon) -> tuple[int, int] | None:
    """The token span of the number phrase starting at `i`, or None."""
    token = tokens[i]
    kind = _kind(token, lex)
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if kind is None:
        if (
            token.lower_ in _ARTICLES
            and nxt is not None
            and _kind(nxt, lex) in ("scale", "fraction")
        ):
            kind = "article"  # "a dozen", "a million", "a third"
        if kind is None:
            return None
    kinds = [kind]
    j = i + 1
    while j < len(tokens):
        step = _extends(tokens, j, kinds, lex)
        if not step:
            break
        for k in range(j, j + step):
            kinds.append(_kind(tokens[k], lex) or tokens[k].lower_)
        j += step
    if kinds == ["article"]:
        return None
    return i, j


def find_number_phrases(sentence: Span, lex: NumberLexicon) -> list[NumberPhrase]:
    """Every number phrase in `tokens` (one sentence), left to right, ranges joined.

    Args:
        sentence: The tokens of one sentence.
        lex: The number vocabulary.

    Returns:
        Phrases with doc token indices; a range "X-Y", "X to Y" or "between X and Y" is one
        phrase with `value` X and `value_high` Y (a scale on Y alone applies to X: "2 to 3
        million").
    """
    found: list[NumberPhrase] = []
    offset = sentence.start
    starters = lex.starters
    tokens = list(sentence)  # indexing a list is much cheaper than indexing a Span
    i = 0
    while i < len(tokens):
        text = tokens[i].text
        if not (text[0].isdigit() or text.lower() in starters):
            i += 1
            continue
        span = _single(tokens, i, lex)
        if span is None:
            i += 1
            continue
        start, end = span
        value = phrase_value([t.text for t in tokens[start:end]], lex)
        if value is None:
            i = end
            continue
        low, high, end = value.value, value.high, end
        ranged = _range_end(tokens, start, end, value, lex)
        if ranged is not None:
            end, low, high = ranged
            if start > 0 and tokens[start - 1].lower_ == "between":
                start -= 1
        found.append(
            NumberPhrase(
                start=start + offset,
                end=end + offset,
                value=low,
                value_high=high,
                is_vague=value.is_vague,
                is_fraction=value.is_fraction,
                glued_unit=value.glued_unit,
            )
        )
        i = end
    return found


def _range_end(
    tokens: Sequence[Token], start: int, end: int, first: _Value, lex: NumberLexicon
) -> tuple[int, float, float] | None:
    """(end, low, high) when a second number closes a range after the first, else None."""
    if end + 1 >= len(tokens) or first.is_vague:
        return None
    link = tokens[end].lower_
    between = start > 0 and tokens[start - 1].lower_ == "between"
    if not (link in _RANGE_WORDS or (between and link == "and")):
        return None
    second_span = _single(tokens, end + 1, lex)
    if second_span is None:
        return None
    second = phrase_value([t.text for t in tokens[second_span[0] : second_span[1]]], lex)
    if second is None or second.is_vague or second.is_fraction != first.is_fraction:
        return None
    low = first.value
    if second.has_scale and not first.has_scale and low < second.value:
        lead = phrase_value([tokens[second_span[0]].text], lex)
        if lead is None or lead.value <= 0:
            return None  # "1 to 0 million": no scale to carry over
        low *= second.value / lead.value
    if second.value <= low:
        return None
    return second_span[1], low, second.value
