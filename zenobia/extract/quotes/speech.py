"""Speech verbs and nouns, and the speaker a speech verb names."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Final, cast

from spacy.tokens import Token

from zenobia.errors import KnowledgeError
from zenobia.extract.quotes.speakers import Speaker, SpeakerResolver
from zenobia.knowledge import DATA_DIR, read_table
from zenobia.model import QuoteStance

_VERB_POS: Final = frozenset({"VERB"})


_SENTENCE_END: Final = frozenset({".", "!", "?"})


_QUOTE_CHARS: Final = frozenset('"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019')


_SUBJECT_DEPS: Final = frozenset({"nsubj"})


@functools.cache
def load_speech_verbs(path: Path | None = None) -> dict[str, QuoteStance]:
    """The speech verbs and their stance, read once per process.

    Args:
        path: A `lemma,stance` CSV ('#' lines are comments); the packaged
            `data/speech_verbs.csv` when None.

    Returns:
        Lemma → stance ("neutral", "assertive", "accusatory", "denial").

    Raises:
        KnowledgeError: The file is missing or a stance is unknown.
    """
    source = path or DATA_DIR / "speech_verbs.csv"
    verbs: dict[str, QuoteStance] = {}
    for row in read_table(source, ("lemma", "stance")):
        lemma, stance = (row.get("lemma") or "").strip(), (row.get("stance") or "").strip()
        if stance not in _STANCES or not lemma:
            raise KnowledgeError(
                f"cannot read {source}",
                why=f"row {lemma!r}: stance must be one of {sorted(_STANCES)}",
                fix=f"restore {source.name} from the zenobia repository",
            )
        verbs[lemma.lower()] = cast(QuoteStance, stance)
    return verbs


def _speaker_of(verb: Token, resolver: SpeakerResolver) -> Speaker | None:
    """The subject of a speech verb, or of the verb it is coordinated with ('…and added')."""
    if verb.lemma_.lower() == "quote":
        # "to quote X, …": the one quoted is the object
        quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if quoted is not None and quoted.pos_ == "PROPN":
            return resolver.from_subject(quoted, verb.idx)
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            break
        subject = next((c for c in current.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None and subject.lower_ in _RELATIVE_SUBJECTS and current.dep_ == "relcl":
            # "X, who said …": the relative pronoun stands for the noun it modifies
            subject = current.head
        if subject is None and current.dep_ == "acl" and current.head.pos_ == "PROPN":
            # "As X, a former envoy, noted: …" parsed with the cue modifying the name
            subject = current.head
        if (
            subject is None
            and current.dep_ == "acl"
            and current.tag_ == "VBG"
            and current.head.pos_ == "NOUN"
        ):
            # "groups backing the governor": the noun the participle modifies acts
            subject = current.head
        if subject is not None:
            return resolver.from_subject(subject, verb.idx)
        # "…, saying …" and "…, adding …": a participle takes the subject of its clause
        climbs = current.dep_ in ("conj", "xcomp") or (
            current.dep_ == "advcl" and current.tag_ == "VBG"
        )
        current = current.head if climbs else None
    return None


_STANCES: Final = frozenset({"neutral", "assertive", "accusatory", "denial"})


_RELATIVE_SUBJECTS: Final = frozenset({"who", "that", "which"})
