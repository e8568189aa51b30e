"""Names that speak: a proper noun the subject of a speech verb names an actor, whatever NER said.

Notes:
    The statistical NER misses many lone surnames ("Wray said", "Perabo said"), most of all at
    the start of a sentence. The subject of a speech or reporting verb ("say", "tell",
    "argue", "blame") that is a capitalised proper noun outside every entity is an actor, and
    becomes a PERSON mention. Entities keep NER's label: a place that speaks ("Moscow said")
    is metonymy, which the actor linker reads as its government.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from spacy.tokens import Doc, Token

from zenobia.model import MentionLabel

__all__ = ["SPEAKER_LABEL", "speaking_name_spans", "speaks"]

SPEAKER_LABEL: Final[MentionLabel] = "PERSON"
SUBJECT_DEPS: Final = frozenset({"nsubj"})
NAME_DEPS: Final = frozenset({"compound", "flat"})


def speaks(token: Token, speech_verbs: frozenset[str]) -> bool:
    """Whether a token is the subject of a speech verb, directly or through "and"."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    head = token.head
    return (
        token.dep_ in SUBJECT_DEPS
        and head.pos_ == "VERB"
        and head.lemma_.casefold() in speech_verbs
    )


def speaking_name_spans(
    doc: Doc, taken: set[int], speech_verbs: frozenset[str]
) -> Iterator[tuple[int, int]]:
    """Character spans of capitalised proper nouns outside `taken` tokens that speak.

    Args:
        doc: The parse.
        taken: Indices of tokens already inside a mention.
        speech_verbs: Lemmas of speech and reporting verbs.

    Yields:
        (start_char, end_char) of each name: the subject and the proper nouns compounded
        with it ("Mark Perabo").
    """
    for token in doc:
        if (
            token.pos_ != "PROPN"
            or token.i in taken
            or not token.text[:1].isupper()
            or token.text.isupper()
            or not speaks(token, speech_verbs)
        ):
            continue
        parts = [token] + [c for c in token.children if c.dep_ in NAME_DEPS and c.pos_ == "PROPN"]
        indices = sorted(t.i for t in parts)
        if indices != list(range(indices[0], indices[-1] + 1)) or taken & set(indices):
            continue
        first, last = doc[indices[0]], doc[indices[-1]]
        yield first.idx, last.idx + len(last.text)
