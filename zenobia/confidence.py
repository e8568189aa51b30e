"""How sure zenobia is of each fact: a calibrated confidence read from how the fact was decided.

Every fact record carries a `confidence_basis`: a short, stable key naming the path that
decided it, kind first, then ever finer features, separated by ":"
(`event:main:verb:source+target:asserted`, `quote:direct:speaker=name:cue=verb`,
`mention:link=surname`, `place:context-country:city`). `data/confidence.csv` holds, for keys
and their prefixes, how many facts with that basis were right on the `tune` part of annotated
corpora, and the confidence that gives. A fact's confidence is the table's confidence for the
longest prefix of its basis the table holds: a basis never seen backs off to a coarser one.

`data/confidence_thresholds.csv` holds, per kind, the lowest confidence at which the facts of
that kind shown by default are right at least `TARGET_PRECISION` of the time; listings and
the PLOVER export show only facts at or above it unless told otherwise.

Notes:
    Fitting (`fit_table`, run by `bench/eval/calibrate.py` on (kind, basis, right) triples) is
    hierarchical additive smoothing, the m-estimate of Cestnik (1990) applied down a backoff
    chain as in Katz backoff: a basis's confidence is `(right + a·p) / (total + a)`, where `a`
    is `SMOOTHING_WEIGHT` and `p` the basis's own stated prior when the table gives one, else
    the confidence of its parent prefix. A basis seen a few times stays near its parent; one
    seen often speaks for itself. Until fitted, rows are priors (`source` "prior").
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Final

from zenobia.errors import KnowledgeError
from zenobia.knowledge import DATA_DIR, read_table
from zenobia.model import DocumentAnalysis

__all__ = [
    "DEFAULT_PRIOR",
    "PRIOR_THRESHOLD",
    "SMOOTHING_WEIGHT",
    "TARGET_PRECISION",
    "ConfidenceFloor",
    "ConfidenceRow",
    "ConfidenceTable",
    "Judgement",
    "Threshold",
    "choose_thresholds",
    "fit_table",
    "is_shown",
    "kind_of",
    "load_confidence_table",
    "prefixes",
    "read_confidence_table",
    "score_analysis",
    "write_confidence_table",
]

SEPARATOR: Final = ":"
"""Between the segments of a basis; a segment never holds one."""

TABLE_FILE: Final = "confidence.csv"
THRESHOLDS_FILE: Final = "confidence_thresholds.csv"
TABLE_COLUMNS: Final = ("kind", "basis", "prior", "right", "total", "confidence", "source")
THRESHOLD_COLUMNS: Final = ("kind", "min_confidence", "precision", "facts", "source")

SMOOTHING_WEIGHT: Final = 10.0
"""The pseudo-count `a` of the smoothing: a basis needs about ten judged facts before its own
rate weighs as much as its parent's (the usual order of magnitude for the m-estimate)."""

DEFAULT_PRIOR: Final = 0.5
"""The confidence of a basis whose kind the table does not know at all: as likely right as not."""

TARGET_PRECISION: Final = 0.85
"""Facts shown by default must be right at least this often (on `tune`)."""

PRIOR_THRESHOLD: Final = 0.5
"""The default threshold of a kind not yet fitted: its priors are not calibrated, so the
precision target cannot be computed; until then the defaults hide only facts the priors rate
more likely wrong than right."""

MIN_THRESHOLD_FACTS: Final = 30
"""A kind with fewer judged facts keeps its previous threshold: below ~30 a precision estimate
moves by more than ±0.1 with one fact."""


@dataclass(frozen=True, slots=True)
class ConfidenceRow:
    """One basis of the table: its stated prior (if any), how many tune facts with it were
    right, and the confidence that gives (`source`: "prior" until fitted, else the tune sets)."""

    kind: str
    basis: str
    prior: float | None
    right: int
    total: int
    confidence: float
    source: str


@dataclass(frozen=True, slots=True)
class Threshold:
    """The default minimum confidence of one kind, with the tune precision it gave (if fitted)."""

    kind: str
    min_confidence: float
    precision: float | None = None
    facts: int = 0
    source: str = "prior"


@dataclass(frozen=True, slots=True)
class Judgement:
    """One fact an evaluation judged: its kind, its basis, and whether it was right."""

    kind: str
    basis: str
    is_right: bool
    corpus: str = ""


def prefixes(basis: str) -> list[str]:
    """The basis and every coarser prefix of it, coarsest first ("a", "a:b", "a:b:c")."""
    parts = basis.split(SEPARATOR)
    return [SEPARATOR.join(parts[: i + 1]) for i in range(len(parts))]


def kind_of(basis: str) -> str:
    """The kind a basis names: its first segment ("event" of "event:verb:asserted")."""
    return basis.split(SEPARATOR, 1)[0]


@dataclass(frozen=True, slots=True)
class ConfidenceTable:
    """Confidence by basis, and the default threshold of each kind; build it once per process.

    Args:
        rows: basis → row.
        thresholds: kind → threshold; a kind absent here has `PRIOR_THRESHOLD`.
    """

    rows: Mapping[str, ConfidenceRow]
    thresholds: Mapping[str, Threshold] = field(default_factory=dict)

    def confidence(self, basis: str | None) -> float | None:
        """The confidence of a fact decided by `basis`; None when it has no basis.

        The longest prefix of `basis` the table holds gives it; a kind the table lacks
        gives `DEFAULT_PRIOR`.
        """
        if basis is None:
            return None
        for prefix in reversed(prefixes(basis)):
            row = self.rows.get(prefix)
            if row is not None:
                return row.confidence
        return DEFAULT_PRIOR

    def threshold(self, kind: str) -> float:
        """The default minimum confidence of facts of `kind`."""
        found = self.thresholds.get(kind)
        return PRIOR_THRESHOLD if found is None else found.min_confidence

    def kinds(self) -> list[str]:
        """Every kind with a row or a threshold, sorted."""
        return sorted({row.kind for row in self.rows.values()} | set(self.thresholds))

    @property
    def is_fitted(self) -> bool:
        """Whether any row was fitted on judged facts (else every value is a prior)."""
        return any(row.total for row in self.rows.values())

    def fingerprint(self) -> str:
        """A short hash of every basis's confidence: it changes when the table is refitted."""
        blob = "\n".join(f"{b}\t{r.confidence!r}" for b, r in sorted(self.rows.items()))
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def is_shown(confidence: float | None, min_confidence: float) -> bool:
    """Whether a fact passes a minimum confidence; a fact stored before confidences existed
    (None) always does: nothing is known against it."""
    return confidence is None or confidence >= min_confidence


@dataclass(frozen=True, slots=True)
class ConfidenceFloor:
    """Which facts a listing or an export shows: those at or above a minimum per kind.

    `by_kind` holds each kind's minimum; `default` applies to kinds absent there, and to every
    kind when one minimum was asked for.
    """

    by_kind: Mapping[str, float]
    default: float

    @staticmethod
    def of(table: ConfidenceTable, min_confidence: float | None = None) -> ConfidenceFloor:
        """The table's default thresholds, or `min_confidence` for every kind when given
        (0.0 shows everything)."""
        if min_confidence is not None:
            return ConfidenceFloor(MappingProxyType({}), min_confidence)
        thresholds = {kind: table.threshold(kind) for kind in table.kinds()}
        return ConfidenceFloor(MappingProxyType(thresholds), PRIOR_THRESHOLD)

    def minimum(self, kind: str) -> float:
        """The least confidence a fact of `kind` needs to be shown."""
        return self.by_kind.get(kind, self.default)

    def keeps(self, confidence: float | None, basis: str | None) -> bool:
        """Whether the fact with this confidence and basis is shown."""
        return is_shown(confidence, self.minimum(kind_of(basis)) if basis else self.default)

    @property
    def is_everything(self) -> bool:
        """Whether every fact is shown, whatever its confidence."""
        return self.default <= 0.0 and all(v <= 0.0 for v in self.by_kind.values())

    def describe(self, kinds: Iterable[str]) -> str:
        """The minimum for `kinds`, as a listing says it: "0.5", or "0.5 (event), 0.6 (cluster)"."""
        values = {kind: self.minimum(kind) for kind in kinds}
        if len(set(values.values())) <= 1:
            return f"{next(iter(values.values()), self.default):g}"
        return ", ".join(f"{value:g} ({kind})" for kind, value in values.items())


# --- fitting ------------------------------------------------------------------------------------


def fit_table(
    judgements: Iterable[Judgement],
    priors: ConfidenceTable,
    *,
    smoothing: float = SMOOTHING_WEIGHT,
    source: str = "tune",
) -> ConfidenceTable:
    """A table fitted on judged facts, starting from the stated priors of `priors`.

    Args:
        judgements: Facts judged on a `tune` part, each with its basis.
        priors: The current table; only its rows' `prior` values are read (so refitting on
            the same judgements gives the same table).
        smoothing: The pseudo-count `a` (see the module notes).
        source: What the fitted rows' `source` says (the tune sets they came from).

    Returns:
        Every basis prefix the judgements reached, fitted, plus the prior rows they did not
        reach, unchanged; thresholds are those of `priors` (see `choose_thresholds`).

    Raises:
        ValueError: A judgement's kind is not its basis's first segment.
    """
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for judgement in judgements:
        if kind_of(judgement.basis) != judgement.kind:
            raise ValueError(
                f"basis {judgement.basis!r} does not start with its kind {judgement.kind!r}"
            )
        for prefix in prefixes(judgement.basis):
            counts[prefix][0] += int(judgement.is_right)
            counts[prefix][1] += 1
    stated = {basis: row.prior for basis, row in priors.rows.items() if row.prior is not None}
    rows: dict[str, ConfidenceRow] = {}
    for basis in sorted(set(counts) | set(stated), key=lambda b: (b.count(SEPARATOR), b)):
        right, total = counts.get(basis, (0, 0))
        own = stated.get(basis)
        prior = own if own is not None else _parent_confidence(basis, rows)
        rows[basis] = ConfidenceRow(
            kind=kind_of(basis),
            basis=basis,
            prior=own,
            right=right,
            total=total,
            confidence=round((right + smoothing * prior) / (total + smoothing), 4),
            source=source if total else "prior",
        )
    return ConfidenceTable(rows=MappingProxyType(rows), thresholds=priors.thresholds)


def _parent_confidence(basis: str, rows: Mapping[str, ConfidenceRow]) -> float:
    for prefix in reversed(prefixes(basis)[:-1]):
        row = rows.get(prefix)
        if row is not None:
            return row.confidence
    return DEFAULT_PRIOR


def choose_thresholds(
    table: ConfidenceTable,
    judgements: Iterable[Judgement],
    *,
    target: float = TARGET_PRECISION,
    min_facts: int = MIN_THRESHOLD_FACTS,
    source: str = "tune",
) -> dict[str, Threshold]:
    """Per kind, the lowest confidence whose facts at or above it are right `target` of the time.

    Args:
        table: The fitted table (it gives each judged fact its confidence).
        judgements: The judged facts of `tune`.
        target: The precision the facts shown by default must reach.
        min_facts: A kind with fewer judged facts keeps the threshold `table` has.
        source: What a fitted threshold's `source` says.

    Returns:
        kind → threshold, for every kind of `table` and of the judgements. A threshold is never
        above `target`: confidences are calibrated, so a fact stated at `target` or more is
        right at least that often even when no judged fact of its basis was that low (merged
        events judged all right at 0.99 must not hide those stated at 0.9). A kind whose most
        confident judged facts miss the target gets `target` itself.

    Notes:
        Facts are sorted by confidence, highest first; the cumulative precision is read at
        the end of each group of equal confidence, and the threshold is the lowest group's
        confidence where it is still ≥ `target` (the most facts shown at that precision).
    """
    by_kind: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for judgement in judgements:
        confidence = table.confidence(judgement.basis)
        by_kind[judgement.kind].append((confidence or 0.0, judgement.is_right))
    chosen = dict(table.thresholds)
    for kind, scored in by_kind.items():
        if len(scored) < min_facts:
            continue
        scored.sort(key=lambda pair: -pair[0])
        best: Threshold | None = None
        right = 0
        for index, (confidence, is_right) in enumerate(scored):
            right += int(is_right)
            group_ends = index + 1 == len(scored) or scored[index + 1][0] != confidence
            precision = right / (index + 1)
            if group_ends and precision >= target:
                best = Threshold(
                    kind, min(confidence, target), round(precision, 4), index + 1, source
                )
        chosen[kind] = best or Threshold(kind, target, None, 0, source)
    return chosen


# --- the data files -----------------------------------------------------------------------------


def read_confidence_table(data_dir: Path | None = None) -> ConfidenceTable:
    """The confidence table and thresholds in `data_dir` (the packaged data when None).

    Raises:
        KnowledgeError: A file is missing, lacks a column or holds a malformed number.
    """
    folder = data_dir if data_dir is not None else DATA_DIR
    rows: dict[str, ConfidenceRow] = {}
    table_path = folder / TABLE_FILE
    try:
        for cells in read_table(table_path, TABLE_COLUMNS):
            basis = cells["basis"]
            rows[basis] = ConfidenceRow(
                kind=cells["kind"] or kind_of(basis),
                basis=basis,
                prior=_unit(cells["prior"]) if cells["prior"] else None,
                right=int(cells["right"] or 0),
                total=int(cells["total"] or 0),
                confidence=_unit(cells["confidence"]),
                source=cells["source"] or "prior",
            )
        thresholds: dict[str, Threshold] = {}
        thresholds_path = folder / THRESHOLDS_FILE
        for cells in read_table(thresholds_path, THRESHOLD_COLUMNS):
            kind = cells["kind"]
            thresholds[kind] = Threshold(
                kind=kind,
                min_confidence=_unit(cells["min_confidence"]),
                precision=_unit(cells["precision"]) if cells["precision"] else None,
                facts=int(cells["facts"] or 0),
                source=cells["source"] or "prior",
            )
    except ValueError as err:
        raise KnowledgeError(
            f"cannot read the confidence table in {folder}",
            why=str(err),
            fix="restore confidence.csv and confidence_thresholds.csv, or run calibrate again",
        ) from err
    return ConfidenceTable(rows=MappingProxyType(rows), thresholds=MappingProxyType(thresholds))


def _unit(cell: str) -> float:
    value = float(cell)
    if not 0.0 <= value <= 1.0 or math.isnan(value):
        raise ValueError(f"{cell!r} is not a number in [0, 1]")
    return value


TABLE_HEADER: Final = """\
# How sure zenobia is of each fact, by the path that decided it (zenobia.confidence).
# basis: the key a fact record carries in `confidence_basis`; a fact takes the confidence of
# the longest prefix of its basis listed here. prior: a stated prior (see SOURCES.md), or
# empty to inherit the parent's confidence. right/total: tune facts judged with this basis
# or a finer one. confidence = (right + 10 * prior) / (total + 10). source: "prior" until
# fitted, else the tune sets. Rewritten by `python -m bench.eval.calibrate`: edit priors only.
"""

THRESHOLDS_HEADER: Final = """\
# The default minimum confidence of each kind of fact (zenobia.confidence): listings and the
# PLOVER export show facts at or above it unless told --all or --min-confidence. Fitted: the
# lowest confidence at which the tune facts above it are right >= 85 % of the time (precision,
# facts). Prior (not yet fitted): 0.5. Rewritten by `python -m bench.eval.calibrate`.
"""


def write_confidence_table(table: ConfidenceTable, data_dir: Path) -> tuple[Path, Path]:
    """Write `table` as `confidence.csv` and `confidence_thresholds.csv` into `data_dir`."""
    table_path = data_dir / TABLE_FILE
    lines = [TABLE_HEADER + ",".join(TABLE_COLUMNS)]
    for basis in sorted(table.rows):
        row = table.rows[basis]
        prior = "" if row.prior is None else f"{row.prior:g}"
        lines.append(
            f"{row.kind},{basis},{prior},{row.right},{row.total},{row.confidence:g},{row.source}"
        )
    table_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    thresholds_path = data_dir / THRESHOLDS_FILE
    lines = [THRESHOLDS_HEADER + ",".join(THRESHOLD_COLUMNS)]
    for kind in table.kinds():
        found = table.thresholds.get(kind) or Threshold(kind, PRIOR_THRESHOLD)
        precision = "" if found.precision is None else f"{found.precision:g}"
        lines.append(f"{kind},{found.min_confidence:g},{precision},{found.facts},{found.source}")
    thresholds_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return table_path, thresholds_path


@functools.cache
def load_confidence_table() -> ConfidenceTable:
    """The packaged confidence table, read once per process."""
    return read_confidence_table()


# --- scoring a document's facts -----------------------------------------------------------------


def score_analysis(analysis: DocumentAnalysis, table: ConfidenceTable) -> DocumentAnalysis:
    """The analysis with every fact's `confidence` set from its `confidence_basis`.

    Mentions get two: the confidence of their actor link, and `place_confidence` of their
    geocoding (from `place_basis`), so call this after `geocode_analysis`.
    """
    cache: dict[str | None, float | None] = {}

    def of(basis: str | None) -> float | None:
        if basis not in cache:
            cache[basis] = table.confidence(basis)
        return cache[basis]

    return replace(
        analysis,
        mentions=tuple(
            replace(m, confidence=of(m.confidence_basis), place_confidence=of(m.place_basis))
            for m in analysis.mentions
        ),
        events=tuple(replace(e, confidence=of(e.confidence_basis)) for e in analysis.events),
        quotes=tuple(replace(q, confidence=of(q.confidence_basis)) for q in analysis.quotes),
        claims=tuple(replace(c, confidence=of(c.confidence_basis)) for c in analysis.claims),
        stances=tuple(replace(s, confidence=of(s.confidence_basis)) for s in analysis.stances),
    )
