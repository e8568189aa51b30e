"""Corpus-level resolution: steps that read the whole store and write cross-document facts.

Shared table (zenobia/store/schema.sql), written by every resolver that finds a disagreement::

    CREATE TABLE disagreements (
        id    TEXT PRIMARY KEY,  -- content hash of kind, about and sides
        about TEXT NOT NULL,     -- what is disputed: an event cluster id, a claim subject, a topic
        kind  TEXT NOT NULL,     -- numeric | framing | event
        sides TEXT NOT NULL      -- JSON list of {"document": doc id, "claim": claim id | null,
                                 --               "text": str}
    );

Each resolver owns the rows of its own `kind` (event rows: zenobia.resolve.events) and
replaces them when it re-runs: build `zenobia.model.Disagreement` records (sides are
`DisagreementSide(document, claim, text)`), write them with
`Store.replace_disagreements(kind, rows, about=None)` inside `store.transaction()`, read them
with `Store.disagreements(kind=None)`. The JSON export and `zenobia disagreements` read the
table as it is, so every kind shows up there without further work.
`resolve_corpus` runs the steps in order (actors first, then event merging) and returns their
counts; add one call per step, each in its own module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zenobia.confidence import ConfidenceTable, load_confidence_table
from zenobia.resolve.actors import resolve_actors
from zenobia.resolve.claims import resolve_claims
from zenobia.resolve.events import resolve_events
from zenobia.resolve.framing import resolve_framing
from zenobia.resolve.scoring import score_store
from zenobia.resolve.summary import resolve_summary
from zenobia.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class ResolutionSummary:
    """What one corpus resolution pass did, step by step: `counts` maps a name to a number."""

    counts: dict[str, int] = field(default_factory=dict)


def resolve_corpus(store: Store, table: ConfidenceTable | None = None) -> ResolutionSummary:
    """Run the corpus-level steps in order over `store` and return their counts.

    Args:
        store: an open store; resolution reads what analysis wrote and writes its own tables.
        table: the confidence table facts are scored with; the packaged one when None.

    Returns:
        The counts of every step (events merged into clusters, disagreements found, ...).
    """
    counts: dict[str, int] = {}
    counts.update(resolve_actors(store))  # merged events refer to these actors
    counts.update(resolve_events(store))
    counts.update(resolve_claims(store))
    counts.update(resolve_framing(store))  # follows the actor merges
    counts.update(resolve_summary(store))  # reads claim support and event clusters
    counts.update(score_store(store, table or load_confidence_table()))  # scores all the above
    return ResolutionSummary(counts=counts)
