"""The GeoJSON export: places and located events, longitude first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from zenobia.export.geojson import write_geojson
from zenobia.store import Store


@pytest.fixture(scope="module")
def collection(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("geojson") / "map.geojson"
    with Store(store_path) as store:
        path = write_geojson(store, out, min_confidence=0.0)
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _features(collection: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [f for f in collection["features"] if f["properties"]["kind"] == kind]


def test_it_is_a_feature_collection_of_points(collection: dict[str, Any]) -> None:
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_every_geocoded_place_is_a_feature_at_lon_lat(
    collection: dict[str, Any], records: dict[str, Any]
) -> None:
    located = [p for p in records["places"] if p["lat"] is not None]
    features = {f["id"]: f for f in _features(collection, "place")}
    assert set(features) == {p["id"] for p in located}
    for place in located:
        feature = features[place["id"]]
        # RFC 7946: longitude, then latitude
        assert feature["geometry"]["coordinates"] == [place["lon"], place["lat"]]
        properties = feature["properties"]
        assert (properties["name"], properties["geonames"]) == (place["name"], place["geonames"])
    # Aleppo is east of 37°E and north of 36°N: the order is not swapped
    (aleppo,) = [f for f in features.values() if f["properties"]["name"] == "Aleppo"]
    assert [round(c) for c in aleppo["geometry"]["coordinates"]] == [37, 36]


def test_events_that_happened_at_a_geocoded_place_are_features(
    collection: dict[str, Any], records: dict[str, Any]
) -> None:
    places = {f["id"]: f for f in _features(collection, "place")}
    events = {e["id"]: e for e in records["events"]}
    features = _features(collection, "event")
    # the protest in Aleppo, the call for a ceasefire in Idlib; the ceasefire itself is
    # hypothetical and stays off the map
    assert sorted(f["properties"]["type"] for f in features) == ["PROTEST", "REQUEST"]
    for feature in features:
        properties = feature["properties"]
        event = events[properties["event"]]
        assert feature["geometry"] == places[properties["place"]]["geometry"]
        assert properties["sources"] == len(event["sources"])
        assert properties["date_start"] == (event["date"] or {}).get("start")
