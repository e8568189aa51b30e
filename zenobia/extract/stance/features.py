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

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Span, Token

from zenobia.extract.stance.lexicon import StanceLexicon

__all__ = ["SentenceWord", "sentence_words", "target_features"]

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


@dataclass(frozen=True, slots=True)
class SentenceWord:
    """What the features read of one token of a sentence, whichever target they describe.

    `lexicon_cue` is the sign ("+" or "-") and category of the first one-word stance-lexicon
    entry of the token's lemma, if any.
    """

    token: Token
    i: int
    is_quote_mark: bool
    is_skipped: bool
    word: str
    is_speech_verb: bool
    is_content: bool
    lexicon_cue: tuple[str, str] | None


def sentence_words(
    sentence: Span, lexicon: StanceLexicon, speech: frozenset[str]
) -> list[SentenceWord]:
    """Every token of `sentence` as the features read it: built once per sentence, shared by
    the sentence's targets (reading a spaCy token's strings is the costly part)."""
    words = []
    for token in sentence:
        cue = None
        lemma = token.lemma_
        for entry in lexicon.entries.get(lemma.casefold(), ()):
            if len(entry.lemmas) > 1:
                continue
            cue = ("+" if entry.polarity > 0 else "-", entry.category)
            break
        pos = token.pos_
        words.append(
            SentenceWord(
                token=token,
                i=token.i,
                is_quote_mark=token.text in QUOTE_MARKS,
                is_skipped=token.is_punct or token.is_space,
                word=lemma.casefold() if pos != "PROPN" else "<name>",
                is_speech_verb=lemma in speech and pos == "VERB",
                is_content=pos in CONTENT_POS,
                lexicon_cue=cue,
            )
        )
    return words


def target_features(
    sentence: Span,
    target: Collection[int],
    lexicon: StanceLexicon,
    speech: frozenset[str],
    words: Sequence[SentenceWord] | None = None,
) -> list[str]:
    """The features of one target in one sentence (see the module's Notes).

    Args:
        sentence: The parsed sentence.
        target: Token indices (in the document) of the target's mention.
        lexicon: The stance lexicon, for evaluative words.
        speech: Lemmas of speech verbs.
        words: `sentence_words(sentence, lexicon, speech)`, when the caller has it already.

    Returns:
        Feature names, each present once.
    """
    doc = sentence.doc
    tokens = [doc[i] for i in sorted(target) if sentence.start <= i < sentence.end]
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
    for word in words if words is not None else sentence_words(sentence, lexicon, speech):
        i = word.i
        if word.is_quote_mark:
            has_quote = True
            marks_before += i < first
        if i in target or word.is_skipped:
            continue
        lemma = word.word
        found.add(f"w:{lemma}")
        distance = first - i if i < first else i - last
        if distance <= WINDOW:
            found.add(f"{'l' if i < first else 'r'}:{lemma}")
        if i in ancestors:
            found.add(f"path:{lemma}")
        if word.is_speech_verb:
            found.add("speech" if i not in ancestors else "speech_above")
        if i in clause and word.is_content:
            found.add(f"c:{role}:{lemma}")
        if word.lexicon_cue is not None:
            sign, category = word.lexicon_cue
            negated = _is_negated(word.token)
            place = "clause" if i in clause else "path" if i in ancestors else "out"
            found.add(f"lex:{sign}:{place}:{'neg' if negated else 'pos'}")
            found.add(f"lex:{sign}:{role}:{category}")
    if has_quote:
        found.add("quote")
    if marks_before % 2:
        found.add("inside_quote")
    return sorted(found)
