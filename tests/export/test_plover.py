"""Events in the store, the JSON export's `events` part, and the PLOVER JSONL export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import zenobia
from zenobia.cli import app
from zenobia.confidence import ConfidenceTable, Threshold
from zenobia.export.plover import plover_records, write_plover
from zenobia.model import Document, Event, EventDate
from zenobia.store import Store

ARTICLE = (
    "Front line report\n\n"
    "Government forces recaptured the town of Kandahar on Monday, killing 12 fighters, "
    "officials in Kabul said. The rebels did not attack the airport."
)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("events")
    (root / "front.txt").write_text(ARTICLE, encoding="utf-8")
    with zenobia.open_corpus(root / "z.db") as corpus:
        for _ in corpus.analyze([root / "front.txt"], processes=1):
            pass
    return root


@pytest.fixture(scope="module")
def export(corpus_dir: Path) -> dict[str, Any]:
    with zenobia.open_corpus(corpus_dir / "z.db") as corpus:
        path = corpus.export_json(corpus_dir / "export.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def plover(corpus_dir: Path) -> list[dict[str, Any]]:
    with Store(corpus_dir / "z.db") as store:
        path = write_plover(store, corpus_dir / "out" / "events.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _by_trigger(events: list[dict[str, Any]], text: str, word: str) -> dict[str, Any]:
    return next(e for e in events if text[e["trigger"]["start"] : e["trigger"]["end"]] == word)


def test_json_events_follow_the_contract(export: dict[str, Any]) -> None:
    text = export["documents"][0]["text"]
    event = _by_trigger(export["events"], text, "recaptured")
    assert {
        "id", "type", "mode", "context", "actors", "recipients", "place", "date", "status",
        "dead", "injured", "sources",
    } <= set(event)  # fmt: skip
    # the recapture of a town, reported by officials, with its toll
    assert (event["type"], event["mode"], event["status"], event["dead"]) == (
        "TAKE_CONTROL",
        "recapture",
        "reported",
        12,
    )
    # one source: the sentence, its exact text and offsets
    (source,) = event["sources"]
    assert text[source["start"] : source["end"]] == source["sentence"]
    assert source["document"] == export["documents"][0]["id"]


def test_json_event_references_resolve(export: dict[str, Any]) -> None:
    actors = {a["id"] for a in export["actors"]}
    places = {p["id"] for p in export["places"]}
    for event in export["events"]:
        # every actor, recipient and place id names a record of the same file
        assert set(event["actors"]) <= actors
        assert set(event["recipients"]) <= actors
        assert event["place"] is None or event["place"] in places
    text = export["documents"][0]["text"]
    recapture = _by_trigger(export["events"], text, "recaptured")
    # the recaptured town is the place
    place = next(p for p in export["places"] if p["id"] == recapture["place"])
    assert "Kandahar" in [place["name"], *place["aliases"]]


def test_negated_events_are_kept_with_their_status(export: dict[str, Any]) -> None:
    text = export["documents"][0]["text"]
    assert _by_trigger(export["events"], text, "attack")["status"] == "negated"


def test_plover_records_use_the_manual_field_names(plover: list[dict[str, Any]]) -> None:
    record = next(r for r in plover if r["event_text"] == ["recaptured"])
    assert {
        "id", "date", "enddate", "actor", "recipient", "event", "mode", "context", "quad_code",
        "event_loc", "event_text", "text", "text_info", "cite_info", "link",
    } <= set(record)  # fmt: skip
    # the extension is written as base PLOVER (lists, as the manual has them), and kept aside
    assert (record["event"], record["event_type"], record["mode"]) == (
        ["COERCE"],
        "COERCE",
        ["seize"],
    )
    assert (record["zenobia_type"], record["zenobia_mode"]) == ("TAKE_CONTROL", "recapture")
    # COERCE is material conflict, the manual's quad 4
    assert record["quad_code"] == 4
    # a generic actor keeps its text
    assert record["actor"][0]["entity_text"] == "Government forces"
    assert record["event_loc"]["extracted_place"] == "Kandahar"
    assert record["event_loc"]["country_code"] == "AFG"
    assert record["cite_info"]["coder"].startswith("zenobia ")


def test_plover_records_link_to_the_merged_event_of_the_json_export(
    plover: list[dict[str, Any]], export: dict[str, Any]
) -> None:
    merged = {s["event"]: e["id"] for e in export["events"] for s in e["sources"]}
    for record in plover:
        assert record["link"] == merged[record["id"]]


def test_plover_offsets_index_the_document(plover: list[dict[str, Any]]) -> None:
    for record in plover:
        info = record["text_info"]
        sentence = ARTICLE[info["start"] : info["end"]]
        # the stored text is the article body; offsets find the sentence and the trigger
        assert sentence == record["text"]
        assert [ARTICLE[info["event_start"] : info["event_end"]]] == record["event_text"]


def test_the_store_round_trips_an_event(tmp_path: Path) -> None:
    event = Event(
        id="e1", doc_id="d1", sentence_index=0, start_char=0, end_char=20, trigger_start=5,
        trigger_end=10, type="ASSAULT", mode="heavy-weapons", context=("military",),
        source_mention_ids=("m1", "m2"), target_mention_ids=(), source_text="the army",
        target_text=None, place_mention_id=None,
        date=EventDate("2020-01-01", "2020-01-02", "weekday"), status="reported", dead=3,
        injured=None,
    )  # fmt: skip
    with Store(tmp_path / "z.db") as store:
        with store.transaction():
            document = Document(id="d1", source="test", text="The army shelled the town.")
            store.write_document(document, status="analyzed", fingerprint="f", minhash=None)
            store.write_events([event, event])
        # upserts: written twice, stored once, read back equal
        assert list(store.events()) == [event]


def test_the_cli_writes_plover_jsonl(corpus_dir: Path) -> None:
    out = corpus_dir / "cli" / "events.jsonl"
    result = CliRunner().invoke(
        app, ["export", "--format", "plover", "--out", str(out), "--db", str(corpus_dir / "z.db")]
    )
    assert result.exit_code == 0, result.output
    # one PLOVER record a line
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["event"] for line in lines)


def test_plover_records_carry_their_confidence(plover: list[dict[str, Any]]) -> None:
    for record in plover:
        assert 0.0 <= record["confidence"] <= 1.0
        assert record["confidence_basis"].startswith("event:")


@pytest.mark.parametrize(
    ("min_confidence", "threshold", "expected"),
    [
        # by default, only events at or above the event threshold of the table
        (None, 0.99, 0),
        (None, 0.0, 2),
        # 0 writes every event (--all), whatever the table says
        (0.0, 0.99, 2),
        # one minimum, above every event
        (0.99, 0.0, 0),
    ],
)
def test_plover_writes_only_the_events_sure_enough(
    corpus_dir: Path, min_confidence: float | None, threshold: float, expected: int
) -> None:
    table = ConfidenceTable(rows={}, thresholds={"event": Threshold("event", threshold)})
    with Store(corpus_dir / "z.db") as store:
        every = len(list(store.events()))
        found = plover_records(store, min_confidence=min_confidence, table=table)
    assert every == 2
    assert len(found) == expected


def test_plover_entities_carry_country_sector_and_wikidata(store_path: Path) -> None:
    with Store(store_path) as store:
        records = plover_records(store, min_confidence=0.0)
    accusation = next(r for r in records if r["event_type"] == "ACCUSE" and r["recipient"])
    # "Russia accused Turkey": a capital's or state's government acts, a state is accused
    (actor,) = accusation["actor"]
    (recipient,) = accusation["recipient"]
    assert (actor["code"], actor["sector"], actor["entity_text"]) == ("RUS", "GOV", "Russia")
    assert (recipient["code"], recipient["identifier_id"]) == ("TUR", "Q43")
    # ACCUSE is verbal conflict, the manual's quad 3
    assert accusation["quad_code"] == 3
