"""Time: temporal expressions normalised to date intervals, and the date of an event.

`find_time_expressions` reads a text alone (one regex over the vocabulary of
`data/time_words.csv`); `resolve_event_date` picks, for one event trigger in a parsed sentence,
the expression that dates it, or falls back on the publication date when a lead sentence
reports that day's news.

Notes:
    Normalisation follows TIMEX3 practice (Pustejovsky et al. 2003; HeidelTime, Strötgen &
    Gertz 2013): each expression keeps its granularity as an interval, relative ones are
    resolved against the publication date. Choosing the expression for an event follows the
    dependency path (Chambers & Jurafsky's event-time links): an expression whose head chain
    reaches the trigger without entering another clause wins; then one in a clause that governs
    the trigger ("On Sunday officials said rebels attacked"); then one in a clause coordinated
    with it. Expressions that date a noun ("the 2011 uprising") or sit under "after", "before",
    "until" do not date the event. See `_time_normalise` for the normalisation rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from zenobia.extract.time.normalise import Anchor, normalise
from zenobia.extract.time.words import TimeWords, load_time_words
from zenobia.model import EventDate, PublishedDate, TimeExpression

__all__ = ["find_time_expressions", "resolve_event_date"]

_NOUN_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "poss", "nmod"})
_VERBAL = frozenset({"VERB", "AUX"})
_FOUR_DIGITS = re.compile(r"\d{4}")
_LOOKBACK_CHARS = 40
_LOOKAHEAD_CHARS = 60

_ATTACHED, _GOVERNING, _COORDINATED = 0, 1, 2
_TIER_NOTE = {
    _ATTACHED: "",
    _GOVERNING: "; time of the governing clause",
    _COORDINATED: "; time of a coordinated clause",
}


def find_time_expressions(text: str, anchor: PublishedDate | None) -> list[TimeExpression]:
    """Every temporal expression in `text` with the date interval it denotes.

    Args:
        text: Any text (a sentence or a whole document); offsets index it.
        anchor: The publication date that relative expressions ("last May") refer to; with
            None, or a year-precision date, relative expressions are left out.

    Returns:
        The expressions in text order, non-overlapping. Clock times, ages, counts and
        durations without an anchor ("for three years") are not expressions.
    """
    words = load_time_words()
    reference = Anchor.of(anchor)
    found = []
    for match in _matches(text, words):
        meaning = normalise(match, text, reference)
        if meaning is None:
            continue
        start, end = meaning.interval
        found.append(
            TimeExpression(
                start_char=meaning.start_char,
                end_char=meaning.end_char,
                text=text[meaning.start_char : meaning.end_char],
                start=start.isoformat(),
                end=end.isoformat(),
                basis=meaning.basis,
                is_relative=meaning.is_relative,
                weekday=meaning.weekday,
            )
        )
    return found


def _matches(text: str, words: TimeWords) -> Iterator[re.Match[str]]:
    """The expression regex's matches, searched only in windows around key words.

    Every expression holds a key word (a month, weekday, season, unit, deictic or a 4-digit
    number) and starts at most `_LOOKBACK_CHARS` before it, so this finds what a scan of the
    whole text finds, several times faster.
    """
    pos = 0
    for hit in words.keys.finditer(text):
        if hit.end() <= pos:
            continue
        start = max(pos, hit.start() - _LOOKBACK_CHARS)
        end = min(len(text), hit.end() + _LOOKAHEAD_CHARS)
        for match in words.pattern.finditer(text, start, end):
            if match.start() >= hit.end():
                break
            yield match
            pos = match.end()


@dataclass(frozen=True, slots=True)
class _Candidate:
    expression: TimeExpression
    tier: int
    steps: int
    distance: int


def resolve_event_date(
    sentence: SpacySpan, trigger: Token, published: PublishedDate | None
) -> EventDate | None:
    """The date of the event that `trigger` names, or None when the text does not say.

    Args:
        sentence: The parsed sentence holding the trigger.
        trigger: The word naming the event (a verb or an event noun).
        published: The document's publication date (the anchor of relative expressions).

    Returns:
        An inclusive ISO interval and the rule that gave it. Publication-date rule: only when
        the sentence holds no time expression at all, is one of the first two sentences of the
        document, the trigger is a past-tense or present-perfect verb, and the publication date
        is known to the day and not inferred; the interval is then the publication day and the
        day before (news reported as it happens, filed on the day or overnight).

    Notes:
        spaCy DATE entities are a hint only: a DATE entity that is exactly a year in range counts
        as an explicit year even without the lead word the text rule asks for.
    """
    words = load_time_words()
    text = sentence.text
    expressions = list(_sentence_expressions(text, published))
    if _FOUR_DIGITS.search(text):
        expressions += _entity_years(sentence, expressions, published)
    candidates = [c for e in expressions if (c := _candidate(e, sentence, trigger, words))]
    if candidates:
        best = min(candidates, key=lambda c: (c.tier, c.steps, c.distance))
        return _event_date(best, trigger, published, words)
    if expressions:
        return None
    return _publication_date(sentence, trigger, published)


@lru_cache(maxsize=64)
def _sentence_expressions(text: str, published: PublishedDate | None) -> tuple[TimeExpression, ...]:
    """Several triggers share a sentence: its expressions are found once."""
    return tuple(find_time_expressions(text, published))


def _entity_years(
    sentence: SpacySpan, found: list[TimeExpression], published: PublishedDate | None
) -> list[TimeExpression]:
    extra: list[TimeExpression] = []
    base = sentence.start_char
    latest = int(published.date[:4]) + 5 if published and published.date else 9999
    # one-token DATE entities, read from the tokens: `sentence.ents` scans the whole document
    for token in sentence:
        if token.ent_type_ != "DATE" or token.ent_iob_ != "B" or not token.is_digit:
            continue
        if token.i + 1 < sentence.end and token.nbor().ent_iob_ == "I":
            continue
        start, end = token.idx - base, token.idx + len(token) - base
        if len(token.text) != 4 or not 1900 <= int(token.text) <= latest:
            continue
        if any(e.start_char < end and start < e.end_char for e in found):
            continue
        year = token.text
        extra.append(
            TimeExpression(
                start, end, year, f"{year}-01-01", f"{year}-12-31", "explicit year", False
            )
        )
    return extra


def _candidate(
    expression: TimeExpression, sentence: SpacySpan, trigger: Token, words: TimeWords
) -> _Candidate | None:
    """Where the expression attaches relative to the trigger, or None when it dates no event."""
    base = sentence.start_char
    start, end = base + expression.start_char, base + expression.end_char
    span = sentence.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tokens = list(span)
    inside = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    distance = min(abs(t.i - trigger.i) for t in tokens)
    before = sentence.doc[tokens[0].i - 1] if tokens[0].i > sentence.start else None
    if root.dep_ in _NOUN_MODIFIER_DEPS and before is not None and before.pos_ == "ADP":
        # "On Sunday officials said": the parser made the date a compound of the next noun
        root = before
    if (
        root.dep_ in _NOUN_MODIFIER_DEPS
        and root.head != trigger
        and root.head.pos_ in ("NOUN", "PROPN")
    ):
        return None
    node, steps = root, 0
    while True:
        if node == trigger:
            return _Candidate(expression, _ATTACHED, steps, distance)
        head = node.head
        if node.dep_ == "pobj" and head.lower_ in words.not_event_time:
            return None
        if head.i == node.i:
            return None
        node, steps = head, steps + 1
        if node.pos_ in _VERBAL and node != trigger and node.dep_ not in ("aux", "auxpass"):
            break
    if node in list(trigger.ancestors):
        return _Candidate(expression, _GOVERNING, steps, distance)
    if node in trigger.conjuncts:
        return _Candidate(expression, _COORDINATED, steps, distance)
    return None


def _is_future(trigger: Token, words: TimeWords) -> bool:
    auxiliaries = [c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    if any(a in words.future_aux for a in auxiliaries):
        return True
    return trigger.dep_ == "xcomp" and trigger.head.lower_ in words.future_aux


def _event_date(
    best: _Candidate, trigger: Token, published: PublishedDate | None, words: TimeWords
) -> EventDate:
    expression = best.expression
    note = _TIER_NOTE[best.tier]
    if expression.weekday is not None and _is_future(trigger, words):
        past = dt.date.fromisoformat(expression.start)
        day = (
            past
            if past.weekday() == expression.weekday and _is_today(past, published)
            else past + dt.timedelta(days=7)
        )
        return EventDate(
            day.isoformat(),
            day.isoformat(),
            "weekday on or after publication (future tense)" + note,
        )
    return EventDate(expression.start, expression.end, expression.basis + note)


def _is_today(day: dt.date, published: PublishedDate | None) -> bool:
    return published is not None and published.date == day.isoformat()


def _publication_date(
    sentence: SpacySpan, trigger: Token, published: PublishedDate | None
) -> EventDate | None:
    if published is None or published.date is None or published.is_inferred:
        return None
    if published.precision not in (None, "day") or not _is_past_or_perfect(trigger):
        return None
    if not _is_lead(sentence):
        return None
    day = dt.date.fromisoformat(published.date)
    return EventDate(
        (day - dt.timedelta(days=1)).isoformat(),
        day.isoformat(),
        "publication date: lead sentence reports that day's news"
        " (publication day or the day before)",
    )


def _is_lead(sentence: SpacySpan) -> bool:
    """The first or second sentence of the document (a headline or dateline, then the lead)."""
    if sentence.start == 0:
        return True
    return sentence.doc[0].sent.end == sentence.start


def _is_past_or_perfect(trigger: Token) -> bool:
    """A simple past ("shelled", "were killed") or present perfect ("has seized")."""
    if trigger.tag_ == "VBD":
        return True
    if trigger.tag_ != "VBN":
        return False
    auxiliaries = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "VBD" for a in auxiliaries):
        return True
    return any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxiliaries)
