"""A small invented corpus, analysed once per session, for the tests of the exports but the
report (whose corpus, `articles_db`, the web app's tests share: tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import zenobia
from zenobia.export.records import export_records
from zenobia.store import Store

EXPORT_ARTICLES = [
    {
        # a title and an outlet a spreadsheet would run as formulas
        "title": '=HYPERLINK("http://example.org")',
        "outlet": "@Frontline Daily",
        "published": "2016-03-15",
        "url": "http://example.org/a",
        "text": (
            "The Syrian army shelled the town of Maarat al-Numan on Monday, 14 March 2016, "
            "killing 12 civilians, the Syrian Observatory for Human Rights said. Russia accused "
            'Turkey of arming the rebels. "We will never surrender the town," a rebel commander '
            "said. Hundreds of protesters marched in Aleppo on Tuesday against the bombing. The "
            "Islamic State captured the village of Tal Abyad from Kurdish fighters."
        ),
    },
    {
        "title": "Army shells the town",
        "outlet": "Valley Courier",
        "published": "2016-03-15",
        "url": "http://example.org/b",
        "text": (
            "Syrian government forces shelled Maarat al-Numan on Monday, 14 March 2016, killing "
            "20 people, activists said. Turkey rejected the Russian accusation. The United "
            "Nations called for a ceasefire in Idlib. Rebels did not attack the airport."
        ),
    },
]


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The analysed store: one shelling told by both articles, a protest in a geocoded city,
    an accusation, a capture, a negated attack, quotes and casualty claims."""
    root = tmp_path_factory.mktemp("exports")
    news = root / "news.jsonl"
    news.write_text("\n".join(json.dumps(a) for a in EXPORT_ARTICLES) + "\n", encoding="utf-8")
    with zenobia.open_corpus(root / "z.db") as corpus:
        for _ in corpus.analyze([news], processes=1):
            pass
    return root / "z.db"


@pytest.fixture(scope="session")
def records(store_path: Path) -> dict[str, Any]:
    """Every fact of the store, as the exports read it (`--all`)."""
    with Store(store_path) as store:
        return export_records(store, min_confidence=0.0)
