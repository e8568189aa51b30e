"""Merging events across documents: blocks, matching, clusters, contradictions, the store."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from zenobia import ids
from zenobia.export.json import build_export
from zenobia.model import (
    Document,
    DocumentAnalysis,
    Event,
    EventDate,
    EventStatus,
    Mention,
    Place,
    PloverType,
    PublishedDate,
    Sentence,
)
from zenobia.resolve import resolve_corpus
from zenobia.resolve.event_background import is_background
from zenobia.resolve.event_families import modes_compatible
from zenobia.resolve.event_sides import perpetrator_sides
from zenobia.resolve.events import (
    MERGE_RULES_KEY,
    MERGE_RULES_VERSION,
    ClusterProfile,
    EventFacts,
    PlaceRef,
    block_keys,
    build_cluster,
    contradictions,
    date_relation,
    discourse_places,
    event_facts,
    lead_place,
    lead_words,
    merge_events,
    place_relation,
    resolve_events,
    undated_threshold,
)
from zenobia.store import Store

# A fictional country with two cities in one province and a third city elsewhere.
PLACES = {
    "gn:100": Place("gn:100", "Veldria", 0.0, 0.0, "XVL", None, 100, "country"),
    "gn:200": Place("gn:200", "North Marches", 1.0, 1.0, "XVL", "XV.01", 200, "admin1"),
    "gn:1": Place("gn:1", "Korvath", 1.0, 1.1, "XVL", "XV.01", 1, "city"),
    "gn:2": Place("gn:2", "Essin", 1.2, 1.0, "XVL", "XV.01", 2, "city"),
    "gn:3": Place("gn:3", "Dalmor", 5.0, 5.0, "XVL", "XV.02", 3, "city"),
    "gn:900": Place("gn:900", "Ostrava Republic", 9.0, 9.0, "XOR", None, 900, "country"),
}

STRIKE = (
    "Jets of the Veldrian Air Force bombed the market of Korvath on Tuesday, killing 31 people."
)
STRIKE_2 = (
    "At least 31 people died when Veldrian Air Force jets bombed a Korvath market on Tuesday."
)
OTHER = "Rebels ambushed an army convoy on a highway, officials said."


def _mention(doc: str, n: int, text: str, label: str, **fields: str | None) -> Mention:
    return Mention(
        id=f"{doc}-m{n}",
        doc_id=doc,
        sentence_index=0,
        start_char=0,
        end_char=len(text),
        text=text,
        label=label,  # type: ignore[arg-type]
        canonical=text,
        **fields,  # type: ignore[arg-type]
    )


def _facts(
    doc: str,
    sentence: str,
    *,
    type_: PloverType = "ASSAULT",
    mode: str | None = "heavy-weapons",
    place: str | None = "gn:1",
    day: str | None = "2031-03-04",
    end: str | None = None,
    basis: str = "weekday",
    status: EventStatus = "asserted",
    actor: str | None = "Veldrian Air Force",
    actor_text: str | None = None,
    actor_kind: str = "military",
    actor_country: str | None = None,
    dead: int | None = None,
    published: str | None = None,
    n: int = 0,
    lead: PlaceRef | None = None,
    inferred: bool = False,
    lead_text: str = "",
    start: int = 0,
) -> EventFacts:
    """One event of document `doc`, with its place and actor as mentions of the same doc."""
    mentions: dict[str, Mention] = {}
    sources: tuple[str, ...] = ()
    if actor:
        mention = _mention(
            doc, 1, actor, "ORG", entry_id=f"kb-{actor}", kind=actor_kind, country=actor_country
        )
        mentions[mention.id] = mention
        sources = (mention.id,)
    place_id = None
    if place:
        known = PLACES.get(place)
        name = known.name if known else place
        mention = _mention(doc, 2, name, "GPE", place_id=place if known else None)
        mentions[mention.id] = mention
        place_id = mention.id
    event = Event(
        id=f"{doc}-e{n}",
        doc_id=doc,
        sentence_index=0,
        start_char=start,
        end_char=start + len(sentence),
        trigger_start=start,
        trigger_end=start + 1,
        type=type_,
        mode=mode,
        context=(),
        source_mention_ids=sources,
        target_mention_ids=(),
        source_text=actor_text or actor,
        target_text=None,
        place_mention_id=place_id,
        date=EventDate(day, end or day, basis) if day else None,
        status=status,
        dead=dead,
        injured=None,
    )
    pub = (
        PublishedDate(
            date=published,
            is_inferred=inferred,
            basis="meta",
            precision="month" if inferred else "day",
        )
        if published
        else None
    )
    return event_facts(event, sentence, mentions, PLACES, pub, lead, lead_words(lead_text))


def _groups(facts: list[EventFacts]) -> set[frozenset[str]]:
    return {frozenset(f.split("-")[0] for f in group) for group in merge_events(facts)}


# --- places and dates --------------------------------------------------------------------------


def _ref(place_id: str) -> PlaceRef:
    p = PLACES[place_id]
    return PlaceRef(p.id, p.country, p.admin1, p.feature, p.name)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("gn:1", "gn:1", "same"),  # the same city
        ("gn:1", "gn:100", "nested"),  # a city inside its country
        ("gn:200", "gn:2", "nested"),  # a city inside its first-level division
        ("gn:1", "gn:3", "disjoint"),  # two cities of one country
        ("gn:1", "gn:900", "disjoint"),  # a city and another country
        ("gn:1", None, "unknown"),  # one side gives no place
    ],
)
def test_place_relations(a: str, b: str | None, expected: str) -> None:
    assert place_relation(_ref(a), _ref(b) if b else None) == expected


def test_a_place_that_was_not_geocoded_is_never_disjoint() -> None:
    # an ungeocoded quarter may lie inside the geocoded city: no conflict can be read
    quarter = PlaceRef("zp:q", "XVL", None, None, "Old Quarter")
    assert place_relation(quarter, _ref("gn:1")) == "unknown"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # both stated, the same day
        (dict(day="2031-03-04"), dict(day="2031-03-04"), "same"),
        # a stated week containing a stated day
        (dict(day="2031-03-02", end="2031-03-08"), dict(day="2031-03-04"), "overlap"),
        # two stated days a week apart
        (dict(day="2031-03-04"), dict(day="2031-03-11"), "disjoint"),
        # a publication-date guess two days after the stated day
        (dict(day="2031-03-04"), dict(day=None, published="2031-03-06"), "near"),
        # a publication-date guess three weeks later
        (dict(day="2031-03-04"), dict(day=None, published="2031-03-25"), "far"),
    ],
)
def test_date_relations(a: dict[str, str], b: dict[str, str], expected: str) -> None:
    assert date_relation(_facts("a", STRIKE, **a), _facts("b", STRIKE, **b)) == expected  # type: ignore[arg-type]


# --- blocks -------------------------------------------------------------------------------------


def test_a_city_event_falls_in_its_country_block_and_its_actor_block() -> None:
    keys = block_keys(_facts("a", STRIKE))
    # the city, its country, and the perpetrator, for the same family and week
    assert any("|p:gn:1|" in k for k in keys)
    assert any("|p:XVL|" in k for k in keys)
    assert any("|a:" in k for k in keys)
    assert all(k.startswith("assault|") for k in keys)


@pytest.mark.parametrize(
    ("sentence_index", "expected"),
    [
        (0, "gn:1"),  # a city in the lead is where the story happens
        (6, "country:XVL"),  # a city deep in the text only tells the country
    ],
)
def test_the_lead_place_of_a_document(sentence_index: int, expected: str) -> None:
    city = replace(
        _mention("a", 5, "Korvath", "GPE", place_id="gn:1"), sentence_index=sentence_index
    )
    lead = lead_place([city], PLACES)
    assert lead is not None and (lead.id, lead.inferred) == (expected, True)


def test_an_event_without_a_place_meets_located_events_of_its_documents_country() -> None:
    lead = lead_place(
        [replace(_mention("b", 5, "Dalmor", "GPE", place_id="gn:3"), sentence_index=6)], PLACES
    )
    unplaced = _facts("b", STRIKE_2, place=None, actor=None, lead=lead)
    located = _facts("a", STRIKE, actor=None)
    assert set(block_keys(unplaced)) & set(block_keys(located))
    # and they merge: an inferred place is never a conflict
    assert frozenset({"a", "b"}) in _groups([located, unplaced])


@pytest.mark.parametrize(
    "fields",
    [
        dict(day="2031-01-01", end="2031-12-31"),  # a year is too vague to merge on
        dict(day=None),  # no date and no publication date
        dict(type_="ASSAULT", mode=None, day=None, published="2031-03-04", actor=None, place=None),
    ],
)
def test_events_without_a_usable_date_stay_alone_or_block_on_publication(
    fields: dict[str, str | None],
) -> None:
    keys = block_keys(_facts("a", STRIKE, **fields))  # type: ignore[arg-type]
    if fields.get("published"):
        # a publication guess still blocks, on "no place" for its week
        assert keys and all("|p:?|" in k for k in keys)
    else:
        # only the undated block of its type, mode and city (compare_undated)
        assert keys == ("assault|ASSAULT:heavy-weapons|u|gn:1",)


# --- merging ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "merged"),
    [
        # two outlets, one strike: same city, day, perpetrator and toll, different wording
        (dict(dead=31), dict(sentence=STRIKE_2, dead=31), True),
        # the same wording, but one outlet names only the country
        (dict(), dict(sentence=STRIKE_2, place="gn:100"), True),
        # shelling and an air strike are one family
        (dict(mode="heavy-weapons"), dict(sentence=STRIKE_2, mode="firearms"), True),
        # capture and recapture of one town by one side are one family
        (
            dict(type_="TAKE_CONTROL", mode="capture", sentence="The army captured Korvath."),
            dict(type_="TAKE_CONTROL", mode="recapture", sentence="The army retook Korvath."),
            True,
        ),
        # same place, day, perpetrator and toll, but wording with nothing in common
        (dict(dead=31), dict(sentence="Pilots fired at a truck near the bridge.", dead=31), False),
        # same type and country, nothing else in common
        (dict(place="gn:100"), dict(sentence=OTHER, place="gn:100", actor=None), False),
        # one wording, but an assault and a protest are different families
        (dict(), dict(sentence=STRIKE_2, type_="PROTEST", mode="demo"), False),
        # one wording a week apart and in another city: two conflicts are too many
        (dict(), dict(sentence=STRIKE, day="2031-03-11", place="gn:3"), False),
        # a publication-date guess three weeks after the stated day
        (dict(), dict(sentence=STRIKE_2, day=None, published="2031-03-25"), False),
    ],
)
def test_merging_two_events(a: dict[str, object], b: dict[str, object], merged: bool) -> None:
    first = _facts("a", str(a.pop("sentence", STRIKE)), **a)  # type: ignore[arg-type]
    second = _facts("b", str(b.pop("sentence", STRIKE)), **b)  # type: ignore[arg-type]
    groups = _groups([first, second])
    assert (frozenset({"a", "b"}) in groups) is merged


@pytest.mark.parametrize(
    ("actor_b", "merged"),
    [
        ("Veldrian Air Force", True),  # the same government repeats the same accusation
        ("Ostrava Ministry", False),  # another actor says the same words: another statement
    ],
)
def test_statements_merge_only_when_the_same_actor_makes_them(actor_b: str, merged: bool) -> None:
    words = "The Veldrian Air Force accused Ostrava of arming the rebels in Korvath."
    a = _facts("a", words, type_="ACCUSE", mode="allege", place=None)
    b = _facts("b", words, type_="ACCUSE", mode="allege", place=None, actor=actor_b)
    assert (frozenset({"a", "b"}) in _groups([a, b])) is merged


def test_two_events_of_one_document_are_not_merged_with_each_other() -> None:
    # one article telling of two strikes in one town on one day
    first = _facts("a", STRIKE, n=0)
    second = _facts("a", STRIKE_2, n=1)
    assert len(merge_events([first, second])) == 2


def test_many_copies_of_an_incident_make_one_cluster_and_others_stay_apart() -> None:
    copies = [_facts(f"d{i}", STRIKE if i % 2 else STRIKE_2, dead=31) for i in range(12)]
    other = _facts("x", OTHER, place="gn:3", actor=None)
    groups = merge_events([*copies, other])
    # eight outlets, one strike; the ambush elsewhere stays alone
    assert sorted(len(g) for g in groups) == [1, 12]


# --- clusters and contradictions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (("asserted", "negated"), "asserted"),  # asserted if any source asserts
        (("negated", "negated"), "negated"),  # negated only when all negate
        (("reported", "hypothetical"), "reported"),  # attributed beats entertained
    ],
)
def test_cluster_status(statuses: tuple[EventStatus, EventStatus], expected: str) -> None:
    members = [_facts(f"d{i}", STRIKE, status=s) for i, s in enumerate(statuses)]
    assert build_cluster(members).status == expected


def test_a_cluster_prefers_the_city_and_the_shared_date() -> None:
    members = [
        _facts("a", STRIKE, place="gn:100", day="2031-03-02", end="2031-03-08"),
        _facts("b", STRIKE, place="gn:3", day="2031-03-04"),
    ]
    cluster = build_cluster(members)
    # the city over its country, and the day within the week
    assert cluster.place_id == "gn:3"
    assert cluster.date is not None and (cluster.date.start, cluster.date.end) == (
        "2031-03-04",
        "2031-03-04",
    )
    assert cluster.event_ids == ("a-e0", "b-e0")


@pytest.mark.parametrize(
    ("b", "label"),
    [
        (dict(status="negated"), "status"),  # one source asserts, another denies
        (dict(day="2031-03-05"), "date"),  # stated days that do not overlap
        (dict(place="gn:2"), "place"),  # two cities, neither inside the other
        (dict(actor="Northern Legion"), "perpetrator"),  # two named perpetrators
    ],
)
def test_contradictions_inside_a_cluster(b: dict[str, object], label: str) -> None:
    members = [_facts("a", STRIKE), _facts("b", STRIKE, **b)]  # type: ignore[arg-type]
    cluster = build_cluster(members)
    (found,) = contradictions(cluster, members)
    assert (found.kind, found.about) == ("event", cluster.id)
    # one side per document, each saying which version it gives and quoting its sentence
    assert {s.document for s in found.sides} == {"a", "b"}
    assert all(s.text.startswith(f"{label}: ") and STRIKE in s.text for s in found.sides)
    assert all(s.claim is None for s in found.sides)


def test_a_states_government_and_its_army_are_one_perpetrator_side() -> None:
    army = _facts("a", STRIKE, actor_country="XVL")
    government = _facts(
        "b", STRIKE, actor="Government of Veldria", actor_kind="government", actor_country="XVL"
    )
    members = [army, government]
    # they merge, and the cluster reports no perpetrator dispute
    assert frozenset({"a", "b"}) in _groups(members)
    assert contradictions(build_cluster(members), members) == []


@pytest.mark.parametrize(
    "b",
    [
        dict(actor=None, actor_text="rebels"),  # a generic actor never disputes a named one
        dict(place="gn:100"),  # a country does not dispute its city
        dict(day=None, published="2031-03-06"),  # a publication guess does not dispute a day
    ],
)
def test_compatible_versions_are_no_contradiction(b: dict[str, object]) -> None:
    members = [_facts("a", STRIKE), _facts("b", STRIKE, **b)]  # type: ignore[arg-type]
    assert contradictions(build_cluster(members), members) == []


# --- the store: incremental resolution and the export -------------------------------------------


def _write(
    store: Store, doc: str, sentence: str, place: str = "gn:1", day: str = "2031-03-04"
) -> None:
    """A one-sentence document with one strike event, written as analysis would write it."""
    document = Document(
        id=doc,
        source=f"{doc}.txt",
        text=sentence,
        published=PublishedDate(date=day, is_inferred=False, basis="meta"),
    )
    facts = _facts(doc, sentence, place=place, day=day)
    mentions = tuple(
        _mention(doc, n, text, label, **extra)
        for n, text, label, extra in (
            (1, "Veldrian Air Force", "ORG", dict(entry_id="kb-Veldrian Air Force")),
            (2, PLACES[place].name, "GPE", dict(place_id=place)),
        )
    )
    with store.transaction():
        store.write_document(document, status="analyzed", fingerprint=doc, minhash=None)
        store.write_analysis(
            DocumentAnalysis(
                document=document,
                sentences=(Sentence(doc, 0, 0, len(sentence), sentence),),
                mentions=mentions,
                places=tuple(PLACES.values()),
                events=(facts.event,),
            )
        )


def test_resolution_is_incremental(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        _write(store, "a", STRIKE)
        _write(store, "b", STRIKE_2)
        first = resolve_events(store)
        (merged,) = [c for c in store.event_clusters() if len(c.event_ids) == 2]
        # an unrelated incident elsewhere, a month later, touches none of the old blocks
        _write(store, "c", OTHER, place="gn:3", day="2031-04-10")
        second = resolve_events(store)
        assert merged in list(store.event_clusters())
        # a third outlet on the same strike joins the cluster, which keeps its id
        _write(store, "d", STRIKE)
        third = resolve_events(store)
        again = resolve_events(store)
    assert (first["events_new"], first["event_clusters"]) == (2, 1)
    # only the new event is resolved when it falls in blocks of its own
    assert (second["events_new"], second["events_reresolved"], second["event_clusters"]) == (
        1,
        1,
        2,
    )
    # a new event in the strike's blocks re-resolves that block only (a, b and d, not c)
    assert (third["events_new"], third["events_reresolved"], third["events_merged"]) == (1, 3, 3)
    assert again["events_new"] == 0 and again["event_clusters"] == 2
    with Store(tmp_path / "z.db") as store:
        ids = {c.id for c in store.event_clusters()}
    assert merged.id in ids


def test_a_store_resolved_by_older_merging_rules_is_resolved_again_whole(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "z.db") as store:
        _write(store, "a", STRIKE)
        _write(store, "b", STRIKE_2)
        resolve_events(store)
        with store.transaction():
            store.set_meta_value(MERGE_RULES_KEY, "0")
        again = resolve_events(store)
        stamped = store.meta_value(MERGE_RULES_KEY)
    # every event counts as new under the current rules, and the store says which rules
    assert (again["events_new"], again["event_clusters"]) == (2, 1)
    assert stamped == MERGE_RULES_VERSION


def test_the_export_lists_one_record_per_merged_event(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        for doc in ("a", "b", "c"):
            _write(store, doc, STRIKE if doc != "b" else STRIKE_2)
        _write(store, "x", OTHER, place="gn:3", day="2031-05-01")
        counts = resolve_corpus(store).counts
        export = build_export(store)
    assert counts["event_clusters"] == 2
    strike = next(e for e in export["events"] if len(e["sources"]) > 1)
    # an event merged from three documents has three sources and one id
    assert [s["document"] for s in strike["sources"]] == ["a", "b", "c"]
    assert len({e["id"] for e in export["events"]}) == len(export["events"]) == 2
    texts = {d["id"]: d["text"] for d in export["documents"]}
    for source in strike["sources"]:
        assert texts[source["document"]][source["start"] : source["end"]] == source["sentence"]
    assert strike["place"] == "gn:1"
    json.dumps(export)


def test_an_analysis_run_resolves_the_corpus_at_its_end(tmp_path: Path, nlp: Language) -> None:
    # two invented reports of one shelling; the second says the army denies it (the kinds of
    # disagreement depend on extraction: only their shape is pinned down here)
    texts = {
        "one.txt": "Army artillery shelled the village of Korvath on Monday, killing 14 people.",
        "two.txt": "The army denied that its artillery shelled the village of Korvath on Monday.",
    }
    import zenobia

    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert nlp is not None
    with zenobia.open_corpus(tmp_path / "z.db") as corpus:
        run = corpus.analyze([tmp_path / name for name in texts], processes=1)
        for _ in run:
            pass
        export = build_export(corpus.store)
    # the analysis run resolves the corpus at its end and records the counts
    assert run.summary.resolved["events"] == sum(len(e["sources"]) for e in export["events"])
    assert all(d["kind"] in ("numeric", "framing", "event") for d in export["disagreements"])


def test_the_cli_lists_merged_events_and_event_disagreements(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from zenobia.cli import app

    db = tmp_path / "z.db"
    with Store(db) as store:
        _write(store, "a", STRIKE)
        _write(store, "b", STRIKE_2, place="gn:2")
        resolve_corpus(store)
    runner = CliRunner()
    listed = runner.invoke(app, ["events", "--db", str(db)])
    # one merged strike, told by two documents
    assert listed.exit_code == 0 and listed.output.count("ASSAULT") == 1
    disputed = runner.invoke(app, ["disagreements", "--kind", "event", "--db", str(db)])
    # the two documents put the strike in two different cities
    assert disputed.exit_code == 0 and "place: Korvath" in disputed.output
    assert "place: Essin" in disputed.output


# --- uncertain publication dates and undated events ---------------------------------------------

TAKEN = "The Azure Front captured the hill town of Korvath from government troops."
TAKEN_2 = "Fighters of the Azure Front captured Korvath from government troops after a siege."
UNDATED = dict(type_="TAKE_CONTROL", mode="capture", actor="Azure Front", day=None)


@pytest.mark.parametrize(
    ("published", "inferred", "day", "basis", "open_date"),
    [
        # an inferred month is a lower bound: no publication guess, an open window
        ("2031-03-04", True, None, "weekday", True),
        # no publication date at all: unknown, an open window
        (None, False, None, "weekday", True),
        # a date read relative to an inferred publication month is not used
        ("2031-03-04", True, "2031-03-01", "relative to publication (last week)", True),
        # a stated date stays, whatever the publication date
        ("2031-03-04", True, "2031-03-01", "stated", False),
        # a day-precise known publication date still dates the event as a guess
        ("2031-03-04", False, None, "weekday", False),
    ],
)
def test_an_uncertain_publication_date_leaves_the_event_date_open(
    published: str | None, inferred: bool, day: str | None, basis: str, open_date: bool
) -> None:
    facts = _facts("a", STRIKE, published=published, inferred=inferred, day=day, basis=basis)
    assert facts.open_date is open_date
    assert (facts.start is None) is open_date


@pytest.mark.parametrize(
    ("b", "merged"),
    [
        # same type, mode, city and perpetrator; the other telling is dated
        (dict(day="2031-03-04", basis="stated"), True),
        # both undated
        (dict(), True),
        # the other side names no perpetrator but a generic one
        (dict(actor=None, actor_text="the militia"), True),
        # disjoint named perpetrators: the town changed hands twice, not one event
        (dict(actor="Crimson Guard"), False),
        # a capture and a recapture of one town are one change of control, seen from two sides
        (dict(mode="recapture"), True),
        # a withdrawal is another act by another actor (PLOVER codes the side that cedes apart)
        (dict(mode="withdraw"), False),
        # only the country is known: too weak without a date
        (dict(place="gn:100"), False),
        # another city
        (dict(place="gn:3"), False),
        # dissimilar wording: sharing the verb and the town is not enough
        (dict(sentence="Border police captured two smugglers near Korvath.", actor=None), False),
    ],
)
def test_undated_events_merge_on_mode_city_and_compatible_perpetrators(
    b: dict[str, object], merged: bool
) -> None:
    sentence = str(b.pop("sentence", TAKEN_2))
    fields = {**UNDATED, **b}
    a = _facts("a", TAKEN, **UNDATED, published="2031-01-01", inferred=True)  # type: ignore[arg-type]
    other = _facts("b", sentence, **fields)  # type: ignore[arg-type]
    assert (frozenset({"a", "b"}) in _groups([a, other])) is merged


MAY = dict(type_="TAKE_CONTROL", mode="capture", day="2031-05-01", end="2031-05-31", basis="month")
TOOK_OVER = "When the Azure Front took over the town in May, it met little resistance."


@pytest.mark.parametrize(
    ("b", "merged"),
    [
        # two tellings "in May" of one capture: same town, same perpetrator, worded apart
        (dict(), True),
        # another perpetrator took the town that month: two events
        (dict(actor="Crimson Guard"), False),
        # another month: no overlap
        (dict(day="2031-08-01", end="2031-08-31"), False),
        # another town
        (dict(place="gn:3"), False),
    ],
)
def test_vaguely_dated_tellings_of_one_capture_merge_on_their_anchors(
    b: dict[str, object], merged: bool
) -> None:
    first = _facts("a", TAKEN, **MAY)  # type: ignore[arg-type]
    second = _facts("b", TOOK_OVER, **{**MAY, **b})  # type: ignore[arg-type]
    assert (frozenset({"a", "b"}) in _groups([first, second])) is merged


@pytest.mark.parametrize(
    ("shared_actors", "needed"),
    [
        # nothing shared but type, mode and city: the wording must be close
        (0, 0.25),
        # the same named perpetrator (or recipient) stands in for part of the wording
        (1, 0.15),
        # perpetrator and recipient both shared
        (2, 0.05),
        # never below the floor: anchors alone do not merge
        (3, 0.05),
    ],
)
def test_shared_named_actors_lower_the_wording_bar_for_undated_events(
    shared_actors: int, needed: float
) -> None:
    assert undated_threshold(shared_actors) == pytest.approx(needed)


def test_an_undated_telling_joins_one_dated_event_only_and_the_cluster_says_so() -> None:
    undated = _facts("a", TAKEN, **UNDATED)  # type: ignore[arg-type]
    first = _facts("b", TAKEN_2, **{**UNDATED, "day": "2031-03-04", "basis": "stated"})  # type: ignore[arg-type]
    later = _facts("c", TAKEN_2, **{**UNDATED, "day": "2032-06-01", "basis": "stated"})  # type: ignore[arg-type]
    groups = merge_events([undated, first, later])
    assert sum(1 for g in groups if len(g) > 1) == 1  # no bridge between the two dated events
    merged = next(g for g in groups if len(g) > 1)
    members = [f for f in (undated, first, later) if f.id in merged]
    cluster = build_cluster(members)
    assert cluster.date is not None and cluster.date.basis.endswith("publication dates uncertain")


# --- headline events, foreign countries, vague dates ---------------------------------------------

LEAD_A = (
    "Jets hit Korvath market, 31 dead. Jets of the Veldrian Air Force bombed the crowded "
    "market of Korvath on Tuesday, killing 31 shoppers and traders, medics said."
)
LEAD_B = (
    "Korvath traders bury their dead after market raid. Medics in Korvath said 31 shoppers "
    "and traders were killed when the crowded market was bombed from the air on Tuesday."
)
LEAD_OTHER = (
    "Ferry sinks off the Essin coast. A ferry carrying pilgrims capsized in a storm off the "
    "coast of Essin on Tuesday, the harbour office said, and divers are searching the wreck."
)
RAID = "The raid set the stalls ablaze."


@pytest.mark.parametrize(
    ("b", "merged"),
    [
        # two stories of one raid: their leads agree, their event sentences share no word
        (dict(), True),
        # without leads, the same two sentences say too little
        (dict(lead_text=""), False),
        # the other story's lead is about something else
        (dict(lead_text=LEAD_OTHER), False),
        # the event is told far below the lead: background, not the story's headline event
        (dict(start=900), False),
        # the headline event is placed in another city
        (dict(place="gn:3"), False),
        # the other story happens in another city (its lead's place, not the sentence's)
        (dict(lead=replace(_ref("gn:3"), inferred=True)), False),
        # the other story's place is only its guessed country, a foreign one (the sponsor both
        # stories name most): no veto
        (dict(lead=replace(_ref("gn:900"), inferred=True), first_lead="gn:900"), True),
        # the headline event is dated a week later
        (dict(day="2031-03-11"), False),
        # a protest is not an assault, whatever the lead
        (dict(type_="PROTEST", mode="demo"), False),
    ],
)
def test_headline_events_merge_on_their_documents_leads(b: dict[str, object], merged: bool) -> None:
    first_lead = b.get("first_lead")
    b = {key: value for key, value in b.items() if key != "first_lead"}
    lead = replace(_ref(str(first_lead)), inferred=True) if first_lead else None
    first = _facts("a", STRIKE, lead_text=LEAD_A, lead=lead)
    options: dict[str, object] = {
        "place": None,
        "actor": None,
        "lead": _ref("gn:100"),
        "lead_text": LEAD_B,
    } | b
    second = _facts("b", RAID, **options)  # type: ignore[arg-type]
    assert (frozenset({"a", "b"}) in _groups([first, second])) is merged


def test_lead_words_leave_out_dateline_words() -> None:
    # weekday, month and year go; a bare day number stays, as tolls are numbers too
    words = lead_words("Tuesday 4 March 2031 Jets hit Korvath market, 31 dead.")
    assert words == frozenset({"4", "jets", "hit", "korvath", "market", "31", "dead"})


@pytest.mark.parametrize(
    ("place", "lead", "expected"),
    [
        # a foreign country in the sentence ("the Ostrava-based monitor") yields to the lead
        ("gn:900", "gn:1", ("gn:1", True)),
        # the story's own country stays as stated
        ("gn:100", "gn:1", ("gn:100", False)),
        # a foreign city is a place, not an actor: it stays
        ("gn:3", "gn:900", ("gn:3", False)),
    ],
)
def test_a_foreign_country_in_the_sentence_yields_to_the_lead_place(
    place: str, lead: str, expected: tuple[str, bool]
) -> None:
    lead_ref = replace(_ref(lead), inferred=True)
    facts = _facts("a", STRIKE, place=place, lead=lead_ref)
    assert facts.place is not None
    assert (facts.place.id, facts.place.inferred) == expected


def test_an_event_falls_in_the_block_of_its_stories_country() -> None:
    # "Korvath" was not geocoded: only the story's country brings it near other tellings
    facts = _facts("a", STRIKE, place="Korvath-Old-Town", lead=_ref("gn:100"))
    assert any(key.startswith("assault|p:XVL|") for key in block_keys(facts))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # "in March", published on the 4th: the publication guess
        ("2031-03-01", "2031-03-31", (True, "2031-03-04")),
        # "last year" does not contain the publication day: stays vague
        ("2030-01-01", "2030-12-31", (False, "2030-12-31")),
    ],
)
def test_a_vague_date_containing_the_publication_day_becomes_the_publication_guess(
    start: str, end: str, expected: tuple[bool, str]
) -> None:
    facts = _facts("a", STRIKE, day=start, end=end, basis="month", published="2031-03-04")
    assert facts.end is not None
    assert (facts.guessed, date.fromordinal(facts.end).isoformat()) == expected


# --- chaining ------------------------------------------------------------------------------------


def test_a_cluster_never_chains_two_events_through_a_vague_telling() -> None:
    # a: the air force in Korvath; c: rebels in Dalmor; b, worded like both, names neither
    a = _facts("a", STRIKE, dead=31)
    b = _facts("b", STRIKE_2, place=None, actor=None, dead=31, lead=_ref("gn:100"))
    c = _facts("c", STRIKE_2, place="gn:3", actor="Dalmor Brigade", dead=31)
    groups = _groups([a, b, c])
    assert not any({"a", "c"} <= g for g in groups)
    # b joins one of them
    assert any(len(g) == 2 for g in groups)


def test_a_cluster_never_holds_tolls_far_apart() -> None:
    # one wording, but 5 dead and 45 dead: two incidents
    a = _facts("a", STRIKE, dead=5)
    b = _facts("b", STRIKE, dead=45)
    assert frozenset({"a", "b"}) not in _groups([a, b])


@pytest.mark.parametrize(
    ("a", "b", "conflicts"),
    [
        # a city and its country, one actor, one day: compatible
        (dict(), dict(place="gn:100"), frozenset()),
        # two named perpetrators with nothing in common
        (dict(), dict(actor="Dalmor Brigade"), frozenset({"actor"})),
        # two cities
        (dict(), dict(place="gn:3"), frozenset({"place"})),
        # stated days that do not overlap
        (dict(), dict(day="2031-03-06"), frozenset({"date"})),
        # tolls more than three times apart; 20 against 31 is not
        (dict(dead=5), dict(dead=31), frozenset({"toll"})),
        (dict(dead=20), dict(dead=31), frozenset()),
    ],
)
def test_cluster_profile_conflicts(
    a: dict[str, object], b: dict[str, object], conflicts: frozenset[str]
) -> None:
    first = ClusterProfile.of(_facts("a", STRIKE, **a))  # type: ignore[arg-type]
    second = ClusterProfile.of(_facts("b", STRIKE, **b))  # type: ignore[arg-type]
    assert first.conflicts(second) == conflicts
    # a joined profile keeps every member's constraints
    assert first.join(second).conflicts(first) <= conflicts


def test_a_cluster_holding_a_reported_disagreement_still_takes_more_tellings() -> None:
    # one wording says Korvath and Essin: one strike, a place disagreement; then a third
    # outlet in other words and without a day, which matches the Korvath telling only
    a = _facts("a", STRIKE)
    b = _facts("b", STRIKE, place="gn:2")
    c = _facts("c", STRIKE_2, day=None, published="2031-03-05")
    assert _groups([a, b, c]) == {frozenset("abc")}


# --- background events, modes, perpetrator sides, places by discourse ---------------------------

TOTAL = "At least 9,000 people have been killed in Veldria since the war began in 2019."
HOME = PlaceRef("country:XVL", "XVL", None, "country", "XVL", inferred=True)


@pytest.mark.parametrize(
    ("sentence", "start", "background"),
    [
        # a running total, later in the story: background, not an incident of its own
        (TOTAL, 900, True),
        # a long-standing state ("under siege since 2029") is background too
        ("Korvath has been under a government siege since 2029 and is shelled daily.", 900, True),
        # the same words as the document's headline incident: what the story reports
        (TOTAL, 0, False),
        # an incident with no running-total cue
        (STRIKE, 900, False),
    ],
)
def test_background_incidents_fall_in_no_block(sentence: str, start: int, background: bool) -> None:
    facts = _facts("a", sentence, start=start, lead_text="Veldrian jets bombed Korvath.")
    assert facts.background is background
    assert (block_keys(facts) == ()) is background
    assert is_background(sentence, headline=start == 0) is background


def test_one_running_total_does_not_join_two_stories() -> None:
    # two documents about different strikes both repeat the war's toll: the totals stay apart
    a = _facts("a", TOTAL, start=900, actor=None, dead=9000, lead_text="Jets bombed Korvath.")
    b = _facts("b", TOTAL, start=900, actor=None, dead=9000, lead_text="Rebels shelled Dalmor.")
    assert frozenset({"a", "b"}) not in _groups([a, b])


@pytest.mark.parametrize(
    ("mode_a", "mode_b", "compatible"),
    [
        ("capture", "recapture", True),  # one change of control, told from either side
        ("withdraw", "lose", True),  # two words for the ceding side's act
        ("capture", "withdraw", False),  # taking and ceding are two acts (PLOVER)
        ("capture", None, False),  # a mode the table does not list is not guessed
    ],
)
def test_control_change_modes(mode_a: str, mode_b: str | None, compatible: bool) -> None:
    assert modes_compatible("TAKE_CONTROL", mode_a, "TAKE_CONTROL", mode_b) is compatible


def _actor(text: str, kind: str | None, country: str | None) -> Mention:
    return _mention("a", 1, text, "ORG", kind=kind, country=country)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("phrase", "named", "sides"),
    [
        # a generic phrase that marks the state: the state of the story's country
        ("pro-government forces", [], {"state:XVL"}),
        # "the regime" alone names the state too
        ("the regime", [], {"state:XVL"}),
        # opposing the state is the other side
        ("anti-government fighters", [], set()),
        # a generic phrase with no state word
        ("gunmen", [], set()),
        # a named army is its state's side whatever the phrase
        ("the Veldrian Army", [("Veldrian Army", "military", "XVL")], {"state:XVL"}),
        # a leader's regime is his country's state side
        ("the Morvan regime", [("Morvan", "person", "XVL")], {"state:XVL"}),
        # a group whose name holds "State" is no state
        ("Azure State", [("Azure State", "armed_group", "XVL")], set()),
    ],
)
def test_perpetrator_sides(
    phrase: str, named: list[tuple[str, str, str | None]], sides: set[str]
) -> None:
    mentions = [_actor(*row) for row in named]
    assert perpetrator_sides(phrase, mentions, "XVL") == frozenset(sides)


PROGOV = "Pro-government forces recaptured Korvath over the weekend, dealing a blow to the rebels."
ARMY = "Korvath, a hill town of old orchards, was conquered by the Veldrian Army on Saturday."


@pytest.mark.parametrize(
    ("b", "merged"),
    [
        # the named army of the story's country took the town: one control change, two sides'
        # words, though the wording shares little
        (dict(actor="Veldrian Army", actor_country="XVL"), True),
        # a named armed group is not the state side: the wording alone must carry it
        (dict(actor="Azure Front", actor_kind="armed_group"), False),
        # the state side, but another town
        (dict(actor="Veldrian Army", actor_country="XVL", place="gn:3"), False),
    ],
)
def test_a_generic_state_perpetrator_meets_the_named_state_forces(
    b: dict[str, object], merged: bool
) -> None:
    generic = _facts(
        "a", PROGOV, type_="TAKE_CONTROL", mode="recapture", actor=None,
        actor_text="Pro-government forces", day=None, lead=HOME,
    )  # fmt: skip
    fields: dict[str, object] = dict(type_="TAKE_CONTROL", mode="capture", lead=HOME, **b)
    named = _facts("b", ARMY, **fields)  # type: ignore[arg-type]
    assert (frozenset({"a", "b"}) in _groups([generic, named])) is merged


def test_a_place_name_keeps_its_referent_within_a_document_and_in_the_place_role() -> None:
    mentions = [
        _mention("a", 1, "Korvath", "PERSON"),  # NER's mistake, same document as the place
        _mention("a", 2, "Korvath", "GPE", place_id="gn:1"),
        _mention("b", 3, "Korvath", "PERSON"),  # another document, an event's place role
        _mention("b", 4, "Korvath", "PERSON"),  # another document, no place role: left alone
        _mention("c", 5, "Essin", "PERSON"),  # a name geocoded to two places: left alone
        _mention("d", 6, "Essin", "GPE", place_id="gn:2"),
        _mention("e", 7, "Essin", "GPE", place_id="gn:3"),
    ]
    found = {m.id: m.place_id for m in discourse_places(mentions, {"b-m3", "c-m5"})}
    assert found["a-m1"] == "gn:1"
    assert found["b-m3"] == "gn:1"
    assert found["b-m4"] is None
    assert found["c-m5"] is None


@pytest.mark.parametrize(
    ("with_town", "country"),
    [
        # a town named anywhere says where the story is, over a foreign country named twice
        (True, "XVL"),
        # with no town or province, the most named country stands
        (False, "XOR"),
    ],
)
def test_a_story_happens_where_its_towns_are(with_town: bool, country: str) -> None:
    mentions = [
        replace(_mention("a", 1, "Ostrava", "GPE", place_id="gn:900"), sentence_index=0),
        replace(_mention("a", 2, "Ostrava", "GPE", place_id="gn:900"), sentence_index=4),
    ]
    if with_town:
        mentions.append(
            replace(_mention("a", 3, "Dalmor", "GPE", place_id="gn:3"), sentence_index=5)
        )
    lead = lead_place(mentions, PLACES)
    assert lead is not None and lead.country == country


def _write_shelling(store: Store, doc: str, shooter: str, place: str, day: str) -> None:
    """A one-sentence document in which the person `shooter` shells `place` on `day`."""
    sentence = f"{shooter} shelled {PLACES[place].name}."
    document = Document(
        id=doc,
        source=f"{doc}.txt",
        text=sentence,
        published=PublishedDate(date=day, is_inferred=False, basis="meta"),
    )
    person = _mention(doc, 1, shooter, "PERSON")
    town = _mention(doc, 2, PLACES[place].name, "GPE", place_id=place)
    event = replace(
        _facts(doc, sentence, place=place, day=day, actor=None).event,
        source_mention_ids=(person.id,),
        source_text=shooter,
        place_mention_id=town.id,
    )
    with store.transaction():
        store.write_document(document, status="analyzed", fingerprint=doc, minhash=None)
        store.write_analysis(
            DocumentAnalysis(
                document=document,
                sentences=(Sentence(doc, 0, 0, len(sentence), sentence),),
                mentions=(person, town),
                places=tuple(PLACES.values()),
                events=(event,),
            )
        )


def test_a_merged_event_follows_an_actor_merged_after_it_was_made(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store:
        _write_shelling(store, "a", "Bassam al-Smith", "gn:1", "2031-03-04")
        resolve_corpus(store)
        (before,) = store.event_clusters()
        # two later stories elsewhere spell him without the article: his names merge
        _write_shelling(store, "b", "Bassam Smith", "gn:3", "2031-05-10")
        _write_shelling(store, "c", "Bassam Smith", "gn:3", "2031-05-11")
        counts = resolve_corpus(store).counts
        after = next(c for c in store.event_clusters() if c.id == before.id)
        export = build_export(store)
    assert before.actors == (ids.actor_id("name:bassam al smith"),)
    # the old event, in a block no new event touched, now names the merged actor
    assert after.actors == (ids.actor_id("name:bassam smith"),)
    assert counts["event_clusters_rebuilt"] == 1
    assert {a for e in export["events"] for a in e["actors"]} <= {a["id"] for a in export["actors"]}
