"""Who and where: the store's actors and places, with the export's ids, for naming and paging.

Facts are read from the store per request, page by page (`zenobia.web.queries`); what SQL
cannot give is an actor's record, because actors are mentions grouped under the export's
identity (`actor_records`, `place_records` of `zenobia.export.json`, under the store's actor
merges). The `Directory` holds those records, one per actor and place (not per fact), and for
each actor how its mentions are found again in SQL: its knowledge-base entry or its names.

This module is the one place the app reads actors from; when the store keeps actors in a
table of their own, `build_directory` reads that table instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from zenobia.export.json import actor_id, actor_records, merged_actor_ids, place_records
from zenobia.model import Mention, Place
from zenobia.store import Store
from zenobia.web.records import ActorInfo, PlaceInfo

NAMES_ACTOR_SQL = "(m.label IN ('PERSON', 'ORG', 'NORP') OR coalesce(m.kind, 'place') != 'place')"
"""`names_actor` of `zenobia.export.json` over a mention row `m`, for SQL conditions."""


@dataclass(frozen=True, slots=True)
class ActorNames:
    """How an actor's mentions are found in the store: by its knowledge-base entry, or (for
    a name no entry knows) by the canonical forms grouped under it."""

    entry_id: str | None
    canonicals: tuple[str, ...]

    def where(self) -> tuple[str, list[object]]:
        """A SQL condition on a mention row `m` that holds for this actor's mentions."""
        if self.entry_id is not None:
            return f"(m.entry_id = ? AND {NAMES_ACTOR_SQL})", [self.entry_id]
        marks = ",".join("?" * len(self.canonicals)) or "NULL"
        condition = f"(m.entry_id IS NULL AND m.canonical IN ({marks}) AND {NAMES_ACTOR_SQL})"
        return condition, list(self.canonicals)


@dataclass(frozen=True, slots=True)
class Directory:
    """The store's actors and places by export id, most mentioned first."""

    actors: Mapping[str, ActorInfo]
    places: Mapping[str, PlaceInfo]
    names: Mapping[str, ActorNames]
    known: dict[str, Place]
    """The geocoded places table, by id (an event's place id depends on it)."""
    memo: dict[object, object] = field(default_factory=dict, compare=False)
    """Answers that summarise the whole store (what the filters offer), kept as long as this
    directory is the current one: they change when the store does, as the directory does."""

    def actor_name(self, actor: str | None) -> str:
        """The name of an actor id ("unknown actor" when the store has none)."""
        found = self.actors.get(actor) if actor else None
        return found.name if found else "unknown actor"

    def place_name(self, place: str | None) -> str | None:
        """The name of a place id, None when there is none."""
        found = self.places.get(place) if place else None
        return found.name if found else None


def build_directory(store: Store) -> Directory:
    """The actors and places of `store`, with the export's ids and counts.

    Mentions are streamed twice (actors, then places) rather than held: the directory keeps
    one record per actor and place, whatever the number of mentions.
    """
    with merged_actor_ids(store):
        actors = {
            r["id"]: ActorInfo(
                id=r["id"],
                name=r["name"],
                kind=r["kind"],
                country=r["country"],
                wikidata=r["wikidata"],
                aliases=tuple(r["aliases"]),
                mentions=r["mentions"],
                documents=len(r["documents"]),
                confidence=r["confidence"],
                confidence_basis=r["confidence_basis"],
            )
            for r in actor_records(store.mentions())
        }
        places = {
            r["id"]: PlaceInfo(
                id=r["id"],
                name=r["name"],
                country=r["country"],
                lat=r["lat"],
                lon=r["lon"],
                mentions=r["mentions"],
                documents=len(r["documents"]),
                confidence=r["confidence"],
                confidence_basis=r["confidence_basis"],
            )
            for r in place_records(store)
        }
        names = _actor_names(store)
    return Directory(
        MappingProxyType(actors), MappingProxyType(places), MappingProxyType(names), store.places()
    )


def _actor_names(store: Store) -> dict[str, ActorNames]:
    """Each actor's entry or canonical names, from the distinct names of its mentions."""
    entries: dict[str, str] = {}
    canonicals: defaultdict[str, list[str]] = defaultdict(list)
    rows = store.rows(
        "SELECT DISTINCT m.entry_id, m.canonical, m.label, m.kind FROM mentions m"
        f" WHERE {NAMES_ACTOR_SQL}"
    )
    for entry_id, canonical, label, kind in rows:
        named = Mention("", "", 0, 0, 0, canonical, label, canonical, kind, entry_id=entry_id)
        actor = actor_id(named)
        if entry_id is not None:
            entries[actor] = entry_id
        else:
            canonicals[actor].append(canonical)
    found = {actor: ActorNames(entry, ()) for actor, entry in entries.items()}
    for actor, forms in canonicals.items():
        found.setdefault(actor, ActorNames(None, tuple(sorted(set(forms)))))
    return found
