"""What each numeric claim counts.

Its quantity, event, day interval, place scope and whether it is a running total.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Final

from spacy.lang.en.stop_words import STOP_WORDS

from zenobia.errors import KnowledgeError
from zenobia.knowledge import DATA_DIR
from zenobia.model import (
    Claim,
    Event,
    Mention,
    Place,
    PublishedDate,
)
from zenobia.resolve.events import is_uncertain


@functools.cache
def _data_file(data_dir: Path | None, name: str) -> Path:
    """The path of a data file: resolved once for the packaged data, per call for others."""
    return DATA_DIR / name if data_dir is None else (data_dir / name).resolve()


EXACT_TOLERANCE: Final = 0.10
"""A bare or exact number stands for ±10 %: news rounds ("470,000" for 468,912)."""


APPROX_TOLERANCE: Final = 0.20
""""About 500" stands for ±20 %."""


BOUND_FACTOR: Final = 1.5
"""A bound is read as news uses it: "more than 250,000" means 250,000 to 375,000, "nearly half a
million" 333,000 to 500,000 — not an open interval, which no number could contradict."""


RUNNING_TOTAL_MIN: Final = 10_000
"""A count this large in a sentence without a dated event is a running total ("with more than
250,000 dead", "470,000 people have been killed"): single incidents with tolls in the tens of
thousands are rare, and news dates them."""


EVENT_DATE_MAX_DAYS: Final = 7
"""An event date spanning more than this (a month, a year) is too vague to date a claim."""


SHORT_PERIOD_DAYS: Final = 31
"""A running total whose period started at most this long before it ("since Saturday") is a
local tally of one offensive, not a national total: without a place in its sentence it has no
scope."""


_WORD_ONLY: Final = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Quantity:
    """What a claim counts: a quantity family and a population ("" for people in general)."""

    family: str
    population: str

    @property
    def label(self) -> str:
        """Readable name: "deaths", "deaths of civilians"."""
        return f"{self.family} of {self.population}" if self.population else self.family


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """A claim with what, where and when it counts, as resolution compares it.

    `scope` is a readable place name ("Aleppo", "Aleppo, Idlib" for several) or None when no
    place applies; `day` is the ISO date the claim is about, or None; `is_cumulative` says the
    claim is a running total ("since 2011") rather than the count of one incident, and
    `period_start` is the date its period starts when the sentence dates it ("" otherwise).
    `date_uncertain` marks a running total whose document's publication date is missing or not
    day-precise: `day` is then the earliest the document can be (or None), and its time window
    is open. `event_cluster` is the merged event (`zenobia.resolve.events`) an incident count
    is about: the cluster of the event its sentence tells; incident counts are compared only
    inside one cluster. `places` holds the names and first-level division codes of the places
    below country level its sentence names: two incident counts whose sentences name places
    with nothing in common ("Marenport" in one province, "Tollbridge" in another) count other
    incidents. `is_event_dated` says `day` is the date of the event in the sentence, not the
    publication date.
    """

    claim: Claim
    quantity: Quantity | None
    scope: str | None
    day: str | None
    is_cumulative: bool = False
    period_start: str = ""
    date_uncertain: bool = False
    event_cluster: str | None = None
    places: frozenset[str] = frozenset()
    is_event_dated: bool = False


@dataclass(frozen=True, slots=True)
class _Families:
    pattern: re.Pattern[str]
    quantity: dict[str, str]
    population: dict[str, str]
    ignore: frozenset[str]


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = (line for line in handle if not line.startswith("#"))
            return [
                {k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(lines)
            ]
    except (OSError, csv.Error) as err:
        raise KnowledgeError(
            f"cannot read {path}",
            why=f"{type(err).__name__}: {err}",
            fix=f"restore {path.name} from the zenobia repository",
        ) from err


def _alternation(terms: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(terms), key=len, reverse=True)
    alternation = "|".join(re.escape(t).replace(r"\ ", r"[\s-]+") for t in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


@functools.cache
def _families(path: Path) -> _Families:
    quantity: dict[str, str] = {}
    population: dict[str, str] = {}
    ignore: set[str] = set()
    for row in _rows(path):
        term, kind, key = row.get("term", "").casefold(), row.get("kind", ""), row.get("key", "")
        if term and kind == "quantity":
            quantity[term] = key
        elif term and kind == "population":
            population[term] = key
        elif term and kind == "ignore":
            ignore.add(term)
    pattern = _alternation([*quantity, *population, *ignore])
    return _Families(pattern, quantity, population, frozenset(ignore))


@functools.cache
def _cumulative_cues(path: Path) -> re.Pattern[str]:
    return _alternation(row["phrase"].casefold() for row in _rows(path) if row.get("phrase"))


@functools.cache
def _local_scopes(path: Path) -> re.Pattern[str]:
    return _alternation(row["phrase"].casefold() for row in _rows(path) if row.get("phrase"))


def names_local_scope(sentence: str, data_dir: Path | None = None) -> bool:
    """Whether a sentence counts over an unnamed local place ("in the town", "on the camp"),
    per `data/local_scopes.csv`: a running total that says so is not a national one."""
    cues = _local_scopes(_data_file(data_dir, "local_scopes.csv"))
    return cues.search(sentence.casefold()) is not None


def quantity_of(of: str, data_dir: Path | None = None) -> Quantity | None:
    """The quantity family and population a claim's `of` names, or None.

    Args:
        of: What a claim counts, as `zenobia.extract.claims.finding` wrote it ("civilians killed").
        data_dir: Where `quantity_families.csv` is; the packaged data when None.

    Returns:
        The quantity, or None when `of` names no family or several ("killed or wounded").
        The population is the first known population word ("civilians"), else the other
        content words of `of` ("medical staff": a group compared only with itself), else ""
        (people in general).

    Notes:
        Dictionary lookup on word boundaries, longest term first; stop words are spaCy's.
    """
    families = _families(_data_file(data_dir, "quantity_families.csv"))
    folded = of.casefold()
    found_families: dict[str, None] = {}
    population: str | None = None
    for match in families.pattern.finditer(folded):
        term = re.sub(r"[\s-]+", " ", match.group(0))
        if term in families.quantity:
            found_families.setdefault(families.quantity[term], None)
        elif population is None and term in families.population:
            population = families.population[term]
    if len(found_families) != 1:
        return None
    if population is None:
        rest = families.pattern.sub(" ", folded)
        population = " ".join(w for w in _WORD_ONLY.findall(rest) if w not in STOP_WORDS)
    return Quantity(next(iter(found_families)), population)


def is_cumulative(sentence: str, data_dir: Path | None = None) -> bool:
    """Whether a sentence gives a running total ("since 2011", "so far"), per
    `data/cumulative_cues.csv`, rather than the count of one incident."""
    cues = _cumulative_cues(_data_file(data_dir, "cumulative_cues.csv"))
    return cues.search(sentence.casefold()) is not None


def claim_interval(claim: Claim) -> tuple[float, float]:
    """The interval of true values a claim allows.

    Args:
        claim: A numeric claim.

    Returns:
        (low, high): `min` → [v, 1.5·v]; `max` → [v / 1.5, v]; `approx` → v ± 20 %; exact or
        no qualifier → v ± 10 %. A range ("between 200 and 300", "hundreds") bounds both ends
        with `value` and `value_high`, widened by the same rule.

    Notes:
        Bounds are read as news uses them (see `BOUND_FACTOR`): an open "more than 250,000"
        would be compatible with any larger toll, but a source that knew of 470,000 deaths
        would not write it, so 470,000 against "more than 250,000" is a disagreement while
        300,000 against it is a corroboration.
    """
    low = claim.value
    high = claim.value_high if claim.value_high is not None else claim.value
    if claim.qualifier == "min":
        return low, high * BOUND_FACTOR
    if claim.qualifier == "max":
        return low / BOUND_FACTOR, high
    tolerance = APPROX_TOLERANCE if claim.qualifier == "approx" else EXACT_TOLERANCE
    return low * (1 - tolerance), high * (1 + tolerance)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def claim_contexts(
    claims: Iterable[Claim],
    *,
    mentions: Iterable[Mention],
    places: Mapping[str, Place],
    published: Mapping[str, str | None],
    events: Iterable[Event] = (),
    uncertain: Mapping[str, str | None] = MappingProxyType({}),
    clusters: Mapping[str, str] = MappingProxyType({}),
) -> list[ClaimContext]:
    """What, where and when each claim counts.

    Args:
        claims: The claims to place.
        mentions: Mentions of the claims' documents (only geocoded place mentions are read).
        places: Places by id.
        published: Each document's publication date (ISO) or None.
        events: Events of the claims' documents; a dated one in a claim's sentence dates it,
            and one in an incident count's sentence attaches it to the event's cluster.
        uncertain: Documents whose publication date is uncertain, with the earliest day each
            can be or None (`publication_bound`); their running totals take that day and an
            open window, their incident counts keep `published`.
        clusters: The merged event cluster of each event id (`Store.event_cluster_ids`).

    Returns:
        One context per claim, in the claims' order.
    """
    in_sentence: defaultdict[tuple[str, int], dict[str, Place]] = defaultdict(dict)
    local: defaultdict[tuple[str, int], set[str]] = defaultdict(set)
    countries: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        place = places.get(mention.place_id) if mention.place_id else None
        if place is None:
            continue
        in_sentence[(mention.doc_id, mention.sentence_index)].setdefault(place.name, place)
        if place.feature == "country":
            countries[mention.doc_id][place.name] += 1
        else:
            keys = local[(mention.doc_id, mention.sentence_index)]
            keys.add(place.name)
            if place.admin1:
                keys.add(place.admin1)
    event_days: dict[tuple[str, int], str] = {}
    period_starts: dict[tuple[str, int], str] = {}
    told: defaultdict[tuple[str, int], list[Event]] = defaultdict(list)
    for event in events:
        if event.id in clusters:
            told[(event.doc_id, event.sentence_index)].append(event)
        if event.date is not None:
            period_starts.setdefault((event.doc_id, event.sentence_index), event.date.start)
        span = _days(event.date.start, event.date.end) if event.date is not None else None
        if event.date is not None and span is not None and span <= EVENT_DATE_MAX_DAYS:
            event_days.setdefault((event.doc_id, event.sentence_index), event.date.start)
    contexts = []
    for claim in claims:
        key = (claim.doc_id, claim.sentence_index)
        cumulative = is_cumulative(claim.sentence) or (
            claim.unit is None and claim.value >= RUNNING_TOTAL_MIN and key not in period_starts
        )
        named = in_sentence.get((claim.doc_id, claim.sentence_index))
        main = _main_country(countries[claim.doc_id]) if claim.doc_id in countries else None
        scope: str | None = None
        if named and cumulative and main is not None and _only_abroad(named, main):
            scope = main
        elif named:
            scope = ", ".join(sorted(named))
        elif cumulative and not _is_local_tally(claim, period_starts.get(key), published):
            scope = main
        quantity = quantity_of(claim.of)
        if quantity is not None and scope is not None and _is_demonym(claim.of, quantity, scope):
            quantity = Quantity(quantity.family, "")
        unsure = cumulative and claim.doc_id in uncertain
        day = uncertain[claim.doc_id] if unsure else published.get(claim.doc_id)
        event_day = event_days.get((claim.doc_id, claim.sentence_index))
        if not cumulative:
            day = event_day or day
        period = (
            (period_starts.get((claim.doc_id, claim.sentence_index)) or "") if cumulative else ""
        )
        about = None if cumulative else _event_of(claim, told.get(key, ()))
        contexts.append(
            ClaimContext(
                claim,
                quantity,
                scope,
                day,
                cumulative,
                period[:7],
                unsure,
                clusters.get(about.id) if about is not None else None,
                frozenset(local.get(key, ())),
                not cumulative and event_day is not None,
            )
        )
    return contexts


def _is_local_tally(
    claim: Claim, period_start: str | None, published: Mapping[str, str | None]
) -> bool:
    """Whether a running total without a named place counts over a local place or a short
    period, so the document's main country is not its scope.

    Notes:
        Two cues: the sentence names an unnamed local place ("on the town",
        `data/local_scopes.csv`), or the period it counts from started at most
        `SHORT_PERIOD_DAYS` before publication ("since Saturday", dated by the event of the
        sentence): national tolls are counted from a war's start, not from last week.
    """
    if names_local_scope(claim.sentence):
        return True
    day = published.get(claim.doc_id)
    if period_start is None or day is None:
        return False
    days = _days(period_start, day)
    return days is not None and 0 <= days <= SHORT_PERIOD_DAYS


def _event_of(claim: Claim, events: Sequence[Event]) -> Event | None:
    """The event of its sentence an incident count is about: the one whose death or injury
    toll is the count, else the one with no toll whose trigger is nearest to the number; None
    when every event of the sentence has another toll ("10 died in the city, while strikes
    on the suburbs killed 82": the 10 is not the strikes' count)."""
    tolls = [e for e in events if claim.value in (e.dead, e.injured)]
    untold = [e for e in events if e.dead is None and e.injured is None]
    candidates = tolls or untold
    if not candidates:
        return None
    return min(candidates, key=lambda e: (abs(e.trigger_start - claim.value_start), e.id))


def publication_bound(published: PublishedDate | None) -> tuple[str | None, bool]:
    """A document's publication day for claim comparison, and whether it is uncertain.

    Args:
        published: The document's publication date record.

    Returns:
        (ISO day or None, uncertain). An uncertain date (`zenobia.resolve.events.is_uncertain`:
        missing, or month or year precise) gives the earliest day the document can be: the
        first day of its month, January 1 of a `not_before` year, or None.
    """
    if published is None:
        return None, True
    if not is_uncertain(published):
        return published.date, False
    if published.date:
        return published.date, True
    year = published.not_before or ""
    if len(year) == 4 and year.isdigit():
        return f"{year}-01-01", True
    return None, True


def _only_abroad(named: Mapping[str, Place], main: str) -> bool:
    """Whether a sentence names the main country and otherwise only places outside it.

    Notes:
        A running total is counted over a country; places abroad in its sentence ("will not be
        in <a foreign capital> soon") are context, not a narrower scope. A place inside the
        main country, or another country, keeps the sentence's own scope.
    """
    home = named.get(main)
    if home is None or home.feature != "country":
        return False
    return all(
        place is home or (place.feature != "country" and place.country != home.country)
        for place in named.values()
    )


def _is_demonym(of: str, quantity: Quantity, scope: str) -> bool:
    """Whether a claim's population is the people of its scope ("Velorians" in "Veloria").

    Notes:
        No demonym table is at hand, so the test is the shared stem of English demonyms: a
        capitalised word of `of` whose lower-case form is the population and that shares at
        least max(4, len(name) - 2) leading letters with the single-word scope name. Misses
        (irregular demonyms) only leave a population compared with itself.
    """
    population = quantity.population
    name = scope.casefold()
    if not population or " " in population or not name.isalpha():
        return False
    if not any(w[:1].isupper() and w.casefold() == population for w in of.split()):
        return False
    shared = 0
    for a, b in zip(population, name, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= max(4, len(name) - 2)


def _main_country(counts: Counter[str]) -> str | None:
    """The most mentioned country; None on a tie (the document has no main country)."""
    ranked = counts.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _days(start: str, end: str) -> int | None:
    try:
        return (date.fromisoformat(end) - date.fromisoformat(start)).days
    except ValueError:
        return None
