"""Commands that fill the store and say what it holds: analyze, resolve, stats."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from zenobia.cli._common import (
    MAX_BATCH_SIZE,
    MAX_PROCESSES,
    DbOption,
    _iso_day,
    _reading,
    _state,
    app,
    err,
    out,
)
from zenobia.corpus import DEFAULT_DB, open_corpus
from zenobia.ingest.sources import count_records

if TYPE_CHECKING:
    from zenobia.runner import Progress as ProgressStep
    from zenobia.runner import RunSummary


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
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="The publication day (YYYY-MM-DD) of records that state none of their own "
            "(stored as given by the user; a date inferred from the text comes after it).",
        ),
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
    engine: Annotated[
        str,
        typer.Option(
            help="local: worker processes into --db; spark: Spark partitions into --shards,"
            " which `zenobia load` merges into a store."
        ),
    ] = "local",
    master: Annotated[
        str, typer.Option(help="With --engine spark: local[N], or a cluster (spark://host:7077).")
    ] = "local[2]",
    shards: Annotated[
        str | None,
        typer.Option(
            help="With --engine spark: the folder its Parquet shards go to (a path, or any URL"
            " Spark writes, such as hdfs://…)."
        ),
    ] = None,
) -> None:
    """Analyse every article under PATHS into the store (resumable: re-run to continue).

    A record that fails (any error while reading, cleaning, analysing or storing it) is stored
    as failed with its reason, and the run goes on; `zenobia stats` lists them, and re-runs
    pass over them unless --retry-failed. With --engine spark the analysis runs on Spark and
    writes Parquet shards instead; `zenobia load SHARDS` then merges them into a store.

    Example: zenobia analyze news/ --db news.db (or --published 2021-03-01 for .txt files
    of that day)

    Example: zenobia analyze news/ --engine spark --master local[2] --shards shards/
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
        published=_iso_day(published, "--published"),
    )
    if engine != "local":
        from zenobia.cli.scale import analyze_on_spark  # the module imports this one

        analyze_on_spark(paths, engine=engine, shards=shards, master=master, options=options, db=db)
        return
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

    Example: zenobia stats --db news.db
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

    Example: zenobia resolve --db news.db
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
