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
   cues ("did not say") and wh-complements ("declined to say whether") are not quotes.
   Beyond speech (`reported`): beliefs and findings (`data/attribution_verbs.csv`), also after
   their clause ("…, his aides believe") unless told by the writer ("…, we found"); intents
   with their infinitive (`data/intent_verbs.csv`: "wants to", "asked the court to");
   positions and speech acts with their object ("condemned the plan", "denied the reports");
   backing of someone named (`data/backing_verbs.csv`); beliefs and forecasts in the passive
   ("the toll is expected to rise", its agent or no one as source); attributing nouns. A
   reported content that is a whole quoted stretch is a direct quote;
4. overlaps: a direct quote that is most of an indirect complement wins; a short direct
   quote inside a longer complement ("said the move was "a good thing"") is absorbed by it;
   speech reported inside another quote's content is part of that quote.

Speakers come from `_quote_speakers.SpeakerResolver`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from spacy.tokens import Doc

from zenobia.extract.quotes.direct import _direct, _Found
from zenobia.extract.quotes.marks import QuotedSpan, find_quoted_spans
from zenobia.extract.quotes.reported import ReportingCues, _indirect, _nominal
from zenobia.extract.quotes.speakers import SpeakerResolver
from zenobia.extract.quotes.speech import load_speech_verbs
from zenobia.ids import content_id
from zenobia.knowledge import DATA_DIR
from zenobia.model import Document, DocumentAnalysis, Quote

__all__ = ["find_quotes", "load_speech_verbs", "quotes_in"]


_ABSORB_SHARE: Final = 0.6
"""A direct quote covering at least this share of an indirect complement replaces it."""


_WHOLE_QUOTE_SHARE: Final = 0.9
"""A reported content covering at least this share of one quoted stretch is that quote."""


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
    intents = load_speech_verbs(DATA_DIR / "intent_verbs.csv")
    backing = load_speech_verbs(DATA_DIR / "backing_verbs.csv")
    reporting = {
        **backing,
        **intents,
        **positions,
        **load_speech_verbs(DATA_DIR / "attribution_verbs.csv"),
        **verbs,
    }
    cue_kinds = ReportingCues(intents=frozenset(intents), backing=frozenset(backing))
    # `Doc.text` joins every token on each access: read the stored text once instead
    text = analysis.document.text
    spans = find_quoted_spans(text)
    resolver = SpeakerResolver(doc, analysis.mentions, text, spans)
    token_starts = [t.idx for t in doc]
    direct = _direct(doc, text, spans, token_starts, verbs, resolver)
    indirect = _indirect(doc, text, spans, reporting, positions, resolver, cue_kinds)
    indirect += _nominal(
        doc, text, spans, load_speech_verbs(DATA_DIR / "attribution_nouns.csv"), resolver
    )
    indirect = [_as_direct(item, spans) for item in indirect]
    indirect.sort(key=lambda f: f.start)
    found = _resolve_overlaps(direct, indirect)
    starts = [s.start_char for s in analysis.sentences]
    return tuple(_record(analysis.document, starts, f) for f in found)


# --- direct quotes -------------------------------------------------------------------------------


# --- indirect quotes -----------------------------------------------------------------------------


# --- overlaps and records ------------------------------------------------------------------------


def _as_direct(item: _Found, spans: Sequence[QuotedSpan]) -> _Found:
    """A reported content that is all of one quoted stretch ('"…," X, a commander, said') is
    a direct quote."""
    for span in spans:
        inside = span.start_char <= item.start and item.end <= span.end_char
        if inside and item.end - item.start >= _WHOLE_QUOTE_SHARE * (
            span.end_char - span.start_char
        ):
            return replace(item, is_direct=True, start=span.start_char, end=span.end_char)
    return item


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
    elif item.is_direct or item.cue in load_speech_verbs():
        cue = "verb"
    else:
        cue = "attribution"
    return f"quote:{form}:speaker={speaker}:cue={cue}"
