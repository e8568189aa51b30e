"""The Spark runner: shards written in local mode and loaded give the store a local run gives."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import zenobia
from zenobia.model import Document, DocumentAnalysis
from zenobia.runner import Analyzer
from zenobia.scale import run_spark
from zenobia.scale.spark import spark_session

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

RAISES = "RAISE-IN-ANALYSIS"

PORT = (
    "Militia fighters shelled the river port of Varna Kessel on Tuesday, 3 March 2020, local "
    "officials said. The United Nations said at least twelve civilians were killed in the "
    "attack. The Northern Alliance denied any role and blamed rival forces."
)
HILLS = (
    "Government troops retook three villages in the eastern hills after a week of fighting, the "
    'defence ministry said on Friday 6 March 2020. "We withdrew to spare civilians," a rebel '
    "commander said. Thousands of families have fled the area since January."
)
CONVOY = (
    "Aid convoys from the World Food Programme were turned back at a checkpoint near the bridge "
    "on 4 March 2020. The governor of the province, Ilya Marten, called for a ceasefire and said "
    "forty trucks were waiting."
)
FRENCH = (
    "Les forces gouvernementales ont repris trois villages dans les collines de l'est après une "
    "semaine de combats, a annoncé vendredi le ministère de la défense."
)


def _news(root: Path) -> Path:
    """Invented articles: three originals, an exact copy, a French one, an empty file and a
    broken JSON line."""
    root.mkdir()
    (root / "port.txt").write_text("Port shelled\n\n" + PORT, encoding="utf-8")
    (root / "hills.txt").write_text("Villages retaken\n\n" + HILLS, encoding="utf-8")
    (root / "convoy.txt").write_text("Convoys turned back\n\n" + CONVOY, encoding="utf-8")
    (root / "copy.txt").write_text("Port shelled\n\n" + PORT, encoding="utf-8")
    (root / "feed.jsonl").write_text(
        json.dumps({"text": FRENCH, "title": "Villages repris"}) + "\n{broken json\n",
        encoding="utf-8",
    )
    (root / "empty.txt").write_text("", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session("local[2]", app_name="zenobia-tests")
    yield session
    session.stop()


def _export(db: Path, out: Path) -> dict[str, Any]:
    with zenobia.open_corpus(db) as corpus:
        corpus.export_json(out)
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _load(db: Path, shards: Path) -> zenobia.RunSummary:
    with zenobia.open_corpus(db) as corpus:
        load = corpus.load(shards)
        for _ in load:
            pass
        return load.summary


def test_spark_and_load_export_what_a_local_run_exports(spark: Any, tmp_path: Path) -> None:
    news = _news(tmp_path / "news")
    with zenobia.open_corpus(tmp_path / "local.db") as corpus:
        for _ in corpus.analyze([news], processes=1):
            pass
    shards = tmp_path / "shards"
    written = run_spark([news], shards, session=spark, partitions=3)
    loaded = _load(tmp_path / "spark.db", shards)

    # every record is one row: 6 files, the JSONL holding two records
    assert written.records == 7
    assert (loaded.analyzed, loaded.duplicates, loaded.not_english) == (3, 1, 1)
    local = _export(tmp_path / "local.db", tmp_path / "local.json")
    assert local["events"], "the invented articles must give events to compare"
    assert _export(tmp_path / "spark.db", tmp_path / "spark.json") == local


def test_loading_shards_twice_adds_nothing(spark: Any, tmp_path: Path) -> None:
    news = _news(tmp_path / "news")
    shards = tmp_path / "shards"
    run_spark([news], shards, session=spark, partitions=2, analyzer=Analyzer(_analyze_or_raise))
    _load(tmp_path / "spark.db", shards)
    first = _export(tmp_path / "spark.db", tmp_path / "first.json")

    again = _load(tmp_path / "spark.db", shards)

    assert again.resumed == again.read == 7
    assert again.analyzed == 0
    assert _export(tmp_path / "spark.db", tmp_path / "again.json") == first


def _analyze_or_raise(documents: Sequence[Document], resources: object) -> list[DocumentAnalysis]:
    """An empty analysis per document, except for a marked one, which raises (no resources)."""
    if any(RAISES in d.text for d in documents):
        raise RuntimeError("an invented failure in the analysis")
    return [DocumentAnalysis(document=d, token_count=1) for d in documents]


def test_a_document_that_fails_is_a_failed_row_not_a_failed_job(spark: Any, tmp_path: Path) -> None:
    news = _news(tmp_path / "news")
    (news / "bad.txt").write_text(f"Marked\n\n{CONVOY} {RAISES}", encoding="utf-8")
    shards = tmp_path / "shards"

    written = run_spark(
        [news], shards, session=spark, partitions=2, analyzer=Analyzer(_analyze_or_raise)
    )
    loaded = _load(tmp_path / "spark.db", shards)

    # the other English documents (the copy too: duplicates are decided at load) are analysed
    assert (written.analyzed, written.failed) == (4, 1)
    assert (loaded.analyzed, loaded.failed) == (3, 1)
    with zenobia.open_corpus(tmp_path / "spark.db") as corpus:
        [failure] = corpus.overview().failures
    assert failure.source.endswith("bad.txt")
    assert failure.stage == "analyse"
    assert failure.reason == "RuntimeError: an invented failure in the analysis"
