"""Grouping events into clusters of one real-world event: blocks, leaders, best-first unions."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zenobia.resolve.cluster_profile import GuardedUnionFind
from zenobia.resolve.event_blocks import UNDATED_BLOCK, block_keys
from zenobia.resolve.event_matching import compare, compare_undated
from zenobia.resolve.event_records import VAGUE_DAYS, EventFacts
from zenobia.resolve.event_text import corpus_idf, similarity
from zenobia.resolve.incident_matching import cohesion_floor

EXEMPLARS = 32
"""Distinct tellings a group keeps inside a block; a new event is compared with these only."""

NEAR_COPY = 0.9
"""Sentence similarity from which a joining event is a near copy of an exemplar of its group:
it joins the group but adds nothing new to compare with."""


def _near_copy(item: EventFacts, exemplars: Sequence[EventFacts], idf: Mapping[str, float]) -> bool:
    """Whether `item` is told in nearly the words of an exemplar (not only the one it matched:
    a match on the lead may pair it with an exemplar worded apart while its twin is there)."""
    return any(similarity(item.tokens, ex.tokens, idf) >= NEAR_COPY for ex in exemplars)


def _telling(item: EventFacts) -> tuple[object, ...]:
    """What two copies of one story share exactly: wording, type, place, date and actors."""
    place = item.place.id if item.place is not None else None
    event = item.event
    return (item.tokens, event.type, event.mode, place, item.start, item.end, item.sources)


_Link = tuple[float, str, str, tuple[str, ...], str]
"""A match found inside a block: score, the two event ids, the conflicts it was allowed and
the path that matched them (`Match.path`)."""


def _undated_links(members: Sequence[EventFacts], idf: Mapping[str, float]) -> list[_Link]:
    """Link each undated member of an undated block to its best match only (dated members
    are never compared with each other here), so that one undated telling cannot bridge two
    different dated events. An exact retelling (`_telling`) of a member already seen links to
    it and is not compared further, so that k copies of a corpus cost about k times one."""
    links: list[_Link] = []
    seen: list[EventFacts] = []
    twins: dict[tuple[object, ...], EventFacts] = {}
    for item in members:
        if item.start is not None and twins.setdefault(_telling(item), item) is item:
            seen.append(item)
    for item in members:
        if item.start is not None:
            continue
        twin = twins.setdefault(_telling(item), item)
        if twin is not item and (match := compare_undated(item, twin, idf)) is not None:
            links.append((math.inf, item.id, twin.id, match.conflicts, match.path))
            continue
        matches = [(m, other) for other in seen if (m := compare_undated(item, other, idf))]
        if matches:
            match, best = max(matches, key=lambda pair: (pair[0].score, pair[1].id))
            links.append((match.score, item.id, best.id, match.conflicts, match.path))
        seen.append(item)
    return links + _vague_links([m for m in seen if _is_vague(m)], idf)


def _is_vague(item: EventFacts) -> bool:
    """Dated, but too vaguely for the week blocks ("in May"): met only in the undated block."""
    return item.start is not None and item.end is not None and item.end - item.start > VAGUE_DAYS


def _vague_links(members: Sequence[EventFacts], idf: Mapping[str, float]) -> list[_Link]:
    """Link each vaguely dated member of an undated block to its best earlier match by the
    full comparison (`compare`: overlapping dates, anchors, wording), so that two tellings of
    one capture "in May" meet even though no week block holds them."""
    links: list[_Link] = []
    for i, item in enumerate(members):
        matches = [(m, other) for other in members[:i] if (m := compare(item, other, idf))]
        if matches:
            match, best = max(matches, key=lambda pair: (pair[0].score, pair[1].id))
            links.append((match.score, item.id, best.id, match.conflicts, match.path))
    return links


@dataclass(frozen=True, slots=True)
class MergedGroup:
    """Events found to be one real-world event, and the paths of the links that joined them
    (`Match.path`: "event", "incident-people", …; empty for an event alone)."""

    event_ids: tuple[str, ...]
    paths: frozenset[str] = frozenset()


def merge_events(
    facts: Sequence[EventFacts], idf: Mapping[str, float] | None = None
) -> list[tuple[str, ...]]:
    """Group events that are the same real-world event (`merge_event_groups` without paths)."""
    return [group.event_ids for group in merge_event_groups(facts, idf)]


def merge_event_groups(
    facts: Sequence[EventFacts], idf: Mapping[str, float] | None = None
) -> list[MergedGroup]:
    """Group events that are the same real-world event; every event is in exactly one group.

    Args:
        facts: the events to resolve (from `event_facts`).
        idf: word weights for `similarity`; computed from `facts` when omitted.

    Returns:
        Groups of event ids, each sorted, in the order of their smallest id, with the paths of
        the links that joined them.

    Notes:
        Blocking (`block_keys`), then inside each block "leader" clustering: each event, in
        date order, is compared with the exemplars of every group the block has formed so far
        (up to `EXEMPLARS` distinct tellings; near copies are not kept as exemplars) and
        is linked to every group it matches. Links are then applied best first (highest score
        first, as in best-first agglomerative clustering), each only if the two whole clusters
        are compatible (`ClusterProfile`: no new conflict of perpetrator, place, date or
        toll), so that a weak link made early cannot chain two events a strong one separates.
        Links of the events' own sentences apply before those of their documents' incident
        cues (`compare_incidents`), and a link of documents' cues joins two clusters only when
        their documents are worded alike on average (`GuardedUnionFind.cohesion`, average
        linkage): on FA-KES either order alone let war reports of one week chain into one.
        A block of n events costs at most
        n x groups x `EXEMPLARS` comparisons; an exact retelling (same words, type, place,
        date and actors: a syndicated copy) is compared with its twin only and joins it, so a
        corpus repeated k times costs about k times as much.
    """
    if idf is None:
        idf = corpus_idf(facts)
    blocks: defaultdict[str, list[EventFacts]] = defaultdict(list)
    for item in facts:
        for key in block_keys(item):
            blocks[key].append(item)
    links: list[_Link] = []
    for key in sorted(blocks):
        members = sorted(blocks[key], key=lambda f: (f.start or 0, f.id))
        if UNDATED_BLOCK in key:
            links.extend(_undated_links(members, idf))
            continue
        groups: list[list[EventFacts]] = []  # the exemplars of each group
        twins: dict[tuple[object, ...], EventFacts] = {}
        for item in members:
            twin = twins.setdefault(_telling(item), item)
            if twin is not item and (match := compare(item, twin, idf)) is not None:
                links.append((math.inf, item.id, twin.id, match.conflicts, match.path))
                continue  # a retelling in the same words: it joins wherever its twin is
            joined = False
            for group in groups:
                found_pair = next(
                    ((m, other) for other in group if (m := compare(item, other, idf))), None
                )
                if found_pair is None:
                    continue
                match, other = found_pair
                links.append((match.score, item.id, other.id, match.conflicts, match.path))
                if not joined and len(group) < EXEMPLARS and not _near_copy(item, group, idf):
                    group.append(item)
                joined = True
            if not joined:
                groups.append([item])
    found = GuardedUnionFind()
    for item in facts:
        found.add(item)
    by_id = {item.id: item for item in facts}
    ordered = sorted(links, key=lambda link: (link[4] != "event", -link[0], link[1], link[2]))
    for _, a, b, conflicts, path in ordered:
        if path.startswith("incident") and found.cohesion(a, b) < cohesion_floor(
            path, by_id[a], by_id[b]
        ):
            continue  # two clusters worded apart on average: one pair does not join them
        found.union(a, b, conflicts, path)  # refused when the two whole clusters conflict
    clusters: defaultdict[str, list[str]] = defaultdict(list)
    for item in facts:
        clusters[found.find(item.id)].append(item.id)
    merged = [MergedGroup(tuple(sorted(ids)), found.paths_of(ids[0])) for ids in clusters.values()]
    return sorted(merged, key=lambda group: group.event_ids[0])
