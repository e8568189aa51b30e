"""The `zenobia` command: a thin layer over the library that parses, calls and prints.

One module per group of commands: `analysis` (analyze, resolve, stats), `listings` (events,
documents, quotes, claims, disagreements), `catalog` (actors, places), `details` (actor,
document, event), `publishing` (export, report, serve, search), `scale` (analyze --engine
spark, load); `_common` holds what they
share, `_output` how a listing prints (table, whole piped rows, JSON, CSV).
"""

from __future__ import annotations

import sqlite3
import sys

import typer
from rich.text import Text

from zenobia._terminal import plain
from zenobia.cli import analysis, catalog, details, listings, publishing, scale
from zenobia.cli._common import _state as state
from zenobia.cli._common import app, err, out
from zenobia.errors import ZenobiaError

__all__ = [
    "analysis",
    "app",
    "catalog",
    "details",
    "err",
    "listings",
    "main",
    "out",
    "publishing",
    "scale",
]


def main(args: list[str] | None = None) -> None:
    """Entry point: run the app; errors are one line on stderr (a traceback with --debug).

    A `ZenobiaError` (or any other error) exits 1, a mistyped command line (unknown option,
    bad value, an argument that is not UTF-8) exits 2, Ctrl-C exits 130.
    """
    given = sys.argv[1:] if args is None else args
    state["debug"] = "--debug" in given
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
        if state["debug"]:
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
        if state["debug"]:
            raise
        _fail(str(error), code=1)
    except sqlite3.Error as error:
        if state["debug"]:
            raise
        _fail(
            f"the store cannot be read or written ({error}). Fix: check the --db file and that"
            " no other program holds it; run with --debug for the details",
            code=1,
        )
    except Exception as error:
        if state["debug"]:
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
