"""The dateline: the place an article opens with ("BEIRUT (Reuters) -")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from zenobia.extract.places.gazetteer import Area, Geocoder
from zenobia.model import DocumentAnalysis

_DATELINE: Final = re.compile(
    r"(?P<place>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3})"
    r"(?:,[ \t]*(?P<area>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2}))?"
    r"(?:[ \t]*(?P<agency>\([^()\n]{1,40}\)))?"
    r"(?:[ \t]*(?P<dash>\u2014|\u2013|--|-|:)[ \t])?"
)
"""A dateline: "CITY, State —", "CITY (Agency) -", "City:" opening a story."""


_OPENING: Final = re.compile(r"(?:^|\n|(?P<after>[.!?\"\u201d])[ \t])[ \t]*")
"""Where a dateline may begin: the text's or a line's start, or after a sentence's end."""


DATELINE_REACH: Final = 600
"""Characters from the start of a text searched for a dateline (headline and byline first)."""


DATELINE_WEIGHT: Final = 3.0
"""A dateline weighs as much as this many place mentions in the document's context: it says
where the story was filed, which most of its places are near."""


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where a story says it was filed: the place's span, and the area after it if any."""

    start_char: int
    end_char: int
    area: Area | None = None
    area_start: int = 0
    area_end: int = 0


def find_dateline(text: str, geocoder: Geocoder) -> Dateline | None:
    """The dateline of a story, if one opens it (within `DATELINE_REACH` characters).

    Args:
        text: The document's text.
        geocoder: To tell places from other capitalised words.

    Returns:
        The first dateline found, or None.

    Notes:
        A dateline stands at the start of the text or of a line, or — written in capitals —
        right after the headline's last sentence ("… resigns. HARTFORD — …"). Its name is
        followed by an optional ", <State or Country>", then an agency in brackets, a dash
        or a colon, or both. The name must be a place the geocoder knows exactly: in capitals
        any such name; otherwise one it would relabel from a person (a curated place or a town
        of `RELABEL_MIN_POPULATION`), or one whose area or agency confirms the form.
    """
    for opening in _OPENING.finditer(text, 0, DATELINE_REACH):
        start = opening.end()
        found = _DATELINE.match(text, start, start + DATELINE_REACH)
        if found is None:
            continue
        at_line_start = opening.group("after") is None
        name = found.group("place")
        if found.group("dash") is None and found.group("agency") is None:
            continue
        is_capitals = name.upper() == name and any(c.isalpha() for c in name)
        if not (at_line_start or is_capitals):
            continue
        area = None
        area_start = area_end = 0
        if found.group("area"):
            written = found.group("area")
            area = geocoder.area(written) or geocoder.area(written.rstrip("."))
            area_start, area_end = found.start("area"), found.start("area") + len(written)
        confirmed = area is not None or found.group("agency") is not None
        known = geocoder.is_exact(name) and (
            is_capitals or confirmed or geocoder.is_known_place(name)
        )
        if not known:
            continue
        if area is None:
            area_start = area_end = 0
        return Dateline(start, found.end("place"), area, area_start, area_end)
    return None


def _sentence_index(analysis: DocumentAnalysis, start_char: int) -> int:
    for sentence in analysis.sentences:
        if sentence.start_char <= start_char < sentence.end_char:
            return sentence.index
    return 0
