"""Country outlines for the maps of the report and the web app, as SVG paths.

The outlines, in `data/world_countries_110m.json`, are Natural Earth's 1:110m countries (public
domain) as TopoJSON from the npm package world-atlas (ISC); `data-build/build_world.py`
refreshes the file. The projection is equirectangular: x is the longitude and y the negated
latitude, in degrees, so that the map and its points share one plain SVG coordinate system and
no projection code runs in the page.
"""

from __future__ import annotations

import functools
import itertools
import json
from typing import Any

from zenobia.errors import KnowledgeError
from zenobia.knowledge import DATA_DIR

WORLD_FILE = "world_countries_110m.json"

COORDINATE_DECIMALS = 1
"""Tenths of a degree (about 11 km): finer than the 1:110m outlines themselves."""

Point = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """The topology's arcs as (longitude, latitude) points (delta-decoded, de-quantised)."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    """One closed ring from its arc indices (a negative index ~i is arc i reversed)."""
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def svg_path(rings: list[list[Point]]) -> str:
    """An SVG path of closed rings in the equirectangular plane (y = -latitude)."""

    def number(value: float) -> str:
        return f"{round(value, COORDINATE_DECIMALS):g}"

    parts = []
    for ring in rings:
        for piece in _split_at_antimeridian(ring):
            coords = " ".join(f"{number(lon)} {number(-lat)}" for lon, lat in piece)
            parts.append(f"M{coords}Z")
    return "".join(parts)


def _split_at_antimeridian(ring: list[Point]) -> list[list[Point]]:
    """A ring cut where it jumps across the ±180° meridian (Fiji, Chukotka, Antarctica), so
    that no edge spans the whole map; each piece closes along the map's edge."""
    pieces = [[ring[0]]] if ring else []
    for previous, point in itertools.pairwise(ring):
        if abs(point[0] - previous[0]) > 180:
            pieces.append([])
        pieces[-1].append(point)
    return [piece for piece in pieces if len(piece) > 2]


def country_paths(topology: dict[str, Any]) -> list[dict[str, str]]:
    """Each country of the topology as {"name", "d"} (its SVG path), in the file's order."""
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [ring_points(ring, arcs) for polygon in polygons for ring in polygon]
        name = str(geometry.get("properties", {}).get("name", ""))
        countries.append({"name": name, "d": svg_path(rings)})
    return countries


@functools.cache
def load_world() -> tuple[dict[str, str], ...]:
    """The packaged country outlines as SVG paths, read once per process.

    Raises:
        KnowledgeError: The outline file is missing or is not TopoJSON.
    """
    path = DATA_DIR / WORLD_FILE
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        return tuple(country_paths(topology))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise KnowledgeError(
            f"cannot read {path}",
            why=f"{type(err).__name__}: {err}",
            fix="rebuild it with data-build/build_world.py",
        ) from err
