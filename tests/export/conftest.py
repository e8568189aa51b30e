"""Small invented corpora, each analysed once per session: one for the report's tests (with
and without a browser), one for the tests of the other exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import zenobia
from zenobia.export.records import export_records
from zenobia.store import Store

PAYLOAD_TITLE = "<script>window.pwned=1</script> Siege </script><img src=x onerror=window.pwned=2>"
"""An article title that would run script if the report inserted it as markup."""

ARTICLES = [
    {
        "title": "Fighting near Raqqa",
        "outlet": "Northern Wire",
        "author": "A. Writer",
        "published": "2016-03-07",
        "url": "https://example.org/raqqa",
        "text": (
            "Islamic State fighters attacked the Syrian Democratic Forces near Raqqa on Sunday, "
            'killing 12 people, the Syrian Observatory for Human Rights said. "We will hold '
            'every street," said Talal Silo, a spokesman for the Syrian Democratic Forces. '
            "The Syrian Democratic Forces shelled Islamic State positions in Tabqa."
        ),
    },
    {
        "title": "Clashes in Raqqa",
        "outlet": "Desert Daily",
        "author": "B. Reporter",
        "published": "2016-03-08",
        "text": (
            "The Syrian Democratic Forces said Islamic State fighters attacked its positions near "
            "Raqqa on Sunday, killing 30 people. Islamic State accused the Syrian Democratic "
            "Forces of lying."
        ),
    },
    {
        "title": "Talks in Moscow",
        "outlet": "Capital Times",
        "author": "C. Author",
        "published": "2017-09-12",
        "text": (
            "Turkey and Russia signed an agreement on Syria in Moscow on Monday. Russia praised "
            'Turkey for its help. "This is a good day for peace," said Sergei Lavrov, the Russian '
            "foreign minister. Hezbollah attacked Israeli troops in the Golan Heights on Tuesday."
        ),
    },
    {
        # every field a page shows carries markup or a script URL
        "title": PAYLOAD_TITLE,
        "author": '<img src=x onerror="window.pwned=3">',
        "outlet": "<b onmouseover=window.pwned=4>Wire</b>",
        "url": "javascript:window.pwned=5",
        "published": "2017-09-15",
        "text": (
            "Hezbollah attacked Israeli troops near Kfar Kila on Friday, killing 4 soldiers. "
            '"<script>window.pwned=6</script> We will not stop <img src=x '
            'onerror=window.pwned=7>," said Hassan Nasrallah. The group called '
            "javascript:window.pwned=8 its answer <!-- hidden --> </script> to the raid."
        ),
    },
]


@pytest.fixture(scope="session")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of `ARTICLES`, analysed through the whole engine."""
    root = tmp_path_factory.mktemp("report")
    source = root / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    with zenobia.open_corpus(root / "z.db") as corpus:
        for _ in corpus.analyze([source], processes=1):
            pass
    return root / "z.db"


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
