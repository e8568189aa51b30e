"""The per-document stages, in order: one parsed document in, one `DocumentAnalysis` out.

Each stage is a pure function of the analysis so far, the spaCy parse and the process's
`Resources`; it returns a new analysis with the fields it declares filled. A stage declares the
fields it reads (`requires`) and the fields it writes (`assigns`), as spaCy components do: a
stage may only read what an earlier stage assigns (or the document itself), and
`analyze_parsed_document` checks after each stage that it changed nothing it did not declare,
naming the stage that did. Nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace

from spacy.tokens import Doc

from zenobia.confidence import score_analysis
from zenobia.extract.actors import analyze_parsed
from zenobia.extract.claims import find_claims
from zenobia.extract.events import find_events
from zenobia.extract.places import geocode_analysis
from zenobia.extract.quotes import find_quotes
from zenobia.extract.stance import stances_in
from zenobia.model import Document, DocumentAnalysis
from zenobia.nlp.parse import parse_texts
from zenobia.resources import Resources

__all__ = [
    "ANALYSIS_FIELDS",
    "STAGES",
    "Stage",
    "StageContractError",
    "analyze_documents",
    "analyze_parsed_document",
    "run_stage",
    "stages_before",
]

ANALYSIS_FIELDS: frozenset[str] = frozenset(f.name for f in fields(DocumentAnalysis))
"""Every field of `DocumentAnalysis`; `document` is there before the first stage."""


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of per-document analysis.

    Attributes:
        name: What the stage is called in errors and benchmarks.
        requires: The analysis fields it reads (besides `document`).
        assigns: The analysis fields it writes; it leaves every other field as it was.
        run: The function: the analysis so far, the parse, the process's resources.
    """

    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    run: Callable[[DocumentAnalysis, Doc, Resources], DocumentAnalysis]


class StageContractError(RuntimeError):
    """A stage changed a field of the analysis it does not declare in `assigns`."""


def _actors(analysis: DocumentAnalysis, doc: Doc, resources: Resources) -> DocumentAnalysis:
    found = analyze_parsed(analysis.document, doc, resources.gazetteer)
    return DocumentAnalysis(
        document=analysis.document,
        sentences=found.sentences,
        mentions=found.mentions,
        token_count=found.token_count,
    )


def _quotes(analysis: DocumentAnalysis, doc: Doc, _resources: Resources) -> DocumentAnalysis:
    return find_quotes(analysis, doc)


def _events(analysis: DocumentAnalysis, doc: Doc, _resources: Resources) -> DocumentAnalysis:
    return find_events(analysis, doc)


def _stance(analysis: DocumentAnalysis, doc: Doc, resources: Resources) -> DocumentAnalysis:
    stances = stances_in(analysis, doc, resources.stance_lexicon, resources.stance_model)
    return replace(analysis, stances=stances)


def _claims(analysis: DocumentAnalysis, doc: Doc, _resources: Resources) -> DocumentAnalysis:
    return find_claims(analysis, doc)


def _places(analysis: DocumentAnalysis, _doc: Doc, resources: Resources) -> DocumentAnalysis:
    return geocode_analysis(analysis, resources.geocoder)


def _confidence(analysis: DocumentAnalysis, _doc: Doc, resources: Resources) -> DocumentAnalysis:
    return score_analysis(analysis, resources.confidence)


STAGES: tuple[Stage, ...] = (
    Stage(
        "actors",
        requires=frozenset(),
        assigns=frozenset({"sentences", "mentions", "token_count"}),
        run=_actors,
    ),
    Stage("quotes", frozenset({"sentences", "mentions"}), frozenset({"quotes"}), _quotes),
    Stage("events", frozenset({"sentences", "mentions"}), frozenset({"events"}), _events),
    Stage("stance", frozenset({"mentions"}), frozenset({"stances"}), _stance),
    Stage("claims", frozenset({"sentences", "mentions"}), frozenset({"claims"}), _claims),
    # Geocoding relabels the place names NER misread and places events a second time, so it
    # runs after the stages that read mentions as NER and the actor linker left them.
    Stage(
        "places",
        requires=frozenset({"sentences", "mentions", "events"}),
        assigns=frozenset({"mentions", "places", "events"}),
        run=_places,
    ),
    Stage(
        "confidence",
        requires=frozenset({"mentions", "events", "quotes", "claims", "stances"}),
        assigns=frozenset({"mentions", "events", "quotes", "claims", "stances"}),
        run=_confidence,
    ),
)
"""Every stage, in the order they run."""


def stages_before(name: str) -> tuple[Stage, ...]:
    """The stages that run before the one called `name` (the analysis it receives)."""
    names = [stage.name for stage in STAGES]
    if name not in names:
        raise ValueError(f"no stage is called {name!r}; the stages are {', '.join(names)}")
    return STAGES[: names.index(name)]


def run_stage(
    stage: Stage, analysis: DocumentAnalysis, doc: Doc, resources: Resources
) -> DocumentAnalysis:
    """Run one stage and check that it changed only the fields it assigns.

    Raises:
        StageContractError: The stage changed another field (a bug in the stage, named).
    """
    after = stage.run(analysis, doc, resources)
    for name in ANALYSIS_FIELDS - stage.assigns:
        before, now = getattr(analysis, name), getattr(after, name)
        if now is not before and now != before:
            raise StageContractError(
                f"stage {stage.name!r} changed {name!r}, which it does not assign"
            )
    return after


def analyze_parsed_document(
    document: Document, doc: Doc, resources: Resources, stages: Sequence[Stage] = STAGES
) -> DocumentAnalysis:
    """Run every stage over one parsed document.

    Args:
        document: The cleaned document.
        doc: Its spaCy parse (`zenobia.nlp.parse.parse_text(resources.nlp, document.text)`).
        resources: The process's resources.
        stages: The stages to run, in order (`stages_before` gives a prefix of `STAGES`).

    Returns:
        The whole per-document analysis, geocoded and scored.
    """
    analysis = DocumentAnalysis(document=document)
    for stage in stages:
        analysis = run_stage(stage, analysis, doc, resources)
    return analysis


def analyze_documents(
    documents: Sequence[Document], resources: Resources
) -> list[DocumentAnalysis]:
    """Parse documents of any length together and run every stage over each.

    Texts longer than `nlp.max_length` are parsed in pieces (`zenobia.nlp.parse.parse_texts`),
    so every offset still indexes `document.text`. The parses are dropped once analysed: only
    plain records come out.
    """
    parsed = parse_texts(resources.nlp, (d.text for d in documents))
    return [
        analyze_parsed_document(d, doc, resources) for d, doc in zip(documents, parsed, strict=True)
    ]
