"""Names that speak: the subject of a speech verb is an actor even when NER misses it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zenobia.extract.actors.mentions import analyze_document
from zenobia.model import Document


def _mentions(nlp: Language, text: str) -> list[tuple[str, str]]:
    analysis = analyze_document(Document(id="doc-1", source="test", text=text), nlp)
    return [(m.text, m.label) for m in analysis.mentions if m.link_basis is None]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a lone surname at the start of a sentence, subject of "said"
        ("Perabo said the plan would fail.", "Perabo"),
        # another reporting verb
        ("Wray told reporters the inquiry was over.", "Wray"),
    ],
)
def test_a_proper_noun_that_speaks_is_a_person(nlp: Language, text: str, name: str) -> None:
    assert (name, "PERSON") in _mentions(nlp, text)


def test_a_proper_noun_that_does_not_speak_is_left_to_ner(nlp: Language) -> None:
    # being in contact is no speech: nothing here says "Pence" is a name NER missed
    assert _mentions(nlp, "Pence had been in contact with the governor.") == []


def test_a_place_that_speaks_keeps_its_reading(nlp: Language) -> None:
    # metonymy: the capital speaks for its government, linked by the actor rules
    analysis = analyze_document(
        Document(id="doc-1", source="test", text="Moscow said the talks had failed."), nlp
    )
    assert all(m.label != "PERSON" for m in analysis.mentions)
