"""The `zenobia` command: a thin layer over the library that parses, calls and prints."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from zenobia._version import __version__
from zenobia.confidence import ConfidenceFloor
from zenobia.corpus import DEFAULT_DB, open_corpus
from zenobia.errors import ZenobiaError
from zenobia.ingest.sources import count_records
from zenobia.views import EventListing

if TYPE_CHECKING:
    from zenobia.actor_views import ActorRow, PlaceRow
    from zenobia.runner import RunSummary

app = typer.Typer(
    help="zenobia: turn news about a conflict into a sourced, queryable store.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

_state = {"debug": False}

DbOption = Annotated[
    Path, typer.Option("--db", help="The SQLite store file (`zenobia analyze` creates it).")
]
AllOption = Annotated[bool, typer.Option("--all", help="Show every fact, whatever its confidence.")]
MinConfidenceOption = Annotated[
    float | None,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Show only facts at least this confident (default: each kind's threshold).",
    ),
]


def _min_confidence(show_all: bool, min_confidence: float | None) -> float | None:
    """The minimum confidence a listing asks the library for: 0 with --all, else as given."""
    return 0.0 if show_all else min_confidence


def _say_floor(floor: ConfidenceFloor, kinds: tuple[str, ...], hidden: int = 0) -> None:
    """One line on stderr saying which facts a listing shows, unless it shows them all."""
    if floor.is_everything:
        return
    left_out = f" ({hidden} hidden)" if hidden else ""
    err.print(
        f"showing facts with confidence ≥ {floor.describe(kinds)}{left_out}; "
        "--all shows everything",
        highlight=False,
        soft_wrap=True,
    )


def _version(value: bool) -> None:
    if value:
        out.print(f"zenobia {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    _state["debug"] = debug


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files, directories or glob patterns.")],
    db: DbOption = DEFAULT_DB,
    processes: Annotated[
        int, typer.Option(min=0, help="Worker processes (0: one per core; 1: no workers).")
    ] = 0,
    text_column: Annotated[str, typer.Option(help="CSV column holding the article text.")] = "text",
    title_column: Annotated[
        str | None, typer.Option(help="CSV column with titles (else read from the text).")
    ] = None,
    date_column: Annotated[
        str | None, typer.Option(help="CSV column with publication dates (else inferred).")
    ] = None,
    outlet_column: Annotated[
        str | None, typer.Option(help="CSV column with outlet names (else from the page).")
    ] = None,
    max_mb: Annotated[
        float, typer.Option(min=0.001, help="Skip any article larger than this, in megabytes.")
    ] = 50.0,
    batch_size: Annotated[
        int,
        typer.Option(min=1, help="Records per committed transaction (a crash loses one batch)."),
    ] = 16,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar (the closing table still shows).")
    ] = False,
) -> None:
    """Analyse every article under PATHS into the store (resumable: re-run to continue).

    Example: zenobia analyze news/ --db palmyra.db
    """
    from zenobia.runner import ReadOptions  # loads spaCy: only the commands that analyse

    options = ReadOptions(
        text_column=text_column,
        title_column=title_column,
        date_column=date_column,
        outlet_column=outlet_column,
        max_bytes=int(max_mb * 1_000_000),
    )
    with open_corpus(db) as corpus:
        run = corpus.analyze(
            paths, options=options, processes=processes or None, batch_size=batch_size
        )
        total = count_records(paths)
        progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]analysing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TimeElapsedColumn(),
            console=err,
            disable=quiet,
            transient=False,
        )
        try:
            with progress:
                task = progress.add_task("analyse", total=total, rate="-")
                for step in run:
                    if step.outcome == "skipped":
                        progress.console.print(
                            f"[yellow]skipped[/] {escape(step.message or '')}",
                            highlight=False,
                            soft_wrap=True,
                        )
                    elapsed = progress.tasks[task].elapsed or 0.0
                    rate = f"{run.summary.read / elapsed:.1f}" if elapsed > 0 else "-"
                    progress.update(task, advance=1, rate=rate)
                progress.update(task, total=progress.tasks[task].completed)
        except KeyboardInterrupt:
            err.print(
                f"Interrupted: {run.summary.analyzed} documents were committed. "
                "Re-run the same command to resume."
            )
            raise typer.Exit(130) from None
        out.print(_summary_table(run.summary, db))


_RESOLUTION_ROWS = {
    "event_clusters": "events across documents",
    "events_merged": "  sentence-level events merged into them",
    "event_disagreements": "event disagreements",
    "numeric_disagreements": "numeric disagreements",
    "claims_corroborated": "claims corroborated",
    "framing_disagreements": "framing disagreements",
    "actor_merges": "actor merges",
}
"""Which corpus-resolution counts the closing table shows, and how it names them."""


def _summary_table(summary: RunSummary, db: Path) -> Table:
    table = Table(title=f"zenobia analyze → {db}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents read", str(summary.read))
    table.add_row("analysed", str(summary.analyzed))
    table.add_row("already in the store", str(summary.resumed))
    table.add_row("duplicates", str(summary.duplicates))
    table.add_row("not English (stored, not analysed)", str(summary.not_english))
    table.add_row("skipped", str(summary.skipped_total))
    for reason, n in sorted(summary.skipped.items()):
        table.add_row(f"  {reason}", str(n))
    table.add_row("sentences", str(summary.sentences))
    table.add_row("mentions", str(summary.mentions))
    table.add_row("events (per sentence)", str(summary.events))
    table.add_row("quotes", str(summary.quotes))
    table.add_row("numeric claims", str(summary.claims))
    table.add_row("stances", str(summary.stances))
    for key, value in summary.resolved.items():
        if key in _RESOLUTION_ROWS:
            table.add_row(_RESOLUTION_ROWS[key], str(value))
    table.add_row("elapsed", f"{summary.elapsed_s:.1f} s")
    return table


@app.command()
def stats(db: DbOption = DEFAULT_DB) -> None:
    """Show what the store holds, and every skipped input with its reason.

    Example: zenobia stats --db palmyra.db
    """
    with open_corpus(db, create=False) as corpus:
        found = corpus.overview()
    table = Table(title=f"zenobia store {db}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in found.counts.items():
        table.add_row(key.replace("_", " "), str(value))
    out.print(table)
    if found.skips:
        skipped = Table(title="skipped inputs")
        skipped.add_column("source", overflow="fold")
        skipped.add_column("reason")
        skipped.add_column("message", overflow="fold")
        for skip in found.skips:
            skipped.add_row(skip.source, skip.reason, skip.message)
        out.print(skipped)


@app.command()
def export(
    out_path: Annotated[
        Path,
        typer.Option(
            "--out",
            help="The file to write (replaced whole), a folder for csv and parquet, "
            "or - for standard output.",
        ),
    ],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="json, plover, csv, parquet, graphml, gexf, geojson or acled "
            "(docs/exports.md describes every field).",
        ),
    ] = "json",
    db: DbOption = DEFAULT_DB,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Export the store; docs/exports.md describes every format and field.

    json: the whole store (DESIGN.md's contract), every fact with its confidence.
    plover: one PLOVER event record a line.
    csv, parquet: a folder with one table per kind of record.
    graphml, gexf: the actor network (GEXF dynamic in time, for Gephi's timeline).
    geojson: places and the events located at them.
    acled: event rows in ACLED's columns.

    All but json keep only facts at or above their kind's confidence threshold
    unless told --all or --min-confidence.

    Example: zenobia export --format parquet --out palmyra-tables/
    (or --format gexf --out - | gzip > network.gexf.gz)
    """
    floor_asked = _min_confidence(show_all, min_confidence)
    with open_corpus(db, create=False) as corpus, err.status(f"exporting {format}…"):
        written = corpus.export(out_path, format, min_confidence=floor_asked)
        floor = corpus.confidence_floor(floor_asked)
    if str(written) != "-":
        out.print(f"wrote {written}")
    if format == "plover":
        _say_floor(floor, ("event",))
    elif format != "json":
        _say_floor(floor, ("cluster", "event", "mention", "place", "quote", "claim", "stance"))


@app.command()
def report(
    out_path: Annotated[
        Path, typer.Option("--out", help="The HTML file to write (replaced whole when it exists).")
    ],
    db: DbOption = DEFAULT_DB,
    show_all: Annotated[
        bool, typer.Option("--all", help="Open the report with every fact shown.")
    ] = False,
) -> None:
    """Write the corpus as one self-contained HTML page to open or email.

    Overview, timeline, actor network, map, disagreements, quotes, numbers and stance; every
    fact links to its sentence. Facts below their kind's confidence threshold are hidden until
    the page's toggle (or --all) shows them.

    Example: zenobia report --out palmyra.html
    """
    with open_corpus(db, create=False) as corpus, err.status("writing the report…"):
        written = corpus.report(out_path, show_all=show_all)
    out.print(f"wrote {written}")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    port: Annotated[int, typer.Option(min=0, max=65535, help="The port to listen on.")] = 8000,
    host: Annotated[
        str, typer.Option(help="The address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
) -> None:
    """Explore the store in a browser: timeline, network, map, search, documents, actors.

    The app only reads the store, so it can run while `zenobia analyze` writes to it. It
    listens on 127.0.0.1, reachable from this machine only, unless told another --host.
    Its JSON API is described at /api.

    Example: zenobia serve --db palmyra.db   (then open http://127.0.0.1:8000)
    """
    from zenobia.web.server import bind, build_server, is_loopback

    listener = bind(host, port)
    with listener:
        with err.status("reading the store…"):
            server = build_server(db, listener)
        bound_host, bound_port = listener.getsockname()[:2]
        shown_host = f"[{bound_host}]" if ":" in bound_host else bound_host
        if not is_loopback(host):
            err.print(
                f"listening on {host}: anyone who can reach this machine can read {db}",
                highlight=False,
                soft_wrap=True,
            )
        address = f"http://{shown_host}:{bound_port}/"
        out.print(f"serving {db} at {address} (Ctrl-C stops)", highlight=False, soft_wrap=True)
        server.run(sockets=[listener])


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", AND/OR/NOT, prefix*.')],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="Most hits to show.")] = 20,
) -> None:
    """Find sentences in the store.

    Example: zenobia search '"chemical attack" AND Idlib'
    """
    with open_corpus(db, create=False) as corpus:
        hits = corpus.search(query, limit)
    for hit in hits:
        out.print(
            f"[bold]{hit.title or hit.doc_id}[/] [dim]{hit.doc_id} "
            f"{hit.start_char}-{hit.end_char}[/]\n  {escape(hit.snippet)}"
        )
    if not hits:
        err.print("no sentence matches")


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    merged: Annotated[
        bool,
        typer.Option(
            "--merged/--each", help="One row per merged event (default), or per extracted event."
        ),
    ] = True,
    limit: Annotated[int, typer.Option(min=1, help="Most rows to show.")] = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """List events: merged across documents with their number of sources, largest first.

    Only events at or above their kind's confidence threshold are listed unless told --all.

    Example: zenobia events --db palmyra.db (or --each: every event as one sentence told it)
    """
    with open_corpus(db, create=False) as corpus:
        listing = corpus.events(
            merged=merged, limit=limit, min_confidence=_min_confidence(show_all, min_confidence)
        )
    if listing.is_unresolved:
        err.print("events are not merged yet: run `zenobia analyze` again to resolve them")
    out.print(_events_table(listing, db))
    if listing.floor is not None:
        kinds = ("event", "cluster") if listing.is_merged else ("event",)
        _say_floor(listing.floor, kinds, listing.hidden)


_EVENT_WIDTHS = {
    "id": 8,
    "type": 20,
    "date": 10,
    "place": 16,
    "who": 18,
    "status": 12,
    "conf": 4,
}
"""The event table's narrow columns and their widths in characters."""


def _confidence_cell(confidence: float | None) -> str:
    """A confidence as a listing shows it: two decimals, or nothing when there is none."""
    return "" if confidence is None else f"{confidence:.2f}"


def _events_table(listing: EventListing, db: Path) -> Table:
    table = Table(title=f"events in {db}" + (" (merged)" if listing.is_merged else ""))
    for column, width in _EVENT_WIDTHS.items():
        table.add_column(column, no_wrap=True, overflow="ellipsis", max_width=width)
    table.add_column("sources", justify="right", no_wrap=True)
    table.add_column("sentence", overflow="fold", ratio=1)
    for row in listing.rows:
        cells = (
            row.id[:8],
            f"{row.type} {row.mode or ''}".strip(),
            row.date or "",
            row.place or "",
            row.actor or "",
            row.status,
            _confidence_cell(row.confidence),
            str(row.documents),
            row.sentence[:240],
        )
        table.add_row(*(escape(cell) for cell in cells))
    return table


@app.command()
def disagreements(
    db: DbOption = DEFAULT_DB,
    kind: Annotated[
        str | None, typer.Option(help="Only this kind: numeric, framing or event.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most disagreements to show.")] = 50,
    about: Annotated[
        str | None, typer.Option(help="Only those whose subject contains this text.")
    ] = None,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """List where sources disagree: numbers, framing, and the facts of merged events.

    A numeric side shows its number, then its sentence. Only disagreements at or above the
    confidence threshold are listed unless told --all.

    Example: zenobia disagreements --kind numeric --about killed --db palmyra.db
    """
    asked = _min_confidence(show_all, min_confidence)
    with open_corpus(db, create=False) as corpus:
        found = corpus.disagreements(kind=kind, about=about, limit=limit, min_confidence=asked)
        floor = corpus.confidence_floor(asked)
    for disagreement in found:
        out.print(f"[bold]{disagreement.kind}[/] about [cyan]{escape(disagreement.about)}[/]")
        for side in disagreement.sides:
            value = f"[bold yellow]{escape(side.number)}[/] " if side.number else ""
            out.print(f"  [dim]{side.document}[/] {value}{escape(side.text)}", soft_wrap=True)
    if not found:
        err.print("no disagreement found")
    _say_floor(floor, ("disagreement",))


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    kind: Annotated[
        str | None,
        typer.Option(help="Only this kind: state, government, military, armed_group, person, …"),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most actors to show.")] = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """List the actors of the store, most mentioned first, with the forms they were written in.

    An actor is listed when its best-supported mention's link reaches the confidence
    threshold of mentions, unless told --all.

    Example: zenobia actors --kind armed_group --db palmyra.db
    """
    asked = _min_confidence(show_all, min_confidence)
    with open_corpus(db, create=False) as corpus:
        rows = corpus.actors(kind=kind, limit=limit, min_confidence=asked)
        floor = corpus.confidence_floor(asked)
    columns = ("id", "name", "kind", "country")
    cells = [
        (row.id[:8], row.name, row.kind or "", row.country or "", *_counted(row, row.aliases))
        for row in rows
    ]
    _print_listing(f"actors in {db}", columns, cells, empty="no actor found")
    _say_floor(floor, ("mention",))


@app.command()
def places(
    db: DbOption = DEFAULT_DB,
    country: Annotated[
        str | None, typer.Option(help="Only places in this country (ISO alpha-3, e.g. SYR).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most places to show.")] = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """List the places of the store, geocoded offline, most mentioned first.

    A place is listed when its best-supported geocoding reaches the confidence threshold of
    places (or it was not geocoded), unless told --all.

    Example: zenobia places --country SYR --db palmyra.db
    """
    asked = _min_confidence(show_all, min_confidence)
    with open_corpus(db, create=False) as corpus:
        rows = corpus.places(country=country, limit=limit, min_confidence=asked)
        floor = corpus.confidence_floor(asked)
    columns = ("name", "country", "region", "lat", "lon", "geonames")
    cells = [
        (
            row.name,
            row.country or "",
            row.admin1 or "",
            f"{row.lat:.4f}" if row.lat is not None else "",
            f"{row.lon:.4f}" if row.lon is not None else "",
            str(row.geonames or ""),
            *_counted(row, row.aliases),
        )
        for row in rows
    ]
    _print_listing(f"places in {db}", columns, cells, empty="no place found")
    _say_floor(floor, ("place",))


def _counted(row: ActorRow | PlaceRow, aliases: tuple[str, ...]) -> tuple[str, str, str]:
    """The cells every listing ends with: mentions, documents, other written forms."""
    return str(row.mentions), str(row.documents), ", ".join(aliases)


def _print_listing(
    title: str, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]], *, empty: str
) -> None:
    """A table of `columns`, then mentions, documents and the forms seen; `empty` when none."""
    table = Table(title=title)
    for column in columns:
        wide = column == "name"
        table.add_column(column, no_wrap=not wide, overflow="fold", ratio=1 if wide else None)
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("docs", justify="right", no_wrap=True)
    table.add_column("also written", overflow="fold", ratio=1)
    for cells in rows:
        table.add_row(*(escape(cell) for cell in cells))
    out.print(table)
    if not rows:
        err.print(empty)


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="A name, alias or part of one, in any case.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="Most mentions to show per actor.")] = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Show every mention of an actor, however it was written, with its sentence.

    Mentions whose link is below the confidence threshold of mentions are left out unless
    told --all.

    Example: zenobia actor Hizbullah --db palmyra.db (finds Hezbollah, "the group", "it")
    """
    asked = _min_confidence(show_all, min_confidence)
    with open_corpus(db, create=False) as corpus:
        matches = corpus.actor(name, limit=limit, min_confidence=asked)
        floor = corpus.confidence_floor(asked)
    for match in matches:
        row = match.actor
        facts = ", ".join(part for part in (row.kind, row.country, row.wikidata) if part)
        out.print(
            f"[bold]{escape(row.name)}[/] [dim]{row.id[:8]}[/] {escape(facts)}: "
            f"{row.mentions} mentions in {row.documents} documents"
        )
        if row.aliases:
            out.print(f"  also written: {escape(', '.join(row.aliases))}")
        for mention in match.mentions:
            start = mention.start_char - mention.sentence_start
            end = mention.end_char - mention.sentence_start
            sentence = mention.sentence
            marked = (
                f"{escape(sentence[:start])}[bold cyan]{escape(sentence[start:end])}[/]"
                f"{escape(sentence[end:])}"
            )
            notes = [n for n in (mention.link_basis, _confidence_cell(mention.confidence)) if n]
            basis = f" ({', '.join(notes)})" if notes else ""
            out.print(
                f"  [dim]{escape(mention.title or mention.doc_id)} {mention.doc_id} "
                f"{mention.start_char}-{mention.end_char}{escape(basis)}[/]\n    {marked}",
                soft_wrap=True,
            )
        shown = row.mentions - match.hidden
        if len(match.mentions) < shown:
            out.print(f"  [dim]… {shown - len(match.mentions)} more (raise --limit)[/]")
    if not matches:
        err.print(f"no actor named {name!r} in {db}")
    _say_floor(floor, ("mention",), sum(match.hidden for match in matches))


def main(args: list[str] | None = None) -> None:
    """Entry point: run the app; errors are one line on stderr (a traceback with --debug).

    A `ZenobiaError` exits 1, a mistyped command line (unknown option, bad value) exits 2.
    """
    try:
        code = app(args=args, standalone_mode=False)
    except typer.TyperException as error:
        # typer's command-line errors (unknown option, bad value, no such command)
        if type(error).__name__ == "NoArgsIsHelpError":
            sys.exit(2)  # the help was shown
        if _state["debug"]:
            raise
        message = f"[red]error:[/] {escape(error.format_message().rstrip('.'))}"
        context = getattr(error, "ctx", None)
        if context is not None:
            message += f". Fix: see `{context.command_path} --help`"
        err.print(message, highlight=False, soft_wrap=True)
        sys.exit(error.exit_code)
    except typer.Abort:
        err.print("Aborted.")
        sys.exit(1)
    except ZenobiaError as error:
        if _state["debug"]:
            raise
        err.print(f"[red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
