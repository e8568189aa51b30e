"""What a document tells about the incident it reports: its anchor events and their cues.

A local news article reports one incident (a shooting, a raid, a bombing) and retells it in
several sentences, most of which name neither its date nor its place. Across articles, the
incident is recognised less by one sentence than by the document: the people it names, the
region its story happens in, the day it dates the incident to, when it was published and
how it is worded. Each document's first incident of each family is its anchor for that
family; the anchor carries those cues (`IncidentCues`) so that event merging can compare
documents (`zenobia.resolve.incident_matching`) while still merging events.

Notes:
    Document-level evidence for cross-document event coreference (Bagga and Baldwin 1999;
    the "document as context" features of Cybulska and Vossen 2015), and the inverted pyramid
    of news writing: the first report of an incident in an article is the article's topic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from zenobia.extract.actors import person_key
from zenobia.model import Mention, Place, PublishedDate
from zenobia.resolve.document_wording import document_wordings
from zenobia.resolve.event_facts import is_uncertain
from zenobia.resolve.event_records import EventFacts, IncidentCues

__all__ = [
    "ADMIN1_WEIGHT",
    "BORROWED_DATES",
    "MIN_SUPPORT",
    "anchor_ids",
    "incident_day",
    "named_people",
    "story_region",
    "with_incident_cues",
]

ADMIN1_WEIGHT = 3
"""How much more a first-level division named outright ("Colorado", "Conn.") says about where
a story happens than a town name, which the geocoder may have put in a namesake elsewhere
("Clifton" of another state)."""

MIN_SUPPORT = 2
"""Points (`story_region`: one a town, `ADMIN1_WEIGHT` a division) a country or region needs
before it may set two stories apart: a story that names one town only is not placed."""

_ANCHOR_STATUSES = frozenset({"asserted", "reported"})


def anchor_ids(facts: Iterable[EventFacts]) -> set[str]:
    """The anchor of each document and family: its first incident of the family that is told
    as having happened (asserted or reported) and is not a running total (`background`)."""
    first: dict[tuple[str, str], EventFacts] = {}
    for item in facts:
        family = item.family
        if family is None or family.kind != "incident" or item.background:
            continue
        if item.event.status not in _ANCHOR_STATUSES:
            continue
        key = (item.doc_id, family.name)
        known = first.get(key)
        if known is None or (item.event.start_char, item.id) < (known.event.start_char, known.id):
            first[key] = item
    return {item.id for item in first.values()}


def story_region(
    mentions: Iterable[Mention], places: Mapping[str, Place]
) -> tuple[str | None, str | None]:
    """Where a document's story happens: the country (ISO alpha-3) and first-level division
    (GeoNames admin1 code) its geocoded towns and divisions point to most.

    Returns:
        (country, region); each is None when fewer than `MIN_SUPPORT` points support it, and
        the region also when two divisions of the country tie.

    Notes:
        Each distinct place counts once, a division named outright as `ADMIN1_WEIGHT`
        towns. Only towns and divisions count: a bare country is as often an actor
        ("US-led strikes") as where a story is. A story that names one town only is not
        placed: the geocoder may have put the town in a namesake abroad ("Montfort").
    """
    countries: Counter[str] = Counter()
    regions: Counter[tuple[str, str]] = Counter()
    seen: set[str] = set()
    for mention in mentions:
        place = places.get(mention.place_id) if mention.place_id else None
        if place is None or place.country is None or place.feature not in ("city", "admin1"):
            continue
        if place.id in seen:
            continue
        seen.add(place.id)
        weight = ADMIN1_WEIGHT if place.feature == "admin1" else 1
        countries[place.country] += weight
        if place.admin1:
            regions[(place.country, place.admin1)] += weight
    if not countries:
        return None, None
    country = max(countries, key=lambda c: (countries[c], c))
    if countries[country] < MIN_SUPPORT:
        return None, None
    ranked = sorted(((n, r) for (c, r), n in regions.items() if c == country), reverse=True)
    if not ranked or ranked[0][0] < MIN_SUPPORT:
        return country, None
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return country, None
    return country, ranked[0][1]


def named_people(mentions: Iterable[Mention], speakers: Collection[str] = ()) -> tuple[str, ...]:
    """The people a document names in full who are not its speakers and not public figures of
    the knowledge base: the victims, suspects and witnesses of its story, as `person_key`s in
    the order the document first names them.

    Notes:
        Officials, spokespeople and reporters are named in many stories of one place (the
        police chief who comments on every shooting); they speak, or they are known
        figures. A name of one word is too common to identify anyone across documents.
    """
    ordered = sorted(mentions, key=lambda m: (m.start_char, m.id))
    found = (
        person_key(mention.canonical)
        for mention in ordered
        if mention.label == "PERSON" and mention.entry_id is None and mention.id not in speakers
    )
    return tuple(dict.fromkeys(key for key in found if key is not None))


BORROWED_DATES = ("governing clause", "coordinated clause")
"""Date bases (`EventDate.basis`, `zenobia.extract.time`) of a date an event takes from the
clause around it, not from its own words: "pleaded guilty today for the May 7 shooting"
dates the plea, not the shooting."""


def _own_days(item: EventFacts, published: int | None) -> tuple[int, int] | None:
    """The first and last day an event's own words date it to, when they name a day or two:
    a stated date, or a weekday or "yesterday" read against a certain publication day."""
    stated = item.event.date
    if stated is None or any(borrowed in stated.basis for borrowed in BORROWED_DATES):
        return None
    try:
        start = date.fromisoformat(stated.start[:10]).toordinal()
        end = date.fromisoformat(stated.end[:10]).toordinal()
    except ValueError:
        return None
    if end - start > 1 or ("publication" in stated.basis.lower() and published is None):
        return None
    return start, end


def incident_day(facts: Iterable[EventFacts], published: int | None = None) -> int | None:
    """The day (an ordinal) a document dates its incident to: the last day of the first event,
    in text order, whose own words date it to a day or two before its publication
    (`published`: the certain publication day that weekdays are read against, None when
    uncertain).

    Notes:
        A day that is the publication day says no more than the publication window: it is
        as often the day of a follow-up's arrest or hearing ("charged today with the
        murder") as of the incident. A follow-up names the day of the incident it follows
        before any other ("charged in the March 27 shooting"); a first report dates it in its
        lead ("Sunday night"). The last day of two ("Saturday night or early Sunday") is the
        one the other tellings mostly name.
    """
    dated = [
        (item.event.trigger_start, item.id, days[1])
        for item in facts
        if (days := _own_days(item, published)) is not None
        and (published is None or days[1] < published)
    ]
    return min(dated)[2] if dated else None


def _publication_day(published: PublishedDate | None) -> int | None:
    if is_uncertain(published) or published is None or published.date is None:
        return None
    try:
        return date.fromisoformat(published.date[:10]).toordinal()
    except ValueError:
        return None


def with_incident_cues(
    facts: Mapping[str, EventFacts],
    mentions: Sequence[Mention],
    places: Mapping[str, Place],
    texts: Mapping[str, str],
    published: Mapping[str, PublishedDate],
    speakers: Collection[str] = (),
) -> dict[str, EventFacts]:
    """`facts` with each document's anchors (`anchor_ids`) given their document's cues.

    Args:
        facts: event id → facts (`event_facts`).
        mentions: the mentions of the documents (place mentions geocoded).
        places: geocoded places by id.
        texts: document id → text, for the documents' wording.
        published: document id → publication date.
        speakers: ids of the mentions that speak in a quote.
    """
    anchors = anchor_ids(facts.values())
    if not anchors:
        return dict(facts)
    documents = {facts[event_id].doc_id for event_id in anchors}
    by_doc: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.doc_id in documents:
            by_doc.setdefault(mention.doc_id, []).append(mention)
    of_family: dict[tuple[str, str], list[EventFacts]] = {}
    for item in facts.values():
        if item.doc_id in documents and item.family is not None:
            of_family.setdefault((item.doc_id, item.family.name), []).append(item)
    wordings = document_wordings({d: texts.get(d, "") for d in sorted(documents)})
    stories: dict[str, tuple[str | None, str | None, tuple[str, ...]]] = {}
    for doc_id in documents:
        doc_mentions = by_doc.get(doc_id, [])
        country, region = story_region(doc_mentions, places)
        stories[doc_id] = (country, region, named_people(doc_mentions, speakers))
    found = dict(facts)
    for event_id in anchors:
        item = facts[event_id]
        country, region, people = stories[item.doc_id]
        family = item.family.name if item.family is not None else ""
        day = _publication_day(published.get(item.doc_id))
        cues = IncidentCues(
            published=day,
            country=country,
            region=region,
            people=people,
            day=incident_day(of_family.get((item.doc_id, family), ()), day),
            wording=wordings.get(item.doc_id, {}),
        )
        found[event_id] = replace(item, incident=cues)
    return found
