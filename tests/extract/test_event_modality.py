"""Modality: promises, demands, threats and refusals of an action, coded as PLOVER codes them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zenobia.extract.actors.mentions import analyze_document
from zenobia.extract.events.finding import find_events
from zenobia.extract.events.modality import ModalityKind, recoded
from zenobia.model import Document, Event


def _events(nlp: Language, text: str) -> list[Event]:
    analysis = analyze_document(Document(id="doc-1", source="test", text=text), nlp)
    return list(find_events(analysis, nlp(text)).events)


def _on(nlp: Language, text: str, trigger: str) -> Event:
    found = [e for e in _events(nlp, text) if text[e.trigger_start : e.trigger_end] == trigger]
    assert found, [(text[e.trigger_start : e.trigger_end], e.type) for e in _events(nlp, text)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "trigger", "type_", "mode", "status"),
    [
        # a future cooperative act is a commitment: AGREE, and the commitment is asserted
        ("Loyalists will support the Azure Front.", "support", "AGREE", "", "asserted"),
        # a future violent act is a stated intent to use force: THREATEN violence
        (
            "The Azure Front will attack Ostwick next week.",
            "attack",
            "THREATEN",
            "violence",
            "asserted",
        ),
        # "would" inside reported speech is the future of the past: a reported threat
        (
            "The Azure Front said it would shell the Kelvar barracks.",
            "shell",
            "THREATEN",
            "violence",
            "reported",
        ),
        # an obligation modal is a demand made of the subject
        ("The militia must withdraw from Ostwick.", "withdraw", "REQUEST", "yield", "asserted"),
        # "should" too
        (
            "The Azure Front should release the prisoners.",
            "release",
            "REQUEST",
            "yield",
            "asserted",
        ),
        # a commitment with an "unless" clause is an ultimatum: THREATEN
        (
            "Kelvar will withdraw its troops unless the Azure Front disarms.",
            "withdraw",
            "THREATEN",
            "",
            "asserted",
        ),
    ],
)
def test_an_auxiliary_recodes_the_action(
    nlp: Language, text: str, trigger: str, type_: str, mode: str, status: str
) -> None:
    event = _on(nlp, text, trigger)
    assert (event.type, event.mode or "", event.status) == (type_, mode, status)


@pytest.mark.parametrize(
    ("text", "trigger", "type_", "source", "target"),
    [
        # a vow to provide aid is a promise by the vower to the recipient of the aid
        (
            "Loyalists vowed to provide weapons to the Azure Front.",
            "vowed",
            "AGREE",
            "Loyalists",
            "Azure Front",
        ),
        # readiness to help: AGREE on the adjective, by the subject of the copula
        ("The Azure Front is ready to help Kelvar.", "ready", "AGREE", "Azure Front", "Kelvar"),
        # "committed to" + gerund
        (
            "The Kelvar government is committed to opening talks with the Azure Front.",
            "committed",
            "AGREE",
            "Kelvar government",
            "Azure Front",
        ),
        # urging someone to act is a demand made of them
        (
            "The envoy urged the Azure Front to withdraw from Ostwick.",
            "urged",
            "REQUEST",
            "envoy",
            "Azure Front",
        ),
        # refusing to act is a rejection
        (
            "The Azure Front refused to release the prisoners.",
            "refused",
            "REJECT",
            "Azure Front",
            "prisoners",
        ),
    ],
)
def test_a_governing_word_adds_the_statement(
    nlp: Language, text: str, trigger: str, type_: str, source: str, target: str
) -> None:
    event = _on(nlp, text, trigger)
    assert (event.type, event.source_text, event.target_text) == (type_, source, target)


def test_the_governed_action_is_the_promise_not_an_event_of_its_own(nlp: Language) -> None:
    text = "Loyalists vowed to provide weapons to the Azure Front."
    # the aid is only promised: the promise is the one event, with the aid's recipient
    events = _events(nlp, text)
    assert [(text[e.trigger_start : e.trigger_end], e.type) for e in events] == [("vowed", "AGREE")]


@pytest.mark.parametrize(
    ("text", "trigger", "type_"),
    [
        # an epistemic modal states a possibility, not a commitment: the type is kept
        ("The Azure Front could attack Ostwick.", "attack", "ASSAULT"),
        # a negated future is not a threat
        ("The Azure Front will not attack Ostwick.", "attack", "ASSAULT"),
        # a condition: not a commitment
        ("If the Azure Front attacks Ostwick, Kelvar will respond.", "attacks", "ASSAULT"),
        # a plain past act is the act
        ("The Azure Front attacked Ostwick.", "attacked", "ASSAULT"),
    ],
)
def test_no_modality_keeps_the_type(nlp: Language, text: str, trigger: str, type_: str) -> None:
    assert _on(nlp, text, trigger).type == type_


def test_a_threat_verb_lends_its_recipient(nlp: Language) -> None:
    text = "The Azure Front threatened to cut ties with Kelvar."
    # the recipient of the threat is the recipient of the act threatened
    assert _on(nlp, text, "threatened").target_text == "Kelvar"


@pytest.mark.parametrize(
    ("kind", "type_", "mode", "expected"),
    [
        # commitment to cooperate: AGREE
        ("commit", "AID", "", ("AGREE", "")),
        # commitment to take territory: THREATEN territory
        ("commit", "TAKE_CONTROL", "capture", ("THREATEN", "territory")),
        # commitment to arrest: THREATEN arrest
        ("commit", "COERCE", "arrest", ("THREATEN", "arrest")),
        # a verbal act stays itself under a promise
        ("commit", "ACCUSE", "", None),
        # a demand to meet: REQUEST meet
        ("demand", "CONSULT", "", ("REQUEST", "meet")),
        # a demand recodes a verbal act too ("must agree")
        ("demand", "AGREE", "", ("REQUEST", "change")),
        # a demand to make a demand stays a demand
        ("demand", "REQUEST", "", None),
        # a refusal to give aid: REJECT assist
        ("refuse", "AID", "", ("REJECT", "assist")),
    ],
)
def test_recoded_table(
    kind: ModalityKind, type_: str, mode: str, expected: tuple[str, str] | None
) -> None:
    assert recoded(kind, type_, mode) == expected
