"""The records event merging works on: families, places, the facts of one event, a match."""

from __future__ import annotations

from collections.abc import Mapping
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
class IncidentCues:
    """What a document tells about the incident it reports, beyond one event's sentence
    (derived by `zenobia.resolve.incident_cues`).

    `published` is the publication day (an ordinal of `datetime.date`; None when it is not
    certain to the day); `country` (ISO alpha-3) and `region` (a GeoNames admin1 code) say
    where its story happens; `people` are the keys (`person_key`) of the people it names who
    are not its speakers, in the order it first names them; `day` the day it dates the incident to
    (the stated day of its first dated incident of the family, an ordinal; None when it
    states none); `wording` its TF-IDF vector (`zenobia.resolve.document_wording`);
    `chance` the cosine two documents of the corpus published in one week reach by chance
    (`zenobia.resolve.incident_cues.chance_wording`), the same for every document;
    `involved` the people (of `people`) named in the sentences of its incidents of the
    family: the victims, suspects and witnesses rather than the commentators.
    """

    published: int | None
    country: str | None
    region: str | None
    people: tuple[str, ...]
    day: int | None
    wording: Mapping[str, float]
    chance: float = 0.0
    involved: tuple[str, ...] = ()


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
    `incident` holds its document's cues when the event is the document's anchor for its
    family (its first incident of the family: `zenobia.resolve.incident_cues`), else None.
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
    incident: IncidentCues | None = None

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def doc_id(self) -> str:
        return self.event.doc_id


@dataclass(frozen=True, slots=True)
class Match:
    """Why two events are the same: their score, the dimensions on which they conflict, and
    the path that matched them ("event": their own sentences and anchors; "incident-…":
    their documents' incident cues, `zenobia.resolve.incident_matching`)."""

    score: float
    similarity: float
    conflicts: tuple[str, ...]
    path: str = "event"
