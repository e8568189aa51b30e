"""What every request reads from, and how a request's filters and page are parsed.

One `Context` per app: the store's path, its directory of actors and places (kept fresh by
`DirectoryCache`), one read-only store per thread, and the confidence table that decides what
is shown; `Context.view()` is what a request reads through. The
functions below are FastAPI dependencies: they turn query parameters into an `EventFilter`
and a `Window`, with one clear message for a value that cannot be used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import HTTPException, Query, Request

from zenobia.confidence import ConfidenceFloor, ConfidenceTable
from zenobia.store import Store
from zenobia.web.directory import Directory
from zenobia.web.explore import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, EventFilter, is_date
from zenobia.web.freshness import DirectoryCache
from zenobia.web.queries import StoreView
from zenobia.web.reader import ThreadReaders


@dataclass(frozen=True, slots=True)
class Context:
    """The store an app serves, and how sure a fact must be to be shown by default."""

    path: Path
    directories: DirectoryCache
    readers: ThreadReaders
    table: ConfidenceTable

    def directory(self) -> Directory:
        """The latest directory of the store's actors and places."""
        return self.directories.current()

    def reader(self) -> Store:
        """This thread's read-only store."""
        return self.readers.get()

    def view(self) -> StoreView:
        """The store as this request reads it."""
        return StoreView(self.reader(), self.directory())


@dataclass(frozen=True, slots=True)
class Window:
    """Which records of a list a page holds: `limit` of them from `offset`."""

    limit: int
    offset: int

    def pages(self, total: int) -> tuple[int, int]:
        """(this page's number, the number of pages), counting from 1."""
        return self.offset // self.limit + 1, max(1, -(-total // self.limit))


def context(request: Request) -> Context:
    """The app's context."""
    found: Context = request.app.state.context
    return found


def window(
    limit: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="Records per page (at most 500).")
    ] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, description="Records to skip before the page.")] = 0,
) -> Window:
    """The page a request asks for."""
    return Window(limit=limit, offset=offset)


def _blank_is_none(value: str | None) -> str | None:
    """A form's empty field means the criterion is not set."""
    return value.strip() or None if value is not None else None


def event_filter(
    actor: Annotated[str | None, Query(description="An actor id: its events, either role.")] = None,
    type: Annotated[str | None, Query(description="A PLOVER event type, e.g. ASSAULT.")] = None,
    place: Annotated[str | None, Query(description="A place id: events there.")] = None,
    outlet: Annotated[str | None, Query(description="Events told by this outlet.")] = None,
    date_from: Annotated[
        str | None, Query(alias="from", description="Events on or after this date (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, Query(alias="to", description="Events on or before this date (YYYY-MM-DD).")
    ] = None,
    show_all: Annotated[
        bool, Query(alias="all", description="Every fact, whatever its confidence.")
    ] = False,
    min_confidence: Annotated[
        float | None,
        Query(ge=0.0, le=1.0, description="Facts at least this confident (default: per kind)."),
    ] = None,
) -> EventFilter:
    """The events a request asks for.

    Raises:
        HTTPException: 400 when a date is not YYYY-MM-DD.
    """
    first, last = document_dates(date_from, date_to)
    return EventFilter(
        actor=_blank_is_none(actor),
        type=_blank_is_none(type),
        place=_blank_is_none(place),
        outlet=_blank_is_none(outlet),
        date_from=first,
        date_to=last,
        show_all=show_all,
        min_confidence=min_confidence,
    )


def document_dates(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """A date range's ends (None when blank).

    Raises:
        HTTPException: 400 when a date is not YYYY-MM-DD.
    """
    dates = {"from": _blank_is_none(date_from), "to": _blank_is_none(date_to)}
    for name, value in dates.items():
        if value is not None and not is_date(value):
            raise HTTPException(
                status_code=400,
                detail=f"cannot read {name}={value!r} as a date. Fix: write it as YYYY-MM-DD",
            )
    return dates["from"], dates["to"]


def confidence_floor(
    show_all: Annotated[
        bool, Query(alias="all", description="Every fact, whatever its confidence.")
    ] = False,
    min_confidence: Annotated[
        float | None,
        Query(ge=0.0, le=1.0, description="Facts at least this confident (default: per kind)."),
    ] = None,
) -> EventFilter:
    """Only how sure facts must be to be shown, for views that take no other filter."""
    return EventFilter(show_all=show_all, min_confidence=min_confidence)


def floor_of(event_filter: EventFilter, ctx: Context) -> ConfidenceFloor:
    """The minimum confidence per kind the request shows."""
    return event_filter.floor(ctx.table)
