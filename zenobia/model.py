"""The records zenobia speaks in: frozen, slotted dataclasses with provenance.

Every fact points back to the document and the character span it came from. Records are
immutable so that worker processes, the store and the exports can share them safely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

InputKind = Literal["text", "html"]
"""What a raw input holds: plain text (maybe a scraped page) or HTML markup."""

DatePrecision = Literal["day", "month", "year"]

MentionLabel = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"]
"""Entity labels zenobia keeps; spaCy's other labels (DATE, MONEY, …) are not actors or places."""

ActorKind = Literal[
    "state",
    "government",
    "military",
    "police",
    "armed_group",
    "political_party",
    "igo",
    "ngo",
    "media",
    "person",
    "ethnic_or_religious_group",
    "organization",
    "place",
]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one document's stored `text`, in characters (end exclusive)."""

    doc_id: str
    start_char: int
    end_char: int


@dataclass(frozen=True, slots=True)
class Comment:
    """A reader's comment, kept apart from the article body: a reader's voice, not the outlet's."""

    author: str | None
    text: str


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """When a document was published, and how we know.

    `date` is ISO `YYYY-MM-DD` or None. A date read from the page's metadata or dateline has
    `is_inferred=False`; one inferred from the dates the text refers to has `is_inferred=True`.
    `precision` says how much of `date` is known: a month-precision date is the first day of
    that month. A bare year never becomes a date (no invented January 1); it is kept in
    `not_before` as the earliest the document can be.
    """

    date: str | None
    is_inferred: bool
    basis: str
    precision: DatePrecision | None = None
    not_before: str | None = None

    @staticmethod
    def unknown(basis: str = "no date found") -> PublishedDate:
        return PublishedDate(date=None, is_inferred=False, basis=basis)


@dataclass(frozen=True, slots=True)
class RawInput:
    """One article as a source yields it, before any cleaning.

    `source` names where it came from precisely enough to find it again: a path, `path#L12` for
    a JSONL line, `path#R7` for a CSV row, `path#<record id>` for a WARC record. The optional
    hints come from structured inputs (JSONL fields, CSV columns, WARC headers) and win over
    what the page itself suggests.
    """

    source: str
    kind: InputKind
    content: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that was not analysed, with a short reason code and one line a user can act on."""

    source: str
    reason: str
    message: str


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: body text, metadata and reader comments apart.

    `id` is a content hash of the body text, so the same article read twice is one document.
    Character offsets of every fact index `text` exactly as stored here.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate.unknown)
    comments: tuple[Comment, ...] = ()
    duplicate_of: str | None = None

    @property
    def is_english(self) -> bool:
        return self.language in (None, "en")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document's text, by position."""

    doc_id: str
    index: int
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named actor or place mentioned in a document.

    `canonical` and `kind` are set when the mention matched a knowledge-base entry (for
    instance "Daesh" → "Islamic State", armed_group); otherwise they come from NER alone.
    `role` ("spokesman") and `affiliation` (the canonical name of the organisation or state a
    person speaks for) come from titles, appositions and possessives in the same document.
    `link_basis` says why `canonical` differs from the text when a rule linked it
    ("surname", "short-form", "acronym", "capital-metonymy"), None otherwise.
    """

    id: str
    doc_id: str
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    label: MentionLabel
    canonical: str
    kind: ActorKind | None = None
    country: str | None = None
    entry_id: str | None = None
    role: str | None = None
    affiliation: str | None = None
    link_basis: str | None = None
    place_id: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.doc_id, self.start_char, self.end_char)

    @property
    def is_place(self) -> bool:
        """GPE, LOC and FAC mentions name places (a state is both a place and an actor)."""
        return self.label in ("GPE", "LOC", "FAC")


PlaceFeature = Literal["country", "admin1", "region", "city"]
"""What a place is: a country, a first-level division, a wider region, or a populated place."""


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place: a GeoNames city or country, or a curated region with a centroid.

    `id` is `gn:<GeoNames id>` for GeoNames places and a content hash for curated regions.
    `country` is ISO 3166 alpha-3 (as in the actor gazetteer), `country_alpha2` the same
    country in alpha-2; both are None for regions that span countries ("Sahel"). `admin1` is
    GeoNames' first-level division code (`SY.09`) for cities. Coordinates of countries and
    regions are approximate centroids, good for a map, not for distances.
    """

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    geonames: int | None
    feature: PlaceFeature
    country_alpha2: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentAnalysis:
    """Everything the per-document stage found in one document."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    token_count: int = 0
    places: tuple[Place, ...] = ()
