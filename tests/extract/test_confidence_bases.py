"""Each fact names the path that decided it (`confidence_basis`), where it is made."""

from __future__ import annotations

import pytest

from zenobia.extract.stages import analyze_parsed_document, stages_before
from zenobia.model import Document, DocumentAnalysis
from zenobia.resources import Resources


def _analyse(resources: Resources, text: str) -> DocumentAnalysis:
    document = Document(id="d", source="test", text=text)
    doc = resources.nlp(text)
    return analyze_parsed_document(document, doc, resources, stages_before("places"))


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the sentence's main act: a verb with a source and a target, stated as fact
        ("Rebels shelled the town of Varnos on Monday.", "shelled",
         "event:main:verb:source+target:asserted:ASSAULT"),
        # a verb attributed to someone, with its target only
        ("Airstrikes hit the market, witnesses said.", "hit",
         "event:main:verb:target:reported:ASSAULT"),
        # a noun trigger below the sentence's main act
        ("The airstrike on the market was condemned by the mayor.", "airstrike",
         "event:sub:noun:target:asserted:ASSAULT"),
    ],
)  # fmt: skip
def test_an_event_names_its_trigger_roles_status_and_type(
    resources: Resources, text: str, trigger: str, expected: str
) -> None:
    found = _analyse(resources, text)
    bases = {text[e.trigger_start : e.trigger_end]: e.confidence_basis or "" for e in found.events}
    assert bases[trigger].startswith(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a direct quote whose speaker is a name after the cue verb
        ('"The port is lost," said Omar Farid.', "quote:direct:speaker=name:cue=verb"),
        # reported speech of a speaker that is a phrase naming no one
        ("A local official said that the bridge had collapsed.",
         "quote:indirect:speaker=phrase:cue=verb"),
    ],
)  # fmt: skip
def test_a_quote_names_its_form_speaker_and_cue(
    resources: Resources, text: str, expected: str
) -> None:
    (quote,) = _analyse(resources, text).quotes
    assert quote.confidence_basis == expected


def test_a_mention_names_the_rule_that_linked_it(resources: Resources) -> None:
    text = "Hezbollah fired rockets on Monday. It said the strikes would go on."
    bases = {m.text: m.confidence_basis for m in _analyse(resources, text).mentions}
    # a knowledge-base name as written; a pronoun standing for it
    assert bases["Hezbollah"] == "mention:link=kb"
    assert bases["It"] == "mention:link=pronoun"


def test_a_stance_and_a_claim_name_how_they_were_read(resources: Resources) -> None:
    found = _analyse(resources, "Hezbollah said 12 civilians were killed in the town.")
    # the outlet's own voice, judged neutral, with the model's probability bucket
    assert {(s.confidence_basis or "")[:24] for s in found.stances} == {"stance:own:neutral:p0.80"}
    (claim,) = found.claims
    assert claim.confidence_basis == "claim:count:of=known"
