"""Direct quotes: quoted spans and the speech verb or speaker cue next to them."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Token

from zenobia.extract.quotes.marks import QuotedSpan
from zenobia.extract.quotes.speakers import Speaker, SpeakerResolver
from zenobia.extract.quotes.speech import _QUOTE_CHARS, _SENTENCE_END, _VERB_POS, _speaker_of
from zenobia.model import QuoteStance

_CUE_AFTER_TOKENS: Final = 10
"""How far after a closing mark a reporting clause may end ('," the commander of X said')."""


_CUE_BEFORE_TOKENS: Final = 12
"""How far before an opening mark the speech verb may be ('X said in a statement on Monday:')."""


_TIGHT_GAP_TOKENS: Final = 4
"""A cue at most this many tokens before the mark introduces a quote ('said:', 'told reporters')."""


_MIN_SPEECH_WORDS: Final = 6


_MIN_SENTENCE_WORDS: Final = 3


_MAX_TITLE_WORDS: Final = 4


@dataclass(frozen=True, slots=True)
class _Cue:
    token: Token
    speaker: Speaker | None


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    is_direct: bool
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    stance: QuoteStance | None
    speaker: Speaker | None
    cue_index: int | None = None


def _direct(
    doc: Doc,
    text: str,
    spans: Sequence[QuotedSpan],
    token_starts: list[int],
    verbs: dict[str, QuoteStance],
    resolver: SpeakerResolver,
) -> list[_Found]:
    found: list[_Found] = []
    previous: _Found | None = None
    previous_line_end = -1
    for span in spans:
        first = bisect.bisect_left(token_starts, span.open_char)
        last = bisect.bisect_left(token_starts, span.close_char)
        content = [t for t in doc[first:last] if t.idx >= span.start_char and t.idx < span.end_char]
        words = sum(1 for t in content if t.is_alpha or t.like_num)
        after = _cue_after(doc, last, span, verbs)
        before = _cue_before(doc, first, verbs)
        cue = _choose(text, span, after, before)
        line_start = text.rfind("\n", 0, span.open_char) + 1
        if cue is None:
            continues = previous is not None and previous_line_end >= _previous_line_start(
                text, line_start
            )
            if not (_reads_as_speech(text, span, content, words) or span.paragraphs > 1):
                continue
            inherited = previous if continues else None
            nearby = None if inherited else resolver.salient_person(span.open_char)
            item = _Found(
                span.start_char,
                span.end_char,
                True,
                inherited.cue if inherited else None,
                inherited.cue_start if inherited else None,
                inherited.cue_end if inherited else None,
                inherited.stance if inherited else None,
                inherited.speaker if inherited else nearby,
                inherited.cue_index if inherited else None,
            )
        else:
            if _is_title(content, words):
                continue
            token = cue.token
            item = _Found(
                span.start_char,
                span.end_char,
                True,
                token.lemma_.lower(),
                token.idx,
                token.idx + len(token.text),
                verbs.get(token.lemma_.lower(), "neutral"),
                _speaker_of(token, resolver),
                token.i,
            )
        found.append(item)
        previous = item
        previous_line_end = text.find("\n", span.close_char)
        if previous_line_end == -1:
            previous_line_end = len(text)
    return found


def _previous_line_start(text: str, line_start: int) -> int:
    """Start of the non-blank line before the one starting at `line_start`."""
    pos = line_start - 1
    while pos > 0 and text[pos - 1] in "\n \t\r":
        pos -= 1
    return text.rfind("\n", 0, pos) + 1 if pos > 0 else 0


def _is_speech_verb(token: Token, verbs: dict[str, QuoteStance]) -> bool:
    return token.pos_ in _VERB_POS and (token.lemma_.lower() in verbs or _puts_it(token))


def _puts_it(token: Token) -> bool:
    """'as X put it': the idiom reports speech, "put" alone does not."""
    return token.lemma_.lower() == "put" and any(
        c.dep_ == "dobj" and c.lower_ == "it" for c in token.children
    )


def _is_stop(token: Token) -> bool:
    return token.text in _SENTENCE_END or "\n" in token.text or token.text in _QUOTE_CHARS


def _cue_after(
    doc: Doc, first: int, span: QuotedSpan, verbs: dict[str, QuoteStance]
) -> Token | None:
    """A speech verb in the reporting clause right after the closing mark."""
    if not span.is_closed:
        return None
    for token in doc[first : first + _CUE_AFTER_TOKENS]:
        if token.idx < span.close_char:
            continue
        if _is_stop(token):
            return None
        if _is_speech_verb(token, verbs):
            return token
        if (
            token.dep_ == "nsubj"
            and token.head.i > token.i
            and token.head.sent == token.sent
            and _is_speech_verb(token.head, verbs)
        ):
            # '…," Karim Nasser, a commander at the front, told reporters': a subject with a
            # long apposition still names its verb
            return token.head
        if token.pos_ == "VERB" and token.dep_ in ("ROOT", "conj"):
            return None
    return None


def _cue_before(doc: Doc, first: int, verbs: dict[str, QuoteStance]) -> tuple[Token, int] | None:
    """A speech verb shortly before the opening mark, and how many tokens lie between."""
    for gap, index in enumerate(range(first - 1, max(first - 1 - _CUE_BEFORE_TOKENS, -1), -1)):
        token = doc[index]
        if _is_stop(token):
            return None
        if _is_speech_verb(token, verbs):
            return token, gap
    return None


def _choose(
    text: str, span: QuotedSpan, after: Token | None, before: tuple[Token, int] | None
) -> _Cue | None:
    """Prefer the reporting clause after a quote ending in a comma (or ? !); else the one before."""
    ends_open = text[span.end_char - 1] in ",?!" if span.end_char > span.start_char else False
    if after is not None and (ends_open or before is None or before[1] > _TIGHT_GAP_TOKENS):
        return _Cue(after, None)
    if before is not None:
        return _Cue(before[0], None)
    return None


def _reads_as_speech(text: str, span: QuotedSpan, content: Sequence[Token], words: int) -> bool:
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in content)
    if words >= _MIN_SPEECH_WORDS and has_verb:
        return True
    ends_sentence = text[span.end_char - 1] in ".?!"
    return words >= _MIN_SENTENCE_WORDS and ends_sentence


def _is_title(content: Sequence[Token], words: int) -> bool:
    """A short, verbless, capitalised stretch ("Operation Dawn") is a name, not speech."""
    if words == 0:
        return True
    if words > _MAX_TITLE_WORDS or any(t.pos_ in ("VERB", "AUX") for t in content):
        return False
    alpha = [t for t in content if t.is_alpha and not t.is_stop]
    return bool(alpha) and all(t.text[:1].isupper() for t in alpha)
