"""The `zenobia` command: a thin layer over the library that parses, calls and prints."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

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
from zenobia.corpus import DEFAULT_DB, open_corpus
from zenobia.errors import ZenobiaError
from zenobia.export.plover import write_plover
from zenobia.ingest.sources import count_records
from zenobia.model import EventCluster
from zenobia.runner import ReadOptions, RunSummary

app = typer.Typer(
    help="zenobia: turn news about a conflict into a sourced, queryable store.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

_state = {"debug": False}

DbOption = Annotated[Path, typer.Option("--db", help="The SQLite store to use.")]


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
        int, typer.Option(help="Worker processes (0: one per core; 1: no workers).")
    ] = 0,
    text_column: Annotated[str, typer.Option(help="CSV column holding the article text.")] = "text",
    title_column: Annotated[str | None, typer.Option(help="CSV column with titles.")] = None,
    date_column: Annotated[str | None, typer.Option(help="CSV column with dates.")] = None,
    outlet_column: Annotated[str | None, typer.Option(help="CSV column with outlets.")] = None,
    max_mb: Annotated[float, typer.Option(help="Skip any article larger than this.")] = 50.0,
    batch_size: Annotated[int, typer.Option(help="Records per committed transaction.")] = 16,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Analyse every article under PATHS into the store (resumable: re-run to continue).

    Example: zenobia analyze news/ --db palmyra.db
    """
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
    _require(db)
    with open_corpus(db) as corpus:
        counts = corpus.store.counts()
        table = Table(title=f"zenobia store {db}", show_header=False)
        table.add_column("what")
        table.add_column("count", justify="right")
        for key, value in counts.items():
            table.add_row(key.replace("_", " "), str(value))
        out.print(table)
        skips = corpus.store.skips()
        if skips:
            skipped = Table(title="skipped inputs")
            skipped.add_column("source", overflow="fold")
            skipped.add_column("reason")
            skipped.add_column("message", overflow="fold")
            for skip in skips:
                skipped.add_row(skip.source, skip.reason, skip.message)
            out.print(skipped)


@app.command()
def export(
    out_path: Annotated[Path, typer.Option("--out", help="The file to write.")],
    format: Annotated[str, typer.Option("--format", help="Export format: json, plover.")] = "json",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export the store.

    Example: zenobia export --format json --out palmyra.json
    (or --format plover --out events.jsonl: one PLOVER event record a line)
    """
    _require(db)
    if format not in ("json", "plover"):
        raise ZenobiaError(
            f"unknown export format {format!r}",
            why="this version writes json and plover (PLOVER JSONL events)",
            fix="use --format json or --format plover",
        )
    with open_corpus(db) as corpus:
        if format == "plover":
            written = write_plover(corpus.store, out_path)
        else:
            written = corpus.export_json(out_path)
    out.print(f"wrote {written}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", AND/OR/NOT, prefix*.')],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Most hits to show.")] = 20,
) -> None:
    """Find sentences in the store.

    Example: zenobia search '"chemical attack" AND Idlib'
    """
    _require(db)
    with open_corpus(db) as corpus:
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
    limit: Annotated[int, typer.Option(help="Most rows to show.")] = 50,
) -> None:
    """List events: merged across documents with their number of sources, largest first.

    Example: zenobia events --db palmyra.db (or --each: every event as one sentence told it)
    """
    _require(db)
    with open_corpus(db) as corpus:
        store = corpus.store
        places = store.places()
        texts = {s.document.id: s.document.text for s in store.documents()}
        all_events = {e.id: e for e in store.events()}
        clusters = list(store.event_clusters()) if merged else []
        table = Table(title=f"events in {db}" + (" (merged)" if merged else ""))
        widths = {"id": 8, "type": 20, "date": 10, "place": 16, "who": 18, "status": 12}
        for column, width in widths.items():
            table.add_column(column, no_wrap=True, overflow="ellipsis", max_width=width)
        table.add_column("sources", justify="right", no_wrap=True)
        table.add_column("sentence", overflow="fold", ratio=1)
        if merged and not clusters and all_events:
            err.print("events are not merged yet: run `zenobia analyze` again to resolve them")
        rows: list[tuple[str, ...]] = []
        if merged:

            def documents_of(cluster: EventCluster) -> int:
                return len({all_events[e].doc_id for e in cluster.event_ids if e in all_events})

            clusters.sort(key=documents_of, reverse=True)
            for cluster in clusters[:limit]:
                members = [all_events[e] for e in cluster.event_ids if e in all_events]
                if not members:
                    continue
                lead = members[0]
                place = places.get(cluster.place_id) if cluster.place_id else None
                rows.append(
                    (
                        cluster.id[:8],
                        f"{cluster.type} {cluster.mode or ''}".strip(),
                        cluster.date.start if cluster.date else "",
                        place.name if place else "",
                        lead.source_text or "",
                        cluster.status,
                        str(len({m.doc_id for m in members})),
                        texts.get(lead.doc_id, "")[lead.start_char : lead.end_char][:240],
                    )
                )
        else:
            for event in list(all_events.values())[:limit]:
                rows.append(
                    (
                        event.id[:8],
                        f"{event.type} {event.mode or ''}".strip(),
                        event.date.start if event.date else "",
                        "",
                        event.source_text or "",
                        event.status,
                        "1",
                        texts.get(event.doc_id, "")[event.start_char : event.end_char][:240],
                    )
                )
        for row in rows:
            table.add_row(*(escape(cell) for cell in row))
        out.print(table)


@app.command()
def disagreements(
    db: DbOption = DEFAULT_DB,
    kind: Annotated[
        str | None, typer.Option(help="Only this kind: numeric, framing or event.")
    ] = None,
    limit: Annotated[int, typer.Option(help="Most disagreements to show.")] = 50,
    about: Annotated[
        str | None, typer.Option(help="Only those whose subject contains this text.")
    ] = None,
) -> None:
    """List where sources disagree: numbers, framing, and the facts of merged events.

    A numeric side shows its number, then its sentence.

    Example: zenobia disagreements --kind numeric --about killed --db palmyra.db
    """
    _require(db)
    with open_corpus(db) as corpus:
        found = list(corpus.store.disagreements(kind))
        wanted = {s.claim for d in found for s in d.sides if s.claim}
        numbers = {c.id: c.text for c in corpus.store.claims() if c.id in wanted}
    if about is not None:
        found = [d for d in found if about.casefold() in d.about.casefold()]
    for disagreement in found[:limit]:
        out.print(f"[bold]{disagreement.kind}[/] about [cyan]{escape(disagreement.about)}[/]")
        for side in disagreement.sides:
            number = numbers.get(side.claim or "")
            value = f"[bold yellow]{escape(number)}[/] " if number else ""
            out.print(f"  [dim]{side.document}[/] {value}{escape(side.text)}", soft_wrap=True)
    if not found:
        err.print("no disagreement found")


def _require(db: Path) -> None:
    if not db.exists():
        raise ZenobiaError(
            f"no store at {db}",
            why="nothing was analysed into it",
            fix="run `zenobia analyze PATH`",
        )


def main() -> None:
    """Entry point: run the app; a ZenobiaError is one line on stderr (a traceback with --debug)."""
    try:
        app()
    except ZenobiaError as error:
        if _state["debug"]:
            raise
        err.print(f"[red]error:[/] {error}", highlight=False, soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
