"""The records zenobia speaks in: frozen, slotted dataclasses with provenance.

Every fact points back to the document and the character span it came from. Records are
immutable so that worker processes, the store and the exports can share them safely.

Every fact record (mention, event, quote, claim, stance, event cluster, disagreement) also
says how sure zenobia is of it: `confidence_basis` is a short stable key naming the path that
decided it (`event:main:verb:source+target:asserted`), `confidence` the calibrated probability that
such a fact is right (`zenobia.confidence`). Both are None before scoring, and in stores
written before confidences existed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

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


FailureStage = Literal["read", "prepare", "analyse", "worker", "write"]
"""Where a record failed: reading its file, cleaning and deduplicating it, analysing it, in a
worker process that died on it, or writing it to the store."""


@dataclass(frozen=True, slots=True)
class Failure:
    """An input record whose processing raised: the run stored it as failed and went on.

    `reason` is one line a user can read (the exception's type and first line); `traceback`
    is the whole traceback, shown only on request (`--debug`).
    """

    source: str
    stage: FailureStage
    reason: str
    traceback: str = ""


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


ANAPHORIC_BASES: Final = frozenset(
    {"pronoun", "definite-description", "speaker", "document-country"}
)
"""`link_basis` of mentions that name no one themselves but stand for an antecedent (pronouns,
definite descriptions, "we" of a speaker, a state noun given the document's country); filter on
them to keep names only."""

LEADER_BODY_BASIS: Final = "leader-body"
"""`link_basis` of a leader's name standing for the state body named after them ("the <Surname>
regime", "<Surname>'s forces"): the mention names the body, but the name is the person's."""

MEMBERS_BASIS: Final = "members"
"""`link_basis` of an organisation named through its members ("<Group> fighters"): the phrase
refers to the organisation but is no name of it."""

DEMONYM_BASIS: Final = "demonym"
"""`link_basis` of a place mention on a demonym ("Georgian villages", "Iraqis"): it evokes the
country, whose name it is not."""

PHRASE_BASES: Final = frozenset({LEADER_BODY_BASIS, MEMBERS_BASIS, DEMONYM_BASIS})
"""`link_basis` of mentions whose text is fit to list among no actor's or place's aliases."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A named actor or place mentioned in a document.

    `canonical` and `kind` are set when the mention matched a knowledge-base entry (for
    instance "Daesh" → "Islamic State", armed_group); otherwise they come from NER alone.
    `role` ("spokesman") and `affiliation` (the canonical name of the organisation or state a
    person speaks for) come from titles, appositions and possessives in the same document.
    `link_basis` says why `canonical` differs from the text when a rule linked it
    ("surname", "short-form", "acronym", "capital-metonymy"), None otherwise.
    `confidence_basis`/`confidence` are those of the link to the actor; `place_basis`/
    `place_confidence` those of the geocoding (`place_id`), when there is one.
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
    confidence_basis: str | None = None
    confidence: float | None = None
    place_basis: str | None = None
    place_confidence: float | None = None

    @property
    def span(self) -> Span:
        return Span(self.doc_id, self.start_char, self.end_char)

    @property
    def is_place(self) -> bool:
        """GPE, LOC and FAC mentions name places (a state is both a place and an actor)."""
        return self.label in ("GPE", "LOC", "FAC")

    @property
    def is_anaphoric(self) -> bool:
        """A pronoun or description ("it", "the group") standing for a named antecedent."""
        return self.link_basis in ANAPHORIC_BASES

    @property
    def is_alias(self) -> bool:
        """Whether the text is a name of the actor it links to, fit to list among its aliases.

        Anaphors are not, nor is a leader's name standing for the state body named after them
        ("the <Surname> regime": the surname stays the person's alias, not the government's),
        nor an organisation named through its members ("<Group> fighters").
        """
        return self.link_basis not in ANAPHORIC_BASES and self.link_basis not in PHRASE_BASES


PlaceFeature = Literal["country", "admin1", "admin2", "region", "city"]
"""What a place is: a country, a first- or second-level division (a state, a county), a wider
region, or a populated place."""


@dataclass(frozen=True, slots=True)
class ActorMerge:
    """One actor group merged into another across documents, with why.

    Keys are `zenobia.ids.actor_group_key`s (`name:<actor_key>`); `basis` names the rule
    (`zenobia.resolve.actors`), `score` its strength.
    """

    from_key: str
    into_key: str
    basis: str
    score: float

    @property
    def confidence_basis(self) -> str:
        """`merge:<basis>`: the key of the merge's confidence (`zenobia.confidence`)."""
        return f"merge:{self.basis}"


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of the corpus: every mention that names it, across documents, merged.

    Written by corpus resolution (`zenobia.resolve.actors`) and read by every export and view,
    so that all of them give one actor one id (`zenobia.ids.actor_id`). `key` is its group
    key after merges (`kb:<entry id>` or `name:<actor_key>`); `merged_from` the group keys
    merged into it; `aliases` the other names it was written in; `wikidata` its knowledge-base
    entry's Wikidata id; `documents` the ids of the documents that name it, in store order.
    `confidence` is that of its best-supported mention's link.
    """

    id: str
    key: str
    name: str
    kind: ActorKind | None
    country: str | None
    wikidata: str | None
    aliases: tuple[str, ...]
    merged_from: tuple[str, ...]
    mentions: int
    documents: tuple[str, ...]
    confidence_basis: str | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place: a GeoNames city or country, or a curated region with a centroid.

    `id` is `gn:<GeoNames id>` for GeoNames places and a content hash for curated regions and
    divisions without a GeoNames id. `country` is ISO 3166 alpha-3 (as in the actor
    gazetteer), `country_alpha2` the same country in alpha-2; both are None for regions that
    span countries ("Sahel"). `admin1` is GeoNames' first-level division code (`SY.09`) of a
    city, a county, or a first-level division itself. Coordinates of countries, divisions and
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
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    stances: tuple[Stance, ...] = ()


PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "TAKE_CONTROL",
]
"""The 16 PLOVER event types plus zenobia's TAKE_CONTROL extension (control of territory;
`data/plover_extension.csv` maps it back to base PLOVER)."""

EventStatus = Literal["asserted", "reported", "negated", "hypothetical"]
"""Whether the text says an event happened, attributes it, denies it, or only entertains it."""


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened: an ISO date interval (`start` == `end` for one day) and why."""

    start: str
    end: str
    basis: str


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where and when, read from one sentence.

    `start_char`/`end_char` span the sentence, `trigger_start`/`trigger_end` the word that
    names the event. Actors are mention ids (`source_mention_ids`, `target_mention_ids`); the
    noun phrases they came from stay in `source_text`/`target_text`, so generic actors
    ("rebels") survive without a mention. `place_mention_id` names a GPE/LOC/FAC mention.
    """

    id: str
    doc_id: str
    sentence_index: int
    start_char: int
    end_char: int
    trigger_start: int
    trigger_end: int
    type: PloverType
    mode: str | None
    context: tuple[str, ...]
    source_mention_ids: tuple[str, ...]
    target_mention_ids: tuple[str, ...]
    source_text: str | None
    target_text: str | None
    place_mention_id: str | None
    date: EventDate | None
    status: EventStatus
    dead: int | None
    injured: int | None
    confidence_basis: str | None = None
    confidence: float | None = None


QuoteStance = Literal["neutral", "assertive", "accusatory", "denial"]
"""What a speech verb implies about the speaker's attitude (`data/speech_verbs.csv`)."""


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what: a direct or reported quotation with its speaker.

    `start_char`/`end_char` span the quoted content only (no quotation marks); for an indirect
    quote, the complement clause ("that the town had fallen" without "that"). The speaker is a
    mention id when the cue's subject names (or refers back to) one, and always its noun phrase
    in `speaker_name` when there is a subject ("a member of the committee"). `cue` is the speech
    verb's lemma ("say", "according to"), `cue_start`/`cue_end` its span; an unattributed
    continuation of an earlier quote inherits that quote's speaker and cue.
    """

    id: str
    doc_id: str
    sentence_index: int
    start_char: int
    end_char: int
    text: str
    is_direct: bool
    speaker_mention_id: str | None
    speaker_name: str | None
    affiliation: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    cue_stance: QuoteStance | None = None
    confidence_basis: str | None = None
    confidence: float | None = None


ClaimQualifier = Literal["min", "max", "approx", "exact"]
"""How a claim's value bounds the truth: at least, at most, about, exactly.

Normalised from the words of `data/claim_qualifiers.csv` ("more than" → min)."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A number a document states: how many, of what, how sure, and who said so.

    `start_char`/`end_char` span the sentence (its text in `sentence`); `value_start`/`value_end`
    span the number itself ("470,000", "between 200 and 300", "two-thirds"). A range has
    `value` (low) and `value_high`; so does a vague plural ("hundreds" → 200 to 999). `unit` is
    None for counts, else "%", a currency code ("USD") or a unit ("km"). `of` is what is
    counted, head noun with its modifiers and event participle ("civilians killed"), or "" when
    the sentence does not say. `qualifier` is None when no word bounds the number.
    `speaker_mention_id` names the mention that said the sentence, when a speech verb's
    subject (or "according to") is a mention.
    """

    id: str
    doc_id: str
    sentence_index: int
    start_char: int
    end_char: int
    sentence: str
    value_start: int
    value_end: int
    text: str
    value: float
    value_high: float | None
    unit: str | None
    of: str
    qualifier: ClaimQualifier | None
    speaker_mention_id: str | None = None
    confidence_basis: str | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression in a text ("last May", "mid-2014") and the dates it stands for.

    `start_char`/`end_char` index the text it was found in; `start`/`end` are the inclusive
    ISO interval it denotes (a year is a year-long interval, never January 1); `basis` names
    the rule ("explicit month", "relative to publication (last May)"). `is_relative` is True
    when the publication date was needed. `weekday` (0 = Monday) is set for a bare weekday
    ("on Sunday"), resolved to the latest one on or before publication; a future-tense event
    takes the next one instead.
    """

    start_char: int
    end_char: int
    text: str
    start: str
    end: str
    basis: str
    is_relative: bool
    weekday: int | None = None


StancePolarity = Literal["positive", "negative", "neutral"]


@dataclass(frozen=True, slots=True)
class Stance:
    """How a document, or a speaker it quotes, judges one actor.

    `holder_mention_id` is None for the document's own voice (the outlet or author), else the
    representative mention of the quoted or reporting speaker who holds the stance. Actors and
    holders are grouped by `actor_key` (`kb:<entry id>` or `name:<actor_key>`, as the export
    groups actors); `actor_mention_id` is the group's first mention in the document. `score`
    is in -1..+1; `evidence` holds the (start_char, end_char) of each cue that counted.
    """

    id: str
    doc_id: str
    actor_mention_id: str
    actor_key: str
    holder_mention_id: str | None
    polarity: StancePolarity
    score: float
    evidence: tuple[tuple[int, int], ...] = ()
    holder_key: str | None = None
    confidence_basis: str | None = None
    confidence: float | None = None


DisagreementKind = Literal["numeric", "framing", "event"]
"""What sources disagree on: a number, how they frame something, or the facts of an event."""


@dataclass(frozen=True, slots=True)
class DisagreementSide:
    """One document's side of a disagreement: what it says (`text`), and the claim if numeric."""

    document: str
    claim: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Sources that disagree about one thing (`about`: an event cluster id, a claim subject, …).

    Stored in the `disagreements` table; `sides` hold at least two documents' versions.
    """

    id: str
    about: str
    kind: DisagreementKind
    sides: tuple[DisagreementSide, ...]
    confidence_basis: str | None = None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One real-world event merged from the events of one or more documents.

    `event_ids` are the member events (each keeps its own document, sentence and span);
    the other fields are the representative values (zenobia.resolve.events): actors and
    recipients are actor export ids, `place_id` a place export id, `status` "asserted" when
    any member asserts it and "negated" only when all negate it.
    """

    id: str
    event_ids: tuple[str, ...]
    type: PloverType
    mode: str | None
    context: tuple[str, ...]
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    place_id: str | None
    date: EventDate | None
    status: EventStatus
    dead: int | None
    injured: int | None
    confidence_basis: str | None = None
    confidence: float | None = None
