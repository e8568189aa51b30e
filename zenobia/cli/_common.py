"""What every command shares: the app, the consoles, the common options, reading a store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from zenobia._terminal import plain
from zenobia._version import __version__
from zenobia.confidence import ConfidenceFloor
from zenobia.corpus import Corpus, open_corpus
from zenobia.query import parse_day

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


def _confidence_cell(confidence: float | None) -> str:
    """A confidence as a listing shows it: two decimals, or nothing when there is none."""
    return "" if confidence is None else f"{confidence:.2f}"


def _day(value: str | None, option: str) -> date | None:
    """A --since or --until day, or None when not given (an unreadable day: one line)."""
    if value is None:
        return None
    return parse_day(value, option=option)


LimitOption = Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Most rows to show.")]
ActorFilter = Annotated[
    str | None, typer.Option("--actor", help="Only rows naming an actor whose name contains this.")
]
PlaceFilter = Annotated[
    str | None, typer.Option("--place", help="Only rows at a place whose name contains this.")
]
OutletFilter = Annotated[
    str | None,
    typer.Option(
        "--outlet", help="Only rows from documents of an outlet whose name contains this."
    ),
]
SinceFilter = Annotated[
    str | None, typer.Option("--since", help="Only from this day on (YYYY-MM-DD, included).")
]
UntilFilter = Annotated[
    str | None, typer.Option("--until", help="Only up to this day (YYYY-MM-DD, included).")
]


def _iso_day(value: str | None, option: str) -> str | None:
    """A day option as YYYY-MM-DD, or None when not given (an unreadable day: one line)."""
    day = _day(value, option)
    return day.isoformat() if day else None
