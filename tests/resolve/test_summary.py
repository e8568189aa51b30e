"""The extractive corpus summary: central sentences, no near-duplicates, each cited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zenobia.export.json import build_export
from zenobia.model import Document, DocumentAnalysis, Sentence
from zenobia.resolve.summary import resolve_summary, sentence_terms, summarise, summary_text
from zenobia.store.sqlite import Store

_CORPUS = {
    "d1": [
        "Heavy shelling hit the northern district of Marenport on Monday, residents said.",
        "The local football team won its match despite the heavy rain that evening.",
    ],
    "d2": [
        "Shelling of the northern district of Marenport continued on Monday, killing residents.",
        "Heavy shelling hit the northern district of Marenport on Monday, residents reported.",
    ],
    "d3": [
        "Aid convoys reached Marenport after days of shelling in the northern district.",
        "A new bakery opened in a quiet village far to the south of the river delta.",
    ],
}


def _sentences() -> list[Sentence]:
    found = []
    for doc, texts in _CORPUS.items():
        start = 0
        for index, text in enumerate(texts):
            found.append(Sentence(doc, index, start, start + len(text), text))
            start += len(text) + 1
    return found


def test_central_sentences_come_first_and_near_duplicates_are_dropped() -> None:
    chosen = summarise(_sentences(), size=3)
    texts = [s.text for s in chosen]
    # the off-topic sentences are not central
    assert not any("bakery" in t or "football" in t for t in texts)
    # the two near-identical reports of the shelling appear once
    assert sum(t.startswith("Heavy shelling hit") for t in texts) == 1


def test_a_boost_lifts_a_supported_sentence() -> None:
    plain = summarise(_sentences(), size=1)
    boosted = summarise(_sentences(), size=1, boosts={("d3", 0): 5.0})
    assert plain[0].doc_id != "d3"
    assert (boosted[0].doc_id, boosted[0].start_char) == ("d3", 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # stop words and numbers drop out; plurals meet their singular
        ("The strikes hit 3 towns", ["strike", "hit", "town"]),
        # "-ss" is not a plural
        ("Access was blocked", ["access", "blocked"]),
    ],
)
def test_sentence_terms(text: str, expected: list[str]) -> None:
    assert sentence_terms(text) == expected


def test_every_summary_sentence_carries_a_citation_that_resolves() -> None:
    sentences = _sentences()
    chosen = summarise(sentences, size=3)
    text = summary_text(chosen)
    cites = re.findall(r"\(doc (\w+), (\d+)-(\d+)\)", text)
    assert len(cites) == len(chosen) == 3
    by_doc = {doc: " ".join(texts) for doc, texts in _CORPUS.items()}
    for (doc, start, end), sentence in zip(cites, chosen, strict=True):
        assert by_doc[doc][int(start) : int(end)] == sentence.text


def test_the_export_summary_cites_the_resolved_sentences(tmp_path: Path) -> None:
    with Store(tmp_path / "z.db") as store, store.transaction():
        for doc, texts in _CORPUS.items():
            text = " ".join(texts)
            document = Document(id=doc, source=doc, text=text)
            store.write_document(document, status="analyzed", fingerprint=doc, minhash=None)
            sentences = tuple(s for s in _sentences() if s.doc_id == doc)
            store.write_analysis(DocumentAnalysis(document=document, sentences=sentences))
    with Store(tmp_path / "z.db") as store:
        # six sentences, one a near-duplicate of another
        assert resolve_summary(store) == {"summary_sentences": 5}
        exported = build_export(store)
    texts = {d["id"]: d["text"] for d in exported["documents"]}
    cites = re.findall(r"([^()]+) \(doc (\w+), (\d+)-(\d+)\)", exported["summary"])
    assert len(cites) == 5
    for sentence, doc, start, end in cites:
        assert sentence.endswith(texts[doc][int(start) : int(end)])
