"""The evaluation table, for the terminal and for `bench/EVAL.md`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bench.eval.core import Figure, RowReport


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}" if abs(value) < 10 else f"{value:,.1f}"


def _gain(figure: Figure) -> str:
    if figure.zenobia is None or figure.baseline is None:
        return "-"
    return (
        f"{figure.zenobia - figure.baseline:+.3f}"
        if abs(figure.zenobia) < 10
        else (f"{figure.zenobia - figure.baseline:+,.1f}")
    )


def _ordered(reports: Mapping[str, RowReport]) -> list[Figure]:
    figures = [figure for report in reports.values() for figure in report.figures]
    return sorted(figures, key=lambda f: (f.part != "check",))


def render_table(reports: Mapping[str, RowReport]) -> str:
    """A plain-text table: one line per figure, the check part first."""
    header = ("row", "metric", "part", "zenobia", "baseline", "gain", "n")
    lines = [header]
    for figure in _ordered(reports):
        lines.append(
            (
                figure.row,
                figure.metric,
                figure.part,
                _number(figure.zenobia),
                _number(figure.baseline),
                _gain(figure),
                str(figure.n),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in lines
    )


def render_markdown(reports: Mapping[str, RowReport], context: Mapping[str, Any]) -> str:
    """`bench/EVAL.md`: context, the figures (check part, then tune), coverage, reliability."""
    out = [
        "# Evaluation on real annotated news",
        "",
        f"- date: {context['date']}",
        f"- machine: {context['machine']}",
        f"- commit: {context['commit']}",
        f"- command: `{context['command']}` (from the repository root, inside `.venv`)",
        "- time per row: "
        + ", ".join(f"{row} {seconds:.0f} s" for row, seconds in context["seconds"].items()),
        "",
        "Each corpus is split once by a hash of its document ids (`bench/eval/split.py`) into",
        "`tune` (about 60 %: errors are read and rules written from it) and `check` (about 40 %:",
        "scored, never read). **The check figure is the one that counts.** The baseline runs in",
        "the same evaluation on the same texts; `gain` is zenobia minus baseline.",
        "",
    ]
    for part in ("check", "tune"):
        out += [
            f"## {part} part",
            "",
            "| row | metric | zenobia | baseline | gain | n | note |",
            "|---|---|---|---|---|---|---|",
        ]
        for report in reports.values():
            for figure in report.figures:
                if figure.part != part:
                    continue
                out.append(
                    f"| {figure.row} | {figure.metric} | {_number(figure.zenobia)} | "
                    f"{_number(figure.baseline)} | {_gain(figure)} | {figure.n} | {figure.note} |"
                )
        out.append("")
    out += [
        "## Documents",
        "",
        "| corpus | part | records | analysed | skipped | failed | duplicates |",
        "|---|---|---|---|---|---|---|",
    ]
    for report in reports.values():
        for c in report.coverage:
            out.append(
                f"| {c.corpus} | {c.part} | {c.records} | {c.analysed} | {c.skipped} | "
                f"{c.failed} | {c.duplicates} |"
            )
    out.append("")
    bins = [b for report in reports.values() for b in report.reliability]
    if bins:
        out += [
            "## Reliability of the stated confidence",
            "",
            "Of the facts given a confidence in a bin, the share that was right.",
            "",
            "| fact | part | confidence | facts | right | observed |",
            "|---|---|---|---|---|---|",
        ]
        for b in bins:
            observed = b.right / b.facts if b.facts else 0.0
            out.append(
                f"| {b.kind} | {b.part} | {b.low:.2f} to {b.high:.2f} | {b.facts} | {b.right} | "
                f"{observed:.2f} |"
            )
        out.append("")
    notes = [(row, note) for row, report in reports.items() for note in report.notes]
    if notes:
        out += ["## Notes", ""]
        out += [f"- **{row}**: {note}" for row, note in notes]
        out.append("")
    return "\n".join(out)
