"""Analyse one document: the pure per-document function every runner maps.

Example:
    from zenobia.analysis import Resources, analyze_document

    resources = Resources.load()  # once per process
    analysis = analyze_document(document, resources)

`analyze_document` takes a cleaned `Document` (from `zenobia.ingest.document.build_document`)
and returns its `DocumentAnalysis`: sentences, actor and place mentions (geocoded), places,
events, quotes, claims and stances, every fact scored. It reads no store and no global state;
its only other input is `resources`. The local runner's workers and the distributed runner call
`analyze_documents`, which parses a batch of documents together (faster) and gives the same
records as calling `analyze_document` on each.
"""

from __future__ import annotations

from collections.abc import Sequence

from zenobia.extract.stages import STAGES, Stage, StageContractError, analyze_documents
from zenobia.model import Document, DocumentAnalysis
from zenobia.resources import Resources

__all__ = [
    "STAGES",
    "DocumentAnalysis",
    "Resources",
    "Stage",
    "StageContractError",
    "analyze_document",
    "analyze_documents",
]


def analyze_document(document: Document, resources: Resources) -> DocumentAnalysis:
    """The whole per-document analysis of `document`, geocoding and confidence included.

    Args:
        document: A cleaned document.
        resources: The process's resources (`Resources.load()`).

    Returns:
        Plain records with spans into `document.text`; no spaCy object.
    """
    (analysis,) = analyze_documents(_one(document), resources)
    return analysis


def _one(document: Document) -> Sequence[Document]:
    return (document,)
