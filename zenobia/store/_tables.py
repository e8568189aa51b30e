"""One declaration per stored record type: which columns hold which dataclass fields, and how.

A `TableSpec` walks `dataclasses.fields` of its record type, so a field added to a record in
`model.py` is stored and read back with no edit here, provided the table has a column of the
same name (`schema.sql`, plus `ADDED_COLUMNS` for older stores). Only fields stored differently
from "one column of the same name, value as is" are declared: a renamed column, a JSON list, a
boolean, a nested record spread over several columns, a field kept in another table.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from zenobia.model import (
    Actor,
    Claim,
    Comment,
    Disagreement,
    DisagreementSide,
    Document,
    Event,
    EventCluster,
    EventDate,
    Failure,
    Mention,
    Place,
    PublishedDate,
    Quote,
    Sentence,
    Skip,
    Stance,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")

ALL = ("*",)
"""`TableSpec.update` value: an upsert overwrites every written column but the key."""


@dataclass(frozen=True, slots=True)
class Codec:
    """How one field's value becomes SQL values (one per column) and back.

    `suffixes` name the columns: the field's column name plus each suffix, so a nested record
    spreads over `date_start`, `date_end`, … Most codecs have one column (suffix "").
    """

    dump: Callable[[Any], tuple[object, ...]]
    load: Callable[[Sequence[Any]], Any]
    suffixes: tuple[str, ...] = ("",)


PLAIN = Codec(dump=lambda value: (value,), load=lambda values: values[0])
"""One column holding the value as is (text, number or NULL)."""

FLAG = Codec(dump=lambda value: (int(value),), load=lambda values: bool(values[0]))
"""A boolean as INTEGER 0/1."""

JSON_TUPLE = Codec(
    dump=lambda value: (json.dumps(list(value)),),
    load=lambda values: tuple(json.loads(values[0])),
)
"""A tuple of strings as a JSON list."""

SPANS = Codec(
    dump=lambda value: (json.dumps([list(span) for span in value]),),
    load=lambda values: tuple((int(a), int(b)) for a, b in json.loads(values[0])),
)
"""A tuple of (start_char, end_char) pairs as a JSON list of pairs."""

EVENT_DATE = Codec(
    dump=lambda d: (None, None, None) if d is None else (d.start, d.end, d.basis),
    load=lambda v: EventDate(v[0], v[1], v[2] or "") if v[0] else None,
    suffixes=("_start", "_end", "_basis"),
)
"""An optional `EventDate` over `<name>_start`, `<name>_end`, `<name>_basis` (all NULL: None)."""

PUBLISHED = Codec(
    dump=lambda p: (p.date, int(p.is_inferred), p.basis, p.precision, p.not_before),
    load=lambda v: PublishedDate(
        date=v[0], is_inferred=bool(v[1]), basis=v[2], precision=v[3], not_before=v[4]
    ),
    suffixes=("_date", "_inferred", "_basis", "_precision", "_not_before"),
)
"""A `PublishedDate` over `published_date`, `published_inferred`, … `published_not_before`."""


def _dump_sides(sides: tuple[DisagreementSide, ...]) -> tuple[object, ...]:
    return (
        json.dumps([{"document": s.document, "claim": s.claim, "text": s.text} for s in sides]),
    )


def _load_sides(values: Sequence[Any]) -> tuple[DisagreementSide, ...]:
    return tuple(
        DisagreementSide(document=s["document"], claim=s.get("claim"), text=s["text"])
        for s in json.loads(values[0])
    )


SIDES = Codec(dump=_dump_sides, load=_load_sides)
"""Disagreement sides as a JSON list of {"document", "claim", "text"}."""


@dataclass(frozen=True, slots=True)
class _Slot:
    """One stored field: its name, its columns, its codec."""

    name: str
    columns: tuple[str, ...]
    codec: Codec


@dataclass(frozen=True, slots=True)
class TableSpec(Generic[R]):
    """How the records of one type are stored in one table.

    Args:
        table: the SQL table.
        record: the dataclass type of its rows.
        key: the conflict target of the upsert (the primary key or a unique constraint).
        update: columns an upsert overwrites when the key exists (`ALL`: every written
            column but the key); empty: keep the old row.
        columns: field name → column name, for fields whose column is named otherwise.
        codecs: field name → codec, for fields not stored as one plain column.
        elsewhere: fields not in this table (another table or nowhere); reads give them
            their default unless `load` is told their value.
        extra: columns the record lacks (bookkeeping such as `status`), given at write time.
        derived: columns computed from the record when written (never read back).
    """

    table: str
    record: type[R]
    key: tuple[str, ...] = ("id",)
    update: tuple[str, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)
    codecs: Mapping[str, Codec] = field(default_factory=dict)
    elsewhere: frozenset[str] = frozenset()
    extra: tuple[str, ...] = ()
    derived: Mapping[str, Callable[[R], object]] = field(default_factory=dict)
    _slots: tuple[_Slot, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        slots = []
        for f in fields(self.record):
            if f.name in self.elsewhere:
                continue
            codec = self.codecs.get(f.name, PLAIN)
            base = self.columns.get(f.name, f.name)
            slots.append(_Slot(f.name, tuple(base + s for s in codec.suffixes), codec))
        object.__setattr__(self, "_slots", tuple(slots))

    @property
    def stored_columns(self) -> tuple[str, ...]:
        """The columns that hold the record's fields, in field order (what `load` reads)."""
        return tuple(c for slot in self._slots for c in slot.columns)

    @property
    def written_columns(self) -> tuple[str, ...]:
        """Every column a write fills: the record's, then `extra`, then `derived`."""
        return (*self.stored_columns, *self.extra, *self.derived)

    def upsert_sql(self, update: tuple[str, ...] | None = None) -> str:
        """`INSERT … ON CONFLICT` for `written_columns`; `update` overrides the spec's."""
        names = self.written_columns
        overwrite = self.update if update is None else update
        if overwrite == ALL:
            overwrite = tuple(c for c in names if c not in self.key)
        action = (
            "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in overwrite)
            if overwrite
            else "DO NOTHING"
        )
        return (
            f"INSERT INTO {self.table} ({', '.join(names)})"
            f" VALUES ({', '.join('?' * len(names))})"
            f" ON CONFLICT ({', '.join(self.key)}) {action}"
        )

    def select_sql(self, *also: str) -> str:
        """`SELECT` of `stored_columns` then `also` (extra columns the caller reads itself)."""
        return f"SELECT {', '.join((*self.stored_columns, *also))} FROM {self.table}"

    def dump(self, record: R, *extra: object) -> tuple[object, ...]:
        """The row `upsert_sql` writes: the record's values, then `extra`, then `derived`."""
        if len(extra) != len(self.extra):
            raise TypeError(f"{self.table} rows take {len(self.extra)} extra values")
        values: list[object] = []
        for slot in self._slots:
            value = getattr(record, slot.name)
            if slot.codec is PLAIN:  # most fields: skip the call (a store writes many rows)
                values.append(value)
            else:
                values.extend(slot.codec.dump(value))
        values.extend(extra)
        values.extend(compute(record) for compute in self.derived.values())
        return tuple(values)

    def load(self, row: Sequence[Any], **given: Any) -> R:
        """The record a `select_sql` row holds; `given` supplies fields kept elsewhere."""
        kwargs: dict[str, Any] = dict(given)
        at = 0
        for slot in self._slots:
            if slot.codec is PLAIN:
                kwargs[slot.name] = row[at]
                at += 1
            else:
                width = len(slot.columns)
                kwargs[slot.name] = slot.codec.load(row[at : at + width])
                at += width
        return self.record(**kwargs)


SENTENCES = TableSpec("sentences", Sentence, key=("doc_id", "idx"), columns={"index": "idx"})
COMMENTS = TableSpec("comments", Comment, key=("doc_id", "position"), extra=("doc_id", "position"))
DOCUMENTS = TableSpec(
    "documents",
    Document,
    update=("status", "token_count", "duplicate_of"),
    codecs={"published": PUBLISHED},
    elsewhere=frozenset({"comments"}),
    extra=("fingerprint", "minhash", "status", "token_count", "added_at"),
)
MENTIONS = TableSpec("mentions", Mention, columns={"sentence_index": "sentence_idx"})
PLACES = TableSpec(
    "places",
    Place,
    update=ALL,
    elsewhere=frozenset({"aliases"}),
)
QUOTES = TableSpec(
    "quotes", Quote, columns={"sentence_index": "sentence_idx"}, codecs={"is_direct": FLAG}
)
EVENTS = TableSpec(
    "events",
    Event,
    columns={"sentence_index": "sentence_idx"},
    codecs={
        "context": JSON_TUPLE,
        "source_mention_ids": JSON_TUPLE,
        "target_mention_ids": JSON_TUPLE,
        "date": EVENT_DATE,
    },
)
STANCES = TableSpec(
    "stances",
    Stance,
    update=("polarity", "score", "evidence", "confidence_basis", "confidence"),
    codecs={"evidence": SPANS},
)
CLAIMS = TableSpec("claims", Claim, columns={"sentence_index": "sentence_idx"})
SKIPS = TableSpec(
    "skips", Skip, key=("source",), update=("reason", "message", "seen_at"), extra=("seen_at",)
)
FAILURES = TableSpec("failures", Failure, key=("source",), update=ALL, extra=("seen_at",))
DISAGREEMENTS = TableSpec("disagreements", Disagreement, update=ALL, codecs={"sides": SIDES})
CLUSTERS = TableSpec(
    "cluster",
    EventCluster,
    update=ALL,
    columns={"event_ids": "members"},
    codecs={
        "event_ids": JSON_TUPLE,
        "context": JSON_TUPLE,
        "actors": JSON_TUPLE,
        "recipients": JSON_TUPLE,
        "date": EVENT_DATE,
    },
    derived={"size": lambda cluster: len(cluster.event_ids)},
)
ACTORS = TableSpec(
    "actors",
    Actor,
    update=ALL,
    codecs={"aliases": JSON_TUPLE, "merged_from": JSON_TUPLE, "documents": JSON_TUPLE},
)

SPECS: tuple[TableSpec[Any], ...] = (
    SENTENCES,
    COMMENTS,
    DOCUMENTS,
    MENTIONS,
    PLACES,
    QUOTES,
    EVENTS,
    STANCES,
    CLAIMS,
    SKIPS,
    DISAGREEMENTS,
    CLUSTERS,
    ACTORS,
)
"""Every declared table, for checks against the schema."""
