"""What a growing event cluster asserts as a whole, and a union-find that respects it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from zenobia.resolve.document_wording import wording_similarity
from zenobia.resolve.event_records import VAGUE_DAYS, EventFacts, PlaceRef
from zenobia.resolve.event_relations import place_relation

COHESION_ANCHORS = 8
"""Anchors of each cluster whose documents `GuardedUnionFind.cohesion` compares: enough for a
mean, and a cost that does not grow with a cluster."""

CLUSTER_SPAN_DAYS = 10
"""The longest a cluster of one incident may span, from its earliest to its latest dated member:
outlets retell an incident over a week or so; longer spans are chains of different events."""

TOLL_RATIO = 3.0
"""Death tolls of one incident differ by outlet and grow as the dead are counted, but seldom by
more than this factor within the days a cluster spans; larger ratios are different incidents."""


@dataclass(frozen=True, slots=True)
class ClusterProfile:
    """What a growing cluster asserts, as a whole: the named perpetrators of its members, their
    stated places, the date interval all their stated dates share, and the span of all their
    dates (ordinals). A new member must be compatible with all of it, not only with the one
    member it matched. `disputed` are the dimensions on which the cluster's own members
    already disagree (a conflict a match was allowed: a disagreement to report); they stay
    allowed when it grows."""

    sources: frozenset[str]
    places: tuple[PlaceRef, ...]
    stated: tuple[int, int] | None
    first: int | None
    last: int | None
    dead: tuple[int, int] | None = None
    disputed: frozenset[str] = frozenset()
    sides: frozenset[str] = frozenset()

    @classmethod
    def of(cls, item: EventFacts) -> ClusterProfile:
        """The profile of a one-event cluster.

        A document's anchor whose own sentence gives no date (`EventFacts.incident`) is dated
        by the day its document dates the incident to, when it does: a follow-up published
        weeks later tells an incident of that day, not of its publication.
        """
        place = item.place
        places = (place,) if place is not None and not place.inferred else ()
        cues = item.incident
        if (item.guessed or item.start is None) and cues is not None and cues.day is not None:
            item = replace(item, start=cues.day - 1, end=cues.day, guessed=False)
        dated = item.start is not None and item.end is not None
        precise = dated and (item.end or 0) - (item.start or 0) <= VAGUE_DAYS
        stated = (item.start or 0, item.end or 0) if precise and not item.guessed else None
        return cls(
            item.sources,
            places,
            stated,
            item.start if precise else None,
            item.end if precise else None,
            (item.event.dead, item.event.dead) if item.event.dead else None,
            sides=item.sides,
        )

    def conflicts(self, other: ClusterProfile) -> frozenset[str]:
        """The dimensions on which two clusters cannot be one event: "actor" (disjoint named
        perpetrators of no common side: a state's government and its army are one side),
        "place" (disjoint stated places), "date" (stated intervals that do not overlap),
        "span" (members, publication guesses included, spread over more than
        `CLUSTER_SPAN_DAYS`), "toll" (death tolls more than `TOLL_RATIO` apart)."""
        found: set[str] = set()
        if (
            self.sources
            and other.sources
            and not self.sources & other.sources
            and not self.sides & other.sides
        ):
            found.add("actor")
        if any(place_relation(a, b) == "disjoint" for a in self.places for b in other.places):
            found.add("place")
        a, b = self.stated, other.stated
        if a is not None and b is not None and max(a[0], b[0]) > min(a[1], b[1]):
            found.add("date")
        starts = [d for d in (self.first, other.first) if d is not None]
        ends = [d for d in (self.last, other.last) if d is not None]
        if starts and ends and max(ends) - min(starts) > CLUSTER_SPAN_DAYS:
            found.add("span")
        tolls = [t for t in (self.dead, other.dead) if t is not None]
        if len(tolls) == 2 and max(t[1] for t in tolls) > TOLL_RATIO * min(t[0] for t in tolls):
            found.add("toll")
        return frozenset(found)

    def join(self, other: ClusterProfile, disputed: Iterable[str] = ()) -> ClusterProfile:
        """The profile of the two clusters merged, with the conflicts the merge let through."""
        places = tuple({p.id: p for p in (*self.places, *other.places)}.values())
        a, b = self.stated, other.stated
        stated = a or b
        if a is not None and b is not None:
            stated = (max(a[0], b[0]), min(a[1], b[1]))
            if stated[0] > stated[1]:  # a conflict let through: keep the earlier interval
                stated = min(a, b)
        firsts = [d for d in (self.first, other.first) if d is not None]
        lasts = [d for d in (self.last, other.last) if d is not None]
        tolls = [t for t in (self.dead, other.dead) if t is not None]
        return ClusterProfile(
            self.sources | other.sources,
            places,
            stated,
            min(firsts) if firsts else None,
            max(lasts) if lasts else None,
            (min(t[0] for t in tolls), max(t[1] for t in tolls)) if tolls else None,
            self.disputed | other.disputed | frozenset(disputed),
            self.sides | other.sides,
        )


class GuardedUnionFind:
    """Union-find over event ids that keeps each cluster's profile and refuses a union that
    would put incompatible events in one cluster.

    Notes:
        Guards against chaining (single-link clustering joining A to C through B, though A and
        C could never be one event): a union is checked against the profiles of both whole
        clusters (a cluster-level compatibility test, as in the entity-level constraints of
        Lee et al. 2013 coreference sieves), allowing only the conflicts the matching pair
        itself was allowed, or that either cluster already holds (a disagreement to report).
    """

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.profile: dict[str, ClusterProfile] = {}
        self.paths: dict[str, frozenset[str]] = {}
        self.wordings: dict[str, list[Mapping[str, float]]] = {}

    def add(self, item: EventFacts) -> None:
        if item.id not in self.parent:
            self.parent[item.id] = item.id
            self.profile[item.id] = ClusterProfile.of(item)
            if item.incident is not None:
                self.wordings[item.id] = [item.incident.wording]

    def cohesion(self, a: str, b: str) -> float:
        """How alike the documents of the anchors of two clusters are worded: the mean cosine
        of their pairs (`COHESION_ANCHORS` anchors of each at most); 1.0 when either cluster
        holds no anchor.

        Notes:
            Average linkage (Manning, Raghavan and Schütze 2008, ch. 17): a link between two
            documents joins their clusters only when the clusters' documents are alike on
            average, so that one pair worded alike cannot chain two stories.
        """
        first = self.wordings.get(self.find(a), [])[:COHESION_ANCHORS]
        second = self.wordings.get(self.find(b), [])[:COHESION_ANCHORS]
        if not first or not second:
            return 1.0
        total = sum(wording_similarity(x, y) for x in first for y in second)
        return total / (len(first) * len(second))

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            parent = self.parent[item] = self.find(parent)
        return parent

    def union(self, a: str, b: str, allowed: Iterable[str] = (), path: str = "event") -> bool:
        """Merge the clusters of `a` and `b` unless their profiles conflict beyond `allowed`.

        A "date" conflict allowed (or already disputed) allows a "span" too: dates that do
        not overlap are also spread apart. `path` names the rule that matched `a` and `b`
        (`Match.path`); each cluster keeps the paths of the links that built it (`paths`).

        Returns:
            Whether `a` and `b` are now in one cluster.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        pa, pb = self.profile.get(ra), self.profile.get(rb)
        if pa is not None and pb is not None:
            clash = pa.conflicts(pb)
            tolerated = frozenset(allowed) | pa.disputed | pb.disputed
            if "date" in tolerated:
                tolerated |= {"span"}
            if not clash <= tolerated:
                return False
            self.profile[min(ra, rb)] = pa.join(pb, clash)
        paths = self.paths.pop(ra, frozenset()) | self.paths.pop(rb, frozenset()) | {path}
        wordings = [*self.wordings.pop(ra, []), *self.wordings.pop(rb, [])]
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.profile.pop(rb, None)
        self.paths[ra] = paths
        if wordings:
            self.wordings[ra] = wordings
        return True

    def paths_of(self, item: str) -> frozenset[str]:
        """The paths of the links that built the cluster of `item` (empty when it is alone)."""
        return self.paths.get(self.find(item), frozenset())
