"""Shard rows: every record an executor makes comes back from its row as it was."""

from __future__ import annotations

import json

import pytest

from zenobia.errors import ShardError
from zenobia.model import (
    Comment,
    Document,
    DocumentAnalysis,
    Failure,
    PublishedDate,
    Sentence,
    Skip,
)
from zenobia.runner import Cleaned
from zenobia.scale.shard_rows import COLUMNS, ShardRecord, from_row, to_row

TEXT = "Troops crossed the river at dawn. The bridge held."
DOCUMENT = Document(
    id="d1",
    source="news/river.txt",
    text=TEXT,
    title="River crossing",
    published=PublishedDate("2020-03-03", is_inferred=True, basis="text"),
    comments=(Comment(author=None, text="A reader's note."),),
)
ANALYSIS = DocumentAnalysis(
    document=DOCUMENT,
    sentences=(Sentence("d1", 0, 0, 33, TEXT[:33]), Sentence("d1", 1, 34, 50, TEXT[34:])),
    token_count=11,
)


def _round_trip(record: ShardRecord) -> ShardRecord:
    row = dict(zip((name for name, _ in COLUMNS), to_row(record), strict=True))
    return from_row(row)


@pytest.mark.parametrize(
    "record",
    [
        # an analysed document: nested records, tuples, a date, comments
        ShardRecord(0, Cleaned("news/river.txt", "h0", document=DOCUMENT), ANALYSIS),
        # a document whose analysis failed
        ShardRecord(
            1,
            Cleaned("news/river.txt", "h1", document=DOCUMENT),
            Failure("news/river.txt", "analyse", "RuntimeError: invented", "Traceback…"),
        ),
        # a document that was not analysed (not English)
        ShardRecord(2, Cleaned("news/fr.txt", "h2", document=DOCUMENT)),
        # a skipped record and a record that failed before it became a document
        ShardRecord(3, Cleaned("news/empty.txt", "h3", skip=Skip("news/empty.txt", "empty", "e"))),
        ShardRecord(4, Cleaned("news/x.csv", "h4", failure=Failure("news/x.csv", "read", "r"))),
    ],
)
def test_a_record_comes_back_from_its_row_as_it_was(record: ShardRecord) -> None:
    assert _round_trip(record) == record


def test_records_are_json_with_their_field_names() -> None:
    row = dict(
        zip(
            (name for name, _ in COLUMNS),
            to_row(ShardRecord(0, Cleaned("news/river.txt", "h0", document=DOCUMENT), ANALYSIS)),
            strict=True,
        )
    )
    assert json.loads(str(row["sentences"]))[1] == {
        "doc_id": "d1",
        "index": 1,
        "start_char": 34,
        "end_char": 50,
        "text": "The bridge held.",
    }
    assert row["token_count"] == 11


def test_a_row_that_is_not_a_shard_row_is_one_clear_error() -> None:
    with pytest.raises(ShardError, match="a shard row cannot be read"):
        from_row({"seq": 0, "source": "x"})
