"""The geoparse row's scoring: which toponyms count, how predictions match, geocoding error."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench.eval.geoparse import (
    GoldToponym,
    Matching,
    Toponym,
    baseline_gazetteer,
    baseline_toponym,
    category_of,
    error_km,
    geocoding,
    gold_toponyms,
    match,
    placed_right,
    verdict,
    zenobia_toponyms,
)
from zenobia.model import Mention, Place

NOT_NAMES = frozenset({"pronoun", "description"})


@pytest.mark.parametrize(
    ("toponym", "expected"),
    [
        # a place as a place must be found
        ({"type": "Literal"}, "required"),
        ({"type": "Mixed", "modifier": "Adjective"}, "required"),
        ({"type": "Coercion"}, "required"),
        # a modifier counts only as a noun ("Britain-based" yes, "British" no)
        ({"type": "Literal_Modifier", "modifier": "Noun"}, "required"),
        ({"type": "Literal_Modifier", "modifier": "Adjective"}, "optional"),
        ({"type": "Embedded_Literal", "modifier": "Noun"}, "required"),
        # a state that acts may be an actor: neither required nor wrong
        ({"type": "Metonymic"}, "optional"),
        ({"type": "Demonym"}, "optional"),
        ({"type": "Embedded_Non_Lit", "modifier": "Noun"}, "optional"),
        # a place name that is no place here
        ({"type": "Homonym"}, "wrong"),
        ({"type": "Non_Toponym"}, "wrong"),
        # common nouns are not toponyms: their text is as if unannotated
        ({"type": "Literal_Expression"}, None),
        ({"type": "Non_Lit_Expression"}, None),
        # LGL marks no type: every toponym is literal
        ({"type": None}, "required"),
    ],
)
def test_category_of_a_gold_toponym(toponym: dict[str, str | None], expected: str | None) -> None:
    assert category_of(toponym) == expected


TEXT = "Shells fell on Harbin Heights while the Voltan Observatory for Peace counted the dead."
#       0         1         2         3         4         5         6         7         8
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678901234
HARBIN = GoldToponym(15, 29, "required", lat=10.0, lon=20.0, geonames=7)
OBSERVATORY = GoldToponym(40, 69, "wrong")
VOLTAN = GoldToponym(40, 46, "optional")
GOLD = (HARBIN, OBSERVATORY, VOLTAN)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # the required toponym, exactly or in part
        (15, 29, "right"),
        (15, 21, "right"),
        # the optional demonym alone: not scored
        (40, 46, "optional"),
        # most of the organisation's name: judged by the span it overlaps best, a Non_Toponym
        (40, 58, "wrong"),
        # text nobody marked
        (79, 83, "wrong"),
    ],
)
def test_a_prediction_is_judged_by_the_gold_span_it_overlaps_best(
    start: int, end: int, expected: str
) -> None:
    assert verdict(Toponym(start, end), GOLD) == expected


def test_a_span_marked_twice_counts_as_its_more_required_reading() -> None:
    twice = (GoldToponym(15, 29, "wrong"), HARBIN)
    assert verdict(Toponym(15, 29), twice) == "right"


def test_match_counts_right_wrong_and_optional_predictions_and_found_toponyms() -> None:
    predicted = [Toponym(15, 21), Toponym(15, 29), Toponym(40, 46), Toponym(79, 83)]
    matching = match(GOLD, predicted)
    assert (matching.right, matching.wrong, matching.optional) == (2, 1, 1)
    # one required toponym, found once, paired with the prediction that covers it best
    assert (matching.required, matching.found) == (1, 1)
    assert matching.pairs == [(HARBIN, Toponym(15, 29))]


def test_precision_recall_and_f1_of_a_matching() -> None:
    matching = Matching(right=3, wrong=1, optional=5, required=6, found=3)
    precision, recall, f1 = matching.prf()
    assert precision == pytest.approx(0.75)
    assert recall == pytest.approx(0.5)
    assert f1 == pytest.approx(0.6)


def test_matchings_add_up_over_documents() -> None:
    total = Matching()
    total.add(match(GOLD, [Toponym(15, 29)]))
    total.add(match(GOLD, []))
    assert (total.right, total.required, total.found) == (1, 2, 1)


def test_gold_toponyms_read_a_corpus_record() -> None:
    record = {
        "toponyms": [
            {"start": 15, "end": 29, "type": "Literal", "lat": 10.0, "lon": 20.0, "geonames": 7},
            {"start": 40, "end": 46, "type": "Demonym", "lat": None, "lon": None},
        ]
    }
    assert gold_toponyms(record) == [HARBIN, GoldToponym(40, 46, "optional")]


def test_the_same_geonames_id_is_right_wherever_the_points_are() -> None:
    # a country's point is a centroid: the id decides
    assert error_km(HARBIN, Toponym(15, 29, lat=-40.0, lon=100.0, geonames=7)) == 0.0


def test_error_is_the_great_circle_distance_to_the_gold_point() -> None:
    one_degree_north = Toponym(15, 29, lat=11.0, lon=20.0, geonames=8)
    assert error_km(HARBIN, one_degree_north) == pytest.approx(111.2, abs=0.1)
    assert error_km(HARBIN, Toponym(15, 29)) is None


def test_geocoding_accuracy_and_errors_over_geocoded_pairs_only() -> None:
    pairs = [
        (HARBIN, Toponym(15, 29, lat=10.0, lon=20.0, geonames=7)),  # 0 km
        (HARBIN, Toponym(15, 29, lat=10.1, lon=20.0)),  # about 11 km
        (HARBIN, Toponym(15, 29, lat=11.0, lon=20.0)),  # about 111 km
        (HARBIN, Toponym(15, 29, lat=20.0, lon=20.0)),  # about 1,112 km
        (HARBIN, Toponym(15, 29)),  # not geocoded: not counted
        (GoldToponym(0, 6, "required"), Toponym(0, 6, lat=1.0, lon=1.0)),  # no gold point
    ]
    result = geocoding(pairs)
    assert result.n == 4
    assert result.near == pytest.approx(0.75)
    assert result.close == pytest.approx(0.5)
    assert result.median_km == pytest.approx((11.12 + 111.19) / 2, abs=0.1)
    assert result.mean_km == pytest.approx((11.12 + 111.19 + 1111.95) / 4, abs=0.2)


def test_no_geocoded_pair_gives_no_figures() -> None:
    assert geocoding([(HARBIN, Toponym(15, 29))]).near is None


def test_a_geocoding_is_judged_right_within_161_km() -> None:
    near = Toponym(15, 29, lat=11.0, lon=20.0, confidence=0.9, basis="place:unique:city")
    far = Toponym(15, 29, lat=30.0, lon=20.0)
    not_geocoded = Toponym(15, 29)
    judged = placed_right([(HARBIN, near), (HARBIN, far), (HARBIN, not_geocoded)])
    assert judged == [(near, True), (far, False)]


CITIES = {
    1: {
        "geonameid": 1,
        "name": "Harbin Heights",
        "latitude": 10.0,
        "longitude": 20.0,
        "countrycode": "VO",
        "admin1code": "01",
        "population": 5000,
    },
    2: {
        "geonameid": 2,
        "name": "Harbin Heights",
        "latitude": 30.0,
        "longitude": 40.0,
        "countrycode": "US",
        "admin1code": "ZZ",
        "population": 90000,
    },
    3: {
        "geonameid": 3,
        "name": "Port Lemmon",
        "latitude": 12.0,
        "longitude": 24.0,
        "countrycode": "VO",
        "admin1code": "01",
        "population": 20000,
    },
}
COUNTRIES = {"VO": {"geonameid": 50, "name": "Voltania", "iso": "VO", "population": 1000000}}
STATES = {"ZZ": {"geonameid": 60, "name": "Zedland", "code": "ZZ"}}


def test_the_baseline_takes_the_most_populous_place_of_a_name() -> None:
    gazetteer = baseline_gazetteer(CITIES, COUNTRIES, STATES)
    assert gazetteer["harbin heights"].geonames == 2


def test_the_baseline_places_a_country_or_state_at_the_mean_of_its_cities() -> None:
    gazetteer = baseline_gazetteer(CITIES, COUNTRIES, STATES)
    country = gazetteer["voltania"]
    assert (country.lat, country.lon, country.population) == (11.0, 22.0, 1000000)
    # a state has no population of its own: its cities' sum
    state = gazetteer["zedland"]
    assert (state.geonames, state.lat, state.population) == (60, 30.0, 90000)


def test_the_baseline_matches_names_exactly_but_for_case_and_a_leading_article() -> None:
    gazetteer = baseline_gazetteer(CITIES, COUNTRIES, STATES)
    text = "From the Voltania border to PORT LEMMON and Port Lemon."
    assert baseline_toponym(text, 5, 17, gazetteer).geonames == 50
    assert baseline_toponym(text, 28, 39, gazetteer).geonames == 3
    assert baseline_toponym(text, 44, 54, gazetteer) == Toponym(44, 54)


def _mention(start: int, end: int, label: str = "GPE", **fields: str | None) -> Mention:
    return Mention(
        id=f"m{start}",
        doc_id="d",
        sentence_index=0,
        start_char=start,
        end_char=end,
        text="x",
        label=label,  # type: ignore[arg-type]
        canonical="x",
        **fields,  # type: ignore[arg-type]
    )


def test_zenobia_toponyms_are_named_place_mentions_mapped_onto_the_gold_text() -> None:
    original = "Rain in Harbin Heights. It flooded the town."
    stored = "Weather in Harbin Heights\n" + original
    title = len("Weather in Harbin Heights\n")
    place = Place("gn:7", "Harbin Heights", 10.0, 20.0, "VOL", None, 7, "city")
    mentions = [
        _mention(title + 8, title + 22, place_id="gn:7", place_basis="place:unique:city"),
        _mention(11, 25, place_id="gn:7"),  # the same name in the title: not in the gold text
        _mention(title + 24, title + 26, link_basis="pronoun"),  # "It": no name
        _mention(title + 0, title + 4, label="PERSON"),  # not a place label
    ]
    mentions[0] = replace(mentions[0], place_confidence=0.8)
    found = zenobia_toponyms(mentions, {"gn:7": place}, original, stored, not_names=NOT_NAMES)
    # the body's toponym, with its geocoding's confidence and basis
    assert found == [
        Toponym(8, 22, lat=10.0, lon=20.0, geonames=7, confidence=0.8, basis="place:unique:city")
    ]


def test_a_place_mention_not_geocoded_is_a_toponym_without_a_point() -> None:
    text = "Rain in Harbin Heights."
    found = zenobia_toponyms([_mention(8, 22, label="LOC")], {}, text, text, not_names=NOT_NAMES)
    assert found == [Toponym(8, 22)]
