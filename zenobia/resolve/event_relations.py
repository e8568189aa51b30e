"""How two events' places and dates relate (same, nested or overlapping, disjoint, unknown)."""

from __future__ import annotations

from typing import Literal

from zenobia.resolve.event_records import GUESS_WINDOW_DAYS, EventFacts, PlaceRef

PlaceRelation = Literal["same", "nested", "unknown", "disjoint"]


def place_relation(a: PlaceRef | None, b: PlaceRef | None) -> PlaceRelation:
    """How two events' places relate: the same, one inside the other, unknown, or disjoint.

    A city is inside its country and its first-level division; a place that was not geocoded
    or spans countries (a region) is "unknown" against any other; two different geocoded
    cities, or places in different countries, are disjoint.
    """
    if a is None or b is None:
        return "unknown"
    if a.id == b.id:
        return "same"
    if a.country and b.country and a.country != b.country:
        return "disjoint"
    for outer, inner in ((a, b), (b, a)):
        if outer.feature == "country" and inner.country == outer.country:
            return "nested"
        if outer.feature == "admin1" and inner.admin1 and inner.admin1 == outer.admin1:
            return "nested"
    if a.feature is None or b.feature is None or a.country is None or b.country is None:
        return "unknown"
    if a.feature == "region" or b.feature == "region":
        return "unknown"
    return "disjoint"


DateRelation = Literal["same", "overlap", "near", "far", "disjoint", "unknown"]


def date_relation(a: EventFacts, b: EventFacts) -> DateRelation:
    """How two events' dates relate.

    "same": both stated and overlapping, each at most two days long; "overlap": both stated
    and overlapping; "near": one is a publication guess and they are within a few days;
    "far": a guess further away; "disjoint": both stated and not overlapping.
    """
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return "unknown"
    gap = max(a.start, b.start) - min(a.end, b.end)
    if a.guessed or b.guessed:
        return "near" if gap <= GUESS_WINDOW_DAYS else "far"
    if gap > 0:
        return "disjoint"
    short = a.end - a.start <= 1 and b.end - b.start <= 1
    return "same" if short else "overlap"
