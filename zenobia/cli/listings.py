"""The listings of facts: events, documents, quotes, claims, disagreements.

Each takes the filters that apply to it, calls one library query, and prints its rows as a
table, whole tab-separated rows when piped, or JSON or CSV (`--format`).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from zenobia._terminal import plain
from zenobia.cli._common import (
    ActorFilter,
    AllOption,
    DbOption,
    LimitOption,
    MinConfidenceOption,
    OutletFilter,
    PlaceFilter,
    SinceFilter,
    UntilFilter,
    _confidence_cell,
    _day,
    _min_confidence,
    _reading,
    _say_floor,
    app,
    err,
    out,
)
from zenobia.cli._output import (
    Column,
    FormatOption,
    OutputFormat,
    is_terminal,
    print_csv,
    print_json,
    print_rows,
    print_tsv,
)
from zenobia.corpus import DEFAULT_DB
from zenobia.query import ClaimRow, DocumentRow, QuoteRow, as_dict
from zenobia.views import DisagreementRow, SideRow

SENTENCE_CHARS = 240
"""How much of a sentence a table on a terminal shows (piped rows and JSON hold all of it)."""


def _sentence(text: str | None) -> str:
    text = text or ""
    return text if not is_terminal() or len(text) <= SENTENCE_CHARS else text[:SENTENCE_CHARS]


EVENT_COLUMNS = (
    Column("id", lambda r: r.id, is_id=True),
    Column("type", lambda r: f"{r.type} {r.mode or ''}".strip(), max_width=20),
    Column("date", lambda r: r.date, max_width=10),
    Column("place", lambda r: r.place, max_width=16),
    Column("who", lambda r: r.actor, max_width=18),
    Column("status", lambda r: r.status, max_width=12),
    Column("conf", lambda r: _confidence_cell(r.confidence), max_width=4),
    Column("sources", lambda r: r.documents, is_number=True),
    Column("outlets", lambda r: r.outlets, max_width=18),
    Column("sentence", lambda r: _sentence(r.sentence), is_wide=True),
)


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    merged: Annotated[
        bool,
        typer.Option(
            "--merged/--each", help="One row per merged event (default), or per extracted event."
        ),
    ] = True,
    actor: ActorFilter = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Only this PLOVER type (ASSAULT, PROTEST, …).")
    ] = None,
    place: PlaceFilter = None,
    outlet: OutletFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    limit: LimitOption = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """List events: merged across documents with their number of sources and their outlets,
    told by most documents first.

    --since/--until test the event's days (else its document's publication day). Only events
    at or above their kind's confidence threshold are listed unless told --all.

    Example: zenobia events --place Orvel --since 2021-03-01 --until 2021-03-31 --format csv
    """
    with _reading(db) as corpus:
        listing = corpus.events(
            merged=merged, actor=actor, type=type, place=place, outlet=outlet,
            since=_day(since, "--since"), until=_day(until, "--until"), limit=limit,
            min_confidence=_min_confidence(show_all, min_confidence),
        )  # fmt: skip
    if listing.is_unresolved:
        err.print("events are not merged yet: run `zenobia analyze` again to resolve them")
    title = f"events in {db}" + (" (merged)" if listing.is_merged else "")
    print_rows(listing.rows, EVENT_COLUMNS, title=title, output=output, empty="no event found")
    if listing.floor is not None:
        kinds = ("event", "cluster") if listing.is_merged else ("event",)
        _say_floor(listing.floor, kinds, listing.hidden)


DOCUMENT_COLUMNS = (
    Column("id", lambda r: r.id, is_id=True),
    Column("published", lambda r: r.published, max_width=10),
    Column("outlet", lambda r: r.outlet, max_width=20),
    Column("title", lambda r: r.title or r.source, is_wide=True),
    Column("status", lambda r: r.status, max_width=11),
    Column("events", lambda r: r.events, is_number=True),
    Column("quotes", lambda r: r.quotes, is_number=True),
    Column("claims", lambda r: r.claims, is_number=True),
)


@app.command()
def documents(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only documents naming an actor so named.")
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="Only documents naming a place so named.")
    ] = None,
    outlet: OutletFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    limit: LimitOption = 50,
    output: FormatOption = OutputFormat.table,
) -> None:
    """List the documents: publication day, outlet, title, and the facts found in each.

    --since/--until test the publication day.

    Example: zenobia documents --outlet Herald --since 2021-03-01
    """
    with _reading(db) as corpus:
        rows: list[DocumentRow] = list(
            corpus.documents(
                actor=actor,
                place=place,
                outlet=outlet,
                since=_day(since, "--since"),
                until=_day(until, "--until"),
                limit=limit,
            )
        )
    print_rows(
        rows, DOCUMENT_COLUMNS, title=f"documents in {db}", output=output, empty="no document found"
    )


QUOTE_COLUMNS = (
    Column("id", lambda r: r.id, is_id=True),
    Column("speaker", lambda r: r.speaker, max_width=20),
    Column("quote", lambda r: r.text if r.is_direct else f"({r.text})", is_wide=True),
    Column("outlet", lambda r: r.outlet, max_width=16),
    Column("title", lambda r: r.title, max_width=24),
    Column("published", lambda r: r.published, max_width=10),
    Column("conf", lambda r: _confidence_cell(r.confidence), max_width=4),
)


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[
        str | None,
        typer.Option("--actor", help="Only quotes whose speaker's name or affiliation has this."),
    ] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Only direct (in quotation marks) or reported.")
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="Only quotes whose sentence names this place.")
    ] = None,
    outlet: OutletFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    limit: LimitOption = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """List who said what: each quote with its speaker, outlet and document. Reported speech
    shows in brackets. --since/--until test the publication day.

    Example: zenobia quotes --actor governor --format json
    """
    asked = _min_confidence(show_all, min_confidence)
    with _reading(db) as corpus:
        rows: list[QuoteRow] = list(
            corpus.quotes(
                actor=actor,
                type=type,
                place=place,
                outlet=outlet,
                since=_day(since, "--since"),
                until=_day(until, "--until"),
                limit=limit,
                min_confidence=asked,
            )
        )
        floor = corpus.confidence_floor(asked)
    print_rows(rows, QUOTE_COLUMNS, title=f"quotes in {db}", output=output, empty="no quote found")
    _say_floor(floor, ("quote",))


CLAIM_COLUMNS = (
    Column("id", lambda r: r.id, is_id=True),
    Column("number", lambda r: r.text, max_width=16),
    Column("of", lambda r: r.of, max_width=24),
    Column("speaker", lambda r: r.speaker, max_width=18),
    Column("outlet", lambda r: r.outlet, max_width=16),
    Column("published", lambda r: r.published, max_width=10),
    Column("sentence", lambda r: _sentence(r.sentence), is_wide=True),
)


@app.command()
def claims(
    db: DbOption = DEFAULT_DB,
    about: Annotated[
        str | None, typer.Option("--about", help="Only numbers of what contains this (killed).")
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only numbers a speaker so named gave.")
    ] = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Only numbers in this unit (%, USD, km).")
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="Only numbers whose sentence names this place.")
    ] = None,
    outlet: OutletFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    limit: LimitOption = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """List the numbers documents claim: what they count, who said so, in which outlet.
    --since/--until test the publication day.

    Example: zenobia claims --about killed --format csv > deaths.csv
    """
    asked = _min_confidence(show_all, min_confidence)
    with _reading(db) as corpus:
        rows: list[ClaimRow] = list(
            corpus.claims(
                about=about,
                actor=actor,
                unit=type,
                place=place,
                outlet=outlet,
                since=_day(since, "--since"),
                until=_day(until, "--until"),
                limit=limit,
                min_confidence=asked,
            )
        )
        floor = corpus.confidence_floor(asked)
    print_rows(rows, CLAIM_COLUMNS, title=f"claims in {db}", output=output, empty="no claim found")
    _say_floor(floor, ("claim",))


def side_name(side: SideRow) -> str:
    """How a side of a disagreement is named: its outlet and title, else its document id."""
    named = " — ".join(part for part in (side.outlet, side.title) if part)
    return named or side.document


@app.command()
def disagreements(
    db: DbOption = DEFAULT_DB,
    kind: Annotated[
        str | None, typer.Option(help="Only this kind: numeric, framing or event.")
    ] = None,
    about: Annotated[
        str | None, typer.Option(help="Only those whose subject contains this text.")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option("--outlet", help="Only those with a side from this outlet.")
    ] = None,
    limit: LimitOption = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """List where sources disagree: numbers, framing, and the facts of merged events.

    Each side is named by its outlet and title; a numeric side shows its number, then its
    sentence. Piped, each side is one tab-separated row. Only disagreements at or above the
    confidence threshold are listed unless told --all.

    Example: zenobia disagreements --kind numeric --about killed --db news.db
    """
    asked = _min_confidence(show_all, min_confidence)
    with _reading(db) as corpus:
        found: list[DisagreementRow] = list(
            corpus.disagreements(
                kind=kind, about=about, outlet=outlet, limit=limit, min_confidence=asked
            )
        )
        floor = corpus.confidence_floor(asked)
    if output is OutputFormat.json:
        print_json([as_dict(d) for d in found])
    elif output is OutputFormat.csv:
        print_csv([_side_record(d, side) for d in found for side in d.sides])
    elif is_terminal():
        _print_disagreements(found)
    else:
        header = ("id", "kind", "about", "document", "outlet", "title", "number", "text")
        print_tsv(
            header, [tuple(_side_record(d, side).values()) for d in found for side in d.sides]
        )
    if not found:
        err.print("no disagreement found")
    _say_floor(floor, ("disagreement",))


def _side_record(disagreement: DisagreementRow, side: SideRow) -> dict[str, object]:
    """One side of a disagreement as one flat row (CSV, piped rows)."""
    return {
        "id": disagreement.id,
        "kind": disagreement.kind,
        "about": disagreement.about,
        "document": side.document,
        "outlet": side.outlet,
        "title": side.title,
        "number": side.number,
        "text": side.text,
    }


def _print_disagreements(found: list[DisagreementRow]) -> None:
    for disagreement in found:
        out.print(
            Text.assemble(
                plain(disagreement.kind, "bold"), " about ", plain(disagreement.about, "cyan")
            )
        )
        for side in disagreement.sides:
            out.print(
                Text.assemble(
                    "  ",
                    plain(side_name(side), "dim"),
                    " ",
                    plain(f"{side.number} ", "bold yellow") if side.number else "",
                    plain(side.text),
                ),
                soft_wrap=True,
            )
