"""An extractive summary of the corpus: its most central, best-supported sentences, cited.

Corpus-level and pure: `summarise(sentences, boosts=…)` scores every sentence by its TF-IDF
similarity to the corpus centroid, raises sentences that carry corroborated claims or
multi-source events, and picks the best few while skipping near-duplicates. `summary_text`
renders them with inline citations "(doc <id>, <start>-<end>)".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from spacy.lang.en.stop_words import STOP_WORDS

from zenobia.model import Sentence
from zenobia.store.sqlite import Store

__all__ = [
    "SummarySentence",
    "resolve_summary",
    "sentence_terms",
    "summarise",
    "summary_boosts",
    "summary_text",
]

CLAIM_BOOST: Final = 0.5
"""A sentence with a claim that another document corroborates counts half again."""

EVENT_BOOST: Final = 0.5
"""Per doubling of the documents that report an event of the sentence (log2 of their number)."""

SUMMARY_SIZE: Final = 6
MIN_WORDS: Final = 8
"""Shorter sentences are headlines, datelines or captions, not statements worth citing."""

MAX_WORDS: Final = 60
"""Longer "sentences" are usually run-ons of several (a list, a missed boundary)."""

CENTROID_TERMS: Final = 200
"""The centroid keeps its heaviest terms only, as in MEAD."""

DUPLICATE_SIMILARITY: Final = 0.5
"""A candidate this similar (cosine) to a chosen sentence says the same thing again."""

PER_DOCUMENT: Final = 2
"""At most this many sentences from one document: a summary of the corpus, not of one article."""

_WORD: Final = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A chosen sentence with its citation (document and character span) and score."""

    doc_id: str
    start_char: int
    end_char: int
    text: str
    score: float


def sentence_terms(text: str) -> list[str]:
    """Content words of a sentence, lower-cased and crudely singularised.

    Notes:
        A light stemmer (a plural -s dropped from words longer than three letters) stands in
        for lemmas: corpus-level resolution has no parse, and centrality only needs "strike"
        and "strikes" to meet.
    """
    terms = []
    for match in _WORD.finditer(text.casefold()):
        word = match.group(0)
        if word in STOP_WORDS or len(word) < 3:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        terms.append(word)
    return terms


def _vector(counts: Counter[str], idf: Mapping[str, float]) -> dict[str, float]:
    return {term: n * idf[term] for term, n in counts.items()}


def _norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def _cosine(a: Mapping[str, float], b: Mapping[str, float], b_norm: float | None = None) -> float:
    """Cosine of two sparse vectors; `b_norm` saves recomputing a vector compared many times."""
    norms = _norm(a) * (_norm(b) if b_norm is None else b_norm)
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    return dot / norms if norms else 0.0


def summarise(
    sentences: Iterable[Sentence],
    *,
    boosts: Mapping[tuple[str, int], float] | None = None,
    size: int = SUMMARY_SIZE,
) -> list[SummarySentence]:
    """The corpus's most central sentences, in order of score.

    Args:
        sentences: Every sentence of the (non-duplicate) documents.
        boosts: Extra weight per (document id, sentence index), added to 1 and multiplied into
            the centrality (corroborated claims, multi-source events).
        size: How many sentences to pick.

    Returns:
        Up to `size` sentences, best first, none a near-duplicate of another and at most
        `PER_DOCUMENT` from one document.

    Notes:
        Centroid-based centrality (Radev et al. 2004, MEAD): cosine of a sentence's TF-IDF
        vector (IDF over sentences) to the corpus centroid, linear in corpus size unlike
        pairwise LexRank. Near-duplicates are dropped greedily, as in Maximal Marginal
        Relevance (Carbonell & Goldstein 1998) with a hard threshold.
    """
    extra = boosts or {}
    kept: list[tuple[Sentence, Counter[str]]] = []
    frequency: Counter[str] = Counter()
    for sentence in sentences:
        terms = sentence_terms(sentence.text)
        words = len(sentence.text.split())
        if not terms or not MIN_WORDS <= words <= MAX_WORDS:
            continue
        counts = Counter(terms)
        kept.append((sentence, counts))
        frequency.update(counts.keys())
    if not kept:
        return []
    total = len(kept)
    idf = {term: math.log(total / n) + 1.0 for term, n in frequency.items()}
    centroid_all: Counter[str] = Counter()
    vectors = []
    for _sentence, counts in kept:
        vector = _vector(counts, idf)
        vectors.append(vector)
        centroid_all.update(vector)
    centroid = dict(centroid_all.most_common(CENTROID_TERMS))
    centroid_norm = _norm(centroid)
    scored = []
    for (sentence, _counts), vector in zip(kept, vectors, strict=True):
        boost = 1.0 + extra.get((sentence.doc_id, sentence.index), 0.0)
        scored.append((_cosine(vector, centroid, centroid_norm) * boost, sentence, vector))
    scored.sort(key=lambda item: (-item[0], item[1].doc_id, item[1].index))
    chosen: list[tuple[float, Sentence, dict[str, float]]] = []
    per_document: Counter[str] = Counter()
    for score, sentence, vector in scored:
        if len(chosen) >= size:
            break
        if per_document[sentence.doc_id] >= PER_DOCUMENT:
            continue
        if any(_cosine(vector, other) > DUPLICATE_SIMILARITY for _, _, other in chosen):
            continue
        chosen.append((score, sentence, vector))
        per_document[sentence.doc_id] += 1
    return [
        SummarySentence(s.doc_id, s.start_char, s.end_char, s.text, round(score, 4))
        for score, s, _ in chosen
    ]


def summary_text(chosen: Sequence[SummarySentence]) -> str:
    """The chosen sentences as one string, each followed by "(doc <id>, <start>-<end>)"."""
    return " ".join(
        f"{s.text.strip()} (doc {s.doc_id}, {s.start_char}-{s.end_char})" for s in chosen
    )


def summary_boosts(
    corroborated: Iterable[tuple[str, int]],
    event_sources: Iterable[tuple[tuple[str, int], int]],
) -> dict[tuple[str, int], float]:
    """Boosts per (document id, sentence index).

    Args:
        corroborated: Sentences holding a claim corroborated by another document.
        event_sources: Sentences that are a source of a merged event, with the number of
            documents that report that event.

    Returns:
        `CLAIM_BOOST` for a corroborated claim plus `EVENT_BOOST`·log2(documents) for the best
        multi-source event.
    """
    boosts: dict[tuple[str, int], float] = {}
    for place in corroborated:
        boosts[place] = CLAIM_BOOST
    best: dict[tuple[str, int], float] = {}
    for place, documents in event_sources:
        if documents > 1:
            best[place] = max(best.get(place, 0.0), EVENT_BOOST * math.log2(documents))
    for place, boost in best.items():
        boosts[place] = boosts.get(place, 0.0) + boost
    return boosts


def resolve_summary(store: Store) -> dict[str, int]:
    """Choose the corpus summary's sentences; replace the `summary_sentences` rows.

    Run last: it reads claim support and event clusters.

    Returns:
        Counts: summary sentences.
    """
    support = store.claim_support()
    corroborated = {
        (c.doc_id, c.sentence_index) for c in store.claims() if support.get(c.id, (0, 0))[0] > 0
    }
    where = {e.id: (e.doc_id, e.sentence_index) for e in store.events()}
    event_sources: list[tuple[tuple[str, int], int]] = []
    for cluster in store.event_clusters():
        places = [where[e] for e in cluster.event_ids if e in where]
        documents = len({doc for doc, _ in places})
        event_sources.extend((place, documents) for place in places)
    chosen = summarise(store.all_sentences(), boosts=summary_boosts(corroborated, event_sources))
    with store.transaction():
        store.replace_summary((s.doc_id, s.start_char, s.end_char, s.text, s.score) for s in chosen)
    return {"summary_sentences": len(chosen)}
