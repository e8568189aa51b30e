"""Cross-document event merging: the same real-world event, told by several documents, is one.

Pure functions over model records do the work (`event_facts`, `block_keys`, `compare`,
`merge_events`, `build_cluster`, `contradictions`); `resolve_events(store)` reads the store,
re-resolves only the blocks that received new events, and writes clusters and event
disagreements back.

Notes:
    Method: blocking then pairwise matching then union-find, as in entity resolution
    (Christen, *Data Matching*, 2012) and cross-document event coreference (ECB+, Cybulska
    and Vossen 2014). Blocks are family x place x ISO week and family x actor x week; inside a
    block each event is compared with a few members of each group formed so far ("leader"
    clustering), so a block of n events costs n x groups, never all pairs of the corpus.
    Two events match on their sentences and anchors, or, when both are their documents'
    headline incidents, on their documents' leads (`compare`). Matches are applied best
    first and only between clusters whose profiles agree (`ClusterProfile`), so that one
    vague telling cannot chain two different events into one.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from spacy.lang.en.stop_words import STOP_WORDS

from zenobia.export.json import event_actor_ids, event_place_id
from zenobia.ingest.identity import content_id
from zenobia.knowledge import read_table
from zenobia.model import (
    Disagreement,
    DisagreementSide,
    Event,
    EventCluster,
    EventDate,
    EventStatus,
    Mention,
    Place,
    PublishedDate,
)
from zenobia.store.sqlite import Store

FamilyKind = Literal["incident", "statement"]

GUESS_WINDOW_DAYS = 3
"""How far apart two dates may be when one is only a publication-date guess."""

VAGUE_DAYS = 21
"""Date intervals longer than this ("in May", "last year") are too vague to merge on."""

EXEMPLARS = 32
"""Distinct tellings a group keeps inside a block; a new event is compared with these only."""

NEAR_COPY = 0.9
"""Sentence similarity from which a joining event is a near copy of an exemplar of its group:
it joins the group but adds nothing new to compare with."""

MERGE_SCORE = 0.5
"""Similarity plus anchors needed to merge two events that do not conflict."""

MIN_SIMILARITY = 0.2
"""Sentence similarity needed in any case: sharing a type and a place is not enough."""

CONFLICT_SIMILARITY = 0.5
"""Sentence similarity needed to merge despite one conflicting date, place or perpetrator."""

CONFLICT_SCORE = 0.7

UNDATED_SIMILARITY = 0.25
"""Sentence similarity needed to merge an event that has no usable date (`compare_undated`):
above `MIN_SIMILARITY`, since the date anchor is missing, but below `CONFLICT_SIMILARITY`,
since the same type and mode, the same city and compatible perpetrators are all required."""

UNDATED_ANCHOR_RELIEF = 0.1
"""How much each shared named perpetrator or recipient lowers `UNDATED_SIMILARITY`."""

UNDATED_MIN_SIMILARITY = 0.05
"""The floor: undated events never merge on their anchors alone."""

LEAD_CHARS = 500
"""A document's lead: its first characters (title, dateline, first sentence or two). Events
that start inside it are the document's headline events (`compare`)."""

LEAD_SIMILARITY = 0.15
"""Lead similarity from which two headline events of one family, date and place merge even when
their own sentences are worded apart: about the 99th percentile of the lead similarity of
random pairs of FA-KES articles (0.165), i.e. vocabulary shared beyond chance."""

CLUSTER_SPAN_DAYS = 10
"""The longest a cluster of one incident may span, from its earliest to its latest dated member:
outlets retell an incident over a week or so; longer spans are chains of different events."""

TOLL_RATIO = 3.0
"""Death tolls of one incident differ by outlet and grow as the dead are counted, but seldom by
more than this factor within the days a cluster spans; larger ratios are different incidents."""

UNCERTAIN_NOTE = "publication dates uncertain"
"""Appended to the date basis of a cluster merged across an open (undated) window."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Family:
    """An event family: (type, mode) pairs that can name the same real-world event."""

    name: str
    kind: FamilyKind


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
    story happens in (its lead place's country).
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


# --- data ----------------------------------------------------------------------------------------


@functools.cache
def load_families() -> dict[tuple[str, str], Family]:
    """`data/event_families.csv` as {(type, mode or "*"): Family}, loaded once per process."""
    families: dict[tuple[str, str], Family] = {}
    for row in read_table("event_families.csv", ("type", "mode", "family", "kind")):
        kind: FamilyKind = "statement" if row["kind"] == "statement" else "incident"
        families[(row["type"], row["mode"] or "*")] = Family(row["family"], kind)
    return families


def family_of(type_: str, mode: str | None) -> Family | None:
    """The family of a (type, mode): its own row, else the type's "*" row, else None."""
    families = load_families()
    return families.get((type_, mode or "")) or families.get((type_, "*"))


# --- facts ---------------------------------------------------------------------------------------


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of `text` without stop words; numbers kept, one-letter words dropped."""
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(w for w in words if (len(w) > 2 or w.isdigit()) and w not in STOP_WORDS)


def _ordinal(iso: str) -> int | None:
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def is_uncertain(published: PublishedDate | None) -> bool:
    """Whether a publication date is only a bound or unknown: missing, or not day-precise
    (an inferred month or year is only the earliest the page can be).

    Notes:
        A day-precise inferred date (the latest day the text cites) is still used as a
        publication guess, widened by `GUESS_WINDOW_DAYS`: on FA-KES, where most dates are
        inferred that way, treating it as open lowered pairwise recall from 0.42 to 0.28.
    """
    return published is None or published.date is None or published.precision not in (None, "day")


def _interval(
    event: Event, published: PublishedDate | None
) -> tuple[int | None, int | None, bool, bool]:
    """The event's date interval as ordinals, whether it is a publication-date guess, and
    whether the date is open (no usable date, the publication date being uncertain).

    Notes:
        An inferred publication date is a lower bound on when the page appeared, and says
        nothing about when an undated event happened; dates read relative to such an anchor
        ("last week") are not used either. A vague date ("in May", a dateline's month) that
        contains a certain publication day says no more than that day: it becomes the same
        publication guess as an undated event's, so that it can still meet its tellings.
    """
    uncertain = is_uncertain(published)
    day = _ordinal(published.date) if published is not None and published.date else None
    if event.date is not None:
        start, end = _ordinal(event.date.start), _ordinal(event.date.end)
        relative = "publication" in event.date.basis.lower()
        if start is not None and end is not None:
            vague = end - start > VAGUE_DAYS
            if vague and not uncertain and day is not None and start <= day <= end:
                return day - 1, day, True, False
            if not (relative and uncertain):
                return start, end, relative, False
    if published is not None and published.date and not uncertain:
        day = _ordinal(published.date)
        if day is not None:
            return day - 1, day, True, False
    return None, None, False, uncertain


def _place_ref(
    mention: Mention | None, places: dict[str, Place], *, inferred: bool = False
) -> PlaceRef | None:
    export_id = event_place_id(mention, places) if mention is not None else None
    if mention is None or export_id is None:
        return None
    place = places.get(mention.place_id) if mention.place_id else None
    if place is None:
        return PlaceRef(export_id, mention.country, None, None, mention.canonical, inferred)
    return PlaceRef(export_id, place.country, place.admin1, place.feature, place.name, inferred)


def lead_place(
    mentions: Sequence[Mention], places: dict[str, Place], lead_sentences: int = 3
) -> PlaceRef | None:
    """Where a document's story happens: the first geocoded city or first-level division of
    its lead sentences, else the country its geocoded places most often lie in.

    Notes:
        News leads and datelines name where the story happens; an event sentence that names no
        place is taken to happen there (as dateline-based event coders do), but only weakly:
        such a place never makes a conflict. The country fallback keeps an event without a
        place in its country's block, so that blocking never separates it from the located
        events it may be (Christen 2012: a blocking key must cover every true match).
    """
    ordered = sorted(mentions, key=lambda m: m.start_char)
    for mention in ordered:
        if mention.sentence_index >= lead_sentences:
            break
        place = places.get(mention.place_id) if mention.place_id else None
        if place is not None and place.feature in ("city", "admin1"):
            return _place_ref(mention, places, inferred=True)
    countries = Counter(
        place.country
        for mention in ordered
        if mention.place_id and (place := places.get(mention.place_id)) and place.country
    )
    if not countries:
        return None
    country = max(countries, key=lambda c: (countries[c], c))
    return PlaceRef(f"country:{country}", country, None, "country", country, inferred=True)


def event_facts(
    event: Event,
    sentence: str,
    mentions: dict[str, Mention],
    places: dict[str, Place],
    published: PublishedDate | None = None,
    lead: PlaceRef | None = None,
    lead_tokens: frozenset[str] = frozenset(),
) -> EventFacts:
    """What merging compares about `event`, read from its mentions, places and document.

    Args:
        event: one extracted event.
        sentence: the event's sentence text (`document.text[event.start_char:event.end_char]`).
        mentions: mentions by id (at least the event's).
        places: geocoded places by id.
        published: the document's publication date (dates events whose sentence gives none).
        lead: the document's lead place (`lead_place`), used when the sentence names none,
            and instead of a country the sentence names that is not the lead's country.
        lead_tokens: content words of the document's lead (`lead_words`); an incident that
            starts in the lead (`LEAD_CHARS`) is a headline event.

    Returns:
        The facts; `family` is None for a type no family lists (such events stay alone).

    Notes:
        A stated country other than the one the story happens in is mostly an actor's country
        or a base ("the Britain-based monitor", "US-led strikes"), seldom where the incident
        was: such a place is replaced by the lead place, which is weak and never conflicts.
    """
    sources = frozenset(event_actor_ids(event.source_mention_ids, mentions))
    targets = frozenset(event_actor_ids(event.target_mention_ids, mentions))
    generic = content_words(event.source_text) if event.source_text and not sources else frozenset()
    place_mention = mentions.get(event.place_mention_id) if event.place_mention_id else None
    place = _place_ref(place_mention, places)
    if place is None or (
        place.feature == "country"
        and lead is not None
        and lead.country is not None
        and place.country != lead.country
    ):
        place = lead
    start, end, guessed, open_date = _interval(event, published)
    family = family_of(event.type, event.mode)
    headline = (
        family is not None
        and family.kind == "incident"
        and bool(lead_tokens)
        and event.start_char < LEAD_CHARS
    )
    return EventFacts(
        event=event,
        family=family,
        sources=sources,
        targets=targets,
        generic=generic,
        place=place,
        start=start,
        end=end,
        guessed=guessed,
        tokens=content_words(sentence),
        sentence=sentence,
        open_date=open_date,
        headline=headline,
        lead_tokens=lead_tokens,
        home=lead.country if lead is not None else None,
    )


def lead_words(text: str) -> frozenset[str]:
    """Content words of a document's lead: its first `LEAD_CHARS` characters, cut at a word end.

    Notes:
        The inverted pyramid of news writing: title and lead state the story's main event, so
        two reports of one incident share their lead's words more than their later sentences
        (the lead-based similarity of topic detection and tracking, Allan et al. 1998).
        Month and weekday names and years are left out (`calendar_words`): datelines share
        them across every story of a day.
    """
    lead = text[:LEAD_CHARS]
    if len(text) > LEAD_CHARS and text[LEAD_CHARS : LEAD_CHARS + 1].isalnum():
        lead = lead.rsplit(None, 1)[0] if " " in lead else lead
    calendar = calendar_words()
    return frozenset(w for w in content_words(lead) if w not in calendar and not _is_year(w))


@functools.cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names of `data/time_words.csv`, lower-cased: a dateline's words, which
    every story of the same day shares and which say nothing about what happened."""
    rows = read_table("time_words.csv", ("word", "kind"))
    return frozenset(r["word"].lower() for r in rows if r["kind"] in ("month", "weekday"))


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


# --- blocking ------------------------------------------------------------------------------------


UNDATED_BLOCK = "|u|"
"""Marks the blocks of `undated_key`, where only events without a usable date are compared."""


def undated_key(facts: EventFacts) -> str | None:
    """The block where an event without a usable date may meet its match: family, type and
    mode, and a stated city (not a country, region or a place inferred from the document).

    Returns:
        None for statements and for events whose place is not a stated, geocoded city.
    """
    family, place = facts.family, facts.place
    if family is None or family.kind != "incident" or place is None or place.inferred:
        return None
    if place.feature != "city":
        return None
    return f"{family.name}|{facts.event.type}:{facts.event.mode or ''}{UNDATED_BLOCK}{place.id}"


def block_keys(facts: EventFacts) -> tuple[str, ...]:
    """The blocks an event falls into: family x place x week and family x actor x week, plus
    its `undated_key` block.

    Returns:
        Only the undated block for an event without a family or a usable date. Weeks are
        every ISO week the date interval touches, widened by a few days for a publication
        guess; a city's event also falls in its country's block (keyed by country code),
        so that "in Aleppo" and "in Syria" meet; an event whose place is only inferred from
        its document also falls in the "no place" block; every incident also falls in the block
        of the country its document's story happens in (`EventFacts.home`), so that a place
        that was not geocoded, or geocoded wrongly, does not keep two tellings apart.
        Statements block on their actors only. Every event with a stated city also falls in
        the undated block of its type, mode and city, where events without a usable date are
        compared (`compare_undated`).

    Notes:
        Standard blocking (Christen 2012): keys are cheap, overlapping, and each pair that
        can match shares at least one.
    """
    family = facts.family
    undated = undated_key(facts)
    extra = (undated,) if undated is not None else ()
    if family is None or facts.start is None or facts.end is None:
        return extra
    if facts.end - facts.start > VAGUE_DAYS:
        return extra
    pad = GUESS_WINDOW_DAYS if facts.guessed else 1
    first, last = (facts.start - pad) // 7, (facts.end + pad) // 7
    places: list[str] = []
    if family.kind == "incident":
        place = facts.place
        if place is None or place.inferred:
            places.append("p:?")
        if place is not None and place.feature == "country":
            places.append(f"p:{place.country or place.id}")
        elif place is not None:
            places.append(f"p:{place.id}")
            if place.country:
                places.append(f"p:{place.country}")
        if facts.home and f"p:{facts.home}" not in places:
            places.append(f"p:{facts.home}")
    actors = [f"a:{actor}" for actor in sorted(facts.sources | facts.targets)]
    return (
        *(
            f"{family.name}|{key}|w{week}"
            for week in range(first, last + 1)
            for key in (*places, *actors)
        ),
        *extra,
    )


# --- comparing two events ------------------------------------------------------------------------


def token_idf(token_sets: Iterable[frozenset[str]]) -> Weights:
    """Inverse document frequency of each word over event sentences: log((n + 1) / (df + 1)) + 1."""
    df: Counter[str] = Counter()
    n = 0
    for tokens in token_sets:
        n += 1
        df.update(tokens)
    return Weights({word: math.log((n + 1) / (count + 1)) + 1.0 for word, count in df.items()})


class Weights(dict[str, float]):
    """Word weights (`token_idf`) that remember the total weight of each word set they weighed,
    so that `similarity` sums only over the shared words of two sets it has seen before."""

    def __init__(self, weights: Mapping[str, float]) -> None:
        super().__init__(weights)
        self._totals: dict[frozenset[str], float] = {}

    def total(self, words: frozenset[str]) -> float:
        """The sum of the weights of `words` (1.0 for an unknown word)."""
        found = self._totals.get(words)
        if found is None:
            found = self._totals[words] = sum(self.get(w, 1.0) for w in words)
        return found


def corpus_idf(facts: Iterable[EventFacts]) -> Weights:
    """`token_idf` over the event sentences and the document leads (each lead counted once)."""
    sets: list[frozenset[str]] = []
    leads: dict[str, frozenset[str]] = {}
    for item in facts:
        sets.append(item.tokens)
        if item.lead_tokens:
            leads.setdefault(item.doc_id, item.lead_tokens)
    return token_idf([*sets, *leads.values()])


def similarity(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    """IDF-weighted Jaccard of two word sets: rare shared words ("Zarqa", "58") count most.

    Notes:
        Weighted Jaccard (Ioffe 2010) with IDF weights, a bag-of-words similarity as used for
        cross-document event coreference baselines (Bejan and Harabagiu 2010).
    """
    if not a or not b:
        return 0.0
    both = a & b
    if not both:
        return 0.0
    shared = sum(idf.get(w, 1.0) for w in both)
    if isinstance(idf, Weights):  # weight(a or b) = weight(a) + weight(b) - shared
        return shared / (idf.total(a) + idf.total(b) - shared)
    return shared / sum(idf.get(w, 1.0) for w in a | b)


PlaceRelation = Literal["same", "nested", "unknown", "disjoint"]


def place_relation(a: PlaceRef | None, b: PlaceRef | None) -> PlaceRelation:
    """How two events' places relate: the same, one inside the other, unknown, or disjoint.

    A city is inside its country and its first-level division; a place that was not geocoded
    or spans countries (a region) is "unknown" against any other; two different geocoded
    cities, or places in different countries, are disjoint.
    """
    if a is None or b is None:
        return "unknown"
    if a.id == b.id:
        return "same"
    if a.country and b.country and a.country != b.country:
        return "disjoint"
    for outer, inner in ((a, b), (b, a)):
        if outer.feature == "country" and inner.country == outer.country:
            return "nested"
        if outer.feature == "admin1" and inner.admin1 and inner.admin1 == outer.admin1:
            return "nested"
    if a.feature is None or b.feature is None or a.country is None or b.country is None:
        return "unknown"
    if a.feature == "region" or b.feature == "region":
        return "unknown"
    return "disjoint"


DateRelation = Literal["same", "overlap", "near", "far", "disjoint", "unknown"]


def date_relation(a: EventFacts, b: EventFacts) -> DateRelation:
    """How two events' dates relate.

    "same": both stated and overlapping, each at most two days long; "overlap": both stated
    and overlapping; "near": one is a publication guess and they are within a few days;
    "far": a guess further away; "disjoint": both stated and not overlapping.
    """
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return "unknown"
    gap = max(a.start, b.start) - min(a.end, b.end)
    if a.guessed or b.guessed:
        return "near" if gap <= GUESS_WINDOW_DAYS else "far"
    if gap > 0:
        return "disjoint"
    short = a.end - a.start <= 1 and b.end - b.start <= 1
    return "same" if short else "overlap"


def compare(a: EventFacts, b: EventFacts, idf: Mapping[str, float]) -> Match | None:
    """Whether two events of different documents are the same real-world event.

    Returns:
        A `Match` when they merge, else None. They merge when their sentence similarity plus
        anchors (same specific place, shared perpetrator or target, equal death toll, same
        day) reaches `MERGE_SCORE` with no conflict, or when a very similar wording outweighs
        one conflict (a different date, place or perpetrator: a disagreement to report),
        or when both are their documents' headline incidents, agree on date and place with no
        conflict, and their documents' leads share words beyond chance (`LEAD_SIMILARITY`).

    Notes:
        A rule-based pairwise matcher with hard family and time constraints, in the spirit of
        the feature sets of cross-document event coreference (Cybulska and Vossen 2015: event
        type, arguments, time, location, lexical similarity). Weights are set by hand, not
        learned.
    """
    if a.family is None or a.family != b.family or a.doc_id == b.doc_id:
        return None
    dates = date_relation(a, b)
    if dates == "far":
        return None
    conflicts: list[str] = []
    if dates == "disjoint":
        conflicts.append("date")
    places = place_relation(a.place, b.place)
    inferred = bool((a.place and a.place.inferred) or (b.place and b.place.inferred))
    if places == "disjoint" and not inferred:
        conflicts.append("place")
    if a.sources and b.sources and not a.sources & b.sources:
        conflicts.append("actor")
    shared_source = bool(a.sources & b.sources)
    if a.family.kind == "statement" and (not shared_source or conflicts):
        return None
    sim = similarity(a.tokens, b.tokens, idf)
    score = sim
    if places == "same":
        specific = a.place is not None and a.place.feature != "country"
        score += (0.05 if inferred else 0.15) if specific else 0.05
    elif places == "nested" and not inferred:
        score += 0.05
    if shared_source:
        score += 0.15
    if a.targets & b.targets:
        score += 0.1
    if a.generic & b.generic:
        score += 0.05
    if a.event.dead and a.event.dead == b.event.dead:
        score += 0.2
    if a.event.injured and a.event.injured == b.event.injured:
        score += 0.1
    if dates == "same":
        score += 0.1
    if not conflicts and _is_headline_pair(a, b, places):
        lead = lead_similarity(a, b, idf)
        if lead >= LEAD_SIMILARITY:
            return Match(score + lead, sim, ())
    if not conflicts:
        ok = sim >= MIN_SIMILARITY and score >= MERGE_SCORE
    else:
        ok = len(conflicts) == 1 and sim >= CONFLICT_SIMILARITY and score >= CONFLICT_SCORE
    return Match(score, sim, tuple(conflicts)) if ok else None


def lead_similarity(a: EventFacts, b: EventFacts, idf: Mapping[str, float]) -> float:
    """How alike the leads of two events' documents are (`similarity` of their lead words)."""
    return similarity(a.lead_tokens, b.lead_tokens, idf)


def _is_headline_pair(a: EventFacts, b: EventFacts, places: PlaceRelation) -> bool:
    """Whether two events may merge on their documents' leads: both headline incidents, in the
    same or nested places or one unknown (not even two different inferred cities). Their
    dates are already known to be compatible: `compare` never gets here otherwise.

    Notes:
        Anchoring by the headline event: a news story is about one main event, stated in its
        lead; two stories whose leads match and whose headline events agree on family, time and
        place tell the same event, however differently their event sentences are worded
        (document-level evidence for cross-document coreference, Bagga and Baldwin 1998).
    """
    if not (a.headline and b.headline) or a.family is None or a.family.kind != "incident":
        return False
    return places != "disjoint"


def compare_undated(a: EventFacts, b: EventFacts, idf: Mapping[str, float]) -> Match | None:
    """Whether two events of different documents, one or both without a usable date, are the
    same real-world event.

    Returns:
        A `Match` when they agree on everything but the date: the same type and mode (a
        capture is not a recapture), the same stated city, compatible perpetrators (shared,
        or one side unknown or generic; never two disjoint named ones) and a sentence
        similarity of at least `UNDATED_SIMILARITY`; else None.

    Notes:
        Without a date, the place, mode and perpetrator anchors of cross-document event
        coreference (Cybulska and Vossen 2015) must all hold; disjoint perpetrators stay a
        veto, so the same town taken by different sides at different times does not merge.
    """
    if a.doc_id == b.doc_id or a.family is None or a.family != b.family:
        return None
    if a.start is not None and b.start is not None:
        return None
    if (a.event.type, a.event.mode) != (b.event.type, b.event.mode):
        return None
    if undated_key(a) is None or undated_key(a) != undated_key(b):
        return None
    if a.sources and b.sources and not a.sources & b.sources:
        return None
    sim = similarity(a.tokens, b.tokens, idf)
    anchors = bool(a.sources & b.sources) + bool(a.targets & b.targets)
    if sim < undated_threshold(anchors):
        return None
    score = sim + (0.15 if a.sources & b.sources else 0.0) + (0.1 if a.targets & b.targets else 0.0)
    return Match(score, sim, ())


def undated_threshold(shared_actors: int) -> float:
    """The sentence similarity two undated events need, given how many named actor roles
    (perpetrator, recipient) they share on top of the same type, mode and city.

    Notes:
        Outlets tell one capture in very different words ("forces recaptured the city of X"
        against "the recapture of X by the army has two consequences"); a shared named
        perpetrator or recipient is stronger evidence than shared wording, so each lowers
        the bar by `UNDATED_ANCHOR_RELIEF`, down to `UNDATED_MIN_SIMILARITY`.
    """
    return max(UNDATED_MIN_SIMILARITY, UNDATED_SIMILARITY - UNDATED_ANCHOR_RELIEF * shared_actors)


def _near_copy(item: EventFacts, exemplars: Sequence[EventFacts], idf: Mapping[str, float]) -> bool:
    """Whether `item` is told in nearly the words of an exemplar (not only the one it matched:
    a match on the lead may pair it with an exemplar worded apart while its twin is there)."""
    return any(similarity(item.tokens, ex.tokens, idf) >= NEAR_COPY for ex in exemplars)


def _telling(item: EventFacts) -> tuple[object, ...]:
    """What two copies of one story share exactly: wording, type, place, date and actors."""
    place = item.place.id if item.place is not None else None
    event = item.event
    return (item.tokens, event.type, event.mode, place, item.start, item.end, item.sources)


_Link = tuple[float, str, str, tuple[str, ...]]
"""A match found inside a block: score, the two event ids, the conflicts it was allowed."""


def _undated_links(members: Sequence[EventFacts], idf: Mapping[str, float]) -> list[_Link]:
    """Link each undated member of an undated block to its best match only (dated members
    are never compared with each other here), so that one undated telling cannot bridge two
    different dated events."""
    links: list[_Link] = []
    seen: list[EventFacts] = [m for m in members if m.start is not None]
    for item in members:
        if item.start is not None:
            continue
        matches = [(m, other) for other in seen if (m := compare_undated(item, other, idf))]
        if matches:
            match, best = max(matches, key=lambda pair: (pair[0].score, pair[1].id))
            links.append((match.score, item.id, best.id, match.conflicts))
        seen.append(item)
    return links


# --- clustering ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClusterProfile:
    """What a growing cluster asserts, as a whole: the named perpetrators of its members, their
    stated places, the date interval all their stated dates share, and the span of all their
    dates (ordinals). A new member must be compatible with all of it, not only with the one
    member it matched. `disputed` are the dimensions on which the cluster's own members
    already disagree (a conflict a match was allowed: a disagreement to report); they stay
    allowed when it grows."""

    sources: frozenset[str]
    places: tuple[PlaceRef, ...]
    stated: tuple[int, int] | None
    first: int | None
    last: int | None
    dead: tuple[int, int] | None = None
    disputed: frozenset[str] = frozenset()

    @classmethod
    def of(cls, item: EventFacts) -> ClusterProfile:
        """The profile of a one-event cluster."""
        place = item.place
        places = (place,) if place is not None and not place.inferred else ()
        dated = item.start is not None and item.end is not None
        precise = dated and (item.end or 0) - (item.start or 0) <= VAGUE_DAYS
        stated = (item.start or 0, item.end or 0) if precise and not item.guessed else None
        return cls(
            item.sources,
            places,
            stated,
            item.start if precise else None,
            item.end if precise else None,
            (item.event.dead, item.event.dead) if item.event.dead else None,
        )

    def conflicts(self, other: ClusterProfile) -> frozenset[str]:
        """The dimensions on which two clusters cannot be one event: "actor" (disjoint named
        perpetrators), "place" (disjoint stated places), "date" (stated intervals that do not
        overlap, or members spread over more than `CLUSTER_SPAN_DAYS`), "toll" (death tolls
        more than `TOLL_RATIO` apart)."""
        found: set[str] = set()
        if self.sources and other.sources and not self.sources & other.sources:
            found.add("actor")
        if any(place_relation(a, b) == "disjoint" for a in self.places for b in other.places):
            found.add("place")
        a, b = self.stated, other.stated
        if a is not None and b is not None and max(a[0], b[0]) > min(a[1], b[1]):
            found.add("date")
        starts = [d for d in (self.first, other.first) if d is not None]
        ends = [d for d in (self.last, other.last) if d is not None]
        if starts and ends and max(ends) - min(starts) > CLUSTER_SPAN_DAYS:
            found.add("date")
        tolls = [t for t in (self.dead, other.dead) if t is not None]
        if len(tolls) == 2 and max(t[1] for t in tolls) > TOLL_RATIO * min(t[0] for t in tolls):
            found.add("toll")
        return frozenset(found)

    def join(self, other: ClusterProfile, disputed: Iterable[str] = ()) -> ClusterProfile:
        """The profile of the two clusters merged, with the conflicts the merge let through."""
        places = tuple({p.id: p for p in (*self.places, *other.places)}.values())
        a, b = self.stated, other.stated
        stated = a or b
        if a is not None and b is not None:
            stated = (max(a[0], b[0]), min(a[1], b[1]))
            if stated[0] > stated[1]:  # a conflict let through: keep the earlier interval
                stated = min(a, b)
        firsts = [d for d in (self.first, other.first) if d is not None]
        lasts = [d for d in (self.last, other.last) if d is not None]
        tolls = [t for t in (self.dead, other.dead) if t is not None]
        return ClusterProfile(
            self.sources | other.sources,
            places,
            stated,
            min(firsts) if firsts else None,
            max(lasts) if lasts else None,
            (min(t[0] for t in tolls), max(t[1] for t in tolls)) if tolls else None,
            self.disputed | other.disputed | frozenset(disputed),
        )


class _UnionFind:
    """Union-find over event ids that keeps each cluster's profile and refuses a union that
    would put incompatible events in one cluster.

    Notes:
        Guards against chaining (single-link clustering joining A to C through B, though A and
        C could never be one event): a union is checked against the profiles of both whole
        clusters (a cluster-level compatibility test, as in the entity-level constraints of
        Lee et al. 2013 coreference sieves), allowing only the conflicts the matching pair
        itself was allowed, or that either cluster already holds (a disagreement to report).
    """

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.profile: dict[str, ClusterProfile] = {}

    def add(self, item: EventFacts) -> None:
        if item.id not in self.parent:
            self.parent[item.id] = item.id
            self.profile[item.id] = ClusterProfile.of(item)

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            parent = self.parent[item] = self.find(parent)
        return parent

    def union(self, a: str, b: str, allowed: Iterable[str] = ()) -> bool:
        """Merge the clusters of `a` and `b` unless their profiles conflict beyond `allowed`.

        Returns:
            Whether `a` and `b` are now in one cluster.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        pa, pb = self.profile.get(ra), self.profile.get(rb)
        if pa is not None and pb is not None:
            clash = pa.conflicts(pb)
            if not clash <= frozenset(allowed) | pa.disputed | pb.disputed:
                return False
            self.profile[min(ra, rb)] = pa.join(pb, clash)
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.profile.pop(rb, None)
        return True


def merge_events(
    facts: Sequence[EventFacts], idf: Mapping[str, float] | None = None
) -> list[tuple[str, ...]]:
    """Group events that are the same real-world event; every event is in exactly one group.

    Args:
        facts: the events to resolve (from `event_facts`).
        idf: word weights for `similarity`; computed from `facts` when omitted.

    Returns:
        Groups of event ids, each sorted, in the order of their smallest id.

    Notes:
        Blocking (`block_keys`), then inside each block "leader" clustering: each event, in
        date order, is compared with the exemplars of every group the block has formed so far
        (up to `EXEMPLARS` distinct tellings; near copies are not kept as exemplars) and
        is linked to every group it matches. Links are then applied best first (highest score
        first, as in best-first agglomerative clustering), each only if the two whole clusters
        are compatible (`ClusterProfile`: no new conflict of perpetrator, place, date or
        toll), so that a weak link made early cannot chain two events a strong one separates.
        A block of n events costs at most
        n x groups x `EXEMPLARS` comparisons; an exact retelling (same words, type, place,
        date and actors: a syndicated copy) is compared with its twin only and joins it, so a
        corpus repeated k times costs about k times as much.
    """
    if idf is None:
        idf = corpus_idf(facts)
    blocks: defaultdict[str, list[EventFacts]] = defaultdict(list)
    for item in facts:
        for key in block_keys(item):
            blocks[key].append(item)
    links: list[_Link] = []
    for key in sorted(blocks):
        members = sorted(blocks[key], key=lambda f: (f.start or 0, f.id))
        if UNDATED_BLOCK in key:
            links.extend(_undated_links(members, idf))
            continue
        groups: list[list[EventFacts]] = []  # the exemplars of each group
        twins: dict[tuple[object, ...], EventFacts] = {}
        for item in members:
            twin = twins.setdefault(_telling(item), item)
            if twin is not item and (match := compare(item, twin, idf)) is not None:
                links.append((math.inf, item.id, twin.id, match.conflicts))
                continue  # a retelling in the same words: it joins wherever its twin is
            joined = False
            for group in groups:
                found_pair = next(
                    ((m, other) for other in group if (m := compare(item, other, idf))), None
                )
                if found_pair is None:
                    continue
                match, other = found_pair
                links.append((match.score, item.id, other.id, match.conflicts))
                if not joined and len(group) < EXEMPLARS and not _near_copy(item, group, idf):
                    group.append(item)
                joined = True
            if not joined:
                groups.append([item])
    found = _UnionFind()
    for item in facts:
        found.add(item)
    for _, a, b, conflicts in sorted(links, key=lambda link: (-link[0], link[1], link[2])):
        found.union(a, b, conflicts)  # refused when the two whole clusters conflict
    clusters: defaultdict[str, list[str]] = defaultdict(list)
    for item in facts:
        clusters[found.find(item.id)].append(item.id)
    return sorted((tuple(sorted(ids)) for ids in clusters.values()), key=lambda ids: ids[0])


# --- representative fields and contradictions ----------------------------------------------------


def cluster_id(event_ids: Iterable[str]) -> str:
    """A cluster's id: stable while its smallest member event stays in it."""
    return content_id("event-cluster", first=min(event_ids))


def _status(statuses: Sequence[EventStatus]) -> EventStatus:
    if "asserted" in statuses:
        return "asserted"
    if "reported" in statuses:
        return "reported"
    if statuses and all(s == "negated" for s in statuses):
        return "negated"
    return "hypothetical"


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _representative_date(members: Sequence[EventFacts]) -> EventDate | None:
    stated = [
        (m.start, m.end, m.event.date)
        for m in members
        if m.event.date is not None and m.start is not None and m.end is not None and not m.guessed
    ]
    if stated:
        start = max(s for s, _, _ in stated)
        end = min(e for _, e, _ in stated)
        if start <= end:
            basis = stated[0][2].basis if len(stated) == 1 else "agreed by sources"
            return EventDate(_iso(start), _iso(end), basis or "stated")
        first = min(stated, key=lambda item: item[0])[2]
        return EventDate(first.start, first.end, "sources disagree; earliest given")
    dated = [m.event.date for m in members if m.event.date is not None]
    return dated[0] if dated else None


def _count(values: Iterable[int | None]) -> int | None:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], v))


def build_cluster(members: Sequence[EventFacts]) -> EventCluster:
    """The representative record of a group of merged events.

    Type and mode are the most common among members; actors and recipients are all members'
    (most frequent first); the place is the most common stated one (a city before its
    country); the date is the interval all stated dates share; status is "asserted" if any
    member asserts, "negated" only if all negate.
    """
    ordered = sorted(members, key=lambda m: m.id)
    pair = Counter((m.event.type, m.event.mode or "") for m in ordered)
    type_, mode = max(pair, key=lambda p: (pair[p], p))
    first = next(m for m in ordered if (m.event.type, m.event.mode or "") == (type_, mode))
    context = tuple(dict.fromkeys(c for m in ordered for c in m.event.context))
    actors = Counter(a for m in ordered for a in m.sources)
    recipients = Counter(a for m in ordered for a in m.targets)
    stated = [m.place for m in ordered if m.place is not None and not m.place.inferred]
    place_id = None
    if stated:
        rank = Counter(p.id for p in stated)
        specific = {p.id: p.feature != "country" for p in stated}
        place_id = max(rank, key=lambda p: (rank[p], specific[p], p))
    date = _representative_date(ordered)
    uncertain = len({m.doc_id for m in ordered}) > 1 and any(m.start is None for m in ordered)
    if date is not None and uncertain:
        date = EventDate(date.start, date.end, f"{date.basis}; {UNCERTAIN_NOTE}")
    return EventCluster(
        id=cluster_id(m.id for m in ordered),
        event_ids=tuple(m.id for m in ordered),
        type=first.event.type,
        mode=first.event.mode,
        context=context,
        actors=tuple(sorted(actors, key=lambda a: (-actors[a], a))),
        recipients=tuple(sorted(recipients, key=lambda a: (-recipients[a], a))),
        place_id=place_id,
        date=date,
        status=_status([m.event.status for m in ordered]),
        dead=_count(m.event.dead for m in ordered),
        injured=_count(m.event.injured for m in ordered),
    )


def _disagreement(about: str, sides: Iterable[tuple[str, str]]) -> Disagreement:
    unique = tuple(dict.fromkeys(sides))
    records = tuple(DisagreementSide(document=doc, claim=None, text=text) for doc, text in unique)
    key = [list(side) for side in unique]
    return Disagreement(
        id=content_id("disagreement", type="event", about=about, sides=key),
        about=about,
        kind="event",
        sides=records,
    )


def _conflicting(
    members: Sequence[EventFacts], clash: Callable[[EventFacts, EventFacts], bool]
) -> list[EventFacts]:
    """Members that clash with a member of another document, in id order."""
    involved: dict[str, EventFacts] = {}
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if a.doc_id != b.doc_id and clash(a, b):
                involved[a.id], involved[b.id] = a, b
    return [involved[k] for k in sorted(involved)]


def contradictions(cluster: EventCluster, members: Sequence[EventFacts]) -> list[Disagreement]:
    """Where the documents of one merged event disagree: status, date, place, perpetrator.

    Returns:
        One "event" disagreement per disputed dimension, `about` the cluster id, one side per
        document and version: "status: negated — <sentence>", "date: 2020-01-02 — …",
        "place: <name> — …", "perpetrator: <source phrase> — …".

    Notes:
        A dimension is disputed when one source asserts what another negates, when two stated
        date intervals do not overlap, when two stated places are disjoint (not nested), or
        when two sources name disjoint specific perpetrators (a generic "rebels" never
        disputes a named group).
    """
    ordered = sorted(members, key=lambda m: m.id)
    found: list[Disagreement] = []

    def side(label: str, value: str, m: EventFacts) -> tuple[str, str]:
        return m.doc_id, f"{label}: {value} — {m.sentence}"

    def status_clash(a: EventFacts, b: EventFacts) -> bool:
        pair = {a.event.status, b.event.status}
        return "negated" in pair and bool(pair & {"asserted", "reported"})

    def date_clash(a: EventFacts, b: EventFacts) -> bool:
        return date_relation(a, b) == "disjoint"

    def place_clash(a: EventFacts, b: EventFacts) -> bool:
        inferred = (a.place and a.place.inferred) or (b.place and b.place.inferred)
        return not inferred and place_relation(a.place, b.place) == "disjoint"

    def actor_clash(a: EventFacts, b: EventFacts) -> bool:
        return bool(a.sources and b.sources and not a.sources & b.sources)

    for label, clash in (
        ("status", status_clash),
        ("date", date_clash),
        ("place", place_clash),
        ("perpetrator", actor_clash),
    ):
        involved = _conflicting(ordered, clash)
        if not involved:
            continue
        sides = []
        for m in involved:
            value: str
            if label == "status":
                value = m.event.status
            elif label == "date":
                value = f"{_iso(m.start or 0)}..{_iso(m.end or 0)}"
            elif label == "place":
                value = m.place.name if m.place else "?"
            else:
                value = m.event.source_text or ", ".join(sorted(m.sources))
            sides.append(side(label, value, m))
        found.append(_disagreement(cluster.id, sides))
    return found


# --- the store ------------------------------------------------------------------------------------


def _store_facts(store: Store) -> dict[str, EventFacts]:
    """Facts of every event in the store (one pass over events, mentions, places, documents)."""
    events = list(store.events())
    if not events:
        return {}
    mentions = {m.id: m for m in store.mentions()}
    by_doc: defaultdict[str, list[Mention]] = defaultdict(list)
    for mention in mentions.values():
        by_doc[mention.doc_id].append(mention)
    places = store.places()
    wanted = {e.doc_id for e in events}
    texts: dict[str, str] = {}
    published: dict[str, PublishedDate] = {}
    for stored in store.documents():
        if stored.document.id in wanted:
            texts[stored.document.id] = stored.document.text
            published[stored.document.id] = stored.document.published
    leads = {doc_id: lead_place(by_doc.get(doc_id, ()), places) for doc_id in wanted}
    words = {doc_id: lead_words(text) for doc_id, text in texts.items()}
    return {
        e.id: event_facts(
            e,
            texts.get(e.doc_id, "")[e.start_char : e.end_char],
            mentions,
            places,
            published.get(e.doc_id),
            leads.get(e.doc_id),
            words.get(e.doc_id, frozenset()),
        )
        for e in events
    }


MERGE_RULES_KEY: Final = "event_merge_rules"
MERGE_RULES_VERSION: Final = "2"
"""Raise when merging or blocking rules change: a store resolved by other rules is then
resolved again from scratch on its next pass instead of mixing old and new clusters."""


def resolve_events(store: Store) -> dict[str, int]:
    """Merge the store's events across documents, re-resolving only blocks with new events.

    Events not yet in `event_clusters` are new; the blocks they fall into, every resolved
    event in those blocks and every member of those events' clusters are resolved again;
    their old clusters and event disagreements are replaced. Other clusters are untouched.

    Returns:
        Counts: `events` (all), `events_new`, `events_reresolved` (new events and the resolved
        events of the blocks they fell into), `event_clusters` (all), `events_merged`
        (events in clusters of two or more), `event_disagreements` (all).
    """
    if store.meta_value(MERGE_RULES_KEY) != MERGE_RULES_VERSION:
        # Clusters made by other rules sit under other block keys: resolve everything anew.
        with store.transaction():
            store.clear_event_clusters()
            store.set_meta_value(MERGE_RULES_KEY, MERGE_RULES_VERSION)
    facts = _store_facts(store)
    known = store.event_cluster_ids()
    new = [event_id for event_id in facts if event_id not in known]
    affected: set[str] = set()
    if new:
        idf = corpus_idf(facts.values())
        keys = {event_id: block_keys(facts[event_id]) for event_id in new}
        affected = set(new) | (store.events_in_blocks(k for ks in keys.values() for k in ks))
        old_clusters = {known[e] for e in affected if e in known}
        affected |= {e for e, c in known.items() if c in old_clusters}
        affected &= facts.keys()
        chosen = [facts[e] for e in sorted(affected)]
        clusters = []
        found: list[Disagreement] = []
        for group in merge_events(chosen, idf):
            members = [facts[e] for e in group]
            cluster = build_cluster(members)
            clusters.append(cluster)
            found.extend(contradictions(cluster, members))
        blocks = {f.id: keys.get(f.id) or block_keys(f) for f in chosen}
        with store.transaction():
            store.replace_event_clusters(old_clusters, clusters, blocks)
            store.replace_disagreements(
                "event", found, about=old_clusters | {c.id for c in clusters}
            )
    sizes = [len(c.event_ids) for c in store.event_clusters()]
    return {
        "events": len(facts),
        "events_new": len(new),
        "events_reresolved": len(affected),
        "event_clusters": len(sizes),
        "events_merged": sum(n for n in sizes if n > 1),
        "event_disagreements": sum(1 for _ in store.disagreements("event")),
    }
