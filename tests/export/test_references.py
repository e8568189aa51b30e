"""Every id an export refers to resolves inside the same file or folder (the PLOVER and ACLED
files, which hold no actor or place records, inside the JSON export of the same store)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import MappingProxyType

import pytest

from bench.references import dangling_in_records, dangling_references
from zenobia.confidence import ConfidenceFloor
from zenobia.store import Store
from zenobia.web.directory import build_directory
from zenobia.web.explore import EventFilter
from zenobia.web.queries import StoreView


@pytest.fixture(scope="module")
def dangling(
    store_path: Path, articles_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Counter[str]]]:
    """Dangling references of every format, for the exports' corpus and the web app's."""
    found = {}
    for name, path in (("exports", store_path), ("articles", articles_db)):
        with Store(path, read_only=True) as store:
            found[name] = dangling_references(store, tmp_path_factory.mktemp(name))
    return found


FORMATS = ("json", "csv", "parquet", "graphml", "gexf", "geojson", "plover", "acled")


@pytest.mark.parametrize("corpus", ["exports", "articles"])
@pytest.mark.parametrize("format", FORMATS)
def test_no_reference_dangles(
    dangling: dict[str, dict[str, Counter[str]]], corpus: str, format: str
) -> None:
    assert dangling[corpus][format] == Counter()


def test_the_check_finds_a_reference_to_a_missing_record() -> None:
    export = {
        "documents": [{"id": "d1", "duplicate_of": None}],
        "actors": [{"id": "a1", "documents": ["d1"]}],
        "places": [],
        # a merged event names an actor and a place no record has
        "events": [
            {
                "id": "e1",
                "actors": ["a1", "a2"],
                "recipients": [],
                "place": "p9",
                "sources": [{"document": "d1"}],
            }
        ],
        "quotes": [{"speaker": "a3", "document": "d1"}],
        "claims": [],
        "disagreements": [
            {"kind": "event", "about": "e2", "sides": [{"document": "d1", "claim": None}]}
        ],
        "stances": [{"actor": "a1", "holder": None, "document": "d2"}],
    }
    assert dangling_in_records(export) == Counter(
        {
            "event.actors": 1,
            "event.place": 1,
            "quote.speaker": 1,
            "disagreement.event": 1,
            "stance.document": 1,
        }
    )


def test_the_web_app_names_only_actors_and_places_its_directory_lists(articles_db: Path) -> None:
    everything = ConfidenceFloor(MappingProxyType({}), 0.0)
    with Store(articles_db, read_only=True) as store:
        view = StoreView(store, build_directory(store))
        events = view.events(EventFilter(show_all=True), everything, limit=10_000, offset=0)
        documents = [row[0] for row in store.rows("SELECT id FROM documents")]
        facts = [view.document_facts(str(d), everything) for d in documents]
    named = {a for e in events.items for a in (*e.actors, *e.recipients)}
    named |= {q.speaker for f in facts for q in f.quotes if q.speaker}
    named |= {a for f in facts for t in f.events for a in (*t.source.actors, *t.source.recipients)}
    named |= {m.actor for f in facts for m in f.mentions if m.actor}
    located = {e.place for e in events.items if e.place}
    assert named and named <= view.directory.actors.keys()
    assert located <= view.directory.places.keys()
