"""Event triggers: the verbs and nouns that name an event, and the clause words that code them."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Span, Token

from zenobia.extract.events.agents import load_agent_words
from zenobia.extract.events.attributive import is_attributive_compound
from zenobia.extract.events.ending import ended_activity, ending_entry, is_ending_verb
from zenobia.extract.events.lexicon import Entry, Lexicon
from zenobia.extract.events.locations import _is_place, _place_objects
from zenobia.extract.events.nominal import is_specific_occurrence
from zenobia.extract.events.participants import _Found
from zenobia.extract.events.roles import _is_light_object, _noun_roles, _verb_roles
from zenobia.model import (
    Mention,
)


def _triggers(sent: Span, lexicon: Lexicon, by_token: dict[int, Mention]) -> Iterable[_Found]:
    for token in sent:
        if token.pos_ == "VERB":
            rows = lexicon.rows(token.lemma_.lower(), "verb") or lexicon.rows(token.lower_, "verb")
            # a verb with no row codes only as the end of an activity: most verbs stop here
            if not rows and not is_ending_verb(token):
                continue
            if _is_light(token, lexicon):
                continue
            if _is_ended(token, lexicon) or is_attributive_compound(token):
                continue
            entry = _match(rows, token, lexicon, by_token)
            if entry is None or not entry.cue:
                entry = ending_entry(token, lexicon) or entry
            if entry is not None:
                cedes = lexicon.is_a(token.lemma_.lower(), "ceding")
                sources, targets = _verb_roles(token, entry, by_token, cedes=cedes)
                yield _Found(token, token.idx, entry, sources, targets)
        elif token.pos_ in ("NOUN", "PROPN"):
            yield from _noun_trigger(token, lexicon, by_token)


def _is_ended(token: Token, lexicon: Lexicon) -> bool:
    """The activity an ending verb ends ("suspended aid"): coded on that verb, not on its own."""
    if token.head.i == token.i or token.head.pos_ != "VERB":
        return False
    found = ended_activity(token.head, lexicon)
    return found is not None and found[0] == token


def _noun_trigger(token: Token, lexicon: Lexicon, by_token: dict[int, Mention]) -> Iterable[_Found]:
    if token.i in by_token:
        return
    first = token
    rows: tuple[Entry, ...] = ()
    if token.i > 0 and token.lemma_.lower() in lexicon.compound_heads:
        before = token.doc[token.i - 1]
        compound = f"{before.lemma_.lower()} {token.lemma_.lower()}"
        if before.dep_ in ("compound", "amod") and compound in lexicon.compounds:
            rows, first = lexicon.rows(compound, "noun"), before
    if not rows:
        rows = lexicon.rows(token.lower_, "noun") or lexicon.rows(token.lemma_.lower(), "noun")
    # the dictionary lookup is cheap and rejects most nouns, so it goes before the parse checks
    if not rows or _is_ended(token, lexicon):
        return
    entry = _match(rows, token, lexicon, by_token)
    if entry is None:
        return
    sources, targets = _noun_roles(token, entry, lexicon, by_token)
    if not _is_anchored(token, lexicon) and not is_specific_occurrence(
        token, sources, targets, by_token, lexicon, load_agent_words(), entry.type
    ):
        return
    yield _Found(token, first.idx, entry, sources, targets)


def _is_light(token: Token, lexicon: Lexicon) -> bool:
    """A light verb whose object is itself an event noun ("launched an offensive")."""
    if not lexicon.is_a(token.lemma_.lower(), "light"):
        return False
    lexicon_nouns = (
        c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"
    )
    return any(
        lexicon.rows(c.lower_, "noun") or lexicon.rows(c.lemma_.lower(), "noun")
        for c in lexicon_nouns
    )


def _is_anchored(noun: Token, lexicon: Lexicon) -> bool:
    """A bare event noun counts when a light verb or a demand, threat or denial governs it."""
    if _is_light_object(noun, lexicon):
        return True
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    lemma = governor.lemma_.lower()
    return noun.dep_ in ("dobj", "pobj") and (
        lexicon.is_a(lemma, "irrealis") or lexicon.is_a(lemma, "deny")
    )


@dataclass(frozen=True, slots=True)
class _Clause:
    """The words after a trigger in its clause, as a set and sorted (for prefix look-ups)."""

    words: frozenset[str]
    ordered: tuple[str, ...]

    def has(self, word: str) -> bool:
        """The word itself, or for words of five letters or more any word it begins."""
        if word in self.words:
            return True
        if len(word) < 5:
            return False
        # words sharing a prefix are adjacent in sorted order
        at = bisect.bisect_left(self.ordered, word)
        return at < len(self.ordered) and self.ordered[at].startswith(word)


_NO_CLAUSE: Final = _Clause(frozenset(), ())


def _clause_words(trigger: Token) -> _Clause:
    words: set[str] = set()
    end = trigger.i + 14
    for child in trigger.children:
        if child.i < trigger.i or child.dep_ in ("ccomp", "advcl", "conj", "parataxis", "punct"):
            continue
        if child.left_edge.i > end:
            continue
        for token in child.subtree:
            if token.i > end:
                break
            words.update((token.lower_, token.lemma_.lower()))
    return _Clause(frozenset(words), tuple(sorted(words)))


def _cue_matches(words: tuple[str, ...], clause: _Clause) -> bool:
    return all(clause.has(w) for w in words)


def _match(
    rows: tuple[Entry, ...], trigger: Token, lexicon: Lexicon, by_token: dict[int, Mention]
) -> Entry | None:
    # rows without cue words (most of them) need no clause
    clause = _clause_words(trigger) if any(e.words for e in rows) else _NO_CLAUSE
    for entry in rows:
        if entry.words and not _cue_matches(entry.words, clause):
            continue
        if entry.needs_place and not any(
            _is_place(t, lexicon, by_token) for t in _place_objects(trigger)
        ):
            continue
        return entry if entry.type else None
    return None
