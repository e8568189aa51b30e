"""Event roles: the source, target and recipient of an event from the parse around its trigger."""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from zenobia.extract.events.lexicon import Entry, Lexicon
from zenobia.extract.events.locations import _names_place, _pobjs
from zenobia.extract.events.modality import complement_subject
from zenobia.extract.events.participants import _TIME_ENTITIES
from zenobia.extract.events.recipients import recipient
from zenobia.model import (
    Mention,
)

_TARGET_PREPS: Final = ("against", "on", "at", "upon", "with", "to", "toward", "towards", "into")


_AIMED_PREPS: Final = ("against", "at", "on", "upon")
"""Prepositions on the verb itself that name what is aimed at: "fired rockets at the town"
(the direct object is then the instrument)."""


_NOUN_TARGET_PREPS: Final = (*_TARGET_PREPS, "of")


_RELATIVE: Final = frozenset({"who", "that", "which", "whom"})


_LOCATIVE_PREPS: Final = ("in", "into", "from")


_STATEMENT_TYPES: Final = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT"})
"""Verbal types whose recipient may sit in the act they are about ("threatened to hit X")."""


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _subject_of(verb: Token) -> tuple[Token | None, bool]:
    """(the actor doing `verb`, whether it came from a passive agent)."""
    agent = next(iter(_pobjs(verb, ("by",))), None) if _is_passive(verb) else None
    if agent is not None:
        return agent, True
    subject = _child(verb, "nsubj")
    if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        return verb.head, False
    if subject is None and verb.dep_ == "relcl" and not _is_passive(verb):
        return verb.head, False
    if subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        governor = verb.head
        if verb.dep_ == "xcomp":
            obj = _child(governor, "dobj") or next(iter(_pobjs(governor, ("on", "upon"))), None)
            if obj is not None:
                return obj, False
        return _subject_of(governor)
    return subject, False


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _object_of(verb: Token, by_token: dict[int, Mention]) -> Token | None:
    if _is_passive(verb):
        subject = _child(verb, "nsubjpass")
        if subject is None and verb.dep_ == "conj" and _is_passive(verb.head):
            return _child(verb.head, "nsubjpass")
        return subject
    candidates = _object_candidates(verb)
    places = [*_pobjs(verb, _LOCATIVE_PREPS), *(p for c in candidates for p in _pobjs(c, ("in",)))]
    return recipient(candidates, by_token, places)


def _object_candidates(verb: Token) -> list[Token]:
    """The possible objects of an active verb, in the order roles prefer them."""
    candidates = list(_pobjs(verb, _AIMED_PREPS))
    for child in verb.children:
        if child.dep_ == "dobj" or (child.dep_ == "dative" and child.pos_ != "ADP"):
            candidates.append(child)
        elif child.dep_ == "dative":
            candidates.extend(c for c in child.children if c.dep_ == "pobj")
    for prep in _TARGET_PREPS:
        candidates.extend(_pobjs(verb, (prep,)))
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB":
            shared = _child(conj, "dobj")
            if shared is not None:
                candidates.append(shared)
    return list(dict.fromkeys(candidates))


def _verb_roles(
    verb: Token, entry: Entry, by_token: dict[int, Mention], *, cedes: bool = False
) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    """Source and target heads of a verb trigger; `cedes` for a verb whose subject gives up
    control (`ceding` rows of the dictionary: "lose", "surrender")."""
    if verb.lemma_.lower() == "fall" and entry.type == "TAKE_CONTROL":
        winners = _pobjs(verb, ("to",))
        place = _child(verb, "nsubj")
        return tuple(winners[:1]), (place,) if place is not None else ()
    ceded = _child(verb, "dobj") if cedes and entry.type == "TAKE_CONTROL" else None
    if ceded is not None and not _is_passive(verb):
        # "<loser> lost <town> to <winner>": control was taken by the winner, if named
        # (an intransitive "<group> surrendered" keeps its subject: it is the one acting)
        return tuple(_pobjs(verb, ("to",))[:1]), _heads(ceded)
    source, _ = _subject_of(verb)
    if _is_territorial(entry) and not _is_passive(verb):
        candidates = _object_candidates(verb)
        target = candidates[0] if candidates else None
    else:
        target = _object_of(verb, by_token)
    if target is None and entry.type in _STATEMENT_TYPES:
        target = _complement_recipient(verb, entry, by_token)
    if target is None and entry.type == "PROTEST":
        target = _purpose_recipient(verb, by_token)
    return _heads(source), _heads(target)


def _purpose_recipient(verb: Token, by_token: dict[int, Mention]) -> Token | None:
    """Whom a protest is against, from its purpose clause ("... to protest against X")."""
    for child in verb.children:
        is_purpose = child.dep_ in ("advcl", "xcomp") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        )
        if is_purpose:
            return _object_of(child, by_token)
    return None


def _is_territorial(entry: Entry) -> bool:
    """Control of territory: the object is the place that changed hands, actor or not."""
    return entry.type == "TAKE_CONTROL" or entry.needs_place


def _complement_recipient(verb: Token, entry: Entry, by_token: dict[int, Mention]) -> Token | None:
    """The recipient of a statement verb, read from the act it is about.

    "demanded that X withdraw": X (who is asked); "threatened to cut ties with X",
    "offered to hand the men over to X": the recipient of the act promised or threatened.
    """
    complement = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
    if complement is None:
        return None
    if entry.type == "REQUEST":
        asked = complement_subject(verb)
        if asked is not None:
            return asked
    return _object_of(complement, by_token)


def _noun_roles(
    noun: Token, entry: Entry, lexicon: Lexicon, by_token: dict[int, Mention]
) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    if noun.lemma_.lower() == "fall" and entry.type == "TAKE_CONTROL":
        return tuple(_pobjs(noun, ("to",))[:1]), tuple(_pobjs(noun, ("of",))[:1])
    source: Token | None = _child(noun, "poss")
    if source is not None and source.ent_type_ in _TIME_ENTITIES:
        source = None
    if source is None:
        source = next(iter(_pobjs(noun, ("by", "from"))), None)
    if source is None:
        source = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("compound", "amod", "nmod")
                and c.pos_ == "PROPN"
                and _is_agent_modifier(c, by_token)
            ),
            None,
        )
    if source is None and _is_light_object(noun, lexicon):
        source, _ = _subject_of(noun.head)
    candidates: list[Token] = []
    holders = (noun, noun.head) if _is_light_object(noun, lexicon) else (noun,)
    for holder in holders:
        for prep in _NOUN_TARGET_PREPS if holder is noun else _TARGET_PREPS:
            candidates.extend(_pobjs(holder, (prep,)))
    if _is_territorial(entry):
        target = candidates[0] if candidates else None
    else:
        target = recipient(candidates, by_token)
    if target is None and entry.type == "PROTEST" and noun.dep_ in ("dobj", "nsubjpass"):
        target = _purpose_recipient(noun.head, by_token)
    return _heads(source), _heads(target)


def _is_agent_modifier(token: Token, by_token: dict[int, Mention]) -> bool:
    """A name before an event noun that can do it ("Hamas attack"), not its place or time."""
    mention = by_token.get(token.i)
    if mention is not None:
        return not _names_place(mention)
    return token.ent_type_ in ("PERSON", "ORG", "NORP")


def _heads(token: Token | None) -> tuple[Token, ...]:
    if token is None:
        return ()
    return (token, *(c for c in token.conjuncts if c.i > token.i))


def _is_light_object(token: Token, lexicon: Lexicon) -> bool:
    return token.dep_ in ("dobj", "nsubjpass") and lexicon.is_a(token.head.lemma_.lower(), "light")
