"""A sentence yields an event only for a trigger that predicates an act; the main act is first."""

from __future__ import annotations

import pytest

from zenobia.extract.stages import analyze_parsed_document
from zenobia.model import Document, Event
from zenobia.resources import Resources


def _events(resources: Resources, text: str) -> list[Event]:
    document = Document(id="d", source="test", text=text)
    return list(analyze_parsed_document(document, resources.nlp(text), resources).events)


def _triggers(resources: Resources, text: str) -> dict[str, Event]:
    return {text[e.trigger_start : e.trigger_end]: e for e in _events(resources, text)}


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        # a threatened act is the threat's content, not a second event
        ("The Azure Front threatened to storm the palace in Ostwick.", "threatened", "storm"),
        # what is agreed to or asked for has not happened
        ("Kelvar and the Azure Front agreed to a ceasefire on Monday.", "agreed", "ceasefire"),
        ("The envoy demanded a truce between the two armies.", "demanded", "truce"),
        # a participle describing a noun refers back to background
        ("The army lifted the curfew imposed on Ostwick last month.", "lifted", "imposed"),
        # an infinitive of purpose is a plan
        ("The governor resigned to allow new elections in Ostwick.", "resigned", "allow"),
        # a condition of the main act is not reported as happening
        ("Kelvar will withdraw its troops unless the rebels release the hostages.",
         "withdraw", "release"),
    ],
)  # fmt: skip
def test_only_acts_the_sentence_reports_are_events(
    resources: Resources, text: str, kept: str, dropped: str
) -> None:
    triggers = _triggers(resources, text)
    assert kept in triggers
    assert dropped not in triggers


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # an investigation or an arrest is about a killing that did happen
        ("Police arrested a man in the murder of his neighbour.", "murder"),
        # a condemned airstrike happened
        ("The airstrike on the market was condemned by the mayor.", "airstrike"),
        # a declaration that demands something is itself the demand
        ("The party issued a declaration demanding that Kelvar free the prisoners.", "demanding"),
    ],
)
def test_acts_that_are_arguments_of_other_acts_stay_when_they_happened(
    resources: Resources, text: str, trigger: str
) -> None:
    assert trigger in _triggers(resources, text)


def test_one_trigger_gives_one_event(resources: Resources) -> None:
    text = "Rebels shelled Ostwick and seized the airport, witnesses said."
    starts = [e.trigger_start for e in _events(resources, text)]
    assert len(starts) == len(set(starts))


def test_the_main_act_is_ranked_main_and_the_others_sub(resources: Resources) -> None:
    text = "Kelvar accused the rebels of shelling the hospital in Ostwick."
    bases = {k: e.confidence_basis or "" for k, e in _triggers(resources, text).items()}
    assert bases["accused"].startswith("event:main:")
    assert bases["shelling"].startswith("event:sub:")


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # an armed group's intervention is force
        ("Hezbollah fighters intervened in the battle for Ostwick.", "ASSAULT"),
        # a relief agency's is aid
        ("The Red Cross intervened to help the refugees in Ostwick.", "AID"),
    ],
)
def test_the_source_chooses_between_readings(resources: Resources, text: str, type_: str) -> None:
    assert _triggers(resources, text)["intervened"].type == type_


def test_a_bare_event_noun_below_the_main_act_is_no_event(resources: Resources) -> None:
    text = "Rebels surrendered in Ostwick after the offensive, officials said."
    # "the offensive" has no one acting and no one hit: it dates the surrender
    assert list(_triggers(resources, text)) == ["surrendered"]


@pytest.mark.parametrize(
    "text",
    [
        # a clause the parser hung under a noun still has its own object: it is an act
        "A grim record The last attack on the Ostwick shrine killed at least seven.",
        # a death is stated even when the parse lost who died
        "On Tuesday in a gas attack some 100 civilians were killed.",
        # a killing that describes its victim is still the killing reported
        "Police identified the man killed outside a bar on Elm Street as Arlen Mosk.",
    ],
)
def test_a_killing_is_kept_when_the_parse_is_poor(resources: Resources, text: str) -> None:
    assert "killed" in _triggers(resources, text)
