"""Texts longer than spaCy's limit are parsed in pieces, and every span still fits the text."""

from __future__ import annotations

import itertools
import random

import pytest
from spacy.language import Language

from zenobia.extract.stages import analyze_documents
from zenobia.model import Document, DocumentAnalysis
from zenobia.nlp.parse import parse_text, parse_texts, piece_bounds
from zenobia.resources import Resources


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        # fits: one piece
        ("One line.", 20, ["One line."]),
        # a paragraph break wins over a later sentence end
        ("Aa bb cc dd.\n\nEe. Ff gg hh ii", 20, ["Aa bb cc dd.\n\n", "Ee. Ff gg hh ii"]),
        # no paragraph break in reach: a line break
        ("Aa bb cc\nDd ee ff gg", 12, ["Aa bb cc\n", "Dd ee ff gg"]),
        # no break at all: the last sentence end
        ("Aa bb. Cc dd ee. Ff", 17, ["Aa bb. Cc dd ee. ", "Ff"]),
        # no sentence end: the last space
        ("aaaa bbbb cccc dddd", 12, ["aaaa bbbb ", "cccc dddd"]),
        # one unbroken run: cut at the limit itself
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        # a break in the first half of the window is too early: the later space wins
        ("A.\n\nbbbb cccc dddd eeee", 16, ["A.\n\nbbbb cccc ", "dddd eeee"]),
    ],
)
def test_pieces_end_at_the_best_break_within_the_limit(
    text: str, limit: int, expected: list[str]
) -> None:
    pieces = [text[start:end] for start, end in piece_bounds(text, limit)]
    assert pieces == expected


def test_pieces_cover_the_text_exactly_and_each_fits() -> None:
    rng = random.Random(3)
    words = ["shelled", "the", "port", "Varna.", "\n\n", "troops", "said", "\n", "x" * 30]
    text = " ".join(rng.choice(words) for _ in range(3000))
    bounds = piece_bounds(text, 500)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(0 < end - start <= 500 for start, end in bounds)


PARAGRAPHS = [
    "Militia fighters shelled the river port of Varna Kessel on Tuesday, officials said.",
    'The United Nations said at least twelve civilians were killed. "We will hold the bridge," '
    "the commander said.",
    "Government troops retook three villages in the eastern hills after a week of fighting.",
    "Aid convoys from the World Food Programme were turned back at a checkpoint on Friday.",
    "The governor of the province, Ilya Marten, called for a ceasefire and for talks.",
]


def _long_text(length: int, seed: int = 11) -> str:
    """Invented paragraphs (a few reworded at random) until the text is `length` long."""
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < length:
        paragraph = " ".join(rng.sample(PARAGRAPHS, 3))
        paragraph = paragraph.replace("twelve", rng.choice(["twelve", "nine", "forty"]))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def _assert_spans_fit(analysis: DocumentAnalysis) -> None:
    """Every stored span of the analysis is the text it claims to be."""
    text = analysis.document.text
    assert analysis.sentences
    for sentence in analysis.sentences:
        assert text[sentence.start_char : sentence.end_char] == sentence.text
    for mention in analysis.mentions:
        assert text[mention.start_char : mention.end_char] == mention.text
    for quote in analysis.quotes:
        assert text[quote.start_char : quote.end_char] == quote.text
    for claim in analysis.claims:
        assert text[claim.start_char : claim.end_char] == claim.sentence
        assert text[claim.value_start : claim.value_end] == claim.text
    for event in analysis.events:
        assert 0 <= event.start_char <= event.trigger_start < event.trigger_end <= event.end_char
        assert event.end_char <= len(text)


def test_a_text_over_the_limit_parses_in_pieces_into_one_doc_of_the_whole_text(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _long_text(3000)
    whole = nlp(text)
    monkeypatch.setattr(nlp, "max_length", 700)
    doc = parse_text(nlp, text)
    # the same text, the same tokens and sentence starts at the cuts (paragraph breaks)
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in whole]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert [s.start_char for s in doc.sents][:3] == [s.start_char for s in whole.sents][:3]


def test_short_and_long_texts_parse_in_their_order(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nlp, "max_length", 500)
    texts = ["A short one.", _long_text(1500), "Another short one."]
    assert [doc.text for doc in parse_texts(nlp, texts)] == texts


def test_every_span_of_a_document_analysed_in_pieces_fits_its_text(
    resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _long_text(6000)
    monkeypatch.setattr(resources.nlp, "max_length", 900)
    document = Document(id="long", source="long.txt", text=text)
    (analysis,) = analyze_documents([document], resources)
    _assert_spans_fit(analysis)
    # facts are found after the first cut too
    cut = piece_bounds(text, 900)[0][1]
    assert any(m.start_char > cut for m in analysis.mentions)
    assert any(q.start_char > cut for q in analysis.quotes)


@pytest.mark.slow
def test_an_article_over_a_million_characters_is_analysed_and_its_spans_fit(
    resources: Resources,
) -> None:
    text = _long_text(resources.nlp.max_length + 50_000)
    assert len(text) > 1_000_000
    document = Document(id="huge", source="huge.txt", text=text)
    (analysis,) = analyze_documents([document], resources)
    _assert_spans_fit(analysis)
    assert analysis.sentences[-1].end_char > len(text) - 200
