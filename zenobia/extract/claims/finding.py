"""Numeric claims: how many of what, how sure, and who said so, from one parsed document.

Per-document and pure: `find_claims(analysis, doc)` reads each sentence's number phrases
(`_number_phrases`), drops the numbers that are not claims (years, dates, clock times,
ordinals, ages, durations, list markers, codes and names, page furniture), and reads each
remaining number's unit, qualifier, what it counts (`of`) and speaker from the parse.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Final

from spacy.tokens import Doc, Span, Token

from zenobia.extract.claims.number_phrases import NumberPhrase, find_number_phrases
from zenobia.extract.claims.number_words import NumberLexicon, Unit, load_number_lexicon
from zenobia.ids import content_id
from zenobia.model import Claim, ClaimQualifier, DocumentAnalysis, Mention, Sentence

__all__ = ["find_claims"]

_TIME_LABELS: Final = frozenset({"DATE", "TIME", "ORDINAL"})
_NAME_LABELS: Final = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
_NOUNS: Final = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS: Final = frozenset({"amod", "compound", "nmod"})
_NUMBER_DEPS: Final = frozenset({"nummod", "quantmod", "compound", "nmod", "amod", "det"})
_BRACKETS: Final = (frozenset({"(", "["}), frozenset({")", "]"}))
_PERCENT: Final = Unit("%", "percent")
_ARTICLES: Final = frozenset({"a", "an"})
_DIGIT_GROUP: Final = re.compile(r"^\+?\d+$")
_OF: Final = frozenset({"of"})
_MONEY_PREPS: Final = frozenset({"of", "in", "for"})
"""Money is counted "in aid", "for reconstruction"; other quantities "of" something."""


def find_claims(analysis: DocumentAnalysis, doc: Doc) -> DocumentAnalysis:
    """The `claims` stage: every numeric claim of the document, in text order.

    Args:
        analysis: The analysis so far (sentences and mentions are read).
        doc: The document's spaCy parse.

    Returns:
        `analysis` with `claims` filled.
    """
    lex = load_number_lexicon()
    starts = [s.start_char for s in analysis.sentences]
    mentions = sorted(analysis.mentions, key=lambda m: m.start_char)
    claims: list[Claim] = []
    for sent in doc.sents:
        for phrase in find_number_phrases(sent, lex):
            first = doc[phrase.start]
            index = bisect.bisect_right(starts, first.idx) - 1
            if index < 0:
                continue
            sentence = analysis.sentences[index]
            if not sentence.start_char <= first.idx < sentence.end_char:
                continue
            claim = _claim(doc, sent, phrase, sentence, mentions, lex)
            if claim is not None:
                claims.append(claim)
    return replace(analysis, claims=tuple(claims))


def _claim(
    doc: Doc,
    sent: Span,
    phrase: NumberPhrase,
    sentence: Sentence,
    mentions: Sequence[Mention],
    lex: NumberLexicon,
) -> Claim | None:
    tokens = doc[phrase.start : phrase.end]
    unit, unit_start, unit_end = _unit(doc, sent, phrase, lex)
    if phrase.is_fraction:
        unit = _PERCENT
    if not _is_claim(doc, sent, phrase, unit, unit_end, lex):
        return None
    anchor = _anchor(doc, phrase, unit_start, unit_end)
    counted = _counted(doc, phrase, anchor, unit, (unit_start, unit_end), lex)
    if counted is None:
        return None  # a duration: "five years"
    qualifier = _qualifier(doc, sent, min(phrase.start, unit_start), unit_end, lex)
    if qualifier is None and phrase.is_vague:
        qualifier = "approx"
    value_start = tokens[0].idx
    value_end = tokens[-1].idx + len(tokens[-1])
    return Claim(
        id=content_id("claim", doc=sentence.doc_id, start=value_start, end=value_end),
        doc_id=sentence.doc_id,
        sentence_index=sentence.index,
        start_char=sentence.start_char,
        end_char=sentence.end_char,
        sentence=sentence.text,
        value_start=value_start,
        value_end=value_end,
        text=sentence.text[value_start - sentence.start_char : value_end - sentence.start_char],
        value=phrase.value,
        value_high=phrase.value_high,
        unit=unit.name if unit else None,
        of=counted,
        qualifier=qualifier,
        speaker_mention_id=_speaker(doc, sent, phrase, mentions, lex),
        confidence_basis=(
            f"claim:{'count' if unit is None else 'measure'}:of={'known' if counted else 'unknown'}"
        ),
    )


# --- what is not a claim --------------------------------------------------------------------


def _is_claim(
    doc: Doc, sent: Span, phrase: NumberPhrase, unit: Unit | None, unit_end: int, lex: NumberLexicon
) -> bool:
    """Whether a number phrase states a quantity (rather than a date, a code, an age …).

    Notes:
        Rules over the parse and NER, in the spirit of the negative classes of quantity
        extractors (Quantulum3's and CQE's filters): DATE/TIME/ORDINAL and name entities,
        year-shaped numbers that count nothing, numbers right after a code word ("Resolution"),
        ages ("aged 25", "25-year-old"), clock times, durations, list markers and bracketed
        numbers, numbers hyphen-glued to letters ("Su-24"), digit runs (phone numbers), a lone
        "one" that does not count a noun, and page furniture ("3 thoughts on").
    """
    tokens = doc[phrase.start : phrase.end]
    words = [t.lower_ for t in tokens]
    before = doc[phrase.start - 1] if phrase.start > sent.start else None
    after = doc[unit_end] if unit_end < sent.end else None
    is_plain_digits = len(tokens) == 1 and tokens[0].text.isdigit()
    labels = {t.ent_type_ for t in tokens if t.like_num}
    if labels & _TIME_LABELS and not phrase.is_vague and not any("," in w for w in words):
        return False
    if labels & _NAME_LABELS:
        return False
    if (
        is_plain_digits
        and len(words[0]) == 4
        and 1000 <= phrase.value <= 2100
        and tokens[0].dep_ != "nummod"
    ):
        return False  # a year
    if _is_month(before, lex) or _is_month(after, lex):
        return False  # "6 Mar 2014", "March 29"
    window = doc[max(sent.start, phrase.start - 3) : phrase.start]
    if any(t.lower_ in lex.cue("age_cue") for t in window):
        return False  # "aged 25", "at the age of 25", "aged between 18 and 25"
    if before is not None:
        prev = before.lower_
        if prev in lex.cue("code_prefix"):
            return False
        if prev in _BRACKETS[0] and after is not None and after.text in _BRACKETS[1]:
            return False  # "(25)", "[3]"
        if prev in ("-", "/", "+", "#") and not before.whitespace_:
            return False  # "MiG-29", "24/7", "+963"
        if (
            is_plain_digits
            and before.pos_ == "PROPN"
            and before.is_title
            and tokens[0].dep_ != "nummod"
            and before.i != sent.start
        ):
            return False  # "Boeing 737", "Apollo 11"
    if after is not None:
        nxt = after.lower_
        if nxt in lex.cue("furniture_next") or nxt in lex.cue("clock"):
            return False
        if nxt in ("/", ":") and not tokens[-1].whitespace_:
            return False
        if nxt in ("-", "\u2013") and not tokens[-1].whitespace_ and unit is None:
            follow = doc[unit_end + 1] if unit_end + 1 < len(doc) else None
            if follow is not None and (
                follow.lower_ in lex.cue("time_unit") or (follow.is_alpha and follow.is_title)
            ):
                return False  # "25-year-old", "three-day", "5-A"
        if nxt in lex.cue("time_unit"):
            return False  # "five years", "25 years old"
        if phrase.start == sent.start and nxt in (".", ")") and is_plain_digits:
            return False  # "1. The defeat …"
    if _digit_run(doc, sent, phrase) >= 3:
        return False  # groups of digits in a row: a phone number, a code
    if tokens[0].tag_ == "LS":
        return False
    if words == ["one"]:
        head = tokens[0].head
        return tokens[0].dep_ == "nummod" and head.pos_ in _NOUNS and head.i > tokens[0].i
    if phrase.is_fraction and len(tokens) <= 2:
        # a lone "half", "a third" is a share only before "of": "half of the city", and not
        # after an article or an ordinal: "the second half of the talks"
        if before is not None and before.pos_ in ("DET", "ADJ") and before.lower_ not in _ARTICLES:
            return False
        return after is not None and after.lower_ == "of"
    return True


def _digit_run(doc: Doc, sent: Span, phrase: NumberPhrase) -> int:
    """How many digit groups stand in a row around the phrase ("+44 20 7946 0958" → 4)."""
    if not (phrase.end - phrase.start == 1 and _DIGIT_GROUP.match(doc[phrase.start].text)):
        return 1
    run = 1
    left = phrase.start - 1
    while left >= sent.start and _DIGIT_GROUP.match(doc[left].text):
        run, left = run + 1, left - 1
    right = phrase.end
    while right < sent.end and _DIGIT_GROUP.match(doc[right].text):
        run, right = run + 1, right + 1
    return run


def _is_month(token: Token | None, lex: NumberLexicon) -> bool:
    """A capitalised month name or abbreviation ("May", not the verb "may")."""
    return token is not None and token.is_title and token.lower_ in lex.cue("month")


# --- unit, qualifier ------------------------------------------------------------------------


def _match_before(
    doc: Doc, sent: Span, end: int, table: Mapping[tuple[str, ...], object]
) -> int | None:
    """The start token of the longest entry of `table` ending right before token `end`."""
    for size in (3, 2, 1):
        start = end - size
        if start < sent.start:
            continue
        if tuple(doc[i].lower_ for i in range(start, end)) in table:
            return start
    return None


def _match_after(
    doc: Doc, sent: Span, start: int, table: Mapping[tuple[str, ...], object]
) -> int | None:
    """The end token of the longest entry of `table` starting at token `start`."""
    for size in (3, 2, 1):
        end = start + size
        if end > sent.end:
            continue
        if tuple(doc[i].lower_ for i in range(start, end)) in table:
            return end
    return None


def _unit(
    doc: Doc, sent: Span, phrase: NumberPhrase, lex: NumberLexicon
) -> tuple[Unit | None, int, int]:
    """The unit and the token span (start, end) of number plus unit."""
    start, end = phrase.start, phrase.end
    unit = phrase.glued_unit
    sign = _match_before(doc, sent, start, lex.units_before)
    if sign is not None:
        unit = lex.units_before[tuple(t.lower_ for t in doc[sign:start])]
        start = sign
    # money keeps its sign's currency; "$5 million dollars" still ends after "dollars"
    after = _match_after(doc, sent, end, lex.units_after)
    if after is not None:
        named = lex.units_after[tuple(t.lower_ for t in doc[end:after])]
        if unit is None or unit.kind == named.kind:
            unit = unit or named
            end = after
    return unit, start, end


def _qualifier(
    doc: Doc, sent: Span, start: int, end: int, lex: NumberLexicon
) -> ClaimQualifier | None:
    first = _match_before(doc, sent, start, lex.qualifiers_before)
    if first is None and start - 1 >= sent.start and doc[start - 1].lower_ in ("a", "an", "the"):
        first = _match_before(doc, sent, start - 1, lex.qualifiers_before)  # "more than a dozen"
        if first is not None:
            return lex.qualifiers_before[tuple(t.lower_ for t in doc[first : start - 1])]
    if first is not None:
        return lex.qualifiers_before[tuple(t.lower_ for t in doc[first:start])]
    # "300 people or more": after the number, or after its noun
    for at in (end, end + 1):
        last = _match_after(doc, sent, at, lex.qualifiers_after)
        if last is not None:
            return lex.qualifiers_after[tuple(t.lower_ for t in doc[at:last])]
    return None


# --- what is counted ------------------------------------------------------------------------


def _anchor(doc: Doc, phrase: NumberPhrase, unit_start: int, unit_end: int) -> Token:
    """The token of number-plus-unit that the parse attaches to the rest of the sentence."""
    inside = range(unit_start, unit_end)
    for token in doc[unit_start:unit_end]:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return doc[phrase.end - 1]


def _counted(
    doc: Doc,
    phrase: NumberPhrase,
    anchor: Token,
    unit: Unit | None,
    unit_span: tuple[int, int],
    lex: NumberLexicon,
) -> str | None:
    """What a number counts, as a short phrase; "" when the sentence does not say; None for
    durations.

    Notes:
        Read from the dependency parse (as in CQE's quantity-to-noun linking): the noun the
        number modifies (`nummod`), or the object of a partitive "of" ("thousands of Syrians",
        "40% of homes", "the number of refugees"), with the noun's adjective and compound
        modifiers and the event verb it undergoes ("people killed", "prisoners released").
        A number that is itself the subject or object of a verb counts that verb's event
        ("470,000 were killed" → "killed"); a number a copula or a verb like "rise to" gives
        to a subject counts that subject ("the death toll rose to 70" → "death toll"). A number
        that heads a casualty-state word of `claim_cues.csv` counts that state ("with 250,000
        dead", "left 40 dead" → "dead"), and a relative clause's participle joins the noun
        like a reduced one ("thousands of Velorians who were killed" → "Velorians killed").
    """
    unit_start, unit_end = unit_span
    inside = range(unit_start, unit_end)
    state = _casualty_state(doc, anchor, unit_end, lex)
    if state is not None:
        return state
    noun: Token | None = None
    holder = anchor  # the token whose relation to a verb tells the event
    if (
        anchor.dep_ in _NUMBER_DEPS
        and anchor.head.pos_ in _NOUNS
        and anchor.head.i not in inside
        and anchor.head.i > anchor.i
    ):
        noun = anchor.head
        holder = noun
    elif anchor.pos_ in _NOUNS and anchor.i not in range(phrase.start, phrase.end):
        holder = anchor  # a unit noun ("percent", "dollars") heads the phrase
    if noun is not None and noun.lower_ in lex.cue("time_unit"):
        return None
    if noun is None or noun.lower_ in lex.cue("partitive"):
        preps = _MONEY_PREPS if unit is not None and unit.kind == "money" else _OF
        pobj = _of_object(noun or anchor, inside, preps)
        if pobj is None and noun is None and unit_end == phrase.end:
            pobj = _of_object(doc[phrase.end - 1], inside, preps)
        if pobj is None and noun is None and unit_end < len(doc):
            pobj = _next_object(doc[unit_end], preps)  # "$5bn in aid" attached to the verb
        if pobj is not None:
            if pobj.lower_ in lex.cue("time_unit"):
                return None
            if noun is not None and noun.lower_ in lex.cue("partitive"):
                holder = noun
            noun = pobj
    if noun is None:
        return _from_verb(anchor, lex)
    phrase_text = _noun_phrase(noun, inside)
    event = _event(noun if holder is noun else holder, noun, lex)
    return f"{phrase_text} {event}" if event else phrase_text


def _casualty_state(doc: Doc, anchor: Token, unit_end: int, lex: NumberLexicon) -> str | None:
    """The casualty-state word right after the number when the two are linked in the parse
    ("250,000 dead", "40 dead", "20 homeless"), else None.

    Notes:
        The parser attaches such a number either as the word's `nummod` or as the subject of a
        small clause ("with 250,000 dead"); both count people in that state (Huddleston and
        Pullum 2002, ch. 7.5: adjectives used as fused heads, "the dead").
    """
    if unit_end >= len(doc):
        return None
    word = doc[unit_end]
    if word.lower_ not in lex.cue("casualty_state"):
        return None
    if anchor.head.i == word.i or word.head.i == anchor.i:
        return word.text
    return None


def _relative_event(clause: Token, lex: NumberLexicon) -> bool:
    """Whether a relative clause says what the counted noun underwent or did: a passive
    ("who were killed", "who have been displaced") or an intransitive past ("who fled")."""
    if clause.dep_ != "relcl" or clause.lemma_ in _quiet(lex):
        return False
    for child in clause.children:
        if child.tag_ not in ("WP", "WDT"):
            continue
        if child.dep_ == "nsubjpass" and clause.tag_ == "VBN":
            return True
        if child.dep_ == "nsubj" and clause.tag_ in ("VBD", "VBN") and not _has_object(clause):
            return True
    return False


def _of_object(token: Token, inside: range, preps: frozenset[str] = _OF) -> Token | None:
    """The noun after "of" (or another of `preps`) attached to `token`."""
    for child in token.rights:
        if child.lower_ in preps and child.i not in inside:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in _NOUNS:
                    return grandchild
    return None


def _next_object(prep: Token, preps: frozenset[str]) -> Token | None:
    """The noun of a preposition that directly follows a number ("5,000 of the refugees")."""
    if prep.lower_ not in preps:
        return None
    for child in prep.children:
        if child.dep_ == "pobj" and child.pos_ in _NOUNS:
            return child
    return None


def _noun_phrase(noun: Token, inside: range) -> str:
    """The noun with the adjectives and compounds right before it ("Islamist prisoners")."""
    left = noun.i
    for child in reversed(list(noun.lefts)):
        if child.i != left - 1 or child.i in inside or child.dep_ not in _MODIFIER_DEPS:
            break
        if not child.is_alpha:
            break
        left = child.i
    words = [t.text for t in noun.doc[left : noun.i + 1]]
    return " ".join(words)


def _event(holder: Token, noun: Token, lex: NumberLexicon) -> str | None:
    """The participle of the event the counted thing undergoes or does, if any."""
    for child in noun.rights:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_ not in _quiet(lex):
            return child.text
    for owner in (noun, holder) if holder is not noun else (noun,):
        for child in owner.rights:
            if _relative_event(child, lex):
                return child.text  # "hundreds of thousands of Velorians who were killed"
    verb = holder.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ in _quiet(lex):
        return None
    is_passive = any(child.dep_ == "auxpass" for child in verb.children)
    if holder.dep_ == "nsubjpass" or (
        holder.dep_ == "dobj" and verb.tag_ in ("VBD", "VBN") and not is_passive
    ):
        return verb.text if verb.tag_ in ("VBD", "VBN") else None
    if holder.dep_ == "nsubj" and verb.tag_ == "VBD" and not _has_object(verb):
        return verb.text  # "200 people fled"
    return None


def _has_object(verb: Token) -> bool:
    return any(child.dep_ in ("dobj", "attr", "ccomp", "xcomp") for child in verb.children)


def _quiet(lex: NumberLexicon) -> frozenset[str]:
    return lex.cue("light_verb") | lex.cue("speech")


def _from_verb(anchor: Token, lex: NumberLexicon) -> str:
    """What a number that stands alone as an argument counts: its verb's event or subject."""
    for child in anchor.rights:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_ not in _quiet(lex):
            return child.text  # "thousands more injured"
    verb = anchor.head
    if verb.tag_ == "VBN" and anchor.dep_ in ("nummod", "amod", "quantmod"):
        return verb.text  # "the 23 killed", "13 injured": a participle used as a noun
    if anchor.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head  # "rose to 70"
    elif anchor.dep_ in ("nsubjpass", "dobj") and verb.pos_ == "VERB":
        if verb.lemma_ not in _quiet(lex) and verb.tag_ in ("VBN", "VBD"):
            return verb.text  # "470,000 were killed", "killed 12"
    elif anchor.dep_ == "nsubj" and verb.tag_ in ("VBD", "VBN") and verb.lemma_ not in _quiet(lex):
        return verb.text  # "12 000 fled"
    if verb.lemma_ in lex.cue("light_verb") or anchor.dep_ in ("attr", "pobj", "dobj"):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in _NOUNS:
                of = _of_object(child, range(0))
                if child.lower_ in lex.cue("partitive") and of is not None:
                    return _noun_phrase(of, range(0))
                return _noun_phrase(child, range(0))
    return ""


# --- who said it ----------------------------------------------------------------------------


def _speaker(
    doc: Doc, sent: Span, phrase: NumberPhrase, mentions: Sequence[Mention], lex: NumberLexicon
) -> str | None:
    """The mention whose speech verb governs the number ("X said 470,000 were killed").

    Notes:
        A cheap reading of reported speech: walk up from the number to the first verb whose
        lemma is a speech cue, and take its subject; "according to X" takes X. The subject
        (or X) must start inside a mention of the document.
    """
    token = doc[phrase.start]
    speech = lex.cue("speech")
    seen = 0
    while token.head.i != token.i and seen < 32:
        token = token.head
        seen += 1
        if token.lower_ == "according":
            for prep in token.children:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return _mention_at(obj, mentions)
        if token.pos_ in ("VERB", "AUX") and token.lemma_ in speech:
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return _mention_at(child, mentions)
            return None
    for child in sent.root.children:  # `Token.sent` would rescan the document
        if child.lower_ == "according":
            for prep in child.children:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return _mention_at(obj, mentions)
    return None


def _mention_at(head: Token, mentions: Sequence[Mention]) -> str | None:
    """The mention covering `head` or a token of its compound/flat name."""
    tokens = [head, *(c for c in head.lefts if c.dep_ == "compound")]
    starts = [m.start_char for m in mentions]
    for token in tokens:
        at = bisect.bisect_right(starts, token.idx) - 1
        if at >= 0 and mentions[at].start_char <= token.idx < mentions[at].end_char:
            return mentions[at].id
    return None
