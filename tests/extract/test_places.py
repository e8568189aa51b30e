"""Geocoding place mentions: spellings, context, normalisation, unknown names, analyses."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from spacy.language import Language

from zenobia.extract.places.dateline import find_dateline
from zenobia.extract.places.embedded import EMBEDDED_BASIS, find_embedded_places, is_actor_compound
from zenobia.extract.places.gazetteer import Geocoder, load_geocoder
from zenobia.extract.places.geocoding import geocode_analysis
from zenobia.extract.places.relabel import find_missed_places, relabel_places
from zenobia.extract.stages import analyze_parsed_document, stages_before
from zenobia.model import Document, DocumentAnalysis, Event, Mention, MentionLabel, Place
from zenobia.resources import Resources


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    """Built once for the module (about half a million names)."""
    return load_geocoder()


@pytest.mark.parametrize(
    "spellings",
    [
        # Arabic article and vowel variants of one city
        ("Deir ez-Zor", "Deir Zour", "Dayr az Zawr", "Deir al-Zor"),
        # Arabic name and English exonym
        ("Aleppo", "Halab"),
        # Ukrainian and Russian romanisation
        ("Kyiv", "Kiev"),
        # article and final h
        ("Raqqa", "Raqqah", "Al-Raqqa"),
        # Dari/Pashto vowels
        ("Kunduz", "Kondoz"),
        # e/i
        ("Idlib", "Idleb"),
        # a curated region with a doubled consonant variant
        ("Donbas", "Donbass"),
    ],
)
def test_spelling_variants_resolve_to_one_place(
    geocoder: Geocoder, spellings: tuple[str, ...]
) -> None:
    ids = {getattr(geocoder.geocode(s), "id", None) for s in spellings}
    assert len(ids) == 1 and None not in ids


@pytest.mark.parametrize(
    ("context", "country"),
    [
        # a Lebanese story's Tripoli is Lebanon's
        ({"LBN": 1.0}, "LBN"),
        # a Libyan story's is Libya's
        ({"LBY": 1.0}, "LBY"),
        # no context: the most populous
        (None, "LBY"),
    ],
)
def test_context_country_disambiguates(
    geocoder: Geocoder, context: dict[str, float] | None, country: str
) -> None:
    place = geocoder.geocode("Tripoli", context)
    assert place is not None and place.country == country


def test_paris_without_context_is_in_france(geocoder: Geocoder) -> None:
    place = geocoder.geocode("Paris")
    assert place is not None and place.country == "FRA"


@pytest.mark.parametrize(
    ("written", "bare"),
    [
        # direction and admin word stripped
        ("northern Idlib province", "Idlib"),
        # admin word after the name
        ("Aleppo Governorate", "Aleppo"),
        # a lead phrase
        ("the city of Mosul", "Mosul"),
        # direction before a country
        ("northern Syria", "Syria"),
    ],
)
def test_directions_and_admin_words_are_stripped(
    geocoder: Geocoder, written: str, bare: str
) -> None:
    place, expected = geocoder.geocode(written), geocoder.geocode(bare)
    assert place is not None and expected is not None and place.id == expected.id


def test_a_name_that_only_looks_like_a_direction_is_kept(geocoder: Geocoder) -> None:
    place = geocoder.geocode("South Ossetia")
    assert place is not None and place.country == "GEO" and place.feature != "country"


def test_unknown_name_stays_unresolved(geocoder: Geocoder) -> None:
    assert geocoder.geocode("Qzxvbrtland") is None
    assert geocoder.geocode("") is None


def test_country_name_resolves_to_the_country(geocoder: Geocoder) -> None:
    place = geocoder.geocode("Syria")
    assert place is not None
    assert (place.feature, place.country, place.country_alpha2) == ("country", "SYR", "SY")
    # the centroid lies inside Syria's bounding box
    assert 32.0 < place.lat < 37.5 and 35.5 < place.lon < 42.5


def test_curated_region_has_a_centroid(geocoder: Geocoder) -> None:
    place = geocoder.geocode("the Golan Heights")
    assert place is not None and place.feature == "region" and place.geonames is None


def _mention(
    doc: Document, text: str, label: MentionLabel, occurrence: int = 0, **fields: str
) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(text, start + 1)
    return Mention(
        id=f"m{start}",
        doc_id=doc.id,
        sentence_index=0,
        start_char=start,
        end_char=start + len(text),
        text=text,
        label=label,
        canonical=text,
        **fields,  # type: ignore[arg-type]
    )


def test_geocode_analysis_sets_place_ids_on_place_mentions_only(geocoder: Geocoder) -> None:
    text = (
        "Shelling hit Tripoli, Lebanon, near Beirut; Jane Roe of Acme Relief said"
        " Frobnitz Hill fell."
    )
    doc = Document(id="d1", source="test", text=text)
    mentions = (
        _mention(doc, "Tripoli", "GPE"),
        _mention(doc, "Lebanon", "GPE"),
        _mention(doc, "Beirut", "GPE"),
        _mention(doc, "Jane Roe", "PERSON"),
        _mention(doc, "Acme Relief", "ORG"),
        _mention(doc, "Frobnitz Hill", "LOC"),
    )
    result = geocode_analysis(DocumentAnalysis(document=doc, mentions=mentions), geocoder)
    by_text = {m.text: m for m in result.mentions}
    places = {p.id: p for p in result.places}
    # the document is about Lebanon, so its Tripoli is Lebanon's
    assert places[by_text["Tripoli"].place_id or ""].country == "LBN"
    assert by_text["Lebanon"].place_id and by_text["Beirut"].place_id
    # actors are not geocoded, and an unknown place stays unresolved
    assert by_text["Jane Roe"].place_id is None and by_text["Acme Relief"].place_id is None
    assert by_text["Frobnitz Hill"].place_id is None
    assert len(places) == 3
    assert places[by_text["Beirut"].place_id or ""].aliases == ("Beirut",)


def test_every_alias_row_resolves(geocoder: Geocoder) -> None:
    """Each press alias in place_aliases.csv points at a place that exists."""
    import csv
    from importlib import resources

    text = resources.files("zenobia.data").joinpath("place_aliases.csv").read_text("utf-8")
    missing = [
        r["alias"] for r in csv.DictReader(text.splitlines()) if not geocoder.geocode(r["alias"])
    ]
    assert missing == []


# --- continents and world regions ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        # world regions with "the"
        "the Middle East",
        "the West",
        # NER often leaves "the" out of the span
        "West",
        "the Gulf",
        "the Levant",
        "the Balkans",
        "the Caucasus",
        "the Sahel",
        "the Horn of Africa",
        # regions whose first word is a direction, which must not be stripped away
        "Central Asia",
        "West Africa",
        "East Africa",
        "North Africa",
        "South-East Asia",
        "Southeast Asia",
        "Latin America",
    ],
)
def test_world_regions_are_curated_regions(geocoder: Geocoder, name: str) -> None:
    place = geocoder.geocode(name)
    assert place is not None and place.feature == "region" and place.geonames is None


@pytest.mark.parametrize(
    ("name", "geonames"),
    [
        # continents are GeoNames' continents, with their ids, not towns' alternate names
        ("Europe", 6255148),
        ("Africa", 6255146),
        ("Asia", 6255147),
        ("South America", 6255150),
    ],
)
def test_continents_carry_their_geonames_ids(geocoder: Geocoder, name: str, geonames: int) -> None:
    place = geocoder.geocode(name)
    assert place is not None and place.feature == "region" and place.geonames == geonames


@pytest.mark.parametrize(
    ("name", "context"),
    [
        # a town whose alternate name is "Africa" lies in this context country
        ("Africa", {"TUN": 1.0}),
        # a town whose skeleton matched "Europe" lies in this one
        ("Europe", {"PRK": 1.0}),
    ],
)
def test_a_curated_name_beats_a_towns_alternate_name_even_in_its_country(
    geocoder: Geocoder, name: str, context: dict[str, float]
) -> None:
    place = geocoder.geocode(name, context)
    assert place is not None and place.feature == "region"


@pytest.mark.parametrize(
    "name",
    [
        # a bare direction (an alternate name of a town "North …")
        "North",
        # a direction after a lead word
        "the East",
        # an ordinary word that is also an alternate name of a town
        "the Center",
        # an ordinary word that is also the name of a town
        "Police",
        # words whose skeletons match towns
        "Army",
        "the Government",
        # a direction and an admin word
        "the northern region",
    ],
)
def test_generic_words_are_not_places(geocoder: Geocoder, name: str) -> None:
    assert geocoder.geocode(name) is None


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        # a misspelt small town is reached in a story about its country
        ("Jarabloos", {"SYR": 1.0}, "SYR"),
        # but not in a story about somewhere else
        ("Jarabloos", {"FRA": 1.0}, None),
        # nor without context
        ("Jarabloos", None, None),
        # a misspelt big city is reached without context
        ("Kondoz", None, "AFG"),
        # a skeleton of three consonants is too short to trust ("Mosul" is spelt "Msl")
        ("Mousul", {"IRQ": 1.0}, None),
    ],
)
def test_skeleton_tier_limits(
    geocoder: Geocoder, name: str, context: dict[str, float] | None, expected: str | None
) -> None:
    place = geocoder.geocode(name, context)
    assert (place.country if place else None) == expected


# --- a famous place against a small namesake -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "context", "regions", "expected"),
    [
        # a US story's Geneva is still Switzerland's: the Illinois town is under a tenth
        ("Geneva", {"USA": 1.0}, None, "CHE"),
        # a US story's Berlin is Germany's capital, not an Ohio town's old name
        ("Berlin", {"USA": 1.0}, None, "DEU"),
        # a US story's Paris is France's capital ...
        ("Paris", {"USA": 1.0}, None, "FRA"),
        # ... unless the story names other places in Texas
        ("Paris", {"USA": 1.0}, {"US.TX": 0.5}, "USA"),
        # comparable cities: the context country wins (Tripoli, Lebanon is a big city)
        ("Tripoli", {"LBN": 1.0}, None, "LBN"),
    ],
)
def test_a_famous_place_beats_a_small_namesake_in_the_context_country(
    geocoder: Geocoder,
    name: str,
    context: dict[str, float],
    regions: dict[str, float] | None,
    expected: str,
) -> None:
    place = geocoder.geocode(name, context, regions)
    assert place is not None and place.country == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # talks with US officials in Geneva are held in Switzerland
        (
            "US officials met envoys in Geneva. Washington said the talks in Geneva would go on.",
            ("US", "Geneva", "Washington"),
            "CHE",
        ),
        # a story about Texas towns means the Texan Paris
        (
            "Storms hit Paris on Sunday after flooding in Dallas and Fort Worth.",
            ("Paris", "Dallas", "Fort Worth"),
            "USA",
        ),
        # a Lebanese story's Tripoli is Lebanon's
        ("Clashes in Tripoli spread, Lebanon's army said.", ("Tripoli", "Lebanon"), "LBN"),
    ],
)
def test_document_context_picks_the_namesake(
    geocoder: Geocoder, text: str, names: tuple[str, ...], expected: str
) -> None:
    doc = Document(id="d", source="test", text=text)
    mentions = tuple(_mention(doc, name, "GPE") for name in names)
    result = geocode_analysis(DocumentAnalysis(document=doc, mentions=mentions), geocoder)
    places = {p.id: p for p in result.places}
    first = result.mentions[0] if names[0] != "US" else result.mentions[1]
    assert places[first.place_id or ""].country == expected


# --- NER names that are places -------------------------------------------------------------------


def _relabelled(
    text: str, mentions: list[tuple[str, MentionLabel, int, dict[str, str]]]
) -> list[str]:
    doc = Document(id="d", source="test", text=text)
    built = tuple(_mention(doc, t, label, n, **fields) for t, label, n, fields in mentions)
    result = relabel_places(DocumentAnalysis(document=doc, mentions=built), load_geocoder())
    assert [m.id for m in result.mentions] == [m.id for m in built]  # ids are kept
    return [m.label for m in result.mentions]


@pytest.mark.parametrize(
    ("text", "mentions", "expected"),
    [
        # one mention after "near" relabels every mention of the name, of either label
        (
            "Kunduz fell. Troops regrouped near Kunduz.",
            [("Kunduz", "PERSON", 0, {}), ("Kunduz", "ORG", 1, {})],
            ["GPE", "GPE"],
        ),
        # a multi-word locative phrase
        (
            "Saraqib was shelled. Fighters massed to the west of Saraqib.",
            [("Saraqib", "PERSON", 0, {}), ("Saraqib", "PERSON", 1, {})],
            ["GPE", "GPE"],
        ),
        # a mention another rule already made a place counts as the locative one
        (
            "Binnish was hit. Aid reached families in Binnish.",
            [("Binnish", "PERSON", 0, {}), ("Binnish", "GPE", 1, {})],
            ["GPE", "GPE"],
        ),
        # no locative preposition anywhere: NER is left alone
        (
            "Kunduz said it was ready. Kunduz declined to comment.",
            [("Kunduz", "PERSON", 0, {}), ("Kunduz", "PERSON", 1, {})],
            ["PERSON", "PERSON"],
        ),
        # "<Town> city" read as a nationality by NER
        ("Shells fell on homes in Kunduz city.", [("Kunduz", "NORP", 0, {})], ["GPE"]),
        # a locative phrase: the object of "the fall of" is a place
        ("The fall of Kunduz shocked the capital.", [("Kunduz", "ORG", 0, {})], ["GPE"]),
        # the address form "<Town>, <Country>"
        (
            "Fighters reached Kunduz, Afghanistan, at dawn.",
            [("Kunduz", "PERSON", 0, {}), ("Afghanistan", "GPE", 0, {})],
            ["GPE", "GPE"],
        ),
        # an administrative noun after the name ("<Name> countryside", "<Name> province")
        (
            "Shells fell on the western Kunduz countryside.",
            [("Kunduz", "NORP", 0, {})],
            ["GPE"],
        ),
        # a name listed after a place takes the same role
        (
            "Shells fell in Kunduz and Saraqib.",
            [("Kunduz", "GPE", 0, {}), ("Saraqib", "PERSON", 0, {})],
            ["GPE", "GPE"],
        ),
        # "<Name>, <Country>'s envoy" is a person with a title, not an address
        (
            "Saraqib, Chile's envoy, spoke first.",
            [("Saraqib", "PERSON", 0, {}), ("Chile", "GPE", 0, {})],
            ["PERSON", "GPE"],
        ),
        # not a place name the geocoder knows exactly
        ("Talks began in Harlowe Vance.", [("Harlowe Vance", "PERSON", 0, {})], ["PERSON"]),
        # a town under 15,000 people is too weak a reading
        ("Fighting went on in Tremseh.", [("Tremseh", "PERSON", 0, {})], ["PERSON"]),
        # a person with a role is a person, wherever they are
        (
            "Commander Saraqib spoke. Reporters met him in Saraqib.",
            [("Saraqib", "PERSON", 0, {"role": "commander"}), ("Saraqib", "PERSON", 1, {})],
            ["PERSON", "PERSON"],
        ),
        # a knowledge-base actor is never relabelled
        (
            "Saraqib Brigade fighters dug in near Saraqib.",
            [("Saraqib", "ORG", 0, {"entry_id": "kb1", "kind": "armed_group"})],
            ["ORG"],
        ),
    ],
)
def test_ner_actors_that_are_places_are_relabelled(
    text: str, mentions: list[tuple[str, MentionLabel, int, dict[str, str]]], expected: list[str]
) -> None:
    assert _relabelled(text, mentions) == expected


def test_a_town_ner_calls_a_person_is_geocoded_everywhere(
    nlp: Language, resources: Resources
) -> None:
    """End to end: the relabelled mentions get the same place as the one NER got right."""
    text = (
        "Militants attacked Kunduz on Monday. Kunduz was quiet by evening, "
        "and troops dug in outside Kunduz."
    )
    document = Document(id="d", source="test", text=text)
    result = analyze_parsed_document(document, nlp(text), resources)
    kunduz = [m for m in result.mentions if m.text == "Kunduz"]
    assert len(kunduz) == 3
    assert all(m.is_place for m in kunduz)
    assert len({m.place_id for m in kunduz}) == 1 and kunduz[0].place_id is not None


# --- the on-disk cache ---------------------------------------------------------------------------


def test_the_index_is_cached_and_a_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    cold = Geocoder(15000, cache_dir=tmp_path)
    files = list(tmp_path.glob("geocoder-*"))
    warm = Geocoder(15000, cache_dir=tmp_path)
    # the first build writes one file, the second start reads it and answers alike
    assert not cold.is_from_cache and warm.is_from_cache and len(files) == 1
    for name in ("Deir Zour", "Europe", "Kondoz", "Geneva"):
        assert warm.geocode(name) == cold.geocode(name)
    files[0].write_bytes(b"not an index")
    rebuilt = Geocoder(15000, cache_dir=tmp_path)
    # a corrupt file is rebuilt, not an error, and replaced by a good one
    assert not rebuilt.is_from_cache and rebuilt.geocode("Aleppo") is not None
    assert Geocoder(15000, cache_dir=tmp_path).is_from_cache


def test_a_place_description_takes_its_antecedents_place_without_becoming_an_alias(
    geocoder: Geocoder,
) -> None:
    text = "Shelling hit Beirut on Monday. The city was quiet by night."
    doc = Document(id="d1", source="test", text=text)
    named = _mention(doc, "Beirut", "GPE")
    city = _mention(doc, "city", "GPE", link_basis="definite-description")
    city = Mention(**{**{f: getattr(city, f) for f in city.__slots__}, "canonical": "Beirut"})
    result = geocode_analysis(DocumentAnalysis(document=doc, mentions=(named, city)), geocoder)
    first, second = result.mentions
    # "the city" is looked up by its antecedent's name, so both name one place
    assert first.place_id is not None and second.place_id == first.place_id
    # and the place keeps its names only: "city" is no alias of Beirut
    (place,) = result.places
    assert place.aliases == ("Beirut",)


# --- place names inside actor compounds ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # the leader of a coalition: "<country>-led"
        ("The Ruthenia-led coalition struck a depot.", "Ruthenia", True),
        # a sponsor: "<capital>-backed"
        ("Ostmark-backed fighters shelled the road.", "Ostmark", True),
        # where a monitor is based is not where anything happens
        ("The Valdoria-based monitor counted the dead.", "Valdoria", True),
        # the maker of a weapon
        ("A Ruthenia-made drone fell near the border.", "Ruthenia", True),
        # an en dash joins the compound too
        ("The Ruthenia\u2013brokered truce held.", "Ruthenia", True),
        # NER took the whole compound as one name
        ("The Ruthenia-led Coalition said so.", "Ruthenia-led Coalition", True),
        # a plain place name is a place
        ("Jets struck Ostmark on Monday.", "Ostmark", False),
        # a hyphenated place name is no compound ("-leder" is not "-led")
        ("Fighting reached Ostmark-Leder overnight.", "Ostmark", False),
        # a place followed by a dash and an ordinary word
        ("Jets struck Ostmark - residents fled.", "Ostmark", False),
    ],
)
def test_actor_compounds_are_not_places(text: str, name: str, expected: bool) -> None:
    doc = Document(id="d", source="test", text=text)
    assert is_actor_compound(_mention(doc, name, "GPE"), text) is expected


def test_geocode_analysis_skips_place_names_in_actor_compounds(geocoder: Geocoder) -> None:
    text = "A France-led coalition and Iran-backed militias fought near Mosul; France said so."
    doc = Document(id="d", source="test", text=text)
    mentions = (
        _mention(doc, "France", "GPE"),
        _mention(doc, "Iran", "GPE"),
        _mention(doc, "Mosul", "GPE"),
        _mention(doc, "France", "GPE", occurrence=1),
    )
    result = geocode_analysis(DocumentAnalysis(document=doc, mentions=mentions), geocoder)
    place_ids = [m.place_id for m in result.mentions]
    # the compounds get no place; Mosul does, and so does France where it is a name of its own
    assert place_ids[0] is None and place_ids[1] is None
    assert place_ids[2] is not None and place_ids[3] is not None
    assert {p.name for p in result.places} == {"Mosul", "France"}


def test_an_actor_compound_places_no_event(nlp: Language, resources: Resources) -> None:
    """End to end: an event told beside "<country>-based" gets no place from that country."""
    text = "The France-based monitor said the strike killed 15 civilians."
    document = Document(id="d", source="test", text=text)
    analysis = analyze_parsed_document(document, nlp(text), resources, stages_before("places"))
    france = next(m.id for m in analysis.mentions if m.text == "France")
    # the worker's event rule falls back on the sentence's place: the compound
    assert france in {e.place_mention_id for e in analysis.events}
    result = geocode_analysis(analysis, load_geocoder())
    assert result.events
    assert france not in {e.place_mention_id for e in result.events}
    assert result.places == ()


def _event(doc: Document, place: Mention | None, source: Mention | None = None) -> Event:
    return Event(
        id="e1",
        doc_id=doc.id,
        sentence_index=0,
        start_char=0,
        end_char=len(doc.text),
        trigger_start=0,
        trigger_end=4,
        type="ASSAULT",
        mode=None,
        context=(),
        source_mention_ids=(source.id,) if source else (),
        target_mention_ids=(),
        source_text=None,
        target_text=None,
        place_mention_id=place.id if place else None,
        date=None,
        status="asserted",
        dead=None,
        injured=None,
    )


@pytest.mark.parametrize(
    ("text", "place", "source", "expected"),
    [
        # placed by "France-led": the sentence's other place takes over
        ("A France-led coalition hit a depot, Mosul officials said.", "France", None, "Mosul"),
        # no other place in the sentence: the event has none
        ("Jets of a France-led coalition hit a depot.", "France", None, None),
        # the other place is the event's source actor: not its place either
        ("Iraq said a France-led coalition hit a depot.", "France", "Iraq", None),
        # a plain place is kept
        ("Jets hit a depot in Mosul.", "Mosul", None, "Mosul"),
    ],
)  # fmt: skip
def test_an_event_placed_by_an_actor_compound_takes_the_sentences_next_place(
    geocoder: Geocoder, text: str, place: str, source: str | None, expected: str | None
) -> None:
    doc = Document(id="d", source="test", text=text)
    names = [n for n in ("France", "Mosul", "Iraq") if n in text]
    mentions = {n: replace(_mention(doc, n, "GPE"), id=f"m-{n}") for n in names}
    event = _event(doc, mentions[place], mentions[source] if source else None)
    analysis = DocumentAnalysis(document=doc, mentions=tuple(mentions.values()), events=(event,))
    (placed,) = geocode_analysis(analysis, geocoder).events
    assert placed.place_mention_id == (f"m-{expected}" if expected else None)


@pytest.mark.parametrize(
    ("text", "label", "has_place", "source", "expected"),
    [
        # an unplaced event takes the town relabelled in its sentence
        ("Jets hit homes in Kunduz city.", "NORP", False, False, "Kunduz"),
        # the same with a town NER read as a person
        ("Jets hit homes near Kunduz.", "PERSON", False, False, "Kunduz"),
        # a town that is the event's source actor does not place it
        ("Kunduz officials near Kunduz shelled homes.", "PERSON", False, True, None),
        # an event the worker already placed (on "homes") keeps its place
        ("Jets hit homes in Kunduz city.", "NORP", True, False, "homes"),
    ],
)  # fmt: skip
def test_an_unplaced_event_takes_its_sentences_place_found_after_relabelling(
    geocoder: Geocoder,
    text: str,
    label: MentionLabel,
    has_place: bool,
    source: bool,
    expected: str | None,
) -> None:
    doc = Document(id="d", source="test", text=text)
    town = replace(_mention(doc, "Kunduz", label, text.count("Kunduz") - 1), id="m-Kunduz")
    homes = replace(_mention(doc, "homes", "FAC"), id="m-homes") if has_place else None
    event = _event(doc, homes, town if source else None)
    mentions = (town,)
    analysis = DocumentAnalysis(document=doc, mentions=mentions, events=(event,))
    (placed,) = geocode_analysis(analysis, geocoder).events
    assert placed.place_mention_id == (f"m-{expected}" if expected else None)


def test_a_geocoded_mention_names_how_its_place_was_chosen() -> None:
    text = "Officials met in Syria. Shelling hit Aleppo, and the city was cut off."
    doc = Document(id="d", source="test", text=text)
    syria, aleppo = text.index("Syria"), text.index("Aleppo")
    city = text.index("the city")
    mentions = (
        Mention("m1", "d", 0, syria, syria + 5, "Syria", "GPE", "Syria", "state", "SYR"),
        Mention("m2", "d", 1, aleppo, aleppo + 6, "Aleppo", "GPE", "Aleppo"),
        Mention(
            "m3", "d", 1, city, city + 8, "the city", "GPE", "Aleppo",
            link_basis="definite-description",
        ),
    )  # fmt: skip
    result = geocode_analysis(DocumentAnalysis(document=doc, mentions=mentions), load_geocoder())
    bases = {m.id: m.place_basis for m in result.mentions}
    # a state the knowledge base knows is its country; a description is named by its antecedent
    assert bases["m1"] == "place:state:country"
    assert bases["m3"] == "place:anaphor:city"
    assert (bases["m2"] or "").startswith("place:") and (bases["m2"] or "").endswith(":city")


# --- first-level divisions, counties and abbreviations ------------------------------------------


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        # US states are places of their own, not towns that share their names
        ("Ohio", "US.OH"),
        ("Kentucky", "US.KY"),
        ("California", "US.CA"),
        ("Virginia", "US.VA"),
        # a press abbreviation, with its full stop
        ("Ga.", "US.GA"),
        ("W.Va.", "US.WV"),
        # provinces of other countries
        ("Ontario", "CA.08"),
        ("Bavaria", "DE.02"),
    ],
)
def test_first_level_divisions_are_places(geocoder: Geocoder, name: str, admin1: str) -> None:
    place = geocoder.geocode(name)
    assert place is not None and place.feature == "admin1" and place.admin1 == admin1


def test_a_us_state_carries_its_geonames_id(geocoder: Geocoder) -> None:
    place = geocoder.geocode("Texas")
    assert place is not None and place.geonames == 4736286 and place.id == "gn:4736286"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # a province named after its capital leaves the bare name to the town
        ("Aleppo", "city"),
        ("New York", "city"),
        # a national capital ranks above a province of its name
        ("Washington", "city"),
        # with no context, a country beats a province abroad of its name
        ("Georgia", "country"),
    ],
)
def test_which_feature_a_bare_name_means(geocoder: Geocoder, name: str, expected: str) -> None:
    place = geocoder.geocode(name)
    assert place is not None and place.feature == expected


def test_a_county_is_reached_by_its_full_name_and_its_state(geocoder: Geocoder) -> None:
    place = geocoder.geocode("Boone County", {"USA": 1.0}, {"US.IN": 1.0})
    assert place is not None and (place.feature, place.admin1) == ("admin2", "US.IN")


@pytest.mark.parametrize(
    ("name", "context", "geonames"),
    [
        # an old name dwarfing every town of that own name reaches the city
        ("Bombay", None, 1275339),
        # an alternate name reaches a smaller city in the document's country
        ("Saida", {"LBN": 1.0}, 268064),
    ],
)
def test_alternate_names(
    geocoder: Geocoder, name: str, context: dict[str, float] | None, geonames: int
) -> None:
    place = geocoder.geocode(name, context)
    assert place is not None and place.geonames == geonames


def _geocoded(text: str, names: list[tuple[str, MentionLabel]]) -> DocumentAnalysis:
    doc = Document(id="d", source="test", text=text)
    seen: dict[str, int] = {}
    mentions = []
    for name, label in names:
        mentions.append(_mention(doc, name, label, seen.get(name, 0)))
        seen[name] = seen.get(name, 0) + 1
    return geocode_analysis(
        DocumentAnalysis(document=doc, mentions=tuple(mentions)), load_geocoder()
    )


def _place_of(result: DocumentAnalysis, text: str, occurrence: int = 0) -> Place | None:
    found = [m for m in result.mentions if m.text == text][occurrence]
    return {p.id: p for p in result.places}.get(found.place_id or "")


@pytest.mark.parametrize(
    ("text", "names", "name", "admin1"),
    [
        # "<Town>, <State abbreviation>" picks the namesake in that state
        (
            "Flooding closed roads in Springfield, Mass., on Monday.",
            [("Springfield", "GPE"), ("Mass.", "GPE")],
            "Springfield",
            "US.MA",
        ),
        # a town that shares a country's name is the town when its state follows
        (
            "The fair opened in Lebanon, Pa., last week.",
            [("Lebanon", "GPE"), ("Pa.", "GPE")],
            "Lebanon",
            "US.PA",
        ),
        # a full state name after the comma
        (
            "Storms hit Paris, Texas, overnight.",
            [("Paris", "GPE"), ("Texas", "GPE")],
            "Paris",
            "US.TX",
        ),
        # the qualifier itself is the state, a postal code in capitals too
        (
            "Fire crews reached Olympia, WA, by noon.",
            [("Olympia", "GPE"), ("WA", "GPE")],
            "WA",
            "US.WA",
        ),
    ],
)
def test_a_qualifier_after_a_name_picks_the_namesake(
    text: str, names: list[tuple[str, MentionLabel]], name: str, admin1: str
) -> None:
    result = _geocoded(text, names)
    place = _place_of(result, name)
    assert place is not None and place.admin1 == admin1
    basis = next(m.place_basis for m in result.mentions if m.text == name)
    assert basis is not None and basis.split(":")[1] in ("qualified", "qualifier")


def test_a_list_of_states_is_no_qualifier() -> None:
    result = _geocoded(
        "Storms swept Ohio, Indiana and Kentucky.",
        [("Ohio", "GPE"), ("Indiana", "GPE"), ("Kentucky", "GPE")],
    )
    places = [_place_of(result, n) for n in ("Ohio", "Indiana", "Kentucky")]
    assert [p.admin1 if p else None for p in places] == ["US.OH", "US.IN", "US.KY"]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # an American story's Georgia is the state
        (
            "Voters in Atlanta and Savannah went to the polls across Georgia.",
            [("Atlanta", "GPE"), ("Savannah", "GPE"), ("Georgia", "GPE")],
            "admin1",
        ),
        # a story about the Caucasus means the country
        (
            "Talks in Tbilisi and Moscow touched on Georgia.",
            [("Tbilisi", "GPE"), ("Moscow", "GPE"), ("Georgia", "GPE")],
            "country",
        ),
    ],
)
def test_a_country_or_a_state_by_the_documents_other_places(
    text: str, names: list[tuple[str, MentionLabel]], expected: str
) -> None:
    place = _place_of(_geocoded(text, names), "Georgia")
    assert place is not None and place.feature == expected


def test_a_small_town_never_takes_a_states_name() -> None:
    # the story names towns in New York, and a hamlet of New York is called Florida
    result = _geocoded(
        "Buffalo and Rochester sent crews to Florida.",
        [("Buffalo", "GPE"), ("Rochester", "GPE"), ("Florida", "GPE")],
    )
    place = _place_of(result, "Florida")
    assert place is not None and place.admin1 == "US.FL" and place.feature == "admin1"


def test_the_documents_other_names_vote_for_a_namesakes_province() -> None:
    result = _geocoded(
        "Buses ran from Springfield to Westfield, Ludlow and Holyoke.",
        [("Springfield", "GPE"), ("Westfield", "GPE"), ("Ludlow", "GPE"), ("Holyoke", "GPE")],
    )
    place = _place_of(result, "Springfield")
    assert place is not None and place.admin1 == "US.MA"


def test_a_press_abbreviation_keeps_the_full_stop_ner_left_out() -> None:
    result = _geocoded("The convoy left Richmond, Va. at dawn.", [("Va", "GPE")])
    place = _place_of(result, "Va")
    assert place is not None and place.admin1 == "US.VA"


def test_a_mention_cut_short_of_a_regions_name_takes_it_whole() -> None:
    doc = Document(id="d", source="test", text="Growth slowed across Latin America this year.")
    america = _mention(doc, "America", "GPE", kind="state", country="USA", entry_id="USA")
    result = geocode_analysis(DocumentAnalysis(document=doc, mentions=(america,)), load_geocoder())
    (mention,) = result.mentions
    place = _place_of(result, "Latin America")
    assert mention.text == "Latin America" and mention.kind is None and mention.id == america.id
    assert place is not None and place.feature == "region" and place.country is None


# --- datelines -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "area"),
    [
        # capitals, state, agency, dash
        ("Storm hits coast. MIDDLEBURY, Vt. (AP) — Crews worked all night.", "MIDDLEBURY", "US.VT"),
        # capitals and a dash after the headline's last sentence
        ("Mayor quits. HARTFORD — The mayor resigned on Monday.", "HARTFORD", None),
        # a city and a colon opening the text
        ("Muscat: Ministers met on trade.", "Muscat", None),
        # a city and an agency in brackets, no dash
        ("Hanoi (VNA) Vietnam backs the plan.", "Hanoi", None),
        # a country after the comma
        ("MANILA, Philippines \u2013 Rain fell all week.", "MANILA", None),
    ],
)
def test_datelines_are_found(geocoder: Geocoder, text: str, place: str, area: str | None) -> None:
    found = find_dateline(text, geocoder)
    assert found is not None and text[found.start_char : found.end_char] == place
    assert (found.area.admin1 if found.area else None) == area


@pytest.mark.parametrize(
    "text",
    [
        # a label and a colon is no dateline
        "Photo: crews at work.",
        # a capitalised word mid-sentence
        "The report from Ankara said more.",
        # a person's name and a dash
        "By Jane Roe — The council met.",
    ],
)
def test_no_dateline(geocoder: Geocoder, text: str) -> None:
    assert find_dateline(text, geocoder) is None


def test_a_dateline_the_capital_rule_made_a_government_is_a_place() -> None:
    text = "Hanoi (VNA) \u2013 Officials backed the plan on Monday."
    doc = Document(id="d", source="test", text=text)
    hanoi = _mention(
        doc, "Hanoi", "ORG", kind="government", entry_id="VNM-GOV", link_basis="capital-metonymy"
    )
    result = geocode_analysis(DocumentAnalysis(document=doc, mentions=(hanoi,)), load_geocoder())
    (mention,) = result.mentions
    assert mention.label == "GPE" and mention.entry_id is None and mention.id == hanoi.id
    assert mention.place_basis == "place:dateline:city"


def test_a_dateline_ner_missed_becomes_a_place_mention_and_context() -> None:
    text = "Budget passes. AUSTIN, Minn. — The council voted. Austin schools reopen."
    doc = Document(id="d", source="test", text=text)
    later = _mention(doc, "Austin", "GPE")
    result = geocode_analysis(DocumentAnalysis(document=doc, mentions=(later,)), load_geocoder())
    places = {p.id: p for p in result.places}
    dateline = next(m for m in result.mentions if m.text == "AUSTIN")
    assert dateline.label == "GPE" and places[dateline.place_id or ""].admin1 == "US.MN"
    # the dateline's state decides the town's later mentions
    assert places[result.mentions[-1].place_id or ""].admin1 == "US.MN"


# --- names that are no places, places inside names ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a brand NER took for a place, standing nowhere a place stands
        ("Users of Zorblix can now share folders.", "Zorblix", "ORG"),
        # an unknown name after a locative preposition is still a place
        ("Gunmen attacked families in Umvelo overnight.", "Umvelo", "GPE"),
        # an unknown name with a feature noun is still a place
        ("Traffic stopped on Harlowe Avenue.", "Harlowe Avenue", "GPE"),
        # a known place keeps its label wherever it stands
        ("Kunduz was quiet.", "Kunduz", "GPE"),
    ],
)
def test_names_no_gazetteer_knows_and_no_sentence_places(
    text: str, name: str, expected: str
) -> None:
    result = _geocoded(text, [(name, "GPE")])
    assert next(m.label for m in result.mentions if m.text == name) == expected


@pytest.mark.parametrize(
    ("text", "name", "label", "fields", "embedded"),
    [
        # a town opening an organisation's name
        (
            "The Tulsa Police Department made the arrest.",
            "Tulsa Police Department",
            "ORG",
            {},
            "Tulsa",
        ),
        # a county opening an organisation's name
        (
            "The Boone County Commission voted.",
            "Boone County Commission",
            "ORG",
            {},
            "Boone County",
        ),
        # a town closing it after "of"
        (
            "She studied at the University of Tulsa.",
            "University of Tulsa",
            "ORG",
            {},
            "Tulsa",
        ),
        # a name NER called a person, with an institution noun after the town
        ("Tulsa Police said little.", "Tulsa Police", "PERSON", {}, "Tulsa"),
        # a person whose first name is a town's is no place
        ("Jordan Dyer spoke.", "Jordan Dyer", "PERSON", {}, None),
        # a state's armed forces are no place of the document's
        (
            "The Pakistan Army moved in.",
            "Pakistan Army",
            "ORG",
            {"kind": "military", "entry_id": "PAK-MIL"},
            None,
        ),
    ],
)
def test_places_named_inside_organisation_names(
    text: str, name: str, label: MentionLabel, fields: dict[str, str], embedded: str | None
) -> None:
    doc = Document(id="d", source="test", text=text)
    owner = _mention(doc, name, label, **fields)
    result = find_embedded_places(
        DocumentAnalysis(document=doc, mentions=(owner,)), load_geocoder()
    )
    found = [m for m in result.mentions if m.link_basis == EMBEDDED_BASIS]
    assert [m.text for m in found] == ([embedded] if embedded else [])
    assert owner in result.mentions  # the organisation keeps its own mention


def test_an_embedded_place_places_no_event() -> None:
    text = "The Tulsa Police Department reported a shooting."
    doc = Document(id="d", source="test", text=text)
    owner = _mention(doc, "Tulsa Police Department", "ORG")
    event = _event(doc, None)
    analysis = DocumentAnalysis(document=doc, mentions=(owner,), events=(event,))
    result = geocode_analysis(analysis, load_geocoder())
    assert any(m.link_basis == EMBEDDED_BASIS and m.place_id for m in result.mentions)
    assert result.events[0].place_mention_id is None


def test_a_town_before_a_resident_noun_is_a_place() -> None:
    text = "A Tulsa man was fined on Friday."
    assert _relabelled(text, [("Tulsa", "ORG", 0, {})]) == ["GPE"]


def test_a_name_is_read_by_the_other_places_of_its_story() -> None:
    # "Alexandria" alone would be Egypt's; beside Virginia it is Virginia's
    result = _geocoded(
        "Police in Alexandria said the suspect fled Virginia.",
        [("Alexandria", "GPE"), ("Virginia", "GPE")],
    )
    place = _place_of(result, "Alexandria")
    assert place is not None and place.admin1 == "US.VA"


@pytest.mark.parametrize(
    ("text", "names", "country"),
    [
        # a town named like a country, in a county and state the story names
        (
            "The fair in Lebanon drew crowds from Annville and Palmyra, Pa., this week.",
            [("Lebanon", "GPE"), ("Annville", "GPE"), ("Palmyra", "GPE"), ("Pa.", "GPE")],
            "USA",
        ),
        # the country when the story names other places of it
        (
            "Aid reached Lebanon through Beirut and Tripoli.",
            [("Lebanon", "GPE"), ("Beirut", "GPE"), ("Tripoli", "GPE")],
            "LBN",
        ),
    ],
)
def test_a_country_name_is_evidence_not_a_veto(
    text: str, names: list[tuple[str, MentionLabel]], country: str
) -> None:
    doc = Document(id="d", source="test", text=text)
    mentions = [
        _mention(doc, name, label, kind="state", country="LBN")
        if name == "Lebanon"
        else _mention(doc, name, label)
        for name, label in names
    ]
    result = geocode_analysis(
        DocumentAnalysis(document=doc, mentions=tuple(mentions)), load_geocoder()
    )
    place = _place_of(result, "Lebanon")
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a known town after "in" that NER missed
        ("Clashes erupted in Kunduz overnight.", ["Kunduz"]),
        # the longest known name, and only once
        ("Buses left from Fort Worth at dawn.", ["Fort Worth"]),
        # a month after "in" is no place, nor an unknown name
        ("Talks resume in March in Zorvale.", []),
    ],
)
def test_known_places_ner_missed_after_a_preposition(text: str, expected: list[str]) -> None:
    doc = Document(id="d", source="test", text=text)
    result = find_missed_places(DocumentAnalysis(document=doc), load_geocoder())
    assert [m.text for m in result.mentions] == expected
    assert all(m.label == "GPE" for m in result.mentions)


def test_a_demonym_evokes_its_country_as_a_place_beside_its_actor() -> None:
    text = "Shells hit two Georgian villages; we saw it."
    doc = Document(id="d", source="test", text=text)
    georgian = _mention(doc, "Georgian", "NORP", kind="state", country="GEO", entry_id="GEO")
    # an anaphor linked to a state is no demonym
    we = _mention(
        doc, "we", "NORP", kind="state", country="GEO", entry_id="GEO", link_basis="speaker"
    )
    analysis = DocumentAnalysis(document=doc, mentions=(georgian, we))
    result = geocode_analysis(analysis, load_geocoder())
    places = [m for m in result.mentions if m.is_place]
    assert [(m.text, m.link_basis, m.place_basis) for m in places] == [
        ("Georgian", "demonym", "place:demonym:country")
    ]
    assert georgian in result.mentions  # the actor mention stays
    (place,) = result.places
    assert place.country == "GEO" and place.aliases == ()
