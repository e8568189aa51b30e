"""Geocoding accuracy, load time and memory on bench/data/places_eval.csv.

Usage: .venv/bin/python bench/geocode.py [--km 25] [--cold]
Prints the share of names resolved within --km of the true coordinates, and every miss, with
the geocoder's load time and the process's peak RSS. By default the index comes from the
on-disk cache (built and written first if missing); --cold builds it without the cache.
"""

from __future__ import annotations

import argparse
import csv
import math
import resource
import time
from pathlib import Path

from zenobia.extract.places.gazetteer import DEFAULT_MIN_POPULATION, Geocoder

EVAL = Path(__file__).parent / "data" / "places_eval.csv"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--km", type=float, default=25.0)
    parser.add_argument("--min-population", type=int, default=DEFAULT_MIN_POPULATION)
    parser.add_argument("--cold", action="store_true", help="build without the on-disk cache")
    args = parser.parse_args()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    geocoder = Geocoder(args.min_population, use_cache=not args.cold)
    load_s, load_cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb, before_mb = (peak - before) / 1024, before / 1024
    rows = list(csv.DictReader(EVAL.open(encoding="utf-8")))
    hits, misses = 0, []
    started = time.perf_counter()
    for row in rows:
        context = {row["context"]: 1.0} if row["context"] else None
        place = geocoder.geocode(row["text"], context)
        if place and km(place.lat, place.lon, float(row["lat"]), float(row["lon"])) <= args.km:
            hits += 1
        else:
            got = f"{place.name} ({place.country}) {place.lat},{place.lon}" if place else "none"
            misses.append(f"  {row['text']!r} [{row['context']}] → {got}; truth {row['truth']}")
    per_ms = (time.perf_counter() - started) * 1000 / max(1, len(rows))
    origin = "from cache" if geocoder.is_from_cache else "built"
    print(f"load {load_s:.2f} s wall, {load_cpu:.2f} s CPU ({origin}), {len(geocoder)} places")
    print(f"peak RSS {before_mb + peak_mb:.0f} MB (+{peak_mb:.0f} MB for the geocoder)")
    print(f"{per_ms:.3f} ms per name")
    print(f"within {args.km:g} km: {hits}/{len(rows)} = {hits / len(rows):.1%}")
    if misses:
        print("misses:")
        print("\n".join(misses))


if __name__ == "__main__":
    main()
