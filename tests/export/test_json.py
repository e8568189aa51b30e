"""The JSON export honours DESIGN.md's contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import zenobia
from zenobia.errors import ExportError

ARTICLE = (
    "Ceasefire talks collapse\n\n"
    "The Syrian government and rebel negotiators failed to agree on a ceasefire in Geneva on "
    "Monday, 14 March 2016, the United Nations said. Russia blamed the opposition. "
    "Hundreds of people were displaced near Aleppo as fighting resumed."
)

TOP_LEVEL = {
    "schema", "generator", "documents", "actors", "places", "events", "quotes", "claims",
    "disagreements", "stances", "summary",
}  # fmt: skip


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("export")
    (root / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    with zenobia.open_corpus(root / "z.db") as corpus:
        for _ in corpus.analyze([root / "talks.txt"], processes=1):
            pass
        path = corpus.export_json(root / "out" / "export.json")
    loaded: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def test_the_export_has_every_top_level_field(export: dict[str, object]) -> None:
    assert set(export) >= TOP_LEVEL
    assert export["schema"] == 1
    assert str(export["generator"]).startswith("zenobia ")


def test_a_document_carries_its_metadata_and_published_date(export: dict[str, object]) -> None:
    (document,) = export["documents"]  # type: ignore[misc]
    assert {
        "id", "source", "title", "author", "outlet", "url", "language", "published", "text",
        "comments", "duplicate_of",
    } <= set(document)  # fmt: skip
    assert document["title"] == "Ceasefire talks collapse"
    assert set(document["published"]) >= {"date", "inferred", "basis"}
    assert document["published"]["date"] == "2016-03-14"


def test_actors_and_places_resolve_to_documents_in_the_same_file(
    export: dict[str, object],
) -> None:
    doc_ids = {d["id"] for d in export["documents"]}  # type: ignore[attr-defined]
    actors = export["actors"]
    places = export["places"]
    assert actors and places
    for record in [*actors, *places]:  # type: ignore[misc]
        assert set(record["documents"]) <= doc_ids
    fields = {"id", "name", "kind", "country", "aliases", "wikidata", "mentions", "documents"}
    assert fields <= set(actors[0])  # type: ignore[index]
    assert {"id", "name", "aliases", "lat", "lon", "country", "geonames"} <= set(places[0])  # type: ignore[index]
    names = {a["name"] for a in actors}  # type: ignore[attr-defined]
    # the ruler links a government phrase to its knowledge-base entry
    assert any("Syria" in name for name in names)
    assert "Geneva" in {p["name"] for p in places}  # type: ignore[attr-defined]


def test_parts_not_built_yet_are_empty_lists(export: dict[str, object]) -> None:
    for part in ("events", "quotes", "claims", "disagreements", "stances"):
        assert export[part] == []


def test_an_unwritable_target_is_an_export_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with zenobia.open_corpus(tmp_path / "z.db") as corpus, pytest.raises(ExportError, match="Fix:"):
        corpus.export_json(blocker / "inside" / "out.json")
