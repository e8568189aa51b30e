"""Reported speech.

Indirect and nominal attributions, "according to" and the content they report.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Token

from zenobia.extract.quotes.direct import _Found
from zenobia.extract.quotes.marks import QuotedSpan
from zenobia.extract.quotes.speakers import Speaker, SpeakerResolver
from zenobia.extract.quotes.speech import (
    _QUOTE_CHARS,
    _SENTENCE_END,
    _SUBJECT_DEPS,
    _VERB_POS,
    _speaker_of,
    load_speech_verbs,
)
from zenobia.model import QuoteStance


@dataclass(frozen=True, slots=True)
class ReportingCues:
    """Cue lemmas read beyond the speech verbs: verbs of intent whose infinitive is the content
    (`data/intent_verbs.csv`) and verbs of backing whose named object is (`backing_verbs.csv`)."""

    intents: frozenset[str]
    backing: frozenset[str]


_WH_WORDS: Final = frozenset(
    {"what", "whether", "how", "why", "who", "whom", "when", "where", "if", "which"}
)


_EDGE: Final = " \t\n,;:-\u2013\u2014" + "".join(_QUOTE_CHARS)


_LEADING_MARKS: Final = frozenset({"that"})


_QUESTION_CUES: Final = frozenset({"ask", "wonder", "question", "inquire", "enquire"})
"""Cues whose wh-complement is what was asked ("asked whether …"), not a refusal to say."""


_OBJECT_NOT_SAID: Final = frozenset(
    {
        *("tell", "inform", "brief", "ask", "warn", "urge", "remind", "caution", "thank"),
        *("accuse", "blame", "charge", "quote", "answer", "address", "call"),
        *("add", "argue", "continue", "post", "tweet", "write", "claim"),
    }
)
"""Speech verbs whose direct object is not what is said: who is spoken to or about ("told
reporters", "accused the militia"), a medium, a sum or a deed ("posted a video", "argued cases",
"added up to", "claimed responsibility")."""


_ANONYMITY_VERBS: Final = frozenset({"name", "identify"})
"""Infinitives of the formula by which a source stays anonymous ("asked not to be named")."""


_FIRST_PERSON: Final = frozenset({"i", "we"})
"""Subjects of a belief or finding after its clause that make it narration ("…, we found")."""


_NOUN_PREPOSITIONS: Final = frozenset({"of", "for", "about", "over", "on", "against", "to"})
"""Prepositions whose object is what an attributing noun is about ("support for the plan")."""


_VAGUE_HOLDERS: Final = frozenset({"its", "their", "it", "they", "who", "whose", "which", "that"})
"""Holders of an attributing noun too vague to name a source without coreference."""


def _indirect(
    doc: Doc,
    text: str,
    spans: Sequence[QuotedSpan],
    verbs: dict[str, QuoteStance],
    positions: dict[str, QuoteStance],
    resolver: SpeakerResolver,
    cue_kinds: ReportingCues,
) -> list[_Found]:
    """Attributions a verb makes: its clause, its infinitive (`cue_kinds.intents`), the object
    of its preposition, of a position verb, or the name a backing verb takes
    (`cue_kinds.backing`)."""
    speech = load_speech_verbs()
    opens = [s.open_char for s in spans]
    found: list[_Found] = []
    for token in doc:
        if token.lower_ == "according" and not _in_quote(token.idx, spans, opens):
            item = _according_to(doc, text, token, resolver)
            if item is not None:
                found.append(item)
            continue
        if token.pos_ not in _VERB_POS or _in_quote(token.idx, spans, opens):
            continue
        lemma, particle = _cue_lemma(token, verbs)
        if lemma is None:
            continue
        if any(child.dep_ == "neg" for child in token.children):
            continue
        bounds = _complement(doc, text, token, lemma, verbs, lemma in speech, cue_kinds.intents)
        if bounds is None and particle is not None and particle.dep_ == "prep":
            bounds = _object_of(doc, text, token, particle)
        if bounds is None and (
            lemma in positions or (lemma in speech and lemma not in _OBJECT_NOT_SAID)
        ):
            # "condemned the shelling", "denied the claims", "mentioned the need for a wall";
            # not a quoted name ("announced “Operation Dawn”"), which is a title
            bounds = _position_object(doc, text, token)
            if bounds is not None and _in_quote(bounds[0], spans, opens):
                bounds = None
        if bounds is None and lemma in cue_kinds.backing:
            bounds = _position_object(doc, text, token, needs_name=True)
        passive = _passive_report(doc, text, token, resolver) if lemma not in speech else None
        passive_bounds = passive[0] if passive is not None else None
        if passive is not None and passive_bounds is not None:
            bounds, speaker = passive_bounds, passive[1]
        elif bounds is None:
            continue
        else:
            speaker = _speaker_of(token, resolver)
            if speaker is None:
                continue
        found.append(
            _Found(
                bounds[0],
                bounds[1],
                False,
                lemma,
                token.idx,
                token.idx + len(token.text),
                verbs[lemma],
                speaker,
                token.i,
            )
        )
    return found


def _nominal(
    doc: Doc,
    text: str,
    spans: Sequence[QuotedSpan],
    nouns: dict[str, QuoteStance],
    resolver: SpeakerResolver,
) -> list[_Found]:
    """Attributions a noun makes: "the minister's claim that …", "the union voiced support for
    …". Only with a holder (a possessor, or the subject of the verb taking the noun as object)
    and a content (the noun's clause, or the object of its preposition)."""
    opens = [s.open_char for s in spans]
    found: list[_Found] = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or lemma not in nouns or _in_quote(token.idx, spans, opens):
            continue
        holder = next((c for c in token.children if c.dep_ == "poss"), None)
        if holder is None and token.dep_ == "dobj" and token.head.pos_ == "VERB":
            holder = next((c for c in token.head.children if c.dep_ in _SUBJECT_DEPS), None)
        if holder is None or holder.lower_ in _VAGUE_HOLDERS:
            continue
        bounds = _noun_content(doc, text, token)
        if bounds is None:
            continue
        found.append(
            _Found(
                bounds[0],
                bounds[1],
                False,
                lemma,
                token.idx,
                token.idx + len(token.text),
                nouns[lemma],
                resolver.from_subject(holder, token.idx),
                token.i,
            )
        )
    return found


def _noun_content(doc: Doc, text: str, noun: Token) -> tuple[int, int] | None:
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i), None)
    if clause is not None:
        left, right = clause.left_edge.i, clause.right_edge.i
        while left <= right and (doc[left].lower_ in _LEADING_MARKS or doc[left].is_punct):
            left += 1
    else:
        preposition = next(
            (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _NOUN_PREPOSITIONS),
            None,
        )
        target = (
            next((c for c in preposition.children if c.dep_ in ("pobj", "pcomp")), None)
            if preposition is not None
            else None
        )
        if target is None:
            return None
        left, right = target.left_edge.i, target.right_edge.i
    if left > right or not any(t.is_alpha for t in doc[left : right + 1]):
        return None
    return _in_paragraph(text, noun.idx, doc[left].idx, doc[right].idx + len(doc[right].text))


def _cue_lemma(token: Token, verbs: dict[str, QuoteStance]) -> tuple[str | None, Token | None]:
    """The cue a verb makes: a phrasal cue with its particle or preposition ("point out",
    "call for"), else its own lemma, else None."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep") and f"{lemma} {child.lower_}" in verbs:
            return f"{lemma} {child.lower_}", child
    return (lemma, None) if lemma in verbs else (None, None)


def _object_of(doc: Doc, text: str, verb: Token, preposition: Token) -> tuple[int, int] | None:
    """What a prepositional cue is about: the object of its preposition ("called for talks")."""
    target = next((c for c in preposition.children if c.dep_ in ("pobj", "pcomp")), None)
    if target is None or sum(1 for t in target.subtree if t.is_alpha) < 2:
        return None
    left, right = target.left_edge.i, target.right_edge.i
    return _in_paragraph(text, verb.idx, doc[left].idx, doc[right].idx + len(doc[right].text))


def _position_object(
    doc: Doc, text: str, verb: Token, *, needs_name: bool = False
) -> tuple[int, int] | None:
    """What a position is taken on: the direct object ("endorsed the plan") with its
    modifiers; with `needs_name`, only an object that names someone ("backs Mira Tal")."""
    target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if target is None or target.pos_ == "PRON":
        return None
    if needs_name and not any(t.pos_ == "PROPN" for t in target.subtree):
        return None
    left, right = target.left_edge.i, target.right_edge.i
    return _in_paragraph(text, verb.idx, doc[left].idx, doc[right].idx + len(doc[right].text))


def _passive_report(
    doc: Doc, text: str, verb: Token, resolver: SpeakerResolver
) -> tuple[tuple[int, int] | None, Speaker | None] | None:
    """A belief or forecast in the passive ("the deficit is projected to rise", "the convoy
    was believed to be lost"): the subject with its infinitive is the content, the agent
    ("by analysts") the source, or no one. None when the verb is not such a passive."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if subject is None or infinitive is None or subject.pos_ == "PRON":
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    speaker = resolver.from_subject(source, verb.idx) if source is not None else None
    left, right = subject.left_edge.i, infinitive.right_edge.i
    end = doc[right].idx + len(doc[right].text)
    return _in_paragraph(text, verb.idx, doc[left].idx, end), speaker


def _in_quote(char: int, spans: Sequence[QuotedSpan], opens: list[int]) -> bool:
    index = bisect.bisect_right(opens, char) - 1
    return index >= 0 and spans[index].open_char <= char < spans[index].close_char


def _complement(
    doc: Doc,
    text: str,
    verb: Token,
    lemma: str,
    verbs: dict[str, QuoteStance],
    is_speech: bool,
    intents: frozenset[str],
) -> tuple[int, int] | None:
    """The reported clause of a speech verb, trimmed, or None when there is none. A belief or
    finding after its clause ("…, his aides believe") attributes it unless its subject is the
    writer ("…, we found" is narration). An intent's infinitive is its content, with the one
    asked or urged when there is one ("asked the court to block the rule")."""
    narrated = any(c.dep_ in _SUBJECT_DEPS and c.lower_ in _FIRST_PERSON for c in verb.children)
    clause = next(
        (
            c
            for c in verb.children
            if c.dep_ == "ccomp" and (is_speech or c.i > verb.i or not narrated)
        ),
        None,
    )
    addressee = None
    if clause is None and lemma in intents:
        clause = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if clause is not None and clause.lemma_.lower() in _ANONYMITY_VERBS:
            # "asked not to be named": the source's anonymity, not a position
            return None
        addressee = next((c for c in verb.children if c.dep_ == "dobj"), None)
    charge = _charge(verb) if verbs.get(lemma) == "accusatory" else None
    if clause is not None:
        # before the cue too: '…, the ministry said' (the clause's subtree ends at the comma)
        left, right = clause.left_edge.i, clause.right_edge.i
        if addressee is not None and verb.i < addressee.i < left:
            left = addressee.left_edge.i
    elif charge is not None:
        left, right = charge
    elif verb.dep_ == "parataxis" and verb.i < verb.head.i and (is_speech or not narrated):
        # 'In the end, the mayor said, the town held': the clause the cue interrupts
        sent = verb.sent
        before = (sent.start, verb.left_edge.i - 1)
        after = (verb.right_edge.i + 1, sent.end - 1)
        left, right = after if after[1] - after[0] >= before[1] - before[0] else before
    elif verb.dep_ in ("relcl", "parataxis", "advcl") and verb.i > verb.head.i and is_speech:
        # '… killed 20 people the ministry said': a reporting clause glued after its content
        if any(
            t.text not in _SENTENCE_END and not t.is_punct
            for t in doc[verb.right_edge.i + 1 : verb.sent.end]
        ):
            return None
        left, right = verb.sent.start, verb.left_edge.i - 1
    else:
        return None
    introduced = False
    while left <= right and (doc[left].lower_ in _LEADING_MARKS or doc[left].is_punct):
        introduced = introduced or doc[left].lower_ in _LEADING_MARKS
        left += 1
    if left > right:
        return None
    opening = doc[left]
    if (
        opening.lower_ in _WH_WORDS
        and not introduced
        and lemma not in _QUESTION_CUES
        and (clause is None or opening.head == clause or opening == clause)
    ):
        # "declined to say whether …"; an "if" opening a clause inside the content is not one
        return None
    if sum(1 for t in doc[left : right + 1] if t.is_alpha) < 2:
        return None
    return _in_paragraph(text, verb.idx, doc[left].idx, doc[right].idx + len(doc[right].text))


def _charge(verb: Token) -> tuple[int, int] | None:
    """'accused X of Y', 'blamed X for Y': the one charged and the charge, as token indexes."""
    target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    grounds = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "for")]
    if target is None or not grounds:
        return None
    return target.left_edge.i, max(g.right_edge.i for g in grounds)


def _in_paragraph(text: str, cue: int, start: int, end: int) -> tuple[int, int] | None:
    """The span clipped to the cue's paragraph (a parse may run a headline into it), trimmed."""
    start = max(start, text.rfind("\n", 0, cue) + 1)
    line_end = text.find("\n", cue)
    if line_end != -1:
        end = min(end, line_end)
    return _trim(text, start, end) if start < end else None


def _according_to(
    doc: Doc, text: str, according: Token, resolver: SpeakerResolver
) -> _Found | None:
    """'According to X, …' and '…, according to X': X speaks, the rest of the clause is said."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is None or source is None:
        return None
    sent = according.sent
    phrase_start, phrase_end = according.left_edge.i, according.right_edge.i
    before = (sent.start, phrase_start - 1)
    after = (phrase_end + 1, sent.end - 1)
    left, right = after if after[1] - after[0] >= before[1] - before[0] else before
    if right - left < 1:
        return None
    bounds = _in_paragraph(
        text, according.idx, doc[left].idx, doc[right].idx + len(doc[right].text)
    )
    if bounds is None:
        return None
    cue_end = to.idx + len(to.text)
    return _Found(
        bounds[0],
        bounds[1],
        False,
        "according to",
        according.idx,
        cue_end,
        "neutral",
        resolver.from_subject(source, according.idx),
        according.i,
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and (text[end - 1] in _EDGE or text[end - 1] in ".!?"):
        end -= 1
    return (start, end) if start < end else None
