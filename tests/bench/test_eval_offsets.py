"""OffsetMap's way back: spans zenobia found in its stored text, onto the original text."""

from __future__ import annotations

import pytest

from bench.eval.core import OffsetMap, lost_spans

ORIGINAL = "Harbin was shelled. Ana Vel fled."


@pytest.mark.parametrize(
    ("stored", "span", "expected"),
    [
        # the same text: the same span
        (ORIGINAL, (0, 6), (0, 6)),
        # a title above the body shifts every offset
        ("Shelling\n" + ORIGINAL, (9, 15), (0, 6)),
        # a span inside the title is no span of the original
        ("Shelling\n" + ORIGINAL, (0, 8), None),
        # a line removed from the middle: after it, offsets shift back
        ("Harbin was shelled. Ana Vel fled.", (20, 27), (20, 27)),
        ("Harbin was shelled. Share this. Ana Vel fled.", (32, 39), (20, 27)),
        # a span across the inserted furniture is not original text, even by one character
        ("Harbin was shelled. Share this. Ana Vel fled.", (0, 21), None),
        ("Harbin was shelled. Share this. Ana Vel fled.", (10, 39), None),
        # an empty span maps to nothing
        (ORIGINAL, (5, 5), None),
    ],
)
def test_original_span_of_a_stored_span(
    stored: str, span: tuple[int, int], expected: tuple[int, int] | None
) -> None:
    assert OffsetMap(ORIGINAL, stored).original_span(*span) == expected


def test_the_way_back_inverts_the_way_there() -> None:
    stored = "Shelling\n" + ORIGINAL
    offsets = OffsetMap(ORIGINAL, stored)
    there = offsets.span(20, 27)
    assert there is not None
    assert offsets.original_span(*there) == (20, 27)


def test_lost_spans_counts_gold_in_text_zenobia_did_not_keep() -> None:
    original = "Harbin under fire\nAna Vel fled Harbin."
    stored = "Ana Vel fled Harbin."  # the first line became the title
    # "Harbin" of the first line is lost; "Ana Vel" and the second "Harbin" are kept
    assert lost_spans(original, stored, [(0, 6), (18, 25), (31, 37)]) == 1


def test_normalised_whitespace_loses_nothing() -> None:
    assert lost_spans("Ana  Vel fled.", "Ana Vel fled.", [(0, 8), (9, 13)]) == 0
