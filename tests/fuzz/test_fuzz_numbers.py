"""Number phrases on any tokens: ordered phrases inside the sentence, finite values, real ranges."""

from __future__ import annotations

import math

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from tests.fuzz.strategies import numbers, texts
from zenobia.extract.claims.number_phrases import find_number_phrases, phrase_value
from zenobia.extract.claims.number_words import load_number_lexicon

LEXICON = load_number_lexicon()


@pytest.fixture(scope="module")
def tokenizer() -> Language:
    """spaCy's English tokenizer alone: number phrases read token texts and spaces only."""
    return spacy.blank("en")


@given(st.lists(numbers, max_size=12))
def test_a_phrase_value_is_a_finite_number(words: list[str]) -> None:
    value = phrase_value(words, LEXICON)
    if value is not None:
        assert math.isfinite(value.value)
        assert value.high is None or math.isfinite(value.high)


@given(text=texts)
def test_number_phrases_are_ordered_finite_and_inside_the_sentence(
    tokenizer: Language, text: str
) -> None:
    doc = tokenizer(text)
    sentence = doc[:]
    previous_end = 0
    for phrase in find_number_phrases(sentence, LEXICON):
        assert previous_end <= phrase.start < phrase.end <= len(doc)
        previous_end = phrase.end
        assert math.isfinite(phrase.value)
        assert phrase.value >= 0
        if phrase.value_high is not None:
            assert math.isfinite(phrase.value_high)
            assert phrase.value_high > phrase.value
