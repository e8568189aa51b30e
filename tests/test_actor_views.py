"""Everything about an actor: the store's actors, and every mention of one however written."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from zenobia.actor_views import find_actors, list_actors, list_places
from zenobia.corpus import open_corpus
from zenobia.errors import ZenobiaError
from zenobia.export.json import build_export
from zenobia.store import Store

NEWS = {
    "statement.txt": (
        "Hezbollah fired rockets from Tyre on Monday, the Lebanese group said in a statement."
    ),
    "denial.txt": "Hizballah denied the report on Tuesday. It said its fighters had not moved.",
    "convoy.txt": (
        "The Korvath Liberation Front attacked a convoy near Qaraat. Lena Varga, a spokeswoman "
        "for the Korvath Liberation Front, confirmed the attack."
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    root = tmp_path_factory.mktemp("actors")
    (root / "news").mkdir()
    for name, text in NEWS.items():
        (root / "news" / name).write_text(text, encoding="utf-8")
    with open_corpus(root / "z.db") as corpus:
        for _ in corpus.analyze([root / "news"], processes=1):
            pass
        yield corpus.store


def test_a_transliteration_finds_every_mention_of_the_actor(store: Store) -> None:
    # every mention, whatever its confidence: pronouns and descriptions are below the default
    (match,) = find_actors(store, "Hizbullah", min_confidence=0.0)
    assert (match.actor.name, match.actor.kind, match.actor.wikidata) == (
        "Hezbollah",
        "armed_group",
        "Q41053",
    )
    written = {mention.text for mention in match.mentions}
    # names as written, the description by nationality, and the pronouns that stand for it
    assert {"Hezbollah", "Hizballah", "Lebanese group", "It", "its"} <= written
    assert match.actor.documents == 2
    assert match.actor.mentions == len(match.mentions)


def test_every_mention_points_into_its_sentence(store: Store) -> None:
    (match,) = find_actors(store, "hezbollah")
    for mention in match.mentions:
        start = mention.start_char - mention.sentence_start
        assert mention.sentence[start : start + len(mention.text)] == mention.text


@pytest.mark.parametrize(
    "query",
    [
        # an actor unknown to the knowledge base, by its normalised name
        "the korvath liberation front",
        # part of a name, when nothing is named exactly so
        "Korvath",
    ],
)
def test_an_unknown_actor_is_found_by_its_name_or_part_of_it(store: Store, query: str) -> None:
    (match,) = find_actors(store, query, min_confidence=0.0)
    assert match.actor.name == "Korvath Liberation Front"
    assert len(match.mentions) == 2


def test_a_name_no_actor_has_finds_nothing(store: Store) -> None:
    assert find_actors(store, "Veldrian Navy") == []


def test_mentions_are_capped_but_still_counted(store: Store) -> None:
    (match,) = find_actors(store, "Hezbollah", limit=2)
    assert len(match.mentions) == 2
    assert match.actor.mentions > 2


def test_an_empty_name_is_a_clear_error(store: Store) -> None:
    with pytest.raises(ZenobiaError, match="no letter or digit"):
        find_actors(store, " - ")


def test_actors_are_listed_by_kind_with_the_exports_ids(store: Store) -> None:
    groups = list_actors(store, kind="armed_group")
    assert [row.name for row in groups][:1] == ["Hezbollah"]
    assert all(row.kind == "armed_group" for row in groups)
    exported = {actor["id"]: actor for actor in build_export(store)["actors"]}
    assert exported[groups[0].id]["wikidata"] == "Q41053"


def test_an_unknown_kind_is_a_clear_error(store: Store) -> None:
    with pytest.raises(ZenobiaError, match="unknown actor kind"):
        list_actors(store, kind="militia")


def test_places_are_listed_geocoded_and_by_country(store: Store) -> None:
    (tyre,) = [row for row in list_places(store, country="lbn") if row.name == "Tyre"]
    assert tyre.lat is not None and tyre.lon is not None
    assert abs(tyre.lat - 33.27) < 0.1 and abs(tyre.lon - 35.20) < 0.1
    assert (tyre.mentions, tyre.documents) == (1, 1)
    assert list_places(store, country="USA") == []
