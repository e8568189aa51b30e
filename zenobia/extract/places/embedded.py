"""Places named inside other names ("Aleppo council", "Homs governor") and actor compounds."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Final

from zenobia.extract.places.gazetteer import Geocoder
from zenobia.extract.places.geonames import (
    read_compound_participles,
)
from zenobia.extract.places.keys import _words
from zenobia.extract.places.relabel import _is_ner_only_actor
from zenobia.ids import mention_id
from zenobia.model import DocumentAnalysis, Mention

EMBEDDED_BASIS: Final = "embedded"
"""`link_basis` of a place mention found inside an organisation's name ("<Town> Police")."""


_EMBEDDING_KINDS: Final = frozenset({None, "organization", "media", "police", "political_party"})
"""Actor kinds whose names may hold the place they serve; not states, governments or armed
forces, whose place is their country already ("<Country> Army")."""


_NAME_WORD: Final = re.compile(r"\S+")


_EMBEDDED_MAX_WORDS: Final = 3


def find_embedded_places(analysis: DocumentAnalysis, geocoder: Geocoder) -> DocumentAnalysis:
    """Place mentions for the places organisation names begin or end with.

    Args:
        analysis: A document's analysis with mentions.
        geocoder: From `load_geocoder()`.

    Returns:
        The analysis with a GPE mention (`link_basis` `EMBEDDED_BASIS`) on the place name that
        opens an organisation's name ("<Town> Police Department", "<County> County
        Commission", "<State> State University") or closes it after "of" ("University of
        <Town>"); the organisation's own mention is kept.

    Notes:
        An institution named after a place is in that place: Gritta et al. (2020) count such
        embedded toponyms as literal. The place name is the longest run of up to three words
        that is exactly the name of a country, province, region, county ("<Name> County"), a
        town of `EMBEDDED_MIN_POPULATION` people, or a place another mention of the document
        names;
        it must be followed by another capitalised word of the name. Only organisations of
        `_EMBEDDING_KINDS` (or NER alone), and names NER called a person only when an
        institution noun follows the place ("<Town> Police": `institution` rows of
        `place_words.csv`). Embedded places add to the document's context but place no
        event: the organisation, not the place, is what the sentence is about.
    """
    text = analysis.document.text
    named = {m.text for m in analysis.mentions if m.is_place}
    taken = {(m.start_char, m.end_char) for m in analysis.mentions if m.is_place}
    found: list[Mention] = []
    for mention in analysis.mentions:
        if not _may_embed(mention):
            continue
        words = [(w.start(), w.end()) for w in _NAME_WORD.finditer(mention.text)]
        for start, end in _embedded_spans(mention.text, words, mention.label == "PERSON"):
            name = mention.text[start:end]
            span = (mention.start_char + start, mention.start_char + end)
            if not _is_embedded_place(name, named, geocoder):
                continue
            if span in taken:
                break
            taken.add(span)
            found.append(
                Mention(
                    id=mention_id(mention.doc_id, span[0], span[1], "GPE"),
                    doc_id=mention.doc_id,
                    sentence_index=mention.sentence_index,
                    start_char=span[0],
                    end_char=span[1],
                    text=text[span[0] : span[1]],
                    label="GPE",
                    canonical=name,
                    link_basis=EMBEDDED_BASIS,
                )
            )
            break
    if not found:
        return analysis
    mentions = sorted((*analysis.mentions, *found), key=lambda m: (m.start_char, m.end_char))
    return replace(analysis, mentions=tuple(mentions))


def _may_embed(mention: Mention) -> bool:
    if mention.label == "PERSON":
        return _is_ner_only_actor(mention)
    return (
        mention.label in ("ORG", "FAC")
        and mention.kind in _EMBEDDING_KINDS
        and mention.link_basis is None
    )


def _embedded_spans(
    name: str, words: Sequence[tuple[int, int]], needs_institution: bool
) -> Iterator[tuple[int, int]]:
    """Candidate spans (offsets in `name`): opening runs, longest first, then after "of"."""
    institutions = _words().institutions | _words().admin
    for size in range(min(_EMBEDDED_MAX_WORDS, len(words) - 1), 0, -1):
        following = name[words[size][0] : words[size][1]]
        if not following[:1].isupper():
            continue
        if needs_institution and following.casefold() not in institutions:
            continue
        yield words[0][0], words[size - 1][1]
    lowered = [name[s:e] for s, e in words]
    if "of" in lowered and not needs_institution:
        after = lowered.index("of") + 1
        tail = words[after:]
        if 0 < len(tail) <= _EMBEDDED_MAX_WORDS and all(name[s : s + 1].isupper() for s, _ in tail):
            yield tail[0][0], tail[-1][1]


EMBEDDED_MIN_POPULATION: Final = 50_000
"""A town's name opening an organisation's name counts as its place from this size (or when
the document names the town elsewhere): smaller towns share names with people and brands."""


def _is_embedded_place(name: str, named: set[str], geocoder: Geocoder) -> bool:
    if name in named:
        return True
    return any(
        e.feature in ("country", "admin1", "region")
        or (e.feature == "admin2" and len(name.split()) > 1)
        or e.population >= EMBEDDED_MIN_POPULATION
        for e in geocoder.named(name)
    )


@functools.cache
def _compound_pattern() -> re.Pattern[str]:
    alternation = "|".join(
        re.escape(w) for w in sorted(read_compound_participles(), key=len, reverse=True)
    )
    return re.compile(rf"[-\u2010\u2011\u2013](?:{alternation})(?![\w-])", re.IGNORECASE)


def is_actor_compound(mention: Mention, text: str) -> bool:
    """Whether a mention is the first part of a compound naming an actor ("US-led coalition").

    Args:
        mention: A mention whose offsets index `text`.
        text: The document's text.

    Returns:
        True when a hyphen and a participle of `data/actor_compounds.csv` follow the mention
        ("Ruthenia-backed rebels", "the Ostmark-based monitor"), or end inside it (NER took
        "Ruthenia-led Coalition" whole).

    Notes:
        The compound names the sponsor, leader, base or maker of what it modifies, not where
        anything happens, so such a mention is no place of an event or of the document. Looks
        only at the characters right after the mention (and inside it): linear in the mention.
    """
    pattern = _compound_pattern()
    if pattern.match(text, mention.end_char, mention.end_char + _COMPOUND_REACH) is not None:
        return True
    return pattern.search(mention.text) is not None


_COMPOUND_REACH: Final = 24
"""Characters after a mention read for "-<participle>"; longer than any participle listed."""
