"""Which exported document stands for an input record: its own, or the one it duplicates."""

from __future__ import annotations

from bench.eval.core import Analysed, Coverage


def test_a_duplicate_record_is_answered_by_the_document_it_duplicates() -> None:
    original = {"id": "d1", "text": "The port reopened.", "duplicate_of": None}
    duplicate = {"id": "d2", "text": "The port reopened.", "duplicate_of": "d1"}
    analysed = Analysed(
        export={"documents": [original, duplicate]},
        documents=[original, duplicate, None],
        coverage=Coverage("c", "tune", 3, 1, 1, 0, 1),
    )
    assert analysed.standing_for(0) == original
    assert analysed.standing_for(1) == original
    # a record that was not stored has no document
    assert analysed.standing_for(2) is None
