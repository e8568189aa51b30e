"""`python -m bench.eval [--only quotes,stance,...] [--full] [--sample N]`: score every row.

Prints one table and writes `bench/EVAL.md`: the date, the machine, the commit, every figure of
both parts beside its baseline, how many documents were analysed, skipped and failed, and the
reliability of the stated confidences.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench.eval.core import ROOT, RowReport, Settings
from bench.eval.report import render_markdown, render_table

ROWS = ("quotes", "stance", "geoparse", "incidents", "entities", "plover")
"""Every row, in the order of the table; each is the module `bench.eval.<row>`."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval", description=__doc__)
    parser.add_argument("--only", help="comma-separated rows (default: all): " + ",".join(ROWS))
    parser.add_argument("--full", action="store_true", help="every document of every part")
    parser.add_argument("--sample", type=int, default=None, help="documents per part and row")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "EVAL.md")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out" / "eval")
    args = parser.parse_args(argv)

    rows = tuple(args.only.split(",")) if args.only else ROWS
    unknown = [row for row in rows if row not in ROWS]
    if unknown:
        parser.error(f"unknown rows {', '.join(unknown)}; choose from {', '.join(ROWS)}")
    reports: dict[str, RowReport] = {}
    seconds: dict[str, float] = {}
    for row in rows:
        size = None if args.full else args.sample or _default_sample(row)
        settings = Settings(workdir=args.workdir / row, sample=size, processes=args.processes)
        module = importlib.import_module(f"bench.eval.{row}")
        started = time.perf_counter()
        print(f"[eval] {row} …", file=sys.stderr, flush=True)
        reports[row] = module.evaluate(settings)
        seconds[row] = time.perf_counter() - started
        print(f"[eval] {row} done in {seconds[row]:.0f} s", file=sys.stderr, flush=True)

    print(render_table(reports))
    if not args.no_write:
        context = {
            "date": dt.date.today().isoformat(),
            "machine": _machine(),
            "commit": _commit(),
            "command": " ".join(["python -m bench.eval", *(argv or sys.argv[1:])]),
            "seconds": seconds,
        }
        args.out.write_text(render_markdown(reports, context), encoding="utf-8")
        print(f"written {args.out}", file=sys.stderr)
    return 0


def _default_sample(row: str) -> int:
    module = importlib.import_module(f"bench.eval.{row}")
    return int(getattr(module, "DEFAULT_SAMPLE", 60))


def _machine() -> str:
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass
    return (
        f"{platform.machine()}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"
    )


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    except OSError:
        return "unknown"
    return out.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


if __name__ == "__main__":
    raise SystemExit(main())
