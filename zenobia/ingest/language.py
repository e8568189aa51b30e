"""Which language a document is written in, so non-English text skips the English pipeline."""

from __future__ import annotations

import threading
from typing import Any

__all__ = ["detect_language"]

MIN_LETTERS = 20
"""Texts with fewer letters than this get no language: too little evidence to classify."""

_SAMPLE_CHARS = 2000
"""Only the start of a text is classified: a few sentences suffice and long texts stay fast."""

# The model knows some languages only by ISO 639-3 codes; these have a 639-1 macrolanguage.
_TO_ISO_639_1 = {
    "ary": "ar",  # Moroccan Arabic
    "arz": "ar",  # Egyptian Arabic
    "yue": "zh",  # Cantonese
    "wuu": "zh",  # Wu Chinese
    "uzs": "uz",  # Southern Uzbek
    "gug": "gn",  # Paraguayan Guaraní
    "fuv": "ff",  # Nigerian Fulfulde
    "kik": "ki",  # Gikuyu
    "sdh": "ku",  # Southern Kurdish
}
_NO_LANGUAGE = "zxx"
"""The model's label for text with no linguistic content (numbers, code, noise)."""

_identifier: Any = None
_lock = threading.Lock()


def detect_language(text: str) -> str | None:
    """The language of `text` as an ISO 639-1 code ("en", "fr", "ar"), if it can be told.

    Args:
        text: A document body.

    Returns:
        A two-letter code; a three-letter ISO 639-3 code for the few languages the model knows
        that have no two-letter code (e.g. "pcm", Nigerian Pidgin); None when the text has
        fewer than `MIN_LETTERS` letters or no linguistic content.

    Notes:
        py3langid (a fork of langid.py, Lui & Baldwin 2012: a naive Bayes classifier over byte
        n-grams) classifies the first `_SAMPLE_CHARS` characters. The model loads once per
        process, on first use.
    """
    sample = text[:_SAMPLE_CHARS]
    if sum(1 for char in sample if char.isalpha()) < MIN_LETTERS:
        return None
    ranked = _get_identifier().rank(sample)[:_ENGLISH_RANK]
    code = str(ranked[0][0])
    if code == _NO_LANGUAGE:
        return None
    if code != "en" and any(label == "en" for label, _ in ranked) and _reads_as_english(sample):
        return "en"
    return _TO_ISO_639_1.get(code, code)


_ENGLISH_RANK = 3
"""How near the top English must rank for the function-word check to overrule the classifier."""

_ENGLISH_FUNCTION_SHARE = 0.25
"""English prose is 40-55 % function words; other languages written in Latin script share few."""


def _reads_as_english(sample: str) -> bool:
    """Whether a text's words are mostly English function words' company.

    Notes:
        Short English texts full of names (a headline and a line of place names) are sometimes
        classified as an English-based creole or a neighbouring language. When English ranks
        near the top, the share of English stop words (spaCy's list) settles it.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    words = [w.casefold() for w in sample.split() if w.isalpha()]
    if not words:
        return False
    return sum(w in STOP_WORDS for w in words) / len(words) >= _ENGLISH_FUNCTION_SHARE


def _get_identifier() -> Any:
    """The py3langid classifier, loaded on first call (about 0.5 s) and shared afterwards."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    return _identifier
