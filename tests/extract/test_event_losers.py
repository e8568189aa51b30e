"""Roles of territorial and violent events: who took, who lost, who was hit."""

from __future__ import annotations

import pytest

from zenobia.extract.stages import analyze_parsed_document
from zenobia.model import Document, DocumentAnalysis, Event
from zenobia.resources import Resources


def _analyse(resources: Resources, text: str) -> DocumentAnalysis:
    return analyze_parsed_document(
        Document(id="d", source="test", text=text), resources.nlp(text), resources
    )


def _on(analysis: DocumentAnalysis, trigger: str) -> Event:
    text = analysis.document.text
    return next(e for e in analysis.events if text[e.trigger_start : e.trigger_end] == trigger)


def _place(analysis: DocumentAnalysis, event: Event) -> str | None:
    mentions = {m.id: m.text for m in analysis.mentions}
    return mentions.get(event.place_mention_id or "")


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        # a passive with the side it was taken from
        ("Ostwick was seized from the government by rebels.", "seized", "rebels", "government"),
        # the loser is the subject of a ceding verb, the winner the object of "to"
        ("The government lost Ostwick to the Azure Front.", "lost", "Azure Front", "government"),
        # an active verb with "from"
        ("Government forces recaptured the city of Tarsina from the militants.", "recaptured",
         "Government forces", "militants"),
    ],
)  # fmt: skip
def test_the_side_that_lost_the_place_is_the_target(
    resources: Resources, text: str, trigger: str, source: str, target: str
) -> None:
    analysis = _analyse(resources, text)
    event = _on(analysis, trigger)
    assert (event.source_text, event.target_text) == (source, target)
    # the place that changed hands is the event's place
    assert _place(analysis, event) in ("Ostwick", "Tarsina")


def test_without_a_named_loser_the_place_stays_the_target(resources: Resources) -> None:
    event = _on(_analyse(resources, "Rebels seized Ostwick on Monday."), "seized")
    assert event.target_text == "Ostwick"


def test_the_capture_of_a_place_by_a_group_has_the_group_as_source(resources: Resources) -> None:
    text = "The capture of Ostwick by the Azure Front shocked Kelvar."
    event = _on(_analyse(resources, text), "capture")
    assert event.source_text == "Azure Front"


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        # people named by their sector are the target, not the town it happened in
        ("Gunmen killed three protesters in Ostwick.", "killed", "Gunmen", "three protesters"),
        # coordinated actors stay together
        ("Rebels and militiamen attacked the base.", "attacked", "Rebels and militiamen", "base"),
    ],
)
def test_generic_and_coordinated_actors_are_kept_as_written(
    resources: Resources, text: str, trigger: str, source: str, target: str
) -> None:
    event = _on(_analyse(resources, text), trigger)
    assert (event.source_text, event.target_text) == (source, target)
