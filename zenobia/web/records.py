"""The web app's records: what a page shows and what the JSON API answers.

Frozen, slotted dataclasses, as everywhere in zenobia; FastAPI describes each in the OpenAPI
schema. Ids are the JSON export's (`zenobia.export.json`), so that an id seen in the app finds
the same record in an export. Spans (`start`, `end`) index the document's text as stored.
Every fact carries its `confidence` and `confidence_basis`, and lists show only facts at or
above their kind's threshold unless asked for all (`zenobia.confidence`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document's metadata (its text is read on demand); `url` only when http(s)."""

    id: str
    source: str
    title: str | None
    author: str | None
    outlet: str | None
    url: str | None
    language: str | None
    date: str | None
    is_date_inferred: bool
    status: str
    duplicate_of: str | None


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """An actor as the export groups its mentions: counts, and its best mention's confidence."""

    id: str
    name: str
    kind: str | None
    country: str | None
    wikidata: str | None
    aliases: tuple[str, ...]
    mentions: int
    documents: int
    confidence: float | None
    confidence_basis: str | None


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """A place; `lat` and `lon` are None when it was not geocoded."""

    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    mentions: int
    documents: int
    confidence: float | None
    confidence_basis: str | None


@dataclass(frozen=True, slots=True)
class MentionInfo:
    """A name (or a pronoun or description standing for one) in a document: the actor and
    the place it names, if any, and the rule that linked it (`link_basis`)."""

    id: str
    document: str
    sentence_index: int
    start: int
    end: int
    text: str
    label: str
    actor: str | None
    place: str | None
    link_basis: str | None
    confidence: float | None
    confidence_basis: str | None


@dataclass(frozen=True, slots=True)
class EventSource:
    """One document's telling of an event: its sentence, trigger word and what it states."""

    event: str
    document: str
    sentence_index: int
    start: int
    end: int
    trigger_start: int
    trigger_end: int
    type: str
    mode: str | None
    status: str
    date_start: str | None
    date_end: str | None
    place: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    source_text: str | None
    target_text: str | None
    dead: int | None
    injured: int | None
    confidence: float | None
    confidence_basis: str | None


@dataclass(frozen=True, slots=True)
class EventInfo:
    """An event merged across documents (one source when one document tells it).

    `quad` is its PLOVER quad class (None for a type without one); `documents` how many
    documents tell it.
    """

    id: str
    type: str
    mode: str | None
    quad: str | None
    date_start: str | None
    date_end: str | None
    date_basis: str | None
    status: str
    place: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    dead: int | None
    injured: int | None
    documents: int
    sources: tuple[EventSource, ...]
    confidence: float | None
    confidence_basis: str | None


@dataclass(frozen=True, slots=True)
class QuoteInfo:
    """Direct or reported speech: the quoted span, its speaker and its cue word's span."""

    id: str
    document: str
    sentence_index: int
    start: int
    end: int
    is_direct: bool
    speaker: str | None
    speaker_name: str | None
    affiliation: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    confidence: float | None
    confidence_basis: str | None


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    """A number a document states: the sentence's span, the number's, and how many claims of
    other documents corroborate or contradict it."""

    id: str
    document: str
    sentence_index: int
    start: int
    end: int
    value_start: int
    value_end: int
    text: str
    value: float
    value_high: float | None
    unit: str | None
    of: str
    qualifier: str | None
    speaker: str | None
    corroborations: int
    contradictions: int
    confidence: float | None
    confidence_basis: str | None


@dataclass(frozen=True, slots=True)
class StanceInfo:
    """How a document (holder None) or a speaker it reports judges an actor, with the spans
    of its cue words."""

    id: str
    document: str
    actor: str
    holder: str | None
    polarity: str
    score: float
    evidence: tuple[tuple[int, int], ...]
    confidence: float | None
    confidence_basis: str | None


@dataclass(frozen=True, slots=True)
class SideInfo:
    """One document's side of a disagreement: its claim (if numeric) and its words."""

    document: str
    claim: str | None
    text: str


@dataclass(frozen=True, slots=True)
class DisagreementInfo:
    """Where sources disagree; `about` is an event id for a disagreement about one event."""

    id: str
    about: str
    kind: str
    sides: tuple[SideInfo, ...]
    confidence: float | None
    confidence_basis: str | None


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of the extractive summary, by span."""

    document: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list: `items`, `limit` of them from `offset`, of `total` in the list."""

    total: int
    limit: int
    offset: int
    items: tuple[T, ...]
