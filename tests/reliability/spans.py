"""What every per-document analysis must satisfy: each span indexes the document's own text.

`span_problems` lists the broken promises of one analysis, one line each, so a failing test
names the record, its field and what the text holds there.
"""

from __future__ import annotations

import datetime as dt
import math

from zenobia.model import DocumentAnalysis

_LARGEST_STORED_INTEGER = 2**63 - 1
"""SQLite's largest integer."""


def _span(text: str, start: int, end: int) -> str | None:
    """Why (start, end) is no span of `text`, or None when it is one."""
    if not 0 <= start <= end <= len(text):
        return f"({start}, {end}) lies outside a text of {len(text)} characters"
    return None


def _is_iso_day(value: str) -> bool:
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def span_problems(analysis: DocumentAnalysis) -> list[str]:
    """Every span, surface text and interval of `analysis` that does not match its document.

    Checks sentences, mentions, events (sentence, trigger, date interval, casualty counts),
    quotes, claims (sentence, value, finite numbers), stance evidence, and that every mention
    and place a record refers to is in the analysis.
    """
    text = analysis.document.text
    problems: list[str] = []

    def check(what: str, start: int, end: int, surface: str | None = None) -> None:
        why = _span(text, start, end)
        if why is not None:
            problems.append(f"{what}: {why}")
        elif surface is not None and text[start:end] != surface:
            problems.append(f"{what}: text[{start}:{end}] is {text[start:end]!r}, not {surface!r}")

    for s in analysis.sentences:
        check(f"sentence {s.index}", s.start_char, s.end_char, s.text)
    for m in analysis.mentions:
        check(f"mention {m.id}", m.start_char, m.end_char, m.text)
    for e in analysis.events:
        check(f"event {e.id} sentence", e.start_char, e.end_char)
        check(f"event {e.id} trigger", e.trigger_start, e.trigger_end)
        if not e.start_char <= e.trigger_start < e.trigger_end <= e.end_char:
            problems.append(f"event {e.id}: trigger outside its sentence")
        if e.date is not None and not (
            _is_iso_day(e.date.start) and _is_iso_day(e.date.end) and e.date.start <= e.date.end
        ):
            problems.append(f"event {e.id}: date {e.date.start}..{e.date.end} is no interval")
        for count in (e.dead, e.injured):
            if count is not None and not 0 <= count <= _LARGEST_STORED_INTEGER:
                problems.append(f"event {e.id}: casualty count {count} is no count a store holds")
    for q in analysis.quotes:
        check(f"quote {q.id}", q.start_char, q.end_char, q.text)
        if q.cue_start is not None and q.cue_end is not None:
            check(f"quote {q.id} cue", q.cue_start, q.cue_end)
    for c in analysis.claims:
        check(f"claim {c.id} sentence", c.start_char, c.end_char, c.sentence)
        check(f"claim {c.id} value", c.value_start, c.value_end, c.text)
        if not c.start_char <= c.value_start < c.value_end <= c.end_char:
            problems.append(f"claim {c.id}: value outside its sentence")
        if not math.isfinite(c.value) or (
            c.value_high is not None
            and not (math.isfinite(c.value_high) and c.value_high > c.value)
        ):
            problems.append(f"claim {c.id}: value {c.value}..{c.value_high} is no number or range")
    for st in analysis.stances:
        if not -1 <= st.score <= 1:
            problems.append(f"stance {st.id}: score {st.score} outside -1..1")
        for start, end in st.evidence:
            check(f"stance {st.id} evidence", start, end)
    problems.extend(_dangling(analysis))
    return problems


def _dangling(analysis: DocumentAnalysis) -> list[str]:
    """References to mentions and places the analysis does not hold."""
    mentions = {m.id for m in analysis.mentions}
    places = {p.id for p in analysis.places}
    referenced: list[tuple[str, str | None]] = []
    for e in analysis.events:
        ids = (*e.source_mention_ids, *e.target_mention_ids, e.place_mention_id)
        referenced.extend((f"event {e.id}", i) for i in ids)
    referenced.extend((f"quote {q.id}", q.speaker_mention_id) for q in analysis.quotes)
    referenced.extend((f"claim {c.id}", c.speaker_mention_id) for c in analysis.claims)
    for st in analysis.stances:
        referenced.extend(
            (f"stance {st.id}", i) for i in (st.actor_mention_id, st.holder_mention_id)
        )
    problems = [
        f"{what}: mention {i} is not in the analysis"
        for what, i in referenced
        if i is not None and i not in mentions
    ]
    problems.extend(
        f"mention {m.id}: place {m.place_id} is not in the analysis"
        for m in analysis.mentions
        if m.place_id is not None and m.place_id not in places
    )
    return problems
