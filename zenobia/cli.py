"""The `zenobia` command: a thin layer over the library that parses, calls and prints."""

from __future__ import annotations

import math
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from zenobia._terminal import plain
from zenobia._version import __version__
from zenobia.confidence import ConfidenceFloor
from zenobia.corpus import DEFAULT_DB, Corpus, open_corpus
from zenobia.errors import ZenobiaError
from zenobia.ingest.sources import count_records
from zenobia.views import EventListing

if TYPE_CHECKING:
    from zenobia.actor_views import ActorRow, PlaceRow
    from zenobia.runner import Progress as ProgressStep
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


MAX_LIMIT = 1_000_000_000
"""The largest --limit a listing accepts (larger values are refused with one line)."""

MAX_PROCESSES = 1024
MAX_BATCH_SIZE = 1_000_000


def _limit_option(help: str) -> Any:
    """A --limit option: at least 1, at most `MAX_LIMIT`."""
    return typer.Option(min=1, max=MAX_LIMIT, help=help)


@contextmanager
def _reading(db: Path) -> Iterator[Corpus]:
    """The store opened read-only, after a line on stderr if corpus resolution is pending."""
    with open_corpus(db, read_only=True) as corpus:
        if corpus.is_resolution_pending():
            err.print(
                Text.assemble(
                    ("note:", "yellow"),
                    " resolution pending: documents were stored that the cross-document facts"
                    " (merged events, disagreements, summary) do not cover yet. Fix: run ",
                    plain(f"`zenobia resolve --db {db}`"),
                    " (or finish `zenobia analyze`)",
                ),
                soft_wrap=True,
            )
        yield corpus


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
        int,
        typer.Option(
            min=0, max=MAX_PROCESSES, help="Worker processes (0: one per core; 1: no workers)."
        ),
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
        typer.Option(
            min=1,
            max=MAX_BATCH_SIZE,
            help="Records per committed transaction (a crash loses one batch).",
        ),
    ] = 16,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed", help="Analyse again the records that failed in earlier runs."
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar (the closing table still shows).")
    ] = False,
) -> None:
    """Analyse every article under PATHS into the store (resumable: re-run to continue).

    A record that fails (any error while reading, cleaning, analysing or storing it) is stored
    as failed with its reason, and the run goes on; `zenobia stats` lists them, and re-runs
    pass over them unless --retry-failed.

    Example: zenobia analyze news/ --db palmyra.db
    """
    from zenobia.runner import ReadOptions  # loads spaCy: only the commands that analyse

    if not math.isfinite(max_mb):
        raise typer.BadParameter(f"{max_mb} is not a size in megabytes", param_hint="--max-mb")

    options = ReadOptions(
        text_column=text_column,
        title_column=title_column,
        date_column=date_column,
        outlet_column=outlet_column,
        max_bytes=int(max_mb * 1_000_000),
    )
    with open_corpus(db) as corpus:
        run = corpus.analyze(
            paths,
            options=options,
            processes=processes or None,
            batch_size=batch_size,
            retry_failed=retry_failed,
        )
        total = _count_records(paths)
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
                    if step.outcome in ("skipped", "failed"):
                        _print_verdict(progress.console, step)
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


def _count_records(paths: Sequence[Path]) -> int | None:
    """How many records the progress bar expects; None (an open-ended bar) when counting
    fails: the run itself records what cannot be read."""
    try:
        return count_records(paths)
    except Exception:
        return None


def _print_verdict(console: Console, step: ProgressStep) -> None:
    """One line for a skipped or failed record; a failure's traceback too with --debug."""
    if step.outcome == "skipped":
        line = Text.assemble(("skipped", "yellow"), " ", plain(step.message or ""))
    else:
        line = Text.assemble(
            ("failed", "red"), " ", plain(step.source), ": ", plain(step.message or "")
        )
    console.print(line, soft_wrap=True)
    if step.outcome == "failed" and _state["debug"] and step.traceback:
        console.print(plain(step.traceback.rstrip()), soft_wrap=True)


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
    table = Table(title=plain(f"zenobia analyze → {db}"), show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents read", str(summary.read))
    table.add_row("analysed", str(summary.analyzed))
    table.add_row("already in the store", str(summary.resumed))
    table.add_row("duplicates", str(summary.duplicates))
    table.add_row("not English (stored, not analysed)", str(summary.not_english))
    table.add_row("skipped", str(summary.skipped_total))
    for reason, n in sorted(summary.skipped.items()):
        table.add_row(plain(f"  {reason}"), str(n))
    table.add_row("failed (see `zenobia stats`)", str(summary.failed))
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
    """Show what the store holds, every skipped or failed input with its reason, and the
    latest runs. With --debug, each failure's traceback follows it.

    Example: zenobia stats --db palmyra.db
    """
    with _reading(db) as corpus:
        found = corpus.overview()
    table = Table(title=plain(f"zenobia store {db}"), show_header=False)
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
            skipped.add_row(plain(skip.source), plain(skip.reason), plain(skip.message))
        out.print(skipped)
    if found.failures:
        failed = Table(title="failed inputs (re-run with --retry-failed to try them again)")
        failed.add_column("source", overflow="fold")
        failed.add_column("stage")
        failed.add_column("reason", overflow="fold")
        for failure in found.failures:
            failed.add_row(plain(failure.source), failure.stage, plain(failure.reason))
        out.print(failed)
        if _state["debug"]:
            for failure in found.failures:
                out.print(Text.assemble(("failed ", "red"), plain(failure.source)))
                out.print(plain(failure.traceback.rstrip() or "(no traceback)"), soft_wrap=True)
    if found.runs:
        runs = Table(title="latest runs")
        for column in ("run", "started", "finished", "status"):
            runs.add_column(column, no_wrap=True)
        runs.add_column("inputs", overflow="fold")
        for run in found.runs:
            runs.add_row(
                str(run.id),
                run.started_at,
                run.finished_at or "",
                run.status,
                plain(" ".join(run.inputs)),
            )
        out.print(runs)


@app.command()
def resolve(db: DbOption = DEFAULT_DB) -> None:
    """Run corpus resolution now: merge events across documents, compare claims and framing,
    summarise. `zenobia analyze` does it at the end of each run; this finishes a resolution
    that an interrupted run left pending.

    Example: zenobia resolve --db palmyra.db
    """
    with open_corpus(db, create=False) as corpus, err.status("resolving…"):
        counts = corpus.resolve()
    table = Table(title=plain(f"zenobia resolve → {db}"), show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        if key in _RESOLUTION_ROWS:
            table.add_row(_RESOLUTION_ROWS[key], str(value))
    out.print(table)


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
    with _reading(db) as corpus, err.status(plain(f"exporting {format}…")):
        written = corpus.export(out_path, format, min_confidence=floor_asked)
        floor = corpus.confidence_floor(floor_asked)
    if str(written) != "-":
        out.print(Text.assemble("wrote ", plain(str(written))))
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
    with _reading(db) as corpus, err.status("writing the report…"):
        written = corpus.report(out_path, show_all=show_all)
    out.print(Text.assemble("wrote ", plain(str(written))))


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
    limit: Annotated[int, _limit_option("Most hits to show.")] = 20,
) -> None:
    """Find sentences in the store.

    Example: zenobia search '"chemical attack" AND Idlib'
    """
    with _reading(db) as corpus:
        hits = corpus.search(query, limit)
    for hit in hits:
        out.print(
            Text.assemble(
                plain(hit.title or hit.doc_id, "bold"),
                " ",
                (f"{hit.doc_id} {hit.start_char}-{hit.end_char}", "dim"),
                "\n  ",
                plain(hit.snippet),
            )
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
    limit: Annotated[int, _limit_option("Most rows to show.")] = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """List events: merged across documents with their number of sources, largest first.

    Only events at or above their kind's confidence threshold are listed unless told --all.

    Example: zenobia events --db palmyra.db (or --each: every event as one sentence told it)
    """
    with _reading(db) as corpus:
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
    table = Table(title=plain(f"events in {db}" + (" (merged)" if listing.is_merged else "")))
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
        table.add_row(*(plain(cell) for cell in cells))
    return table


@app.command()
def disagreements(
    db: DbOption = DEFAULT_DB,
    kind: Annotated[
        str | None, typer.Option(help="Only this kind: numeric, framing or event.")
    ] = None,
    limit: Annotated[int, _limit_option("Most disagreements to show.")] = 50,
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
    with _reading(db) as corpus:
        found = corpus.disagreements(kind=kind, about=about, limit=limit, min_confidence=asked)
        floor = corpus.confidence_floor(asked)
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
                    plain(side.document, "dim"),
                    " ",
                    plain(f"{side.number} ", "bold yellow") if side.number else "",
                    plain(side.text),
                ),
                soft_wrap=True,
            )
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
    limit: Annotated[int, _limit_option("Most actors to show.")] = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """List the actors of the store, most mentioned first, with the forms they were written in.

    An actor is listed when its best-supported mention's link reaches the confidence
    threshold of mentions, unless told --all.

    Example: zenobia actors --kind armed_group --db palmyra.db
    """
    asked = _min_confidence(show_all, min_confidence)
    with _reading(db) as corpus:
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
    limit: Annotated[int, _limit_option("Most places to show.")] = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """List the places of the store, geocoded offline, most mentioned first.

    A place is listed when its best-supported geocoding reaches the confidence threshold of
    places (or it was not geocoded), unless told --all.

    Example: zenobia places --country SYR --db palmyra.db
    """
    asked = _min_confidence(show_all, min_confidence)
    with _reading(db) as corpus:
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
    table = Table(title=plain(title))
    for column in columns:
        wide = column == "name"
        table.add_column(column, no_wrap=not wide, overflow="fold", ratio=1 if wide else None)
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("docs", justify="right", no_wrap=True)
    table.add_column("also written", overflow="fold", ratio=1)
    for cells in rows:
        table.add_row(*(plain(cell) for cell in cells))
    out.print(table)
    if not rows:
        err.print(empty)


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="A name, alias or part of one, in any case.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, _limit_option("Most mentions to show per actor.")] = 50,
    show_all: AllOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Show every mention of an actor, however it was written, with its sentence.

    Mentions whose link is below the confidence threshold of mentions are left out unless
    told --all.

    Example: zenobia actor Hizbullah --db palmyra.db (finds Hezbollah, "the group", "it")
    """
    asked = _min_confidence(show_all, min_confidence)
    with _reading(db) as corpus:
        matches = corpus.actor(name, limit=limit, min_confidence=asked)
        floor = corpus.confidence_floor(asked)
    for match in matches:
        row = match.actor
        facts = ", ".join(part for part in (row.kind, row.country, row.wikidata) if part)
        out.print(
            Text.assemble(
                plain(row.name, "bold"),
                " ",
                (row.id[:8], "dim"),
                " ",
                plain(facts),
                f": {row.mentions} mentions in {row.documents} documents",
            )
        )
        if row.aliases:
            out.print(Text.assemble("  also written: ", plain(", ".join(row.aliases))))
        for mention in match.mentions:
            start = mention.start_char - mention.sentence_start
            end = mention.end_char - mention.sentence_start
            sentence = mention.sentence
            notes = [n for n in (mention.link_basis, _confidence_cell(mention.confidence)) if n]
            basis = f" ({', '.join(notes)})" if notes else ""
            out.print(
                Text.assemble(
                    "  ",
                    plain(
                        f"{mention.title or mention.doc_id} {mention.doc_id} "
                        f"{mention.start_char}-{mention.end_char}{basis}",
                        "dim",
                    ),
                    "\n    ",
                    plain(sentence[:start]),
                    plain(sentence[start:end], "bold cyan"),
                    plain(sentence[end:]),
                ),
                soft_wrap=True,
            )
        shown = row.mentions - match.hidden
        if len(match.mentions) < shown:
            out.print(Text(f"  … {shown - len(match.mentions)} more (raise --limit)", "dim"))
    if not matches:
        err.print(plain(f"no actor named {name!r} in {db}"))
    _say_floor(floor, ("mention",), sum(match.hidden for match in matches))


def main(args: list[str] | None = None) -> None:
    """Entry point: run the app; errors are one line on stderr (a traceback with --debug).

    A `ZenobiaError` (or any other error) exits 1, a mistyped command line (unknown option,
    bad value, an argument that is not UTF-8) exits 2, Ctrl-C exits 130.
    """
    given = sys.argv[1:] if args is None else args
    _state["debug"] = "--debug" in given
    undecodable = next((a for a in given if not _is_utf8(a)), None)
    if undecodable is not None:
        _fail(
            f"the argument {undecodable.encode('utf-8', 'surrogateescape')!r} is not UTF-8 text"
            ". Fix: give paths and words in UTF-8 (rename the file, or pass its folder)",
            code=2,
        )
    try:
        code = app(args=given, standalone_mode=False)
    except typer.TyperException as error:
        # typer's command-line errors (unknown option, bad value, no such command)
        if type(error).__name__ == "NoArgsIsHelpError":
            sys.exit(2)  # the help was shown
        if _state["debug"]:
            raise
        message = error.format_message().rstrip(".")
        context = getattr(error, "ctx", None)
        if context is not None:
            message += f". Fix: see `{context.command_path} --help`"
        _fail(message, code=error.exit_code)
    except typer.Abort:
        _fail("aborted", code=1)
    except KeyboardInterrupt:
        err.print("Interrupted.")
        sys.exit(130)
    except ZenobiaError as error:
        if _state["debug"]:
            raise
        _fail(str(error), code=1)
    except sqlite3.Error as error:
        if _state["debug"]:
            raise
        _fail(
            f"the store cannot be read or written ({error}). Fix: check the --db file and that"
            " no other program holds it; run with --debug for the details",
            code=1,
        )
    except Exception as error:
        if _state["debug"]:
            raise
        _fail(
            f"unexpected {type(error).__name__}: {error}. Fix: run again with --debug to see"
            " where, and report it with that traceback",
            code=1,
        )
    sys.exit(code if isinstance(code, int) else 0)


def _is_utf8(argument: str) -> bool:
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes arrive as lone surrogates
        return False
    return True


def _fail(message: str, *, code: int) -> None:
    """Print one error line on stderr and exit with `code`."""
    line = " ".join(message.split()) or "error"  # one line, whatever the message held
    err.print(Text.assemble(("error:", "red"), " ", plain(line)), soft_wrap=True)
    sys.exit(code)


if __name__ == "__main__":
    main()
