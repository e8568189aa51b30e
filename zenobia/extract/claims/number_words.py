"""The vocabularies numeric claims are read with, loaded once per process from `zenobia/data`.

`number_words.csv` (cardinals, scales, fractions, approximate plurals), `claim_qualifiers.csv`
("more than" → min), `units.csv` ("%", "$", "km") and `claim_cues.csv` (words that mark a
number as a code, a duration, an age, page furniture, or that report who said it).
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from zenobia.errors import KnowledgeError
from zenobia.knowledge import DATA_DIR

__all__ = ["NumberLexicon", "Qualifier", "Unit", "load_number_lexicon"]


Qualifier = Literal["min", "max", "approx", "exact"]
_QUALIFIERS: Final = frozenset({"min", "max", "approx", "exact"})


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of measure or a currency: its normalised name and its kind ("money")."""

    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """Everything the claim finder looks words up in; keys are lower-case token texts.

    Multi-word entries (qualifiers, units) are keyed by tuples of lower-case tokens.
    """

    cardinals: dict[str, float]
    scales: dict[str, float]
    abbreviations: dict[str, float]
    fractions: dict[str, float]
    approximate: dict[str, float]
    qualifiers_before: dict[tuple[str, ...], Qualifier]
    qualifiers_after: dict[tuple[str, ...], Qualifier]
    units_before: dict[tuple[str, ...], Unit]
    units_after: dict[tuple[str, ...], Unit]
    cues: dict[str, frozenset[str]]
    starters: frozenset[str] = frozenset()
    """Lower-case words a number phrase can start with (number words, "a", "an")."""

    def cue(self, kind: str) -> frozenset[str]:
        """The words of one cue kind of `claim_cues.csv` (empty when the kind is unknown)."""
        return self.cues.get(kind, frozenset())

    def is_number_word(self, word: str) -> bool:
        lower = word.lower()
        return (
            lower in self.cardinals
            or lower in self.scales
            or lower in self.approximate
            or lower in self.fractions
        )


def _rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a CSV whose header comment lines start with '#'."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        body = "".join(line for line in lines if not line.startswith("#"))
        reader = csv.DictReader(io.StringIO(body))
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise KnowledgeError(
                f"cannot read {path}",
                why=f"missing column(s) {', '.join(missing)}",
                fix=f"restore {path.name} from the zenobia repository",
            )
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise KnowledgeError(
            f"cannot read {path}",
            why=f"{type(err).__name__}: {err}",
            fix=f"restore {path.name} from the zenobia repository",
        ) from err


def _qualifier(value: str, path: Path) -> Qualifier:
    if value == "min":
        return "min"
    if value == "max":
        return "max"
    if value == "approx":
        return "approx"
    if value == "exact":
        return "exact"
    raise KnowledgeError(
        f"cannot read {path}",
        why=f"unknown qualifier {value!r} (expected one of {sorted(_QUALIFIERS)})",
        fix=f"restore {path.name} from the zenobia repository",
    )


@functools.cache
def load_number_lexicon(data_dir: Path = DATA_DIR) -> NumberLexicon:
    """Read the four claim vocabularies (once per process for the packaged files).

    Args:
        data_dir: A folder with `number_words.csv`, `claim_qualifiers.csv`, `units.csv` and
            `claim_cues.csv`.

    Returns:
        The lexicon.

    Raises:
        KnowledgeError: A file is missing or malformed.
    """
    words: dict[str, dict[str, float]] = {}
    path = data_dir / "number_words.csv"
    for row in _rows(path, ("word", "kind", "value")):
        try:
            words.setdefault(row["kind"], {})[row["word"].lower()] = float(row["value"])
        except ValueError as err:
            raise KnowledgeError(
                f"cannot read {path}",
                why=f"value {row['value']!r} of {row['word']!r} is not a number",
                fix=f"restore {path.name} from the zenobia repository",
            ) from err
    before: dict[tuple[str, ...], Qualifier] = {}
    after: dict[tuple[str, ...], Qualifier] = {}
    path = data_dir / "claim_qualifiers.csv"
    for row in _rows(path, ("phrase", "position", "qualifier")):
        target = after if row["position"] == "after" else before
        target[tuple(row["phrase"].lower().split())] = _qualifier(row["qualifier"], path)
    units_before: dict[tuple[str, ...], Unit] = {}
    units_after: dict[tuple[str, ...], Unit] = {}
    for row in _rows(data_dir / "units.csv", ("surface", "position", "unit", "kind")):
        units = units_before if row["position"] == "before" else units_after
        units[tuple(row["surface"].lower().split())] = Unit(row["unit"], row["kind"])
    cues: dict[str, set[str]] = {}
    for row in _rows(data_dir / "claim_cues.csv", ("word", "kind")):
        cues.setdefault(row["kind"], set()).add(row["word"].lower())
    starters = {"a", "an"}
    for kind in ("cardinal", "scale", "fraction", "approximate"):
        starters.update(words.get(kind, {}))
    return NumberLexicon(
        starters=frozenset(starters),
        cardinals=words.get("cardinal", {}),
        scales=words.get("scale", {}),
        abbreviations=words.get("abbreviation", {}),
        fractions=words.get("fraction", {}),
        approximate=words.get("approximate", {}),
        qualifiers_before=before,
        qualifiers_after=after,
        units_before=units_before,
        units_after=units_after,
        cues={kind: frozenset(found) for kind, found in cues.items()},
    )
