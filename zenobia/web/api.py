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
from zenobia.web.context import (
    Context,
    Window,
    confidence_floor,
    context,
    document_dates,
    event_filter,
    window,
)
from zenobia.web.details import (
    ActorDetail,
    DocumentDetail,
    EventDetail,
    Facets,
    MentionInContext,
    Overview,
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
from zenobia.web.explore import MAX_PAGE_SIZE, EventFilter, MapPlace, Network, Timeline, shown
from zenobia.web.reader import SearchHit, search_page
from zenobia.web.records import (
    ActorInfo,
    DisagreementInfo,
    DocumentInfo,
    EventInfo,
    Page,
    PlaceInfo,
)

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
    """Geocoded places with the filtered events at each, most mentioned first: `limit` of
    them from `offset`, of `total`."""

    total: int
    limit: int
    offset: int
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
    return overview(ctx.view(), ctx.path.name, shown_at.floor(ctx.table), ctx.table)


@router.get("/facets", response_model=Facets, summary="What the event filters offer")
def get_facets(ctx: Ctx, shown_at: Floor) -> Facets:
    """Outlets, event types, the actors in most events and the places events happened at."""
    return facets(ctx.view(), shown_at.floor(ctx.table))


@router.get("/events", response_model=Page[EventInfo], summary="Merged events, filtered")
def get_events(ctx: Ctx, chosen: Filter, paging: Paging) -> Page[EventInfo]:
    """Events merged across documents, by date (undated last), with their sources' spans."""
    floor = chosen.floor(ctx.table)
    return ctx.view().events(chosen, floor, limit=paging.limit, offset=paging.offset)


@router.get("/events/{event_id}", response_model=EventDetail, summary="One merged event")
def get_event(event_id: str, ctx: Ctx, shown_at: Floor) -> EventDetail:
    """Every sentence that tells the event, the facts its sources state differently, and
    the disagreements found about it."""
    found = event_detail(ctx.view(), event_id, shown_at.floor(ctx.table))
    if found is None:
        raise _missing("event", event_id)
    return found


@router.get("/timeline", response_model=Timeline, summary="Filtered events per month")
def get_timeline(ctx: Ctx, chosen: Filter) -> Timeline:
    """Events per month of their start date, by conflict, cooperation and other."""
    return ctx.view().timeline(chosen, chosen.floor(ctx.table))


@router.get("/network", response_model=Network, summary="The actor network of filtered events")
def get_network(ctx: Ctx, chosen: Filter) -> Network:
    """The actors in most events and, for each pair, their events by kind."""
    return ctx.view().network(chosen, chosen.floor(ctx.table))


@router.get("/map", response_model=MapView, summary="Places and the filtered events at each")
def get_map(
    ctx: Ctx,
    chosen: Filter,
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="Places per page (at most 500).")
    ] = MAX_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, description="Places to skip before the page.")] = 0,
) -> MapView:
    """Geocoded places; only those of the filtered events when a filter narrows them. A page
    holds the most mentioned places by default, as many as one page may: what a map shows."""
    places = ctx.view().map_places(chosen, chosen.floor(ctx.table))
    return MapView(len(places), limit, offset, tuple(places[offset : offset + limit]))


@functools.cache
def _world() -> tuple[Country, ...]:
    return tuple(Country(c["name"], c["d"]) for c in load_world())


@router.get("/world", response_model=tuple[Country, ...], summary="Country outlines")
def get_world(response: Response) -> tuple[Country, ...]:
    """Natural Earth's 1:110m countries (public domain) as SVG paths; they never change."""
    response.headers["Cache-Control"] = "public, max-age=86400"
    return _world()


def find_actors(actors: list[ActorInfo], kind: str | None, q: str | None) -> list[ActorInfo]:
    """The actors of `kind` whose name or alias holds `q` (each when given)."""
    if kind:
        actors = [a for a in actors if a.kind == kind]
    if q and q.strip():
        needle = q.strip().casefold()
        actors = [
            a for a in actors if any(needle in name.casefold() for name in (a.name, *a.aliases))
        ]
    return actors


@router.get("/actors", response_model=Page[ActorInfo], summary="Actors, most mentioned first")
def get_actors(
    ctx: Ctx,
    shown_at: Floor,
    paging: Paging,
    kind: Annotated[str | None, Query(description="Only actors of this kind.")] = None,
    q: Annotated[str | None, Query(description="Only actors whose name or alias has this.")] = None,
) -> Page[ActorInfo]:
    """Actors with their kind, aliases and counts."""
    actors = shown(ctx.directory().actors.values(), shown_at.floor(ctx.table))
    return page_of(find_actors(actors, kind, q), paging.limit, paging.offset)


@router.get("/actors/{actor_id}", response_model=ActorDetail, summary="One actor")
def get_actor(actor_id: str, ctx: Ctx, shown_at: Floor) -> ActorDetail:
    """An actor, how many events, mentions and quotes it has, and each outlet's stance."""
    found = actor_detail(ctx.view(), actor_id, shown_at.floor(ctx.table))
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
    view = ctx.view()
    if actor_id not in view.directory.actors:
        raise _missing("actor", actor_id)
    chosen = view.actor_mentions(
        actor_id, shown_at.floor(ctx.table), limit=paging.limit, offset=paging.offset
    )
    items = mentions_in_context(view.store, chosen.items)
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
    view = ctx.view()
    if actor_id not in view.directory.actors:
        raise _missing("actor", actor_id)
    floor = shown_at.floor(ctx.table)
    return view.actor_events(actor_id, role, floor, limit=paging.limit, offset=paging.offset)


@router.get(
    "/actors/{actor_id}/quotes", response_model=Page[QuoteInContext], summary="One actor's quotes"
)
def get_actor_quotes(
    actor_id: str, ctx: Ctx, shown_at: Floor, paging: Paging
) -> Page[QuoteInContext]:
    """What the actor is quoted as saying, with the words."""
    view = ctx.view()
    if actor_id not in view.directory.actors:
        raise _missing("actor", actor_id)
    chosen = view.actor_quotes(
        actor_id, shown_at.floor(ctx.table), limit=paging.limit, offset=paging.offset
    )
    items = quotes_in_context(view.store, chosen.items)
    return Page(chosen.total, chosen.limit, chosen.offset, items)


@router.get("/places", response_model=Page[PlaceInfo], summary="Places, most mentioned first")
def get_places(ctx: Ctx, shown_at: Floor, paging: Paging) -> Page[PlaceInfo]:
    """Places with their coordinates (None when not geocoded) and counts."""
    places = shown(ctx.directory().places.values(), shown_at.floor(ctx.table))
    return page_of(places, paging.limit, paging.offset)


@router.get("/documents", response_model=Page[DocumentInfo], summary="Documents")
def get_documents(
    ctx: Ctx,
    paging: Paging,
    outlet: Annotated[str | None, Query(description="Only this outlet's documents.")] = None,
    date_from: Annotated[
        str | None, Query(alias="from", description="Published on or after (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, Query(alias="to", description="Published on or before (YYYY-MM-DD).")
    ] = None,
) -> Page[DocumentInfo]:
    """Documents in the order they were added, with their metadata (not their texts)."""
    dates = document_dates(date_from, date_to)
    return ctx.view().documents(
        outlet=outlet or None,
        date_from=dates[0],
        date_to=dates[1],
        limit=paging.limit,
        offset=paging.offset,
    )


@router.get("/documents/{doc_id}", response_model=DocumentDetail, summary="One document")
def get_document(doc_id: str, ctx: Ctx, shown_at: Floor) -> DocumentDetail:
    """A document's text and every fact extracted from it, with their spans."""
    found = document_detail(ctx.view(), doc_id, shown_at.floor(ctx.table))
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
    floor = shown_at.floor(ctx.table)
    return ctx.view().disagreements(kind, floor, limit=paging.limit, offset=paging.offset)


@router.get("/search", response_model=SearchPage, summary="Full-text search over sentences")
def get_search(
    ctx: Ctx,
    paging: Paging,
    q: Annotated[str, Query(min_length=1, description='Words, "a phrase", AND/OR/NOT, prefix*.')],
) -> SearchPage:
    """Sentences matching the query, best first, with the matched words marked as segments
    (`is_match`), never as markup."""
    try:
        found = search_page(ctx.reader(), q, limit=paging.limit, offset=paging.offset)
    except ZenobiaError as err:
        raise HTTPException(status_code=400, detail=str(err)) from err
    return SearchPage(found.query, found.total, paging.limit, paging.offset, found.hits)
