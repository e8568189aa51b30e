"""The JSON API: every view of the app as data, under /api, described at /openapi.json.

Lists are paginated (`limit`, at most `MAX_PAGE_SIZE`, from `offset`) and say their `total`.
Event views take the same filters as the pages (`actor`, `type`, `place`, `outlet`, `from`,
`to`); every view shows facts at or above their kind's confidence threshold unless asked
`all=1` or `min_confidence=X`. Ids are the JSON export's.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from zenobia.errors import ZenobiaError
from zenobia.ui import load_world
from zenobia.web.context import Context, Window, confidence_floor, context, event_filter, window
from zenobia.web.details import (
    ActorDetail,
    DocumentDetail,
    EventDetail,
    Facets,
    MentionInContext,
    Overview,
    Page,
    QuoteInContext,
    actor_detail,
    document_detail,
    event_detail,
    facets,
    mentions_in_context,
    overview,
    page_of,
    quotes_in_context,
)
from zenobia.web.explore import (
    EventFilter,
    MapPlace,
    Network,
    Timeline,
    actor_events,
    actor_mentions,
    actor_quotes,
    filter_events,
    map_places,
    network,
    shown,
    timeline,
)
from zenobia.web.reader import SearchHit
from zenobia.web.records import ActorInfo, DisagreementInfo, DocumentInfo, EventInfo, PlaceInfo

router = APIRouter(prefix="/api", tags=["api"])

Ctx = Annotated[Context, Depends(context)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Floor = Annotated[EventFilter, Depends(confidence_floor)]
Paging = Annotated[Window, Depends(window)]


@dataclass(frozen=True, slots=True)
class Country:
    """A country's outline as an SVG path (x = longitude, y = -latitude, in degrees)."""

    name: str
    d: str


@dataclass(frozen=True, slots=True)
class MapView:
    """Geocoded places with the filtered events at each."""

    places: tuple[MapPlace, ...]


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of sentences matching `query` (the query that ran: the words as a plain
    phrase when the typed one was not valid FTS5 syntax)."""

    query: str
    total: int
    limit: int
    offset: int
    items: tuple[SearchHit, ...]


def _missing(what: str, ident: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} with id {ident!r} in this store")


@router.get("/overview", response_model=Overview, summary="The corpus at a glance")
def get_overview(ctx: Ctx, shown_at: Floor) -> Overview:
    """Documents by status and outlet, dates, how many facts are shown, thresholds, summary."""
    floor = shown_at.floor(ctx.table)
    return overview(ctx.catalog(), ctx.path.name, floor, ctx.table)


@router.get("/facets", response_model=Facets, summary="What the event filters offer")
def get_facets(ctx: Ctx, shown_at: Floor) -> Facets:
    """Outlets, event types, the actors in most events and the places events happened at."""
    return facets(ctx.catalog(), shown_at.floor(ctx.table))


@router.get("/events", response_model=Page[EventInfo], summary="Merged events, filtered")
def get_events(ctx: Ctx, chosen: Filter, paging: Paging) -> Page[EventInfo]:
    """Events merged across documents, by date (undated last), with their sources' spans."""
    events = filter_events(ctx.catalog(), chosen, chosen.floor(ctx.table))
    return page_of(events, paging.limit, paging.offset)


@router.get("/events/{event_id}", response_model=EventDetail, summary="One merged event")
def get_event(event_id: str, ctx: Ctx, shown_at: Floor) -> EventDetail:
    """Every sentence that tells the event, the facts its sources state differently, and
    the disagreements found about it."""
    found = event_detail(ctx.catalog(), ctx.reader(), event_id, shown_at.floor(ctx.table))
    if found is None:
        raise _missing("event", event_id)
    return found


@router.get("/timeline", response_model=Timeline, summary="Filtered events per month")
def get_timeline(ctx: Ctx, chosen: Filter) -> Timeline:
    """Events per month of their start date, by conflict, cooperation and other."""
    return timeline(filter_events(ctx.catalog(), chosen, chosen.floor(ctx.table)))


@router.get("/network", response_model=Network, summary="The actor network of filtered events")
def get_network(ctx: Ctx, chosen: Filter) -> Network:
    """The actors in most events and, for each pair, their events by kind."""
    catalog = ctx.catalog()
    return network(filter_events(catalog, chosen, chosen.floor(ctx.table)), catalog)


@router.get("/map", response_model=MapView, summary="Places and the filtered events at each")
def get_map(ctx: Ctx, chosen: Filter) -> MapView:
    """Geocoded places; only those of the filtered events when a filter narrows them."""
    catalog = ctx.catalog()
    floor = chosen.floor(ctx.table)
    events = filter_events(catalog, chosen, floor)
    places = map_places(events, catalog, floor, only_with_events=chosen.is_narrowed)
    return MapView(tuple(places))


@functools.cache
def _world() -> tuple[Country, ...]:
    return tuple(Country(c["name"], c["d"]) for c in load_world())


@router.get("/world", response_model=tuple[Country, ...], summary="Country outlines")
def get_world(response: Response) -> tuple[Country, ...]:
    """Natural Earth's 1:110m countries (public domain) as SVG paths; they never change."""
    response.headers["Cache-Control"] = "public, max-age=86400"
    return _world()


@router.get("/actors", response_model=Page[ActorInfo], summary="Actors, most mentioned first")
def get_actors(
    ctx: Ctx,
    shown_at: Floor,
    paging: Paging,
    kind: Annotated[str | None, Query(description="Only actors of this kind.")] = None,
    q: Annotated[str | None, Query(description="Only actors whose name or alias has this.")] = None,
) -> Page[ActorInfo]:
    """Actors with their kind, aliases and counts."""
    actors = shown(ctx.catalog().actors.values(), shown_at.floor(ctx.table))
    if kind:
        actors = [a for a in actors if a.kind == kind]
    if q and q.strip():
        needle = q.strip().casefold()
        actors = [
            a for a in actors if any(needle in name.casefold() for name in (a.name, *a.aliases))
        ]
    return page_of(actors, paging.limit, paging.offset)


@router.get("/actors/{actor_id}", response_model=ActorDetail, summary="One actor")
def get_actor(actor_id: str, ctx: Ctx, shown_at: Floor) -> ActorDetail:
    """An actor, how many events, mentions and quotes it has, and each outlet's stance."""
    found = actor_detail(ctx.catalog(), actor_id, shown_at.floor(ctx.table))
    if found is None:
        raise _missing("actor", actor_id)
    return found


@router.get(
    "/actors/{actor_id}/mentions",
    response_model=Page[MentionInContext],
    summary="Every mention of one actor",
)
def get_actor_mentions(
    actor_id: str, ctx: Ctx, shown_at: Floor, paging: Paging
) -> Page[MentionInContext]:
    """Mentions however written (names, aliases, "the group"), each with its sentence."""
    catalog = ctx.catalog()
    if actor_id not in catalog.actors:
        raise _missing("actor", actor_id)
    mentions = actor_mentions(catalog, actor_id, shown_at.floor(ctx.table))
    chosen = page_of(mentions, paging.limit, paging.offset)
    items = mentions_in_context(ctx.reader(), chosen.items)
    return Page(chosen.total, chosen.limit, chosen.offset, items)


@router.get(
    "/actors/{actor_id}/events", response_model=Page[EventInfo], summary="One actor's events"
)
def get_actor_events(
    actor_id: str,
    ctx: Ctx,
    shown_at: Floor,
    paging: Paging,
    role: Annotated[
        Literal["source", "target"],
        Query(description="source: events it did; target: events done to it."),
    ] = "source",
) -> Page[EventInfo]:
    """Events in which the actor acts, or is acted upon."""
    catalog = ctx.catalog()
    if actor_id not in catalog.actors:
        raise _missing("actor", actor_id)
    events = actor_events(catalog, actor_id, role, shown_at.floor(ctx.table))
    return page_of(events, paging.limit, paging.offset)


@router.get(
    "/actors/{actor_id}/quotes", response_model=Page[QuoteInContext], summary="One actor's quotes"
)
def get_actor_quotes(
    actor_id: str, ctx: Ctx, shown_at: Floor, paging: Paging
) -> Page[QuoteInContext]:
    """What the actor is quoted as saying, with the words."""
    catalog = ctx.catalog()
    if actor_id not in catalog.actors:
        raise _missing("actor", actor_id)
    chosen = page_of(
        actor_quotes(catalog, actor_id, shown_at.floor(ctx.table)), paging.limit, paging.offset
    )
    items = quotes_in_context(ctx.reader(), chosen.items)
    return Page(chosen.total, chosen.limit, chosen.offset, items)


@router.get("/places", response_model=Page[PlaceInfo], summary="Places, most mentioned first")
def get_places(ctx: Ctx, shown_at: Floor, paging: Paging) -> Page[PlaceInfo]:
    """Places with their coordinates (None when not geocoded) and counts."""
    places = shown(ctx.catalog().places.values(), shown_at.floor(ctx.table))
    return page_of(places, paging.limit, paging.offset)


@router.get("/documents", response_model=Page[DocumentInfo], summary="Documents")
def get_documents(
    ctx: Ctx,
    paging: Paging,
    outlet: Annotated[str | None, Query(description="Only this outlet's documents.")] = None,
) -> Page[DocumentInfo]:
    """Documents in the order they were added, with their metadata (not their texts)."""
    documents = list(ctx.catalog().documents.values())
    if outlet:
        documents = [d for d in documents if d.outlet == outlet]
    return page_of(documents, paging.limit, paging.offset)


@router.get("/documents/{doc_id}", response_model=DocumentDetail, summary="One document")
def get_document(doc_id: str, ctx: Ctx, shown_at: Floor) -> DocumentDetail:
    """A document's text and every fact extracted from it, with their spans."""
    found = document_detail(ctx.catalog(), ctx.reader(), doc_id, shown_at.floor(ctx.table))
    if found is None:
        raise _missing("document", doc_id)
    return found


@router.get(
    "/disagreements", response_model=Page[DisagreementInfo], summary="Where sources disagree"
)
def get_disagreements(
    ctx: Ctx,
    shown_at: Floor,
    paging: Paging,
    kind: Annotated[
        Literal["numeric", "framing", "event"] | None, Query(description="Only this kind.")
    ] = None,
) -> Page[DisagreementInfo]:
    """Disagreements by kind and subject, each with its documents' sides."""
    found = shown(ctx.catalog().disagreements, shown_at.floor(ctx.table))
    if kind:
        found = [d for d in found if d.kind == kind]
    return page_of(found, paging.limit, paging.offset)


@router.get("/search", response_model=SearchPage, summary="Full-text search over sentences")
def get_search(
    ctx: Ctx,
    paging: Paging,
    q: Annotated[str, Query(min_length=1, description='Words, "a phrase", AND/OR/NOT, prefix*.')],
) -> SearchPage:
    """Sentences matching the query, best first, with the matched words marked as segments
    (`is_match`), never as markup."""
    try:
        found = ctx.reader().search_page(q, limit=paging.limit, offset=paging.offset)
    except ZenobiaError as err:
        raise HTTPException(status_code=400, detail=str(err)) from err
    return SearchPage(found.query, found.total, paging.limit, paging.offset, found.hits)
