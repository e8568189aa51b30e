"""The GeoJSON export: places and located events as one FeatureCollection (RFC 7946).

Every place with coordinates is a Point feature (`"kind": "place"`); every event that took
place (asserted or reported) at such a place is a Point feature at it (`"kind": "event"`),
with its actors and recipients by name and a link to its place and event ids. Coordinates are
WGS 84 longitude, latitude, as the RFC orders them; a country's or region's point is its
approximate centroid. Feature `id`s are the export's place and event ids.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from zenobia.export._atomic import write_text_export
from zenobia.export.records import export_records, happened
from zenobia.store import Store

__all__ = ["feature_collection", "write_geojson"]


def _point(place: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [place["lon"], place["lat"]]}


def _place_feature(place: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": place["id"],
        "geometry": _point(place),
        "properties": {
            "kind": "place",
            "name": place["name"],
            "country": place["country"],
            "geonames": place["geonames"],
            "feature": place["feature"],
            "admin1": place["admin1"],
            "mentions": place["mentions"],
            "aliases": place["aliases"],
            "confidence": place["confidence"],
            "confidence_basis": place["confidence_basis"],
        },
    }


def _event_feature(
    event: Mapping[str, Any], place: Mapping[str, Any], names: Mapping[str, str]
) -> dict[str, Any]:
    date = event["date"] or {}
    return {
        "type": "Feature",
        "id": event["id"],
        "geometry": _point(place),
        "properties": {
            "kind": "event",
            "event": event["id"],
            "type": event["type"],
            "mode": event["mode"],
            "plover_type": event["base_plover"]["type"],
            "date_start": date.get("start"),
            "date_end": date.get("end"),
            "actors": [names[a] for a in event["actors"] if a in names],
            "recipients": [names[r] for r in event["recipients"] if r in names],
            "source_text": event["source_text"],
            "target_text": event["target_text"],
            "place": place["id"],
            "place_name": place["name"],
            "status": event["status"],
            "dead": event["dead"],
            "injured": event["injured"],
            "sources": len(event["sources"]),
            "confidence": event["confidence"],
            "confidence_basis": event["confidence_basis"],
        },
    }


def _has_point(place: Mapping[str, Any]) -> bool:
    return place["lat"] is not None and place["lon"] is not None


def feature_collection(export: Mapping[str, Any]) -> dict[str, Any]:
    """The export's records (`zenobia.export.records`) as a GeoJSON FeatureCollection."""
    located = {p["id"]: p for p in export["places"] if _has_point(p)}
    names = {a["id"]: a["name"] for a in export["actors"]}
    features = [_place_feature(p) for p in located.values()]
    features += [
        _event_feature(e, located[e["place"]], names)
        for e in export["events"]
        if e["place"] in located and happened(e)
    ]
    return {"type": "FeatureCollection", "features": features}


def write_geojson(store: Store, out: str | Path, *, min_confidence: float | None = None) -> Path:
    """Write places and located events as GeoJSON to `out` ("-": standard output).

    `min_confidence` is that of `zenobia.export.records.export_records`.
    """
    collection = feature_collection(export_records(store, min_confidence=min_confidence))

    def write(stream: TextIO) -> None:
        json.dump(collection, stream, ensure_ascii=False, indent=1)
        stream.write("\n")

    return write_text_export(out, write)
