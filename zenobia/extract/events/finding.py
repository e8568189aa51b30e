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

Precision (`zenobia.extract.events.salience`): a sentence yields an event only for a trigger
that predicates an act of its own; an action only promised, demanded or threatened is the
content of the promise, demand or threat, not a second event; conditions, purposes,
agentless descriptions and bare event nouns below the main act are dropped; the main act is
ranked first in the confidence basis. A trigger whose reading depends on who acts ("the
militia intervened") takes the armed reading for an armed source
(`zenobia.extract.events.readings`); a territorial event's target is the side that lost the
place when it is named (`zenobia.extract.events.losers`).

Notes:
    Trigger matching follows PETRARCH-2's verb patterns (Norris, Schrodt and Beieler 2017):
    a lemma's rows are tried most specific first, each requiring its cue words among the
    words after the trigger in its clause; a row with an empty type blocks coding. Role
    assignment follows the subject/object/agent conventions of dependency-based event coders
    (e.g. the Universal PETRARCH approach, Lu and Roy 2017).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final, cast

from spacy.tokens import Doc, Span, Token

from zenobia.extract.events.agents import load_agent_words, may_act
from zenobia.extract.events.casualties import casualties
from zenobia.extract.events.lexicon import Entry, Lexicon, load_lexicon
from zenobia.extract.events.locations import _place, _sentence_places
from zenobia.extract.events.losers import loser_of
from zenobia.extract.events.modality import complement_subject, modality_of, recoded, speaker
from zenobia.extract.events.participants import (
    _actors,
    _Found,
    _mentions_by_token,
    _names_no_agent,
    _sentence_of,
)
from zenobia.extract.events.readings import load_armed_readings, reading_for
from zenobia.extract.events.roles import _child, _heads, _subject_of
from zenobia.extract.events.salience import (
    CASUALTY_VERBS,
    Rank,
    is_bare_mention,
    is_condition,
    predicated,
    rank_of,
)
from zenobia.extract.events.status import event_status
from zenobia.extract.events.triggers import _triggers
from zenobia.extract.time import resolve_event_date
from zenobia.ids import content_id
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

__all__ = ["events_in", "find_events"]

_CASUALTY_VERBS: Final = CASUALTY_VERBS


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
            ordered = sorted(predicated(found), key=lambda f: (_depth(f.trigger), f.trigger.i))
            bearer = _toll_bearer(ordered)
            toll = casualties(sentence.text) if bearer is not None else (None, None)
            made = [
                (item, _event(analysis, sentence, item, by_token, lexicon, sent, places, toll))
                for item in ordered
            ]
            acts = [(item, event) for item, event in made if _has_participant(item)]
            kept = [item for item, _ in acts]
            for item, event in acts:
                rank = rank_of(item, kept)
                has_roles = bool(
                    event.source_mention_ids
                    or event.source_text
                    or event.target_mention_ids
                    or event.target_text
                )
                if is_condition(rank, event.status) or is_bare_mention(rank, item, has_roles):
                    continue
                if item is not bearer:
                    event = replace(event, dead=None, injured=None)
                ranked = _ranked(event, rank)
                events.setdefault(ranked.id, ranked)
    return tuple(sorted(events.values(), key=lambda e: (e.trigger_start, e.type)))


def _has_participant(item: _Found) -> bool:
    """A verb states an act only with a subject or an object; an event noun names one itself.

    "help" in "willing to send material to help defend X" has neither: no act is stated. A
    casualty verb ("were killed") states a death or a wound even when the parse lost its
    subject.
    """
    if item.trigger.pos_ != "VERB" or item.trigger.lemma_.lower() in _CASUALTY_VERBS:
        return True
    return bool(item.sources or item.targets)


def _ranked(event: Event, rank: Rank) -> Event:
    """The event with its rank in the sentence as the first feature of its confidence basis."""
    kind, _, rest = (event.confidence_basis or "event").partition(":")
    return replace(event, confidence_basis=f"{kind}:{rank}:{rest}" if rest else f"{kind}:{rank}")


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


# --- roles --------------------------------------------------------------------------------------


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
    place_id = _place(trigger, item, by_token, lexicon, source_ids, sentence_places)
    loser = loser_of(item, lexicon, by_token)
    targets = _heads(loser) if loser is not None else item.targets
    target_ids, target_text = _actors(targets, by_token, sentence)
    doc_id = analysis.document.id
    trigger_end = trigger.idx + len(trigger.text)
    kinds = {m.id: m.kind for m in by_token.values()}
    entry = reading_for(item.entry, (kinds.get(i) for i in source_ids), load_armed_readings())
    item = replace(item, entry=entry)
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
        place_mention_id=place_id,
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

    `events_in` then puts the event's rank in its sentence (`main` or `sub`,
    `zenobia.extract.events.salience`) right after the kind: `event:main:verb:...`.

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
