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
    "Hundreds of people were displaced near Aleppo as fighting resumed. "
    "The city had been calm for weeks. Russia said it would send envoys."
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


@pytest.mark.parametrize(
    ("part", "fields"),
    [
        # an accusation ("Russia blamed the opposition") is an event with its one source
        ("events", {"id", "type", "mode", "context", "actors", "recipients", "place", "date",
                    "status", "dead", "injured", "sources"}),
        # "…, the United Nations said" is a reported quote
        ("quotes", {"id", "document", "text", "direct", "speaker", "speaker_name",
                    "affiliation", "start", "end"}),
        # "Hundreds of people were displaced" is a numeric claim
        ("claims", {"id", "document", "value", "unit", "of", "qualifier", "sentence", "start",
                    "end"}),
        # every actor the document discusses has the outlet's stance toward it
        ("stances", {"document", "actor", "polarity", "score", "evidence"}),
    ],
)  # fmt: skip
def test_each_extracted_part_has_the_contract_fields(
    export: dict[str, object], part: str, fields: set[str]
) -> None:
    records = export[part]
    assert isinstance(records, list) and records, f"no {part} in the export"
    for record in records:
        assert fields <= set(record)


def test_every_cross_reference_resolves_inside_the_file(export: dict[str, object]) -> None:
    actors = {a["id"] for a in export["actors"]}  # type: ignore[attr-defined]
    places = {p["id"] for p in export["places"]}  # type: ignore[attr-defined]
    documents = {d["id"] for d in export["documents"]}  # type: ignore[attr-defined]
    for event in export["events"]:  # type: ignore[attr-defined]
        assert set(event["actors"]) | set(event["recipients"]) <= actors
        assert event["place"] is None or event["place"] in places
        assert {s["document"] for s in event["sources"]} <= documents
    for quote in export["quotes"]:  # type: ignore[attr-defined]
        assert quote["speaker"] is None or quote["speaker"] in actors
        assert quote["document"] in documents
    for stance in export["stances"]:  # type: ignore[attr-defined]
        assert stance["actor"] in actors
    for claim in export["claims"]:  # type: ignore[attr-defined]
        text = next(d["text"] for d in export["documents"] if d["id"] == claim["document"])  # type: ignore[attr-defined]
        # a claim's sentence is the exact slice of its document's text
        assert text[claim["start"] : claim["end"]] == claim["sentence"]


@pytest.mark.parametrize(
    ("part", "kinds"),
    [
        # an actor is as sure as its best-supported mention's link
        ("actors", {"mention"}),
        # a place as its best-supported geocoding
        ("places", {"place"}),
        # an event told by one document has its own basis, a merged one its cluster's
        ("events", {"event", "cluster"}),
        ("quotes", {"quote"}),
        ("claims", {"claim"}),
        ("stances", {"stance"}),
    ],
)
def test_every_fact_carries_its_confidence_and_the_basis_it_came_from(
    export: dict[str, object], part: str, kinds: set[str]
) -> None:
    records = export[part]
    assert isinstance(records, list) and records
    for record in records:
        if part == "places" and record["lat"] is None:
            continue  # not geocoded: no geocoding to be sure of
        assert 0.0 <= record["confidence"] <= 1.0
        assert record["confidence_basis"].split(":")[0] in kinds
    for event in export["events"] if part == "events" else ():  # type: ignore[attr-defined]
        # each telling of a merged event keeps its own
        for source in event["sources"]:
            assert source["confidence_basis"].startswith("event:")


def test_the_export_keeps_every_fact_and_says_what_the_listings_show(
    export: dict[str, object],
) -> None:
    thresholds = export["min_confidence"]
    assert isinstance(thresholds, dict)
    assert {"event", "cluster", "quote", "mention", "place", "stance"} <= set(thresholds)
    # nothing is filtered: the export has facts below the thresholds too, when there are any
    assert all(0.0 <= value <= 1.0 for value in thresholds.values())


def test_an_unwritable_target_is_an_export_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with zenobia.open_corpus(tmp_path / "z.db") as corpus, pytest.raises(ExportError, match="Fix:"):
        corpus.export_json(blocker / "inside" / "out.json")


def test_pronouns_and_descriptions_count_for_their_actor_but_are_no_aliases(
    export: dict[str, object],
) -> None:
    aliases = {a for r in [*export["actors"], *export["places"]] for a in r["aliases"]}  # type: ignore[misc]
    # "it" and "the city" name no one by themselves: they never become an actor's name
    assert not aliases & {"it", "its", "they", "city", "City"}
