"""Every shared corpus is analysed without a failure, and every span indexes its document.

The corpora (`../shared/corpora/` beside the repository) are read at run time. By default a
few texts spread over each corpus are analysed; `ZENOBIA_ALL_CORPORA=1` or `pytest -m slow`
analyses every text (about half an hour on one core). Without the corpora the tests skip.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

import zenobia
from tests.reliability.corpora import (
    CORPORA_DIR,
    READERS,
    CorpusText,
    analyse,
    corpus_texts,
    sample,
)
from zenobia.resources import Resources

SAMPLE_SIZE = 6
"""Texts per corpus in the default run: the whole sample takes well under a minute."""
LIBRARY_SAMPLE_SIZE = 2
"""Texts per corpus analysed through `open_corpus(...).analyze` and the store."""
ALL_TEXTS = os.environ.get("ZENOBIA_ALL_CORPORA") == "1"


def _texts(corpus: str) -> tuple[CorpusText, ...]:
    if not CORPORA_DIR.is_dir():
        pytest.skip(f"no shared corpora at {CORPORA_DIR}")
    try:
        return corpus_texts(corpus)
    except FileNotFoundError as err:
        pytest.skip(f"corpus {corpus} is absent: {err.filename}")


def _failures(texts: tuple[CorpusText, ...], resources: Resources) -> list[str]:
    return [f"{t.key}: {p}" for t, problems in analyse(texts, resources) for p in problems]


@pytest.mark.parametrize("corpus", list(READERS))
def test_a_corpus_sample_is_analysed_without_failures(resources: Resources, corpus: str) -> None:
    texts = _texts(corpus)
    assert texts, f"{corpus} has no texts"
    chosen = texts if ALL_TEXTS else sample(texts, SAMPLE_SIZE)
    assert _failures(chosen, resources) == []


@pytest.mark.slow
@pytest.mark.parametrize("corpus", list(READERS))
def test_every_corpus_text_is_analysed_without_failures(resources: Resources, corpus: str) -> None:
    assert _failures(_texts(corpus), resources) == []


def _write_jsonl(folder: Path) -> int:
    """A JSONL file per corpus with a small sample of its texts; how many texts in all."""
    written = 0
    for corpus in READERS:
        texts = sample(_texts(corpus), LIBRARY_SAMPLE_SIZE)
        lines = [json.dumps(t.record, ensure_ascii=False) for t in texts]
        (folder / f"{corpus}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        written += len(lines)
    return written


_STORED_SPANS = {
    "sentences": [("start_char", "end_char", "text")],
    "mentions": [("start_char", "end_char", "text")],
    "quotes": [("start_char", "end_char", "text"), ("cue_start", "cue_end", None)],
    "claims": [("start_char", "end_char", "sentence"), ("value_start", "value_end", "text")],
    "events": [("start_char", "end_char", None), ("trigger_start", "trigger_end", None)],
}
"""Each stored table's spans: start and end columns, and the column holding their text."""


def _stored_span_problems(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        texts = dict(connection.execute("SELECT id, text FROM documents"))
        problems = []
        for table, spans in _STORED_SPANS.items():
            for start_column, end_column, text_column in spans:
                rows = connection.execute(
                    f"SELECT doc_id, {start_column}, {end_column}, {text_column or 'NULL'}"
                    f" FROM {table} WHERE {start_column} IS NOT NULL"
                )
                for doc_id, start, end, surface in rows:
                    text = texts[doc_id]
                    if not 0 <= start <= end <= len(text):
                        problems.append(f"{table}.{start_column} ({start}, {end}) outside {doc_id}")
                    elif surface is not None and text[start:end] != surface:
                        problems.append(f"{table} {doc_id}[{start}:{end}] is not {surface!r}")
        return problems
    finally:
        connection.close()


def test_a_sample_of_every_corpus_is_stored_with_spans_that_index_its_documents(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    written = _write_jsonl(inputs)
    db = tmp_path / "corpora.db"
    with zenobia.open_corpus(db) as corpus:
        run = corpus.analyze([inputs], processes=1)
        outcomes = {step.source: step.outcome for step in run}
    # every text analysed (or found to repeat another), none failed or skipped
    assert len(outcomes) == written
    assert {o for o in outcomes.values()} <= {"analyzed", "duplicate", "not-english"}
    assert _stored_span_problems(db) == []
