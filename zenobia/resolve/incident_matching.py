"""Whether the anchors of two documents are one incident, by what the documents tell of it.

Two reports of one shooting often share no sentence: one says "a man was shot Sunday night
on Elm Street", the other, a day later, "police identified the victim as John Doe, 34" or,
weeks later, "John Doe's killer was sentenced". What they share is their story: the people
they name, the region, the day they date it to, when they were published and their words
(`IncidentCues`). Two anchors of one family (`zenobia.resolve.incident_cues`) are one
incident when their documents do not date it to different days, and

- they name the same people (not speakers, not public figures) and are worded alike beyond
  chance: two or more people at any time, or one named in the sentences of both documents'
  incidents (`IncidentCues.involved`: a victim or a suspect, not a commentator) when they
  were published within `PEOPLE_WINDOW_DAYS` or date the incident to the same day (path
  `incident-people`);
- their stories happen in one country and region (`_same_region`: a town's namesake abroad
  never sets apart stories that name the same people), and they date the incident to the
  same day and are worded alike (`incident-day`);
- or, in one region too, they were published within `NEAR_DAYS` and are worded alike, or
  within `WORDING_WINDOW_DAYS` and worded very much alike (`incident-wording`).

Wording counts only above the corpus's chance level (`IncidentCues.chance`): war news of one
country share the war's words, local news of one city share little. Different incidents in
one city within days of each other differ in the people they name,
the day they are dated to and their words; what the anchors' own sentences assert (their
stated dates, places and death tolls) still guards every merge (`ClusterProfile`).

Notes:
    Document-level features for cross-document event coreference (Bagga and Baldwin 1999;
    Cybulska and Vossen 2015), with thresholds read on the `tune` part of the gun-violence
    corpus (articles grouped by the incident they report): see each constant.
"""

from __future__ import annotations

from zenobia.resolve.document_wording import wording_similarity
from zenobia.resolve.event_records import EventFacts, IncidentCues, Match

__all__ = [
    "DAY_WORDING",
    "NEAR_DAYS",
    "NEAR_WORDING",
    "PEOPLE_AT_ANY_TIME",
    "PEOPLE_WINDOW_DAYS",
    "PEOPLE_WORDING",
    "STRONG_WORDING",
    "WORDING_WINDOW_DAYS",
    "cohesion_floor",
    "compare_incidents",
    "day_relation",
]

NEAR_DAYS = 3
"""Publication days apart within which two reports can be first reports of one incident: half
of the articles of an incident appear the day of it or the next (gun-violence corpus notes)."""

NEAR_WORDING = 0.17
"""Cosine of the TF-IDF vectors of two documents published within `NEAR_DAYS` from which they
tell one incident: on the whole tune part (1,129 articles, 738 pairs of one incident) the
row's pairwise F1 was 0.836 at 0.15, 0.841 at 0.17, 0.831 at 0.2 and 0.822 at 0.25."""

WORDING_WINDOW_DAYS = 30
"""How far apart (publication days) two reports worded very much alike may be."""

STRONG_WORDING = 0.35
"""Cosine from which two reports within `WORDING_WINDOW_DAYS` tell one incident without any
other cue: on the 400-article tune sample, no pair of different incidents of one region
reached it (0.3 and 0.4 gave the same figures on the whole tune part)."""

PEOPLE_WINDOW_DAYS = 30
"""Publication days apart within which one named person links two reports: on tune, a name
shared 30 to 600 days apart was an official's or a reporter's as often as a victim's."""

PEOPLE_AT_ANY_TIME = 2
"""Named people two reports must share to be one incident at any distance in time (a trial a
year later): on tune (400 articles), 69 pairs of one incident shared two or more, and no
pair of different incidents did."""

PEOPLE_WORDING = 0.1
"""The least cosine two reports that name the same person need, so that a name alone never
does (a namesake, a street that NER took for a person): on the 400-article tune sample 0.15
and 0.2 lost more pairs of one incident than wrong links they removed."""

DAY_WORDING = 0.25
"""Cosine two reports need when they date their incidents to the same day and name no one in
common: on the whole tune part, 0.2 linked different shootings of one city on one night
(pairwise precision 0.904 against 0.913 at 0.25 and 0.3, with the same recall); 0.25 also
linked a trial's report to the first report of one shooting that 0.3 kept apart."""

DAY_TOLERANCE = 1
"""Days by which two dates of one incident may differ: a shooting "late Saturday" is told as
Sunday by an outlet that writes after midnight."""

_PATH_BONUS = {"incident-people": 0.3, "incident-day": 0.2, "incident-wording": 0.0}
"""Added to the cosine in a match's score, so that among matches of documents' cues the
strongest apply first (`merge_events`)."""


def day_relation(a: IncidentCues, b: IncidentCues) -> str:
    """Whether two documents date their incidents to the "same" day (within `DAY_TOLERANCE`),
    to "different" days, or not both ("unknown")."""
    if a.day is None or b.day is None:
        return "unknown"
    return "same" if abs(a.day - b.day) <= DAY_TOLERANCE else "different"


def _same_region(a: IncidentCues, b: IncidentCues) -> bool:
    """Not set apart by where their stories happen: no two different known countries, and no
    two different known first-level divisions."""
    if a.country and b.country and a.country != b.country:
        return False
    return not (a.region and b.region and a.region != b.region)


def cohesion_floor(path: str, a: EventFacts, b: EventFacts) -> float:
    """The least mean cosine of the documents of two clusters (`GuardedUnionFind.cohesion`)
    that a match of `path` between their anchors `a` and `b` may join: for a match on wording,
    the corpus's chance level (`IncidentCues.chance`) and at least `NEAR_WORDING`; for one on
    people or a day, what that path asks of the pair itself."""
    if path != "incident-wording":
        return PEOPLE_WORDING
    chances = [cues.chance for cues in (a.incident, b.incident) if cues is not None]
    return max(NEAR_WORDING, *chances)


def compare_incidents(a: EventFacts, b: EventFacts) -> Match | None:
    """Whether two anchors of different documents are one incident (see the module notes).

    Returns:
        A `Match` whose path names the rule that matched, whose similarity is the documents'
        cosine, and which allows a "span" conflict (`ClusterProfile`: a follow-up weeks
        after the incident, dated only by its publication) and a "town" conflict (the two
        anchors' sentences name different towns of one first-level division: a neighbourhood
        and its city); else None.
    """
    first, second = a.incident, b.incident
    if first is None or second is None or a.doc_id == b.doc_id:
        return None
    if a.family is None or a.family != b.family:
        return None
    days = day_relation(first, second)
    if days == "different":
        return None
    gap = None
    if first.published is not None and second.published is not None:
        gap = abs(first.published - second.published)
    same_day = days == "same"
    cosine = wording_similarity(first.wording, second.wording)
    chance = max(first.chance, second.chance)
    path = None
    shared = len(set(first.people) & set(second.people))
    involved = set(first.involved) & set(second.involved)
    near = same_day or (gap is not None and gap <= PEOPLE_WINDOW_DAYS)
    if cosine >= PEOPLE_WORDING and (shared >= PEOPLE_AT_ANY_TIME or (involved and near)):
        path = "incident-people"
    elif not _same_region(first, second):
        return None  # wording and a day alone never join stories of two regions
    elif same_day and cosine >= max(DAY_WORDING, chance):
        path = "incident-day"
    elif gap is not None and (
        (gap <= NEAR_DAYS and cosine >= max(NEAR_WORDING, chance))
        or (gap <= WORDING_WINDOW_DAYS and cosine >= max(STRONG_WORDING, chance))
    ):
        path = "incident-wording"
    if path is None:
        return None
    return Match(cosine + _PATH_BONUS[path], cosine, ("span", "place"), path)
