"""Number phrases read from tokens alone: what the words are worth, and where a phrase ends."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from zenobia.extract.claims.number_phrases import find_number_phrases, phrase_value
from zenobia.extract.claims.number_words import load_number_lexicon

LEXICON = load_number_lexicon()


@pytest.fixture(scope="module")
def tokenizer() -> Language:
    """spaCy's English tokenizer alone: number phrases read token texts and spaces only."""
    return spacy.blank("en")


def _phrases(tokenizer: Language, text: str) -> list[tuple[float, float | None]]:
    return [(p.value, p.value_high) for p in find_number_phrases(tokenizer(text)[:], LEXICON)]


@pytest.mark.parametrize(
    "words",
    [
        # digits glued to a suffix that is no unit or scale
        ["2016/12"],
        # more digits than a float holds
        ["9" * 400],
        # more scales than a float holds
        ["hundreds", "of", "millions", *["of", "billions"] * 40],
    ],
)
def test_words_that_spell_no_quantity_have_no_value(words: list[str]) -> None:
    assert phrase_value(words, LEXICON) is None


def test_a_number_too_large_for_a_float_is_no_phrase(tokenizer: Language) -> None:
    assert _phrases(tokenizer, f"The counter showed {'9' * 400} and then 12 more.") == [(12, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a written zero before a scale is zero, not one of the scale
        ("zero million", [(0, None)]),
        ("0 million", [(0, None)]),
        # a scale alone, or after an article, is one of it
        ("million", [(1e6, None)]),
        ("a million", [(1e6, None)]),
    ],
)
def test_a_scale_multiplies_the_count_written_before_it(
    tokenizer: Language, text: str, expected: list[tuple[float, float | None]]
) -> None:
    assert _phrases(tokenizer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the second end's scale carries over to the first
        ("2 to 3 million", [(2e6, 3e6)]),
        # a second end that starts with zero has no scale to carry: two numbers, no range
        ("1 to 0 million", [(1, None), (0, None)]),
        ("1 to 0 thousand five hundred", [(1, None), (500, None)]),
    ],
)
def test_a_range_needs_a_second_end_above_the_first(
    tokenizer: Language, text: str, expected: list[tuple[float, float | None]]
) -> None:
    assert _phrases(tokenizer, text) == expected
