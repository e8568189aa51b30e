"""The PLOVER trigger dictionary (`data/plover_verbs.csv`) and the TAKE_CONTROL mapping.

Loaded once per process. Rows are grouped by `(lemma, pos)`; each row may require cue words
in the trigger's clause, and the most specific matching row wins; between equally specific
rows a "no event" row wins ("take place" blocks "take" + a place noun).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Final

from zenobia.knowledge import read_table

__all__ = ["CUE_CLASSES", "Entry", "Lexicon", "base_plover", "load_lexicon"]

CUE_CLASSES: Final = frozenset(
    {"place", "light", "report", "irrealis", "deny", "instrument", "ceding"}
)
"""`pos` values of rows that are not triggers but word classes the event reader needs."""

PLACE_CUE: Final = "@place"


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger row: a lemma, what must accompany it, and its PLOVER coding.

    An empty `type` is a "no event" row: with its cue, the lemma does not code ("take part").
    """

    lemma: str
    pos: str
    cue: tuple[str, ...]
    type: str
    mode: str
    context: tuple[str, ...]
    cameo: str
    source: str
    needs_place: bool = field(init=False, repr=False, compare=False)
    """The row needs a place among the trigger's objects (`@place` in its cue)."""
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """The cue words that must follow the trigger in its clause (read on every token: kept)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs_place", PLACE_CUE in self.cue)
        object.__setattr__(self, "words", tuple(w for w in self.cue if w != PLACE_CUE))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Trigger rows by (lemma, pos), plus the cue word classes."""

    entries: dict[tuple[str, str], tuple[Entry, ...]]
    classes: dict[str, frozenset[str]]
    compounds: frozenset[str]
    compound_heads: frozenset[str] = frozenset()
    """The last words of `compounds`: a noun that is none of them starts no compound."""

    def rows(self, lemma: str, pos: str) -> tuple[Entry, ...]:
        return self.entries.get((lemma, pos), ())

    def is_a(self, word: str, cls: str) -> bool:
        return word in self.classes.get(cls, frozenset())


@functools.cache
def load_lexicon() -> Lexicon:
    """The packaged trigger dictionary, read once per process."""
    grouped: dict[tuple[str, str], list[Entry]] = {}
    classes: dict[str, set[str]] = {}
    for row in read_table("plover_verbs.csv"):
        if row["pos"] in CUE_CLASSES:
            classes.setdefault(row["pos"], set()).add(row["lemma"])
            continue
        entry = Entry(
            lemma=row["lemma"],
            pos=row["pos"],
            cue=tuple(row["cue"].split()),
            type=row["type"],
            mode=row["mode"].strip(),
            context=tuple(c for c in row["context"].split(";") if c),
            cameo=row["cameo"],
            source=row["source"],
        )
        grouped.setdefault((entry.lemma, entry.pos), []).append(entry)
    entries = {
        key: tuple(sorted(rows, key=lambda e: (-len(e.cue), bool(e.type), e.cue)))
        for key, rows in grouped.items()
    }
    compounds = frozenset(lemma for lemma, pos in entries if pos == "noun" and " " in lemma)
    heads = frozenset(c.rsplit(" ", 1)[1] for c in compounds)
    return Lexicon(entries, {k: frozenset(v) for k, v in classes.items()}, compounds, heads)


@functools.cache
def _extension() -> dict[tuple[str, str], tuple[str, str, tuple[str, ...]]]:
    table: dict[tuple[str, str], tuple[str, str, tuple[str, ...]]] = {}
    for row in read_table("plover_extension.csv"):
        context = tuple(c for c in row["base_context"].split(";") if c)
        table[(row["type"], row["mode"])] = (row["base_type"], row["base_mode"], context)
    return table


def base_plover(
    type_: str, mode: str | None, context: tuple[str, ...]
) -> tuple[str, str | None, tuple[str, ...]]:
    """Map a zenobia extension type back to base PLOVER (`data/plover_extension.csv`).

    Base PLOVER types pass through unchanged.
    """
    found = _extension().get((type_, mode or ""))
    if found is None:
        return type_, mode, context
    base_type, base_mode, base_context = found
    return base_type, base_mode or None, tuple(dict.fromkeys((*context, *base_context)))
