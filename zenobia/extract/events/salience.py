"""Which triggers of a sentence predicate an act of their own, and which one the sentence is about.

A sentence often holds several words of the trigger dictionary, but it reports fewer acts:

- an action only promised, demanded or threatened ("threatened to storm the palace",
  "urged X to withdraw") is the content of the governing word's event (THREATEN, REQUEST),
  which already carries its recipient: it is not a second event;
- an event noun that is the argument of an agreement, request, refusal or threat ("agreed to a
  ceasefire", "demanded a truce", "rejected the proposal") names what that act is about, an
  act still to come, not another act;
- a participle or relative clause with no agent that describes a noun ("the curfew imposed in
  June", "weapons seized last year", "the besieged town") refers back to background, not to
  an act the sentence reports, unless it states a death or a wound ("the man killed outside
  the bar" is the killing the article is about);
- an infinitive of purpose ("resigned to allow elections", "travelled to seek support") or
  one that completes a noun or an adjective ("efforts to ease tensions") is a plan, not an act.

Of the acts left, an event below the main one that is only hypothetical ("unless X rescinds
the law", "if it is attacked") is a condition of the main act, not a report: it is dropped
too (`is_condition`), and so is an event noun below it with neither source nor target ("after
the ceasefire", "during a strike"): it names a topic or a time, not an act the sentence
reports (`is_bare_mention`).

Of the acts left, the one highest in the parse (the main clause's predicate, then the earliest)
is the sentence's `main` event; the others are `sub` events. The rank is the first feature of
an event's confidence basis, so that the calibrated confidence ranks competing readings.

Notes:
    Event coders that work sentence by sentence code the main predicate and treat embedded
    predicates as its content: PETRARCH-2 codes one event per verb phrase, taking the
    complement of a say/threaten/demand verb as the event's content (Norris, Schrodt and
    Beieler 2017), and the CAMEO manual codes "threatened to attack" as a threat, not an
    attack (Schrodt 2012, CAMEO Conflict and Mediation Event Observations codebook, 1.1b3).
    Reduced relative clauses and attributive participles describe a referent rather than
    assert an event (Huddleston and Pullum 2002, ch. 12 §10 on non-finite relatives).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal

from spacy.tokens import Token

from zenobia.extract.events.participants import _Found

__all__ = [
    "CASUALTY_VERBS",
    "MAIN",
    "SUB",
    "Rank",
    "is_bare_mention",
    "is_condition",
    "predicated",
    "rank_of",
]

Rank = Literal["main", "sub"]
MAIN: Final[Rank] = "main"
SUB: Final[Rank] = "sub"

_ARGUMENT_DEPS: Final = frozenset({"dobj", "pobj", "attr", "dative", "oprd"})
"""Dependencies through which a noun is what the word that governs it is about (a passive
subject is left out: "the airstrike was condemned" reports the airstrike as done)."""

_PROSPECTIVE_TYPES: Final = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN"})
"""Types of acts about an act still to come: what they agree to, ask for, turn down or threaten
is not done ("called for a ceasefire"). Acts about an act already done keep it as an event of
its own ("arrested a man in the murder", "condemned the airstrike")."""

CASUALTY_VERBS: Final = frozenset({"kill", "wound", "injure", "die", "hurt"})
"""Verbs that state a death or a wound: an act even as a noun's description ("the man killed
outside the bar") or with a subject the parse lost."""

_MODIFIER_DEPS: Final = frozenset({"acl", "relcl", "amod"})
"""Dependencies through which a verb describes a noun instead of heading a clause."""


def predicated(found: Sequence[_Found]) -> list[_Found]:
    """The triggers among `found` (one sentence's) that report an act of their own.

    Args:
        found: The sentence's triggers, after modality and deduplication.

    Returns:
        Those that are neither an intended action under a governing word, nor an event noun
        that is another trigger's argument, nor an agentless description of a noun.
    """
    prospective = {f.trigger.i for f in found if f.entry.type in _PROSPECTIVE_TYPES}
    return [
        item
        for item in found
        if not item.is_intended
        and not _is_argument_of_trigger(item.trigger, prospective)
        and not _is_description(item)
        and not _is_plan(item.trigger)
    ]


def is_condition(rank: Rank, status: str) -> bool:
    """Whether an event of this rank and status is a condition of the sentence's main act."""
    return rank == SUB and status == "hypothetical"


def rank_of(item: _Found, kept: Sequence[_Found]) -> Rank:
    """`main` for the trigger highest in the parse among `kept` (then the earliest), else `sub`."""
    main = min(kept, key=lambda f: (_depth(f.trigger), f.trigger.i), default=None)
    return MAIN if main is not None and main.trigger.i == item.trigger.i else SUB


def is_bare_mention(rank: Rank, item: _Found, has_roles: bool) -> bool:
    """Whether an event below the main one is only an event noun with no participant."""
    return rank == SUB and item.trigger.pos_ != "VERB" and not has_roles


def _is_argument_of_trigger(token: Token, prospective: set[int]) -> bool:
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in _ARGUMENT_DEPS:
        return False
    governor = token.head
    if token.dep_ == "pobj" and governor.dep_ == "prep":
        governor = governor.head
    return governor.i != token.i and governor.i in prospective


def _is_description(item: _Found) -> bool:
    token = item.trigger
    if token.pos_ != "VERB" or item.sources or token.dep_ not in _MODIFIER_DEPS:
        return False
    if token.lemma_.lower() in CASUALTY_VERBS:
        return False
    if any(c.dep_ == "dobj" for c in token.children):
        # "the attack ... killed at least seven": a misparsed clause with its own object
        return False
    # "a declaration demanding ..." is the noun's act; "the curfew imposed ..." its past
    if token.dep_ == "relcl":
        return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    return token.tag_ == "VBN"


def _is_plan(token: Token) -> bool:
    if token.pos_ != "VERB" or not any(c.tag_ == "TO" and c.dep_ == "aux" for c in token.children):
        return False
    return token.dep_ in ("advcl", "relcl") or (
        token.dep_ in ("acl", "xcomp") and token.head.pos_ in ("NOUN", "ADJ", "PROPN")
    )


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth
