"""Blocking for event merging: the cheap, overlapping keys every matching pair shares.

Notes:
    Standard blocking (Christen, *Data Matching*, 2012).
"""

from __future__ import annotations

from zenobia.resolve.event_families import mode_group
from zenobia.resolve.event_records import GUESS_WINDOW_DAYS, VAGUE_DAYS, EventFacts

UNDATED_BLOCK = "|u|"
"""Marks the blocks of `undated_key`, where only events without a usable date are compared."""


def undated_key(facts: EventFacts) -> str | None:
    """The block where an event without a usable date may meet its match: family, type and
    mode group (`mode_group`: a capture meets a recapture), and a stated city (not a country,
    region or a place inferred from the document).

    Returns:
        None for statements, background incidents and events whose place is not a stated,
        geocoded city.
    """
    family, place = facts.family, facts.place
    if family is None or family.kind != "incident" or place is None or place.inferred:
        return None
    if place.feature != "city" or facts.background:
        return None
    event = facts.event
    group = mode_group(event.type, event.mode)
    return f"{family.name}|{event.type}:{group}{UNDATED_BLOCK}{place.id}"


def block_keys(facts: EventFacts) -> tuple[str, ...]:
    """The blocks an event falls into: family x place x week and family x actor x week, plus
    its `undated_key` block.

    Returns:
        Only the undated block for an event without a family or a usable date. Weeks are
        every ISO week the date interval touches, widened by a few days for a publication
        guess; a city's event also falls in its country's block (keyed by country code),
        so that "in Aleppo" and "in Syria" meet; an event whose place is only inferred from
        its document also falls in the "no place" block; every incident also falls in the block
        of the country its document's story happens in (`EventFacts.home`), so that a place
        that was not geocoded, or geocoded wrongly, does not keep two tellings apart.
        Statements block on their actors only. Every event with a stated city also falls in
        the undated block of its type, mode and city, where events without a usable date are
        compared (`compare_undated`).

    A background incident (`EventFacts.background`) falls in no block: it stays alone.

    Notes:
        Standard blocking (Christen 2012): keys are cheap, overlapping, and each pair that
        can match shares at least one.
    """
    family = facts.family
    undated = undated_key(facts)
    extra = (undated,) if undated is not None else ()
    if family is None or facts.background or facts.start is None or facts.end is None:
        return extra
    if facts.end - facts.start > VAGUE_DAYS:
        return extra
    pad = GUESS_WINDOW_DAYS if facts.guessed else 1
    first, last = (facts.start - pad) // 7, (facts.end + pad) // 7
    places: list[str] = []
    if family.kind == "incident":
        place = facts.place
        if place is None or place.inferred:
            places.append("p:?")
        if place is not None and place.feature == "country":
            places.append(f"p:{place.country or place.id}")
        elif place is not None:
            places.append(f"p:{place.id}")
            if place.country:
                places.append(f"p:{place.country}")
        if facts.home and f"p:{facts.home}" not in places:
            places.append(f"p:{facts.home}")
    actors = [f"a:{actor}" for actor in sorted(facts.sources | facts.targets)]
    return (
        *(
            f"{family.name}|{key}|w{week}"
            for week in range(first, last + 1)
            for key in (*places, *actors)
        ),
        *extra,
    )
