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
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

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
"""Sentence similarity from which a joining event is a near copy of the exemplar it matched:
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
    ("rebels").
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
        ("last week") are not used either.
    """
    uncertain = is_uncertain(published)
    if event.date is not None:
        start, end = _ordinal(event.date.start), _ordinal(event.date.end)
        relative = "publication" in event.date.basis.lower()
        if start is not None and end is not None and not (relative and uncertain):
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
) -> EventFacts:
    """What merging compares about `event`, read from its mentions, places and document.

    Args:
        event: one extracted event.
        sentence: the event's sentence text (`document.text[event.start_char:event.end_char]`).
        mentions: mentions by id (at least the event's).
        places: geocoded places by id.
        published: the document's publication date (dates events whose sentence gives none).
        lead: the document's lead place (`lead_place`), used when the sentence names none.

    Returns:
        The facts; `family` is None for a type no family lists (such events stay alone).
    """
    sources = frozenset(event_actor_ids(event.source_mention_ids, mentions))
    targets = frozenset(event_actor_ids(event.target_mention_ids, mentions))
    generic = content_words(event.source_text) if event.source_text and not sources else frozenset()
    place_mention = mentions.get(event.place_mention_id) if event.place_mention_id else None
    place = _place_ref(place_mention, places) or lead
    start, end, guessed, open_date = _interval(event, published)
    return EventFacts(
        event=event,
        family=family_of(event.type, event.mode),
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
    )


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
        its document also falls in the "no place" block. Statements block on their actors
        only. Every event with a stated city also falls in the undated block of its type,
        mode and city, where events without a usable date are compared (`compare_undated`).

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


def token_idf(token_sets: Iterable[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each word over event sentences: log((n + 1) / (df + 1)) + 1."""
    df: Counter[str] = Counter()
    n = 0
    for tokens in token_sets:
        n += 1
        df.update(tokens)
    return {word: math.log((n + 1) / (count + 1)) + 1.0 for word, count in df.items()}


def similarity(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    """IDF-weighted Jaccard of two word sets: rare shared words ("Zarqa", "58") count most.

    Notes:
        Weighted Jaccard (Ioffe 2010) with IDF weights, a bag-of-words similarity as used for
        cross-document event coreference baselines (Bejan and Harabagiu 2010).
    """
    if not a or not b:
        return 0.0
    shared = sum(idf.get(w, 1.0) for w in a & b)
    if not shared:
        return 0.0
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
        one conflict (a different date, place or perpetrator: a disagreement to report).

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
    if not conflicts:
        ok = sim >= MIN_SIMILARITY and score >= MERGE_SCORE
    else:
        ok = len(conflicts) == 1 and sim >= CONFLICT_SIMILARITY and score >= CONFLICT_SCORE
    return Match(score, sim, tuple(conflicts)) if ok else None


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


def _merge_undated(
    members: Sequence[EventFacts], found: _UnionFind, idf: Mapping[str, float]
) -> None:
    """Join each undated member of an undated block to its best match only (dated members
    are never compared with each other here), so that one undated telling cannot bridge two
    different dated events."""
    seen: list[EventFacts] = [m for m in members if m.start is not None]
    for item in members:
        if item.start is not None:
            continue
        matches = [(m, other) for other in seen if (m := compare_undated(item, other, idf))]
        if matches:
            best = max(matches, key=lambda pair: (pair[0].score, pair[1].id))[1]
            found.union(item.id, best.id)
        seen.append(item)


# --- clustering ----------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            parent = self.parent[item] = self.find(parent)
        return parent

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


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
        joins (union-find) every group it matches. A block of n events costs at most
        n x groups x `EXEMPLARS` comparisons; copies of a story join a group without
        adding comparisons, so a corpus repeated k times costs about k times as much.
    """
    if idf is None:
        idf = token_idf(f.tokens for f in facts)
    blocks: defaultdict[str, list[EventFacts]] = defaultdict(list)
    for item in facts:
        for key in block_keys(item):
            blocks[key].append(item)
    found = _UnionFind()
    for item in facts:
        found.find(item.id)
    for key in sorted(blocks):
        members = sorted(blocks[key], key=lambda f: (f.start or 0, f.id))
        if UNDATED_BLOCK in key:
            _merge_undated(members, found, idf)
            continue
        groups: list[list[EventFacts]] = []  # the exemplars of each group
        for item in members:
            joined = False
            for group in groups:
                match = next((m for other in group if (m := compare(item, other, idf))), None)
                if match is None:
                    continue
                found.union(item.id, group[0].id)
                if not joined and match.similarity < NEAR_COPY and len(group) < EXEMPLARS:
                    group.append(item)
                joined = True
            if not joined:
                groups.append([item])
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
    return {
        e.id: event_facts(
            e,
            texts.get(e.doc_id, "")[e.start_char : e.end_char],
            mentions,
            places,
            published.get(e.doc_id),
            leads.get(e.doc_id),
        )
        for e in events
    }


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
    facts = _store_facts(store)
    known = store.event_cluster_ids()
    new = [event_id for event_id in facts if event_id not in known]
    affected: set[str] = set()
    if new:
        idf = token_idf(f.tokens for f in facts.values())
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
