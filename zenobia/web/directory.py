"""Who and where: the store's actors and places, with the export's ids, for naming and paging.

Facts are read from the store per request, page by page (`zenobia.web.queries`); actors are
the store's own (`Store.actors`, as corpus resolution merged them) and places the export's
(`place_records` of `zenobia.export.json`). The `Directory` holds those records, one per actor
and place (not per fact); an actor's mentions are found again in SQL through the store's
`actor_mentions` links (`ACTOR_MENTIONS_SQL`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from zenobia.export.json import actor_records, place_records
from zenobia.model import Place
from zenobia.store import Store
from zenobia.web.records import ActorInfo, PlaceInfo

ACTOR_MENTIONS_SQL = "SELECT mention_id FROM actor_mentions WHERE actor_id = ?"
"""The ids of the mentions that name one actor (its id the one parameter), for SQL conditions."""


@dataclass(frozen=True, slots=True)
class Directory:
    """The store's actors and places by export id, most mentioned first."""

    actors: Mapping[str, ActorInfo]
    places: Mapping[str, PlaceInfo]
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

    Actors are the store's actors table; mentions are streamed for places rather than held:
    the directory keeps one record per actor and place, whatever the number of mentions.
    """
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
        for r in actor_records(store.actors())
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
    return Directory(MappingProxyType(actors), MappingProxyType(places), store.places())
