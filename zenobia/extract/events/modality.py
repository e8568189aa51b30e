"""Modality: when a sentence states a commitment to, a demand for, or a threat of an action.

"Loyalists will support the council", "the envoy urged the militia to withdraw", "the front
warned it would retaliate": the act reported is a promise (AGREE), a demand (REQUEST) or a
threat (THREATEN), not the support, withdrawal or retaliation themselves. This module finds
the modal cue of a trigger (an auxiliary on its verb, or the verb or adjective whose
complement it is) in `data/event_modality.csv`, and recodes the action's PLOVER type with
`data/event_modality_types.csv`.

Notes:
    The classes follow the PLOVER manual (2021 draft): AGREE covers offers, promises and
    "cooperative actions reported in future tense"; REQUEST (DEMAND) covers "all demands
    and orders"; THREATEN covers "threats, coercive or forceful warnings", including stated
    intent to use force or sanctions. CAMEO2PLOVER maps CAMEO 03 "express intent to ..."
    (including intent to yield) to AGREE, CAMEO 10 to REQUEST and CAMEO 13 to THREATEN.
    The cue is read from the dependency parse (aux / xcomp / ccomp / acomp + prep + pcomp),
    in the manner of modality and factuality taggers built on dependency paths (Saurí and
    Pustejovsky 2009; Baker et al. 2012, "Modality and negation in SIMT"). Epistemic modals
    ("could", "may", "might") state possibility, not commitment, and recode nothing;
    a negated or conditional clause recodes nothing either. A commitment with an "unless"
    clause is an ultimatum, which the manual codes THREATEN; "refused to" / "declined to"
    code REJECT ("all rejections and refusals"); a demand recodes verbal acts too ("must
    agree to" demands that the recipient agree).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final, Literal, cast

from spacy.tokens import Token

from zenobia.extract.events.lexicon import load_lexicon
from zenobia.knowledge import read_table

__all__ = [
    "Modality",
    "ModalityKind",
    "complement_subject",
    "ending_verbs",
    "modality_of",
    "recoded",
    "speaker",
]

ModalityKind = Literal["commit", "demand", "threat", "refuse", "end"]

_VERBAL: Final = frozenset({"AGREE", "REQUEST", "THREATEN", "ACCUSE", "REJECT"})
_KEPT: Final[dict[str, frozenset[str]]] = {
    "commit": _VERBAL,
    "threat": _VERBAL,
    "demand": frozenset({"REQUEST"}),
    "refuse": frozenset({"REJECT", "REQUEST", "ACCUSE", "THREATEN"}),
    "end": _VERBAL,
}
"""Types a modality leaves alone: "will accuse" is still an accusation, but "must agree" is a
demand and "refused to agree" a rejection."""
_CONDITIONAL: Final = frozenset({"if", "unless", "whether", "lest"})
_GOVERNED: Final = frozenset({"xcomp", "ccomp"})
_DEMAND_PREPS: Final = ("on", "upon")


@dataclass(frozen=True, slots=True)
class Modality:
    """The modal cue of a trigger: what kind, the cue token, and whether it is an auxiliary."""

    kind: ModalityKind
    cue: Token
    is_aux: bool


@dataclass(frozen=True, slots=True)
class _Cues:
    aux: dict[str, ModalityKind]
    reported_aux: dict[str, ModalityKind]
    governor: dict[str, ModalityKind]
    ending: frozenset[str]
    types: dict[tuple[str, str, str], tuple[str, str]]


@functools.cache
def _cues() -> _Cues:
    """The two modality tables, read once per process."""
    by_how: dict[str, dict[str, ModalityKind]] = {
        "aux": {},
        "reported_aux": {},
        "governor": {},
        "ending": {},
    }
    for row in read_table("event_modality.csv", ("word", "how", "class")):
        by_how[row["how"]][row["word"]] = cast(ModalityKind, row["class"])
    types: dict[tuple[str, str, str], tuple[str, str]] = {}
    for row in read_table("event_modality_types.csv"):
        key = (row["class"], row["action_type"], row["action_mode"])
        types[key] = (row["new_type"], row["new_mode"])
    ending = frozenset(by_how["ending"])
    return _Cues(by_how["aux"], by_how["reported_aux"], by_how["governor"], ending, types)


def ending_verbs() -> frozenset[str]:
    """Verbs (lemma, or lemma + particle) that end or reduce the activity their object names."""
    return _cues().ending


def recoded(kind: ModalityKind, type_: str, mode: str) -> tuple[str, str] | None:
    """The (type, mode) an action of `type_`/`mode` becomes under `kind`, or None to keep it."""
    if type_ in _KEPT[kind]:
        return None
    types = _cues().types
    for key in ((kind, type_, mode), (kind, type_, ""), (kind, "*", "")):
        if key in types:
            return types[key]
    return None


def _verb_of(trigger: Token) -> Token:
    """The verb whose auxiliaries and governor count: a light verb for its object noun."""
    is_object = trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubjpass")
    if is_object and load_lexicon().is_a(trigger.head.lemma_.lower(), "light"):
        return trigger.head
    return trigger


def _clause(verb: Token) -> list[Token]:
    """The verb and the verbs it is coordinated under (they share auxiliaries)."""
    clause = [verb]
    while clause[-1].dep_ == "conj" and clause[-1].head.i != clause[-1].i and len(clause) < 6:
        clause.append(clause[-1].head)
    return clause


def _is_blocked(tokens: list[Token]) -> bool:
    """Negated, conditional or epistemic: nothing is promised, demanded or threatened."""
    for token in tokens:
        for child in token.children:
            if child.dep_ == "neg" or child.lower_ in _CONDITIONAL:
                return True
            if child.dep_ == "aux" and child.tag_ == "MD" and child.lower_ not in _modal_words():
                return True
    return False


@functools.cache
def _modal_words() -> frozenset[str]:
    cues = _cues()
    return frozenset((*cues.aux, *cues.reported_aux))


def _in_reported_speech(verb: Token) -> bool:
    token = verb
    for _ in range(4):
        if token.head.i == token.i:
            return False
        if token.dep_ == "ccomp" and load_lexicon().is_a(token.head.lemma_.lower(), "report"):
            return True
        token = token.head
    return False


def _governor(verb: Token) -> Token | None:
    """The verb or adjective whose complement `verb` is ("vowed to X", "committed to X-ing")."""
    if verb.dep_ in _GOVERNED:
        return verb.head
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        return verb.head.head
    if verb.dep_ == "pobj" and verb.head.dep_ == "prep" and verb.head.lower_ in ("for", "to"):
        return verb.head.head
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        head = verb.head
        if any(c.dep_ == "prep" and c.lower_ in _DEMAND_PREPS for c in head.children):
            return head
    return None


def _governor_kind(governor: Token) -> ModalityKind | None:
    """The class of a governing word: adjectives by form ("prepared to"), verbs by lemma."""
    word = governor.lower_ if governor.dep_ == "acomp" else governor.lemma_.lower()
    return _cues().governor.get(word)


def _is_ultimatum(clause: list[Token]) -> bool:
    """A commitment with an "unless" clause ("X will withdraw unless Y ...") is a threat."""
    return any(
        child.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ == "unless" for m in child.children)
        for token in clause
        for child in token.children
    )


def modality_of(trigger: Token) -> Modality | None:
    """The modal cue that makes `trigger`'s action a promise, a demand or a threat.

    Args:
        trigger: The token of an event trigger.

    Returns:
        The cue, or None when the action is stated plainly, negated, conditional or only
        possible.
    """
    verb = _verb_of(trigger)
    clause = _clause(verb)
    if _is_blocked(clause):
        return None
    cues = _cues()
    for token in clause:
        for child in token.children:
            if child.dep_ not in ("aux", "auxpass"):
                continue
            word = child.lower_
            kind = cues.aux.get(word)
            if kind is None and word in cues.reported_aux and _in_reported_speech(token):
                kind = cues.reported_aux[word]
            if kind is not None:
                if kind == "commit" and _is_ultimatum(clause):
                    kind = "threat"
                return Modality(kind, child, is_aux=True)
    governor = _governor(clause[-1])
    if governor is None:
        return None
    kind = _governor_kind(governor)
    if kind is None or _is_blocked(_clause(governor)):
        return None
    return Modality(kind, governor, is_aux=False)


def complement_subject(governor: Token) -> Token | None:
    """Who is asked to act: "urged X to", "called on X to", "demanded that X ..."."""
    for child in governor.children:
        if child.dep_ in ("dobj", "dative"):
            return child
        if child.dep_ == "prep" and child.lower_ in _DEMAND_PREPS:
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
        if child.dep_ == "ccomp":
            found = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if found is not None and found.tag_ not in ("PRP", "WP"):
                return found
    return None


def speaker(verb: Token) -> Token | None:
    """The subject of the reporting verb that attributes `verb`'s clause, if any."""
    lexicon = load_lexicon()
    token = verb
    for _ in range(6):
        for child in token.children:
            if child.dep_ in ("parataxis", "ccomp") and lexicon.is_a(
                child.lemma_.lower(), "report"
            ):
                found = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if found is not None:
                    return found
        if token.head.i == token.i:
            return None
        if lexicon.is_a(token.head.lemma_.lower(), "report") and token.dep_ == "ccomp":
            return next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        token = token.head
    return None
