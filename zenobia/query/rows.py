"""Query results: a sequence of typed rows that also reads as plain dicts or a pandas table."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

from zenobia.errors import ZenobiaError

T = TypeVar("T")


def as_dict(row: object) -> dict[str, Any]:
    """A typed row as a plain dict, nested rows and tuples included (JSON-ready)."""
    if not dataclasses.is_dataclass(row) or isinstance(row, type):
        raise TypeError(f"{type(row).__name__} is not a row")
    return dataclasses.asdict(row)


class Rows(Sequence[T], Generic[T]):
    """The rows a query found, in order: index, iterate and count them like a tuple.

    Example:
        quotes = corpus.quotes(actor="governor")
        quotes.df()            # a pandas DataFrame, one column per field
        quotes.dicts()         # plain dicts, e.g. for json.dumps
    """

    __slots__ = ("_rows",)

    def __init__(self, rows: Iterable[T] = ()) -> None:
        self._rows = tuple(rows)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Rows[T]: ...

    def __getitem__(self, index: int | slice) -> T | Rows[T]:
        if isinstance(index, slice):
            return Rows(self._rows[index])
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[T]:
        return iter(self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rows):
            return self._rows == other._rows
        if isinstance(other, (tuple, list)):
            return list(self._rows) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Rows({list(self._rows)!r})"

    def dicts(self) -> list[dict[str, Any]]:
        """Every row as a plain dict of its fields."""
        return [as_dict(row) for row in self._rows]

    def df(self) -> Any:
        """The rows as a pandas DataFrame, one column per field.

        Raises:
            ZenobiaError: pandas is not installed (it is optional: `pip install pandas`).
        """
        return to_frame(self._rows)


def to_frame(rows: Iterable[object]) -> Any:
    """Typed rows (any of the library's listings) as a pandas DataFrame (typed `Any`: pandas
    is optional, and its types are not installed with zenobia).

    Raises:
        ZenobiaError: pandas is not installed.
    """
    try:
        import pandas  # type: ignore[import-untyped]  # optional, no types installed
    except ImportError as err:
        raise ZenobiaError(
            "pandas is not installed",
            why="zenobia does not depend on it; .df() is offered when it is there",
            fix="install it beside zenobia (`pip install pandas`), or use .dicts()",
        ) from err
    return pandas.DataFrame([as_dict(row) for row in rows])
