"""Beyond one machine: `analyze --engine spark` into Parquet shards, and `load` of shards."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from zenobia._terminal import plain
from zenobia.cli._common import DbOption, app, err, out
from zenobia.cli.analysis import _print_verdict, _summary_table
from zenobia.corpus import DEFAULT_DB, open_corpus

if TYPE_CHECKING:
    from zenobia.runner import ReadOptions


def analyze_on_spark(
    paths: Sequence[Path],
    *,
    engine: str,
    shards: str | None,
    master: str,
    options: ReadOptions,
    db: Path,
) -> None:
    """`zenobia analyze --engine spark`: the analysis on Spark into `shards`, then a table."""
    from zenobia.scale import run_spark

    if engine != "spark":
        raise typer.BadParameter(f"{engine!r} is not local or spark", param_hint="--engine")
    if shards is None:
        raise typer.BadParameter(
            "--engine spark writes shards: name their folder", param_hint="--shards"
        )
    with err.status(plain(f"analysing on Spark ({master}) into {shards}")):
        written = run_spark(paths, shards, master=master, options=options)
    table = Table(title=plain(f"zenobia analyze --engine spark → {shards}"), show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("records read", str(written.records))
    table.add_row("documents", str(written.documents))
    table.add_row("analysed (duplicates too: decided at load)", str(written.analyzed))
    table.add_row("skipped", str(written.skipped))
    table.add_row("failed", str(written.failed))
    table.add_row("elapsed", f"{written.elapsed_s:.1f} s")
    out.print(table)
    out.print(plain(f"Next: zenobia load {shards} --db {db}"), soft_wrap=True)


@app.command()
def load(
    shards: Annotated[
        Path, typer.Argument(help="The --shards folder of `zenobia analyze --engine spark`.")
    ],
    db: DbOption = DEFAULT_DB,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar (the closing table still shows).")
    ] = False,
) -> None:
    """Merge the Parquet shards of a Spark analysis into the store, then resolve the corpus.

    Records are deduplicated and written as `zenobia analyze` writes its own; loading the same
    shards again adds nothing, and a load cut short resumes where it stopped.

    Example: zenobia load shards/ --db news.db
    """
    with open_corpus(db) as corpus:
        run = corpus.load(shards)
        progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]loading"),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=quiet,
        )
        try:
            with progress:
                task = progress.add_task("load", total=None)
                for step in run:
                    if step.outcome in ("skipped", "failed"):
                        _print_verdict(progress.console, step)
                    progress.update(task, advance=1)
        except KeyboardInterrupt:
            err.print("Interrupted. Re-run the same command to resume.")
            raise typer.Exit(130) from None
        out.print(_summary_table(run.summary, db))
