"""Stance: how a document, and each speaker it reports, judges each actor it mentions.

Per-document and pure: the analysis so far (with linked mentions) and the spaCy parse in,
the same analysis with `Stance` records out. Evaluative cues come from
`zenobia/data/stance_lexicon.csv`; the words that shift them from `stance_shifters.csv`.

Steps, per cue (a lexicon word or phrase outside any name):

1. target: the actor the cue is aimed at, along a short dependency path
   (`zenobia.extract._stance_targets`); cues that reach no actor are dropped;
2. voice: the document's own, a named speaker's, or an unknown speaker's
   (`zenobia.extract._stance_voice`); unknown speakers' cues are dropped;
3. weight: the lexicon polarity, flipped and damped by negation, scaled by intensifiers and
   diminishers, halved before a contrastive "but" and inside questions and hypotheticals;
4. score: per (actor, holder), the tanh of the summed weights.

Every actor the document mentions gets a record in the document's own voice (neutral with
score 0 and no evidence when no cue reaches it: "neutral" is then an explicit judgement);
speakers' stances are recorded only when they hold at least one cue.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Final

from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from zenobia.extract._stance_context import ActorIndex, group_key
from zenobia.extract._stance_lexicon import (
    JUDGEMENT_CATEGORIES,
    CueEntry,
    StanceLexicon,
    load_stance_lexicon,
)
from zenobia.extract._stance_targets import TargetResolver
from zenobia.extract._stance_voice import VoiceFinder
from zenobia.ingest.identity import content_id
from zenobia.model import DocumentAnalysis, Stance, StancePolarity

__all__ = [
    "CONTRAST_WEIGHT",
    "HYPOTHETICAL_WEIGHT",
    "NEGATION_WEIGHT",
    "POLARITY_THRESHOLD",
    "find_stances",
    "stances_in",
]

LABEL_CATEGORIES: Final = frozenset({"evaluative_adjective", "evaluative_noun"})
"""Cues that describe an actor; in attributive position they are the reporter's words."""
POLARITY_THRESHOLD: Final = 0.2
"""A score ≥ this is positive, ≤ -this negative, neutral between."""
NEGATION_WEIGHT: Final = -0.8
"""Negation flips a cue and damps it ("not legitimate" is less than "illegitimate")."""
CONTRAST_WEIGHT: Final = 0.5
"""Cues before "but" / "however", or inside an "although" clause, count this much."""
HYPOTHETICAL_WEIGHT: Final = 0.5
"""Cues in questions, conditionals and under would/could/might count this much."""
CONTRAST_DEPS: Final = frozenset({"cc", "advmod", "prep"})
MODAL_DEPS: Final = frozenset({"aux", "mark"})
INTENSIFIER_DEPS: Final = frozenset({"advmod", "amod", "npadvmod"})
NEGATOR_DEPS: Final = frozenset({"neg", "det", "advmod", "preconj"})
SCOPE_DEPS: Final = frozenset({"acomp", "attr", "oprd", "dobj", "nsubjpass", "xcomp", "pobj"})


@dataclass(frozen=True, slots=True)
class _Cue:
    anchor: Token
    entry: CueEntry
    start_char: int
    end_char: int


def find_stances(analysis: DocumentAnalysis, doc: Doc) -> DocumentAnalysis:
    """The stage: fill `analysis.stances` from the parse (see the module docstring)."""
    return replace(analysis, stances=stances_in(analysis, doc))


def stances_in(
    analysis: DocumentAnalysis, doc: Doc, lexicon: StanceLexicon | None = None
) -> tuple[Stance, ...]:
    """Stances of the document, and of the speakers it reports, towards each actor.

    Args:
        analysis: The analysis with linked mentions.
        doc: Its spaCy parse.
        lexicon: The cue lexicon; the packaged one when None.

    Returns:
        One record per actor in the document's voice (holder None), plus one per
        (speaker, actor) pair the speaker judges; ordered by the actor's first mention.

    Notes:
        The score is tanh(Σ weights): one plain strong cue (-1.0) scores -0.76, two score
        -0.96, and a weak cue alone (-0.3, "regime") scores -0.29. tanh rather than a mean so
        that many cues weigh more than one, bounded so that a long polemic stays in -1..+1.
        Questions and hypotheticals count half (`HYPOTHETICAL_WEIGHT`): they raise a
        judgement without asserting it.
    """
    lex = lexicon or load_stance_lexicon()
    actors = ActorIndex.build(doc, analysis.mentions)
    if not actors.first:
        return ()
    resolver = TargetResolver(actors, lex)
    voices = VoiceFinder(doc, resolver, lex, analysis.document.text)
    damping: dict[int, dict[int, float]] = {}
    sums: dict[tuple[str, str | None], float] = {}
    evidence: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
    for cue in _cues(doc, lex, actors.named):
        target = resolver.target(cue.anchor, cue.entry)
        if target is None:
            continue
        voice = voices.voice_of(
            cue.anchor,
            is_judgement=cue.entry.category in JUDGEMENT_CATEGORIES,
            is_label=cue.entry.category in LABEL_CATEGORIES,
        )
        if not voice.is_attributed:
            continue
        holder = None if voice.speaker is None else group_key(voice.speaker)
        key = (group_key(target), holder)
        sentence = cue.anchor.sent
        if sentence.start not in damping:
            damping[sentence.start] = _damping(sentence, lex)
        shift = _shift(cue.anchor, lex) * damping[sentence.start].get(cue.anchor.i, 1.0)
        weight = cue.entry.polarity * shift
        sums[key] = sums.get(key, 0.0) + weight
        evidence.setdefault(key, []).append((cue.start_char, cue.end_char))
    for actor in actors.first:
        sums.setdefault((actor, None), 0.0)
    order = {key: m.start_char for key, m in actors.first.items()}
    doc_id = analysis.document.id
    records = []
    for (actor, holder), total in sorted(
        sums.items(), key=lambda kv: (order[kv[0][0]], kv[0][1] is not None, kv[0][1] or "")
    ):
        score = round(math.tanh(total), 3)
        cues = tuple(sorted(set(evidence.get((actor, holder), ()))))
        polarity = _polarity(score)
        records.append(
            Stance(
                id=content_id("stance", doc=doc_id, actor=actor, holder=holder),
                doc_id=doc_id,
                actor_mention_id=actors.first[actor].id,
                actor_key=actor,
                holder_mention_id=None if holder is None else actors.first[holder].id,
                polarity=polarity,
                score=score,
                evidence=cues,
                holder_key=holder,
                confidence_basis=_confidence_basis(holder is None, polarity, len(cues)),
            )
        )
    return tuple(records)


def _confidence_basis(is_own_voice: bool, polarity: StancePolarity, cues: int) -> str:
    """`stance:<own|speaker>:<polarity>:cues=<0|1|2+>`: whose voice, which polarity, and how
    many cues it rests on, for its confidence."""
    voice = "own" if is_own_voice else "speaker"
    return f"stance:{voice}:{polarity}:cues={cues if cues < 2 else '2+'}"


def _polarity(score: float) -> StancePolarity:
    if score >= POLARITY_THRESHOLD:
        return "positive"
    if score <= -POLARITY_THRESHOLD:
        return "negative"
    return "neutral"


def _fits(token: Token, entry: CueEntry) -> bool:
    """Whether a token's part of speech and role fit the entry's part of speech."""
    pos = token.pos_
    if entry.pos == "ADJ":
        return pos == "ADJ" or (
            token.tag_ in ("VBN", "VBG") and token.dep_ in ("amod", "acomp", "oprd")
        )
    if entry.pos == "NOUN":
        return pos == "NOUN"
    if entry.pos == "VERB":
        return pos == "VERB" and token.dep_ != "amod"
    return pos == entry.pos


def _cues(doc: Doc, lex: StanceLexicon, named: frozenset[int]) -> Iterator[_Cue]:
    """Lexicon words and phrases outside names, longest phrase first, each token used once.

    Notes:
        Candidates are found on the parse's lemma and lower-case hash arrays, so Token
        objects are made only for the few tokens that may start a cue.
    """
    if not len(doc):
        return
    keys = _key_hashes(lex)
    hashes = doc.to_array([LEMMA, LOWER])
    skip_to = 0
    for i, (lemma, lower) in enumerate(hashes.tolist()):
        if i < skip_to or i in named or (lemma not in keys and lower not in keys):
            continue
        found = _match(doc, i, lex, named)
        if found is not None:
            skip_to = i + len(found.entry.lemmas)
            yield found


@functools.cache
def _hashes_of(words: frozenset[str]) -> frozenset[int]:
    return frozenset(get_string_id(word) for word in words)


def _key_hashes(lex: StanceLexicon) -> frozenset[int]:
    """Hashes of every first lemma of the lexicon, as spaCy hashes lemmas and lower forms."""
    return _hashes_of(frozenset(lex.entries))


def _match(doc: Doc, i: int, lex: StanceLexicon, named: frozenset[int]) -> _Cue | None:
    token = doc[i]
    keys = (token.lemma_.casefold(), token.lower_)
    for key in dict.fromkeys(keys):
        for entry in lex.entries.get(key, ()):
            size = len(entry.lemmas)
            if i + size > len(doc):
                continue
            words = doc[i : i + size]
            if size > 1 and (
                any(t.i in named for t in words)
                or any(
                    t.lemma_.casefold() != lemma and t.lower_ != lemma
                    for t, lemma in zip(words[1:], entry.lemmas[1:], strict=True)
                )
            ):
                continue
            anchor = words.root
            if _fits(anchor, entry):
                return _Cue(anchor, entry, words.start_char, words.end_char)
    return None


def _scope(anchor: Token) -> list[Token]:
    """Tokens whose negators and intensifiers reach the cue: itself and its governing word."""
    scope = [anchor]
    head = anchor.head
    if head is anchor:
        return scope
    if anchor.dep_ in SCOPE_DEPS:
        scope.append(head)
        if head.dep_ == "prep" and head.head is not head:
            scope.append(head.head)
    elif anchor.dep_ in ("amod", "compound") and head.dep_ in ("attr", "oprd"):
        scope.extend((head, head.head))
    return scope


def _shift(anchor: Token, lex: StanceLexicon) -> float:
    """Negation and intensity around a cue.

    Notes:
        After Taboada et al. (2011), "Lexicon-based methods for sentiment analysis"
        (SO-CAL): intensifiers and diminishers multiply the cue; negation within the cue's
        own phrase or its governing verb (a `neg` or `det` child, or "without", or a verb such
        as "fail"/"refuse" taking the cue's clause as complement) flips it and damps it.
    """
    negators = lex.shifters("negator")
    weight = 1.0
    negated = False
    for token in _scope(anchor):
        if (
            token.lower_ == "without"
            or (token is not anchor and token.pos_ == "VERB" and token.lemma_ in negators)
            or (token.pos_ == "VERB" and token.dep_ == "xcomp" and token.head.lemma_ in negators)
        ):
            negated = True
        for child in token.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ in NEGATOR_DEPS and word in negators):
                negated = True
            elif child.dep_ in INTENSIFIER_DEPS and word in lex.weights:
                weight *= lex.weights[word]
    return weight * (NEGATION_WEIGHT if negated else 1.0)


def _damping(sentence: Span, lex: StanceLexicon) -> dict[int, float]:
    """Per token of one sentence: how much a cue there counts after contrast and hedges.

    Returns:
        Weights below 1 by token index; tokens not listed count fully.

    Notes:
        Contrast after Polanyi & Zaenen (2006), "Contextual valence shifters": the clause
        before "but"/"however" (or under "although") is discounted in favour of the one
        after. Questions (the sentence ends in "?") and conditionals ("if", "unless",
        "would", "could", "might") assert nothing: their cues count `HYPOTHETICAL_WEIGHT`.
    """
    contrast = lex.shifters("contrast")
    hypothetical = lex.shifters("hypothetical")
    weights: dict[int, float] = {}
    start, end = sentence.start, sentence.end
    hedged: set[int] = set()
    if sentence.text.rstrip().endswith("?"):
        hedged.update(range(start, end))
    last_but = None
    for token in sentence:
        word = token.lower_
        if word in contrast:
            if token.dep_ == "mark":
                for t in token.head.subtree:
                    weights[t.i] = weights.get(t.i, 1.0) * CONTRAST_WEIGHT
            elif token.dep_ in CONTRAST_DEPS:
                last_but = token.i
        if word in hypothetical and token.dep_ in MODAL_DEPS:
            hedged.update(t.i for t in token.head.subtree)
    if last_but is not None:
        for i in range(start, last_but):
            weights[i] = weights.get(i, 1.0) * CONTRAST_WEIGHT
    for i in hedged:
        weights[i] = weights.get(i, 1.0) * HYPOTHETICAL_WEIGHT
    return weights
