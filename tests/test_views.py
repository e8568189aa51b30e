"""Listings of a store as typed rows: events, disagreements, counts and skips."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from zenobia.confidence import ConfidenceTable, Threshold
from zenobia.errors import ZenobiaError
from zenobia.model import (
    Claim,
    Disagreement,
    DisagreementSide,
    Document,
    DocumentAnalysis,
    Event,
    EventCluster,
    EventDate,
    Mention,
    Place,
    Skip,
)
from zenobia.query import EventRow, Filters, list_events
from zenobia.resolve.actors import resolve_actors
from zenobia.store import Store
from zenobia.views import SideRow, list_disagreements, overview

NORTH = "Militia fighters shelled Orvel on Monday. Two ferries sank."
SOUTH = "The ferry crossing at Orvel was shelled by militia fighters."

EVENT = Event(
    id="e-north",
    doc_id="north",
    sentence_index=0,
    start_char=0,
    end_char=NORTH.index(".") + 1,
    trigger_start=17,
    trigger_end=24,
    type="ASSAULT",
    mode="shell",
    context=(),
    source_mention_ids=(),
    target_mention_ids=(),
    source_text="Militia fighters",
    target_text="Orvel",
    place_mention_id=None,
    date=EventDate("2021-03-01", "2021-03-01", "weekday"),
    status="asserted",
    dead=None,
    injured=None,
)
SOUTH_EVENT = replace(
    EVENT,
    id="e-south",
    doc_id="south",
    end_char=len(SOUTH),
    source_text="militia fighters",
    status="reported",
)
SINKING = replace(
    EVENT,
    id="e-sink",
    sentence_index=1,
    start_char=NORTH.index("Two"),
    end_char=len(NORTH),
    trigger_start=NORTH.index("sank"),
    type="COERCE",
    mode=None,
    source_text=None,
    date=None,
)
ORVEL = Place("gn:7", "Orvel", 45.0, 20.0, "XXX", None, 7, "city")
SHELLING = EventCluster(
    id="k-shelling",
    event_ids=("e-north", "e-south"),
    type="ASSAULT",
    mode="shell",
    context=(),
    actors=(),
    recipients=(),
    place_id="gn:7",
    date=EventDate("2021-03-01", "2021-03-01", "weekday"),
    status="asserted",
    dead=None,
    injured=None,
)
# more member events (two no longer stored) but told by one document: listed second
SINKING_CLUSTER = replace(
    SHELLING,
    id="k-sink",
    event_ids=("e-sink", "e-gone-1", "e-gone-2"),
    type="COERCE",
    mode=None,
    place_id=None,
)
FERRIES = Claim(
    id="c-ferries",
    doc_id="north",
    sentence_index=1,
    start_char=NORTH.index("Two"),
    end_char=len(NORTH),
    sentence="Two ferries sank.",
    value_start=NORTH.index("Two"),
    value_end=NORTH.index("Two") + 3,
    text="Two",
    value=2.0,
    value_high=None,
    unit=None,
    of="ferries",
    qualifier=None,
)
NUMERIC = Disagreement(
    id="x-ferries",
    about="Ferries sunk",
    kind="numeric",
    sides=(
        DisagreementSide("north", "c-ferries", "Two ferries sank."),
        DisagreementSide("south", None, "No ferry sank."),
    ),
)
FRAMING = Disagreement(
    id="x-frame",
    about="the shelling",
    kind="framing",
    sides=(DisagreementSide("north", None, "attack"), DisagreementSide("south", None, "raid")),
)


def _write(store: Store, doc_id: str, text: str, *, events: tuple[Event, ...] = ()) -> None:
    document = Document(id=doc_id, source=f"{doc_id}.txt", text=text)
    store.write_document(document, status="analyzed", fingerprint=doc_id, minhash=None)
    claims = (FERRIES,) if doc_id == "north" else ()
    store.write_analysis(DocumentAnalysis(document, places=(ORVEL,), events=events, claims=claims))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "z.db") as opened:
        with opened.transaction():
            _write(opened, "north", NORTH, events=(EVENT, SINKING))
            _write(opened, "south", SOUTH, events=(SOUTH_EVENT,))
            opened.replace_event_clusters([], [SINKING_CLUSTER, SHELLING], {})
            opened.replace_disagreements("numeric", [NUMERIC])
            opened.replace_disagreements("framing", [FRAMING])
            opened.record_skip(Skip("blank.txt", "empty", "blank.txt is empty"))
        yield opened


def test_merged_events_list_the_event_told_by_most_documents_first(store: Store) -> None:
    listing = list_events(store)
    assert listing.is_merged
    assert not listing.is_unresolved
    assert listing.rows[0] == EventRow(
        id="k-shelling",
        type="ASSAULT",
        mode="shell",
        date="2021-03-01",
        place="Orvel",
        actor="Militia fighters",
        status="asserted",
        documents=2,
        sentence="Militia fighters shelled Orvel on Monday.",
    )
    assert [(r.id, r.place, r.date, r.documents) for r in listing.rows[1:]] == [
        ("k-sink", None, "2021-03-01", 1)
    ]


@pytest.mark.parametrize(
    ("merged", "limit", "expected"),
    [
        # merged: the limit counts clusters
        (True, 1, ["k-shelling"]),
        # one by one: every extracted event in document order, each told by one document
        (False, 10, ["e-north", "e-sink", "e-south"]),
        # one by one, cut at the limit
        (False, 2, ["e-north", "e-sink"]),
    ],
)
def test_events_are_listed_merged_or_one_by_one_up_to_the_limit(
    store: Store, merged: bool, limit: int, expected: list[str]
) -> None:
    listing = list_events(store, Filters(limit=limit), merged=merged)
    assert [row.id for row in listing.rows] == expected
    if not merged:
        assert {row.documents for row in listing.rows} == {1}
        assert listing.rows[1].sentence == "Two ferries sank."


@pytest.mark.parametrize(
    ("linked", "expected"),
    [
        # a source linked to the knowledge base shows the actor's canonical name
        (("Orvel Defence Militia",), "Orvel Defence Militia"),
        # two linked mentions of one actor name it once; two actors are both named
        (("Orvel Defence Militia", "Orvel Defence Militia", "Navy"), "Orvel Defence Militia, Navy"),
        # no linked mention: the noun phrase the sentence gives ("militia fighters")
        ((), "Militia fighters"),
    ],
)
def test_an_events_actor_is_named_by_its_linked_actors_else_by_its_noun_phrase(
    tmp_path: Path, linked: tuple[str, ...], expected: str
) -> None:
    mentions = tuple(
        Mention(
            id=f"m{i}",
            doc_id="north",
            sentence_index=0,
            start_char=0,
            end_char=16,
            text="Militia fighters",
            label="ORG",
            canonical=name,
        )
        for i, name in enumerate(linked)
    )
    event = replace(EVENT, source_mention_ids=tuple(m.id for m in mentions))
    with Store(tmp_path / "z.db") as opened:
        with opened.transaction():
            document = Document(id="north", source="north.txt", text=NORTH)
            opened.write_document(document, status="analyzed", fingerprint="n", minhash=None)
            opened.write_analysis(DocumentAnalysis(document, mentions=mentions, events=(event,)))
            opened.replace_event_clusters([], [replace(SHELLING, event_ids=(event.id,))], {})
        merged = list_events(opened).rows[0].actor
        one_by_one = list_events(opened, merged=False).rows[0].actor
    assert merged == one_by_one == expected


def test_events_not_merged_yet_are_flagged_as_unresolved(store: Store) -> None:
    with store.transaction():
        store.replace_event_clusters(["k-shelling", "k-sink"], [], {})
    listing = list_events(store)
    assert (listing.rows, listing.is_unresolved) == ((), True)


def test_an_empty_store_lists_no_events_and_nothing_to_resolve(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as empty:
        listing = list_events(empty)
    assert (listing.rows, listing.is_unresolved) == ((), False)


@pytest.mark.parametrize(
    ("kind", "about", "expected"),
    [
        # every kind, by kind then subject
        (None, None, ["x-frame", "x-ferries"]),
        # one kind
        ("numeric", None, ["x-ferries"]),
        # the subject filter ignores case
        (None, "FERRIES", ["x-ferries"]),
        # nothing matches
        ("event", None, []),
    ],
)
def test_disagreements_are_filtered_by_kind_and_subject(
    store: Store, kind: str | None, about: str | None, expected: list[str]
) -> None:
    assert [d.id for d in list_disagreements(store, kind=kind, about=about)] == expected


def test_a_numeric_side_carries_its_claims_number_as_written(store: Store) -> None:
    (row,) = list_disagreements(store, kind="numeric")
    assert row.sides == (
        SideRow("north", "Two", "Two ferries sank."),
        SideRow("south", None, "No ferry sank."),
    )


def test_an_unknown_disagreement_kind_is_an_error_naming_the_kinds(store: Store) -> None:
    with pytest.raises(ZenobiaError, match="numeric, framing, event"):
        list_disagreements(store, kind="numbers")


def test_the_overview_counts_rows_and_lists_skips(store: Store) -> None:
    found = overview(store)
    assert (found.counts["documents"], found.counts["skipped"]) == (2, 1)
    assert [s.source for s in found.skips] == ["blank.txt"]


# --- how sure: listings show, by default, only facts at or above their kind's threshold ------

TABLE = ConfidenceTable(
    rows={},
    thresholds={
        "event": Threshold("event", 0.6),
        "cluster": Threshold("cluster", 0.8),
        "disagreement": Threshold("disagreement", 0.5),
    },
)


@pytest.fixture
def judged(store: Store) -> Store:
    """The store with a confidence on each fact: the shelling is solid, the sinking is not."""
    solid = "cluster:docs=2:incident:dated"
    doubtful = "event:noun:none:asserted:COERCE"
    with store.transaction():
        store.replace_event_clusters(
            ["k-shelling", "k-sink"],
            [
                replace(SHELLING, confidence_basis=solid, confidence=0.9),
                replace(SINKING_CLUSTER, confidence_basis=doubtful, confidence=0.3),
            ],
            {},
        )
        framing = replace(FRAMING, confidence_basis="disagreement:framing", confidence=0.2)
        store.replace_disagreements("framing", [framing])
    return store


@pytest.mark.parametrize(
    ("merged", "min_confidence", "expected", "hidden"),
    [
        # merged: a cluster below its kind's threshold is hidden, and counted as hidden
        (True, None, ["k-shelling"], 1),
        # 0 shows everything
        (True, 0.0, ["k-shelling", "k-sink"], 0),
        # one minimum for every kind
        (True, 0.95, [], 2),
    ],
)
def test_events_below_their_threshold_are_hidden_unless_asked_for(
    judged: Store, merged: bool, min_confidence: float | None, expected: list[str], hidden: int
) -> None:
    floor = Filters(min_confidence=min_confidence)
    listing = list_events(judged, floor, merged=merged, table=TABLE)
    assert [row.id for row in listing.rows] == expected
    assert listing.hidden == hidden


def test_events_listed_one_by_one_follow_their_own_confidence(judged: Store) -> None:
    with judged.transaction():
        for event in (EVENT, SOUTH_EVENT, SINKING):
            judged._conn.execute(
                "UPDATE events SET confidence_basis = ?, confidence = NULL WHERE id = ?",
                (f"event:verb:source:asserted:{event.type}", event.id),
            )
        judged.score_facts(lambda basis: 0.3 if "COERCE" in basis else 0.7)
    listing = list_events(judged, merged=False, table=TABLE)
    assert [(row.id, row.confidence) for row in listing.rows] == [
        ("e-north", 0.7),
        ("e-south", 0.7),
    ]
    assert listing.hidden == 1


def test_disagreements_below_their_threshold_are_hidden_unless_asked_for(judged: Store) -> None:
    assert [d.id for d in list_disagreements(judged, table=TABLE)] == ["x-ferries"]
    shown = list_disagreements(judged, min_confidence=0.0, table=TABLE)
    assert [(d.id, d.confidence) for d in shown] == [("x-frame", 0.2), ("x-ferries", None)]


def test_an_events_actor_is_named_as_the_actor_its_name_was_merged_into(tmp_path: Path) -> None:
    names = ("Bassam Smith", "Bassam Smith", "Bassam al-Smith")
    mentions = tuple(
        Mention(f"m{i}", "north", 0, i, 16, name, "PERSON", name) for i, name in enumerate(names)
    )
    event = replace(EVENT, source_mention_ids=("m2",))
    with Store(tmp_path / "z.db") as opened:
        with opened.transaction():
            document = Document(id="north", source="north.txt", text=NORTH)
            opened.write_document(document, status="analyzed", fingerprint="n", minhash=None)
            opened.write_analysis(DocumentAnalysis(document, mentions=mentions, events=(event,)))
        before = list_events(opened, merged=False).rows[0].actor
        resolve_actors(opened)
        after = list_events(opened, merged=False).rows[0].actor
    # before corpus resolution its own name; after, the name of the actor it is one of
    assert (before, after) == ("Bassam al-Smith", "Bassam Smith")
