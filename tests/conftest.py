"""Shared fixtures."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zenobia.nlp.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The zenobia pipeline, loaded once per test session."""
    return load_pipeline()
