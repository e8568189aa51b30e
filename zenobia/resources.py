"""What the per-document analysis needs beyond the document, built once per process.

`Resources.load()` reads the knowledge base, builds the spaCy pipeline with its gazetteer
ruler, opens the geocoder's index and reads the lexicons, the stance model and the confidence
table. A run's worker processes build one each when they start; the distributed runner builds
one per executor. The analysis receives it as an argument (`zenobia.analysis.analyze_document`),
so every input of a document's analysis is in its signature.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from spacy.language import Language

from zenobia.confidence import ConfidenceTable, read_confidence_table
from zenobia.extract.places import Geocoder
from zenobia.extract.stance import (
    StanceLexicon,
    StanceModel,
    load_stance_lexicon,
    load_stance_model,
)
from zenobia.nlp.gazetteer import Gazetteer, load_gazetteer
from zenobia.nlp.pipeline import build_pipeline

__all__ = ["Resources"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Resources:
    """The pipeline, gazetteers, lexicons and tables one document's analysis reads.

    Treat every part as read-only: one `Resources` serves every document a process analyses.

    Attributes:
        nlp: The spaCy pipeline with the gazetteer ruler ahead of NER.
        gazetteer: The actors' knowledge base the ruler's entry ids point into.
        geocoder: The place gazetteer (GeoNames, curated regions) and its ranking.
        stance_lexicon: The stance cues and shifters.
        stance_model: The stance model's weights.
        confidence: The calibrated confidence of each basis, which scores every fact.
    """

    nlp: Language
    gazetteer: Gazetteer
    geocoder: Geocoder
    stance_lexicon: StanceLexicon
    stance_model: StanceModel
    confidence: ConfidenceTable

    @classmethod
    def load(cls, nlp: Language | None = None) -> Resources:
        """Build every resource the analysis needs (a second or two; once per process).

        Args:
            nlp: A pipeline already built with `zenobia.nlp.pipeline.build_pipeline`, to
                share it (tests do); a new one when None.

        Raises:
            ModelError: The spaCy model is not installed.
            KnowledgeError: A packaged data file is missing or malformed.
        """
        started = time.perf_counter()
        gazetteer = load_gazetteer()
        resources = cls(
            nlp=nlp if nlp is not None else build_pipeline(gazetteer),
            gazetteer=gazetteer,
            geocoder=Geocoder(),
            stance_lexicon=load_stance_lexicon(),
            stance_model=load_stance_model(),
            confidence=read_confidence_table(),
        )
        log.info("analysis resources loaded in %.2f s", time.perf_counter() - started)
        return resources
