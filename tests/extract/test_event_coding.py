"""Event coding, second pass: PLOVER manual types, bleached verbs and attributive participles."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zenobia.extract.actors.mentions import analyze_document
from zenobia.extract.events.finding import find_events
from zenobia.model import Document, Event
from zenobia.resolve.actors import mention_group_key


def _events(nlp: Language, text: str) -> list[tuple[str, str, str | None]]:
    analysis = analyze_document(Document(id="doc-1", source="test", text=text), nlp)
    events: tuple[Event, ...] = find_events(analysis, nlp(text)).events
    return [(text[e.trigger_start : e.trigger_end], e.type, e.mode) for e in events]


@pytest.mark.parametrize(
    ("text", "trigger", "type_", "mode"),
    [
        # the manual lists "impose embargo, boycott, or sanctions" under SANCTION, not COERCE
        ("The Veldrian council imposed sanctions on Korvath.", "sanctions", "SANCTION", "sever"),
        # a sanction verb is SANCTION too
        ("The bloc sanctioned three Korvathi banks.", "sanctioned", "SANCTION", "sever"),
        # freezing assets is a CAMEO 163 pattern, recoded the same way
        ("Brenland froze the assets of the Tarsi militia.", "froze", "SANCTION", "sever"),
        # expelling inspectors ends the presence of observers: SANCTION expel
        ("The junta expelled the nuclear inspectors.", "expelled", "SANCTION", "expel"),
        # expelling diplomats is SANCTION expel, not a deportation
        ("Korvath expelled four Veldrian diplomats.", "expelled", "SANCTION", "expel"),
        # suing is ACCUSE ("sue or bring to court"), not an arrest
        ("The mayor is suing the Veldrian ministry.", "suing", "ACCUSE", "allege"),
        # a veto formally rejects a resolution: REJECT
        ("Brenland vetoed the council resolution.", "vetoed", "REJECT", "yield"),
        # resignations of officials are RETREAT resign
        ("The defence minister of Korvath resigned on Monday.", "resigned", "RETREAT", "resign"),
        # hostage-taking is abduction: ASSAULT abduct
        ("Gunmen took twelve villagers hostage.", "took", "ASSAULT", "abduct"),
        # signing a treaty is SUPPORT ("ratify, sign, or finalize an agreement")
        ("Korvath and Brenland signed a treaty on Friday.", "signed", "SUPPORT", None),
        # granting asylum is AID asylum
        ("Brenland granted asylum to the Korvathi colonel.", "granted", "AID", "asylum"),
        # reinforcing forces is a military move short of force: MOBILIZE troops
        ("The army reinforced its garrison near Tarsi.", "reinforced", "MOBILIZE", "troops"),
        # patterns of a bleached verb still code
        ("The envoys held talks in Kavo.", "talks", "CONSULT", None),
        # sharing intelligence is COOPERATE (CAMEO 064)
        ("Brenland shared intelligence with Korvath.", "shared", "COOPERATE", None),
        # joint military games are COOPERATE (CAMEO 062)
        ("Veldrian and Brenlander ships began war games off Kavo.", "war games", "COOPERATE", None),
    ],
)
def test_manual_types(nlp: Language, text: str, trigger: str, type_: str, mode: str) -> None:
    found = [(t, m) for tr, t, m in _events(nlp, text) if tr == trigger]
    assert (type_, mode) in found, _events(nlp, text)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a hyphenated participle names a state of its noun: no coercion
        ("Shells landed in the army-besieged district of Kavo.", "besieged"),
        # who backs a militia is an attribute, not an act of support
        ("The Veldrian-backed militia paraded in Tarsi.", "backed"),
        # who occupies a territory is an attribute here, not a capture
        ("Farmers returned to the Veldrian-occupied valley.", "occupied"),
        # "take place" means happen
        ("The handover took place near the bridge.", "took"),
        # "take place" with a place-like object still means happen
        ("Similar handovers have taken place in other towns.", "taken"),
        # claiming responsibility is a statement, not an accusation
        ("The Tarsi front claimed responsibility for the blast.", "claimed"),
        # a bare motion verb is not a visit
        ("The storm came at night.", "came"),
        # a bare "leave" with a toll is the toll, not a consultation
        ("The flood left dozens homeless.", "left"),
        # a bare "hold" is possession, not coercion
        ("The farmers hold large plots in the valley.", "hold"),
        # a bare "control" is a state, not cooperation
        ("The family controls two shops in the valley.", "controls"),
        # a bare "call" is naming, not a telephone consultation
        ("The villagers call the river Kavo.", "call"),
        # a bare "conduct" is generic action, not cooperation
        ("The orchestra conducted a short rehearsal.", "conducted"),
        # a bare "improve" is a change of scale, not cooperation
        ("The weather improved in Kavo.", "improved"),
    ],
)
def test_not_events(nlp: Language, text: str, trigger: str) -> None:
    assert trigger not in [t for t, _, _ in _events(nlp, text)], _events(nlp, text)


@pytest.mark.parametrize(
    ("text", "trigger", "type_"),
    [
        # a pattern of the bleached verb still codes: holding people hostage is abduction
        ("Rebels held the Veldrian envoy hostage for a week.", "held", "ASSAULT"),
        # the participle after a noun with "by" is a clause, not a compound modifier
        ("The Tarsi militia, backed by Veldrian advisers, attacked Kavo.", "attacked", "ASSAULT"),
        # lifting sanctions ends a SANCTION: RETREAT
        ("Brenland lifted the sanctions on Korvath.", "lifted", "RETREAT"),
        # a threat to impose sanctions is THREATEN
        ("Brenland threatened to impose sanctions on Korvath.", "threatened", "THREATEN"),
    ],
)
def test_still_events(nlp: Language, text: str, trigger: str, type_: str) -> None:
    found = [t for tr, t, _ in _events(nlp, text) if tr == trigger]
    assert type_ in found, _events(nlp, text)


@pytest.mark.parametrize(
    ("text", "trigger", "role"),
    [
        # a pronoun subject linked to its antecedent is the event's source
        (
            "The Tarsi Liberation Front entered Kavo on Monday. They shelled the town at night.",
            "shelled",
            "source",
        ),
        # a definite description linked to its antecedent is the source
        (
            "The Tarsi Liberation Front said on Monday that the group had attacked the base.",
            "attacked",
            "source",
        ),
    ],
)
def test_anaphoric_actor_resolves_to_antecedent(
    nlp: Language, text: str, trigger: str, role: str
) -> None:
    analysis = analyze_document(Document(id="doc-1", source="test", text=text), nlp)
    analysis = find_events(analysis, nlp(text))
    mentions = {m.id: m for m in analysis.mentions}
    event = next(e for e in analysis.events if text[e.trigger_start : e.trigger_end] == trigger)
    ids = event.source_mention_ids if role == "source" else event.target_mention_ids
    antecedent = next(m for m in analysis.mentions if m.text == "Tarsi Liberation Front")
    assert ids, event
    assert {mention_group_key(mentions[i]) for i in ids} == {mention_group_key(antecedent)}
