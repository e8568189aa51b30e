"""The listings of who and where: the actors and places of the store, most mentioned first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from zenobia.cli._common import (
    AllOption,
    DbOption,
    LimitOption,
    MinConfidenceOption,
    _min_confidence,
    _reading,
    _say_floor,
    app,
)
from zenobia.cli._output import Column, FormatOption, OutputFormat, print_rows
from zenobia.corpus import DEFAULT_DB

if TYPE_CHECKING:
    from zenobia.actor_views import ActorRow, PlaceRow


def _counted_columns(*columns: Column) -> tuple[Column, ...]:
    """`columns`, then mentions, documents and the other forms seen (actors and places)."""
    return (
        *columns,
        Column("mentions", lambda r: r.mentions, is_number=True),
        Column("docs", lambda r: r.documents, is_number=True),
        Column("also written", lambda r: r.aliases, is_wide=True),
    )


ACTOR_COLUMNS = _counted_columns(
    Column("id", lambda r: r.id, is_id=True),
    Column("name", lambda r: r.name, is_wide=True),
    Column("kind", lambda r: r.kind),
    Column("country", lambda r: r.country),
)


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    kind: Annotated[
        str | None,
        typer.Option(help="Only this kind: state, government, military, armed_group, person, …"),
    ] = None,
    limit: LimitOption = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """List the actors of the store, most mentioned first, with the forms they were written in.

    An actor is listed when its best-supported mention's link reaches the confidence
    threshold of mentions, unless told --all.

    Example: zenobia actors --kind armed_group --db news.db
    """
    asked = _min_confidence(show_all, min_confidence)
    with _reading(db) as corpus:
        rows: list[ActorRow] = list(corpus.actors(kind=kind, limit=limit, min_confidence=asked))
        floor = corpus.confidence_floor(asked)
    print_rows(rows, ACTOR_COLUMNS, title=f"actors in {db}", output=output, empty="no actor found")
    _say_floor(floor, ("mention",))


PLACE_COLUMNS = _counted_columns(
    Column("name", lambda r: r.name, is_wide=True),
    Column("country", lambda r: r.country),
    Column("region", lambda r: r.admin1),
    Column("lat", lambda r: f"{r.lat:.4f}" if r.lat is not None else None),
    Column("lon", lambda r: f"{r.lon:.4f}" if r.lon is not None else None),
    Column("geonames", lambda r: r.geonames),
)


@app.command()
def places(
    db: DbOption = DEFAULT_DB,
    country: Annotated[
        str | None, typer.Option(help="Only places in this country (ISO alpha-3, e.g. SYR).")
    ] = None,
    limit: LimitOption = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """List the places of the store, geocoded offline, most mentioned first.

    A place is listed when its best-supported geocoding reaches the confidence threshold of
    places (or it was not geocoded), unless told --all.

    Example: zenobia places --country SYR --db news.db
    """
    asked = _min_confidence(show_all, min_confidence)
    with _reading(db) as corpus:
        rows: list[PlaceRow] = list(
            corpus.places(country=country, limit=limit, min_confidence=asked)
        )
        floor = corpus.confidence_floor(asked)
    print_rows(rows, PLACE_COLUMNS, title=f"places in {db}", output=output, empty="no place found")
    _say_floor(floor, ("place",))
