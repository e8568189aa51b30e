"""Whether two events of different documents are the same real-world event.

Notes:
    A rule-based pairwise matcher (Cybulska and Vossen 2015: type, arguments, time, location,
    lexical similarity); weights are set by hand, not learned.
"""

from __future__ import annotations

from collections.abc import Mapping

from zenobia.resolve.event_blocks import undated_key
from zenobia.resolve.event_families import modes_compatible
from zenobia.resolve.event_records import EventFacts, Match, PlaceRef
from zenobia.resolve.event_relations import PlaceRelation, date_relation, place_relation
from zenobia.resolve.event_text import lead_similarity, similarity
from zenobia.resolve.incident_matching import compare_incidents

SIDE_ANCHOR = 0.1
"""What a shared perpetrator side (`EventFacts.sides`) adds to a match score when no named
perpetrator is shared: less than a shared named perpetrator (0.15), since a side is broader."""

MERGE_SCORE = 0.5
"""Similarity plus anchors needed to merge two events that do not conflict."""

MIN_SIMILARITY = 0.2
"""Sentence similarity needed in any case: sharing a type and a place is not enough."""

CONFLICT_SIMILARITY = 0.5
"""Sentence similarity needed to merge despite one conflicting date, place or perpetrator."""

CONFLICT_SCORE = 0.7

UNDATED_SIMILARITY = 0.25
"""Sentence similarity needed to merge an event that has no usable date (`compare_undated`):
above `MIN_SIMILARITY`, since the date anchor is missing, but below `CONFLICT_SIMILARITY`,
since the same type and mode, the same city and compatible perpetrators are all required."""

UNDATED_ANCHOR_RELIEF = 0.1
"""How much each shared named perpetrator or recipient lowers `UNDATED_SIMILARITY`."""

UNDATED_MIN_SIMILARITY = 0.05
"""The floor: undated events never merge on their anchors alone."""

LEAD_SIMILARITY = 0.15
"""Lead similarity from which two headline events of one family, date and place merge even when
their own sentences are worded apart: about the 99th percentile of the lead similarity of
random pairs of FA-KES articles (0.165), i.e. vocabulary shared beyond chance."""


def compare(a: EventFacts, b: EventFacts, idf: Mapping[str, float]) -> Match | None:
    """Whether two events of different documents are the same real-world event.

    Returns:
        A `Match` when they merge, else None. They merge when their sentence similarity plus
        anchors (same specific place, shared perpetrator or target, equal death toll, same
        day) reaches `MERGE_SCORE` with no conflict, or when a very similar wording outweighs
        one conflict (a different date, place or perpetrator: a disagreement to report),
        or when both are their documents' headline incidents, agree on date and place with no
        conflict, and their documents' leads share words beyond chance (`LEAD_SIMILARITY`),
        or when both are their documents' anchors and the documents tell one incident
        (`compare_incidents`: people, region, day, publication window and wording).

    Notes:
        A rule-based pairwise matcher with hard family and time constraints, in the spirit of
        the feature sets of cross-document event coreference (Cybulska and Vossen 2015: event
        type, arguments, time, location, lexical similarity). Weights are set by hand, not
        learned.
    """
    found = _compare_tellings(a, b, idf)
    if found is None and a.incident is not None and b.incident is not None:
        found = compare_incidents(a, b)
    return found


def _compare_tellings(a: EventFacts, b: EventFacts, idf: Mapping[str, float]) -> Match | None:
    """`compare` on the two events' own sentences, anchors and documents' leads."""
    if a.family is None or a.family != b.family or a.doc_id == b.doc_id:
        return None
    dates = date_relation(a, b)
    if dates == "far":
        return None
    conflicts: list[str] = []
    if dates == "disjoint":
        conflicts.append("date")
    places = place_relation(a.place, b.place)
    inferred = bool((a.place and a.place.inferred) or (b.place and b.place.inferred))
    if places == "disjoint" and not inferred:
        conflicts.append("place")
    if a.sources and b.sources and not a.sources & b.sources and not a.sides & b.sides:
        conflicts.append("actor")  # organs of one state (its government, its army) are one side
    shared_source = bool(a.sources & b.sources)
    if a.family.kind == "statement" and (not shared_source or conflicts):
        return None
    sim = similarity(a.tokens, b.tokens, idf)
    score = sim
    if places == "same":
        specific = a.place is not None and a.place.feature != "country"
        score += (0.05 if inferred else 0.15) if specific else 0.05
    elif places == "nested" and not inferred:
        score += 0.05
    if shared_source:
        score += 0.15
    elif a.sides & b.sides:
        score += SIDE_ANCHOR
    if a.targets & b.targets:
        score += 0.1
    if a.generic & b.generic:
        score += 0.05
    if a.event.dead and a.event.dead == b.event.dead:
        score += 0.2
    if a.event.injured and a.event.injured == b.event.injured:
        score += 0.1
    if dates == "same":
        score += 0.1
    if not conflicts and _is_anchored_pair(a, b, places, dates, shared_source):
        return Match(score, sim, ())
    if not conflicts and _is_headline_pair(a, b, places):
        lead = lead_similarity(a, b, idf)
        if lead >= LEAD_SIMILARITY:
            return Match(score + lead, sim, ())
    if not conflicts:
        ok = sim >= MIN_SIMILARITY and score >= MERGE_SCORE
    else:
        ok = len(conflicts) == 1 and sim >= CONFLICT_SIMILARITY and score >= CONFLICT_SCORE
    return Match(score, sim, tuple(conflicts)) if ok else None


def _is_anchored_pair(
    a: EventFacts, b: EventFacts, places: PlaceRelation, dates: str, shared_source: bool
) -> bool:
    """Whether two dated events of an anchored family (`Family.anchored`: a change of control)
    merge on their anchors alone: compatible modes, the same stated town, overlapping dates
    and a shared perpetrator or side, whatever the wording.

    Notes:
        The rule `compare_undated` applies to undated tellings ("the same town taken by the
        same side"); two tellings whose dates overlap are at least as compatible, however
        differently they are worded ("the takeover of X by G in May" against "when G took
        over the city in May").
    """
    if a.family is None or not a.family.anchored or dates not in ("same", "overlap"):
        return False
    if places != "same" or a.place is None or a.place.inferred or a.place.feature == "country":
        return False
    if not modes_compatible(a.event.type, a.event.mode, b.event.type, b.event.mode):
        return False
    return shared_source or bool(a.sides & b.sides)


def _is_headline_pair(a: EventFacts, b: EventFacts, places: PlaceRelation) -> bool:
    """Whether two events may merge on their documents' leads: both headline incidents, in the
    same or nested places or one unknown (not even two different inferred cities). Their
    dates are already known to be compatible: `compare` never gets here otherwise.

    Two different inferred countries do not set them apart (`_is_country_guess`).

    Notes:
        Anchoring by the headline event: a news story is about one main event, stated in its
        lead; two stories whose leads match and whose headline events agree on family, time and
        place tell the same event, however differently their event sentences are worded
        (document-level evidence for cross-document coreference, Bagga and Baldwin 1998).
    """
    if not (a.headline and b.headline) or a.family is None or a.family.kind != "incident":
        return False
    return places != "disjoint" or _is_country_guess(a.place) or _is_country_guess(b.place)


def _is_country_guess(place: PlaceRef | None) -> bool:
    """A place that is only the country a document's place names most often lie in
    (`lead_place`'s fallback): a country named in a story is as often an actor or a base as
    where it happens, so it cannot set two stories apart."""
    return place is not None and place.inferred and place.feature == "country"


def compare_undated(a: EventFacts, b: EventFacts, idf: Mapping[str, float]) -> Match | None:
    """Whether two events of different documents, one or both without a usable date, are the
    same real-world event.

    Returns:
        A `Match` when they agree on everything but the date: the same type and compatible
        modes (`modes_compatible`: a capture and a recapture are one change of control; a
        capture and a withdrawal are not), the same stated city, compatible perpetrators
        (shared, of one side, or one unknown or generic; never two disjoint named ones of
        different sides) and a sentence similarity of at least `undated_threshold`; a shared
        perpetrator or side (`EventFacts.sides`: "pro-government forces" and the named army of
        the story's country) is an anchor. In an anchored family (`Family.anchored`: a change
        of control) the same town and a shared perpetrator or side suffice, whatever the
        wording. Else None.

    Notes:
        Without a date, the place, mode and perpetrator anchors of cross-document event
        coreference (Cybulska and Vossen 2015) must all hold; disjoint perpetrators stay a
        veto, so the same town taken by different sides at different times does not merge.
    """
    if a.doc_id == b.doc_id or a.family is None or a.family != b.family:
        return None
    if a.start is not None and b.start is not None:
        return None
    if not modes_compatible(a.event.type, a.event.mode, b.event.type, b.event.mode):
        return None
    if undated_key(a) is None or undated_key(a) != undated_key(b):
        return None
    same_side = bool(a.sides & b.sides)
    if a.sources and b.sources and not a.sources & b.sources and not same_side:
        return None
    sim = similarity(a.tokens, b.tokens, idf)
    perpetrator = bool(a.sources & b.sources) or same_side
    anchors = perpetrator + bool(a.targets & b.targets)
    anchored = a.family.anchored and perpetrator  # the same town taken by the same side
    if not anchored and sim < undated_threshold(anchors):
        return None
    score = sim + (0.15 if perpetrator else 0.0) + (0.1 if a.targets & b.targets else 0.0)
    return Match(score, sim, ())


def undated_threshold(shared_actors: int) -> float:
    """The sentence similarity two undated events need, given how many named actor roles
    (perpetrator, recipient) they share on top of the same type, mode and city.

    Notes:
        Outlets tell one capture in very different words ("forces recaptured the city of X"
        against "the recapture of X by the army has two consequences"); a shared named
        perpetrator or recipient is stronger evidence than shared wording, so each lowers
        the bar by `UNDATED_ANCHOR_RELIEF`, down to `UNDATED_MIN_SIMILARITY`.
    """
    return max(UNDATED_MIN_SIMILARITY, UNDATED_SIMILARITY - UNDATED_ANCHOR_RELIEF * shared_actors)
