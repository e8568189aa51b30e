"""The recipient of an event: the actor it is done to, not the thing it is done with.

"Loyalists sent weapons to the council": PLOVER's recipient is the council, not the weapons;
"the army lifted its blockade on the villagers": the villagers; "the ministry rejected the
front's offer": the front. Among the candidate objects of a trigger (in the order the roles
code tries them), the first that names an actor wins; else an actor inside the first
candidate's own phrase (its possessor, or the object of by/from/on/against/to/with/for);
else the first candidate, so inanimate targets ("shelled the bridge") are kept.

Notes:
    PLOVER (manual, 2021 draft) defines the recipient as the actor an event is directed at;
    themes and instruments are not recipients. Preferring animate / named arguments over
    inanimate ones follows the argument-selection heuristics of dependency-based event
    coders (PETRARCH-2's "actor in the object phrase", Norris, Schrodt and Beieler 2017) and
    Dowty's (1991) proto-role properties (the recipient is sentient, the theme undergoes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from spacy.tokens import Token

from zenobia.extract.events.agents import load_agent_words, may_act
from zenobia.model import Mention

__all__ = ["is_actor", "recipient"]

_ACTOR_ENTITIES: Final = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_INNER_PREPS: Final = frozenset({"by", "from", "on", "upon", "against", "to", "with", "for"})
_PHRASE_DEPS: Final = frozenset({"compound", "amod", "nmod"})
"""Modifiers that make a phrase an actor's ("Ukrainian positions"); a possessor does not:
in "the front's offer" the recipient is the front, found inside the phrase."""
_TIME_ENTITIES: Final = frozenset({"DATE", "TIME"})


def is_actor(token: Token, by_token: Mapping[int, Mention]) -> bool:
    """Whether the noun phrase headed by `token` names an actor (or a place acting as one).

    A mention on the head or on one of its modifiers ("Ukrainian positions"), a named
    entity of an actor kind, or a personal pronoun.
    """
    if token.tag_ in ("PRP", "PRP$") and token.lower_ not in ("it", "its"):
        return True
    for part in (token, *(c for c in token.children if c.dep_ in _PHRASE_DEPS)):
        if part.i in by_token or part.ent_type_ in _ACTOR_ENTITIES:
            return True
    return False


def _inner_actors(token: Token, by_token: Mapping[int, Mention]) -> Iterable[Token]:
    """Actors inside a non-actor object's phrase: "X's offer", "the blockade on X"."""
    for child in token.children:
        if child.dep_ == "poss" and is_actor(child, by_token):
            yield child
        elif child.dep_ in ("prep", "agent") and child.lower_ in _INNER_PREPS:
            for pobj in child.children:
                if (
                    pobj.dep_ == "pobj"
                    and pobj.ent_type_ not in _TIME_ENTITIES
                    and is_actor(pobj, by_token)
                ):
                    yield pobj


def recipient(
    candidates: list[Token], by_token: Mapping[int, Mention], places: Iterable[Token] = ()
) -> Token | None:
    """The recipient among `candidates` (ordered by role preference), or None if there are none.

    Args:
        candidates: Possible objects of the trigger, most preferred first.
        by_token: Mentions by token index.
        places: Objects of locative prepositions ("in", "from") on the trigger or its object,
            tried when no candidate is an actor.

    Returns:
        The first actor candidate; else an actor inside a candidate's phrase; else a
        candidate that names people by their sector ("protesters", "three civilians"); else a
        political place (GPE) among `places` ("imposed a curfew in X": X's population
        and authorities are the recipient, as PLOVER codes states and cities as actors);
        else the first candidate.
    """
    if not candidates:
        return None
    for candidate in candidates:
        if is_actor(candidate, by_token):
            return candidate
    for candidate in candidates:
        inner = next(iter(_inner_actors(candidate, by_token)), None)
        if inner is not None:
            return inner
    words = load_agent_words()
    people = next((c for c in candidates if c.pos_ == "NOUN" and may_act((c,), words)), None)
    if people is not None:
        # "killed three protesters in X": the people named by their sector, not the town
        return people
    polity = next((p for p in places if _is_polity(p, by_token)), None)
    return polity if polity is not None else candidates[0]


def _is_polity(token: Token, by_token: Mapping[int, Mention]) -> bool:
    mention = by_token.get(token.i)
    return token.ent_type_ == "GPE" or (mention is not None and mention.label == "GPE")
