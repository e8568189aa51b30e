"""The stance lexicon and its shifters, read once per process from `zenobia/data/`.

`stance_lexicon.csv` lists evaluative words (term, part of speech, polarity -1..+1, category);
`stance_shifters.csv` lists the words that change a cue's weight or say whose voice it is
(negators, intensifiers, diminishers, contrast and hypothetical markers, speech and
perpetration verbs, first-person pronouns). Both are described in `zenobia/data/SOURCES.md`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from zenobia.errors import KnowledgeError
from zenobia.knowledge import DATA_DIR, read_table

__all__ = ["JUDGEMENT_CATEGORIES", "CueEntry", "StanceLexicon", "load_stance_lexicon"]


CATEGORIES: Final = frozenset(
    {
        "evaluative_adjective",
        "evaluative_noun",
        "evaluative_adverb",
        "atrocity_noun",
        "vice_noun",
        "virtue_noun",
        "benefit_noun",
        "legitimacy_noun",
        "accusation_verb",
        "praise_verb",
        "deed_verb",
    }
)
JUDGEMENT_CATEGORIES: Final = frozenset({"accusation_verb", "praise_verb"})
"""Verbs whose subject judges their object ("X condemned Y"): the subject holds the stance."""
SHIFTER_KINDS: Final = frozenset(
    {
        "negator",
        "intensifier",
        "diminisher",
        "contrast",
        "hypothetical",
        "speech",
        "perpetration",
        "first_person",
    }
)


@dataclass(frozen=True, slots=True)
class CueEntry:
    """One lexicon row: `lemmas` is the term split into lower-case lemmas."""

    lemmas: tuple[str, ...]
    pos: str
    polarity: float
    category: str


@dataclass(frozen=True, slots=True)
class StanceLexicon:
    """Cue entries by first lemma (longest phrase first) and shifter words by kind.

    `entries[lemma]` lists every entry whose term starts with `lemma`; `weights` maps
    intensifiers and diminishers to their multipliers; `judgement_lemmas` are the one-word
    verbs of the judgement categories.
    """

    entries: dict[str, tuple[CueEntry, ...]]
    weights: dict[str, float]
    words: dict[str, frozenset[str]]
    judgement_lemmas: frozenset[str]

    def shifters(self, kind: str) -> frozenset[str]:
        """Words of one shifter kind ("negator", "speech", …)."""
        return self.words.get(kind, frozenset())


def load_stance_lexicon(data_dir: Path | None = None) -> StanceLexicon:
    """Read the stance lexicon and shifters; the packaged files are read once per process.

    Args:
        data_dir: A folder with `stance_lexicon.csv` and `stance_shifters.csv`; the packaged
            `zenobia/data` when None.

    Returns:
        The lexicon.

    Raises:
        KnowledgeError: A file is missing, lacks a column or holds an unknown category.
    """
    return _load(DATA_DIR if data_dir is None else data_dir.resolve())


@functools.cache
def _load(data_dir: Path) -> StanceLexicon:
    by_first: dict[str, list[CueEntry]] = {}
    for row in read_table(data_dir / "stance_lexicon.csv", ("term", "pos", "polarity", "category")):
        if row["category"] not in CATEGORIES:
            raise KnowledgeError(
                f"stance_lexicon.csv has an unknown category {row['category']!r}",
                why=f"known categories are {', '.join(sorted(CATEGORIES))}",
                fix="correct the row or add the category to zenobia.extract.stance.lexicon",
            )
        lemmas = tuple(row["term"].casefold().split())
        entry = CueEntry(lemmas, row["pos"], float(row["polarity"]), row["category"])
        by_first.setdefault(lemmas[0], []).append(entry)
    words: dict[str, set[str]] = {}
    weights: dict[str, float] = {}
    for row in read_table(data_dir / "stance_shifters.csv", ("term", "kind", "weight")):
        if row["kind"] not in SHIFTER_KINDS:
            raise KnowledgeError(
                f"stance_shifters.csv has an unknown kind {row['kind']!r}",
                why=f"known kinds are {', '.join(sorted(SHIFTER_KINDS))}",
                fix="correct the row or add the kind to zenobia.extract.stance.lexicon",
            )
        term = row["term"].casefold()
        words.setdefault(row["kind"], set()).add(term)
        if row["kind"] in ("intensifier", "diminisher"):
            weights[term] = float(row["weight"])
    return StanceLexicon(
        entries={
            first: tuple(sorted(found, key=lambda e: -len(e.lemmas)))
            for first, found in by_first.items()
        },
        weights=weights,
        words={kind: frozenset(terms) for kind, terms in words.items()},
        judgement_lemmas=frozenset(
            entry.lemmas[0]
            for found in by_first.values()
            for entry in found
            if entry.category in JUDGEMENT_CATEGORIES and len(entry.lemmas) == 1
        ),
    )
