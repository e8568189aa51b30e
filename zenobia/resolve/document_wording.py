"""How alike two documents are worded: TF-IDF vectors of their texts and their cosine.

Notes:
    The vector space model with sublinear term frequency and smoothed inverse document
    frequency (Salton and Buckley 1988; Manning, Raghavan and Schütze, *Introduction to
    Information Retrieval*, 2008, ch. 6), the document similarity of topic detection and
    tracking (Allan et al. 1998). Vectors are built in one pass over the corpus; cosines are
    computed only between documents that share a block.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

from spacy.lang.en.stop_words import STOP_WORDS

Wording = Mapping[str, float]
"""A document's L2-normalised TF-IDF vector: word → weight."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _counts(text: str) -> Counter[str]:
    """Lower-cased words without stop words; numbers kept ("19", "16800"), one letter dropped."""
    words = (w.lower() for w in _WORD.findall(text))
    return Counter(w for w in words if (len(w) > 1 or w.isdigit()) and w not in STOP_WORDS)


def document_wordings(texts: Mapping[str, str]) -> dict[str, Wording]:
    """The TF-IDF vector of each document, over the documents given.

    Args:
        texts: document id → text.

    Returns:
        document id → vector, with tf = 1 + ln(count), idf = ln((1 + N) / (1 + df)) + 1,
        scaled to unit length, so that `wording_similarity` is their cosine.
    """
    counts = {doc_id: _counts(text) for doc_id, text in texts.items()}
    frequency: Counter[str] = Counter()
    for count in counts.values():
        frequency.update(count.keys())
    total = len(counts)
    idf = {word: math.log((1 + total) / (1 + df)) + 1.0 for word, df in frequency.items()}
    vectors: dict[str, Wording] = {}
    for doc_id, count in counts.items():
        weights = {word: (1.0 + math.log(n)) * idf[word] for word, n in count.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors[doc_id] = {word: w / norm for word, w in weights.items()}
    return vectors


def wording_similarity(a: Wording, b: Wording) -> float:
    """The cosine of two documents' vectors (0 when either is empty)."""
    if len(b) < len(a):
        a, b = b, a
    return sum(weight * b.get(word, 0.0) for word, weight in a.items())
