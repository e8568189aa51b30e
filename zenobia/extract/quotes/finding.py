"""Who said what: direct and reported quotations with their speakers.

Per-document and pure: a `DocumentAnalysis` with sentences and linked mentions plus the spaCy
parse in, the same analysis with `quotes` out. Reads only `document.text`: reader comments
live in `document.comments` and are never quoted from.

Rules, in order:

1. direct quotes: every stretch between quotation marks (`_quote_marks`), with a speech verb
   (`data/speech_verbs.csv`) just after the closing mark ('"…," the commander said', '"…" said
   X') or just before the opening mark ('X said: "…"'). A split quote '"A," he said, "B."'
   gives two quotes with the same speaker and cue (one record has one contiguous span);
2. what is not speech: a quoted stretch without a cue is speech only when it reads as one
   (six words or more with a verb, or three or more ending in . ? !, or running over
   paragraphs) and then inherits the speaker of the quote just before it in the same or the
   previous paragraph. Titles and scare quotes ("Operation Dawn", a "good thing") are short,
   verbless and without a cue, so they are dropped; a short capitalised verbless stretch is a
   title even next to a speech verb;
3. indirect quotes: a speech verb with a clausal complement ("X said (that) …", "X told a
   news agency …", "X denied that …") or a reporting clause after its content ("…, the
   ministry said"), and "according to X, …". The content is the complement clause. Negated
   cues ("did not say") and wh-complements ("declined to say whether") are not quotes;
4. overlaps: a direct quote that is most of an indirect complement wins; a short direct
   quote inside a longer complement ("said the move was "a good thing"") is absorbed by it;
   speech reported inside another quote's content is part of that quote.

Speakers come from `_quote_speakers.SpeakerResolver`.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, cast

from spacy.tokens import Doc, Token

from zenobia.errors import KnowledgeError
from zenobia.extract.quotes.marks import QuotedSpan, find_quoted_spans
from zenobia.extract.quotes.speakers import Speaker, SpeakerResolver
from zenobia.ingest.identity import content_id
from zenobia.knowledge import DATA_DIR, read_table
from zenobia.model import Document, DocumentAnalysis, Quote, QuoteStance

__all__ = ["find_quotes", "load_speech_verbs", "quotes_in"]


_STANCES: Final = frozenset({"neutral", "assertive", "accusatory", "denial"})
_VERB_POS: Final = frozenset({"VERB"})
_SENTENCE_END: Final = frozenset({".", "!", "?"})
_QUOTE_CHARS: Final = frozenset('"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019')
_WH_WORDS: Final = frozenset(
    {"what", "whether", "how", "why", "who", "whom", "when", "where", "if", "which"}
)
_SUBJECT_DEPS: Final = frozenset({"nsubj"})
_CUE_AFTER_TOKENS: Final = 10
"""How far after a closing mark a reporting clause may end ('," the commander of X said')."""
_CUE_BEFORE_TOKENS: Final = 12
"""How far before an opening mark the speech verb may be ('X said in a statement on Monday:')."""
_TIGHT_GAP_TOKENS: Final = 4
"""A cue at most this many tokens before the mark introduces a quote ('said:', 'told reporters')."""
_MIN_SPEECH_WORDS: Final = 6
_MIN_SENTENCE_WORDS: Final = 3
_MAX_TITLE_WORDS: Final = 4
_ABSORB_SHARE: Final = 0.6
"""A direct quote covering at least this share of an indirect complement replaces it."""
_EDGE: Final = " \t\n,;:-\u2013\u2014" + "".join(_QUOTE_CHARS)
_LEADING_MARKS: Final = frozenset({"that"})
_QUESTION_CUES: Final = frozenset({"ask", "wonder", "question", "inquire", "enquire"})
"""Cues whose wh-complement is what was asked ("asked whether …"), not a refusal to say."""
_INTENT_CUES: Final = frozenset({"vow", "pledge", "promise", "threaten", "swear", "propose"})
"""Cues whose infinitive complement is the position reported ("vowed to veto the bill")."""
_NOUN_PREPOSITIONS: Final = frozenset({"of", "for", "about", "over", "on", "against", "to"})
"""Prepositions whose object is what an attributing noun is about ("support for the plan")."""
_VAGUE_HOLDERS: Final = frozenset({"its", "their", "it", "they", "who", "whose", "which", "that"})
"""Holders of an attributing noun too vague to name a source without coreference."""
_RELATIVE_SUBJECTS: Final = frozenset({"who", "that", "which"})


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


def find_quotes(analysis: DocumentAnalysis, doc: Doc) -> DocumentAnalysis:
    """The quotes stage: fill `analysis.quotes` from the parse.

    Args:
        analysis: The analysis with sentences and linked mentions.
        doc: The spaCy parse of `analysis.document.text`.

    Returns:
        The analysis with `quotes`, in text order.
    """
    return replace(analysis, quotes=quotes_in(analysis, doc))


def quotes_in(analysis: DocumentAnalysis, doc: Doc) -> tuple[Quote, ...]:
    """Direct and indirect quotes of one document, in text order (see the module rules).

    Args:
        analysis: The analysis with sentences and linked mentions.
        doc: The spaCy parse of `analysis.document.text`.

    Returns:
        Quote records whose offsets index `analysis.document.text`.
    """
    verbs = load_speech_verbs()
    positions = load_speech_verbs(DATA_DIR / "position_verbs.csv")
    reporting = {**positions, **load_speech_verbs(DATA_DIR / "attribution_verbs.csv"), **verbs}
    # `Doc.text` joins every token on each access: read the stored text once instead
    text = analysis.document.text
    spans = find_quoted_spans(text)
    resolver = SpeakerResolver(doc, analysis.mentions, text, spans)
    token_starts = [t.idx for t in doc]
    direct = _direct(doc, text, spans, token_starts, verbs, resolver)
    indirect = _indirect(doc, text, spans, reporting, positions, resolver)
    indirect += _nominal(
        doc, text, spans, load_speech_verbs(DATA_DIR / "attribution_nouns.csv"), resolver
    )
    indirect.sort(key=lambda f: f.start)
    found = _resolve_overlaps(direct, indirect)
    starts = [s.start_char for s in analysis.sentences]
    return tuple(_record(analysis.document, starts, f) for f in found)


# --- direct quotes -------------------------------------------------------------------------------


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
                verbs[token.lemma_.lower()],
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
    return token.pos_ in _VERB_POS and token.lemma_.lower() in verbs


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


# --- indirect quotes -----------------------------------------------------------------------------


def _indirect(
    doc: Doc,
    text: str,
    spans: Sequence[QuotedSpan],
    verbs: dict[str, QuoteStance],
    positions: dict[str, QuoteStance],
    resolver: SpeakerResolver,
) -> list[_Found]:
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
        bounds = _complement(doc, text, token, lemma, verbs, lemma in speech)
        if bounds is None and particle is not None and particle.dep_ == "prep":
            bounds = _object_of(doc, text, token, particle)
        if bounds is None and lemma in positions:
            bounds = _position_object(doc, text, token)
        if bounds is None:
            continue
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


def _position_object(doc: Doc, text: str, verb: Token) -> tuple[int, int] | None:
    """What a position is taken on: the direct object ("endorsed the plan") with its
    modifiers."""
    target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if target is None or target.pos_ == "PRON":
        return None
    left, right = target.left_edge.i, target.right_edge.i
    return _in_paragraph(text, verb.idx, doc[left].idx, doc[right].idx + len(doc[right].text))


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
) -> tuple[int, int] | None:
    """The reported clause of a speech verb, trimmed, or None when there is none. A belief or
    finding attributes only what follows it ("X believes that …"): a clause before it is
    seldom its content ("…, we found" is narration)."""
    clause = next(
        (c for c in verb.children if c.dep_ == "ccomp" and (is_speech or c.i > verb.i)), None
    )
    if clause is None and lemma in _INTENT_CUES:
        clause = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    charge = _charge(verb) if verbs.get(lemma) == "accusatory" else None
    if clause is not None:
        # before the cue too: '…, the ministry said' (the clause's subtree ends at the comma)
        left, right = clause.left_edge.i, clause.right_edge.i
    elif charge is not None:
        left, right = charge
    elif verb.dep_ == "parataxis" and verb.i < verb.head.i and is_speech:
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
    if doc[left].lower_ in _WH_WORDS and not introduced and lemma not in _QUESTION_CUES:
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
        if subject is not None:
            return resolver.from_subject(subject, verb.idx)
        # "…, saying …" and "…, adding …": a participle takes the subject of its clause
        climbs = current.dep_ in ("conj", "xcomp") or (
            current.dep_ == "advcl" and current.tag_ == "VBG"
        )
        current = current.head if climbs else None
    return None


# --- overlaps and records ------------------------------------------------------------------------


def _resolve_overlaps(direct: list[_Found], indirect: list[_Found]) -> list[_Found]:
    kept_indirect: list[_Found] = []
    dropped_direct: set[int] = set()
    for item in indirect:
        inside = [(i, d) for i, d in enumerate(direct) if d.start < item.end and item.start < d.end]
        if not inside:
            kept_indirect.append(item)
            continue
        covered = sum(min(d.end, item.end) - max(d.start, item.start) for _, d in inside)
        if covered >= _ABSORB_SHARE * (item.end - item.start):
            continue
        dropped_direct.update(i for i, _ in inside)
        kept_indirect.append(item)
    kept = [d for i, d in enumerate(direct) if i not in dropped_direct] + kept_indirect
    kept.sort(key=lambda f: (f.start, -f.end))
    # speech reported inside another quote's content is part of that quote
    result: list[_Found] = []
    for item in kept:
        nested = any(
            other is not item
            and other.start <= (item.cue_start if item.cue_start is not None else item.start)
            and (item.cue_end if item.cue_end is not None else item.end) <= other.end
            and other.end - other.start > item.end - item.start
            for other in kept
        )
        if not nested:
            result.append(item)
    return result


def _record(document: Document, starts: list[int], item: _Found) -> Quote:
    sentence_index = max(bisect.bisect_right(starts, item.start) - 1, 0)
    speaker = item.speaker
    mention = speaker.mention if speaker else None
    return Quote(
        id=content_id("quote", doc_id=document.id, start_char=item.start, end_char=item.end),
        doc_id=document.id,
        sentence_index=sentence_index,
        start_char=item.start,
        end_char=item.end,
        text=document.text[item.start : item.end],
        is_direct=item.is_direct,
        speaker_mention_id=mention.id if mention else None,
        speaker_name=speaker.name if speaker else None,
        affiliation=speaker.affiliation if speaker else None,
        cue=item.cue,
        cue_start=item.cue_start,
        cue_end=item.cue_end,
        cue_stance=item.stance,
        confidence_basis=_confidence_basis(item),
    )


def _confidence_basis(item: _Found) -> str:
    """`quote:<direct|indirect>:speaker=<how>:cue=<how>`: how the quote and its speaker were
    found, for its confidence. The speaker is `none`, a `phrase` naming no mention, a `name`,
    the rule that linked a pronoun or description to one ("pronoun", "definite-description"),
    a personal pronoun's person named nearby outside quotes (`salient-subject`), or the person
    just named before an unattributed quote (`nearby`). The cue is a speech `verb`, an
    `attribution` of belief, position or finding (`data/attribution_verbs.csv`), `according-to`
    or `none`."""
    form = "direct" if item.is_direct else "indirect"
    mention = item.speaker.mention if item.speaker else None
    if item.speaker is None:
        speaker = "none"
    elif item.speaker.rule is not None:
        speaker = item.speaker.rule
    elif mention is None:
        speaker = "phrase"
    else:
        speaker = mention.link_basis if mention.is_anaphoric and mention.link_basis else "name"
    if item.cue is None:
        cue = "none"
    elif item.cue == "according to":
        cue = "according-to"
    elif item.cue in load_speech_verbs():
        cue = "verb"
    else:
        cue = "attribution"
    return f"quote:{form}:speaker={speaker}:cue={cue}"
