"""Competing readings of one trigger, chosen by its arguments: who acts decides what the act is.

"The militia intervened in the town" is force, "the charity intervened" is aid: a few triggers
of the dictionary code differently when their source is an armed actor (a mention of kind
`military` or `armed_group`). `data/event_armed_readings.csv` lists them; the event takes the
armed reading when its source is armed and keeps the dictionary's otherwise.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import replace
from typing import Final

from zenobia.extract.events.lexicon import Entry
from zenobia.knowledge import read_table

__all__ = ["ARMED_KINDS", "ArmedReadings", "load_armed_readings", "reading_for"]

ARMED_KINDS: Final = frozenset({"military", "armed_group"})
"""Actor kinds whose acts a trigger's armed reading describes."""

ArmedReadings = dict[tuple[str, str, str], tuple[str, str]]
"""(lemma, pos, dictionary type) → (armed type, armed mode)."""


@functools.cache
def load_armed_readings() -> ArmedReadings:
    """The packaged table, read once per process."""
    columns = ("lemma", "pos", "type", "armed_type", "armed_mode")
    return {
        (row["lemma"], row["pos"], row["type"]): (row["armed_type"], row["armed_mode"])
        for row in read_table("event_armed_readings.csv", columns)
    }


def reading_for(entry: Entry, source_kinds: Iterable[str | None], readings: ArmedReadings) -> Entry:
    """The entry `entry` becomes given the kinds of its source's actors.

    Args:
        entry: The dictionary row the trigger matched.
        source_kinds: The kinds of the event's source mentions (None when unknown).
        readings: From `load_armed_readings()`.

    Returns:
        The armed reading when a source is armed and the table has one, else `entry`.
    """
    armed = readings.get((entry.lemma, entry.pos, entry.type))
    if armed is None or not any(kind in ARMED_KINDS for kind in source_kinds):
        return entry
    return replace(entry, type=armed[0], mode=armed[1], source="armed-reading")
