"""The HTML report in a real browser: Debian's Chromium driven by Playwright.

The page must render with no console error and no request off `file://`, take a reader from an
event to its sentence highlighted in its document, hide facts below their threshold until
asked, redraw the network for a period, and show an article full of markup as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from zenobia.confidence import ConfidenceTable, Threshold, load_confidence_table
from zenobia.export.report import write_report
from zenobia.store import Store

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"
)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_html(report_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report, with events told by one document below their threshold (0.75) so that the
    toggle has something to show."""
    base = load_confidence_table()
    table = ConfidenceTable(base.rows, {"event": Threshold("event", 0.75)})
    out = tmp_path_factory.mktemp("html") / "report.html"
    with Store(report_db) as store:
        return write_report(store, out, table=table)


class Page:
    """A loaded report with what it logged and requested."""

    def __init__(self, browser: Any, path: Path, width: int = 1280) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("#timeline li.event")


@pytest.fixture
def page(browser: Any, report_html: Path) -> Iterator[Page]:
    loaded = Page(browser, report_html)
    yield loaded
    loaded.context.close()


def test_the_report_renders_with_no_error_and_no_request_off_file(page: Page) -> None:
    assert page.errors == []
    assert page.requests and all(url.startswith("file://") for url in page.requests)
    assert page.page.locator("#network .node").count() >= 4
    assert page.page.locator("#map .country").count() > 170
    assert page.page.locator("#map circle.place").count() >= 2


def test_clicking_an_event_shows_its_sentence_highlighted(page: Page) -> None:
    event = page.page.locator("#event-list li.event").first
    sentence = event.locator("button.event-source").inner_text()
    event.locator("button.event-source").click()
    mark = page.page.locator("#doc-panel mark")
    assert page.page.locator("#doc-panel").is_visible()
    assert mark.inner_text() == sentence
    assert mark.evaluate("m => m === document.activeElement")
    # Escape closes the panel and gives the focus back to the button
    page.page.keyboard.press("Escape")
    assert page.page.locator("#doc-panel").is_hidden()
    assert event.locator("button.event-source").evaluate("b => b === document.activeElement")


def test_the_toggle_shows_the_facts_below_their_threshold(page: Page) -> None:
    shown = page.page.locator("#event-list li.event").count()
    assert page.page.locator("#event-list .badge.low").count() == 0
    page.page.locator("#show-all").check()
    assert page.page.locator("#event-list li.event").count() > shown
    assert page.page.locator("#event-list .badge.low").count() > 0
    page.page.locator("#show-all").uncheck()
    assert page.page.locator("#event-list li.event").count() == shown


def test_the_time_filter_changes_the_network(page: Page) -> None:
    page.page.locator("#show-all").check()
    edges = page.page.locator("#network path.edge")
    everything = edges.count()
    assert everything >= 2
    # from the last month only: the 2016 fighting near Raqqa drops out
    page.page.locator("#network-from").focus()
    page.page.keyboard.press("End")
    assert 0 < edges.count() < everything
    assert page.page.locator("#network .node.idle").count() > 0
    page.page.locator("#network-from").focus()
    page.page.keyboard.press("Home")
    assert edges.count() == everything


def test_markup_in_an_article_is_shown_as_text_and_runs_nothing(page: Page) -> None:
    page.page.locator("#show-all").check()
    speaker = page.page.locator("#quotes details.speaker", has_text="Nasrallah")
    speaker.locator("summary").click()
    quote = speaker.locator("button.source").first
    assert "<script>window.pwned=6</script>" in quote.inner_text()
    quote.click()
    assert (
        page.page.locator("#doc-title").inner_text().startswith("<script>window.pwned=1</script>")
    )
    meta = page.page.locator("#doc-meta")
    assert '<img src=x onerror="window.pwned=3">' in meta.inner_text()
    # the javascript: URL is no link
    assert meta.locator("a").count() == 0
    assert "</script> to the raid" in page.page.locator("#doc-text").inner_text()
    assert page.page.evaluate("typeof window.pwned") == "undefined"
    assert page.page.locator("img").count() == 0
    assert page.page.locator("script").count() == 2
    assert page.errors == []


def test_the_report_fits_a_phone(browser: Any, report_html: Path) -> None:
    phone = Page(browser, report_html, width=390)
    try:
        overflow = phone.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        assert phone.errors == []
    finally:
        phone.context.close()
