"""Definite descriptions that name a collective actor of their own ("the coalition").

Some definite noun phrases of war reporting denote one distinct actor even when no name comes
before them: "the coalition", "the opposition", "the international community". When the
salience linker (`zenobia.extract.actors.salience`) finds nothing they refer to, they stay as
descriptive ORG mentions, one actor per phrase. The phrases are data
(`data/mention_descriptions.csv`).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, cast, get_args

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from zenobia.errors import KnowledgeError
from zenobia.ids import mention_id
from zenobia.knowledge import DATA_DIR, read_table
from zenobia.model import ActorKind, Mention, MentionLabel

__all__ = [
    "DESCRIPTION_BASIS",
    "Description",
    "find_descriptions",
    "load_descriptions",
    "strict_heads",
]

DESCRIPTION_BASIS: Final = "description"
"""`link_basis` of a descriptive mention: it names an actor by description, not by name, and
stands for no antecedent (so it is not in `zenobia.model.ANAPHORIC_BASES`)."""

_DEFAULT_PATH: Final = (DATA_DIR / "mention_descriptions.csv").resolve()
_KINDS: Final = frozenset(get_args(ActorKind))
_BLOCKING_DEPS: Final = frozenset({"poss", "nummod", "quantmod", "predet"})
_MODIFIER_DEPS: Final = frozenset({"amod", "compound"})


@dataclass(frozen=True, slots=True)
class Description:
    """One row of `mention_descriptions.csv`.

    Attributes:
        phrase: Lower-case words after the determiner ("international community").
        head: The phrase's last word, its head noun ("community").
        kind: The actor kind the descriptive mention gets.
        is_strict: The head noun links back only to a mention that contains it.
        is_national: The phrase names a different actor in each country's story ("the
            opposition"), so the actor is scoped by the document's country.
    """

    phrase: str
    head: str
    kind: ActorKind
    is_strict: bool
    is_national: bool = True


def load_descriptions(path: Path | None = None) -> dict[str, Description]:
    """Descriptions by phrase; the packaged file is read once per process.

    Raises:
        KnowledgeError: The file is missing, lacks a column, or has an unknown kind.
    """
    return _load(path.resolve() if path is not None else _DEFAULT_PATH)


@functools.cache
def _load(path: Path) -> dict[str, Description]:
    found: dict[str, Description] = {}
    for row in read_table(path, ("phrase", "kind", "strict", "scope")):
        phrase = " ".join(row["phrase"].lower().split())
        if row["kind"] not in _KINDS or not phrase:
            raise KnowledgeError(
                f"cannot read {path}",
                why=f"kind must be an actor kind of zenobia.model.ActorKind, not {row['kind']!r}",
                fix=f"correct the row of {row['phrase']!r}",
            )
        head = phrase.rsplit(" ", 1)[-1]
        kind = cast(ActorKind, row["kind"])
        is_national = row["scope"] != "world"
        found[phrase] = Description(phrase, head, kind, row["strict"] == "yes", is_national)
    return found


def strict_heads(descriptions: dict[str, Description]) -> frozenset[str]:
    """Single-word descriptions whose head links back only to a mention containing it."""
    return frozenset(d.head for d in descriptions.values() if d.is_strict and d.phrase == d.head)


def find_descriptions(
    doc: Doc,
    text: str,
    doc_id: str,
    taken: Sequence[tuple[int, int]],
    sentence_starts: Sequence[int],
    descriptions: dict[str, Description],
    country: tuple[str, str] | None = None,
) -> list[Mention]:
    """Descriptive ORG mentions for the description phrases no other mention covers.

    Args:
        doc: The parse.
        text: The document's text.
        doc_id: The document's id.
        taken: Sorted (start_char, end_char) of the mentions already found, named or linked.
        sentence_starts: Start offsets of the analysis' sentences.
        descriptions: From `load_descriptions()`.
        country: The document's country (ISO 3166 alpha-3 code, name), or None.

    Returns:
        New mentions in text order: label ORG, `kind` from the file, `canonical` the phrase
        in lower case without its determiner, `link_basis` `DESCRIPTION_BASIS`. A phrase of
        national scope in a document about a country is that country's ("opposition
        (<Country>)", `country` set), so that it groups with the same phrase in other
        stories of the country, and apart from other countries' across the corpus.

    Notes:
        A phrase counts when its head noun does not modify another noun ("coalition
        airstrikes" is no actor), it has the determiner "the", no possessor or number, and its
        adjective and compound modifiers with the head spell a row of the file exactly ("the
        international community"; "the new coalition" is left out, since an unknown modifier
        may make it another actor). Definite descriptions of this kind are the "unique
        reference" uses of Poesio & Vieira (1998), which need no antecedent. One pass over
        the tokens' lowercase ids: linear in the document's length.
    """
    heads = {d.head for d in descriptions.values()}
    strings = doc.vocab.strings
    keys = {strings.add(head) for head in heads}
    starts = [start for start, _ in taken]
    found: list[Mention] = []
    for index, key in enumerate(doc.to_array([LOWER]).tolist()):
        if key not in keys:
            continue
        span = _phrase(doc[index], descriptions)
        if span is None:
            continue
        start, end, description = span
        position = bisect.bisect_left(starts, end)
        if position > 0 and taken[position - 1][1] > start:
            continue
        label: MentionLabel = "ORG"
        canonical, scope = description.phrase, None
        if description.is_national and country is not None:
            scope = country[0]
            canonical = f"{description.phrase} ({country[1]})"
        found.append(
            Mention(
                id=mention_id(doc_id, start, end, label),
                doc_id=doc_id,
                sentence_index=max(bisect.bisect_right(sentence_starts, start) - 1, 0),
                start_char=start,
                end_char=end,
                text=text[start:end],
                label=label,
                canonical=canonical,
                kind=description.kind,
                country=scope,
                link_basis=DESCRIPTION_BASIS,
            )
        )
    return found


def _phrase(
    head: Token, descriptions: dict[str, Description]
) -> tuple[int, int, Description] | None:
    """(start_char, end_char, row) of the description headed by `head`, or None."""
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ in _MODIFIER_DEPS:
        return None
    is_definite = False
    modifiers: list[Token] = []
    for child in head.lefts:
        if child.dep_ in _BLOCKING_DEPS:
            return None
        if child.dep_ == "det":
            is_definite = child.lower_ == "the"
        elif child.dep_ in _MODIFIER_DEPS:
            modifiers.append(child)
    if not is_definite:
        return None
    first = min((m.left_edge.i for m in modifiers), default=head.i)
    words = [t.lower_ for t in head.doc[first : head.i + 1] if not t.is_punct]
    description = descriptions.get(" ".join(words))
    if description is None:
        return None
    return head.doc[first].idx, head.idx + len(head.text), description
