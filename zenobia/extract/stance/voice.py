"""Whose voice a cue is in: the document's own, a named speaker's, or an unknown speaker's.

Notes:
    Cheap attribution, independent of the full quote extractor:

    - a cue inside quotation marks belongs to the speaker of the quote: the subject of a
      speech verb outside the marks in the same sentence(s), else in the next or previous
      sentence; a quote with no speech verb around it (often a scare quote, which distances
      the outlet from the word) is unattributed, so its cues are dropped;
    - outside quotes, a cue in the complement of a speech or judgement verb ("X said Y is
      brutal", "X accused Y of …", "Y is brutal, X said" as parataxis) belongs to the verb's
      subject, as does the judgement verb itself; "according to X" gives the sentence to X;
      a clause coordinated with the speech verb ("X said …, but Y is …") is not reported;
    - except that an attributive label in indirect speech ("X said the terrorist group Y
      attacked", "following a brutal wave of strikes") stays the document's: referring
      expressions in indirect speech are the reporter's choice of words (the de re reading;
      Quine 1956, and the "referential transparency" of indirect reports);
    - a first-person subject ("we condemn") outside quotes is the author, hence the document;
    - a speaker that is neither a named actor nor a resolvable he/she is unattributed: the
      cue is not the document's voice and is left out of every stance.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Span, Token

from zenobia.extract.stance.lexicon import StanceLexicon
from zenobia.extract.stance.targets import TargetResolver, agent_of
from zenobia.model import Mention

__all__ = ["OUTLET", "UNATTRIBUTED", "Voice", "VoiceFinder"]

QUOTE: Final = re.compile(
    '\u201c[^\u201d\n]{1,3000}\u201d|"[^"\n]{1,3000}"|\u00ab[^\u00bb\n]{1,3000}\u00bb'
)
"""Curly, straight and guillemet quotes, paired left to right within a line."""
ACCORDING: Final = re.compile(r"\baccording(?= to\b)", re.IGNORECASE)
REPORTED_DEPS: Final = frozenset(
    {"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "prep", "dative", "parataxis"}
)
"""Dependencies by which a clause or phrase hangs off a speech verb as what was said."""
ATTRIBUTIVE_DEPS: Final = frozenset({"amod", "compound", "nmod", "appos"})
MAX_CLIMB: Final = 40


@dataclass(frozen=True, slots=True)
class Voice:
    """`is_attributed` False: an unknown speaker's words (dropped); `speaker` None: the document."""

    is_attributed: bool
    speaker: Mention | None


OUTLET: Final = Voice(True, None)
UNATTRIBUTED: Final = Voice(False, None)


class VoiceFinder:
    """Finds the voice of cues in one document (see the module's Notes)."""

    def __init__(
        self, doc: Doc, resolver: TargetResolver, lexicon: StanceLexicon, text: str | None = None
    ) -> None:
        """Index the document's quotations and "according to" attributions.

        Args:
            doc: The parse.
            resolver: Finds the actor a token names.
            lexicon: The stance lexicon (speech verbs, first-person words).
            text: The document's text when the caller has it (`doc.text` is rebuilt by spaCy
                on every access).
        """
        if text is None:
            text = doc.text
        self.doc = doc
        self.resolver = resolver
        self.speech = lexicon.shifters("speech") | lexicon.judgement_lemmas
        self.first_person = lexicon.shifters("first_person")
        self.quotes = [(m.start(), m.end()) for m in QUOTE.finditer(text)]
        self.quote_starts = [start for start, _ in self.quotes]
        self.quote_voices: dict[int, Voice] = {}
        self.according: dict[int, Voice] = {}
        for found in ACCORDING.finditer(text):
            span = doc.char_span(found.start(), found.end())
            if span is None:
                continue
            token = span[0]
            for to in token.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        self.according[token.sent.start] = self.speaker(pobj)

    def speaker(self, subject: Token | None) -> Voice:
        """The voice of a speech verb's subject."""
        if subject is None:
            return UNATTRIBUTED
        if subject.lower_ in self.first_person:
            return OUTLET
        found = self.resolver.named(subject)
        return UNATTRIBUTED if found is None else Voice(True, found)

    def _is_speech(self, token: Token) -> bool:
        return token.pos_ == "VERB" and token.lemma_.casefold() in self.speech

    def _quote_at(self, char: int) -> int | None:
        at = bisect.bisect_right(self.quote_starts, char) - 1
        if at >= 0 and char < self.quotes[at][1]:
            return at
        return None

    def _quote_voice(self, at: int) -> Voice:
        if at not in self.quote_voices:
            self.quote_voices[at] = self._find_quote_voice(*self.quotes[at])
        return self.quote_voices[at]

    def _find_quote_voice(self, start: int, end: int) -> Voice:
        inside = self.doc.char_span(start, end, alignment_mode="expand")
        if inside is None:
            return UNATTRIBUTED
        first = inside[0].sent
        last = inside[-1].sent
        frames: list[Span] = [self.doc[first.start : last.end]]
        if last.end < len(self.doc):
            frames.append(self.doc[last.end].sent)
        if first.start > 0:
            frames.append(self.doc[first.start - 1].sent)
        for frame in frames:
            for token in frame:
                if inside.start <= token.i < inside.end or not self._is_speech(token):
                    continue
                return self.speaker(agent_of(token))
        return UNATTRIBUTED

    def voice_of(self, anchor: Token, *, is_judgement: bool, is_label: bool) -> Voice:
        """The voice a cue whose syntactic head is `anchor` speaks in.

        Args:
            anchor: The cue's head token.
            is_judgement: The cue is a judgement verb ("condemn", "praise").
            is_label: The cue is an adjective or a labelling noun ("brutal", "terrorist").

        Returns:
            The document's voice, a named speaker's, or `UNATTRIBUTED`.
        """
        at = self._quote_at(anchor.idx)
        if at is not None:
            return self._quote_voice(at)
        if is_judgement and anchor.pos_ == "VERB":
            return self.speaker(agent_of(anchor))
        if is_label and anchor.dep_ in ATTRIBUTIVE_DEPS:
            return OUTLET
        child = anchor
        for _ in range(MAX_CLIMB):
            parent = child.head
            if parent is child:
                break
            if self._is_speech(parent) and child.dep_ in REPORTED_DEPS:
                return self.speaker(agent_of(parent))
            child = parent
        for side in child.children:
            if side.dep_ in ("parataxis", "ccomp") and self._is_speech(side):
                return self.speaker(agent_of(side))
        return self.according.get(anchor.sent.start, OUTLET)
