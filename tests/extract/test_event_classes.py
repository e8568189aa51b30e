"""Event coding of verb classes the CAMEO dictionary mis-codes: alerts, troop moves, assemblies."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zenobia.extract.actors.mentions import analyze_document
from zenobia.extract.events.finding import find_events
from zenobia.model import Document, Event


def _coded(nlp: Language, text: str) -> list[tuple[str, str, str | None]]:
    analysis = analyze_document(Document(id="doc-1", source="test", text=text), nlp)
    events: tuple[Event, ...] = find_events(analysis, nlp(text)).events
    return [(text[e.trigger_start : e.trigger_end], e.type, e.mode) for e in events]


@pytest.mark.parametrize(
    ("text", "trigger", "type_", "mode"),
    [
        # forces that stay on alert show readiness short of force (CAMEO 152): MOBILIZE
        ("Veldrian troops remained on alert along the Tarsi border.", "remained", "MOBILIZE", None),
        # being kept on alert is the same move, in the passive
        ("Police units were kept on alert in Kavo.", "kept", "MOBILIZE", None),
        # raising the alert level is an increase of alert status
        ("The Korvathi army raised its alert level on Monday.", "raised", "MOBILIZE", None),
        # sending troops increases armed forces in an area (CAMEO 154)
        ("Brenland sent troops to the northern valley.", "sent", "MOBILIZE", "troops"),
        # sending reinforcements is the mobilization itself, not an intent to give aid
        ("The militia sent reinforcements to the front.", "sent", "MOBILIZE", "troops"),
        # massing forces near a border is a show of force short of its use
        ("Korvath massed troops near the Veldrian border.", "massed", "MOBILIZE", "troops"),
        # amassing soldiers is the same move
        ("The rebels amassed soldiers outside Tarsi.", "amassed", "MOBILIZE", "troops"),
        # a motion verb with talks is a consultation (CAMEO 046)
        ("Korvathi envoys returned to Kavo for talks with Brenland.", "returned", "CONSULT", None),
        # flying somewhere for talks is the same
        ("The Veldrian minister flew to Tarsi for talks.", "flew", "CONSULT", None),
        # to mediate is to take part in talks between parties (CAMEO 045), not to yield
        ("Brenland mediated in the dispute over the dam.", "mediated", "CONSULT", None),
        # mediation as a noun with a light verb is a consultation too
        ("Brenland launched a mediation between the factions.", "mediation", "CONSULT", None),
        # assembling for a protest is a demonstration
        ("Crowds gathered in Kavo for a protest.", "gathered", "PROTEST", "demo"),
        # assembling for a summit is a meeting
        ("Leaders of the bloc assembled in Tarsi for a summit.", "assembled", "CONSULT", None),
    ],
)
def test_class_is_coded(nlp: Language, text: str, trigger: str, type_: str, mode: str) -> None:
    found = [(t, m) for tr, t, m in _coded(nlp, text) if tr == trigger]
    assert (type_, mode) in found, _coded(nlp, text)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # people gathering at a place are not meeting anyone
        ("Villagers gathered outside the mosque at dusk.", "gathered"),
        # gathering information is not a consultation
        ("The monitor gathers information from activists in Kavo.", "gathers"),
        # crowds converging on a square are not consulting
        ("Crowds converged on the main square of Tarsi.", "converged"),
        # amassing wealth is not a mobilization
        ("The colonel amassed a fortune in Kavo.", "amassed"),
        # strengthening someone's forces is backing them, not a mobilization of one's own
        ("Brenland strengthened the Korvathi forces with new rifles.", "strengthened"),
    ],
)
def test_class_is_not_coded_as_meeting_or_mobilization(
    nlp: Language, text: str, trigger: str
) -> None:
    found = [t for tr, t, _ in _coded(nlp, text) if tr == trigger]
    assert not {"CONSULT", "MOBILIZE"} & set(found), _coded(nlp, text)
