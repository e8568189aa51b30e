"""Numeric claims across documents: what is compared, and when values corroborate."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from zenobia.export.json import build_export
from zenobia.model import (
    Claim,
    ClaimQualifier,
    DatePrecision,
    Document,
    DocumentAnalysis,
    Event,
    EventDate,
    Mention,
    Place,
    PublishedDate,
    Sentence,
)
from zenobia.resolve.claim_contexts import (
    ClaimContext,
    Quantity,
    claim_contexts,
    claim_interval,
    publication_bound,
    quantity_of,
)
from zenobia.resolve.claims import compare_claims, resolve_claims
from zenobia.store.sqlite import Store

DEATHS = Quantity("deaths", "")


def _claim(
    doc: str,
    value: float,
    qualifier: ClaimQualifier | None = None,
    *,
    of: str = "people killed",
    value_high: float | None = None,
    unit: str | None = None,
    index: int = 0,
    sentence: str | None = None,
) -> Claim:
    sentence = sentence or f"Some {value:g} {of} were counted in doc {doc}."
    return Claim(
        id=f"{doc}-{index}-{value:g}",
        doc_id=doc,
        sentence_index=index,
        start_char=10 * index,
        end_char=10 * index + len(sentence),
        sentence=sentence,
        value_start=10 * index + 5,
        value_end=10 * index + 8,
        text=f"{value:g}",
        value=value,
        value_high=value_high,
        unit=unit,
        of=of,
        qualifier=qualifier,
    )


def _context(
    claim: Claim,
    *,
    quantity: Quantity | None = DEATHS,
    scope: str | None = "Valdoria",
    day: str | None = "2031-05-02",
    event: str | None = "ev-1",
) -> ClaimContext:
    """An incident count attached to the merged event `event`."""
    return ClaimContext(claim, quantity, scope, day, event_cluster=event)


def _pair_outcome(a: Claim, b: Claim) -> str:
    comparison = compare_claims([_context(a), _context(b)])
    if comparison.disagreements:
        return "contradict"
    if comparison.support:
        return "corroborate"
    return "not compared"


# --- what is counted ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("of", "expected"),
    [
        # the participle names the family; "people" is the general population
        ("people killed", Quantity("deaths", "")),
        # a death toll is the same quantity as people killed
        ("the death toll", Quantity("deaths", "")),
        # civilians are a part of the people, so a separate block
        ("civilians killed", Quantity("deaths", "civilians")),
        # wounded and injured are one family
        ("soldiers wounded", Quantity("injuries", "soldiers")),
        # refugees and the displaced are one family
        ("refugees", Quantity("displaced", "")),
        # an unknown group is a population of its own, compared only with itself
        ("medical staff killed", Quantity("deaths", "medical staff")),
        # stop words and words that say nothing about who is counted are not a group
        ("more air raids conducted", Quantity("airstrikes", "")),
        # a two-word term matches across a hyphen
        ("air-strikes", Quantity("airstrikes", "")),
        # two families in one count ("killed or wounded") cannot be compared
        ("people killed or wounded", None),
        # a count of nothing known
        ("tanks", None),
        # nothing said
        ("", None),
    ],
)
def test_quantity_of(of: str, expected: Quantity | None) -> None:
    assert quantity_of(of) == expected


# --- intervals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # a bare number allows ±10 % (news rounds)
        (_claim("a", 1000), (900, 1100)),
        # "about" allows ±20 %
        (_claim("a", 1000, "approx"), (800, 1200)),
        # "more than" reads as up to 1.5 times the bound, not to infinity
        (_claim("a", 1000, "min"), (1000, 1500)),
        # "nearly" / "up to" reads as down to the bound over 1.5
        (_claim("a", 1500, "max"), (1000, 1500)),
        # a range keeps both ends, widened by the tolerance
        (_claim("a", 200, value_high=300), (180, 330)),
    ],
)
def test_claim_interval(claim: Claim, expected: tuple[float, float]) -> None:
    assert claim_interval(claim) == pytest.approx(expected)


# --- compatibility -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # 470,000 against "nearly half a million" ("nearly" is a max qualifier)
        (_claim("a", 470_000), _claim("b", 500_000, "max"), "corroborate"),
        # "more than 250,000" against 300,000
        (_claim("a", 250_000, "min"), _claim("b", 300_000), "corroborate"),
        # "more than 250,000" against 470,000: the bound is not an open interval
        (_claim("a", 250_000, "min"), _claim("b", 470_000), "contradict"),
        # rounding: 470,000 against 480,000
        (_claim("a", 470_000), _claim("b", 480_000), "corroborate"),
        # a small count in one incident: 3 against 7
        (_claim("a", 3), _claim("b", 7), "contradict"),
        # "about 40" against 45
        (_claim("a", 40, "approx"), _claim("b", 45), "corroborate"),
        # a range against a number inside it
        (_claim("a", 200, value_high=300), _claim("b", 250), "corroborate"),
        # two claims of one document are never compared
        (_claim("a", 3), _claim("a", 70, index=1), "not compared"),
    ],
)
def test_compatibility(a: Claim, b: Claim, expected: str) -> None:
    assert _pair_outcome(a, b) == expected


@pytest.mark.parametrize(
    ("b", "expected_compared"),
    [
        # same quantity, same merged event: compared
        (_context(_claim("b", 7)), True),
        # the same place and day but another merged event: two incidents, never compared
        (_context(_claim("b", 7), event="ev-2"), False),
        # the same event placed at another level ("in Marenport" vs "in Valdoria"): compared
        (_context(_claim("b", 7), scope="Marenport"), True),
        # the same event reported the next day ("yesterday"): compared
        (_context(_claim("b", 7), day="2031-05-03"), True),
        # a count of the same merged event a week later: another incident or a grown toll
        (_context(_claim("b", 7), day="2031-05-09"), False),
        # an order of magnitude apart (3 against 70): a part against a whole, not compared
        (_context(_claim("b", 70)), False),
        # an incident count whose sentence tells no event is not compared
        (_context(_claim("b", 70), event=None), False),
        # a different quantity (injuries vs deaths) is never compared
        (_context(_claim("b", 70), quantity=Quantity("injuries", "")), False),
        # a different population (civilians vs people) is never compared
        (_context(_claim("b", 70), quantity=Quantity("deaths", "civilians")), False),
        # a different unit is never compared
        (_context(_claim("b", 70, unit="%")), False),
        # a running total is never compared with an incident count
        (ClaimContext(_claim("b", 70), DEATHS, "Valdoria", "2031-05-02", True), False),
        # running totals over periods with different starts are not compared
        (ClaimContext(_claim("b", 70), DEATHS, "Valdoria", "2031-05-02", True, "2030-01"), False),
    ],
)
def test_blocking(b: ClaimContext, expected_compared: bool) -> None:
    a = _context(_claim("a", 3))
    comparison = compare_claims([a, b])
    assert bool(comparison.support) is expected_compared
    assert bool(comparison.disagreements) is expected_compared


def test_a_contradiction_lists_each_side_with_its_sentence() -> None:
    low = _claim("a", 250_000, "min")
    high = _claim("b", 470_000)
    agreeing = _claim("c", 480_000)
    comparison = compare_claims([_context(low), _context(high), _context(agreeing)])
    (disagreement,) = comparison.disagreements
    assert disagreement.about == "deaths in Valdoria (event ev-1)"
    sides = {(s.document, s.claim, s.text, s.start, s.end) for s in disagreement.sides}
    assert sides == {
        (c.doc_id, c.id, c.sentence, c.start_char, c.end_char) for c in (low, high, agreeing)
    }
    # the low side comes first, then the group of 470,000 and 480,000
    assert [s.document for s in disagreement.sides] == ["a", "b", "c"]


def test_support_counts_claims_of_other_documents() -> None:
    claims = [_claim("a", 250_000, "min"), _claim("b", 470_000), _claim("c", 480_000)]
    comparison = compare_claims([_context(c) for c in claims])
    support = {s.claim_id: (s.corroborations, s.contradictions) for s in comparison.support}
    assert support == {claims[0].id: (0, 2), claims[1].id: (1, 1), claims[2].id: (1, 1)}


def test_agreeing_claims_make_no_disagreement() -> None:
    claims = [_claim("a", 470_000), _claim("b", 500_000, "max"), _claim("c", 460_000)]
    comparison = compare_claims([_context(c) for c in claims])
    assert comparison.disagreements == ()
    assert {s.corroborations for s in comparison.support} == {2}


def test_running_totals_from_one_start_are_compared() -> None:
    a = ClaimContext(_claim("a", 250_000, "min"), DEATHS, "Valdoria", "2031-05-02", True, "2027-03")
    b = ClaimContext(_claim("b", 470_000), DEATHS, "Valdoria", "2031-05-20", True, "2027-03")
    assert len(compare_claims([a, b]).disagreements) == 1


def test_the_disagreement_id_is_stable() -> None:
    claims = [_context(_claim("a", 3)), _context(_claim("b", 9))]
    first = compare_claims(claims).disagreements
    again = compare_claims(list(reversed(claims))).disagreements
    assert [d.id for d in first] == [d.id for d in again]


# --- contexts from store records ---------------------------------------------------------------

_COUNTRY = Place("gn:1", "Valdoria", 0.0, 0.0, "VAL", None, 1, "country")
_CITY = Place("gn:2", "Marenport", 0.0, 0.0, "VAL", None, 2, "city")


def _place_mention(doc: str, sentence: int, place: Place, n: int = 0) -> Mention:
    return Mention(
        id=f"{doc}-{sentence}-{place.id}-{n}",
        doc_id=doc,
        sentence_index=sentence,
        start_char=0,
        end_char=5,
        text=place.name,
        label="GPE",
        canonical=place.name,
        place_id=place.id,
    )


def test_the_sentence_place_wins_over_the_main_country() -> None:
    claim = _claim("a", 12, index=2)
    mentions = [
        _place_mention("a", 0, _COUNTRY),
        _place_mention("a", 1, _COUNTRY),
        _place_mention("a", 2, _CITY),
    ]
    places = {p.id: p for p in (_COUNTRY, _CITY)}
    (context,) = claim_contexts(
        [claim], mentions=mentions, places=places, published={"a": "2031-05-02"}
    )
    assert (context.scope, context.day) == ("Marenport", "2031-05-02")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a running total without a place is about the document's main country
        ("The war has killed 9000 people since it began.", ("Valdoria", True)),
        # an incident count without a place is about an unknown place: not compared
        ("The blast killed 12 people.", (None, False)),
    ],
)
def test_the_main_country_scopes_running_totals_only(
    sentence: str, expected: tuple[str | None, bool]
) -> None:
    claim = _claim("a", 12, index=3, sentence=sentence)
    mentions = [_place_mention("a", 0, _COUNTRY), _place_mention("a", 1, _COUNTRY, 1)]
    (context,) = claim_contexts(
        [claim], mentions=mentions, places={"gn:1": _COUNTRY}, published={"a": None}
    )
    assert (context.scope, context.is_cumulative) == expected
    assert (context.day, context.quantity) == (None, DEATHS)


def test_a_dated_event_in_the_sentence_dates_the_claim() -> None:
    claim = _claim("a", 12, index=0)
    event = replace(
        _dated_event("a", 0, "2031-04-28"),
        date=EventDate("2031-04-28", "2031-04-28", "weekday"),
        dead=12,
    )
    (context,) = claim_contexts(
        [claim], mentions=[], places={}, published={"a": "2031-05-02"}, events=[event]
    )
    assert context.day == "2031-04-28"
    # a running total keeps the publication date: its event's date starts the period
    total = _claim("a", 9000, index=0, sentence="Some 9000 people were killed since April.")
    (context,) = claim_contexts(
        [total], mentions=[], places={}, published={"a": "2031-05-02"}, events=[event]
    )
    assert context.day == "2031-05-02"


def _dated_event(doc: str, sentence: int, day: str) -> Event:
    return Event(
        id=f"e-{doc}-{sentence}",
        doc_id=doc,
        sentence_index=sentence,
        start_char=0,
        end_char=10,
        trigger_start=0,
        trigger_end=4,
        type="ASSAULT",
        mode=None,
        context=(),
        source_mention_ids=(),
        target_mention_ids=(),
        source_text=None,
        target_text=None,
        place_mention_id=None,
        date=EventDate(day, day, "explicit"),
        status="asserted",
        dead=None,
        injured=None,
    )


@pytest.mark.parametrize(
    ("sentence", "value", "dated", "expected"),
    [
        # a war-scale toll with no dated event is a running total, though no cue says so
        ("An estimated 470000 people have been killed in the war.", 470_000, False, True),
        # a small count with no dated event stays an incident count
        ("Some 20 people have been killed in the blast.", 20, False, False),
        # a large count dated by an event of its sentence is about that event
        ("Some 12000 people were killed in the siege on May 3.", 12_000, True, False),
        # a cue makes a running total whatever the value
        ("Some 90 people have been killed so far.", 90, False, True),
    ],
)
def test_war_scale_tolls_without_a_dated_event_are_running_totals(
    sentence: str, value: float, dated: bool, expected: bool
) -> None:
    claim = _claim("a", value, sentence=sentence)
    events = [_dated_event("a", 0, "2031-05-03")] if dated else []
    (context,) = claim_contexts(
        [claim],
        mentions=[_place_mention("a", 1, _COUNTRY)],
        places={"gn:1": _COUNTRY},
        published={"a": "2031-05-02"},
        events=events,
    )
    assert context.is_cumulative is expected
    # a running total without a place in its sentence is about the main country
    assert context.scope == ("Valdoria" if expected else None)


def _published(
    day: str | None, precision: DatePrecision, *, inferred: bool = True
) -> PublishedDate:
    year = "2031" if day is None and precision == "year" else None
    return PublishedDate(day, inferred, "test", precision, year)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        # a day-precise date from the page is certain
        (_published("2031-05-02", "day", inferred=False), ("2031-05-02", False)),
        # an inferred day-precise date stays a guess, not an open window
        (_published("2031-05-02", "day"), ("2031-05-02", False)),
        # a month-precise date is the earliest the page can be
        (_published("2031-05-01", "month"), ("2031-05-01", True)),
        # a bare year gives January 1 of that year as the earliest
        (_published(None, "year"), ("2031-01-01", True)),
        # no date at all: no bound
        (PublishedDate.unknown(), (None, True)),
    ],
)
def test_publication_bound(published: PublishedDate, expected: tuple[str | None, bool]) -> None:
    assert publication_bound(published) == expected


def _total(
    doc: str,
    value: float,
    day: str | None,
    *,
    uncertain: bool = False,
    qualifier: ClaimQualifier | None = None,
) -> ClaimContext:
    return ClaimContext(
        _claim(doc, value, qualifier), DEATHS, "Valdoria", day, True, "", date_uncertain=uncertain
    )  # fmt: skip


@pytest.mark.parametrize(
    ("b", "expected"),
    [
        # an undated running total of a page with no publication date: open window, agrees
        (_total("b", 300_000, None, uncertain=True), (1, 0)),
        # a month-precise page whose earliest day is before the other total: agrees
        (_total("b", 300_000, "2031-04-01", uncertain=True), (1, 0)),
        # its earliest day is long after the other total's window: not compared
        (_total("b", 300_000, "2031-09-01", uncertain=True), None),
        # a certain-dated running total months apart is still not compared
        (_total("b", 300_000, "2031-09-01"), None),
        # an undated running total of a certain page is not compared
        (_total("b", 300_000, None), None),
    ],
)
def test_running_totals_of_uncertain_dates_join_the_episodes_they_may_belong_to(
    b: ClaimContext, expected: tuple[int, int] | None
) -> None:
    a = _total("a", 250_000, "2031-05-02", qualifier="min")
    comparison = compare_claims([a, b])
    assert comparison.disagreements == ()
    support = {s.claim_id: (s.corroborations, s.contradictions) for s in comparison.support}
    assert support.get(b.claim.id) == expected


def test_incident_counts_of_uncertain_pages_keep_their_strict_window() -> None:
    claim = _claim("a", 12, sentence="The blast killed 12 people in Marenport.")
    (context,) = claim_contexts(
        [claim],
        mentions=[_place_mention("a", 0, _CITY)],
        places={"gn:2": _CITY},
        published={"a": "2031-05-01"},
        uncertain={"a": "2031-05-01"},
    )
    assert (context.day, context.date_uncertain, context.is_cumulative) == (
        "2031-05-01",
        False,
        False,
    )
    # an undated incident count is not compared, even with an uncertain flag
    a = ClaimContext(claim, DEATHS, "Marenport", None, date_uncertain=True)
    b = _context(_claim("b", 70), scope="Marenport")
    assert compare_claims([a, b]).support == ()


def test_two_open_running_totals_are_compared_with_each_other() -> None:
    a = _total("a", 250_000, None, uncertain=True, qualifier="min")
    b = _total("b", 300_000, "2031-04-01", uncertain=True)
    c = _total("c", 470_000, "2031-04-01", uncertain=True)
    comparison = compare_claims([a, b, c])
    support = {s.claim_id: (s.corroborations, s.contradictions) for s in comparison.support}
    # open totals agree with what they overlap; 250,000+ against 470,000 is no contradiction
    assert comparison.disagreements == ()
    assert support[a.claim.id] == (1, 0)


def test_an_open_running_total_in_two_episodes_adds_up_its_support() -> None:
    open_total = _total("c", 300_000, None, uncertain=True)
    may = _total("a", 290_000, "2031-05-02")
    autumn = _total("b", 250_000, "2031-10-02", qualifier="min")
    comparison = compare_claims([open_total, may, autumn])
    support = {s.claim_id: (s.corroborations, s.contradictions) for s in comparison.support}
    # one row per claim: the open total agrees with May's and with autumn's
    assert support[open_total.claim.id] == (2, 0)
    assert comparison.disagreements == ()


_ABROAD = Place("gn:3", "Orlisk", 0.0, 0.0, "ORL", None, 3, "city")
_NEIGHBOUR = Place("gn:4", "Norvania", 0.0, 0.0, "NOR", None, 4, "country")


@pytest.mark.parametrize(
    ("others", "expected"),
    [
        # a city abroad named beside the main country is context: the total is the country's
        ((_ABROAD,), "Valdoria"),
        # a city inside the main country keeps the sentence's narrower scope
        ((_CITY,), "Marenport, Valdoria"),
        # a second country keeps both: the total may span them
        ((_NEIGHBOUR,), "Norvania, Valdoria"),
    ],
)
def test_a_running_total_beside_places_abroad_is_the_main_countrys(
    others: tuple[Place, ...], expected: str
) -> None:
    sentence = "With 250000 dead, the marshal will not visit Orlisk soon."
    claim = _claim("a", 250_000, "min", of="dead", index=2, sentence=sentence)
    mentions = [
        _place_mention("a", 0, _COUNTRY),
        _place_mention("a", 1, _COUNTRY, 1),
        _place_mention("a", 2, _COUNTRY, 2),
        *(_place_mention("a", 2, place, 3 + n) for n, place in enumerate(others)),
    ]
    places = {p.id: p for p in (_COUNTRY, _CITY, _ABROAD, _NEIGHBOUR)}
    (context,) = claim_contexts(
        [claim], mentions=mentions, places=places, published={"a": "2031-05-02"}
    )
    assert (context.scope, context.is_cumulative) == (expected, True)


@pytest.mark.parametrize(
    ("of", "population"),
    [
        # the people of the scope's country are its general population
        ("Valdorians killed", ""),
        # another group keeps its own population
        ("Norvanians killed", "norvanians"),
        # a known population word is unchanged
        ("civilians killed", "civilians"),
        # a lower-case word sharing the stem is not a demonym
        ("valdoriana killed", "valdoriana"),
    ],
)
def test_the_demonym_of_the_scope_is_the_general_population(of: str, population: str) -> None:
    sentence = f"Some 300000 {of} in the war, officials in Valdoria said."
    claim = _claim("a", 300_000, of=of, sentence=sentence)
    (context,) = claim_contexts(
        [claim],
        mentions=[_place_mention("a", 0, _COUNTRY)],
        places={"gn:1": _COUNTRY},
        published={"a": "2031-05-02"},
    )
    assert context.quantity == Quantity("deaths", population)


def test_claims_of_the_same_document_do_not_count_as_support() -> None:
    own_a, own_b, other = _claim("a", 3), _claim("a", 9, index=1), _claim("b", 3)
    comparison = compare_claims([_context(own_a), _context(own_b), _context(other)])
    support = {s.claim_id: (s.corroborations, s.contradictions) for s in comparison.support}
    # doc a's 3 agrees with doc b's 3; doc a's own 9 is not held against it
    assert support[own_a.id] == (1, 0)
    assert support[other.id] == (1, 1)


# --- the store step and the export -------------------------------------------------------------


def test_resolution_writes_support_and_a_numeric_disagreement_the_export_shows(
    tmp_path: Path,
) -> None:
    texts = {
        "a": "More than 250,000 people have been killed in Valdoria since the war began.",
        "b": "Some 470,000 people have been killed in Valdoria since the war began.",
        "c": "The war has killed 480,000 people in Valdoria since it began.",
    }
    values = {"a": (250_000, "min"), "b": (470_000, None), "c": (480_000, None)}
    with Store(tmp_path / "z.db") as store, store.transaction():
        for doc, text in texts.items():
            document = Document(
                id=doc,
                source=doc,
                text=text,
                published=PublishedDate("2031-05-02", is_inferred=False, basis="test"),
            )
            store.write_document(document, status="analyzed", fingerprint=doc, minhash=None)
            start = text.index("Valdoria")
            value, qualifier = values[doc]
            claim = replace(
                _claim(doc, value, qualifier, sentence=text),
                start_char=0,
                end_char=len(text),
            )
            place = replace(_place_mention(doc, 0, _COUNTRY), start_char=start, end_char=start + 8)
            store.write_analysis(
                DocumentAnalysis(
                    document=document,
                    sentences=(Sentence(doc, 0, 0, len(text), text),),
                    mentions=(place,),
                    places=(_COUNTRY,),
                    claims=(claim,),
                )
            )
    with Store(tmp_path / "z.db") as store:
        counts = resolve_claims(store)
        exported = build_export(store)
    assert counts == {"claims_compared": 3, "claims_corroborated": 2, "numeric_disagreements": 1}
    support = {
        c["document"]: (c["corroborations"], c["contradictions"]) for c in exported["claims"]
    }
    assert support == {"a": (0, 2), "b": (1, 1), "c": (1, 1)}
    (disagreement,) = [d for d in exported["disagreements"] if d["kind"] == "numeric"]
    assert disagreement["about"] == "deaths in Valdoria"
    assert [(s["document"], s["text"]) for s in disagreement["sides"]] == [
        (doc, texts[doc]) for doc in ("a", "b", "c")
    ]


# --- incident counts belong to merged events ---------------------------------------------------


def _event(doc: str, n: int, *, trigger: int, dead: int | None) -> Event:
    return Event(
        id=f"{doc}-e{n}",
        doc_id=doc,
        sentence_index=0,
        start_char=0,
        end_char=80,
        trigger_start=trigger,
        trigger_end=trigger + 4,
        type="ASSAULT",
        mode=None,
        context=(),
        source_mention_ids=(),
        target_mention_ids=(),
        source_text=None,
        target_text=None,
        place_mention_id=None,
        date=None,
        status="asserted",
        dead=dead,
        injured=None,
    )


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        # the event whose toll is the count, though another event's trigger is nearer
        ((_event("a", 0, trigger=6, dead=None), _event("a", 1, trigger=60, dead=12)), "ev-a1"),
        # no toll matches: the event whose trigger is nearest to the number
        ((_event("a", 0, trigger=60, dead=None), _event("a", 1, trigger=9, dead=None)), "ev-a1"),
        # every event of the sentence has another toll: the count is none of theirs
        ((_event("a", 0, trigger=6, dead=82),), None),
        # no event in the sentence: no cluster, the count is not compared
        ((), None),
    ],
)
def test_an_incident_count_is_attached_to_the_cluster_of_its_sentences_event(
    events: tuple[Event, ...], expected: str | None
) -> None:
    claim = _claim("a", 12, sentence="Some 12 people were killed when jets hit a depot.")
    clusters = {e.id: f"ev-{e.id.replace('-e', '')}" for e in events}
    (context,) = claim_contexts(
        [claim],
        mentions=[],
        places={},
        published={"a": "2031-05-02"},
        events=events,
        clusters=clusters,
    )
    assert context.event_cluster == expected


def test_two_incidents_of_one_city_and_day_do_not_dispute_each_others_tolls() -> None:
    # two strikes in Marenport on one day: 3 dead in one, 9 in the other
    a = _context(_claim("a", 3), scope="Marenport", event="ev-market")
    b = _context(_claim("b", 9), scope="Marenport", event="ev-school")
    assert compare_claims([a, b]).disagreements == ()
    # two outlets on the market strike: 3 against 9 is a disagreement about that event
    c = _context(_claim("c", 9), scope="Marenport", event="ev-market")
    (disagreement,) = compare_claims([a, b, c]).disagreements
    assert {s.document for s in disagreement.sides} == {"a", "c"}
    assert disagreement.about == "deaths in Marenport (event ev-market)"


def test_running_totals_compare_across_documents_without_an_event() -> None:
    # war-wide tolls of two outlets a week apart, neither attached to any event
    a = ClaimContext(_claim("a", 250_000, "min"), DEATHS, "Valdoria", "2031-05-02", True)
    b = ClaimContext(_claim("b", 470_000), DEATHS, "Valdoria", "2031-05-09", True)
    assert len(compare_claims([a, b]).disagreements) == 1


# --- disagreements that are real -------------------------------------------------------------

_NORTH_TOWN = Place("gn:10", "Kessel", 0.0, 0.0, "VAL", "VA.01", 10, "city")
_KESSEL = frozenset({"Kessel", "VA.01"})
_BRUMM = frozenset({"Brumm", "VA.01"})
_OSTRA = frozenset({"Ostra", "VA.02"})
_NEXT = "2031-05-03"


def _incident(
    doc: str,
    value: float,
    *,
    places: frozenset[str] = frozenset(),
    day: str = "2031-05-02",
    is_event_dated: bool = False,
    value_high: float | None = None,
    text: str | None = None,
) -> ClaimContext:
    claim = _claim(doc, value, value_high=value_high)
    if text is not None:
        claim = replace(claim, text=text)
    return ClaimContext(
        claim,
        DEATHS,
        "Valdoria",
        day,
        event_cluster="ev-1",
        places=places,
        is_event_dated=is_event_dated,
    )


def _dated_next_day(doc: str, value: float) -> ClaimContext:
    return _incident(doc, value, day=_NEXT, is_event_dated=True)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # one event, the same town named in both sentences: compared
        (_incident("a", 12, places=_KESSEL), _incident("b", 18, places=_KESSEL), "contradict"),
        # a village and a town of one province (a village and its provincial capital): compared
        (_incident("a", 12, places=_BRUMM), _incident("b", 18, places=_KESSEL), "contradict"),
        # towns of two provinces: the merger joined two incidents, not compared
        (_incident("a", 12, places=_KESSEL), _incident("b", 18, places=_OSTRA), "not compared"),
        # one sentence names no place: compared on the event alone
        (_incident("a", 12), _incident("b", 18, places=_OSTRA), "contradict"),
        # both sentences date their event, a day apart ("on Thursday" vs "on Friday"): two incidents
        (_incident("a", 12, is_event_dated=True), _dated_next_day("b", 18), "not compared"),
        # a publication-dated report of the next day may tell the same incident: compared
        (_incident("a", 12), _incident("b", 18, day=_NEXT), "contradict"),
        # "dozens" against 12: a vague plural never contradicts
        (_incident("a", 12), _incident("b", 24, value_high=119, text="dozens"), "not compared"),
        # "dozens" against 30: a vague plural still corroborates what it overlaps
        (_incident("a", 30), _incident("b", 24, value_high=119, text="dozens"), "corroborate"),
        # a written range ("500-1300") is a figure, it contradicts
        (_incident("a", 213), _incident("b", 500, value_high=1300, text="500-1300"), "contradict"),
        # 2 against 72: more than ten times apart, a part against a whole, not compared
        (_incident("a", 2), _incident("b", 72), "not compared"),
    ],
)  # fmt: skip
def test_incident_counts_are_compared_only_when_they_count_one_incident(
    a: ClaimContext, b: ClaimContext, expected: str
) -> None:
    comparison = compare_claims([a, b])
    outcome = (
        "contradict"
        if comparison.disagreements
        else "corroborate"
        if comparison.support
        else "not compared"
    )
    assert outcome == expected


def test_an_undated_total_contradicts_a_dated_one_and_the_disagreement_says_so() -> None:
    # "more than 250,000" in a dated report against 470,000 on a page with no date
    dated = _total("a", 250_000, "2031-05-02", qualifier="min")
    undated = _total("b", 470_000, None, uncertain=True)
    (disagreement,) = compare_claims([dated, undated]).disagreements
    assert [s.document for s in disagreement.sides] == ["a", "b"]
    assert disagreement.about == "deaths in Valdoria; publication dates uncertain"


def test_two_undated_totals_never_contradict_each_other() -> None:
    # both pages could be from any year: totals grow, so different values prove nothing
    first = _total("a", 250_000, None, qualifier="min", uncertain=True)
    second = _total("b", 470_000, None, uncertain=True)
    assert compare_claims([first, second]).disagreements == ()


def test_two_dated_totals_disagree_without_the_uncertainty_note() -> None:
    low = _total("a", 250_000, "2031-05-02", qualifier="min")
    high = _total("b", 470_000, "2031-05-09")
    (disagreement,) = compare_claims([low, high]).disagreements
    assert [s.document for s in disagreement.sides] == ["a", "b"]
    assert disagreement.about == "deaths in Valdoria"


def test_incident_contexts_carry_their_sentences_places_and_event_dates() -> None:
    claim = _claim("a", 12, sentence="Shelling killed 12 people in Kessel on Monday.")
    event = replace(_dated_event("a", 0, "2031-04-28"), dead=12)
    places = {p.id: p for p in (_COUNTRY, _NORTH_TOWN)}
    mentions = [_place_mention("a", 0, _COUNTRY), _place_mention("a", 0, _NORTH_TOWN)]
    (context,) = claim_contexts(
        [claim], mentions=mentions, places=places, published={"a": "2031-05-02"}, events=[event]
    )
    # the country is left out: places below it tell incidents apart
    assert context.places == frozenset({"Kessel", "VA.01"})
    assert (context.day, context.is_event_dated) == ("2031-04-28", True)


@pytest.mark.parametrize(
    ("sentence", "event_day", "expected_scope"),
    [
        # a national running total without a place takes the main country
        ("Some 300000 people have been killed since the war began.", None, "Valdoria"),
        # a tally over an unnamed local place ("on the town") has no scope
        ("Since the siege began some 60000 people have been killed in the town.", None, None),
        # a tally since last Saturday is local to one offensive: no scope
        ("Some 60000 people have been killed since Saturday.", "2031-04-26", None),
        # a tally since a date years back stays national
        ("Some 60000 people have been killed since March 2027.", "2027-03-01", "Valdoria"),
    ],
)
def test_local_and_short_running_totals_do_not_take_the_main_country(
    sentence: str, event_day: str | None, expected_scope: str | None
) -> None:
    claim = _claim("a", 60_000, index=1, sentence=sentence)
    events = [replace(_dated_event("a", 1, event_day), dead=None)] if event_day else []
    (context,) = claim_contexts(
        [claim],
        mentions=[_place_mention("a", 0, _COUNTRY)],
        places={"gn:1": _COUNTRY},
        published={"a": "2031-05-02"},
        events=events,
    )
    assert context.is_cumulative
    assert context.scope == expected_scope
