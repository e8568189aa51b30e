"""Shared fixtures."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zenobia.nlp.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The zenobia pipeline, loaded once per test session."""
    return load_pipeline()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked slow are opt-in: they run only when `-m` names them (`pytest -m slow`)."""
    if "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: opt in with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
