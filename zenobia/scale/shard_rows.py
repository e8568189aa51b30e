"""One shard row per input record: what the record became on an executor, as plain columns.

A row holds the record's place in the input (`seq`), its source and hash, the cleaned document
or why the record was skipped or failed, and every kind of record its analysis found
(sentences, mentions, places, events, quotes, claims, stances). Records are JSON objects with
their dataclass's field names (lists of them for the analysis), so DuckDB or Spark can query
the shards, and `load` rebuilds the very records the executor made.

Notes:
    The analysis columns follow the fields of `DocumentAnalysis`: a field added to it gets its
    own column with no edit here (an `int` field as a number, any other as JSON).
"""

from __future__ import annotations

import json
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from zenobia.errors import ShardError
from zenobia.model import Document, DocumentAnalysis, Failure, Skip
from zenobia.runner import Cleaned

__all__ = ["COLUMNS", "ColumnKind", "ShardRecord", "from_row", "to_row"]

ColumnKind = Literal["long", "string"]
"""A shard column's type: a 64-bit integer, or text (JSON for records)."""

AnalysisOutcome = DocumentAnalysis | Failure | None
"""What analysing a record gave: its analysis, why it failed, or None (it was not analysed:
no document, or not in English)."""

_ANALYSIS_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(DocumentAnalysis) if f.name != "document"
)
_COUNT_FIELDS = frozenset(
    f.name for f in fields(DocumentAnalysis) if get_type_hints(DocumentAnalysis)[f.name] is int
)

COLUMNS: tuple[tuple[str, ColumnKind], ...] = (
    ("seq", "long"),
    ("source", "string"),
    ("raw_hash", "string"),
    ("document", "string"),
    ("skip", "string"),
    ("failure", "string"),
    ("analysis_failure", "string"),
    *((name, "long" if name in _COUNT_FIELDS else "string") for name in _ANALYSIS_FIELDS),
)
"""Every shard column, in order, with its type."""


@dataclass(frozen=True, slots=True)
class ShardRecord:
    """One input record as an executor left it: its place in the input, the record cleaned,
    and the outcome of its analysis."""

    seq: int
    cleaned: Cleaned
    outcome: AnalysisOutcome = None


def to_row(record: ShardRecord) -> tuple[object, ...]:
    """The shard row of `record`, one value per entry of `COLUMNS`."""
    cleaned, outcome = record.cleaned, record.outcome
    analysis = outcome if isinstance(outcome, DocumentAnalysis) else None
    values: list[object] = [
        record.seq,
        cleaned.source,
        cleaned.raw_hash,
        _dump(cleaned.document),
        _dump(cleaned.skip),
        _dump(cleaned.failure),
        _dump(outcome if isinstance(outcome, Failure) else None),
    ]
    for name in _ANALYSIS_FIELDS:
        if analysis is None:
            values.append(None)
        elif name in _COUNT_FIELDS:
            values.append(getattr(analysis, name))
        else:
            values.append(_dump(getattr(analysis, name)))
    return tuple(values)


def from_row(row: Mapping[str, Any]) -> ShardRecord:
    """The record a shard row holds (the inverse of `to_row`).

    Raises:
        ShardError: the row is not one `to_row` wrote.
    """
    try:
        document = _load(Document, row["document"])
        cleaned = Cleaned(
            source=str(row["source"]),
            raw_hash=str(row["raw_hash"]),
            document=document,
            skip=_load(Skip, row["skip"]),
            failure=_load(Failure, row["failure"]),
        )
        outcome: AnalysisOutcome = _load(Failure, row["analysis_failure"])
        if outcome is None and document is not None and row[_ANALYSIS_FIELDS[0]] is not None:
            hints = _hints(DocumentAnalysis)
            found = {
                name: row[name] if name in _COUNT_FIELDS else _decode(hints[name], _json(row[name]))
                for name in _ANALYSIS_FIELDS
            }
            outcome = DocumentAnalysis(document=document, **found)
        return ShardRecord(int(row["seq"]), cleaned, outcome)
    except (KeyError, TypeError, ValueError) as err:
        raise ShardError(
            "a shard row cannot be read",
            why=f"{type(err).__name__}: {err}",
            fix="load shards written by `zenobia analyze --engine spark` of this version",
        ) from err


# --- records as JSON ----------------------------------------------------------------------------


def _dump(value: object) -> str | None:
    if value is None:
        return None
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":"))


def _json(text: object) -> Any:
    if not isinstance(text, str):
        raise TypeError(f"expected JSON text, found {type(text).__name__}")
    return json.loads(text)


def _load(record_type: type[Any], text: object) -> Any:
    return None if text is None else _decode(record_type, _json(text))


def _encode(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


@cache
def _hints(record_type: type[Any]) -> dict[str, Any]:
    return get_type_hints(record_type)


def _decode(hint: Any, value: Any) -> Any:
    """`value` (decoded JSON) as the type `hint` names: records, tuples, optionals, scalars."""
    if value is None:
        return None
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        options = [a for a in get_args(hint) if a is not type(None)]
        return _decode(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in _sequence(value))
        return tuple(_decode(a, v) for a, v in zip(args, _sequence(value), strict=True))
    if isinstance(hint, type) and is_dataclass(hint):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {hint.__name__}")
        hints = _hints(hint)
        return hint(**{name: _decode(hints[name], v) for name, v in value.items()})
    if hint is float and isinstance(value, int):
        return float(value)
    return value


def _sequence(value: Any) -> Sequence[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {type(value).__name__}")
    return value
