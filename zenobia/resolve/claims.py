"""Numeric claims across documents: which corroborate and which contradict each other.

Corpus-level and pure: `compare_claims` takes claims with the context resolution needs
(`ClaimContext`: what is counted, where, when) and returns each claim's support counts and the
numeric disagreements. `claim_contexts` builds those contexts from a store's records; the store
step itself (`resolve_claims`) only reads, calls these two functions and writes.

The model, in five steps:

1. **What is counted.** A claim's `of` ("civilians killed", "the death toll") is read against
   `data/quantity_families.csv`: one quantity family (deaths, injuries, displaced, …) and one
   population (civilians, children, …; none for the general population). Claims without a
   family, or with two ("killed or wounded"), are not compared.
2. **Running total or incident.** A sentence with a cue of `data/cumulative_cues.csv`
   ("since 2011", "so far") gives a running total, and so does a count of at least
   `RUNNING_TOTAL_MIN` in a sentence without a dated event ("with more than 250,000 dead");
   others count one incident. The two kinds
   are never compared with each other, nor running totals from different starts (the month
   of a dated event in the sentence: "since March 2011" against "since Thursday").
3. **Where.** The scope is the place the claim's sentence names (all of them, when it names
   several); a running total whose sentence names none takes the document's main country (the
   country-level place it mentions most), as does one whose sentence names the main country
   and otherwise only places abroad — unless it is a local tally (an unnamed "the town" of
   `data/local_scopes.csv`, or a period started at most `SHORT_PERIOD_DAYS` before: "since
   Saturday"), which has no scope. A population that is the scope country's demonym
   ("Velorians killed" in Veloria) is the general population. "in Syria" and "in Aleppo" are
   different scopes and are never compared. Incident counts need no scope (step 4).
4. **Which event, or when.** An incident count is about the event its sentence tells: it is
   compared only with counts attached to the same merged event cluster (`event_cluster`; the
   event whose toll equals the count, else the one whose trigger is nearest to it), never by
   place and day alone, since two strikes in one city on one day are two incidents. A running
   total is dated by the publication date (its events' dates are the start of the period:
   "since March 2011"), and compared across documents: within a block (family, population,
   unit, scope, start), totals sorted by date fall into episodes: an episode starts at its
   first claim and takes every claim dated within `CUMULATIVE_WINDOW_DAYS` (30) of that
   start. Undated totals are not compared, except those of documents whose publication date
   is uncertain (missing, or only month or year precise): their window is open — they join
   every episode their publication could fall in (the uncertain date is only the earliest the
   page can be), or form one of their own; they corroborate only (step 5). An incident count
   without an event in its sentence, or without a day, is not compared.
5. **Compatible values.** Each claim becomes an interval (see `claim_interval`); two claims of
   different documents in one episode corroborate when their intervals overlap and contradict
   otherwise, with four exceptions measured on a hand-judged FA-KES sample
   (`bench/data/numeric_disagreements.jsonl`): incident counts of one cluster are compared
   only when they count one incident (days at most `INCIDENT_WINDOW_DAYS` apart, the same day
   when both sentences date their event, and places below country level that share a name or
   a first-level division); intervals more than `SAME_QUANTITY_MAX_RATIO` apart count
   different things (a part and a whole) and are not compared; vague plurals
   ("dozens") corroborate but never contradict, and running totals of uncertain publication
   date contradict only claims of pages dated for certain (`UNCERTAIN_NOTE`). An episode
   with a contradiction is a disagreement whose sides are the contradicting claims, one side
   per document and value group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from zenobia.ids import content_id
from zenobia.model import (
    Disagreement,
    DisagreementSide,
)
from zenobia.resolve.claim_contexts import (
    ClaimContext,
    Quantity,
    _overlap,
    claim_contexts,
    claim_interval,
    publication_bound,
)
from zenobia.store.sqlite import Store

__all__ = [
    "ClaimComparison",
    "ClaimSupport",
    "NumericDisagreement",
    "NumericSide",
    "compare_claims",
    "resolve_claims",
]


UNCERTAIN_NOTE: Final = "; publication dates uncertain"
"""Appended to `about` when a side is a running total of uncertain publication date."""


CUMULATIVE_WINDOW_DAYS: Final = 30
"""Running totals further apart than this may differ because the total grew."""


INCIDENT_WINDOW_DAYS: Final = 1
"""Incident counts of one merged event are compared only when their days (the event's date in
the sentence, else publication) are at most this far apart: a report of the next day says
"yesterday", but counts days apart belong to other incidents the merger joined, or to a toll
that grew."""

SAME_QUANTITY_MAX_RATIO: Final = 10.0
"""Two claims whose intervals lie more than this factor apart do not count the same thing:
sources that disagree on one toll differ by less than an order of magnitude, while a part
against a whole (one district against a province, a week against a war) differs by more."""


@dataclass(frozen=True, slots=True)
class ClaimSupport:
    """How many claims of other documents agree and disagree with one claim."""

    claim_id: str
    corroborations: int
    contradictions: int


@dataclass(frozen=True, slots=True)
class NumericSide:
    """One side of a numeric disagreement: a document's claim and its sentence."""

    document: str
    claim: str
    text: str
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NumericDisagreement:
    """Claims about one quantity, place and time whose values do not fit one interval."""

    id: str
    about: str
    sides: tuple[NumericSide, ...]
    confidence_basis: str | None = None
    """`disagreement:numeric:<event|unattached>:dates=<certain|uncertain>`: whether the counts
    are tied to one merged event, and whether a side's publication date is uncertain."""


@dataclass(frozen=True, slots=True)
class ClaimComparison:
    """The outcome of `compare_claims`: support for every compared claim, and disagreements."""

    support: tuple[ClaimSupport, ...]
    disagreements: tuple[NumericDisagreement, ...]


# --- what is counted ---------------------------------------------------------------------------


# --- values as intervals -----------------------------------------------------------------------


# --- contexts from store records ---------------------------------------------------------------


# --- comparison --------------------------------------------------------------------------------

_BlockKey = tuple[str, str, str, str, bool, str]
"""Quantity family, population, unit, scope, running total or not, and the total's start."""


def compare_claims(contexts: Iterable[ClaimContext]) -> ClaimComparison:
    """Corroborations and contradictions between claims of different documents.

    Args:
        contexts: Claims with their quantity, scope and day (`claim_contexts`).

    Returns:
        Support counts for every claim that was compared with at least one claim of another
        document, and one disagreement per episode whose values do not fit one interval.

    Notes:
        Blocking keeps this near-linear: only claims with the same quantity and unit, and
        either attached to the same merged event (incident counts) or with the same scope and
        within one episode (running totals), are compared pairwise (record linkage by blocking,
        Christen 2012, ch. 4). Value groups are formed greedily over intervals sorted by their
        low end, each group keeping the intersection of its members' intervals.
    """
    blocks: defaultdict[_BlockKey, list[tuple[date, ClaimContext]]] = defaultdict(list)
    open_blocks: defaultdict[_BlockKey, list[tuple[date | None, ClaimContext]]] = defaultdict(list)
    incidents: defaultdict[_BlockKey, list[ClaimContext]] = defaultdict(list)
    for context in contexts:
        if context.quantity is None:
            continue
        if not context.is_cumulative:
            if context.event_cluster is not None and context.day is not None:
                quantity = context.quantity
                unit = context.claim.unit or ""
                cluster = context.event_cluster
                incident: _BlockKey = (
                    quantity.family,
                    quantity.population,
                    unit,
                    cluster,
                    False,
                    "",
                )
                incidents[incident].append(context)
            continue
        if context.scope is None:
            continue
        is_open = context.is_cumulative and context.date_uncertain
        if context.day is None and not is_open:
            continue
        try:
            day = date.fromisoformat(context.day) if context.day is not None else None
        except ValueError:
            if not is_open:
                continue
            day = None
        key: _BlockKey = (
            context.quantity.family,
            context.quantity.population,
            context.claim.unit or "",
            context.scope,
            context.is_cumulative,
            context.period_start,
        )
        if is_open:
            open_blocks[key].append((day, context))
        elif day is not None:
            blocks[key].append((day, context))
    support: dict[str, ClaimSupport] = {}
    disagreements: list[NumericDisagreement] = []
    for key in sorted(blocks.keys() | open_blocks.keys() | incidents.keys()):
        quantity = Quantity(key[0], key[1])
        if key in incidents:  # one merged event: one episode, whatever the days
            order = sorted(incidents[key], key=lambda c: (c.claim.doc_id, c.claim.value_start))
            episodes = [order]
        else:
            episodes = _episodes(blocks.get(key, []), CUMULATIVE_WINDOW_DAYS)
            episodes = _open_episodes(episodes, open_blocks.get(key, []), CUMULATIVE_WINDOW_DAYS)
        for episode in episodes:
            if len({c.claim.doc_id for c in episode}) < 2:
                continue
            rows, contradicting = _support(episode)
            for row in rows:
                seen = support.get(row.claim_id)
                if seen is not None:  # an open claim in several episodes: add up
                    row = ClaimSupport(
                        row.claim_id,
                        seen.corroborations + row.corroborations,
                        seen.contradictions + row.contradictions,
                    )
                support[row.claim_id] = row
            if contradicting:
                disagreements.append(_disagreement(episode, contradicting, quantity))
    return ClaimComparison(tuple(support.values()), tuple(disagreements))


def _open_episodes(
    episodes: list[list[ClaimContext]],
    open_claims: Sequence[tuple[date | None, ClaimContext]],
    window_days: int,
) -> list[list[ClaimContext]]:
    """Add running totals whose publication date is uncertain to the episodes they may belong
    to.

    Notes:
        An uncertain date is a lower bound on publication, so such a claim fits every episode
        whose last claim is dated no earlier than that bound less the window; claims that fit
        none form one more episode (two open windows always meet).
    """
    if not open_claims:
        return episodes
    ordered = sorted(open_claims, key=lambda p: (p[1].claim.doc_id, p[1].claim.value_start))
    last_days = [_last_day(episode) for episode in episodes]
    joined = [list(episode) for episode in episodes]
    alone: list[ClaimContext] = []
    for bound, context in ordered:
        fits = [
            i
            for i, last in enumerate(last_days)
            if bound is None or last is None or (bound - last).days <= window_days
        ]
        for i in fits:
            joined[i].append(context)
        if not fits:
            alone.append(context)
    if alone:
        joined.append(alone)
    return joined


def _last_day(episode: Sequence[ClaimContext]) -> date | None:
    days = [date.fromisoformat(c.day) for c in episode if c.day is not None]
    return max(days) if days else None


def _episodes(dated: list[tuple[date, ClaimContext]], window_days: int) -> list[list[ClaimContext]]:
    dated.sort(key=lambda pair: (pair[0], pair[1].claim.doc_id, pair[1].claim.value_start))
    episodes: list[list[ClaimContext]] = []
    start: date | None = None
    for day, context in dated:
        if start is None or (day - start).days > window_days:
            episodes.append([])
            start = day
        episodes[-1].append(context)
    return episodes


def _support(episode: Sequence[ClaimContext]) -> tuple[list[ClaimSupport], set[str]]:
    """Support rows of an episode's claims, and the ids of claims in a contradiction."""
    intervals = [claim_interval(c.claim) for c in episode]
    days = [_day(c.day) for c in episode]
    rows = []
    contradicting: set[str] = set()
    for i, context in enumerate(episode):
        agree = disagree = 0
        for j, other in enumerate(episode):
            if other.claim.doc_id == context.claim.doc_id:
                continue
            if not context.is_cumulative and not _same_incident(context, other, days[i], days[j]):
                continue
            if _overlap(intervals[i], intervals[j]):
                agree += 1
            elif _is_far_apart(intervals[i], intervals[j]):
                continue
            elif _may_contradict_each_other(context, other):
                disagree += 1
                contradicting.add(context.claim.id)
        if agree or disagree:
            rows.append(ClaimSupport(context.claim.id, agree, disagree))
    return rows, contradicting


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _same_incident(
    a: ClaimContext, b: ClaimContext, day_a: date | None, day_b: date | None
) -> bool:
    """Whether two incident counts of one merged event count the same incident.

    Notes:
        The merger may join incidents of one kind in one region on nearby days; two counts are
        of one incident only when their days are at most `INCIDENT_WINDOW_DAYS` apart (the same
        day when both sentences date their event) and
        their sentences' places below country level, when both name some, share a name or a
        first-level division (a village and its province's capital city).
    """
    window = 0 if a.is_event_dated and b.is_event_dated else INCIDENT_WINDOW_DAYS
    if day_a is None or day_b is None or abs((day_a - day_b).days) > window:
        return False
    return not (a.places and b.places and a.places.isdisjoint(b.places))


def _is_far_apart(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two intervals lie more than `SAME_QUANTITY_MAX_RATIO` apart (a part against a
    whole, a week against a war): neither corroboration nor contradiction."""
    low, high = (a, b) if a[1] <= b[0] else (b, a)
    return high[0] > SAME_QUANTITY_MAX_RATIO * max(low[1], 1e-9)


def _may_contradict_each_other(a: ClaimContext, b: ClaimContext) -> bool:
    """Whether two claims whose values differ are a contradiction (see `_may_contradict`).

    A running total of uncertain publication date may still contradict a claim of a page
    dated for certain (the figure a dated report gives against one of an undated page,
    reported with `UNCERTAIN_NOTE`); two totals of uncertain date never contradict each other.
    """
    if _may_contradict(a) and _may_contradict(b):
        return True
    for unsure, dated in ((a, b), (b, a)):
        if _is_unsure_total(unsure) and not _is_unsure_total(dated) and _may_contradict(dated):
            return _is_figure(unsure)
    return False


def _is_unsure_total(context: ClaimContext) -> bool:
    return context.is_cumulative and context.date_uncertain


def _is_figure(context: ClaimContext) -> bool:
    """A stated figure, not a vague plural ("dozens", "hundreds of thousands")."""
    claim = context.claim
    return claim.value_high is None or any(ch.isdigit() for ch in claim.text)


def _may_contradict(context: ClaimContext) -> bool:
    """Whether a claim can be a side of a contradiction, not only corroborate.

    Notes:
        Two kinds of claims corroborate what they overlap but never contradict: a running
        total of a page whose publication date is uncertain (its open window joins totals of
        any time, and totals grow, so a different value is no evidence of disagreement), and
        a vague plural ("dozens", "hundreds of thousands"), an order of magnitude rather than
        a figure. In a hand-judged sample of FA-KES disagreements (bench/data/
        numeric_disagreements.jsonl) these made most of the false ones.
    """
    return not _is_unsure_total(context) and _is_figure(context)


def _disagreement(
    episode: Sequence[ClaimContext], contradicting: set[str], quantity: Quantity
) -> NumericDisagreement:
    """The sides of an episode's disagreement: its claims that contradict another claim, in
    groups of compatible values, one side per document and group."""
    sides_of = [c for c in episode if c.claim.id in contradicting]
    ranked = sorted(sides_of, key=lambda c: (claim_interval(c.claim), c.claim.doc_id))
    groups: list[list[ClaimContext]] = []
    common: tuple[float, float] | None = None
    for context in ranked:
        interval = claim_interval(context.claim)
        if common is not None and _overlap(common, interval):
            common = (max(common[0], interval[0]), min(common[1], interval[1]))
            groups[-1].append(context)
        else:
            groups.append([context])
            common = interval
    sides: list[NumericSide] = []
    for group in groups:
        seen: set[str] = set()
        for context in group:
            claim = context.claim
            if claim.doc_id in seen:
                continue
            seen.add(claim.doc_id)
            sides.append(
                NumericSide(
                    claim.doc_id,
                    claim.id,
                    claim.sentence,
                    claim.text,
                    claim.start_char,
                    claim.end_char,
                )
            )
    first = episode[0]
    about = f"{quantity.label} in {first.scope}" if first.scope else quantity.label
    if first.event_cluster is not None:
        about += f" (event {first.event_cluster})"
    if first.claim.unit:
        about += f" ({first.claim.unit})"
    is_unsure = any(_is_unsure_total(c) for c in sides_of)
    if is_unsure:
        about += UNCERTAIN_NOTE
    ident = content_id("numeric-disagreement", claims=sorted(s.claim for s in sides))
    attached = "event" if first.event_cluster is not None else "unattached"
    dates = "uncertain" if is_unsure else "certain"
    basis = f"disagreement:numeric:{attached}:dates={dates}"
    return NumericDisagreement(ident, about, tuple(sides), basis)


# --- the store step ----------------------------------------------------------------------------


def resolve_claims(store: Store) -> dict[str, int]:
    """Compare the store's claims across documents; replace claim support and numeric rows.

    Args:
        store: An open store with analysed documents.

    Returns:
        Counts: claims compared, claims corroborated at least once, numeric disagreements.
    """
    published: dict[str, str | None] = {}
    uncertain: dict[str, str | None] = {}
    duplicates: set[str] = set()
    for stored in store.documents():
        published[stored.document.id] = stored.document.published.date
        day, is_unsure = publication_bound(stored.document.published)
        if is_unsure:
            uncertain[stored.document.id] = day
        if stored.document.duplicate_of is not None:
            duplicates.add(stored.document.id)
    claims = [c for c in store.claims() if c.doc_id not in duplicates]
    contexts = claim_contexts(
        claims,
        mentions=store.claim_place_mentions(),
        places=store.places(),
        published=published,
        events=store.claim_sentence_events(),
        uncertain=uncertain,
        clusters=store.event_cluster_ids(),
    )
    comparison = compare_claims(contexts)
    rows = [
        Disagreement(
            d.id,
            d.about,
            "numeric",
            tuple(DisagreementSide(s.document, s.claim, s.text) for s in d.sides),
            confidence_basis=d.confidence_basis,
        )
        for d in comparison.disagreements
    ]
    with store.transaction():
        store.replace_claim_support(
            (s.claim_id, s.corroborations, s.contradictions) for s in comparison.support
        )
        store.replace_disagreements("numeric", rows)
    return {
        "claims_compared": len(comparison.support),
        "claims_corroborated": sum(1 for s in comparison.support if s.corroborations),
        "numeric_disagreements": len(rows),
    }
