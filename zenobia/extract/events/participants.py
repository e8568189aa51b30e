"""The actors an event's roles name: mentions by token, noun phrases and agentless names."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Token

from zenobia.extract.events.lexicon import Entry, Lexicon
from zenobia.model import (
    Mention,
    Sentence,
)

_NP_SKIP: Final = frozenset(
    {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "det", "predet", "case", "prep"}
)


_PRONOUN_TAGS: Final = frozenset({"PRP", "PRP$", "WP", "WDT", "EX"})


def _mentions_by_token(doc: Doc, mentions: tuple[Mention, ...]) -> dict[int, Mention]:
    by_token: dict[int, Mention] = {}
    for mention in mentions:
        span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            by_token.setdefault(token.i, mention)
    return by_token


def _sentence_of(sentences: tuple[Sentence, ...], starts: list[int], char: int) -> Sentence | None:
    index = bisect.bisect_right(starts, char) - 1
    if index < 0:
        return None
    sentence = sentences[index]
    return sentence if sentence.start_char <= char < sentence.end_char else None


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of `head`: modifiers and `of` phrases; no clauses, articles, appositions."""
    tokens = [head]
    for child in head.children:
        if (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ not in _NP_SKIP:
            tokens.extend(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def _names_no_agent(
    heads: tuple[Token, ...], by_token: dict[int, Mention], lexicon: Lexicon
) -> bool:
    """The subject names what did the harm or what happened, not who did it.

    Notes:
        "A bomb killed five", "the attack wounded ten", "clashes left three dead": an
        instrument (`instrument` rows of the dictionary) or an event noun (a noun trigger)
        as subject leaves the source unknown, as PLOVER codes actors, never weapons or
        events. A name inside the phrase ("<Group>'s attack") keeps it a source.
    """
    if not heads:
        return False
    for head in heads:
        if head.pos_ != "NOUN" or any(by_token.get(t.i) for t in head.subtree):
            return False
        lemma = head.lemma_.lower()
        if not lexicon.is_a(lemma, "instrument") and not lexicon.rows(lemma, "noun"):
            return False
    return True


def _actors(
    heads: tuple[Token, ...], by_token: dict[int, Mention], sentence: Sentence
) -> tuple[tuple[str, ...], str | None]:
    if not heads:
        return (), None
    ids: dict[str, None] = {}
    spans: list[tuple[int, int]] = []
    for head in heads:
        tokens = [t for t in _np_tokens(head) if sentence.start_char <= t.idx < sentence.end_char]
        for token in tokens:
            mention = by_token.get(token.i)
            if mention is not None:
                ids.setdefault(mention.id, None)
        spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    start = min(s for s, _ in spans) - sentence.start_char
    text = sentence.text[start : max(e for _, e in spans) - sentence.start_char]
    if len(heads) == 1 and heads[0].tag_ in _PRONOUN_TAGS:
        linked = by_token.get(heads[0].i)
        # a pronoun counts only when coreference linked it to an antecedent ("They shelled")
        return ((linked.id,) if linked is not None and linked.is_anaphoric else ()), text
    return tuple(ids), " ".join(text.split())


_TIME_ENTITIES: Final = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class _Found:
    trigger: Token
    trigger_start: int
    entry: Entry
    sources: tuple[Token, ...]
    targets: tuple[Token, ...]
    ignored_cue: Token | None = None
    """A modal auxiliary that made this event a promise, demand or threat: not a hedge."""
    is_intended: bool = False
    """The action is only promised, demanded or threatened by a governing word."""
