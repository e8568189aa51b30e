"""Attributive participles in hyphenated compounds: a state named as a modifier, not an event.

"the rebel-held town", "an Iran-backed militia", "the UN-led mission": the participle
classifies its noun by a standing relation (who holds, backs or leads it); no act is
reported, so it is not a trigger. The same verb in a clause ("rebels held the town",
"the town, held by rebels, ...") still is.

Notes:
    English compound adjectives of the form noun + hyphen + past participle ("rebel-held")
    are attributive and stative: they predicate a resultant state of the head noun, not an
    eventive occurrence (Quirk et al. 1985, A Comprehensive Grammar of the English Language,
    §17.98 and App. I.44 on compound adjectives; Levin and Rappaport 1986, "The formation of
    adjectival passives"). Event coders that read verbs off a parse would otherwise code
    every mention of a "rebel-held area" as an act of coercion. The test is structural: a
    `VBN` attached as a noun modifier (`amod`/`compound`) right after a hyphen written
    without spaces.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

__all__ = ["is_attributive_compound"]

_MODIFIER_DEPS: Final = frozenset({"amod", "compound", "nmod"})


def is_attributive_compound(token: Token) -> bool:
    """Whether `token` is the participle of a hyphenated compound modifier ("rebel-held").

    Args:
        token: A candidate verb trigger.

    Returns:
        True when the token is a past participle modifying a noun, written right after a
        hyphen that is itself attached to a word without spaces.
    """
    if token.tag_ != "VBN" or token.dep_ not in _MODIFIER_DEPS or token.i < 2:
        return False
    hyphen = token.doc[token.i - 1]
    before = token.doc[token.i - 2]
    return hyphen.text == "-" and not hyphen.whitespace_ and not before.whitespace_
