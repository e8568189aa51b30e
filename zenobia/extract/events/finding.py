"""Events: who did what to whom, where, coded in PLOVER, read from the dependency parse.

Per-document and pure: `find_events(analysis, doc)` adds `Event` records to the analysis.
A trigger is a verb ("forces recaptured the city") or a noun ("airstrikes on the town", "the
fall of X to Y") found in `data/plover_verbs.csv`, the CAMEO verb dictionary of PETRARCH-2
mapped to PLOVER through CAMEO2PLOVER plus hand-written nominal and territorial triggers.

Types are the 16 PLOVER types plus one PLOVER-compliant extension for control of territory,
`TAKE_CONTROL`, whose modes map back to base PLOVER (`data/plover_extension.csv`,
`zenobia.extract.events.lexicon.base_plover`):

    TAKE_CONTROL capture    → COERCE  seize     (CAMEO 192 "occupy territory")
    TAKE_CONTROL recapture  → COERCE  seize
    TAKE_CONTROL withdraw   → RETREAT withdraw  (CAMEO 0872)
    TAKE_CONTROL lose       → RETREAT disarm    (CAMEO 0874 "retreat or surrender militarily")

Roles: the source is the active subject or the passive agent ("X was retaken by Y" → source
Y, target X), shared across coordination ("shelled and captured"); light verbs hand their
subject to their object noun ("launched an offensive against"); the target is the first
actor among the direct object and the objects of against/on/at/with/to, else an actor inside
the object's phrase, else a city or country it happens in, else the object itself
(`zenobia.extract.events.recipients`). Actors are mentions when the noun phrase holds one,
and their text is kept either way, so generic actors ("rebels") are not lost.

Modality (`zenobia.extract.events.modality`): a promise, demand, threat or refusal of an
action ("will support", "must withdraw", "urged X to", "refused to") is coded as PLOVER codes
it (AGREE, REQUEST, THREATEN, REJECT); a verb that ends an activity codes by what it ends
(`zenobia.extract.events.ending`). Event nouns count only when they name a specific
occurrence (`zenobia.extract.events.nominal`); participles of hyphenated modifiers ("rebel-held")
name a state, not an act (`zenobia.extract.events.attributive`). A pronoun or description
that coreference linked to an antecedent ("They shelled the town") is kept as the actor's
mention, so the event's actor is the antecedent's.

Notes:
    Trigger matching follows PETRARCH-2's verb patterns (Norris, Schrodt and Beieler 2017):
    a lemma's rows are tried most specific first, each requiring its cue words among the
    words after the trigger in its clause; a row with an empty type blocks coding. Role
    assignment follows the subject/object/agent conventions of dependency-based event coders
    (e.g. the Universal PETRARCH approach, Lu and Roy 2017).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final, cast

from spacy.tokens import Doc, Span, Token

from zenobia.extract.events.agents import load_agent_words, may_act
from zenobia.extract.events.attributive import is_attributive_compound
from zenobia.extract.events.casualties import casualties
from zenobia.extract.events.ending import ended_activity, ending_entry, is_ending_verb
from zenobia.extract.events.lexicon import Entry, Lexicon, base_plover, load_lexicon
from zenobia.extract.events.modality import complement_subject, modality_of, recoded, speaker
from zenobia.extract.events.nominal import is_specific_occurrence
from zenobia.extract.events.recipients import recipient
from zenobia.extract.events.status import event_status
from zenobia.extract.time import resolve_event_date
from zenobia.ingest.identity import content_id
from zenobia.model import (
    DocumentAnalysis,
    Event,
    EventDate,
    EventStatus,
    Mention,
    PloverType,
    PublishedDate,
    Sentence,
)

__all__ = ["base_plover", "events_in", "find_events"]

_TARGET_PREPS: Final = ("against", "on", "at", "upon", "with", "to", "toward", "towards", "into")
_AIMED_PREPS: Final = ("against", "at", "on", "upon")
"""Prepositions on the verb itself that name what is aimed at: "fired rockets at the town"
(the direct object is then the instrument)."""
_NOUN_TARGET_PREPS: Final = (*_TARGET_PREPS, "of")
_PLACE_PREPS: Final = frozenset(
    {
        "in",
        "near",
        "at",
        "around",
        "outside",
        "inside",
        "across",
        "into",
        "from",
        "of",
        "on",
        "over",
    }
)
_NP_SKIP: Final = frozenset(
    {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "det", "predet", "case", "prep"}
)
_TIME_ENTITIES: Final = frozenset({"DATE", "TIME"})
_CASUALTY_VERBS: Final = frozenset({"kill", "wound", "injure", "die", "hurt"})
_RELATIVE: Final = frozenset({"who", "that", "which", "whom"})
_PRONOUN_TAGS: Final = frozenset({"PRP", "PRP$", "WP", "WDT", "EX"})
_LOCATIVE_PREPS: Final = ("in", "into", "from")
_STATEMENT_TYPES: Final = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT"})
"""Verbal types whose recipient may sit in the act they are about ("threatened to hit X")."""


@dataclass(frozen=True, slots=True)
class _Found:
    trigger: Token
    trigger_start: int
    entry: Entry
    sources: tuple[Token, ...]
    targets: tuple[Token, ...]
    ignored_cue: Token | None = None
    """A modal auxiliary that made this event a promise, demand or threat: not a hedge."""
    is_intended: bool = False
    """The action is only promised, demanded or threatened by a governing word."""


# --- the stage ----------------------------------------------------------------------------------


def find_events(analysis: DocumentAnalysis, doc: Doc) -> DocumentAnalysis:
    """The events of one parsed document, added to its analysis.

    Args:
        analysis: The analysis so far (sentences and mentions filled).
        doc: The spaCy parse of `analysis.document.text`.

    Returns:
        The analysis with `events`.
    """
    return replace(analysis, events=events_in(analysis, doc))


def events_in(analysis: DocumentAnalysis, doc: Doc) -> tuple[Event, ...]:
    """Every event the document's sentences state, report, deny or entertain."""
    lexicon = load_lexicon()
    by_token = _mentions_by_token(doc, analysis.mentions)
    starts = [s.start_char for s in analysis.sentences]
    events: dict[str, Event] = {}
    for sent in doc.sents:
        by_sentence: dict[int, list[_Found]] = {}
        for item in _with_modality(_dedupe(list(_triggers(sent, lexicon, by_token))), by_token):
            sentence = _sentence_of(analysis.sentences, starts, item.trigger.idx)
            if sentence is not None:
                by_sentence.setdefault(sentence.index, []).append(_clipped(item, sentence))
        if not by_sentence:
            continue
        places = _sentence_places(sent, by_token)
        for index, found in by_sentence.items():
            sentence = analysis.sentences[index]
            ordered = sorted(found, key=lambda f: (_depth(f.trigger), f.trigger.i))
            bearer = _toll_bearer(ordered)
            toll = casualties(sentence.text) if bearer is not None else (None, None)
            for item in ordered:
                toll_here = toll if item is bearer else (None, None)
                event = _event(analysis, sentence, item, by_token, lexicon, sent, places, toll_here)
                events.setdefault(event.id, event)
    return tuple(sorted(events.values(), key=lambda e: (e.trigger_start, e.type)))


def _toll_bearer(ordered: list[_Found]) -> _Found | None:
    """The event a sentence's casualty count belongs to: the main violent one."""
    for types in (("ASSAULT",), ("TAKE_CONTROL", "COERCE")):
        for item in ordered:
            if item.entry.type in types:
                return item
    return None


def _clipped(item: _Found, sentence: Sentence) -> _Found:
    """Roles outside the trigger's sentence are parse errors across a line break: dropped."""

    def inside(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
        return tuple(t for t in tokens if sentence.start_char <= t.idx < sentence.end_char)

    return replace(item, sources=inside(item.sources), targets=inside(item.targets))


# --- triggers -----------------------------------------------------------------------------------


def _triggers(sent: Span, lexicon: Lexicon, by_token: dict[int, Mention]) -> Iterable[_Found]:
    for token in sent:
        if token.pos_ == "VERB":
            rows = lexicon.rows(token.lemma_.lower(), "verb") or lexicon.rows(token.lower_, "verb")
            # a verb with no row codes only as the end of an activity: most verbs stop here
            if not rows and not is_ending_verb(token):
                continue
            if _is_light(token, lexicon):
                continue
            if _is_ended(token, lexicon) or is_attributive_compound(token):
                continue
            entry = _match(rows, token, lexicon, by_token)
            if entry is None or not entry.cue:
                entry = ending_entry(token, lexicon) or entry
            if entry is not None:
                cedes = lexicon.is_a(token.lemma_.lower(), "ceding")
                sources, targets = _verb_roles(token, entry, by_token, cedes=cedes)
                yield _Found(token, token.idx, entry, sources, targets)
        elif token.pos_ in ("NOUN", "PROPN"):
            yield from _noun_trigger(token, lexicon, by_token)


def _is_ended(token: Token, lexicon: Lexicon) -> bool:
    """The activity an ending verb ends ("suspended aid"): coded on that verb, not on its own."""
    if token.head.i == token.i or token.head.pos_ != "VERB":
        return False
    found = ended_activity(token.head, lexicon)
    return found is not None and found[0] == token


def _noun_trigger(token: Token, lexicon: Lexicon, by_token: dict[int, Mention]) -> Iterable[_Found]:
    if token.i in by_token:
        return
    first = token
    rows: tuple[Entry, ...] = ()
    if token.i > 0 and token.lemma_.lower() in lexicon.compound_heads:
        before = token.doc[token.i - 1]
        compound = f"{before.lemma_.lower()} {token.lemma_.lower()}"
        if before.dep_ in ("compound", "amod") and compound in lexicon.compounds:
            rows, first = lexicon.rows(compound, "noun"), before
    if not rows:
        rows = lexicon.rows(token.lower_, "noun") or lexicon.rows(token.lemma_.lower(), "noun")
    # the dictionary lookup is cheap and rejects most nouns, so it goes before the parse checks
    if not rows or _is_ended(token, lexicon):
        return
    entry = _match(rows, token, lexicon, by_token)
    if entry is None:
        return
    sources, targets = _noun_roles(token, entry, lexicon, by_token)
    if not _is_anchored(token, lexicon) and not is_specific_occurrence(
        token, sources, targets, by_token, lexicon, load_agent_words(), entry.type
    ):
        return
    yield _Found(token, first.idx, entry, sources, targets)


def _is_light(token: Token, lexicon: Lexicon) -> bool:
    """A light verb whose object is itself an event noun ("launched an offensive")."""
    if not lexicon.is_a(token.lemma_.lower(), "light"):
        return False
    lexicon_nouns = (
        c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"
    )
    return any(
        lexicon.rows(c.lower_, "noun") or lexicon.rows(c.lemma_.lower(), "noun")
        for c in lexicon_nouns
    )


def _is_light_object(token: Token, lexicon: Lexicon) -> bool:
    return token.dep_ in ("dobj", "nsubjpass") and lexicon.is_a(token.head.lemma_.lower(), "light")


def _is_anchored(noun: Token, lexicon: Lexicon) -> bool:
    """A bare event noun counts when a light verb or a demand, threat or denial governs it."""
    if _is_light_object(noun, lexicon):
        return True
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    lemma = governor.lemma_.lower()
    return noun.dep_ in ("dobj", "pobj") and (
        lexicon.is_a(lemma, "irrealis") or lexicon.is_a(lemma, "deny")
    )


@dataclass(frozen=True, slots=True)
class _Clause:
    """The words after a trigger in its clause, as a set and sorted (for prefix look-ups)."""

    words: frozenset[str]
    ordered: tuple[str, ...]

    def has(self, word: str) -> bool:
        """The word itself, or for words of five letters or more any word it begins."""
        if word in self.words:
            return True
        if len(word) < 5:
            return False
        # words sharing a prefix are adjacent in sorted order
        at = bisect.bisect_left(self.ordered, word)
        return at < len(self.ordered) and self.ordered[at].startswith(word)


_NO_CLAUSE: Final = _Clause(frozenset(), ())


def _clause_words(trigger: Token) -> _Clause:
    words: set[str] = set()
    end = trigger.i + 14
    for child in trigger.children:
        if child.i < trigger.i or child.dep_ in ("ccomp", "advcl", "conj", "parataxis", "punct"):
            continue
        if child.left_edge.i > end:
            continue
        for token in child.subtree:
            if token.i > end:
                break
            words.update((token.lower_, token.lemma_.lower()))
    return _Clause(frozenset(words), tuple(sorted(words)))


def _cue_matches(words: tuple[str, ...], clause: _Clause) -> bool:
    return all(clause.has(w) for w in words)


def _match(
    rows: tuple[Entry, ...], trigger: Token, lexicon: Lexicon, by_token: dict[int, Mention]
) -> Entry | None:
    # rows without cue words (most of them) need no clause
    clause = _clause_words(trigger) if any(e.words for e in rows) else _NO_CLAUSE
    for entry in rows:
        if entry.words and not _cue_matches(entry.words, clause):
            continue
        if entry.needs_place and not any(
            _is_place(t, lexicon, by_token) for t in _place_objects(trigger)
        ):
            continue
        return entry if entry.type else None
    return None


def _place_objects(trigger: Token) -> list[Token]:
    found: list[Token] = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass", "pobj", "attr") or (
            child.dep_ == "nsubj" and trigger.lemma_ in ("fall",)
        ):
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("from", "of", "over", "in", "into"):
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "dobj":
            found.extend(_pobjs(child, ("of",)))
    for obj in list(found):
        found.extend(_pobjs(obj, ("of",)))
    return found


def _is_place(token: Token, lexicon: Lexicon, by_token: dict[int, Mention]) -> bool:
    """Whether the object of a territorial trigger names a place.

    A place mention or a geocoded one; a name the knowledge base does not know (NER often
    labels unfamiliar towns ORG or NORP); a one-word PERSON the knowledge base does not know;
    or a place noun ("the town").

    Notes:
        The small English model tags many unfamiliar one-word town names PERSON. As the
        object of a territorial trigger ("the recapture of X", "forces took X") a one-word
        unknown name is far more often a town than a person: captured people are named in
        full or are known to the knowledge base, and their capture is coded as an arrest.
    """
    mention = by_token.get(token.i)
    if mention is not None:
        if _names_place(mention):
            return True
        if mention.kind is not None:
            return False
        return mention.label != "PERSON" or not any(c.isspace() for c in mention.text)
    return lexicon.is_a(token.lemma_.lower(), "place")


def _names_place(mention: Mention) -> bool:
    return mention.is_place or mention.place_id is not None


def _pobjs(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the prepositions `preps` on `token`; times ("on Tuesday") are not roles."""
    wanted = tuple(preps)
    return [
        pobj
        for prep in token.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ in wanted
        for pobj in prep.children
        if pobj.dep_ == "pobj" and pobj.ent_type_ not in _TIME_ENTITIES
    ]


# --- roles --------------------------------------------------------------------------------------


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _subject_of(verb: Token) -> tuple[Token | None, bool]:
    """(the actor doing `verb`, whether it came from a passive agent)."""
    agent = next(iter(_pobjs(verb, ("by",))), None) if _is_passive(verb) else None
    if agent is not None:
        return agent, True
    subject = _child(verb, "nsubj")
    if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        return verb.head, False
    if subject is None and verb.dep_ == "relcl" and not _is_passive(verb):
        return verb.head, False
    if subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        governor = verb.head
        if verb.dep_ == "xcomp":
            obj = _child(governor, "dobj") or next(iter(_pobjs(governor, ("on", "upon"))), None)
            if obj is not None:
                return obj, False
        return _subject_of(governor)
    return subject, False


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _object_of(verb: Token, by_token: dict[int, Mention]) -> Token | None:
    if _is_passive(verb):
        subject = _child(verb, "nsubjpass")
        if subject is None and verb.dep_ == "conj" and _is_passive(verb.head):
            return _child(verb.head, "nsubjpass")
        return subject
    candidates = _object_candidates(verb)
    places = [*_pobjs(verb, _LOCATIVE_PREPS), *(p for c in candidates for p in _pobjs(c, ("in",)))]
    return recipient(candidates, by_token, places)


def _object_candidates(verb: Token) -> list[Token]:
    """The possible objects of an active verb, in the order roles prefer them."""
    candidates = list(_pobjs(verb, _AIMED_PREPS))
    for child in verb.children:
        if child.dep_ == "dobj" or (child.dep_ == "dative" and child.pos_ != "ADP"):
            candidates.append(child)
        elif child.dep_ == "dative":
            candidates.extend(c for c in child.children if c.dep_ == "pobj")
    for prep in _TARGET_PREPS:
        candidates.extend(_pobjs(verb, (prep,)))
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB":
            shared = _child(conj, "dobj")
            if shared is not None:
                candidates.append(shared)
    return list(dict.fromkeys(candidates))


def _verb_roles(
    verb: Token, entry: Entry, by_token: dict[int, Mention], *, cedes: bool = False
) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    """Source and target heads of a verb trigger; `cedes` for a verb whose subject gives up
    control (`ceding` rows of the dictionary: "lose", "surrender")."""
    if verb.lemma_.lower() == "fall" and entry.type == "TAKE_CONTROL":
        winners = _pobjs(verb, ("to",))
        place = _child(verb, "nsubj")
        return tuple(winners[:1]), (place,) if place is not None else ()
    ceded = _child(verb, "dobj") if cedes and entry.type == "TAKE_CONTROL" else None
    if ceded is not None and not _is_passive(verb):
        # "<loser> lost <town> to <winner>": control was taken by the winner, if named
        # (an intransitive "<group> surrendered" keeps its subject: it is the one acting)
        return tuple(_pobjs(verb, ("to",))[:1]), _heads(ceded)
    source, _ = _subject_of(verb)
    if _is_territorial(entry) and not _is_passive(verb):
        candidates = _object_candidates(verb)
        target = candidates[0] if candidates else None
    else:
        target = _object_of(verb, by_token)
    if target is None and entry.type in _STATEMENT_TYPES:
        target = _complement_recipient(verb, entry, by_token)
    if target is None and entry.type == "PROTEST":
        target = _purpose_recipient(verb, by_token)
    return _heads(source), _heads(target)


def _purpose_recipient(verb: Token, by_token: dict[int, Mention]) -> Token | None:
    """Whom a protest is against, from its purpose clause ("... to protest against X")."""
    for child in verb.children:
        is_purpose = child.dep_ in ("advcl", "xcomp") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        )
        if is_purpose:
            return _object_of(child, by_token)
    return None


def _is_territorial(entry: Entry) -> bool:
    """Control of territory: the object is the place that changed hands, actor or not."""
    return entry.type == "TAKE_CONTROL" or entry.needs_place


def _complement_recipient(verb: Token, entry: Entry, by_token: dict[int, Mention]) -> Token | None:
    """The recipient of a statement verb, read from the act it is about.

    "demanded that X withdraw": X (who is asked); "threatened to cut ties with X",
    "offered to hand the men over to X": the recipient of the act promised or threatened.
    """
    complement = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
    if complement is None:
        return None
    if entry.type == "REQUEST":
        asked = complement_subject(verb)
        if asked is not None:
            return asked
    return _object_of(complement, by_token)


def _noun_roles(
    noun: Token, entry: Entry, lexicon: Lexicon, by_token: dict[int, Mention]
) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    if noun.lemma_.lower() == "fall" and entry.type == "TAKE_CONTROL":
        return tuple(_pobjs(noun, ("to",))[:1]), tuple(_pobjs(noun, ("of",))[:1])
    source: Token | None = _child(noun, "poss")
    if source is not None and source.ent_type_ in _TIME_ENTITIES:
        source = None
    if source is None:
        source = next(iter(_pobjs(noun, ("by", "from"))), None)
    if source is None:
        source = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("compound", "amod", "nmod")
                and c.pos_ == "PROPN"
                and _is_agent_modifier(c, by_token)
            ),
            None,
        )
    if source is None and _is_light_object(noun, lexicon):
        source, _ = _subject_of(noun.head)
    candidates: list[Token] = []
    holders = (noun, noun.head) if _is_light_object(noun, lexicon) else (noun,)
    for holder in holders:
        for prep in _NOUN_TARGET_PREPS if holder is noun else _TARGET_PREPS:
            candidates.extend(_pobjs(holder, (prep,)))
    if _is_territorial(entry):
        target = candidates[0] if candidates else None
    else:
        target = recipient(candidates, by_token)
    if target is None and entry.type == "PROTEST" and noun.dep_ in ("dobj", "nsubjpass"):
        target = _purpose_recipient(noun.head, by_token)
    return _heads(source), _heads(target)


def _is_agent_modifier(token: Token, by_token: dict[int, Mention]) -> bool:
    """A name before an event noun that can do it ("Hamas attack"), not its place or time."""
    mention = by_token.get(token.i)
    if mention is not None:
        return not _names_place(mention)
    return token.ent_type_ in ("PERSON", "ORG", "NORP")


def _heads(token: Token | None) -> tuple[Token, ...]:
    if token is None:
        return ()
    return (token, *(c for c in token.conjuncts if c.i > token.i))


# --- modality ----------------------------------------------------------------------------------


def _with_modality(found: list[_Found], by_token: dict[int, Mention]) -> list[_Found]:
    """Promises, demands and threats of an action, coded as PLOVER codes them.

    An auxiliary cue ("will support", "must withdraw") recodes the action's own event; a
    governing word that is not itself a trigger ("vowed to", "urged X to", "is ready to")
    adds an event on that word and leaves the action as the hypothetical event it is; a
    governing trigger ("threatened to bomb X") lends the action's recipient when it has none.
    See `zenobia.extract.events.modality`.
    """
    by_index = {f.trigger.i: f for f in found}
    lent: dict[int, tuple[Token, ...]] = {}
    added: list[_Found] = []
    kept: list[_Found] = []
    for item in found:
        modality = modality_of(item.trigger)
        new = (
            recoded(modality.kind, item.entry.type, item.entry.mode)
            if modality is not None
            else None
        )
        if modality is None or new is None:
            kept.append(item)
            continue
        entry = replace(item.entry, type=new[0], mode=new[1], cameo="", source="modality")
        if modality.is_aux:
            kept.append(_recoded_in_place(item, entry, modality.kind, modality.cue))
            continue
        kept.append(replace(item, is_intended=True))
        governor = modality.cue
        if governor.i in by_index:
            if not by_index[governor.i].targets and item.targets:
                lent[governor.i] = item.targets
            continue
        added.append(_governed_event(item, entry, modality.kind, governor, by_token))
    kept = [replace(f, targets=lent[f.trigger.i]) if f.trigger.i in lent else f for f in kept]
    taken = {f.trigger.i for f in kept}
    return kept + [f for f in _first_per_trigger(added) if f.trigger.i not in taken]


def _first_per_trigger(found: list[_Found]) -> list[_Found]:
    return list({f.trigger.i: f for f in reversed(found)}.values())[::-1]


def _recoded_in_place(item: _Found, entry: Entry, kind: str, cue: Token) -> _Found:
    """Recode the action itself: "X will strike Y" is X's threat to Y.

    "X must withdraw" is a demand made of X, by whoever the sentence attributes it to.
    """
    if kind != "demand":
        return replace(item, entry=entry, ignored_cue=cue)
    asker = speaker(item.trigger)
    return replace(
        item,
        entry=entry,
        sources=_heads(asker),
        targets=item.sources,
        ignored_cue=cue,
    )


def _governed_event(
    item: _Found, entry: Entry, kind: str, governor: Token, by_token: dict[int, Mention]
) -> _Found:
    """The promise, demand or threat made by the governing word ("urged", "vowed", "ready")."""
    holder = governor.head if governor.dep_ in ("acomp", "amod") else governor
    source, _ = _subject_of(holder)
    if source is None:
        # an adjectival passive: "the government is committed to ..."
        source = _child(holder, "nsubjpass")
    targets = item.targets
    if kind == "demand":
        asked = complement_subject(governor)
        targets = _heads(asked) if asked is not None else item.sources
    return _Found(governor, governor.idx, entry, _heads(source), targets)


# --- dedupe -------------------------------------------------------------------------------------


def _dedupe(found: list[_Found]) -> list[_Found]:
    """One happening, one event: drop casualty verbs and nouns that restate another trigger.

    "Airstrikes hit the town, killing 12": "killing" gives the toll of "hit", not another
    event; "airstrikes killed 12": the noun is the instrument of the verb's event.
    """
    triggers = {f.trigger.i: f for f in found}
    kept: list[_Found] = []
    for item in found:
        token = item.trigger
        governor = triggers.get(token.head.i) if token.head.i != token.i else None
        if token.lemma_.lower() in _CASUALTY_VERBS and (
            (governor is not None and governor.entry.type == item.entry.type)
            or (token.dep_ in ("advcl", "conj", "xcomp") and _has_violence(found, item))
        ):
            continue
        restates = governor is not None and (
            governor.entry.type == item.entry.type or token.dep_ == "nsubj"
        )
        if token.pos_ != "VERB" and token.dep_ in ("nsubj", "dobj", "nsubjpass") and restates:
            continue
        kept.append(item)
    return [_with_instrument_sources(item, triggers) for item in kept]


def _has_violence(found: list[_Found], item: _Found) -> bool:
    return any(f is not item and f.entry.type in ("ASSAULT", "TAKE_CONTROL") for f in found)


def _with_instrument_sources(item: _Found, triggers: dict[int, _Found]) -> _Found:
    """A subject that is itself an event noun ("airstrikes killed") hands over its own source."""
    if len(item.sources) == 1 and item.sources[0].i in triggers:
        inner = triggers[item.sources[0].i]
        return replace(item, sources=inner.sources)
    return item


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


# --- records ------------------------------------------------------------------------------------


def _mentions_by_token(doc: Doc, mentions: tuple[Mention, ...]) -> dict[int, Mention]:
    by_token: dict[int, Mention] = {}
    for mention in mentions:
        span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            by_token.setdefault(token.i, mention)
    return by_token


def _sentence_of(sentences: tuple[Sentence, ...], starts: list[int], char: int) -> Sentence | None:
    index = bisect.bisect_right(starts, char) - 1
    if index < 0:
        return None
    sentence = sentences[index]
    return sentence if sentence.start_char <= char < sentence.end_char else None


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of `head`: modifiers and `of` phrases; no clauses, articles, appositions."""
    tokens = [head]
    for child in head.children:
        if (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ not in _NP_SKIP:
            tokens.extend(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def _names_no_agent(
    heads: tuple[Token, ...], by_token: dict[int, Mention], lexicon: Lexicon
) -> bool:
    """The subject names what did the harm or what happened, not who did it.

    Notes:
        "A bomb killed five", "the attack wounded ten", "clashes left three dead": an
        instrument (`instrument` rows of the dictionary) or an event noun (a noun trigger)
        as subject leaves the source unknown, as PLOVER codes actors, never weapons or
        events. A name inside the phrase ("<Group>'s attack") keeps it a source.
    """
    if not heads:
        return False
    for head in heads:
        if head.pos_ != "NOUN" or any(by_token.get(t.i) for t in head.subtree):
            return False
        lemma = head.lemma_.lower()
        if not lexicon.is_a(lemma, "instrument") and not lexicon.rows(lemma, "noun"):
            return False
    return True


def _actors(
    heads: tuple[Token, ...], by_token: dict[int, Mention], sentence: Sentence
) -> tuple[tuple[str, ...], str | None]:
    if not heads:
        return (), None
    ids: dict[str, None] = {}
    spans: list[tuple[int, int]] = []
    for head in heads:
        tokens = [t for t in _np_tokens(head) if sentence.start_char <= t.idx < sentence.end_char]
        for token in tokens:
            mention = by_token.get(token.i)
            if mention is not None:
                ids.setdefault(mention.id, None)
        spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    start = min(s for s, _ in spans) - sentence.start_char
    text = sentence.text[start : max(e for _, e in spans) - sentence.start_char]
    if len(heads) == 1 and heads[0].tag_ in _PRONOUN_TAGS:
        linked = by_token.get(heads[0].i)
        # a pronoun counts only when coreference linked it to an antecedent ("They shelled")
        return ((linked.id,) if linked is not None and linked.is_anaphoric else ()), text
    return tuple(ids), " ".join(text.split())


def _taken_place_order(target: Token) -> list[Token]:
    """The tokens of a captured noun phrase, the place that changed hands first.

    "the ancient Veldrian city of Korvath": the head and its "of" objects (down the chain)
    come before modifiers, and nationality adjectives (NORP) come last, so that the city,
    not the country an adjective names, is the place.

    Notes:
        Structural preference (head, then "of" complement, as in the appositive-genitive
        "city of X" construction) stands in for the geocoded feature, which is not known yet
        when events are extracted (places are geocoded later, in the main process).
    """
    chain = [target]
    while len(chain) < 4 and (found := _pobjs(chain[-1], ("of",))):
        chain.append(found[0])
    rest = [t for t in _np_tokens(target) if t not in chain]
    return [*reversed(chain), *(t for t in rest if t.ent_type_ != "NORP"), *rest]


def _sentence_places(sent: Span, by_token: dict[int, Mention]) -> tuple[Mention, ...]:
    """The place mentions of a parsed sentence, those in a locative phrase first ("in X",
    "near the town of X"), then the others, each group in text order (read once).

    Notes:
        A place name that modifies a noun ("X strikes", "X officials") names whose the thing
        is at least as often as where it is; a locative phrase says where.
    """
    found = [
        (token, mention)
        for token in sent
        if (mention := by_token.get(token.i)) is not None and _names_place(mention)
    ]
    locative = [m for t, m in found if _in_locative_phrase(t)]
    return tuple(dict.fromkeys([*locative, *(m for _, m in found)]))


_PHRASE_DEPS: Final = frozenset({"compound", "conj", "appos", "amod", "flat", "nmod"})
_WHERE_PREPS: Final = _PLACE_PREPS - {"from"}


def _in_locative_phrase(token: Token) -> bool:
    """The token's phrase is the object of a locative preposition, directly or through "of"
    ("in X", "near the town of X", "north of X")."""
    for _ in range(2):
        while token.dep_ in _PHRASE_DEPS and token.head.i != token.i:
            token = token.head
        if token.dep_ != "pobj":
            return False
        preposition = token.head
        if preposition.lower_ in _WHERE_PREPS - {"of"}:
            return True
        if preposition.lower_ != "of" or preposition.head.i == preposition.i:
            return False
        token = preposition.head
        if token.pos_ in ("ADV", "ADJ", "NOUN") and token.dep_ in ("advmod", "npadvmod"):
            return True  # "north of X"
    return False


def _place(
    trigger: Token,
    item: _Found,
    by_token: dict[int, Mention],
    lexicon: Lexicon,
    source_ids: tuple[str, ...],
    sentence_places: tuple[Mention, ...],
) -> str | None:
    """A place mention: the captured place, then one in the trigger's clause, then the sentence."""
    if item.entry.type == "TAKE_CONTROL":
        for target in item.targets:
            for token in _taken_place_order(target):
                mention = by_token.get(token.i)
                if mention is not None and _is_place(token, lexicon, by_token):
                    return mention.id
    clause_tokens: list[Token] = []
    for child in trigger.children:
        if (child.dep_ == "prep" and child.lower_ in _PLACE_PREPS) or child.dep_ in (
            "dobj",
            "npadvmod",
        ):
            clause_tokens.extend(child.subtree)
    for token in clause_tokens:
        mention = by_token.get(token.i)
        if mention is not None and _names_place(mention) and mention.id not in source_ids:
            return mention.id
    return next((m.id for m in sentence_places if m.id not in source_ids), None)


def _event(
    analysis: DocumentAnalysis,
    sentence: Sentence,
    item: _Found,
    by_token: dict[int, Mention],
    lexicon: Lexicon,
    sent: Span,
    sentence_places: tuple[Mention, ...],
    toll: tuple[int | None, int | None],
) -> Event:
    trigger = item.trigger
    sources = () if _names_no_agent(item.sources, by_token, lexicon) else item.sources
    source_ids, source_text = _actors(sources, by_token, sentence)
    if not source_ids and not may_act(sources, load_agent_words()):
        source_text = None
    target_ids, target_text = _actors(item.targets, by_token, sentence)
    doc_id = analysis.document.id
    trigger_end = trigger.idx + len(trigger.text)
    entry = item.entry
    status = _status(item, lexicon)
    return Event(
        id=content_id(
            "event",
            doc_id=doc_id,
            trigger_start=item.trigger_start,
            trigger_end=trigger_end,
            type=entry.type,
            mode=entry.mode,
        ),
        doc_id=doc_id,
        sentence_index=sentence.index,
        start_char=sentence.start_char,
        end_char=sentence.end_char,
        trigger_start=item.trigger_start,
        trigger_end=trigger_end,
        type=cast(PloverType, entry.type),
        mode=entry.mode or None,
        context=entry.context,
        source_mention_ids=source_ids,
        target_mention_ids=target_ids,
        source_text=source_text,
        target_text=target_text,
        place_mention_id=_place(trigger, item, by_token, lexicon, source_ids, sentence_places),
        date=_date(sent, trigger, analysis.document.published),
        status=status,
        dead=toll[0],
        injured=toll[1],
        confidence_basis=_confidence_basis(
            item, bool(source_ids or source_text), bool(target_ids or target_text), status
        ),
    )


def _confidence_basis(item: _Found, has_source: bool, has_target: bool, status: str) -> str:
    """`event:<trigger>:<roles>:<status>:<type>`: how the event was found, for its confidence.

    The trigger is a `verb`, a `noun`, or `intended` (an action only promised, demanded or
    threatened by a governing word); roles say which of source and target the event has.
    """
    trigger = "intended" if item.is_intended else "verb" if item.trigger.pos_ == "VERB" else "noun"
    roles = "+".join(r for r, has in (("source", has_source), ("target", has_target)) if has)
    return f"event:{trigger}:{roles or 'none'}:{status}:{item.entry.type}"


def _status(item: _Found, lexicon: Lexicon) -> EventStatus:
    status = event_status(item.trigger, lexicon, ignored=item.ignored_cue)
    if item.is_intended and status in ("asserted", "reported"):
        return "hypothetical"
    return status


# --- dates (zenobia.extract.time) ----------------------------------------------------------------


def _date(sent: Span, trigger: Token, published: PublishedDate) -> EventDate | None:
    """The event's date interval from `zenobia.extract.time` (None when the text gives none)."""
    return resolve_event_date(sent, trigger, published)
