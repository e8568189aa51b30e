"""Whether a sentence asserts, reports, denies or only entertains an event.

Notes:
    Dependency-path rules in the spirit of FactBank / event factuality work (Saurí and
    Pustejovsky 2009): a negation or a denial verb on the path from the trigger to the root
    negates; a modal or future auxiliary, a conditional marker, or a governing verb of
    intention, demand or threat ("threatened to", "urged", "planned") makes the event
    hypothetical; a reporting verb or "according to" on that path makes it reported, and so
    does a sentence-final reporting clause the parser attached as a relative clause.
    Copular predications ("an attack would be a mistake", "this is an attack on peace") are
    opinion, never asserted. The word classes come from `data/plover_verbs.csv` (`report`,
    `irrealis`, `deny` rows); modals and conditional markers are closed grammatical sets.
"""

from __future__ import annotations

import itertools
from typing import Final

from spacy.tokens import Token

from zenobia.extract.events.lexicon import Lexicon
from zenobia.model import EventStatus

__all__ = ["event_status"]

_MODALS: Final = frozenset(
    {"will", "would", "could", "might", "may", "should", "shall", "can", "must", "'ll", "wo", "ca"}
)
_RELATIVE_WORDS: Final = frozenset({"that", "which", "who", "whom", "whose"})
_CONDITIONAL: Final = frozenset({"if", "unless", "whether", "lest"})
_CLAUSE_LINKS: Final = frozenset(
    {"xcomp", "ccomp", "advcl", "conj", "pcomp", "dobj", "pobj", "prep", "acl", "relcl", "nsubj"}
)


def _chain(trigger: Token) -> list[Token]:
    """The trigger and its governors up to the root."""
    chain = [trigger]
    token = trigger
    while token.head.i != token.i and len(chain) < 12:
        token = token.head
        chain.append(token)
    return chain


def _own_clause(trigger: Token) -> list[Token]:
    """The trigger plus the verbs it shares auxiliaries with (coordination, copula)."""
    clause = [trigger]
    token = trigger
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
        clause.append(token)
    if token.dep_ in ("nsubj", "nsubjpass", "attr") and token.head.lemma_ == "be":
        clause.append(token.head)
    return clause


def _has_hypothetical_marker(tokens: list[Token], ignored: Token | None) -> bool:
    for token in tokens:
        for child in token.children:
            if child == ignored:
                continue
            if child.dep_ in ("aux", "auxpass") and child.lower_ in _MODALS:
                return True
            if (child.dep_ == "aux" and child.lower_ == "going") or child.lower_ in _CONDITIONAL:
                return True
    return False


def event_status(trigger: Token, lexicon: Lexicon, *, ignored: Token | None = None) -> EventStatus:
    """The status of the event named by `trigger`: negated, hypothetical, reported or asserted.

    Args:
        trigger: The trigger token.
        lexicon: The trigger dictionary with its `report`, `irrealis` and `deny` classes.
        ignored: A modal auxiliary that is the event itself ("X will strike" coded as a
            threat: the threat is asserted), not a hedge on it.
    """
    clause = _own_clause(trigger)
    if any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
        for t in clause
        for c in t.children
    ):
        return "negated"
    if _has_hypothetical_marker(clause, ignored):
        return "hypothetical"
    if clause[-1].lemma_ == "be" and trigger.dep_ == "attr":
        return "hypothetical"
    chain = _chain(trigger)
    reported = False
    for below, token in itertools.pairwise(chain):
        lemma = token.lemma_.lower()
        if below.dep_ not in _CLAUSE_LINKS:
            continue
        if lexicon.is_a(lemma, "deny"):
            return "negated"
        if lexicon.is_a(lemma, "irrealis") and below.dep_ in (
            "xcomp",
            "ccomp",
            "dobj",
            "pobj",
            "pcomp",
            "prep",
        ):
            return "hypothetical"
        if any(c.dep_ == "neg" for c in token.children) and below.dep_ in ("xcomp", "ccomp"):
            return "negated"
        if lexicon.is_a(lemma, "report") and below.dep_ in ("ccomp", "conj", "xcomp"):
            reported = True
    for token in chain:
        for child in token.children:
            if child.dep_ in ("parataxis", "ccomp", "advcl") and lexicon.is_a(
                child.lemma_.lower(), "report"
            ):
                reported = True
            if child.lower_ == "according":
                reported = True
    if not reported and _trailing_attribution(trigger, lexicon):
        reported = True
    return "reported" if reported else "asserted"


def _trailing_attribution(trigger: Token, lexicon: Lexicon) -> bool:
    """A reporting clause ending the sentence that the parser hung on a noun.

    "Jets bombed the city SANA reported": without a comma the small parser reads "SANA
    reported" as a relative clause on "city". A reporting verb that is the sentence's last
    verb, has its own subject, no object or complement and no relative word, and hangs
    inside the trigger's clause attributes the whole sentence.
    """
    sent = trigger.sent
    doc = trigger.doc
    # the sentence's last verb, read from its end: it must come after the trigger
    last = next(
        (doc[i] for i in range(sent.end - 1, trigger.i, -1) if doc[i].pos_ in ("VERB", "AUX")),
        None,
    )
    if last is None:
        return False
    if last.dep_ not in ("relcl", "acl") or not lexicon.is_a(last.lemma_.lower(), "report"):
        return False
    deps = {c.dep_ for c in last.children}
    if "nsubj" not in deps or deps & {"dobj", "ccomp", "xcomp"}:
        return False
    if any(c.lower_ in _RELATIVE_WORDS for c in last.children):
        return False
    return last.head == trigger or trigger.is_ancestor(last.head)
