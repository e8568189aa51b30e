"""Keys of place names.

Folded names, consonant skeletons and their variants, with the thresholds of matching by them.
"""

from __future__ import annotations

import re
from typing import Final

from zenobia.extract.places.geonames import (
    Words,
    fold,
    read_words,
)

SKELETON_MIN_POPULATION: Final = 15_000
"""Towns smaller than this are not in the skeleton index at all."""


FUZZY_MIN_POPULATION: Final = 100_000
"""A skeleton match reaches a place outside the document's countries only when it is this
large (or curated): small towns share skeletons with too many unrelated names."""


FUZZY_MIN_LETTERS: Final = 5


FUZZY_MIN_CONSONANTS: Final = 4
"""Shorter names and skeletons ("Europe" → "erp") match unrelated places by chance."""


DOMINANCE: Final = 10
"""A name counts as unambiguous context when its best candidate is this many times as
populous as any candidate in another country."""


SMALL_NAMESAKE: Final = 100_000


PROMINENCE_RATIO: Final = 5
"""A town under `SMALL_NAMESAKE` people chosen for the document's country loses to a
namesake abroad that is a national capital or `PROMINENCE_RATIO` times as populous, unless
the document names other places in the town's own province or state."""


RELABEL_MIN_POPULATION: Final = 15_000
"""A PERSON/ORG name is relabelled a place only when a place this large (or curated) has it."""


_APOSTROPHES: Final = re.compile("['\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4]")


_NON_WORD: Final = re.compile(r"[^a-z0-9\- ]+")


_DIGRAPHS: Final = (
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("ph", "f"),
    ("kh", "k"),
    ("gh", "g"),
    ("ck", "k"),
    ("q", "k"),
)
"""Romanisation digraphs that differ between French, English and scholarly spellings."""


_VOWELS: Final = re.compile("[aeiouyw]")


_DOUBLES: Final = re.compile(r"(.)\1+")


_LENGTH_BITS: Final = 6


_LENGTH_MASK: Final = (1 << _LENGTH_BITS) - 1


def _tokens(text: str, words: Words) -> list[str]:
    """Folded words of a name, Arabic articles dropped ("Deir ez-Zor" → deir, zor)."""
    cleaned = _NON_WORD.sub(" ", _APOSTROPHES.sub("", fold(text)))
    out: list[str] = []
    for token in cleaned.split():
        parts = [p for p in token.split("-") if p]
        while len(parts) > 1 and parts[0] in words.hyphen_articles:
            parts = parts[1:]
        out.extend(parts)
    kept = [t for t in out if t not in words.articles]
    return kept or out


def name_key(text: str, words: Words | None = None) -> str:
    """The exact-match key of a name: "Al-Raqqa" → "raqqa", "Dayr az Zawr" → "dayr zawr"."""
    return " ".join(_tokens(text, words or _words()))


def skeleton_key(key: str) -> str:
    """The fuzzy key of a name key: "deir zour" and "dayr zawr" both → "drzr".

    Notes:
        Vowels are what transliterations of Arabic, Persian, Pashto and Slavic names disagree
        on most (ou/u/o, ee/i/e, ay/ei); the consonants mostly agree once digraphs are folded.
        The first letter is kept as it is, vowel or not, so two names meet only when they
        start alike ("Idlib" / "Idleb", not "Europe" / "Araripe").
    """
    squeezed = key.replace(" ", "").replace("-", "")
    for old, new in _DIGRAPHS:
        squeezed = squeezed.replace(old, new)
    if not squeezed:
        return ""
    rest = _VOWELS.sub("", squeezed[1:])
    if len(rest) > 1 and rest.endswith("h"):
        rest = rest[:-1]
    return _DOUBLES.sub(r"\1", squeezed[0] + rest)


def _consonants(skeleton: str) -> int:
    return len(skeleton) - (1 if skeleton[:1] in ("a", "e", "i", "o", "u") else 0)


def _letters(key: str) -> int:
    return len(key.replace(" ", "").replace("-", ""))


_WORDS: Words | None = None


def _words() -> Words:
    global _WORDS
    if _WORDS is None:
        _WORDS = read_words()
    return _WORDS


def _variants(tokens: list[str], words: Words) -> list[list[str]]:
    """The name as written, then with leads, directions, qualifiers and admin words stripped."""
    variants = [tokens]
    current = list(tokens)
    changed = True
    while changed and current:
        changed = False
        joined = " ".join(current)
        for lead in words.leads:
            if joined.startswith(lead + " "):
                current = current[len(lead.split()) :]
                changed = True
                break
        if len(current) > 1 and (current[0] in words.directions or current[0] in words.qualifiers):
            current = current[1:]
            changed = True
        if len(current) > 1 and current[-1] in words.admin:
            current = current[:-1]
            changed = True
        if changed and current and current not in variants:
            variants.append(list(current))
    return variants


def _is_generic_word(token: str, words: Words) -> bool:
    return (
        token in words.generic
        or token in words.directions
        or token in words.admin
        or token in words.qualifiers
    )
