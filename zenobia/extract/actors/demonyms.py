"""Definite descriptions by nationality: "the <demonym> group" for a group of that country.

"Hezbollah fired rockets. The Lebanese group said ..." — the description names the group by
its country. NER takes the demonym for a nationality of its own; this module finds the phrase
"the <demonym> <group noun>" around it and, when an organisation of that country and of a kind
the noun allows was named shortly before, makes the phrase a mention of it (link_basis
"definite-description"). The nouns and their kinds are `data/mention_heads.csv`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from spacy.tokens import Doc, Token

from zenobia.extract.actors.nominals import MentionWords
from zenobia.ids import mention_id
from zenobia.model import Mention

__all__ = ["NATIONAL_WINDOW", "link_national_descriptions"]

NATIONAL_WINDOW: Final = 5
"""How many sentences back the group a national description refers to may be named."""

_BASIS: Final = "definite-description"
_NOT_GROUPS: Final = frozenset({"person", "place", "state", "norp"})
_STATE_BODY_KINDS: Final = frozenset({"government", "military", "police"})
"""Kinds a national description names only when its noun lists them ("the Lebanese army")."""

_ORGANISATION_KINDS: Final = frozenset(
    {"government", "military", "police", "armed_group", "political_party", "igo", "ngo", "media"}
)


def link_national_descriptions(
    doc: Doc, mentions: Sequence[Mention], words: MentionWords, sentence_starts: Sequence[int]
) -> list[Mention]:
    """The mentions, with each "the <demonym> <group noun>" linked to the group it names.

    Args:
        doc: The parse.
        mentions: The document's named mentions, in text order.
        words: From `load_mention_words()` (the group nouns and what they may refer to).
        sentence_starts: Start offsets of the analysis' sentences.

    Returns:
        The same mentions, where a demonym of a state modifies a group noun ("the Lebanese
        group", "the Afghan movement") after an organisation of that country whose kind the
        noun allows, named within `NATIONAL_WINDOW` sentences: that demonym replaced by a
        mention of the phrase, carrying the organisation's name and entry.

    Notes:
        A definite description with a classifying modifier (Poesio & Vieira 1998, "the
        Lebanese group"): the nationality narrows the antecedents to one country's
        organisations, the most recent of which it takes, as `zenobia.extract.
        _coref_salience` does for bare nouns. Only the determiner "the" and the demonym may
        precede the noun; a demonym that already names a body ("<demonym> officials") or
        has no antecedent is left as it was.
    """
    out: list[Mention] = []
    for index, mention in enumerate(mentions):
        phrase = _national_phrase(doc, mention, words)
        antecedent = None
        if phrase is not None:
            noun, refers = phrase
            antecedent = _antecedent(mention, mentions[:index], refers, sentence_starts)
        if phrase is None or antecedent is None:
            out.append(mention)
            continue
        end = noun.idx + len(noun.text)
        out.append(
            replace(
                mention,
                id=mention_id(mention.doc_id, mention.start_char, end, antecedent.label),
                end_char=end,
                text=doc.text[mention.start_char : end],
                label=antecedent.label,
                canonical=antecedent.canonical,
                kind=antecedent.kind,
                country=antecedent.country,
                entry_id=antecedent.entry_id,
                link_basis=_BASIS,
            )
        )
    return out


def _national_phrase(
    doc: Doc, mention: Mention, words: MentionWords
) -> tuple[Token, frozenset[str]] | None:
    """(group noun, kinds it allows) when `mention` is the demonym of "the <demonym> <noun>"."""
    if mention.label != "NORP" or mention.kind != "state" or mention.link_basis is not None:
        return None
    span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    if span is None or len(span) != 1:
        return None
    demonym = span[0]
    noun = demonym.head
    if demonym.dep_ not in ("amod", "compound") or noun.i != demonym.i + 1:
        return None
    sense = words.nouns.get(noun.lower_)
    if sense is None or noun.pos_ != "NOUN" or not sense.refers - _NOT_GROUPS:
        return None
    lefts = [t for t in noun.lefts if t.i != demonym.i]
    if len(lefts) != 1 or lefts[0].dep_ != "det" or lefts[0].lower_ != "the":
        return None
    return noun, sense.refers


def _antecedent(
    mention: Mention,
    earlier: Sequence[Mention],
    refers: frozenset[str],
    sentence_starts: Sequence[int],
) -> Mention | None:
    first = bisect.bisect_right(sentence_starts, mention.start_char) - 1 - NATIONAL_WINDOW
    for candidate in reversed(earlier):
        if candidate.sentence_index < first:
            return None
        if candidate.country != mention.country or candidate.kind not in _ORGANISATION_KINDS:
            continue
        # "organization" admits any non-state body; the state's own need their kind listed
        if candidate.kind in refers or (
            "organization" in refers and candidate.kind not in _STATE_BODY_KINDS
        ):
            return candidate
    return None
