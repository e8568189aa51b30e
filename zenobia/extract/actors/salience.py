"""Linking pronouns and nominal phrases to the actor or place they refer to, within a document.

A salience baseline, not a coreference model (none is available offline, see MODELS.md): each
anaphor takes the most recent compatible mention within a few sentences, and becomes a
mention of the same actor or place, with `link_basis` saying which rule linked it.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Token

from zenobia.extract.actors.coref_speakers import (
    SpokenPassage,
    quote_speakers,
    speaker_at,
    statement_speakers,
    title_speaker,
)
from zenobia.extract.actors.nominals import Anaphor, MentionWords
from zenobia.extract.quotes import find_quoted_spans
from zenobia.ids import mention_id
from zenobia.model import ANAPHORIC_BASES, ActorKind, Mention, MentionLabel
from zenobia.nlp.gazetteer import Gazetteer

__all__ = [
    "ANAPHORIC_BASES",
    "NOMINAL_WINDOW",
    "PLACE_WINDOW",
    "PRONOUN_WINDOW",
    "document_country",
    "resolve_anaphors",
]

PRONOUN_WINDOW: Final = 2
"""A pronoun looks back over its own sentence and this many sentences before it."""
NOMINAL_WINDOW: Final = 5
"""A definite description looks back over its own sentence and this many before it."""
PLACE_WINDOW: Final = 2
"""A place noun ("the city") looks back only as far as a pronoun: with no feature class known
before geocoding, a far place is as likely a town as a province."""

_STATE_KINDS: Final = frozenset({"state", "government", "military"})
_PLACE_CLASSES: Final = frozenset({"place", "state"})
_ORG_LABELS: Final = frozenset({"ORG", "NORP"})
_PLURAL_TAGS: Final = frozenset({"NNS", "NNPS"})
_PLURAL_PRONOUNS: Final = frozenset({"they", "their", "them"})
_SINGULAR_PRONOUNS: Final = frozenset({"it", "its"})
_SINGULAR_NOUN_TAGS: Final = frozenset({"NN", "NNP"})
_BOUND_POSSESSIVES: Final = frozenset({"its", "their"})
"""Possessives bound by the subject of their clause when it agrees (see
`_clause_subject_mention`)."""
_FIRST_PERSON_SINGULAR: Final = frozenset({"i", "my", "me"})


@dataclass(frozen=True, slots=True)
class _Context:
    doc: Doc
    doc_id: str
    text: str
    sentence_starts: list[int]
    gazetteer: Gazetteer
    country: str | None
    words: MentionWords
    strict_heads: frozenset[str]
    passages: list[SpokenPassage]
    statements: list[SpokenPassage]
    titled: list[SpokenPassage]


def _unquoted(passage: SpokenPassage, text: str) -> list[SpokenPassage]:
    """The parts of a titled statement outside quotation marks (quotes have other speakers)."""
    pieces: list[SpokenPassage] = []
    start = passage.start_char
    for quoted in find_quoted_spans(text):
        if quoted.close_char <= start:
            continue
        if quoted.open_char > start:
            pieces.append(SpokenPassage(start, quoted.open_char, passage.speaker))
        start = max(start, quoted.close_char + 1)
    if start < passage.end_char:
        pieces.append(SpokenPassage(start, passage.end_char, passage.speaker))
    return pieces


def document_country(mentions: Iterable[Mention]) -> str | None:
    """The country a document is most about: the commonest `country` of its state mentions.

    Counts mentions of states, governments and armed forces and of demonyms of states; a tie
    goes to the country named first. None when no such mention has a country.
    """
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for mention in mentions:
        if mention.country and (
            mention.kind in _STATE_KINDS or (mention.label == "NORP" and mention.kind == "state")
        ):
            counts[mention.country] += 1
            first.setdefault(mention.country, mention.start_char)
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first[c]))


def resolve_anaphors(
    doc: Doc,
    text: str,
    doc_id: str,
    mentions: Sequence[Mention],
    anaphors: Iterable[Anaphor],
    sentence_starts: list[int],
    gazetteer: Gazetteer,
    words: MentionWords,
    strict_heads: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Mentions for the anaphors that refer to something; the others are left out.

    Args:
        doc: The parse.
        text: The document's text (`doc.text`, which spaCy rebuilds on each access).
        doc_id: The document's id.
        mentions: The document's named mentions, in text order.
        anaphors: From `find_anaphors`, in text order.
        sentence_starts: Start offsets of the analysis' sentences.
        gazetteer: Where the document country's government and forces are looked up.
        words: From `load_mention_words()` (speech verbs find the speaker of "we" and
            "I"; place nouns and prepositions guard person antecedents).
        strict_heads: Head nouns ("coalition") that link back only to a mention containing
            them, never to any compatible one (`_mention_descriptions.strict_heads`).

    Returns:
        New mentions, in text order. Each takes its antecedent's label, canonical name, kind,
        country, entry, role and affiliation, so it counts toward the same actor or place.

    Notes:
        Rules, after Hobbs-style recency baselines (Hobbs 1978; Lappin & Leass 1994, without
        their syntactic weights):
        1. "pronoun": he/she/his/her take the last PERSON, except a name right after a
           place noun or a locative preposition ("the mayor of <name>", "in <name>"), which
           NER often mislabels and which is a town; it/its/they/their the last organisation
           (ORG, or NORP of an organisation kind; they/their also a plural people NORP such
           as "Kurds"), within `PRONOUN_WINDOW` sentences, with number agreement:
           they/their prefer the last plural antecedent ("Kurds", "the rebels", a name
           ending in a plural noun) and fall back to a singular organisation (British usage:
           "the ministry … they"); it/its skip plural common nouns ("the rebels"). First,
           its/their are bound by the subject of their clause when it agrees in number
           ("<Group>, which fought <Other>, said its fighters…" → <Group>), and left
           unlinked when that subject is a common noun naming no actor ("his country enters
           its fifth year"); see `_clause_subject_mention`.
        2. "speaker": we/our/us/I/my/me inside a quoted passage take its speaker
           (`zenobia.extract.actors.coref_speakers`) or an unquoted statement after "<name>
           said:", else inside a sentence whose speech verb has
           a named subject that subject; for we/our/us a person's affiliation when it names
           a mention, else the person. An unquoted I/my/me with no speaker in reach takes
           the person a title line names with a speech noun ("Statement by <name>",
           `_coref_speakers.title_speaker`).
        3. "definite-description": "the militants" takes the last mention whose kind (or NER
           label) the head noun allows, within `NOMINAL_WINDOW` sentences, preferring one
           whose text contains the head noun ("the ministry" → "Defence Ministry"); a
           person noun ("the minister") needs a person whose role contains it or a word of
           its family ("the analyst" → "<name>, a senior fellow": `role_families.csv`). A place
           noun ("the city", "the country") looks back only `PLACE_WINDOW` sentences.
           "The city of <name>" takes that name when the head noun allows it.
        4. "document-country": a state noun with nothing to refer to ("government forces",
           "the regime") names the government or armed forces of `document_country`.
        Linked anaphors join the history, so a chain ("the group … it … its") follows.
    """
    named = sorted(mentions, key=lambda m: m.start_char)
    pending = list(anaphors)
    speaks = any("speaker" in a.refers for a in pending)
    passages = quote_speakers(doc, text, named, words.speech_verbs) if speaks else []
    statements = statement_speakers(doc, text, named, words.speech_verbs) if speaks else []
    titled = title_speaker(doc, text, named, words.speech_nouns) if speaks else None
    context = _Context(
        doc,
        doc_id,
        text,
        sentence_starts,
        gazetteer,
        document_country(mentions),
        words,
        strict_heads,
        passages,
        statements,
        _unquoted(titled, text) if titled is not None else [],
    )
    history: list[Mention] = []
    position = 0
    found: list[Mention] = []
    for anaphor in pending:
        while position < len(named) and named[position].start_char < anaphor.start_char:
            history.append(named[position])
            position += 1
        sentence = _sentence_of(context, anaphor.start_char)
        linked = _link(context, anaphor, sentence, history, named)
        if linked is not None:
            found.append(linked)
            history.append(linked)
    return found


def _sentence_of(context: _Context, char: int) -> int:
    return max(bisect.bisect_right(context.sentence_starts, char) - 1, 0)


def _link(
    context: _Context,
    anaphor: Anaphor,
    sentence: int,
    history: Sequence[Mention],
    named: Sequence[Mention],
) -> Mention | None:
    if "speaker" in anaphor.refers:
        antecedent = _speaker(context, anaphor, named)
        return (
            None if antecedent is None else _as(context, anaphor, sentence, antecedent, "speaker")
        )
    if anaphor.named_start is not None:
        antecedent = _named_at(context, anaphor, named)
        if antecedent is None:
            return None
        return _as(context, anaphor, sentence, antecedent, "definite-description")
    if anaphor.form == "pronoun" and anaphor.word in _BOUND_POSSESSIVES:
        decided, bound = _clause_subject_mention(context, anaphor, history)
        if decided:
            return None if bound is None else _as(context, anaphor, sentence, bound, "pronoun")
    if anaphor.form == "pronoun":
        window = PRONOUN_WINDOW
    elif anaphor.refers <= _PLACE_CLASSES:
        window = PLACE_WINDOW
    else:
        window = NOMINAL_WINDOW
    antecedent = _recent(context, anaphor, sentence - window, history)
    if antecedent is not None:
        basis = "pronoun" if anaphor.form == "pronoun" else "definite-description"
        return _as(context, anaphor, sentence, antecedent, basis)
    if anaphor.state is None or context.country is None:
        return None
    entry = context.gazetteer.get(f"{context.country}-{anaphor.state}")
    if entry is None:
        return None
    return _at_anaphor(
        context,
        anaphor,
        sentence,
        "document-country",
        label=entry.label,
        canonical=entry.canonical,
        kind=entry.kind,
        country=entry.country,
        entry_id=entry.id,
    )


def _clause_subject_mention(
    context: _Context, anaphor: Anaphor, history: Sequence[Mention]
) -> tuple[bool, Mention | None]:
    """The subject of the possessive's clause, when it agrees: what "its"/"their" refers to.

    Returns:
        (True, the subject's mention) when the subject names an actor the possessive may
        refer to ("The group said its fighters…"); (True, None) when the subject agrees but
        names no actor ("His country enters its fifth year": not an earlier group);
        (False, None) when the clause has no such subject, and the usual search runs.

    Notes:
        A possessive determiner is bound by the subject of its clause far more often than by
        a more recent noun (binding and centering: the subject is the preferred center).
        "its" agrees with a singular noun, "their" with a plural; a subject that does not
        agree, or holds the possessive itself, leaves the choice to recency.
    """
    token = context.doc[anaphor.token_index]
    undecided = (False, None)
    subject = _clause_subject(token)
    if subject is None or subject.i >= token.i:
        return undecided
    tags = _PLURAL_TAGS if anaphor.word == "their" else _SINGULAR_NOUN_TAGS
    is_pronoun = subject.lower_ in (_PLURAL_PRONOUNS if anaphor.word == "their" else {"it"})
    if subject.tag_ not in tags and not is_pronoun:
        return undecided
    start, end = subject.idx, subject.idx + len(subject.text)
    for mention in reversed(history):
        if mention.start_char < end and start < mention.end_char:
            return (True, mention) if anaphor.refers & _classes(context, mention) else undecided
    # an unlinked pronoun or name may still be resolved the usual way; a common noun is final
    return undecided if is_pronoun or subject.pos_ == "PROPN" else (True, None)


def _clause_subject(token: Token) -> Token | None:
    """The subject of the nearest clause whose subject does not hold `token`.

    "The economy shrank as its exports fell": the subject of "fell" holds "its", so the
    subject of "shrank" is the one that may bind it.
    """
    verb = token.head
    while True:
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or not subject.left_edge.i <= token.i <= subject.right_edge.i:
            return subject
        if verb.head.i == verb.i:
            return None
        verb = verb.head


def _recent(
    context: _Context, anaphor: Anaphor, first_sentence: int, history: Sequence[Mention]
) -> Mention | None:
    """The most recent compatible mention from `first_sentence` on (see `resolve_anaphors`)."""
    fallback: Mention | None = None
    needs_word = anaphor.form == "nominal" and (
        anaphor.refers == {"person"} or anaphor.word in context.strict_heads
    )
    for mention in reversed(history):
        if mention.sentence_index < first_sentence:
            break
        classes = _classes(context, mention)
        if not anaphor.refers & classes:
            continue
        if anaphor.form == "pronoun":
            if classes == {"person"} and _is_place_like(context, mention):
                continue
            if anaphor.word in _SINGULAR_PRONOUNS and _is_plural_noun(context, mention):
                continue
            if anaphor.word not in _PLURAL_PRONOUNS or _is_plural(context, mention):
                return mention
            if fallback is None:
                fallback = mention
            continue
        if _names_head(mention, anaphor.word):
            return mention
        if classes == {"person"} and context.words.same_role(anaphor.word, mention.role):
            return mention
        if fallback is None and not needs_word:
            fallback = mention
    return fallback


def _last_token(context: _Context, mention: Mention) -> Token | None:
    span = context.doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span[-1]


def _is_plural(context: _Context, mention: Mention) -> bool:
    """A plural antecedent: "they", a plural people, a noun or name ending in a plural."""
    if mention.text.lower() in _PLURAL_PRONOUNS:
        return True
    token = _last_token(context, mention)
    return token is not None and token.tag_ in _PLURAL_TAGS


def _is_plural_noun(context: _Context, mention: Mention) -> bool:
    """A plural common noun ("the rebels"), which "it" cannot refer to (a name can)."""
    if mention.text.lower() in _PLURAL_PRONOUNS:
        return True
    token = _last_token(context, mention)
    return token is not None and token.tag_ == "NNS"


def _is_place_like(context: _Context, mention: Mention) -> bool:
    """A name after a place noun's "of" or a locative preposition: a town NER called a person.

    Notes:
        en_core_web_sm often labels towns PERSON (MODELS.md); "the mayor of <name>", "the
        residents of <name>", "near <name>" almost never hold a person's name. The geocoder
        (`zenobia.extract.places.relabel.relabel_places`) relabels such names later, in the main
        process, after coreference has run in the worker; this guard only keeps them from
        being antecedents of "he" and "she".
    """
    if mention.link_basis is not None:
        return False
    span = context.doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    while root.dep_ in ("compound", "flat") and root.head.i != root.i:
        root = root.head  # NER kept part of the name only ("Umm" of "Umm <name>")
    preposition = root.head
    if root.dep_ != "pobj" or preposition.pos_ != "ADP":
        return False
    word = preposition.lower_
    if word in context.words.place_prepositions:
        return True
    return word == "of" and preposition.head.lower_ in context.words.place_nouns


def _named_at(context: _Context, anaphor: Anaphor, named: Sequence[Mention]) -> Mention | None:
    """The name of "the city of <name>" when the head noun may refer to it."""
    for mention in named:
        if mention.start_char == anaphor.named_start:
            return mention if anaphor.refers & _classes(context, mention) else None
    return None


def _names_head(mention: Mention, word: str) -> bool:
    stem = word[:-1] if word.endswith("s") and len(word) > 3 else word
    return stem in mention.text.lower() or (mention.role is not None and stem in mention.role)


def _classes(context: _Context, mention: Mention) -> frozenset[str]:
    """What a mention can be referred back to as (the `refers` vocabulary of the data file)."""
    if mention.label == "PERSON":
        return frozenset({"person"})
    if mention.kind == "state":
        return frozenset({"state"})
    if mention.label in ("GPE", "LOC", "FAC"):
        return frozenset({"place"})
    if mention.label == "ORG":
        return frozenset({"organization", mention.kind or "organization"})
    # NORP: an organisation entry labelled NORP, or a plural people form ("Kurds").
    if mention.kind not in (None, "ethnic_or_religious_group", "state", "place"):
        return frozenset({"organization", mention.kind or ""})
    span = context.doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    if span is not None and span[-1].tag_ in _PLURAL_TAGS:
        return frozenset({"norp"})
    return frozenset()


def _speaker(context: _Context, anaphor: Anaphor, named: Sequence[Mention]) -> Mention | None:
    """Who "we" or "I" stands for: the quoted passage's speaker, else the sentence's.

    For I/my/me the speaking person; for we/our/us an organisation that speaks, or the
    person's affiliation when it names a mention of the document, else the person.
    """
    speaker = speaker_at(context.passages, anaphor.start_char)
    if speaker is None:
        speaker = speaker_at(context.statements, anaphor.start_char)
    if speaker is None:
        speaker = _sentence_speaker(context, anaphor, named)
    if speaker is None and anaphor.word in _FIRST_PERSON_SINGULAR:
        speaker = speaker_at(context.titled, anaphor.start_char)
    if speaker is None:
        return None
    if anaphor.word in _FIRST_PERSON_SINGULAR:
        return speaker if speaker.label == "PERSON" else None
    if speaker.label in _ORG_LABELS:
        return speaker
    if speaker.label == "PERSON" and speaker.affiliation:
        for mention in named:
            if mention.canonical == speaker.affiliation and mention.label in _ORG_LABELS:
                return mention
    return None


def _sentence_speaker(
    context: _Context, anaphor: Anaphor, named: Sequence[Mention]
) -> Mention | None:
    """The named subject of a speech verb in the anaphor's sentence."""
    token = context.doc[anaphor.token_index]
    subject = _speech_subject(token, context.words.speech_verbs)
    if subject is None:
        return None
    starts = [m.start_char for m in named]
    index = bisect.bisect_right(starts, subject.idx) - 1
    if index < 0 or named[index].end_char <= subject.idx:
        return None
    return named[index]


def _speech_subject(token: Token, speech_verbs: frozenset[str]) -> Token | None:
    """The nominal subject of a speech verb in the token's sentence, or None."""
    for candidate in token.sent:
        if candidate.pos_ == "VERB" and candidate.lemma_.lower() in speech_verbs:
            for child in candidate.children:
                if child.dep_ == "nsubj" and child.i != token.i and child.pos_ != "PRON":
                    return child
    return None


def _as(
    context: _Context, anaphor: Anaphor, sentence: int, antecedent: Mention, basis: str
) -> Mention:
    """The anaphor as a mention of its antecedent's actor or place."""
    return _at_anaphor(
        context,
        anaphor,
        sentence,
        basis,
        label=antecedent.label,
        canonical=antecedent.canonical,
        kind=antecedent.kind,
        country=antecedent.country,
        entry_id=antecedent.entry_id,
        role=antecedent.role,
        affiliation=antecedent.affiliation,
    )


def _at_anaphor(
    context: _Context,
    anaphor: Anaphor,
    sentence: int,
    basis: str,
    *,
    label: MentionLabel,
    canonical: str,
    kind: ActorKind | None,
    country: str | None,
    entry_id: str | None,
    role: str | None = None,
    affiliation: str | None = None,
) -> Mention:
    """A mention spanning the anaphor's words, naming what the keyword arguments say."""
    return Mention(
        id=mention_id(context.doc_id, anaphor.start_char, anaphor.end_char, label),
        doc_id=context.doc_id,
        sentence_index=sentence,
        start_char=anaphor.start_char,
        end_char=anaphor.end_char,
        text=context.text[anaphor.start_char : anaphor.end_char],
        label=label,
        canonical=canonical,
        kind=kind,
        country=country,
        entry_id=entry_id,
        role=role,
        affiliation=affiliation,
        link_basis=basis,
    )
