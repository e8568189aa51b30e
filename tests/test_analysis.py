"""The per-document function: one call, its resources passed in, stages that keep their word."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from spacy.language import Language

from zenobia.analysis import STAGES, Resources, Stage, StageContractError, analyze_document
from zenobia.extract.stages import (
    ANALYSIS_FIELDS,
    analyze_documents,
    analyze_parsed_document,
    run_stage,
    stages_before,
)
from zenobia.model import Document, DocumentAnalysis

TEXTS = [
    # actors, a place NER may misread, an event with casualties, a quote, a claim
    'Rebel fighters shelled Kunduz on Monday, killing 14 civilians. "We will not leave," '
    "a rebel commander said. The governor of Kunduz condemned the attack.",
    # a dateline, a reported statement, a stance
    "BEIRUT (Reuters) - Hezbollah accused Israel of bombing a village near Tyre, the group's "
    "television station said. The United Nations urged both sides to show restraint.",
    # no facts at all
    "It rained all week.",
]


def _documents() -> list[Document]:
    return [Document(id=f"d{i}", source=f"t{i}.txt", text=t) for i, t in enumerate(TEXTS)]


def test_a_stage_requires_only_what_an_earlier_stage_assigns() -> None:
    available = {"document"}
    for stage in STAGES:
        assert stage.requires <= available, f"{stage.name} reads {stage.requires - available}"
        assert stage.assigns <= ANALYSIS_FIELDS, f"{stage.name} assigns an unknown field"
        available |= stage.assigns


def test_every_field_of_an_analysis_is_assigned_by_some_stage() -> None:
    assigned = set().union(*(stage.assigns for stage in STAGES))
    assert assigned | {"document"} == {f.name for f in fields(DocumentAnalysis)}


@pytest.mark.parametrize("stage", STAGES, ids=lambda s: s.name)
def test_a_stage_reads_nothing_it_does_not_require(
    stage: Stage, nlp: Language, resources: Resources
) -> None:
    """Emptying every field a stage does not require leaves what it assigns unchanged."""
    for document in _documents():
        doc = nlp(document.text)
        before = analyze_parsed_document(document, doc, resources, stages_before(stage.name))
        emptied = {
            name: DocumentAnalysis.__dataclass_fields__[name].default
            for name in ANALYSIS_FIELDS - stage.requires - {"document"}
        }
        whole = stage.run(before, doc, resources)
        blind = stage.run(replace(before, **emptied), doc, resources)  # type: ignore[arg-type]
        for name in stage.assigns:
            assert getattr(blind, name) == getattr(whole, name), f"{stage.name}: {name}"


def test_a_stage_that_changes_an_undeclared_field_is_named(
    nlp: Language, resources: Resources
) -> None:
    (document, *_) = _documents()

    def sloppy(analysis: DocumentAnalysis, _doc: object, _r: object) -> DocumentAnalysis:
        return replace(analysis, quotes=(), token_count=analysis.token_count + 1)

    stage = Stage("sloppy", frozenset(), frozenset({"quotes"}), sloppy)
    with pytest.raises(StageContractError, match="'sloppy' changed 'token_count'"):
        run_stage(stage, DocumentAnalysis(document=document), nlp(document.text), resources)


def test_one_document_alone_gives_what_a_batch_gives(resources: Resources) -> None:
    documents = _documents()
    assert [analyze_document(d, resources) for d in documents] == analyze_documents(
        documents, resources
    )


def test_the_analysis_is_geocoded_and_scored(resources: Resources) -> None:
    analysis = analyze_document(_documents()[0], resources)
    assert "Kunduz" in {p.name for p in analysis.places}
    assert all(m.place_id for m in analysis.mentions if m.text == "Kunduz")
    assert analysis.events and all(e.confidence is not None for e in analysis.events)


def test_a_stage_that_is_not_there_is_named() -> None:
    with pytest.raises(ValueError, match="no stage is called 'parsing'"):
        stages_before("parsing")
