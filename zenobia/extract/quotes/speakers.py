"""Who a speech cue's subject is: a linked mention, a noun phrase, an affiliation.

Per-document helper of `zenobia.extract.quotes.finding`; reads the parse and the linked mentions.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from spacy.tokens import Doc, Token

from zenobia.errors import KnowledgeError
from zenobia.extract.quotes.marks import QuotedSpan
from zenobia.knowledge import DATA_DIR, read_table
from zenobia.model import Mention

__all__ = ["Speaker", "SpeakerResolver", "load_speaker_nouns"]


Refers = Literal["person", "organisation"]

_ORG_LABELS: Final = frozenset({"ORG", "NORP"})
_AFFILIATION_LABELS: Final = frozenset({"ORG", "GPE", "NORP"})
_NAME_CUT_DEPS: Final = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "case"})
_PERSON_PRONOUNS: Final = frozenset({"he", "she", "him", "her"})
_SUBJECT_DEPS: Final = frozenset({"nsubj", "nsubjpass"})
_SALIENT_SENTENCES: Final = 2
"""How many sentences back a pronoun or an unattributed quote looks for a person named outside
quotation marks (the sentence of the cue and the one before it)."""
_PRONOUN_SENTENCES: Final = 5
"""How many sentences back a personal pronoun speaker looks when none of the last
`_SALIENT_SENTENCES` names a person outside quotation marks, before trusting a coreference
chain (which may run through a name inside the quoted words)."""
_EDGE: Final = " \t\n,;:.\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()-\u2013\u2014"


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: the mention it names (if any), its name, its affiliation."""

    mention: Mention | None
    name: str | None
    affiliation: str | None
    rule: str | None = None
    """How a speaker not named at its cue was found: "salient-subject" (a pronoun's person
    named outside quotes), "nearby" (an unattributed quote's person), or None."""


@functools.cache
def load_speaker_nouns(path: Path | None = None) -> dict[str, Refers]:
    """Pronouns and description heads that refer back to a named speaker, read once per process.

    Args:
        path: A `word,refers` CSV; the packaged `data/speaker_nouns.csv` when None.

    Returns:
        Lowercase word → "person" | "organisation".

    Raises:
        KnowledgeError: The file is missing or malformed.
    """
    source = path or DATA_DIR / "speaker_nouns.csv"
    words: dict[str, Refers] = {}
    for row in read_table(source, ("word", "refers")):
        refers = row["refers"]
        if refers not in ("person", "organisation"):
            raise KnowledgeError(
                f"cannot read {source}",
                why=f"refers must be person or organisation, not {refers!r}",
                fix=f"restore {source.name} from the zenobia repository",
            )
        words[row["word"].lower()] = "person" if refers == "person" else "organisation"
    return words


class SpeakerResolver:
    """Resolves subjects of speech cues in one document to speakers.

    Args:
        doc: The document's parse.
        mentions: The document's linked mentions, in text order.
        text: The document's text (`doc.text`, read once: spaCy rebuilds it on each access).
        quoted: The document's quoted stretches: a name inside quoted words is never the
            antecedent of a pronoun outside them.

    Notes:
        A name inside the subject phrase that contains its head token is the speaker. A pronoun
        or a definite description ("he", "the spokesman", "the ministry") takes the last
        compatible mention before the cue: a personal pronoun ("he", "she") takes the person
        named outside quotation marks in the cue's sentence or the one before, the subject
        first, else the last one named; another person word the last PERSON mention whose role
        contains the word, else the last PERSON mention; for an organisation word the last
        ORG/NORP mention (or acting state) whose text contains the word, else the last one.
        No gender or number agreement (no coreference model is available offline): a simple,
        documented recency rule in the spirit of Hobbs-style salience baselines. Indefinite
        descriptions ("a member of the committee") stay unlinked and keep their text.
        Affiliation: the mention's own `affiliation` (from the actor linker), else an
        organisation or state named in the subject phrase around the head ("a spokesman for
        the Alliance", "a Defence Ministry official").
    """

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Mention],
        text: str,
        quoted: Sequence[QuotedSpan] = (),
    ) -> None:
        self._doc = doc
        self._text = text
        self._mentions = sorted(mentions, key=lambda m: m.start_char)
        self._starts = [m.start_char for m in self._mentions]
        self._nouns = load_speaker_nouns()
        self._quoted = [(q.open_char, q.close_char) for q in quoted]
        self._quote_opens = [q.open_char for q in quoted]
        self._token_index: list[int] | None = None

    def _is_quoted(self, char: int) -> bool:
        index = bisect.bisect_right(self._quote_opens, char) - 1
        return index >= 0 and self._quoted[index][0] <= char < self._quoted[index][1]

    def salient_person(self, before_char: int, rule: str = "nearby") -> Speaker | None:
        """The person named outside quotation marks in the sentence holding `before_char` or
        the one before it: the first one that is a subject, else the last one named."""
        mention = self._salient_person(before_char)
        if mention is None:
            return None
        return Speaker(mention, mention.canonical, mention.affiliation, rule)

    def _salient_person(
        self, before_char: int, sentences: int = _SALIENT_SENTENCES
    ) -> Mention | None:
        doc = self._doc
        token_index = max(bisect.bisect_right(self._token_starts(), before_char) - 1, 0)
        if not len(doc):
            return None
        sentence = doc[token_index].sent
        for _ in range(sentences):
            start = sentence.start_char
            end = min(sentence.end_char, before_char)
            people = [
                m
                for m in self._mentions[
                    bisect.bisect_left(self._starts, start) : bisect.bisect_left(self._starts, end)
                ]
                if m.label == "PERSON" and not m.is_anaphoric and not self._is_quoted(m.start_char)
            ]
            if people:
                for mention in people:
                    span = doc.char_span(mention.start_char, mention.end_char, "expand")
                    if span is not None and span.root.dep_ in _SUBJECT_DEPS:
                        return mention
                return people[-1]
            if sentence.start == 0:
                return None
            sentence = doc[sentence.start - 1].sent
        return None

    def _token_starts(self) -> list[int]:
        if self._token_index is None:
            self._token_index = [t.idx for t in self._doc]
        return self._token_index

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The longest mention inside [start, end), preferring actors over places."""
        index = bisect.bisect_left(self._starts, start)
        best: Mention | None = None
        while index < len(self._mentions) and self._mentions[index].start_char < end:
            mention = self._mentions[index]
            if mention.end_char <= end and (
                best is None
                or (mention.end_char - mention.start_char) > best.end_char - best.start_char
            ):
                best = mention
            index += 1
        return best

    def containing(self, token: Token) -> Mention | None:
        """The mention whose span contains `token`, if any."""
        index = bisect.bisect_right(self._starts, token.idx) - 1
        for candidate in self._mentions[max(index - 2, 0) : index + 1]:
            if candidate.start_char <= token.idx < candidate.end_char:
                return candidate
        return None

    def from_subject(self, head: Token, before_char: int) -> Speaker:
        """The speaker a subject token names; `before_char` bounds the look-back for pronouns."""
        start, end = self._name_span(head)
        text = self._text[start:end] if start < end else head.text
        mention = self.containing(head)
        if mention is None and head.pos_ == "PROPN":
            mention = self.mention_at(start, end)
        word = head.lower_
        definite = head.pos_ == "PRON" or any(
            child.dep_ in ("det", "poss")
            and child.lower_ in ("the", "this", "that", "its", "his", "her")
            for child in head.children
        )
        rule = None
        if word in _PERSON_PRONOUNS and head.pos_ == "PRON":
            # the person named outside quotes near the cue beats a coreference chain, which
            # may run through names inside the quoted words
            salient = self._salient_person(before_char, _PRONOUN_SENTENCES)
            if salient is not None:
                mention, rule = salient, "salient-subject"
        if mention is None and definite and word in self._nouns:
            mention = self._antecedent(self._nouns[word], word, before_char)
        if mention is not None and head.pos_ == "PRON":
            text = mention.canonical
        affiliation = mention.affiliation if mention is not None else None
        if affiliation is None:
            affiliation = self._affiliation_near(head, mention)
        return Speaker(mention, text or None, affiliation, rule if mention is not None else None)

    def from_mention_span(self, head: Token) -> Speaker:
        """The speaker of "according to X": X's phrase, linked the same way."""
        return self.from_subject(head, head.idx)

    def _name_span(self, head: Token) -> tuple[int, int]:
        """The subject phrase without appositions, relative clauses and trailing punctuation."""
        left = head.left_edge.i
        right = head.i
        for child in head.rights:
            if child.dep_ in _NAME_CUT_DEPS:
                break
            right = child.right_edge.i
        doc = self._doc
        start = doc[left].idx
        end = doc[right].idx + len(doc[right].text)
        text = self._text
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        return start, end

    def _antecedent(self, refers: Refers, word: str, before_char: int) -> Mention | None:
        index = bisect.bisect_left(self._starts, before_char)
        head_is_noun = word != "it"
        fallback: Mention | None = None
        for mention in reversed(self._mentions[:index]):
            if refers == "person":
                if mention.label != "PERSON":
                    continue
                if mention.role and word in mention.role.lower():
                    return mention
            else:
                acting_state = mention.label == "GPE" and mention.kind not in (None, "place")
                if mention.label not in _ORG_LABELS and not acting_state:
                    continue
                if word in mention.text.lower():
                    return mention
                if head_is_noun:
                    # "the ministry" names the ministry, not the last organisation of any kind
                    continue
            if fallback is None:
                fallback = mention
        return fallback

    def _affiliation_near(self, head: Token, speaker: Mention | None) -> str | None:
        """An organisation or state named in the subject phrase or its apposition."""
        for token in head.subtree:
            if token.i == head.i:
                continue
            mention = self.containing(token)
            if mention is None or mention is speaker or mention.label not in _AFFILIATION_LABELS:
                continue
            return mention.affiliation or mention.canonical
        return None
