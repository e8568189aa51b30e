"""A title with a portfolio before a name, which NER reads as one name with the portfolio.

"Minister for <Region> <Firstname> <Surname>" and "Minister of <Portfolio> <Name>" are the
house style of many governments' releases; en_core_web_sm often takes "<Region> <Firstname>
<Surname>" for one organisation or place. This module finds where the portfolio ends and
the name begins, so that `zenobia.extract.actors.linking` can make the name a person (with the whole
title as role) and the portfolio's region a place. The words are data: the role titles of
`data/titles.csv`, the `portfolio_word` rows of `data/actor_words.csv`, and place names (the
states of `data/actors.csv`, the curated regions of `data/place_aliases.csv`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final

from zenobia.extract.places import read_aliases, read_state_aliases
from zenobia.knowledge import DATA_DIR, read_table

__all__ = ["PortfolioSplit", "PortfolioWords", "load_portfolio_words", "split_portfolio"]

_WORD: Final = re.compile(r"\S+")
_NAME_WORD: Final = re.compile(r"^[A-Z][\w'\u2019.\-]*$")
_JOINERS: Final = frozenset({"and", "&", "the", "of", "for"})


@dataclass(frozen=True, slots=True)
class PortfolioWords:
    """What a portfolio may be made of, casefolded.

    Attributes:
        places: Names of states and curated regions ("middle east", "africa").
        words: Portfolio words ("foreign", "affairs", "defence", "trade").
        title: A title ending in "for" or "of" right before a mention ("Minister for the ").
        not_names: Words that make the rest an organisation, not a name ("command").
    """

    places: frozenset[str]
    words: frozenset[str]
    title: re.Pattern[str]
    not_names: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PortfolioSplit:
    """Where a mention's text divides into a portfolio and a name (character offsets).

    Attributes:
        title_start: Where the title before the mention begins.
        name_start: Where the person's name begins.
        place: True when the portfolio is a place name (then it spans from the mention's
            start to `portfolio_end`), False when it is made of portfolio words.
        portfolio_end: Where the portfolio ends.
    """

    title_start: int
    name_start: int
    place: bool
    portfolio_end: int


@functools.cache
def load_portfolio_words(roles: tuple[str, ...], not_names: frozenset[str]) -> PortfolioWords:
    """The portfolio vocabularies, with a title regex built from `roles`; read once.

    Args:
        roles: Role titles ("Minister", "Secretary").
        not_names: Casefolded words no person's name holds (organisation head nouns, force
            nouns); a rest with one of them is an organisation's name.
    """
    places = {name.casefold() for names in read_state_aliases().values() for name in names}
    places |= {row.alias.casefold() for row in read_aliases() if row.feature == "region"}
    rows = read_table(DATA_DIR / "actor_words.csv", ("word", "use"))
    words = {row["word"].casefold() for row in rows if row["use"] == "portfolio_word"}
    forms = sorted({r"[\s\-]+".join(map(re.escape, r.split())) for r in roles}, key=len)
    alternation = "|".join(reversed(forms))
    title = re.compile(rf"(?<![\w-])(?:{alternation})\s+(?:for|of)\s+(?:the\s+)?$", re.I)
    return PortfolioWords(frozenset(places), frozenset(words), title, not_names | words)


def split_portfolio(
    text: str, start: int, end: int, line_start: int, words: PortfolioWords
) -> PortfolioSplit | None:
    """Split the mention `text[start:end]` into a portfolio and a person's name, or None.

    Args:
        text: The document text.
        start: The mention's start.
        end: The mention's end.
        line_start: Where the mention's line (or sentence) begins; the title must lie in it.
        words: From `load_portfolio_words`.

    Returns:
        The split when a title ending in "for"/"of" ("Minister for the ") stands right
        before the mention, a prefix of the mention is a portfolio (a state or region name,
        or words of `portfolio_word` rows such as "Foreign Affairs"), and the rest is one or
        more capitalised words; None otherwise. A mention that is all portfolio words
        ("State" of "Minister of State") splits with `name_start` at its end: no name.

    Notes:
        The longest portfolio prefix wins, so "<Region> <Name>" keeps a two-word region
        whole. A title's complement and a following name are two noun phrases run together
        without punctuation (an appositive title, Quirk et al. 1985, 17.65); the portfolio
        is closed-class (offices and regions), the name is not, so the split is read from
        the portfolio side.
    """
    title = words.title.search(text, line_start, start)
    if title is None:
        return None
    tokens = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
    if _is_portfolio([text[a:b].casefold() for a, b in tokens], words):
        return PortfolioSplit(title.start(), end, False, end)
    for cut in range(len(tokens) - 1, 0, -1):
        rest = [text[a:b] for a, b in tokens[cut:]]
        if not all(_NAME_WORD.match(w) and w.casefold() not in words.not_names for w in rest):
            continue
        prefix_end = tokens[cut - 1][1]
        prefix = text[start:prefix_end]
        if prefix.casefold() in words.places:
            return PortfolioSplit(title.start(), tokens[cut][0], True, prefix_end)
        if _is_portfolio([text[a:b].casefold() for a, b in tokens[:cut]], words):
            return PortfolioSplit(title.start(), tokens[cut][0], False, prefix_end)
    return None


def _is_portfolio(parts: list[str], words: PortfolioWords) -> bool:
    """Casefolded words that make a portfolio ("foreign affairs", "trade and industry")."""
    return any(p in words.words for p in parts) and all(
        p in words.words or p in _JOINERS for p in parts
    )
