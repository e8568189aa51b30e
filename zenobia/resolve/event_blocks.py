"""Blocking for event merging: the cheap, overlapping keys every matching pair shares.

Notes:
    Standard blocking (Christen, *Data Matching*, 2012).
"""

from __future__ import annotations

from zenobia.resolve.event_families import mode_group
from zenobia.resolve.event_records import GUESS_WINDOW_DAYS, VAGUE_DAYS, EventFacts

UNDATED_BLOCK = "|u|"
"""Marks the blocks of `undated_key`, where only events without a usable date are compared."""

REPORT_WINDOW_DAYS = 7
"""How long before its publication day a first report's incident may have happened: a report
published on day D that says "Sunday night" tells an incident of [D-7, D]."""

BLOCKING_PEOPLE = 6
"""How many of a document's first-named people key pair blocks (`incident_keys`): the victims
and suspects of a story are named in its first paragraphs; 6 people make 15 pairs."""

PEOPLE_PERIOD_DAYS = 30
"""The length of the periods that key the blocks of a named person (`incident_keys`): two
reports published within this many days of each other share one period's block (the window of
`zenobia.resolve.incident_matching.PEOPLE_WINDOW_DAYS`)."""


def incident_keys(facts: EventFacts) -> tuple[str, ...]:
    """The blocks where a document's anchor (`EventFacts.incident`) meets the anchors of other
    documents: family x country x ISO week, for every week of the report window before its
    publication (`REPORT_WINDOW_DAYS`) and the week of the day it dates the incident to, and
    family x named person x period, for its publication's period and the one before, and
    family x pair of named people, for the pairs of its first `BLOCKING_PEOPLE` people.

    Returns:
        No keys for an event that is no anchor. A document with no known country keys its
        weeks under "?".

    Notes:
        A follow-up weeks later that dates the incident ("on March 27") meets the first
        reports in that week's block; one that names the victim meets them in the person's
        block, and a trial a year later that names the victim and the accused meets every
        report that names both. Blocks stay small: a week of one country's incidents, or the
        few reports that name one person within a month, or two people (public figures of the
        knowledge base name no block).
    """
    cues, family = facts.incident, facts.family
    if cues is None or family is None:
        return ()
    days = {cues.day} if cues.day is not None else set()
    if cues.published is not None:
        days.update(range(cues.published - REPORT_WINDOW_DAYS, cues.published + 1))
    where = cues.country or "?"
    weeks = sorted({day // 7 for day in days})
    keys = [f"{family.name}|i:{where}|w{week}" for week in weeks]
    if cues.published is not None:
        periods = sorted(
            {
                cues.published // PEOPLE_PERIOD_DAYS,
                (cues.published - PEOPLE_PERIOD_DAYS) // PEOPLE_PERIOD_DAYS,
            }
        )
        keys.extend(
            f"{family.name}|n:{person}|m{period}"
            for person in sorted(cues.people)
            for period in periods
        )
    first = sorted(cues.people[:BLOCKING_PEOPLE])
    keys.extend(
        f"{family.name}|n:{one}+{other}" for i, one in enumerate(first) for other in first[i + 1 :]
    )
    return tuple(keys)


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

    A background incident (`EventFacts.background`) falls in no block: it stays alone. A
    document's anchor also falls in the blocks of `incident_keys`.

    Notes:
        Standard blocking (Christen 2012): keys are cheap, overlapping, and each pair that
        can match shares at least one.
    """
    family = facts.family
    undated = undated_key(facts)
    extra = (*incident_keys(facts), *((undated,) if undated is not None else ()))
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
