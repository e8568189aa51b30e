"""The HTML pages: server-rendered with Jinja2, every value escaped, usable without JavaScript.

Each page is a view of the JSON API (`api.py`) computed by the same functions. Lists are
paginated on the server; filters are a plain GET form, so that every view is an address to
share or bookmark. Charts (timeline, network, map) are drawn by the shared browser code from
the API, and each has a table beside it that says the same in text. Templates are autoescaped:
a title, author or quote holding markup is shown as the characters it is.
"""

from __future__ import annotations

import calendar
import functools
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from zenobia.errors import ZenobiaError
from zenobia.web.api import get_actors
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
    Reference,
    actor_detail,
    document_detail,
    event_detail,
    facets,
    lead_sentences,
    mentions_in_context,
    overview,
    quotes_in_context,
)
from zenobia.web.explore import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, EventFilter, event_kind
from zenobia.web.highlight import Mark, document_marks, layer
from zenobia.web.queries import StoreView
from zenobia.web.reader import search_page as find_sentences

router = APIRouter(include_in_schema=False)

Ctx = Annotated[Context, Depends(context)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Floor = Annotated[EventFilter, Depends(confidence_floor)]
Paging = Annotated[Window, Depends(window)]

ACTOR_PAGE_ITEMS = 10
"""Items of each list an actor's page shows; a link leads to the whole list, page by page."""


def url(path: str, params: dict[str, str] | None = None, **changes: object) -> str:
    """`path` with query parameters: `params`, updated by `changes` (None removes one)."""
    merged: dict[str, object] = dict(params or {})
    merged.update(changes)
    query = urlencode({k: v for k, v in merged.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def span_url(document: str, start: int | None = None, end: int | None = None) -> str:
    """The address of a document with a span of it highlighted."""
    if start is None or end is None:
        return f"/documents/{document}"
    return url(f"/documents/{document}", start=start, end=end) + "#target"


def month_end(month: str) -> str:
    """The last day of a month (YYYY-MM), as YYYY-MM-DD."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{month}-{calendar.monthrange(year, number)[1]:02d}"


def confidence_text(value: float | None) -> str:
    """A fact's confidence as a page says it."""
    return "no confidence recorded" if value is None else f"confidence {value:.2f}"


def count(n: int, one: str, many: str | None = None) -> str:
    """`n` things, in the singular or the plural: "1 event", "2,044 events"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


@functools.cache
def _templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,  # every value is escaped, whatever the template's name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        url=url,
        span_url=span_url,
        month_end=month_end,
        confidence_text=confidence_text,
        count=count,
        DEFAULT_PAGE_SIZE=DEFAULT_PAGE_SIZE,
    )
    environment.filters["kind"] = event_kind
    return Jinja2Templates(env=environment)


def _render(
    request: Request, name: str, values: dict[str, Any], status_code: int = 200
) -> Response:
    ctx: Context = request.app.state.context
    base = {
        "store_name": ctx.path.name,
        "assets": request.app.state.asset_versions,
        "query": "",
        "view": "",
        "filter_params": {},
    }
    return _templates().TemplateResponse(request, name, base | values, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> Response:
    """A page saying what went wrong, in one line."""
    titles = {404: "Not found", 400: "Cannot do that", 422: "Cannot read this address"}
    return _render(
        request,
        "error.html",
        {"title": titles.get(status_code, "Something went wrong"), "message": message},
        status_code,
    )


def _events_context(view: StoreView, ctx: Context, chosen: EventFilter) -> dict[str, Any]:
    """What every event view shows above its content: the filters and their choices."""
    offered = facets(view, chosen.floor(ctx.table))
    actors = list(offered.actors)
    is_offered = chosen.actor in {a.id for a in actors}
    if chosen.actor and not is_offered and chosen.actor in view.directory.actors:
        actors.insert(0, Reference(chosen.actor, view.actor_name(chosen.actor)))
    return {
        "names": view,
        "filter": chosen,
        "filter_params": chosen.params(),
        "facets": offered,
        "facet_actors": actors,
        "floor_note": _floor_note(chosen, ctx),
    }


EVENT_VIEW_KINDS = {"cluster": "merged events", "event": "events", "place": "places"}
"""The kinds of fact the timeline, network and map show, as their threshold note names them."""


def _floor_note(chosen: EventFilter, ctx: Context) -> str:
    """Which facts an event view shows, in one line."""
    if chosen.show_all:
        return "Showing every fact, whatever its confidence."
    if chosen.min_confidence is not None:
        return f"Showing facts with confidence ≥ {chosen.min_confidence:.2f}."
    floor = chosen.floor(ctx.table)
    minimums = ", ".join(f"{name} {floor.minimum(k):.2f}" for k, name in EVENT_VIEW_KINDS.items())
    return f"Showing facts at or above their kind's confidence threshold: {minimums}."


@router.get("/", response_class=HTMLResponse)
def timeline_page(request: Request, ctx: Ctx, chosen: Filter, paging: Paging) -> Response:
    """The timeline: the corpus at a glance, the filters, events per month, and the filtered
    events, one page of them."""
    view = ctx.view()
    floor = chosen.floor(ctx.table)
    found = view.events(chosen, floor, limit=paging.limit, offset=paging.offset)
    return _render(
        request,
        "timeline.html",
        _events_context(view, ctx, chosen)
        | {
            "view": "timeline",
            "overview": overview(view, ctx.path.name, floor, ctx.table),
            "timeline": view.timeline(chosen, floor),
            "total": found.total,
            "items": found.items,
            "leads": lead_sentences(view.store, found.items),
            "window": paging,
        },
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, ctx: Ctx, chosen: Filter) -> Response:
    """The actor network of the filtered events, and its pairs of actors as a table."""
    view = ctx.view()
    floor = chosen.floor(ctx.table)
    return _render(
        request,
        "network.html",
        _events_context(view, ctx, chosen)
        | {
            "view": "network",
            "network": view.network(chosen, floor),
            "total": view.events(chosen, floor, limit=0, offset=0).total,
        },
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, ctx: Ctx, chosen: Filter) -> Response:
    """The places of the filtered events on the map, and as a table."""
    view = ctx.view()
    places = view.map_places(chosen, chosen.floor(ctx.table))
    values = {"view": "map", "places": places[:MAX_PAGE_SIZE], "total": len(places)}
    return _render(request, "map.html", _events_context(view, ctx, chosen) | values)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(event_id: str, request: Request, ctx: Ctx, shown_at: Floor) -> Response:
    """One merged event: its sources' sentences and where they disagree."""
    view = ctx.view()
    found = event_detail(view, event_id, shown_at.floor(ctx.table))
    if found is None:
        raise HTTPException(404, f"no event with id {event_id!r} in this store")
    return _render(request, "event.html", {"names": view, "detail": found, "filter": shown_at})


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request,
    ctx: Ctx,
    shown_at: Floor,
    paging: Paging,
    q: Annotated[str | None, Query()] = None,
    kind: Annotated[str | None, Query()] = None,
) -> Response:
    """Actors, most mentioned first, found by name or kind."""
    found = get_actors(ctx, shown_at, paging, kind=kind or None, q=q)
    kinds = sorted({a.kind for a in ctx.directory().actors.values() if a.kind})
    return _render(
        request,
        "actors.html",
        {
            "view": "actors",
            "found": found,
            "window": paging,
            "q": q or "",
            "kind": kind or "",
            "kinds": kinds,
            "filter": shown_at,
            "filter_params": {
                k: v for k, v in {"q": q, "kind": kind, **shown_at.params()}.items() if v
            },
        },
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(actor_id: str, request: Request, ctx: Ctx, shown_at: Floor) -> Response:
    """One actor: its names, each outlet's stance, the first of its events, quotes and mentions."""
    view = ctx.view()
    floor = shown_at.floor(ctx.table)
    found = actor_detail(view, actor_id, floor)
    if found is None:
        raise HTTPException(404, f"no actor with id {actor_id!r} in this store")
    first = {"limit": ACTOR_PAGE_ITEMS, "offset": 0}
    as_source = view.actor_events(actor_id, "source", floor, **first).items
    as_target = view.actor_events(actor_id, "target", floor, **first).items
    mentions = view.actor_mentions(actor_id, floor, **first).items
    quotes = view.actor_quotes(actor_id, floor, **first).items
    return _render(
        request,
        "actor.html",
        {
            "view": "actors",
            "names": view,
            "detail": found,
            "filter": shown_at,
            "filter_params": shown_at.params(),
            "as_source": as_source,
            "as_target": as_target,
            "leads": lead_sentences(view.store, [*as_source, *as_target]),
            "mentions": mentions_in_context(view.store, mentions),
            "quotes": quotes_in_context(view.store, quotes),
        },
    )


ActorList = Literal["mentions", "events", "quotes"]


@router.get("/actors/{actor_id}/{section}", response_class=HTMLResponse)
def actor_list_page(
    actor_id: str,
    section: ActorList,
    request: Request,
    ctx: Ctx,
    shown_at: Floor,
    paging: Paging,
    role: Annotated[Literal["source", "target"], Query()] = "source",
) -> Response:
    """One of an actor's lists (mentions, events done by or to it, quotes), page by page."""
    view = ctx.view()
    floor = shown_at.floor(ctx.table)
    actor = view.directory.actors.get(actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor with id {actor_id!r} in this store")
    window = {"limit": paging.limit, "offset": paging.offset}
    values: dict[str, Any] = {
        "view": "actors",
        "names": view,
        "actor": actor,
        "section": section,
        "role": role,
        "window": paging,
        "filter": shown_at,
        "filter_params": shown_at.params() | ({"role": role} if section == "events" else {}),
    }
    if section == "mentions":
        mentions = view.actor_mentions(actor_id, floor, **window)
        values |= {
            "total": mentions.total,
            "items": mentions_in_context(view.store, mentions.items),
        }
    elif section == "quotes":
        quotes = view.actor_quotes(actor_id, floor, **window)
        values |= {"total": quotes.total, "items": quotes_in_context(view.store, quotes.items)}
    else:
        events = view.actor_events(actor_id, role, floor, **window)
        values |= {
            "total": events.total,
            "items": events.items,
            "leads": lead_sentences(view.store, events.items),
        }
    return _render(request, "actor_list.html", values)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    ctx: Ctx,
    paging: Paging,
    outlet: Annotated[str | None, Query()] = None,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
) -> Response:
    """Documents in the order they were added, by outlet and publication date."""
    view = ctx.view()
    first, last = document_dates(date_from, date_to)
    found = view.documents(
        outlet=outlet or None,
        date_from=first,
        date_to=last,
        limit=paging.limit,
        offset=paging.offset,
    )
    chosen = {"outlet": outlet or "", "from": first or "", "to": last or ""}
    return _render(
        request,
        "documents.html",
        {
            "view": "documents",
            "outlets": view.outlets(),
            "outlet": outlet or "",
            "date_from": first or "",
            "date_to": last or "",
            "total": found.total,
            "items": found.items,
            "window": paging,
            "filter_params": {k: v for k, v in chosen.items() if v},
        },
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(
    doc_id: str,
    request: Request,
    ctx: Ctx,
    shown_at: Floor,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    """One document with every fact highlighted in its text, and `start`-`end` marked."""
    view = ctx.view()
    found = document_detail(view, doc_id, shown_at.floor(ctx.table))
    if found is None:
        raise HTTPException(404, f"no document with id {doc_id!r} in this store")
    marks = document_marks(found.facts, view.directory)
    has_target = start is not None and end is not None and 0 <= start < end <= len(found.text)
    span = {"start": str(start), "end": str(end)} if has_target else {}
    anchor = "#target" if has_target else ""
    if has_target:
        marks.append(
            Mark(start or 0, end or 0, "target", "target", "the passage you came to see", False, -1)
        )
    return _render(
        request,
        "document.html",
        {
            "view": "documents",
            "names": view,
            "detail": found,
            "pieces": layer(found.text, marks),
            "has_target": has_target,
            "filter": shown_at,
            "filter_params": shown_at.params(),
            "all_url": url(f"/documents/{doc_id}", span, all=1) + anchor,
            "threshold_url": url(f"/documents/{doc_id}", span) + anchor,
        },
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    ctx: Ctx,
    paging: Paging,
    q: Annotated[str, Query()] = "",
) -> Response:
    """Sentences matching a full-text query, matched words marked."""
    view = ctx.view()
    values: dict[str, Any] = {
        "view": "search",
        "query": q,
        "names": view,
        "window": paging,
        "filter_params": {"q": q},
        "results": None,
        "problem": None,
    }
    if q.strip():
        try:
            values["results"] = find_sentences(
                view.store, q, limit=paging.limit, offset=paging.offset
            )
        except ZenobiaError as err:
            values["problem"] = str(err)
    return _render(request, "search.html", values)


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> Response:
    """The JSON API's endpoints and parameters, read from its OpenAPI description."""
    schema = request.app.openapi()
    endpoints = [
        {"method": method.upper(), "path": path, **operation}
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]
    return _render(request, "api.html", {"view": "api", "endpoints": endpoints})
