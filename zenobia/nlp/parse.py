"""Parsing texts of any length: the one way zenobia turns a document's text into a spaCy `Doc`.

spaCy refuses a text longer than `nlp.max_length` (1,000,000 characters), because its parser
and NER need memory in proportion to the text. A longer article is parsed in pieces cut at
paragraph breaks (else line breaks, sentence ends, spaces), and the pieces' parses are joined
into one `Doc` whose text is the whole text, so every offset a stage reads indexes the document
as stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["LONG_TEXT_PIECE_CHARS", "parse_text", "parse_texts", "piece_bounds"]

LONG_TEXT_PIECE_CHARS = 100_000
"""The longest piece an over-long text is cut into. spaCy's own estimate is about 1 GB of
working memory per 100,000 characters for the parser and NER, so pieces of this size keep a
worker near its usual footprint however long the article; each piece also stays within
`nlp.max_length`."""

_BREAKS = (
    re.compile(r"\n[^\S\n]*\n\s*"),  # a paragraph break (a blank line), with what follows it
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+"),  # a sentence end
    re.compile(r"\s+"),  # any space
)
"""Where a piece may end, best first; a piece ends after the matched whitespace, so the next
one starts on a word."""


def parse_text(nlp: Language, text: str) -> Doc:
    """Parse one text of any length with `nlp` (see `parse_texts`)."""
    return next(parse_texts(nlp, [text]))


def parse_texts(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """Parse texts of any length with `nlp`, in order; `doc.text` is always the text given.

    Texts within `nlp.max_length` go through `nlp.pipe` together; a longer one is parsed in
    pieces (`piece_bounds`) joined back into one `Doc`.

    Args:
        nlp: the pipeline (`zenobia.nlp.pipeline.load_pipeline()`).
        texts: the texts to parse.

    Yields:
        One `Doc` per text.

    Notes:
        The pieces are joined with `Doc.from_docs`, which keeps every token attribute (tags,
        lemmas, dependencies, sentence starts, entities with their ids); no sentence, entity or
        dependency crosses a cut, which is why cuts prefer paragraph breaks.
    """
    texts = list(texts)
    limit = nlp.max_length
    parsed = nlp.pipe(t for t in texts if len(t) <= limit)
    for text in texts:
        yield next(parsed) if len(text) <= limit else _parse_long(nlp, text)


def _parse_long(nlp: Language, text: str) -> Doc:
    size = min(nlp.max_length, LONG_TEXT_PIECE_CHARS)
    pieces = [text[start:end] for start, end in piece_bounds(text, size)]
    doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)
    if doc.text != text:  # pragma: no cover - from_docs joins texts as they are
        raise ValueError("the pieces of a long text did not join back into its text")
    return doc


def piece_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut `text` into consecutive pieces of at most `limit` characters, at the best breaks.

    A piece ends at the last paragraph break in its second half, else the last line break,
    sentence end or space there, else (one unbroken run of characters) at `limit` itself.

    Args:
        text: the text to cut.
        limit: the longest piece, in characters (at least 1).

    Returns:
        (start, end) offsets covering `text` exactly, in order; one piece if it fits.

    Raises:
        ValueError: `limit` is below 1.
    """
    if limit < 1:
        raise ValueError(f"a piece holds at least one character, not {limit}")
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start + limit // 2, start + limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, low: int, high: int) -> int:
    """The end of the last best break that ends within text[low:high], else `high`."""
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(text, low, high)]
        if ends and ends[-1] > low:
            return ends[-1]
    return high
