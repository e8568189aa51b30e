"""Event recipients, nominal triggers that name an occurrence, and trailing attribution."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zenobia.extract.actors.mentions import analyze_document
from zenobia.extract.events.finding import find_events
from zenobia.model import Document, Event


def _events(nlp: Language, text: str) -> list[Event]:
    analysis = analyze_document(Document(id="doc-1", source="test", text=text), nlp)
    return list(find_events(analysis, nlp(text)).events)


def _triggers(nlp: Language, text: str) -> list[str]:
    return [text[e.trigger_start : e.trigger_end] for e in _events(nlp, text)]


def _on(nlp: Language, text: str, trigger: str) -> Event:
    found = [e for e in _events(nlp, text) if text[e.trigger_start : e.trigger_end] == trigger]
    assert found, _triggers(nlp, text)
    return found[0]


# --- recipients ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        # the thing given is the theme; the actor it goes to is the recipient
        ("Kelvar provided weapons to the Azure Front.", "provided", "Azure Front"),
        # an actor inside the object's phrase: "its blockade on X"
        ("The army lifted its blockade on the Azure Front.", "lifted", "Azure Front"),
        # the possessor of a rejected proposal is the recipient of the rejection
        ("Kelvar rejected the Azure Front's offer.", "rejected", "Azure Front"),
        # a demand that someone act is made of that someone
        ("The envoy demanded that the Azure Front free the hostages.", "demanded", "Azure Front"),
        # an inanimate object located in a city: the city (a polity) is the recipient
        ("The army imposed a curfew in Ostwick.", "imposed", "Ostwick"),
        # "near" locates, it does not name who is hit: the object stays
        ("Troops shelled the market near Ostwick.", "shelled", "market"),
        # a protest is against whom its purpose clause names
        (
            "Students began a hunger strike to protest against the Kelvar government.",
            "hunger strike",
            "Kelvar government",
        ),
        # an inanimate target with no actor near it is kept
        ("The rebels fired rockets at the airport.", "fired", "airport"),
        # a direct object actor stays the recipient
        ("The Azure Front attacked Kelvar troops on Monday.", "attacked", "Kelvar troops"),
    ],
)
def test_recipient_is_the_actor_acted_on(
    nlp: Language, text: str, trigger: str, target: str
) -> None:
    assert _on(nlp, text, trigger).target_text == target


def test_captured_place_stays_the_target_even_with_an_actor_nearby(nlp: Language) -> None:
    text = "The Azure Front captured the town with Kelvar support."
    # in control of territory the place that changed hands is the target
    assert _on(nlp, text, "captured").target_text == "town"


# --- nominal triggers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "is_event"),
    [
        # "the fighting" as a topic is no occurrence
        ("The fighting has changed the lives of everyone in the valley.", "fighting", False),
        # bare plural topic: no occurrence
        ("Attacks are a constant worry for farmers.", "Attacks", False),
        # an aimed object makes the noun an occurrence
        ("The airstrikes on the hospital drew condemnation.", "airstrikes", True),
        # a by-agent does too
        ("The raids by the militia drew condemnation.", "raids", True),
        # a place argument anchors it
        ("Clashes in Ostwick drew condemnation.", "Clashes", True),
        # a numeral counts occurrences
        ("Twelve airstrikes drew condemnation.", "airstrikes", True),
        # a noun that only classifies another noun is no occurrence
        ("They crossed the Kabul ceasefire line at night.", "ceasefire", False),
        # a named actor as modifier is its source
        ("The Azure Front offensive drew condemnation.", "offensive", True),
    ],
)
def test_nominal_trigger_needs_a_specific_occurrence(
    nlp: Language, text: str, trigger: str, is_event: bool
) -> None:
    assert (trigger in _triggers(nlp, text)) is is_event


# --- status ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        # a trailing reporting clause without a comma, parsed as a relative clause on "city"
        ("Jets bombed the city the state agency reported.", "bombed", "reported"),
        # with a comma
        ("Jets bombed the city, the monitor said.", "bombed", "reported"),
        # a real relative clause with "that" is not attribution
        ("Jets bombed the bridge that engineers reported damaged.", "bombed", "asserted"),
    ],
)
def test_trailing_attribution(nlp: Language, text: str, trigger: str, status: str) -> None:
    assert _on(nlp, text, trigger).status == status
