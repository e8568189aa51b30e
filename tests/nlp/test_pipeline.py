"""The shared spaCy pipeline: components, order, and the gazetteer ruler ahead of NER."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from zenobia.errors import ModelError
from zenobia.nlp import pipeline
from zenobia.nlp.pipeline import MODEL_NAME, RULER_NAME, load_pipeline


def test_rulers_run_first(nlp: Language) -> None:
    names = nlp.pipe_names
    # the ruler needs only the tokenizer, and NER must see its spans
    assert names[0] == RULER_NAME
    assert names.index("ner") > 0
    # the lemmatizer is kept for event coding
    assert "lemmatizer" in names


def test_loaded_once_per_process(nlp: Language) -> None:
    assert load_pipeline() is nlp


def _ents(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a gazetteer span wins over NER and carries the entry id
        ("The Syrian government rejected the plan.", ("Syrian government", "ORG", "SYR-GOV")),
        # "the" stays outside the span
        ("The envoy briefed the UN Security Council.", ("UN Security Council", "ORG", "IGO-UNSC")),
        # an acronym
        ("NATO ministers met on Monday.", ("NATO", "ORG", "IGO-NATO")),
        # a country whose name is also a first name
        ("Jordan said it would reopen the crossing.", ("Jordan", "GPE", "JOR")),
    ],
)
def test_gazetteer_spans(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _ents(nlp, text)


def test_ner_still_labels_what_the_gazetteer_does_not_know(nlp: Language) -> None:
    ents = _ents(nlp, "Amira Haddad spoke in Marseille for Human Rights Watch.")
    # the NGO comes from the gazetteer, the person from NER
    assert ("Human Rights Watch", "ORG", "NGO-HRW") in ents
    assert any(label == "PERSON" and not entry for _, label, entry in ents)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # case-insensitive aliases match in any case
        ("talks with the united states resumed.", ("united states", "GPE", "USA")),
        # an all-caps headline still matches an exact-case alias
        ("CHAD CLOSES BORDER", ("CHAD", "GPE", "TCD")),
        # a longer alias beats the demonym inside it
        ("Chadian troops withdrew.", ("Chadian troops", "ORG", "TCD-MIL")),
    ],
)
def test_case_and_overlap(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _ents(nlp, text)


def test_lowercase_us_is_not_the_united_states(nlp: Language) -> None:
    assert all(entry != "USA" for _, _, entry in _ents(nlp, "They told us to leave."))


def test_missing_model_is_a_model_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def absent(name: str) -> Language:
        raise OSError(f"[E050] Can't find model '{name}'.")

    monkeypatch.setattr(spacy, "load", absent)
    with pytest.raises(ModelError, match=f"{MODEL_NAME} is not installed.*make install"):
        pipeline.load_pipeline.__wrapped__()
