"""Stance: how a document, and each speaker it reports, judges each actor it mentions.

Per-document and pure: the analysis so far (with linked mentions) and the spaCy parse in,
the same analysis with `Stance` records out. Evaluative cues come from
`zenobia/data/stance_lexicon.csv`; the words that shift them from `stance_shifters.csv`.

Steps:

1. rule cues: each lexicon word or phrase outside a name is aimed at an actor along a short
   dependency path (`zenobia.extract.stance.targets`), given a voice (the document's own, a
   named speaker's, or an unknown speaker's, `zenobia.extract.stance.voice`; unknown
   speakers' cues are dropped) and a weight: the lexicon polarity, flipped and damped by
   negation, scaled by intensifiers and diminishers, halved before a contrastive "but" and
   inside questions and hypotheticals;
2. per sentence, per actor it names (by a name or a he/she that resolves to one), the stance
   model (`zenobia.extract.stance.model`, trained on NewsMTSC) reads what the sentence says
   about that mention (`zenobia.extract.stance.features`) and gives P(negative, neutral,
   positive); the rule cues aimed at that actor in that sentence add their weight, times
   `RULE_LOGIT`, to the score of their polarity before the softmax;
3. the holder is the voice of the actor's mention: the speaker when it stands in reported
   speech or a quotation ("X said Y is …"), else the document; a sentence an unnamed speaker
   reports ("critics said Y is …") stays the document's, as the outlet chose to report it,
   with `reported` in its confidence basis;
4. per (actor, holder), the sentences the model judges not neutral decide: the sign of their
   summed P(positive) - P(negative) is the polarity and its tanh the score; their cues (or,
   without a cue, the sentence itself) are the evidence.

Every actor the document mentions gets a record in the document's own voice (neutral with
score 0 and no evidence when nothing judges it: "neutral" is then an explicit judgement);
speakers' stances are recorded only where their words mention the actor.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Final

from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from zenobia.extract.stance.context import PERSONAL_PRONOUNS, ActorIndex, group_key
from zenobia.extract.stance.features import sentence_words, target_features
from zenobia.extract.stance.lexicon import (
    JUDGEMENT_CATEGORIES,
    CueEntry,
    StanceLexicon,
    load_stance_lexicon,
)
from zenobia.extract.stance.model import StanceModel, load_stance_model
from zenobia.extract.stance.targets import TargetResolver
from zenobia.extract.stance.voice import VoiceFinder
from zenobia.ids import content_id
from zenobia.model import DocumentAnalysis, Mention, Stance, StancePolarity

__all__ = [
    "CONTRAST_WEIGHT",
    "HYPOTHETICAL_WEIGHT",
    "NEGATION_WEIGHT",
    "PROBABILITY_BUCKETS",
    "RULE_LOGIT",
    "find_stances",
    "stances_in",
]

LABEL_CATEGORIES: Final = frozenset({"evaluative_adjective", "evaluative_noun"})
"""Cues that describe an actor; in attributive position they are the reporter's words."""
RULE_LOGIT: Final = 1.0
"""A rule cue of weight w aimed at the target adds w x this to the score of its polarity
before the model's softmax: one strong cue about triples the odds of its polarity. On NewsMTSC
tune, 1.0 and 2.0 gave macro-F1 within 0.01 of each other."""
PROBABILITY_BUCKETS: Final = (0.0, 0.5, 0.65, 0.8)
"""Lower bounds of the model-probability buckets of the confidence basis."""
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
    analysis: DocumentAnalysis,
    doc: Doc,
    lexicon: StanceLexicon | None = None,
    model: StanceModel | None = None,
) -> tuple[Stance, ...]:
    """Stances of the document, and of the speakers it reports, towards each actor.

    Args:
        analysis: The analysis with linked mentions.
        doc: Its spaCy parse.
        lexicon: The cue lexicon; the packaged one when None.
        model: The stance model; the packaged one when None.

    Returns:
        One record per actor in the document's voice (holder None), plus one per
        (speaker, actor) pair the speaker judges; ordered by the actor's first mention.

    Notes:
        Target-dependent sentiment as a linear model over the target's context (Jiang et al.
        2011), with the dependency-path rules as prior evidence. Only the sentences that judge
        an actor count towards the document's stance: a neutral mention says nothing for or
        against, so it neither dilutes nor balances a judgement. Questions and
        hypotheticals halve a rule cue (`HYPOTHETICAL_WEIGHT`): they raise a judgement
        without asserting it.
    """
    lex = lexicon or load_stance_lexicon()
    weights = model or load_stance_model()
    actors = ActorIndex.build(doc, analysis.mentions)
    if not actors.first:
        return ()
    resolver = TargetResolver(actors, lex)
    voices = VoiceFinder(doc, resolver, lex, analysis.document.text)
    speech = lex.shifters("speech") | lex.judgement_lemmas
    cues = _rule_cues(doc, lex, actors, resolver, voices)
    found: dict[tuple[str, str | None], _Evidence] = {}
    for sentence in doc.sents:
        targets = _targets_in(sentence, actors)
        words = sentence_words(sentence, lex, speech) if targets else []
        for actor, tokens in targets.items():
            root = min(tokens)
            voice = voices.voice_of(doc[root], is_judgement=False, is_label=False)
            reported = not voice.is_attributed
            holders: dict[str | None, bool] = {
                None if voice.speaker is None else group_key(voice.speaker): reported
            }
            for holder in cues.get((sentence.start, actor), {}):
                holders.setdefault(holder, False)
            features = target_features(sentence, tokens, lex, speech, words)
            for holder, is_reported in holders.items():
                weight, spans = cues.get((sentence.start, actor), {}).get(holder, (0.0, []))
                shift = (max(-weight, 0.0) * RULE_LOGIT, 0.0, max(weight, 0.0) * RULE_LOGIT)
                probabilities = weights.probabilities(features, shift)
                evidence = found.setdefault((actor, holder), _Evidence())
                evidence.add(probabilities, is_reported)
                if _label(probabilities) != "neutral":
                    evidence.spans.extend(spans or [(sentence.start_char, sentence.end_char)])
    for actor in actors.first:
        found.setdefault((actor, None), _Evidence())
    order = {key: m.start_char for key, m in actors.first.items()}
    doc_id = analysis.document.id
    records = []
    for (actor, holder), evidence in sorted(
        found.items(), key=lambda kv: (order[kv[0][0]], kv[0][1] is not None, kv[0][1] or "")
    ):
        polarity, score, probability = evidence.outcome()
        if holder is not None and holder not in actors.first:
            continue
        whose = "own" if holder is None else "speaker"
        if holder is None and evidence.is_reported:
            whose = "reported"
        records.append(
            Stance(
                id=content_id("stance", doc=doc_id, actor=actor, holder=holder),
                doc_id=doc_id,
                actor_mention_id=actors.first[actor].id,
                actor_key=actor,
                holder_mention_id=None if holder is None else actors.first[holder].id,
                polarity=polarity,
                score=score,
                evidence=tuple(sorted(set(evidence.spans))),
                holder_key=holder,
                confidence_basis=_confidence_basis(whose, polarity, probability),
            )
        )
    return tuple(records)


@dataclass(slots=True)
class _Evidence:
    """The model's judgements of one (actor, holder), over the sentences that mention it."""

    balance: float = 0.0
    judged: list[float] = field(default_factory=list)
    neutral: list[float] = field(default_factory=list)
    sentences: int = 0
    reported: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)

    def add(self, probabilities: tuple[float, float, float], is_reported: bool) -> None:
        """One sentence's P(negative, neutral, positive) for the actor."""
        self.sentences += 1
        self.reported += is_reported
        if _label(probabilities) == "neutral":
            self.neutral.append(probabilities[1])
        else:
            self.balance += probabilities[2] - probabilities[0]
            self.judged.append(max(probabilities))

    def outcome(self) -> tuple[StancePolarity, float, float]:
        """Polarity, score and the model's mean probability of the deciding sentences.

        The sentences that judge the actor decide: the sign of their summed P(positive) -
        P(negative) is the polarity, its tanh the score; without one, the actor is neutral.
        """
        if self.judged:
            score = round(math.tanh(self.balance), 3)
            polarity: StancePolarity = "positive" if score > 0 else "negative"
            if score == 0:
                polarity = "neutral"
            return polarity, score, sum(self.judged) / len(self.judged)
        mean = sum(self.neutral) / len(self.neutral) if self.neutral else 1.0
        return "neutral", 0.0, mean

    @property
    def is_reported(self) -> bool:
        """Most of the sentences are an unnamed speaker's words ("critics said")."""
        return self.reported * 2 > self.sentences


def _label(probabilities: tuple[float, float, float]) -> StancePolarity:
    best = max(range(3), key=lambda i: probabilities[i])
    polarities: tuple[StancePolarity, ...] = ("negative", "neutral", "positive")
    return polarities[best]


def _targets_in(sentence: Span, actors: ActorIndex) -> dict[str, list[int]]:
    """Per actor named in the sentence (by name or he/she), the tokens of its first mention."""
    found: dict[str, list[int]] = {}
    current: Mention | None = None
    for token in sentence:
        mention = actors.by_token.get(token.i)
        if mention is None:
            current = None
            if token.lower_ in PERSONAL_PRONOUNS:
                person = actors.actor_at(token)
                if person is not None:
                    found.setdefault(group_key(person), [token.i])
            continue
        key = group_key(mention)
        if mention is current and key in found:
            found[key].append(token.i)
        elif key not in found:
            found[key] = [token.i]
        current = mention
    return found


def _rule_cues(
    doc: Doc,
    lex: StanceLexicon,
    actors: ActorIndex,
    resolver: TargetResolver,
    voices: VoiceFinder,
) -> dict[tuple[int, str], dict[str | None, tuple[float, list[tuple[int, int]]]]]:
    """Lexicon cues the dependency rules aim at an actor: per (sentence start, actor), per
    holder, the summed cue weight and the cues' spans."""
    damping: dict[int, dict[int, float]] = {}
    found: dict[tuple[int, str], dict[str | None, tuple[float, list[tuple[int, int]]]]] = {}
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
        sentence = cue.anchor.sent
        if sentence.start not in damping:
            damping[sentence.start] = _damping(sentence, lex)
        shift = _shift(cue.anchor, lex) * damping[sentence.start].get(cue.anchor.i, 1.0)
        by_holder = found.setdefault((sentence.start, group_key(target)), {})
        weight, spans = by_holder.get(holder, (0.0, []))
        by_holder[holder] = (
            weight + cue.entry.polarity * shift,
            [*spans, (cue.start_char, cue.end_char)],
        )
    return found


def _confidence_basis(voice: str, polarity: StancePolarity, probability: float) -> str:
    """`stance:<own|reported|speaker>:<polarity>:p<bucket>`: whose voice, which polarity, and
    the model's probability of it in `PROBABILITY_BUCKETS`, for its confidence."""
    bucket = max(b for b in PROBABILITY_BUCKETS if probability >= b)
    return f"stance:{voice}:{polarity}:p{bucket:.2f}"


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
