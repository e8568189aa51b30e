"""What a sentence says about one target, as the sparse features the stance model reads.

The same function describes a target at training time (`data-build/train_stance.py`,
targets given by character spans) and at analysis time (targets are actor mentions), so the
model sees one description in both places.

Notes:
    Features of target-dependent sentiment after Jiang et al. (2011), "Target-dependent
    Twitter sentiment classification", and Kim & Hovy (2006): the words of the sentence; the
    words near the target; the target's grammatical role and the word governing it (agent of
    "attack", patient of "attack", possessor of "failure"); the words on its path to the root
    and its own modifiers; words of the target's own clause crossed with whether the target
    is that clause's agent or patient; evaluative words of the stance lexicon (negated or not,
    in the target's clause or elsewhere); quotation and reported speech.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from spacy.tokens import Span, Token

from zenobia.extract.stance.lexicon import StanceLexicon

__all__ = ["target_features"]

WINDOW: Final = 3
"""Words on each side of the target that count as its neighbours (Jiang et al. use a few)."""
CONTENT_POS: Final = frozenset({"ADJ", "ADV", "NOUN", "VERB", "PROPN", "INTJ"})
AGENT_DEPS: Final = frozenset({"nsubj", "csubj", "agent"})
PATIENT_DEPS: Final = frozenset({"dobj", "nsubjpass", "pobj", "dative", "attr", "oprd"})
NEGATION_WORDS: Final = frozenset({"not", "n't", "never", "no", "without", "nor"})
QUOTE_MARKS: Final = frozenset({'"', "\u201c", "\u201d", "\u00ab", "\u00bb"})
MAX_PATH: Final = 8


def _word(token: Token) -> str:
    return token.lemma_.casefold() if token.pos_ != "PROPN" else "<name>"


def _root_of(tokens: list[Token]) -> Token:
    """The target's syntactic head: the token whose head lies outside the target."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head is token:
            return token
    return tokens[0]


def _clause_verb(token: Token) -> Token | None:
    """The nearest verb (or copula) above the token, the head of its clause."""
    node = token
    for _ in range(MAX_PATH):
        if node.pos_ in ("VERB", "AUX") and node is not token:
            return node
        if node.head is node:
            return node if node.pos_ in ("VERB", "AUX") else None
        node = node.head
    return None


def _role(root: Token) -> str:
    """agent, patient or other: what the target is to the verb of its clause."""
    node = root
    while node.dep_ in ("conj", "appos", "compound") and node.head is not node:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "by" and node.head.dep_ == "agent":
        return "agent"
    if node.dep_ in AGENT_DEPS:
        return "agent"
    if node.dep_ in PATIENT_DEPS:
        return "patient"
    if node.dep_ == "poss":
        return "possessor"
    return "other"


def _is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATION_WORDS for c in token.children) or (
        token.head is not token
        and any(c.dep_ == "neg" for c in token.head.children)
        and token.dep_ in ("acomp", "attr", "dobj", "xcomp", "ccomp")
    )


def target_features(
    sentence: Span, target: Collection[int], lexicon: StanceLexicon, speech: frozenset[str]
) -> list[str]:
    """The features of one target in one sentence (see the module's Notes).

    Args:
        sentence: The parsed sentence.
        target: Token indices (in the document) of the target's mention.
        lexicon: The stance lexicon, for evaluative words.
        speech: Lemmas of speech verbs.

    Returns:
        Feature names, each present once.
    """
    tokens = [t for t in sentence if t.i in target]
    if not tokens:
        return []
    root = _root_of(tokens)
    first, last = tokens[0].i, tokens[-1].i
    role = _role(root)
    verb = _clause_verb(root)
    clause = set() if verb is None else {t.i for t in verb.subtree}
    ancestors = {a.i for a in list(root.ancestors)[:MAX_PATH]}
    found: set[str] = {"bias", f"role:{role}", f"dep:{root.dep_}"}
    governor = root.head
    if governor is not root:
        found.add(f"gov:{root.dep_}:{_word(governor)}")
        if governor.dep_ == "prep" and governor.head is not governor:
            found.add(f"gov:{governor.lower_}:{_word(governor.head)}")
    if verb is not None:
        found.add(f"verb:{role}:{_word(verb)}")
        if _is_negated(verb):
            found.add("verb_negated")
    for child in root.children:
        if child.dep_ in ("amod", "compound", "appos", "acl", "relcl") and child.i not in target:
            found.add(f"mod:{_word(child)}")
    marks_before = 0
    has_quote = False
    for token in sentence:
        if token.text in QUOTE_MARKS:
            has_quote = True
            marks_before += token.i < first
        if token.i in target or token.is_punct or token.is_space:
            continue
        word = _word(token)
        found.add(f"w:{word}")
        distance = first - token.i if token.i < first else token.i - last
        if distance <= WINDOW:
            found.add(f"{'l' if token.i < first else 'r'}:{word}")
        if token.i in ancestors:
            found.add(f"path:{word}")
        if token.lemma_ in speech and token.pos_ == "VERB":
            found.add("speech" if token.i not in ancestors else "speech_above")
        if token.i in clause and token.pos_ in CONTENT_POS:
            found.add(f"c:{role}:{word}")
        for entry in lexicon.entries.get(token.lemma_.casefold(), ()):
            if len(entry.lemmas) > 1:
                continue
            sign = "+" if entry.polarity > 0 else "-"
            negated = _is_negated(token)
            place = "clause" if token.i in clause else "path" if token.i in ancestors else "out"
            found.add(f"lex:{sign}:{place}:{'neg' if negated else 'pos'}")
            found.add(f"lex:{sign}:{role}:{entry.category}")
            break
    if has_quote:
        found.add("quote")
    if marks_before % 2:
        found.add("inside_quote")
    return sorted(found)
