"""Merging actors outside the knowledge base across documents: allowed and forbidden merges."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from zenobia import ids
from zenobia.export.json import build_export
from zenobia.model import Document, DocumentAnalysis, Mention, MentionLabel, Sentence
from zenobia.resolve.actors import (
    ActorMerge,
    build_actors,
    merge_actors,
    name_form,
    resolve_actors,
)
from zenobia.store.sqlite import Store


def _mention(
    doc: str,
    name: str,
    *,
    label: MentionLabel = "PERSON",
    affiliation: str | None = None,
    role: str | None = None,
    entry_id: str | None = None,
    n: int = 0,
) -> Mention:
    return Mention(
        id=f"{doc}-{name}-{n}",
        doc_id=doc,
        sentence_index=0,
        start_char=0,
        end_char=len(name),
        text=name,
        label=label,
        canonical=name,
        affiliation=affiliation,
        role=role,
        entry_id=entry_id,
    )


def _pairs(merges: list[ActorMerge]) -> set[tuple[str, str, str]]:
    return {(m.from_key, m.into_key, m.basis) for m in merges}


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # an article after the first word is dropped
        ("bassam al smith", (("bassam", "smith"), {"article"})),
        # a transliteration variant is spelled one way
        ("mohamed karimov", (("muhammad", "karimov"), {"spelling"})),
        # a kinship word is not an article
        ("abu tarin", (("abu", "tarin"), set())),
        # an article-like first word is kept ("Al Brenner")
        ("al brenner", (("al", "brenner"), set())),
    ],
)
def test_name_form(key: str, expected: tuple[tuple[str, ...], set[str]]) -> None:
    assert name_form(key) == expected


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # name-particle variants across two documents
        (
            [
                _mention("a", "Bassam Smith"),
                _mention("a", "Bassam Smith", n=1),
                _mention("b", "Bassam al-Smith"),
            ],
            {("name:bassam al smith", "name:bassam smith", "article")},
        ),
        # transliteration variants
        (
            [
                _mention("a", "Mohammed Tarin"),
                _mention("b", "Muhammad Tarin"),
                _mention("b", "Muhammad Tarin", n=1),
            ],
            {("name:mohammed tarin", "name:muhammad tarin", "spelling")},
        ),
        # an initial with a shared affiliation
        (
            [
                _mention("a", "John Kirwan", affiliation="Ministry of Rivers"),
                _mention("b", "J. Kirwan", affiliation="Ministry of Rivers"),
            ],
            {("name:j kirwan", "name:john kirwan", "initial+affiliation")},
        ),
        # an initial with a shared role
        (
            [
                _mention("a", "John Kirwan", role="spokesman"),
                _mention("b", "J. Kirwan", role="Spokesman"),
            ],
            {("name:j kirwan", "name:john kirwan", "initial+role")},
        ),
    ],
)
def test_allowed_merges(mentions: list[Mention], expected: set[tuple[str, str, str]]) -> None:
    assert _pairs(merge_actors(mentions)) == expected


@pytest.mark.parametrize(
    "mentions",
    [
        # a surname alone never merges with a full name across documents
        [_mention("a", "Kirwan"), _mention("b", "John Kirwan")],
        # an initial without a shared affiliation or role
        [
            _mention("a", "John Kirwan", affiliation="Ministry of Rivers"),
            _mention("b", "J. Kirwan", affiliation="Harbour Board"),
        ],
        # an initial that fits two full names is ambiguous
        [
            _mention("a", "John Kirwan", role="spokesman"),
            _mention("b", "Jane Kirwan", role="spokesman"),
            _mention("c", "J. Kirwan", role="spokesman"),
        ],
        # different first names with one surname are different people
        [_mention("a", "Omar Tarin"), _mention("b", "Karim Tarin")],
        # organisations are not merged by name rules
        [
            _mention("a", "Bassam Smith Group", label="ORG"),
            _mention("b", "Bassam al-Smith Group", label="ORG"),
        ],
        # knowledge-base mentions are grouped by entry already
        [
            _mention("a", "Bassam Smith", entry_id="Q1"),
            _mention("b", "Bassam al-Smith", entry_id="Q1"),
        ],
    ],
)
def test_forbidden_merges(mentions: list[Mention]) -> None:
    assert merge_actors(mentions) == []


def test_a_merge_goes_into_the_most_mentioned_form_with_a_score() -> None:
    mentions = [
        _mention("a", "Yousef Darwan"),
        _mention("b", "Yusuf Darwan"),
        _mention("b", "Yusuf Darwan", n=1),
        _mention("c", "Yusef al-Darwan"),
    ]
    merges = merge_actors(mentions)
    assert {(m.from_key, m.into_key, m.basis, m.score) for m in merges} == {
        ("name:yousef darwan", "name:yusuf darwan", "spelling", 1.0),
        ("name:yusef al darwan", "name:yusuf darwan", "article+spelling", 1.0),
    }


def _linked(doc: str, written: str, full: str, basis: str = "acronym") -> Mention:
    """A short form a document linked to the full name it stands for."""
    return replace(_mention(doc, written, label="ORG", n=1), canonical=full, link_basis=basis)


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # an acronym one document defined joins the full name in another document
        (
            [
                _mention("a", "Korvath Liberation Front", label="ORG"),
                _linked("a", "KLF", "Korvath Liberation Front"),
                _mention("b", "KLF", label="ORG"),
            ],
            {("name:klf", "name:korvath liberation front", "alias")},
        ),
        # the same form linked to two organisations: ambiguous, nothing merges
        (
            [
                _linked("a", "KLF", "Korvath Liberation Front"),
                _linked("c", "KLF", "Kesh Labour Federation"),
                _mention("b", "KLF", label="ORG"),
            ],
            set(),
        ),
        # a head-noun short form ("the Army" of "<Name> Army") may be any army elsewhere
        (
            [
                _linked("a", "Army", "Korvath Army", basis="short-form"),
                _mention("b", "Army", label="ORG"),
            ],
            set(),
        ),
        # a person's name is never merged this way
        (
            [
                _linked("a", "Varga", "Lena Varga", basis="surname"),
                _mention("b", "Varga"),
            ],
            set(),
        ),
    ],
)
def test_an_organisations_short_name_joins_the_one_full_name_it_was_linked_to(
    mentions: list[Mention], expected: set[tuple[str, str, str]]
) -> None:
    assert _pairs(merge_actors(mentions)) == expected


def test_the_export_groups_merged_names_as_one_actor(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store, store.transaction():
        for doc, name in (("a", "Bassam Smith"), ("b", "Bassam Smith"), ("c", "Bassam al-Smith")):
            text = f"{name} spoke."
            document = Document(id=doc, source=doc, text=text)
            store.write_document(document, status="analyzed", fingerprint=doc, minhash=None)
            store.write_analysis(
                DocumentAnalysis(
                    document=document,
                    sentences=(Sentence(doc, 0, 0, len(text), text),),
                    mentions=(_mention(doc, name),),
                )
            )
    with Store(tmp_path / "z.db") as store:
        assert resolve_actors(store) == {"actor_merges": 1, "actors": 1}
        actors = build_export(store)["actors"]
        (stored,) = store.actors()
    (actor,) = actors
    assert (actor["name"], actor["documents"], actor["aliases"]) == (
        "Bassam Smith",
        ["a", "b", "c"],
        ["Bassam al-Smith"],
    )
    # the store says which group was merged into the actor
    assert (stored.id, stored.key, stored.merged_from) == (
        actor["id"],
        "name:bassam smith",
        ("name:bassam al smith",),
    )


def test_every_mention_that_names_an_actor_is_linked_to_one_stored_actor() -> None:
    mentions = [
        _mention("a", "Bassam Smith"),
        _mention("b", "Bassam al-Smith"),
        _mention("a", "Korvath Liberation Front", label="ORG", entry_id="Q1", n=1),
        # a place that does not act names no actor
        _mention("a", "Tarsi", label="GPE", n=2),
    ]
    merges = {"name:bassam al smith": "name:bassam smith"}
    actors, links = build_actors(mentions, merges, {"Q1": "Q123"}.get)
    by_id = {actor.id: actor for actor in actors}
    assert dict(links).keys() == {m.id for m in mentions[:3]}
    # merged names are one actor, under the id of the group they were merged into
    assert dict(links)["b-Bassam al-Smith-0"] == ids.actor_id("name:bassam smith")
    assert set(dict(links).values()) == by_id.keys()
    # a knowledge-base actor keeps its entry's Wikidata id
    front = by_id[ids.actor_id("kb:Q1")]
    assert (front.name, front.wikidata, front.mentions) == ("Korvath Liberation Front", "Q123", 1)


def test_ids_follow_merges_passed_in_and_nothing_else() -> None:
    merges = {"name:j smith": "name:john smith"}
    # the same key gives the same id with or without unrelated merges
    assert ids.actor_id("name:ana diaz") == ids.actor_id("name:ana diaz", merges)
    assert ids.actor_id("name:j smith", merges) == ids.actor_id("name:john smith")
    assert ids.actor_id("name:j smith") != ids.actor_id("name:john smith")
