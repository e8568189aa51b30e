"""The gazetteer ruler: aliases found by their token strings, as spaCy's span rulers would."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import SpanRuler

from zenobia.nlp.phrase_index import GAZETTEER_FACTORY, GazetteerRuler, PhraseIndex

FOLDED = (
    ("GPE", "Veldria", "VEL"),
    ("NORP", "Veldrian", "VEL"),
    ("ORG", "Veldrian army", "VEL-MIL"),
    ("ORG", "Veldrian army command", "VEL-CMD"),
    ("ORG", "Korvath Front", "KFR"),
    # one alias, two entries: both spans are made, the first kept
    ("ORG", "Crescent", "CRS-1"),
    ("ORG", "Crescent", "CRS-2"),
)
EXACT = (
    ("ORG", "KF", "KFR"),
    ("ORG", "VA", "VEL-MIL"),
    ("GPE", "Mark", "MRK"),
)


def test_every_occurrence_of_every_length_is_found() -> None:
    index = PhraseIndex.from_rows(FOLDED, lowercase=True)
    words = ["the", "veldrian", "army", "command", "met", "the", "veldrian", "army"]
    found = {(start, end, entry) for start, end, _, entry in index.find(words)}
    assert found == {
        (1, 2, "VEL"),
        (1, 3, "VEL-MIL"),
        (1, 4, "VEL-CMD"),
        (6, 7, "VEL"),
        (6, 8, "VEL-MIL"),
    }


def test_a_phrase_running_past_the_end_is_not_found() -> None:
    index = PhraseIndex.from_rows(FOLDED, lowercase=True)
    assert [entry for *_, entry in index.find(["the", "veldrian"])] == ["VEL"]


def test_exact_case_compares_the_written_form() -> None:
    index = PhraseIndex.from_rows(EXACT, lowercase=False)
    assert index.find(["Mark", "said"]) == [(0, 1, "GPE", "MRK")]
    assert index.find(["mark", "the", "day"]) == []


def _with_span_rulers(nlp: Language) -> Language:
    for name, attr, rows in (("folded", "LOWER", FOLDED), ("exact", "ORTH", EXACT)):
        ruler = nlp.add_pipe(
            "span_ruler",
            name=name,
            config={
                "annotate_ents": True,
                "overwrite": name == "folded",
                "spans_key": None,
                "phrase_matcher_attr": attr,
            },
        )
        assert isinstance(ruler, SpanRuler)
        ruler.add_patterns([{"label": lab, "pattern": text, "id": id_} for lab, text, id_ in rows])
    return nlp


def _with_gazetteer_ruler(nlp: Language) -> Language:
    ruler = nlp.add_pipe(GAZETTEER_FACTORY)
    assert isinstance(ruler, GazetteerRuler)
    ruler.folded = PhraseIndex.from_rows(FOLDED, lowercase=True)
    ruler.exact = PhraseIndex.from_rows(EXACT, lowercase=False)
    return nlp


@pytest.mark.parametrize(
    "text",
    [
        # the longest alias wins over the ones inside it
        "The Veldrian army command said the Veldrian army had left Veldria.",
        # case does not matter for the folded list
        "VELDRIAN ARMY UNITS CROSS INTO KORVATH FRONT LINES",
        # exact-case aliases: only as written, and never over a folded match
        "Mark said the KF and the VA met; mark the date. The Veldrian army VA unit.",
        # an alias with two entries
        "The Crescent said it would stay.",
        # nothing to find
        "Nothing here names anyone at all.",
    ],
)
def test_the_ruler_marks_what_two_span_rulers_would(text: str) -> None:
    spans = _with_span_rulers(spacy.blank("en"))(text).ents
    ours = _with_gazetteer_ruler(spacy.blank("en"))(text).ents
    expected = [(e.start, e.end, e.label_, e.ent_id_) for e in spans]
    assert [(e.start, e.end, e.label_, e.ent_id_) for e in ours] == expected
    assert expected or text.startswith("Nothing")
