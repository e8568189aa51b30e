"""Sentences and named mentions of one document, from its spaCy parse.

Per-document and pure: `Document` + parsed `Doc` → `DocumentAnalysis` with `Sentence` and
`Mention` records whose character offsets index `document.text` exactly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Final, cast, get_args

from spacy.language import Language
from spacy.tokens import Doc, Span

from zenobia.extract.actors.demonyms import link_national_descriptions
from zenobia.extract.actors.descriptions import (
    DESCRIPTION_BASIS,
    find_descriptions,
    load_descriptions,
    strict_heads,
)
from zenobia.extract.actors.linking import link_actors
from zenobia.extract.actors.nominals import find_anaphors, load_mention_words
from zenobia.extract.actors.salience import ANAPHORIC_BASES, document_country, resolve_anaphors
from zenobia.extract.actors.speakers import SPEAKER_LABEL, speaking_name_spans
from zenobia.ids import mention_id
from zenobia.model import Document, DocumentAnalysis, Mention, MentionLabel, Sentence
from zenobia.nlp.gazetteer import Gazetteer, load_gazetteer
from zenobia.nlp.parse import parse_text

__all__ = [
    "ANAPHORIC_BASES",
    "DESCRIPTION_BASIS",
    "MAX_MENTION_TOKENS",
    "add_anaphoric_mentions",
    "analyze_document",
    "analyze_parsed",
    "link_confidence_basis",
    "mention_id",
    "trim_span",
]

MAX_MENTION_TOKENS: Final = 8
"""Longer NER spans are run-ons (a headline glued to a byline), not names."""

_LABELS: Final = frozenset(get_args(MentionLabel))
_LEADING_ARTICLE: Final = re.compile(r"(?:the|The|THE)\s+")  # used with .match(text, pos)
_TRAILING_POSSESSIVE: Final = re.compile("(?:['\u2019][sS]|['\u2019])$")
_EDGE_PUNCTUATION: Final = (
    "\"'()[]{}<>,;:!?*#|/\\-"
    "\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2039\u203a\u2013\u2014\u2022\u00b7\u2026"
)
"""Quotes, brackets, dashes and bullets that never start or end a name."""
_URL_OR_HANDLE: Final = re.compile(
    r"^(?:@|#)\w|\w@\w|://|^www\.|\.(?:com|org|net)\b", re.IGNORECASE
)
"""Web addresses, social handles, hashtags and e-mail addresses: never names."""


def analyze_document(document: Document, nlp: Language) -> DocumentAnalysis:
    """Parse `document.text` with `nlp` and read sentences and mentions from it.

    Args:
        document: The cleaned document.
        nlp: The pipeline from `zenobia.nlp.pipeline.load_pipeline()`.

    Returns:
        The analysis with sentences, mentions and the token count.
    """
    return analyze_parsed(document, parse_text(nlp, document.text))


def analyze_parsed(
    document: Document, doc: Doc, gazetteer: Gazetteer | None = None
) -> DocumentAnalysis:
    """Sentences and mentions of a document already parsed (for instance by `nlp.pipe`).

    Args:
        document: The cleaned document.
        doc: `nlp(document.text)`; its text must be `document.text` exactly.
        gazetteer: Where ruler entry ids are looked up; the packaged one when None.

    Returns:
        The analysis with sentences, mentions and the token count; mentions are linked to
        actors within the document by `zenobia.extract.actors.linking.link_actors` (furniture
        dropped, surnames and short forms linked, capitals that act relabelled as their
        government, roles and affiliations read), then pronouns and nominal phrases that
        refer to them are added (`add_anaphoric_mentions`).

    Raises:
        ValueError: `doc` was parsed from a different text.
    """
    if doc.text != document.text:  # spaCy rebuilds doc.text on each access: read it once
        raise ValueError(f"doc text differs from the text of document {document.id}")
    known = gazetteer if gazetteer is not None else load_gazetteer()
    sentences = _sentences(document.id, doc, document.text)
    starts = [s.start_char for s in sentences]
    mentions: dict[tuple[int, int], Mention] = {}
    speech_verbs = load_mention_words().speech_verbs
    for ent in doc.ents:
        mention = _mention(document, ent, known, starts)
        if mention is not None:
            mentions.setdefault((mention.start_char, mention.end_char), mention)
    taken = {t.i for ent in doc.ents for t in ent}
    for start, end in speaking_name_spans(doc, taken, speech_verbs):
        mentions.setdefault((start, end), _speaking_name(document, start, end, starts))
    analysis = DocumentAnalysis(
        document=document,
        sentences=sentences,
        mentions=tuple(mentions[key] for key in sorted(mentions)),
        token_count=len(doc),
    )
    linked = add_anaphoric_mentions(link_actors(analysis, doc, known), doc, known)
    return replace(
        linked,
        mentions=tuple(
            replace(m, confidence_basis=link_confidence_basis(m)) for m in linked.mentions
        ),
    )


def link_confidence_basis(mention: Mention) -> str:
    """`mention:link=<rule>`: how the mention was tied to what it names, for its confidence.

    The rule is its `link_basis` ("surname", "pronoun", "state-forces", …) when a rule linked
    it, else `kb` for a name the knowledge base knows as written, else `ner` for a name NER
    alone found.
    """
    rule = mention.link_basis or ("kb" if mention.entry_id else "ner")
    return f"mention:link={rule}"


def add_anaphoric_mentions(
    analysis: DocumentAnalysis, doc: Doc, gazetteer: Gazetteer
) -> DocumentAnalysis:
    """Add mentions for pronouns and nominal phrases that refer to an actor or place.

    Args:
        analysis: The analysis with linked named mentions.
        doc: The parse of `analysis.document.text`.
        gazetteer: Where the document country's government and forces are looked up.

    Returns:
        The analysis with the new mentions merged in text order. Each new mention carries its
        antecedent's label, canonical name and entry, and a `link_basis` in `ANAPHORIC_BASES`
        ("pronoun", "speaker", "definite-description", "document-country"); anaphors that
        refer to nothing found are left out (see `zenobia.extract.actors.salience`), except
        descriptions of a distinct collective actor ("the coalition"), which stay as ORG
        mentions with `link_basis` `DESCRIPTION_BASIS` and the phrase as canonical name
        (see `zenobia.extract.actors.descriptions`).
    """
    words = load_mention_words()
    starts = [s.start_char for s in analysis.sentences]
    named = sorted(analysis.mentions, key=lambda m: (m.start_char, m.end_char))
    named = link_national_descriptions(doc, named, words, starts)
    taken = [(m.start_char, m.end_char) for m in named]
    anaphors = find_anaphors(doc, taken, words)
    document = analysis.document
    descriptions = load_descriptions()
    added = resolve_anaphors(
        doc,
        document.text,
        document.id,
        named,
        anaphors,
        starts,
        gazetteer,
        words,
        strict_heads(descriptions),
    )
    covered = sorted([*taken, *((m.start_char, m.end_char) for m in added)])
    country = document_country(named)
    entry = gazetteer.get(country) if country is not None else None
    scope = (country, entry.canonical) if country is not None and entry is not None else None
    added.extend(
        find_descriptions(doc, document.text, document.id, covered, starts, descriptions, scope)
    )
    merged = sorted([*named, *added], key=lambda m: (m.start_char, m.end_char))
    return replace(analysis, mentions=tuple(merged))


def _sentences(doc_id: str, doc: Doc, text: str) -> tuple[Sentence, ...]:
    """spaCy's sentences, cut at newlines and trimmed of whitespace; blank ones dropped.

    Notes:
        The parser often runs a headline or a dateline into the next line; a line break in
        cleaned text ends a sentence (hard-wrapped text would be over-split, which costs
        less than a sentence spanning a headline and a body). `text` is the document's text
        (equal to `doc.text`, which spaCy rebuilds on each access).
    """
    found: list[Sentence] = []
    for sent in doc.sents:
        pieces = text[sent.start_char : sent.end_char].split("\n")
        offset = sent.start_char
        for piece in pieces:
            start, end = _trim_whitespace(text, offset, offset + len(piece))
            offset += len(piece) + 1
            if start < end:
                found.append(Sentence(doc_id, len(found), start, end, text[start:end]))
    return tuple(found)


def _trim_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut a span at its first newline and strip articles, possessives and edge punctuation.

    Notes:
        Repeats until nothing changes, since stripping one layer can expose another
        ("“the Kremlin's”"). A trailing full stop is kept when the span has another one
        ("U.S."), so abbreviations survive; otherwise it is sentence punctuation.
    """
    newline = text.find("\n", start, end)
    if newline != -1:
        end = newline
    while True:
        before = (start, end)
        start, end = _trim_whitespace(text, start, end)
        while start < end and text[start] in _EDGE_PUNCTUATION:
            start += 1
        while end > start and text[end - 1] in _EDGE_PUNCTUATION:
            end -= 1
        if end > start and text[end - 1] == "." and "." not in text[start : end - 1]:
            end -= 1
        article = _LEADING_ARTICLE.match(text, start, end)
        if article:
            start = article.end()
        possessive = _TRAILING_POSSESSIVE.search(text[start:end])
        if possessive:
            end = start + possessive.start()
        if (start, end) == before:
            return start, end


def _is_junk(text: str, token_count: int, from_gazetteer: bool) -> bool:
    """NER output that is not a name."""
    if len(text) < 2 or not any(c.isalpha() for c in text):
        return True
    if _URL_OR_HANDLE.search(text) or token_count > MAX_MENTION_TOKENS:
        return True
    # Ruler matches are case-insensitive on purpose; an all-lowercase NER span is noise.
    return not from_gazetteer and text == text.lower()


def _mention(
    document: Document, ent: Span, gazetteer: Gazetteer, sentence_starts: list[int]
) -> Mention | None:
    label = ent.label_
    if label not in _LABELS:
        return None
    text = document.text
    start, end = trim_span(text, ent.start_char, ent.end_char)
    if start >= end:
        return None
    surface = text[start:end]
    tokens = sum(1 for t in ent if t.idx < end and t.idx + len(t.text) > start)
    entry = gazetteer.get(ent.ent_id_) if ent.ent_id_ else None
    if _is_junk(surface, tokens, entry is not None):
        return None
    return Mention(
        id=mention_id(document.id, start, end, label),
        doc_id=document.id,
        sentence_index=_sentence_index(sentence_starts, start),
        start_char=start,
        end_char=end,
        text=surface,
        label=cast(MentionLabel, label),
        canonical=entry.canonical if entry else " ".join(surface.split()),
        kind=entry.kind if entry else None,
        country=entry.country if entry else None,
        entry_id=entry.id if entry else None,
    )


def _speaking_name(document: Document, start: int, end: int, sentence_starts: list[int]) -> Mention:
    """A name NER missed that speaks (`zenobia.extract.actors.speakers`)."""
    surface = document.text[start:end]
    label = SPEAKER_LABEL
    return Mention(
        id=mention_id(document.id, start, end, label),
        doc_id=document.id,
        sentence_index=_sentence_index(sentence_starts, start),
        start_char=start,
        end_char=end,
        text=surface,
        label=label,
        canonical=" ".join(surface.split()),
    )


def _sentence_index(starts: list[int], char: int) -> int:
    """Index of the last sentence starting at or before `char` (0 when none does)."""
    return max(bisect.bisect_right(starts, char) - 1, 0)
