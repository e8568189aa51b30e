"""The side an event's perpetrator belongs to, so that a generic phrase can meet a named actor.

"Pro-government forces" names no actor, "the Veldrian army" does; both are the state side of
Veldria. Merging compares sides as one more perpetrator anchor: a generic phrase that marks the
state is compatible with, and as good as, a named state actor of the same country.

Notes:
    The state-marking words are those the mention extraction uses to resolve nominal mentions
    to a country's government or military (`data/mention_heads.csv`: modifiers marked
    `state=yes`, nouns that name the state alone). The country is the one the named
    perpetrator belongs to, else the country the document's story happens in, as a reader
    resolves "government forces" in a dateline story (Grosz et al. 1995, entity salience).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from zenobia.knowledge import read_table
from zenobia.model import Mention

STATE_KINDS = frozenset({"government", "military", "police"})
"""Actor kinds of a state's own organs."""

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@functools.cache
def state_words() -> frozenset[str]:
    """Lower-cased words that mark a perpetrator phrase as the state's side ("regime",
    "government", "army", "loyalist", "pro-government"), from `data/mention_heads.csv`."""
    rows = read_table("mention_heads.csv", ("word", "type", "state", "alone"))
    return frozenset(
        row["word"].casefold()
        for row in rows
        if (row["type"] == "modifier" and row["state"] == "yes")
        or (row["type"] == "noun" and row["alone"] == "yes" and row["state"])
    )


def perpetrator_sides(
    source_text: str | None, sources: Iterable[Mention], home: str | None
) -> frozenset[str]:
    """The sides ("state:<country>") an event's perpetrator stands for.

    Args:
        source_text: the perpetrator phrase as extracted ("pro-government forces").
        sources: the perpetrator's named mentions.
        home: the country the document's story happens in.

    Returns:
        "state:<C>" for each named state organ of country C among `sources`, and, when the
        phrase holds a state-marking word, for the countries of the named persons and state
        organs among `sources` ("the Assad regime") or, when none is named, for `home`
        ("pro-government forces"); empty when nothing marks a state.
    """
    named = list(sources)
    sides = {f"state:{m.country}" for m in named if m.kind in STATE_KINDS and m.country}
    words = {w.casefold() for w in _WORD.findall(source_text or "")}
    words = {w for w in words if not w.startswith("anti-")}  # "anti-government": the other side
    parts = {p for w in words for p in w.split("-")}
    if (words | parts) & state_words():
        if not named:
            sides |= {f"state:{home}"} if home else set()
        else:  # "Assad regime forces": the person's state; "Islamic State": no state at all
            leaders = STATE_KINDS | {"person"}
            sides |= {f"state:{m.country}" for m in named if m.kind in leaders and m.country}
    return frozenset(sides)
