"""Identity: every id and normalised key of zenobia, as pure functions of their inputs.

Ids hash what identifies a record (`content_id`), so that re-reading an input gives the same
id and every store write can be an upsert. Every layer asks this module for an id and none
derives one of its own: two ways of computing one id drift apart, and then references
dangle. It imports nothing of zenobia, so that any layer may import it.

The keys, from a mention to the id its actor has in every export:

- `actor_key(name, honorifics)`: a name normalised ("Mr. Bashar Al-Assad" → "bashar al assad");
- `actor_group_key(entry_id, name_key)`: `kb:<entry id>` for a knowledge-base actor,
  `name:<actor_key>` for another name;
- `merged_key(group_key, merges)`: where corpus resolution merged that group
  (`zenobia.resolve.actors`); the merges are passed in, never kept here;
- `actor_id(group_key, merges)`: the content id of the merged group.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from types import MappingProxyType
from typing import Final

__all__ = [
    "ACTOR_LABELS",
    "NO_MERGES",
    "PLACE_LABELS",
    "actor_group_key",
    "actor_id",
    "actor_key",
    "cluster_id",
    "content_id",
    "gazetteer_place_id",
    "mention_id",
    "merged_key",
    "names_actor",
    "names_place",
    "place_id",
]

ACTOR_LABELS: Final = frozenset({"PERSON", "ORG", "NORP"})
"""Labels whose mentions name actors. A GPE mention of a known state or capital is a place,
and an actor too when the knowledge base says its entry acts (a government, an army)."""

PLACE_LABELS: Final = frozenset({"GPE", "LOC", "FAC"})
"""Labels whose mentions name places."""

NO_MERGES: Final[Mapping[str, str]] = MappingProxyType({})
"""No actor merges: every group key stands for itself."""

_DASHES: Final = re.compile(r"[\-\u2010-\u2015]+")
_NON_WORD: Final = re.compile(r"[^\w\s]+")
_SPACES: Final = re.compile(r"\s+")


def content_id(kind: str, **fields: object) -> str:
    """A stable id for a record: the first 16 hex digits of a SHA-256 of canonical JSON.

    Args:
        kind: The record type ("document", "event", …), so equal fields of different kinds
            get different ids.
        **fields: The fields that identify the record; they must be JSON-serialisable.

    Returns:
        16 lower-case hex characters.
    """
    blob = json.dumps([kind, fields], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def mention_id(doc_id: str, start_char: int, end_char: int, label: str) -> str:
    """A mention's id: the same span and label always get the same id."""
    return content_id(
        "mention", doc_id=doc_id, start_char=start_char, end_char=end_char, label=label
    )


def _fold(text: str) -> str:
    """Casefold and strip diacritics."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def actor_key(name: str, honorifics: Collection[str] = ()) -> str:
    """The key under which names of one actor outside the knowledge base group across documents.

    Args:
        name: A mention's canonical name.
        honorifics: Casefolded words dropped before a name ("mr", "sheikh"); the actor
            vocabulary's (`zenobia.extract.actors.actor_key` passes them).

    Returns:
        The name casefolded, without diacritics, a leading "the", honorifics, full stops or
        apostrophes, with hyphens and runs of spaces collapsed to one space, so that
        "Bashar al-Assad", "Bashar al Assad" and "Mr. Bashar Al-Assad" share a key.

    Notes:
        Deliberately no surname-only merging: "Assad" and "Bashar al-Assad" join only when a
        document links them, never across documents by the key.
    """
    folded = _NON_WORD.sub("", _DASHES.sub(" ", _fold(name)))
    tokens = _SPACES.split(folded.strip())
    while tokens and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[0] in honorifics:
        tokens = tokens[1:]
    return " ".join(tokens)


def actor_group_key(entry_id: str | None, name_key: str) -> str:
    """The group a mention's actor belongs to before merges: its knowledge-base entry
    (`kb:<entry id>`), else its normalised name (`name:<actor_key>`)."""
    return f"kb:{entry_id}" if entry_id else f"name:{name_key}"


def merged_key(group_key: str, merges: Mapping[str, str] = NO_MERGES) -> str:
    """The group a group key ends in after `merges` (from key → into key), or itself."""
    return merges.get(group_key, group_key)


def actor_id(group_key: str, merges: Mapping[str, str] = NO_MERGES) -> str:
    """The id of the actor a group key names, after `merges`: what every export refers to."""
    return content_id("actor", key=merged_key(group_key, merges))


def names_actor(label: str, kind: str | None) -> bool:
    """Whether a mention of this NER label and knowledge-base kind names an actor: people,
    organisations and groups, and a place the knowledge base says acts ("Syria said")."""
    return label in ACTOR_LABELS or kind not in (None, "place")


def names_place(label: str) -> bool:
    """Whether a mention of this NER label names a place."""
    return label in PLACE_LABELS


def gazetteer_place_id(geonames: int | None, **fields: object) -> str:
    """The id of a place of the gazetteer: `gn:<GeoNames id>`, else, for a curated place
    GeoNames lacks, `zp:` and a content id of the fields that identify it."""
    return f"gn:{geonames}" if geonames else "zp:" + content_id("place", **fields)


def place_id(label: str, geocoded: str | None, entry_id: str | None, name: str) -> str | None:
    """The id of the place a mention names, None when it names none.

    Args:
        label: The mention's NER label.
        geocoded: The id of the stored place it was geocoded to, None when it was not.
        entry_id: Its knowledge-base entry, if any.
        name: Its canonical name.

    Returns:
        The geocoded place's id; else, for a mention labelled as a place, a content id of its
        entry or normalised name (no honorific is dropped from a place's name: "Sheikh
        Maqsoud" is a district); else None.
    """
    if geocoded:
        return geocoded
    if not names_place(label):
        return None
    return content_id("place", key=actor_group_key(entry_id, actor_key(name)))


def cluster_id(event_ids: Iterable[str]) -> str:
    """A merged event's id: stable while its smallest member event stays in it."""
    return content_id("event-cluster", first=min(event_ids))
