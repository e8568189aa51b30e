"""Whether an event noun names a specific occurrence or only a background topic.

"Airstrikes on the hospital", "Tuesday's attack", "16 raids", "this offensive", "clashes in
the city", "its assault": one happening, coded. "The war", "the conflict", "attacks" as a
topic: background, not coded. An event noun counts when it has both a source and a target
("the fall of the fort to the militia"), when one of its roles or modifiers is an
actor, a place or a time, when it has an object it is aimed at ("on", "against") or a
by-agent, or when a numeral or a demonstrative picks out occurrences.

Notes:
    Event nominals are eventive only in some readings (Grimshaw 1990: complex event nominals
    take arguments; simple/result nominals do not). Requiring an argument, a temporal or
    locative anchor, or a counting/deictic determiner follows that distinction, as used for
    nominal event detection in TimeML/TempEval annotation (Pustejovsky et al. 2003: event
    nominals are annotated when they denote a specific occurrence).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from spacy.tokens import Token

from zenobia.extract.events.agents import AgentWords
from zenobia.extract.events.lexicon import Lexicon
from zenobia.extract.events.recipients import is_actor
from zenobia.model import Mention

__all__ = ["is_specific_occurrence"]

_TIME_ENTITIES: Final = frozenset({"DATE", "TIME"})
_PLACE_ENTITIES: Final = frozenset({"GPE", "LOC", "FAC"})
_DEMONSTRATIVES: Final = frozenset({"this", "that", "these", "those"})
_ANCHOR_PREPS: Final = frozenset(
    {"in", "near", "at", "around", "outside", "inside", "on", "against", "across", "over"}
)
_ARGUMENT_PREPS: Final = frozenset({"on", "against", "upon", "at", "by"})
"""An object the act is aimed at ("attacks on the hospital") or a by-agent ("raids by the
army") is an argument: Grimshaw's diagnostic of a complex event nominal."""
_POSSESSIVE_PRONOUNS: Final = frozenset({"its", "their", "his", "her", "our"})
_VIOLENT_TYPES: Final = frozenset({"ASSAULT"})
"""Types whose nouns name one act against someone: "the shooting of a man" is one shooting,
while "the release of prisoners" or "talks of officials" may be a topic."""


def _is_anchor(token: Token, by_token: Mapping[int, Mention], lexicon: Lexicon) -> bool:
    """An actor, a place or a time."""
    if token.ent_type_ in _TIME_ENTITIES or token.ent_type_ in _PLACE_ENTITIES:
        return True
    if token.lower_ in _POSSESSIVE_PRONOUNS:
        return True
    return is_actor(token, by_token) or lexicon.is_a(token.lemma_.lower(), "place")


def _modifiers(noun: Token) -> Iterable[Token]:
    """The noun's own modifiers and the objects of its locative / temporal prepositions."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _ANCHOR_PREPS:
            yield from (c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod"):
            yield child


def is_specific_occurrence(
    noun: Token,
    sources: tuple[Token, ...],
    targets: tuple[Token, ...],
    by_token: Mapping[int, Mention],
    lexicon: Lexicon,
    agents: AgentWords | None = None,
    event_type: str = "",
) -> bool:
    """Whether event noun `noun` names a specific occurrence.

    Args:
        noun: The event noun.
        sources: Its source tokens as the role reader found them.
        targets: Its target tokens.
        by_token: Mentions by token index.
        lexicon: The trigger dictionary (for place nouns such as "town").
        agents: Words for people (`load_agent_words`); with them, a violent noun whose
            target names people ("the slaying of a shopkeeper") is an occurrence.
        event_type: The PLOVER type the noun codes.

    Returns:
        False for a noun that only classifies another ("the ceasefire line", "attack
        helicopters"); else True when it has both a source and a target, when a role or
        modifier is an actor, place or time, when an act of violence has people as its
        target, or when a numeral or a demonstrative determines the noun.
    """
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        return False
    if sources and targets:
        return True
    violent = agents is not None and event_type in _VIOLENT_TYPES
    if violent and agents is not None and any(agents.names_people(t) for t in targets):
        return True
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ == "det" and child.lower_ in _DEMONSTRATIVES):
            return True
        argument = child.dep_ in ("prep", "agent") and child.lower_ in _ARGUMENT_PREPS
        if argument and any(c.dep_ == "pobj" for c in child.children):
            return True
    return any(_is_anchor(t, by_token, lexicon) for t in (*sources, *targets, *_modifiers(noun)))
