"""`python -m bench.eval.calibrate JUDGED.jsonl [...]`: fit zenobia's confidence table on `tune`.

Every fact zenobia exports carries a `confidence_basis` (the path that decided it) and a
`confidence` read from `zenobia/data/confidence.csv` (`zenobia.confidence`). This script
rewrites that table, and the default thresholds in `confidence_thresholds.csv`, from facts an
evaluation row judged on the `tune` part of its corpus.

Input: JSON Lines, one judged fact a line::

    {"kind": "quote", "basis": "quote:direct:speaker=name:cue=verb", "right": true,
     "corpus": "polnear", "part": "tune"}

- `basis`: the fact's `confidence_basis` exactly as the JSON export gives it (for an event
  record, the record's own; for a place, the place record's; for an actor's mention, the
  mention's);
- `kind`: the basis's first segment (`event`, `cluster`, `quote`, `stance`, `claim`,
  `mention`, `place`, `merge`, `disagreement`), repeated so that a line reads on its own;
- `right`: whether the row's gold says the fact is right (for a quote, the quote and its
  speaker; for an event, its type; for a place, within the row's distance);
- `corpus` (optional): named in the fitted rows' `source`;
- `part` (optional): must be `tune` when given: calibration never reads `check`.

A row writes these lines with `write_judgements` (one file per row and part), after matching
zenobia's facts to its gold. Facts zenobia missed are not judged here: confidence is about the
facts zenobia states.

Output: `confidence.csv` with every basis prefix the judgements reached (right, total, the
smoothed confidence; see `zenobia.confidence.fit_table`) and the prior rows they did not
reach; `confidence_thresholds.csv` with, per kind, the lowest confidence at which the judged
facts above it are right at least 85 % of the time. Then a summary per kind, and the
reliability of the fitted confidences on the same facts (in-sample: read the check part's
reliability in `bench/EVAL.md` for the honest figure).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from bench.eval.core import ROOT, reliability_bins
from zenobia.confidence import (
    TARGET_PRECISION,
    ConfidenceTable,
    Judgement,
    choose_thresholds,
    fit_table,
    kind_of,
    read_confidence_table,
    write_confidence_table,
)

DATA_DIR = ROOT / "zenobia" / "data"


def write_judgements(path: Path, judgements: Iterable[Judgement], *, part: str = "tune") -> Path:
    """Write judged facts as the JSON Lines `calibrate` reads (what a row calls)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for j in judgements:
            line = {"kind": j.kind, "basis": j.basis, "right": j.is_right, "part": part}
            if j.corpus:
                line["corpus"] = j.corpus
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


def read_judgements(paths: Sequence[Path]) -> list[Judgement]:
    """The judged facts of `paths`.

    Raises:
        ValueError: A line is not a judged fact of `tune` (its file and line number said).
    """
    found: list[Judgement] = []
    for path in paths:
        with path.open(encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record = json.loads(line)
                    basis, right = str(record["basis"]), record["right"]
                    kind = str(record.get("kind") or kind_of(basis))
                except (json.JSONDecodeError, KeyError, TypeError) as err:
                    raise ValueError(f"{where}: not a judged fact ({err})") from err
                if not isinstance(right, bool):
                    raise ValueError(f"{where}: `right` must be true or false")
                if record.get("part", "tune") != "tune":
                    raise ValueError(f"{where}: calibration reads the tune part only")
                if kind_of(basis) != kind:
                    raise ValueError(f"{where}: basis {basis!r} is not of kind {kind!r}")
                found.append(Judgement(kind, basis, right, str(record.get("corpus") or "")))
    return found


def calibrate(
    judgements: Sequence[Judgement], priors: ConfidenceTable
) -> tuple[ConfidenceTable, str]:
    """The table fitted on `judgements` (with its thresholds) and a summary to print."""
    corpora = sorted({j.corpus for j in judgements if j.corpus})
    source = "tune:" + "+".join(corpora) if corpora else "tune"
    fitted = fit_table(judgements, priors, source=source)
    fitted = replace(fitted, thresholds=choose_thresholds(fitted, judgements, source=source))
    totals = Counter(j.kind for j in judgements)
    rights = Counter(j.kind for j in judgements if j.is_right)
    lines = [f"{'kind':<14}{'facts':>7}{'right':>7}  threshold  precision ≥ it"]
    for kind in fitted.kinds():
        threshold = fitted.thresholds.get(kind)
        precision = "" if threshold is None or threshold.precision is None else threshold.precision
        lines.append(
            f"{kind:<14}{totals[kind]:>7}{rights[kind]:>7}  {fitted.threshold(kind):>9g}"
            f"  {precision}"
        )
    lines.append("")
    lines.append(f"reliability on the same facts (in-sample; target {TARGET_PRECISION:g}):")
    for kind in sorted(totals):
        scored = [
            (fitted.confidence(j.basis) or 0.0, j.is_right) for j in judgements if j.kind == kind
        ]
        for found in reliability_bins(kind, "tune", scored):
            lines.append(
                f"  {kind:<14}[{found.low:.2f}, {found.high:.2f})  {found.right:>5} of"
                f" {found.facts:<5} right ({found.right / found.facts:.2f})"
            )
    return fitted, "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval.calibrate", description=__doc__)
    parser.add_argument("judged", type=Path, nargs="+", help="JSON Lines of judged tune facts")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DATA_DIR,
        help="where confidence.csv and confidence_thresholds.csv are read and rewritten",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the summary, write nothing")
    args = parser.parse_args(argv)
    try:
        judgements = read_judgements(args.judged)
    except (OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if not judgements:
        print("error: no judged fact in the input", file=sys.stderr)
        return 1
    fitted, summary = calibrate(judgements, read_confidence_table(args.data_dir))
    print(summary)
    if not args.dry_run:
        for path in write_confidence_table(fitted, args.data_dir):
            print(f"written {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
