"""Ending an activity codes by what is ended: SANCTION, RETREAT or CONCEDE."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zenobia.extract.actors.mentions import analyze_document
from zenobia.extract.events.finding import find_events
from zenobia.model import Document, Event


def _events(nlp: Language, text: str) -> list[Event]:
    analysis = analyze_document(Document(id="doc-1", source="test", text=text), nlp)
    return list(find_events(analysis, nlp(text)).events)


@pytest.mark.parametrize(
    ("text", "trigger", "type_", "target"),
    [
        # ending aid is a reduction of relations: SANCTION, aimed at the aid's recipient
        ("Kelvar suspended aid to the Azure Front.", "suspended", "SANCTION", "Azure Front"),
        # lifting a siege ends a restriction: RETREAT
        ("The army lifted the siege of Ostwick.", "lifted", "RETREAT", "siege of Ostwick"),
        # halting an offensive ends hostilities: RETREAT
        (
            "Loyalists halted their offensive against the Azure Front.",
            "halted",
            "RETREAT",
            "Azure Front",
        ),
        # a verb with its particle ("call off") ending talks
        ("Kelvar called off talks with the Azure Front.", "called", "SANCTION", "Azure Front"),
    ],
)
def test_ending_verb_codes_by_what_it_ends(
    nlp: Language, text: str, trigger: str, type_: str, target: str
) -> None:
    found = [e for e in _events(nlp, text) if text[e.trigger_start : e.trigger_end] == trigger]
    assert [(e.type, e.target_text) for e in found] == [(type_, target)]


def test_the_ended_activity_is_not_its_own_event(nlp: Language) -> None:
    text = "The army lifted the siege of Ostwick."
    # the siege is what ended, not a new siege
    assert [text[e.trigger_start : e.trigger_end] for e in _events(nlp, text)] == ["lifted"]


def test_an_ending_verb_without_an_event_object_codes_nothing(nlp: Language) -> None:
    # cutting a road is no event of the dictionary
    assert _events(nlp, "The storm cut the road to the village.") == []
