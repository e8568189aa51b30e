"""Typed rows that list what a store holds: disagreements, counts and skips (the other
listings are in `zenobia.query`).

The command line renders these rows; a notebook or the web app can use them as they are.
Nothing here formats or truncates text: that is the renderer's choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from zenobia.confidence import ConfidenceFloor, ConfidenceTable, load_confidence_table
from zenobia.errors import ZenobiaError
from zenobia.model import DisagreementKind, Failure, Skip
from zenobia.store import RunRecord, Store


@dataclass(frozen=True, slots=True)
class SideRow:
    """One document's side of a disagreement; `number` is its claim's number as written,
    `title` and `outlet` those of its document."""

    document: str
    number: str | None
    text: str
    title: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class DisagreementRow:
    """Where sources disagree: what about, of which kind, and each document's side."""

    id: str
    kind: str
    about: str
    sides: tuple[SideRow, ...]
    confidence: float | None = None
    confidence_basis: str | None = None


@dataclass(frozen=True, slots=True)
class StoreOverview:
    """What a store holds: row counts (as `Store.counts`), every skipped and failed input,
    the latest runs (newest first), and whether corpus resolution is pending."""

    counts: dict[str, int]
    skips: tuple[Skip, ...]
    failures: tuple[Failure, ...] = ()
    runs: tuple[RunRecord, ...] = ()
    is_resolution_pending: bool = False


DISAGREEMENT_KINDS: tuple[str, ...] = get_args(DisagreementKind)


def list_disagreements(
    store: Store,
    *,
    kind: str | None = None,
    about: str | None = None,
    outlet: str | None = None,
    limit: int = 50,
    min_confidence: float | None = None,
    table: ConfidenceTable | None = None,
) -> list[DisagreementRow]:
    """List where sources disagree, by kind and subject, with each numeric side's number.

    Args:
        store: the store to read.
        kind: only this kind (numeric, framing or event).
        about: only disagreements whose subject contains this text (case-insensitive).
        outlet: only disagreements with a side from an outlet whose name contains this text.
        limit: the most disagreements to list.
        min_confidence: only disagreements at least this confident; None: the default
            threshold of disagreements in `table`; 0.0: every one.
        table: the confidence table; the packaged one when None.

    Raises:
        ZenobiaError: `kind` is not a disagreement kind.
    """
    if kind is not None and kind not in DISAGREEMENT_KINDS:
        raise ZenobiaError(
            f"unknown disagreement kind {kind!r}",
            why=f"the kinds are {', '.join(DISAGREEMENT_KINDS)}",
            fix="use --kind " + ", --kind ".join(DISAGREEMENT_KINDS) + ", or leave it out",
        )
    floor = ConfidenceFloor.of(table or load_confidence_table(), min_confidence)
    found = [d for d in store.disagreements(kind) if floor.keeps(d.confidence, d.confidence_basis)]
    if about is not None:
        found = [d for d in found if about.casefold() in d.about.casefold()]
    documents = _titles_and_outlets(store)
    if outlet is not None:
        found = [
            d
            for d in found
            if any(
                outlet.casefold() in (documents.get(s.document, (None, None))[1] or "").casefold()
                for s in d.sides
            )
        ]
    found = found[:limit]
    wanted = {s.claim for d in found for s in d.sides if s.claim}
    numbers = {c.id: c.text for c in store.claims() if c.id in wanted} if wanted else {}
    return [
        DisagreementRow(
            id=d.id,
            kind=d.kind,
            about=d.about,
            sides=tuple(
                SideRow(
                    s.document,
                    numbers.get(s.claim) if s.claim else None,
                    s.text,
                    *documents.get(s.document, (None, None)),
                )
                for s in d.sides
            ),
            confidence=d.confidence,
            confidence_basis=d.confidence_basis,
        )
        for d in found
    ]


def _titles_and_outlets(store: Store) -> dict[str, tuple[str | None, str | None]]:
    """Every document's title and outlet, by id: the sides of disagreements name them."""
    rows = store.select("SELECT id, title, outlet FROM documents")
    return {row["id"]: (row["title"], row["outlet"]) for row in rows}


RECENT_RUNS = 5
"""How many of the latest runs an overview lists."""


def overview(store: Store) -> StoreOverview:
    """Row counts, skipped and failed inputs, recent runs and pending resolution of `store`."""
    return StoreOverview(
        counts=store.counts(),
        skips=tuple(store.skips()),
        failures=tuple(store.failures()),
        runs=tuple(store.runs(RECENT_RUNS)),
        is_resolution_pending=store.is_resolution_pending(),
    )
