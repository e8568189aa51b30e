"""The per-document stages, in order: one parsed document in, one `DocumentAnalysis` out.

Each stage is a pure function of the analysis so far and the spaCy parse; it returns a new
analysis with its own fields filled. Worker processes and the distributed runner map
`analyze_parsed_document` over documents; nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from zenobia.extract.actors import analyze_parsed
from zenobia.extract.claims import find_claims
from zenobia.extract.events import find_events
from zenobia.extract.quotes import find_quotes
from zenobia.extract.stance import find_stances
from zenobia.model import Document, DocumentAnalysis
from zenobia.nlp.parse import parse_texts

__all__ = ["STAGES", "Stage", "analyze_documents", "analyze_parsed_document"]


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of per-document analysis: what it is called and the function that does it."""

    name: str
    run: Callable[[DocumentAnalysis, Doc], DocumentAnalysis]


STAGES: tuple[Stage, ...] = (
    Stage("quotes", find_quotes),
    Stage("events", find_events),
    Stage("stance", find_stances),
    Stage("claims", find_claims),
)
"""Stages after sentences and mentions (which every other stage needs), in the order they run."""


def analyze_parsed_document(document: Document, doc: Doc) -> DocumentAnalysis:
    """Run every stage over one parsed document.

    Args:
        document: The cleaned document.
        doc: Its spaCy parse (`zenobia.nlp.parse.parse_text(nlp, document.text)`).

    Returns:
        The whole per-document analysis.
    """
    analysis = analyze_parsed(document, doc)
    for stage in STAGES:
        analysis = stage.run(analysis, doc)
    return analysis


def analyze_documents(documents: Sequence[Document], nlp: Language) -> list[DocumentAnalysis]:
    """Parse documents of any length with `nlp` and run every stage over each.

    This is what the runner's workers call; texts longer than `nlp.max_length` are parsed in
    pieces (`zenobia.nlp.parse.parse_texts`), so every offset still indexes `document.text`.
    """
    parsed = parse_texts(nlp, (d.text for d in documents))
    return [analyze_parsed_document(d, doc) for d, doc in zip(documents, parsed, strict=True)]
