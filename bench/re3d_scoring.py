"""re3d's gold entities and how mentions are scored against them.

Shared by `bench/re3d.py` (zenobia's extraction functions on the whole development set) and
the `entities` row of `make eval` (the whole engine, on a tune/check split).

re3d (Dstl, github.com/dstl/re3d) annotates English documents about the conflict in Syria and
Iraq with typed entity spans. Each folder holds mongoexport JSON lines: `documents.json`
(`_id`, `title`, `text`, ...) and `entities.json` (`documentId`, `begin`, `end`, `type`,
`value`). Its annotators marked nested alternatives ("Jordan" inside "the Jordan Armed
Forces"), pronouns ("them") and common nouns ("the teams"), so a name-level measure suits it.

Document pairs: a document contributes the set of (type, normalised surface text) pairs it
contains, gold and predicted; a pair counts once per document however often it occurs.
Normalised: casefolded, diacritics stripped, a leading "the" and a trailing possessive removed,
hyphens and runs of spaces collapsed, edge punctuation dropped.

Labels map to re3d types the same way for both sides: PERSON → Person; ORG → Organisation;
GPE, LOC, FAC → Location. NORP is not scored (re3d calls nationalities `Nationality`), except
a zenobia NORP mention whose knowledge-base entry is an organisation kind (armed group, party,
...), which counts as Organisation.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from zenobia.model import Mention

TYPES = ("Person", "Organisation", "Location")
SPACY_TYPES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location"}
SPACY_TYPES |= {"LOC": "Location", "FAC": "Location"}
ORG_KINDS = frozenset(
    {"government", "military", "police", "armed_group", "political_party", "igo", "ngo"}
) | {"media", "organization"}
"""Knowledge-base kinds that make a NORP mention an Organisation ("Kurdish" → the YPG)."""

Pair = tuple[str, str]
"""(re3d type, normalised surface text)."""

TypedSpan = tuple[str, int, int]
"""(re3d type, start, end) of a name without its leading article or trailing possessive."""

Item = TypeVar("Item", Pair, TypedSpan)

_LEADING_ARTICLE = re.compile(r"(?i)the\s+")
_TRAILING_POSSESSIVE = re.compile(r"['\u2019]s?$")


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """One annotated entity of a re3d document (offsets index the document's `text`)."""

    type: str
    start: int
    end: int
    value: str


@dataclass(frozen=True, slots=True)
class Re3dDocument:
    id: str
    title: str
    text: str
    entities: tuple[GoldEntity, ...]
    """Only the scored types (`TYPES`)."""

    @property
    def pairs(self) -> set[Pair]:
        return pairs((e.type, e.value) for e in self.entities)

    @property
    def spans(self) -> set[TypedSpan]:
        return typed_spans(self.text, ((e.type, e.start, e.end) for e in self.entities))


def normalise(text: str) -> str:
    """Surface text for comparison (see the module docstring)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = re.sub(r"[\-\u2010-\u2015]+", " ", folded)
    folded = re.sub(r"\s+", " ", folded).strip(" \t\"'()[],.;:\u201c\u201d\u2018\u2019")
    folded = re.sub(r"^the ", "", folded)
    folded = re.sub(r"['\u2019]s?$", "", folded)
    return folded.strip()


def read_re3d(root: Path) -> list[Re3dDocument]:
    """Every document of every folder under `root`, with its gold entities of `TYPES`."""
    found = []
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").is_file()):
        gold: dict[str, list[GoldEntity]] = {}
        for entity in _json_lines(folder / "entities.json"):
            if entity["type"] in TYPES:
                gold.setdefault(entity["documentId"], []).append(
                    GoldEntity(entity["type"], entity["begin"], entity["end"], entity["value"])
                )
        for document in _json_lines(folder / "documents.json"):
            doc_id = document["_id"]
            found.append(
                Re3dDocument(
                    id=doc_id,
                    title=document.get("title") or "",
                    text=document["text"],
                    entities=tuple(gold.get(doc_id, ())),
                )
            )
    return found


def _json_lines(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8-sig") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def zenobia_type(mention: Mention) -> str | None:
    """The re3d type of a zenobia mention, None when it is not scored."""
    if mention.label == "NORP":
        return "Organisation" if mention.kind in ORG_KINDS else None
    return SPACY_TYPES.get(mention.label)


def pairs(items: Iterable[tuple[str | None, str]]) -> set[Pair]:
    """The scored (type, normalised text) pairs of (type or None, surface text) items."""
    return {(kind, normalise(text)) for kind, text in items if kind is not None and text}


def typed_spans(text: str, items: Iterable[tuple[str | None, int, int]]) -> set[TypedSpan]:
    """The scored (type, start, end) of spans of `text`, without a leading "the" or a
    trailing possessive, so that "the Army's" and "Army" are the same name."""
    found = set()
    for kind, start, end in items:
        if kind is None:
            continue
        article = _LEADING_ARTICLE.match(text, start, end)
        if article:
            start = article.end()
        possessive = _TRAILING_POSSESSIVE.search(text, start, end)
        if possessive and possessive.start() > start:
            end = possessive.start()
        if end > start:
            found.add((kind, start, end))
    return found


def scores(
    gold: Iterable[set[Item]], predicted: Iterable[set[Item]]
) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted, gold) per type and for "micro", over aligned documents.

    Items are pairs or typed spans; either way an item's first field is its type.
    """
    counts: dict[str, Counter[str]] = {t: Counter() for t in (*TYPES, "micro")}
    for g, p in zip(gold, predicted, strict=True):
        for kind in TYPES:
            gk = {x for x in g if x[0] == kind}
            pk = {x for x in p if x[0] == kind}
            for key in (kind, "micro"):
                counts[key]["tp"] += len(gk & pk)
                counts[key]["pred"] += len(pk)
                counts[key]["gold"] += len(gk)
    return {k: (c["tp"], c["pred"], c["gold"]) for k, c in counts.items()}
