"""Stand-ins for the analysis that fail on purpose, for the runner's fault-isolation tests.

They live in a module of their own (put on `sys.path` by the tests) so that worker processes,
which import what they run by name, can import them too. None of them loads spaCy.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence

from zenobia.model import Document, DocumentAnalysis

RAISES = "RAISE-IN-ANALYSIS"
"""A document whose text holds this word raises in `analyze_or_fail`."""

KILLS = "KILL-THE-WORKER"
"""A document whose text holds this word kills the process analysing it (as SIGKILL would)."""


def analyze_or_fail(documents: Sequence[Document], _resources: object) -> list[DocumentAnalysis]:
    """An empty analysis per document, except for the documents marked to fail."""
    analyses = []
    for document in documents:
        if KILLS in document.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if RAISES in document.text:
            raise RuntimeError("an invented failure in the analysis")
        analyses.append(DocumentAnalysis(document=document, token_count=1))
    return analyses


def analyze_plainly(documents: Sequence[Document], _resources: object) -> list[DocumentAnalysis]:
    """An empty analysis per document: the analysis once its fault was fixed."""
    return [DocumentAnalysis(document=document, token_count=1) for document in documents]
