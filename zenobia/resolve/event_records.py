"""The records event merging works on: families, places, the facts of one event, a match."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from zenobia.model import (
    Event,
)

FamilyKind = Literal["incident", "statement"]

GUESS_WINDOW_DAYS = 3
"""How far apart two dates may be when one is only a publication-date guess."""

VAGUE_DAYS = 21
"""Date intervals longer than this ("in May", "last year") are too vague to merge on."""


@dataclass(frozen=True, slots=True)
class Family:
    """An event family: (type, mode) pairs that can name the same real-world event.

    `anchored`: the place and the perpetrator's side identify an event of the family by
    themselves (a change of control of a town), whatever the wording.
    """

    name: str
    kind: FamilyKind
    anchored: bool = False


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """Where an event happened, as merging compares it.

    `id` is the place's export id; `feature` is None for a place that was not geocoded;
    `inferred` is True when the event's sentence names no place and the document's lead does.
    """

    id: str
    country: str | None
    admin1: str | None
    feature: str | None
    name: str
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What merging compares about one event (derived by `event_facts`).

    Dates are ordinals of `datetime.date`; `guessed` is True when the interval is only the
    publication date (the sentence gave none); `open_date` is True when there is no usable
    date because the publication date is unknown or only a month or year (the event may lie
    at any time before publication: an open window, never a conflict). `sources`/`targets`
    are actor export ids; `generic` the content words of a source phrase with no named actor
    ("rebels"). `headline` is True for an incident that starts in its document's lead;
    `lead_tokens` are the content words of that lead; `home` is the country the document's
    story happens in (its lead place's country). `background` is True for an incident that
    is a running total or long-standing state, not an incident of its own (`is_background`);
    `sides` are the perpetrator's sides ("state:<country>", `perpetrator_sides`).
    """

    event: Event
    family: Family | None
    sources: frozenset[str]
    targets: frozenset[str]
    generic: frozenset[str]
    place: PlaceRef | None
    start: int | None
    end: int | None
    guessed: bool
    tokens: frozenset[str]
    sentence: str
    open_date: bool = False
    headline: bool = False
    lead_tokens: frozenset[str] = frozenset()
    home: str | None = None
    background: bool = False
    sides: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def doc_id(self) -> str:
        return self.event.doc_id


@dataclass(frozen=True, slots=True)
class Match:
    """Why two events are the same: their score and the dimensions on which they conflict."""

    score: float
    similarity: float
    conflicts: tuple[str, ...]
