"""Errors a user may see: what happened, why, and what to do.

ZenobiaError
├── InputError        an input cannot be read as an article (skipped, never fatal)
├── StoreError        the SQLite store cannot be opened or written
├── KnowledgeError    a knowledge file (gazetteer, dictionary) is missing or malformed
├── ModelError        the spaCy model is not installed
├── ExportError       an export cannot be written
├── EngineError       the distributed engine (Spark) is not installed or cannot run
└── ShardError        shards written by the distributed engine cannot be read
"""

from __future__ import annotations

from typing import Any


class ZenobiaError(Exception):
    """Base of every error a user may see."""

    def __init__(self, what: str, *, why: str, fix: str) -> None:
        super().__init__(f"{what} ({why}). Fix: {fix}")
        self.what = what
        self.why = why
        self.fix = fix

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross process boundaries (worker → main); keyword-only arguments need this.
        return (_restore, (type(self), str(self), dict(self.__dict__)))


def _restore(cls: type[ZenobiaError], message: str, state: dict[str, Any]) -> ZenobiaError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class InputError(ZenobiaError):
    """An input cannot be read as an article; the run records it as skipped and goes on."""

    def __init__(self, what: str, *, reason: str, why: str, fix: str) -> None:
        super().__init__(what, why=why, fix=fix)
        self.reason = reason


class StoreError(ZenobiaError):
    """The SQLite store cannot be opened, migrated or written."""


class KnowledgeError(ZenobiaError):
    """A knowledge file (gazetteer, dictionary) is missing or malformed."""


class ModelError(ZenobiaError):
    """The spaCy model zenobia needs is not installed."""


class ExportError(ZenobiaError):
    """An export cannot be written."""


class EngineError(ZenobiaError):
    """The distributed engine (Spark) is not installed, cannot start, or its job failed."""


class ShardError(ZenobiaError):
    """Shards written by the distributed engine are missing or cannot be read."""
