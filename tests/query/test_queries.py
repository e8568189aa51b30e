"""The query API: each analyst's question is one call with filters, answered from SQL."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import zenobia
from tests.query.stored import write_store
from zenobia.corpus import Corpus
from zenobia.errors import ZenobiaError
from zenobia.query import Filters, Rows


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("query") / "z.db"
    write_store(path)
    return path


@pytest.fixture
def corpus(db: Path) -> Iterator[Corpus]:
    with zenobia.open_corpus(db, read_only=True) as opened:
        yield opened


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # every document, by publication day
        ({}, ["north", "south"]),
        # an outlet, any case, any part of its name
        ({"outlet": "cour"}, ["south"]),
        # documents naming an actor, by its canonical name or as written
        ({"actor": "Orvel Militia"}, ["north"]),
        ({"actor": "governor"}, ["south"]),
        # a place both name
        ({"place": "orvel"}, ["north", "south"]),
        # publication days, both ends included
        ({"since": "2021-03-03"}, ["south"]),
        ({"until": "2021-03-02"}, ["north"]),
        ({"since": "2021-03-03", "until": "2021-03-04"}, []),
        # the limit
        ({"limit": 1}, ["north"]),
    ],
)
def test_documents_are_filtered_in_the_store(
    corpus: Corpus, filters: dict[str, Any], expected: list[str]
) -> None:
    assert [row.id for row in corpus.documents(**filters)] == expected


def test_a_document_row_names_its_outlet_and_counts_its_facts(corpus: Corpus) -> None:
    (north, _) = corpus.documents()
    assert (north.title, north.outlet, north.published) == ("North report", "Herald", "2021-03-02")
    assert (north.events, north.quotes, north.claims) == (1, 1, 1)


def test_a_document_is_found_by_the_start_of_its_id_with_its_actors_and_places(
    corpus: Corpus,
) -> None:
    found = corpus.document("nort")
    assert found.document.id == "north"
    # most mentioned first, then by name
    assert [a.name for a in found.actors] == ["Orvel Militia", "the mayor", "the militia commander"]
    assert [(p.name, p.mentions) for p in found.places] == [("Orvel", 1)]
    assert found.text.startswith("Militia fighters shelled Orvel")


@pytest.mark.parametrize(
    ("given", "message"),
    [
        # no such id
        ("west", "no document 'west'"),
        # too short to be a prefix: only the whole id is looked up
        ("no", "no document 'no'"),
    ],
)
def test_an_unknown_document_is_one_clear_error(corpus: Corpus, given: str, message: str) -> None:
    with pytest.raises(ZenobiaError, match=message):
        corpus.document(given)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["q-north", "q-south"]),
        # the speaker's linked name, or the phrase that speaks
        ({"actor": "Hana"}, ["q-south"]),
        ({"actor": "commander"}, ["q-north"]),
        # words in quotation marks, or reported speech
        ({"type": "direct"}, ["q-north"]),
        ({"type": "reported"}, ["q-south"]),
        ({"outlet": "herald"}, ["q-north"]),
        ({"since": date(2021, 3, 3)}, ["q-south"]),
        # a place named in the quote's own sentence (not elsewhere in its document)
        ({"place": "Orvel"}, []),
    ],
)
def test_quotes_are_filtered_by_speaker_type_outlet_day_and_place(
    corpus: Corpus, filters: dict[str, Any], expected: list[str]
) -> None:
    assert [row.id for row in corpus.quotes(**filters)] == expected


def test_an_unknown_quote_type_names_the_two_types(corpus: Corpus) -> None:
    with pytest.raises(ZenobiaError, match="--type direct or --type reported"):
        corpus.quotes(type="indirect")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"about": "killed"}, ["c-north", "c-south"]),
        ({"about": "wounded"}, []),
        # who gave the number
        ({"actor": "mayor"}, ["c-north"]),
        # a place named in the claim's sentence
        ({"place": "Orvel"}, ["c-south"]),
        ({"outlet": "Courier", "about": "civilians"}, ["c-south"]),
        # a unit the claims do not have
        ({"unit": "%"}, []),
    ],
)
def test_claims_are_filtered_by_subject_speaker_place_and_outlet(
    corpus: Corpus, filters: dict[str, Any], expected: list[str]
) -> None:
    assert [row.id for row in corpus.claims(**filters)] == expected


def test_a_claim_row_carries_its_number_sentence_and_outlet(corpus: Corpus) -> None:
    (claim,) = corpus.claims(outlet="Herald")
    assert (claim.text, claim.value, claim.of, claim.speaker) == (
        "Three", 3.0, "civilians killed", "the mayor"
    )  # fmt: skip
    assert claim.sentence == "Three civilians were killed, the mayor said."


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["k-orvel"]),
        # merged: kept when one of its tellings matches the actor or the outlet
        ({"actor": "orvel militia"}, ["k-orvel"]),
        ({"outlet": "Courier"}, ["k-orvel"]),
        ({"outlet": "Gazette"}, []),
        # the merged event's own type, place and days
        ({"type": "assault"}, ["k-orvel"]),
        ({"type": "PROTEST"}, []),
        ({"place": "orv"}, ["k-orvel"]),
        ({"since": "2021-03-01", "until": "2021-03-01"}, ["k-orvel"]),
        ({"since": "2021-03-02"}, []),
    ],
)
def test_merged_events_are_filtered_by_what_they_and_their_tellings_say(
    corpus: Corpus, filters: dict[str, Any], expected: list[str]
) -> None:
    assert [row.id for row in corpus.events(**filters).rows] == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["e-north", "e-south"]),
        # a linked actor's canonical name, or the noun phrase when none is linked
        ({"actor": "Orvel Militia"}, ["e-north"]),
        ({"actor": "militia"}, ["e-north", "e-south"]),
        ({"outlet": "herald"}, ["e-north"]),
        ({"limit": 1}, ["e-north"]),
    ],
)
def test_events_one_by_one_are_filtered_too(
    corpus: Corpus, filters: dict[str, Any], expected: list[str]
) -> None:
    assert [row.id for row in corpus.events(merged=False, **filters).rows] == expected


def test_a_merged_event_names_the_outlets_that_tell_it(corpus: Corpus) -> None:
    (row,) = corpus.events().rows
    assert (row.documents, row.outlets, row.place) == (2, ("Herald", "Courier"), "Orvel")


def test_an_event_shows_every_document_that_tells_it(corpus: Corpus) -> None:
    found = corpus.event("k-orv")
    assert found.is_merged
    assert [(s.outlet, s.title, s.sentence) for s in found.sources] == [
        ("Herald", "North report", "Militia fighters shelled Orvel on Monday."),
        ("Courier", "South report", "Orvel was shelled by militia fighters on Monday."),
    ]
    assert found.actors == ("Orvel Militia", "Militia fighters")
    assert (found.place, found.lat, found.lon) == ("Orvel", 35.0, 38.0)


def test_an_event_one_document_told_is_found_by_its_own_id(corpus: Corpus) -> None:
    found = corpus.event("e-south")
    assert not found.is_merged
    assert [s.doc_id for s in found.sources] == ["south"]


def test_disagreement_sides_are_named_by_outlet_and_title(corpus: Corpus) -> None:
    (found,) = corpus.disagreements()
    assert [(s.outlet, s.title, s.number) for s in found.sides] == [
        ("Herald", "North report", "Three"),
        ("Courier", "South report", "Five"),
    ]
    assert [d.id for d in corpus.disagreements(outlet="courier")] == ["x-dead"]
    assert list(corpus.disagreements(outlet="Gazette")) == []


def test_a_day_that_is_not_a_day_is_one_clear_error(corpus: Corpus) -> None:
    with pytest.raises(ZenobiaError, match="YYYY-MM-DD"):
        corpus.quotes(since="March 2021")
    with pytest.raises(ZenobiaError, match="swap the two dates"):
        Filters(since=date(2021, 3, 5), until=date(2021, 3, 1))


def test_text_filters_match_percent_and_underscore_as_written(corpus: Corpus) -> None:
    # LIKE's wildcards in a name are the characters themselves, not "anything"
    assert list(corpus.documents(outlet="%")) == []
    assert list(corpus.documents(outlet="H_rald")) == []


def test_rows_read_as_plain_dicts(corpus: Corpus) -> None:
    (quote, _) = corpus.quotes().dicts()
    assert quote["speaker"] == "the militia commander"
    assert quote["is_direct"] is True


def test_df_without_pandas_says_how_to_get_it(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ZenobiaError, match=r"pandas is not installed.*pip install pandas"):
        corpus.quotes().df()


def test_rows_compare_and_slice_like_a_tuple() -> None:
    rows = Rows([1, 2, 3])
    assert rows == [1, 2, 3]
    assert rows[1:] == Rows([2, 3])
    assert len(rows) == 3


def test_the_views_give_analysts_names_places_and_outlets(db: Path) -> None:
    # what Datasette, the sqlite3 shell or pandas.read_sql see
    conn = sqlite3.connect(db)
    try:
        events = conn.execute(
            "SELECT id, actor, place, outlet, sentence FROM events_view ORDER BY id"
        ).fetchall()
        speakers = conn.execute("SELECT speaker, outlet FROM quotes_view ORDER BY id").fetchall()
        numbers = conn.execute("SELECT text, of, speaker FROM claims_view ORDER BY id").fetchall()
    finally:
        conn.close()
    assert events == [
        ("e-north", "Orvel Militia", "Orvel", "Herald",
         "Militia fighters shelled Orvel on Monday."),
        ("e-south", "Militia fighters", "Orvel", "Courier",
         "Orvel was shelled by militia fighters on Monday."),
    ]  # fmt: skip
    assert speakers == [("the militia commander", "Herald"), ("Hana Saleh", "Courier")]
    assert numbers == [
        ("Three", "civilians killed", "the mayor"),
        ("Five", "civilians killed", "Hana Saleh"),
    ]
