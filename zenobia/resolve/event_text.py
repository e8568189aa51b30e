"""Words and word similarity for event merging: content words, document leads, IDF weights.

Notes:
    Bag-of-words similarity with IDF weights, as in cross-document event coreference baselines
    (Bejan and Harabagiu 2010); leads as in topic detection and tracking (Allan et al. 1998).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from spacy.lang.en.stop_words import STOP_WORDS

from zenobia.knowledge import read_table
from zenobia.resolve.event_records import EventFacts

LEAD_CHARS = 500
"""A document's lead: its first characters (title, dateline, first sentence or two). Events
that start inside it are the document's headline events (`compare`)."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of `text` without stop words; numbers kept, one-letter words dropped."""
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(w for w in words if (len(w) > 2 or w.isdigit()) and w not in STOP_WORDS)


def lead_words(text: str) -> frozenset[str]:
    """Content words of a document's lead: its first `LEAD_CHARS` characters, cut at a word end.

    Notes:
        The inverted pyramid of news writing: title and lead state the story's main event, so
        two reports of one incident share their lead's words more than their later sentences
        (the lead-based similarity of topic detection and tracking, Allan et al. 1998).
        Month and weekday names and years are left out (`calendar_words`): datelines share
        them across every story of a day.
    """
    lead = text[:LEAD_CHARS]
    if len(text) > LEAD_CHARS and text[LEAD_CHARS : LEAD_CHARS + 1].isalnum():
        lead = lead.rsplit(None, 1)[0] if " " in lead else lead
    calendar = calendar_words()
    return frozenset(w for w in content_words(lead) if w not in calendar and not _is_year(w))


@functools.cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names of `data/time_words.csv`, lower-cased: a dateline's words, which
    every story of the same day shares and which say nothing about what happened."""
    rows = read_table("time_words.csv", ("word", "kind"))
    return frozenset(r["word"].lower() for r in rows if r["kind"] in ("month", "weekday"))


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def token_idf(token_sets: Iterable[frozenset[str]]) -> Weights:
    """Inverse document frequency of each word over event sentences: log((n + 1) / (df + 1)) + 1."""
    df: Counter[str] = Counter()
    n = 0
    for tokens in token_sets:
        n += 1
        df.update(tokens)
    return Weights({word: math.log((n + 1) / (count + 1)) + 1.0 for word, count in df.items()})


class Weights(dict[str, float]):
    """Word weights (`token_idf`) that remember the total weight of each word set they weighed,
    so that `similarity` sums only over the shared words of two sets it has seen before."""

    def __init__(self, weights: Mapping[str, float]) -> None:
        super().__init__(weights)
        self._totals: dict[frozenset[str], float] = {}

    def total(self, words: frozenset[str]) -> float:
        """The sum of the weights of `words` (1.0 for an unknown word)."""
        found = self._totals.get(words)
        if found is None:
            found = self._totals[words] = sum(self.get(w, 1.0) for w in words)
        return found


def corpus_idf(facts: Iterable[EventFacts]) -> Weights:
    """`token_idf` over the event sentences and the document leads (each lead counted once)."""
    sets: list[frozenset[str]] = []
    leads: dict[str, frozenset[str]] = {}
    for item in facts:
        sets.append(item.tokens)
        if item.lead_tokens:
            leads.setdefault(item.doc_id, item.lead_tokens)
    return token_idf([*sets, *leads.values()])


def similarity(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    """IDF-weighted Jaccard of two word sets: rare shared words ("Zarqa", "58") count most.

    Notes:
        Weighted Jaccard (Ioffe 2010) with IDF weights, a bag-of-words similarity as used for
        cross-document event coreference baselines (Bejan and Harabagiu 2010).
    """
    if not a or not b:
        return 0.0
    both = a & b
    if not both:
        return 0.0
    shared = sum(idf.get(w, 1.0) for w in both)
    if isinstance(idf, Weights):  # weight(a or b) = weight(a) + weight(b) - shared
        return shared / (idf.total(a) + idf.total(b) - shared)
    return shared / sum(idf.get(w, 1.0) for w in a | b)


def lead_similarity(a: EventFacts, b: EventFacts, idf: Mapping[str, float]) -> float:
    """How alike the leads of two events' documents are (`similarity` of their lead words)."""
    return similarity(a.lead_tokens, b.lead_tokens, idf)
