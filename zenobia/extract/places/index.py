"""Building the place index.

GeoNames towns, divisions, countries and curated regions written under their keys.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Final

from zenobia import ids
from zenobia.extract.places import cache as place_cache
from zenobia.extract.places.geonames import (
    AdminUnit,
    Entry,
    Words,
    iter_cities,
    iter_countries,
    median_point,
    read_admin_units,
    read_aliases,
    read_capitals,
    read_state_aliases,
)
from zenobia.extract.places.keys import (
    _LENGTH_BITS,
    _LENGTH_MASK,
    SKELETON_MIN_POPULATION,
    _is_generic_word,
    _letters,
    name_key,
    skeleton_key,
)

log = logging.getLogger(__name__)

_MEMO_LIMIT: Final = 200_000
"""Names whose keys the builder remembers; GeoNames repeats common names, not rare ones."""


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
        entries = self.entries
        for unit in units:
            key = self.key(unit.name)
            if not key or all(_is_generic_word(t, self.words) for t in key.split()):
                continue  # "East", "Centre", "North West": directions, not names
            code = f"{unit.country2}.{unit.admin1}"
            place_id = ids.gazetteer_place_id(unit.geonames, name=unit.name, admin1=code)
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
                            id=ids.gazetteer_place_id(
                                row.geonames, name=row.canonical, country=slot[1]
                            ),
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
