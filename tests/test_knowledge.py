"""Knowledge tables: comments and blank lines skipped, cells stripped, columns checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from zenobia.errors import KnowledgeError
from zenobia.knowledge import read_table


def test_a_table_reads_without_its_comments_and_with_stripped_cells(tmp_path: Path) -> None:
    table = tmp_path / "words.csv"
    table.write_text("# what this is\nword,kind\n\n hold , verb\nsiege,noun\n", encoding="utf-8")
    assert read_table(table, ["word"]) == [
        {"word": "hold", "kind": "verb"},
        {"word": "siege", "kind": "noun"},
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # a required column is missing
        ("word\nhold\n", "lacks column"),
        # no file at all
        (None, "cannot read"),
    ],
)
def test_a_broken_table_is_a_knowledge_error(
    tmp_path: Path, content: str | None, expected: str
) -> None:
    table = tmp_path / "words.csv"
    if content is not None:
        table.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=expected):
        read_table(table, ["word", "kind"])


def test_every_packaged_table_reads() -> None:
    from zenobia.knowledge import DATA_DIR

    for path in sorted(DATA_DIR.glob("*.csv")):
        assert read_table(path), f"{path.name} has no rows"
