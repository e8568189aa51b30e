"""Shared fixtures: the pipeline, a small invented corpus analysed once, and a real browser.

The corpus (`ARTICLES`) is analysed once per session into `articles_db`, which the report's
and the web app's tests read. The `browser` is Debian's Chromium (`/usr/bin/chromium`, never a
downloaded one) driven by Playwright; `open_page` loads an address in it and records every
console error and every request the page made.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

import zenobia
from zenobia.nlp.pipeline import load_pipeline
from zenobia.resources import Resources
from zenobia.runner import load_resources


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The zenobia pipeline, loaded once per test session."""
    return load_pipeline()


@pytest.fixture(scope="session")
def resources() -> Resources:
    """Everything the analysis reads, built once per test session (the runs' own, around
    `nlp`)."""
    return load_resources()


# --- a small invented corpus ----------------------------------------------------------------

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
def articles_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of `ARTICLES`, analysed through the whole engine."""
    root = tmp_path_factory.mktemp("articles")
    source = root / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    with zenobia.open_corpus(root / "z.db") as corpus:
        for _ in corpus.analyze([source], processes=1):
            pass
    return root / "z.db"


# --- a real browser -------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, launched once per session (the test is skipped without it)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class BrowserPage:
    """A page loaded in its own browser context, with what it logged and requested."""

    def __init__(self, browser: Any, address: str, width: int = 1280) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(address)

    def overflow(self) -> int:
        """Pixels the page is wider than its window (> 0: it scrolls sideways)."""
        return int(
            self.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., BrowserPage]]:
    """Open an address in a fresh browser context: open_page(address, width=1280)."""
    opened: list[BrowserPage] = []

    def open_(address: str, width: int = 1280) -> BrowserPage:
        page = BrowserPage(browser, address, width)
        opened.append(page)
        return page

    yield open_
    for page in opened:
        page.close()
