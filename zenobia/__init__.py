"""zenobia: a sourced, queryable picture of a conflict from the news about it.

The public API is imported lazily, so that `import zenobia.model` stays light in worker processes.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from zenobia._version import __version__

if TYPE_CHECKING:
    from zenobia.corpus import DEFAULT_DB, Corpus, open_corpus
    from zenobia.runner import Progress, ReadOptions, RunSummary

__all__ = [
    "DEFAULT_DB",
    "Corpus",
    "Progress",
    "ReadOptions",
    "RunSummary",
    "__version__",
    "open_corpus",
]

_HOMES = {
    "DEFAULT_DB": "zenobia.corpus",
    "Corpus": "zenobia.corpus",
    "open_corpus": "zenobia.corpus",
    "Progress": "zenobia.runner",
    "ReadOptions": "zenobia.runner",
    "RunSummary": "zenobia.runner",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'zenobia' has no attribute {name!r}")
    return getattr(import_module(home), name)
