"""Ending an activity: "suspended aid", "lifted the siege", "stopped shelling the town".

A verb that ends, suspends or reduces something codes by what it ends: ending cooperation is
SANCTION, ending hostilities or restrictions is RETREAT, suspending protest is CONCEDE
(`data/event_modality.csv` rows `ending`, `data/event_modality_types.csv` class `end`). The
activity is the verb's object noun (or a noun compounded into it, "aid deliveries") when that
noun is an event noun of the trigger dictionary, or a gerund complement ("stopped shelling").

Notes:
    Aspectual verbs take an eventive complement and predicate its termination (Freed 1979,
    "The semantics of English aspectual complementation"); coding the pair by the
    complement's type generalises CAMEO's item-by-item patterns ("halt aid", "lift curfew",
    "end talks") along the CAMEO2PLOVER table: 16x reduce relations / stop aid / halt
    negotiations → SANCTION; 0813, 085, 0871, 0872 ease curfew, sanctions, blockade, declare
    ceasefire → RETREAT; 082 ease dissent → CONCEDE.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from zenobia.extract.events.lexicon import Entry, Lexicon
from zenobia.extract.events.modality import ending_verbs, recoded

__all__ = ["ended_activity", "ending_entry", "is_ending_verb"]


def is_ending_verb(verb: Token) -> bool:
    """Whether `verb` (with its particle, if any) ends or reduces what its object names."""
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    words = ending_verbs()
    return (particle is not None and f"{lemma} {particle}" in words) or lemma in words


def _objects(verb: Token) -> Iterable[Token]:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            yield child
            yield from (c for c in child.children if c.dep_ == "compound")
        elif child.dep_ in ("xcomp", "pcomp") and child.tag_ == "VBG":
            yield child


def ended_activity(verb: Token, lexicon: Lexicon) -> tuple[Token, Entry] | None:
    """The event word the ending verb ends, with its trigger row, or None."""
    if not is_ending_verb(verb):
        return None
    for token in _objects(verb):
        pos = "verb" if token.pos_ == "VERB" else "noun"
        rows = lexicon.rows(token.lemma_.lower(), pos) or lexicon.rows(token.lower_, pos)
        entry = next((r for r in rows if r.type and not r.cue), None)
        if entry is not None:
            return token, entry
    return None


def ending_entry(verb: Token, lexicon: Lexicon) -> Entry | None:
    """The trigger row `verb` codes as when it ends an activity ("suspended aid": SANCTION)."""
    found = ended_activity(verb, lexicon)
    if found is None:
        return None
    ended = found[1]
    new = recoded("end", ended.type, ended.mode)
    if new is None:
        return None
    return Entry(
        lemma=verb.lemma_.lower(),
        pos="verb",
        cue=(),
        type=new[0],
        mode=new[1],
        context=ended.context,
        cameo="",
        source="ending",
    )
