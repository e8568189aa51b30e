"""Casualty counts: every phrasing the patterns know survives the quick word check before them."""

from __future__ import annotations

import pytest

from zenobia.extract.events.casualties import casualties


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a count before "fatalities"
        ("The clashes caused 14 fatalities in Kavo.", (14, None)),
        # a count after "death toll ... to"
        ("The death toll rose to 31 on Friday.", (31, None)),
        # "slain" after the count
        ("Nine guards were slain at the depot.", (9, None)),
        # a count after "massacred"
        ("Gunmen massacred 40 villagers near Tarsi.", (40, None)),
        # a count after "slaying"
        ("The raid ended slaying 6 fighters.", (6, None)),
        # a count before "casualties"
        ("The shelling caused 25 casualties.", (None, 25)),
        # "hurt" after the count
        ("Three children were hurt in the blast.", (None, 3)),
        # upper case still counts
        ("SHELLING KILLED 12 IN KAVO.", (12, None)),
        # a number beyond any population is no toll, however many digits it has
        ("Officials said 99999999999999999999 people were killed.", (None, None)),
        (f"Officials said {'9' * 400} people were killed.", (None, None)),
        # no casualty word: no count, even with numbers
        ("The convoy of 30 trucks reached Kavo in 2015.", (None, None)),
    ],
)
def test_casualty_phrasings(sentence: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(sentence) == expected
