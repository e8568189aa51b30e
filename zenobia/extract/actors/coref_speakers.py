"""Who speaks each quoted passage, for first-person pronouns inside it ("We will hold").

Reads the quotation marks (`zenobia.extract.quotes.marks`) and the parse; the quotes stage
proper runs later and does more (affiliations, reported speech without marks).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Span

from zenobia.extract.quotes import find_quoted_spans
from zenobia.model import Mention

__all__ = [
    "SpokenPassage",
    "quote_speakers",
    "speaker_at",
    "statement_speakers",
    "title_speaker",
]

MAX_TITLE_CHARS: Final = 200
"""A title line longer than this is a paragraph, not a title."""

MAX_CARRY_CHARS: Final = 400
"""A quote without an attribution of its own takes the previous quote's speaker only when it
opens this close after it."""


@dataclass(frozen=True, slots=True)
class SpokenPassage:
    """A quoted stretch (its content, `start_char` to `end_char`) and the named mention of
    whoever speaks it."""

    start_char: int
    end_char: int
    speaker: Mention


def quote_speakers(
    doc: Doc, text: str, named: Sequence[Mention], speech_verbs: frozenset[str]
) -> list[SpokenPassage]:
    """The quoted passages of a document whose speaker is a named mention, in text order.

    Args:
        doc: The parse of `text`.
        text: The document's text.
        named: The named mentions, sorted by `start_char`.
        speech_verbs: Lemmas of speech verbs.

    Returns:
        One passage per quote with a speaker.

    Notes:
        A quote's speaker is the nominal subject of a speech verb outside the quote marks in
        a sentence the quote starts or ends in ('"…," said <name>'; '<name> said: "…"'),
        when that subject lies inside a named mention. A quote with no such verb takes the
        speaker of the quote before it when no full line of other text lies between them
        and it opens within `MAX_CARRY_CHARS` ('"…," said <name>. "We …"', and a quotation
        running over paragraphs). After the attribution heuristics of Pareti (2015) and
        O'Keefe et al. (2012), without their learned models. Each sentence is read at most
        twice per quote: linear in the document's length for ordinary quote counts.
    """
    spans = find_quoted_spans(text)
    if not spans:
        return []
    starts = [m.start_char for m in named]
    passages: list[SpokenPassage] = []
    previous: tuple[int, Mention] | None = None
    for quoted in spans:
        speaker = _attributed(doc, quoted.open_char, quoted.close_char, named, starts, speech_verbs)
        if speaker is None and previous is not None:
            close, last = previous
            gap = text[close : quoted.open_char]
            inner_lines = gap.split("\n")[1:-1]
            if quoted.open_char - close <= MAX_CARRY_CHARS and not any(
                line.strip() for line in inner_lines
            ):
                speaker = last
        if speaker is None:
            previous = None
            continue
        passages.append(SpokenPassage(quoted.start_char, quoted.end_char, speaker))
        previous = (quoted.close_char, speaker)
    return passages


def statement_speakers(
    doc: Doc, text: str, named: Sequence[Mention], speech_verbs: frozenset[str]
) -> list[SpokenPassage]:
    """Unquoted statements introduced by a line "<name> said:", with their speaker.

    Args:
        doc: The parse of `text`.
        text: The document's text.
        named: The named mentions, sorted by `start_char`.
        speech_verbs: Lemmas of speech verbs.

    Returns:
        One passage per such line, from the next line to the next line that ends with a
        colon (another attribution or a heading) or to the end of the text.

    Notes:
        The press-release and statement convention: an attribution line ending in a colon
        whose speech verb has a named subject, then the statement's paragraphs without
        quotation marks. Its speaker is found as for a quote (`quote_speakers`). One pass
        over the lines: linear in the document's length.
    """
    starts = [m.start_char for m in named]
    colons: list[tuple[int, int]] = []  # (colon position, start of the next line)
    position = 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        if stripped.endswith(":"):
            colons.append((position + len(stripped) - 1, position + len(line) + 1))
        position += len(line) + 1
    passages: list[SpokenPassage] = []
    for index, (colon, start) in enumerate(colons):
        end = colons[index + 1][0] if index + 1 < len(colons) else len(text)
        if start >= end:
            continue
        speaker = _attributed(doc, colon, colon + 1, named, starts, speech_verbs)
        if speaker is not None:
            passages.append(SpokenPassage(start, end, speaker))
    return passages


def title_speaker(
    doc: Doc, text: str, named: Sequence[Mention], speech_nouns: frozenset[str]
) -> SpokenPassage | None:
    """The whole document as one unquoted statement when its title names who speaks it.

    Args:
        doc: The parse of `text`.
        text: The document's text.
        named: The named mentions, sorted by `start_char`.
        speech_nouns: Lower-case nouns of speeches ("statement", "remarks", "speech").

    Returns:
        A passage from the end of the first line to the end of the text, spoken by the one
        person named in the first line, when that line also holds a speech noun ("Statement
        by <name>", "<name>'s speech", "Remarks by <name>"); else None.

    Notes:
        The transcript convention of press releases and speeches: the title names the
        speaker once, and the body is in the first person without quotation marks. The
        caller keeps quoted stretches out of it. Only the first line is read: constant cost.
    """
    end = text.find("\n")
    end = len(text) if end < 0 else end
    if end > MAX_TITLE_CHARS or end >= len(text):
        return None
    title = doc.char_span(0, end, alignment_mode="contract")
    if title is None or not any(
        t.lower_ in speech_nouns or t.lemma_.casefold() in speech_nouns for t in title
    ):
        return None
    people = {m.canonical: m for m in named if m.end_char <= end and m.label == "PERSON"}
    if len(people) != 1:
        return None
    (speaker,) = people.values()
    return SpokenPassage(end, len(text), speaker)


def speaker_at(passages: Sequence[SpokenPassage], char: int) -> Mention | None:
    """The speaker of the passage that contains `char`, or None."""
    index = bisect.bisect_right([p.start_char for p in passages], char) - 1
    if index >= 0 and char < passages[index].end_char:
        return passages[index].speaker
    return None


def _attributed(
    doc: Doc,
    open_char: int,
    close_char: int,
    named: Sequence[Mention],
    starts: list[int],
    speech_verbs: frozenset[str],
) -> Mention | None:
    for sentence in _sentences_at(doc, (open_char, max(close_char - 1, open_char))):
        for token in sentence:
            if open_char <= token.idx < close_char:
                continue
            if token.pos_ != "VERB" or token.lemma_.lower() not in speech_verbs:
                continue
            for child in token.children:
                if child.dep_ != "nsubj" or child.pos_ == "PRON":
                    continue
                index = bisect.bisect_right(starts, child.idx) - 1
                if index >= 0 and named[index].end_char > child.idx:
                    return named[index]
    return None


def _sentences_at(doc: Doc, chars: tuple[int, int]) -> list[Span]:
    found: list[Span] = []
    for char in chars:
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        sentence = span[0].sent
        if not found or found[-1].start != sentence.start:
            found.append(sentence)
    return found
