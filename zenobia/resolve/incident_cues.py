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
from zenobia.resolve.document_wording import Wording, document_wordings, wording_similarity
from zenobia.resolve.event_facts import is_uncertain
from zenobia.resolve.event_records import EventFacts, IncidentCues

__all__ = [
    "ADMIN1_WEIGHT",
    "BORROWED_DATES",
    "CHANCE_FACTOR",
    "CHANCE_PAIRS",
    "COPY_WORDING",
    "MIN_SUPPORT",
    "PUBLIC_FIGURE_DOCUMENTS",
    "PUBLIC_FIGURE_SHARE",
    "anchor_ids",
    "chance_wording",
    "incident_day",
    "named_people",
    "public_figures",
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

PUBLIC_FIGURE_DOCUMENTS = 10
"""A person named by more documents than this (and `PUBLIC_FIGURE_SHARE` of them) is a public
figure (`public_figures`): on FA-KES a head of state was named by 71 documents and a monitor's
director by 48; on the gun-violence tune part no victim or suspect by more than 8."""

PUBLIC_FIGURE_SHARE = 0.01
"""The share of a large corpus's documents from which a person named by them all is a public
figure, whatever the absolute number."""

CHANCE_FACTOR = 3.0
"""Two reports of one week are worded alike beyond chance from this many times the median
cosine of all such pairs (`chance_wording`): on the gun-violence tune part (median 0.043) the
floor `NEAR_WORDING` decides; on FA-KES (median 0.083) 3 raised the bar to 0.25, which kept
its B-cubed F1 at 0.80 where the floor alone gave 0.78, without changing the former's figures
(4 and 5 lost pairs on both)."""

CHANCE_PAIRS = 20_000
"""Pairs sampled to estimate the chance cosine: enough for a stable median, and a cost that
does not grow with the corpus."""

COPY_WORDING = 0.9
"""From this cosine two documents are copies of one text, not chance: left out of the sample."""

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
    """`facts` with each document's anchors (`anchor_ids`) given their document's cues: its
    people (without `public_figures`), those of them named in the sentences of the anchor's
    family of incidents, its region, its incident's day, its wording and the corpus's
    `chance_wording`.

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
    days = {d: _publication_day(published.get(d)) for d in documents}
    stories: dict[str, tuple[str | None, str | None, tuple[str, ...]]] = {}
    for doc_id in sorted(documents):
        doc_mentions = by_doc.get(doc_id, [])
        country, region = story_region(doc_mentions, places)
        stories[doc_id] = (country, region, named_people(doc_mentions, speakers))
    figures = public_figures({d: story[2] for d, story in stories.items()})
    weeks: dict[tuple[str, int], list[str]] = {}
    for doc_id in sorted(documents):
        day = days[doc_id]
        if day is not None:
            weeks.setdefault((stories[doc_id][0] or "?", day // 7), []).append(doc_id)
    chance = chance_wording([[wordings[d] for d in group] for _, group in sorted(weeks.items())])
    found = dict(facts)
    for event_id in anchors:
        item = facts[event_id]
        country, region, people = stories[item.doc_id]
        family = item.family.name if item.family is not None else ""
        day = days[item.doc_id]
        told = of_family.get((item.doc_id, family), ())
        spans = [(f.event.start_char, f.event.end_char) for f in told]
        in_sentences = [
            m for m in by_doc.get(item.doc_id, []) if any(a <= m.start_char < b for a, b in spans)
        ]
        involved = tuple(p for p in named_people(in_sentences, speakers) if p not in figures)
        cues = IncidentCues(
            published=day,
            country=country,
            region=region,
            people=tuple(p for p in people if p not in figures),
            day=incident_day(of_family.get((item.doc_id, family), ()), day),
            wording=wordings.get(item.doc_id, {}),
            chance=chance,
            involved=involved,
        )
        found[event_id] = replace(item, incident=cues)
    return found


def public_figures(people: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The people (`person_key`s) that too many documents name to identify one story: more
    than `PUBLIC_FIGURE_DOCUMENTS` documents and more than `PUBLIC_FIGURE_SHARE` of them.

    Notes:
        A victim or a suspect is named by the few reports of one incident; a head of state,
        a monitor's director or a police chief by reports of many ("Bashar Assad's forces",
        a name written in a form the knowledge base does not list). As stop words for
        blocking (Christen 2012), names with a high document frequency are left out.
    """
    counts = Counter(person for named in people.values() for person in set(named))
    limit = max(PUBLIC_FIGURE_DOCUMENTS, PUBLIC_FIGURE_SHARE * len(people))
    return frozenset(person for person, count in counts.items() if count > limit)


def chance_wording(groups: Sequence[Sequence[Wording]]) -> float:
    """The cosine two documents published in one week in one country reach by chance:
    `CHANCE_FACTOR` times the median cosine of such pairs (up to `CHANCE_PAIRS` of them,
    spread over the groups; near copies left out), 0 when there are none.

    Notes:
        How alike two reports of different incidents are worded depends on the corpus: local
        news of one city each tell their own shooting (median cosine 0.04 on the gun-violence
        tune part), while war news of one country share the war's words (0.08 on FA-KES). A
        wording cue must stand out from the corpus's chance level, as the lead similarity of
        `compare` stands out from random pairs. The median is robust to the few pairs that do
        tell one incident.
    """
    pairs = [len(group) * (len(group) - 1) // 2 for group in groups]
    share = CHANCE_PAIRS / max(1, sum(pairs))
    found: list[float] = []
    for group, count in zip(groups, pairs, strict=True):
        wanted = max(1, round(count * share)) if count else 0
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if wanted <= 0:
                    break
                cosine = wording_similarity(a, b)
                if cosine < COPY_WORDING:
                    found.append(cosine)
                wanted -= 1
            if wanted <= 0:
                break
    if not found:
        return 0.0
    found.sort()
    return CHANCE_FACTOR * found[len(found) // 2]
