"""Errors read as one actionable line and survive the trip from a worker process."""

from __future__ import annotations

import pickle

import pytest

from zenobia.errors import InputError, ModelError, ZenobiaError


def test_an_error_says_what_why_and_the_fix_in_one_line() -> None:
    error = ZenobiaError("cannot open x.db", why="it is a directory", fix="choose a file")
    assert str(error) == "cannot open x.db (it is a directory). Fix: choose a file"


@pytest.mark.parametrize(
    "error",
    [
        # a plain subclass, as raised by a worker's pipeline load
        ModelError("model missing", why="not installed", fix="run make install"),
        # a subclass with an extra keyword: the skip reason
        InputError("a.bin is binary", reason="binary", why="NUL bytes", fix="give a text file"),
    ],
)
def test_errors_pickle_with_all_their_fields(error: ZenobiaError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__
