"""Geocoding place mentions: spellings, context, normalisation, unknown names, analyses."""

from __future__ import annotations

import pytest

from zenobia.extract.places import Geocoder, geocode_analysis, load_geocoder
from zenobia.model import Document, DocumentAnalysis, Mention, MentionLabel


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


def _mention(doc: Document, text: str, label: MentionLabel) -> Mention:
    start = doc.text.index(text)
    return Mention(
        id=f"m{start}",
        doc_id=doc.id,
        sentence_index=0,
        start_char=start,
        end_char=start + len(text),
        text=text,
        label=label,
        canonical=text,
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
