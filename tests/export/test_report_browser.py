"""The HTML report in a real browser: Debian's Chromium driven by Playwright.

The page must render with no console error and no request off `file://`, take a reader from an
event to its sentence highlighted in its document, hide facts below their threshold until
asked, redraw the network for a period, and show an article full of markup as text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BrowserPage
from zenobia.confidence import ConfidenceTable, Threshold, load_confidence_table
from zenobia.export.report import write_report
from zenobia.store import Store


@pytest.fixture(scope="module")
def report_html(articles_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report, with events told by one document below their threshold (0.75) so that the
    toggle has something to show."""
    base = load_confidence_table()
    table = ConfidenceTable(base.rows, {"event": Threshold("event", 0.75)})
    out = tmp_path_factory.mktemp("html") / "report.html"
    with Store(articles_db) as store:
        return write_report(store, out, table=table)


@pytest.fixture
def page(open_page: Callable[..., BrowserPage], report_html: Path) -> BrowserPage:
    loaded = open_page(report_html.as_uri())
    loaded.page.wait_for_selector("#timeline li.event")
    return loaded


def test_the_report_renders_with_no_error_and_no_request_off_file(page: BrowserPage) -> None:
    assert page.errors == []
    assert page.requests and all(url.startswith("file://") for url in page.requests)
    assert page.page.locator("#network .node").count() >= 4
    assert page.page.locator("#map .country").count() > 170
    assert page.page.locator("#map circle.place").count() >= 2


def test_clicking_an_event_shows_its_sentence_highlighted(page: BrowserPage) -> None:
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


def test_the_toggle_shows_the_facts_below_their_threshold(page: BrowserPage) -> None:
    shown = page.page.locator("#event-list li.event").count()
    assert page.page.locator("#event-list .badge.low").count() == 0
    page.page.locator("#show-all").check()
    assert page.page.locator("#event-list li.event").count() > shown
    assert page.page.locator("#event-list .badge.low").count() > 0
    page.page.locator("#show-all").uncheck()
    assert page.page.locator("#event-list li.event").count() == shown


def test_the_time_filter_changes_the_network(page: BrowserPage) -> None:
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


def test_markup_in_an_article_is_shown_as_text_and_runs_nothing(page: BrowserPage) -> None:
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


def test_the_report_fits_a_phone(open_page: Callable[..., BrowserPage], report_html: Path) -> None:
    phone = open_page(report_html.as_uri(), width=390)
    phone.page.wait_for_selector("#timeline li.event")
    assert phone.overflow() <= 0
    assert phone.errors == []


def test_the_search_box_finds_sentences_and_opens_them(page: BrowserPage) -> None:
    page.page.locator("#search-q").fill("hold every street")
    page.page.locator("#search-q").press("Enter")
    hits = page.page.locator("#search .search-hits button.source")
    assert hits.count() == 1
    assert [m.inner_text() for m in hits.first.locator("mark").all()] == ["hold", "every", "street"]
    hits.first.click()
    assert "We will hold every street" in page.page.locator("#doc-panel mark").inner_text()
    # events are found by their actors' names too
    page.page.keyboard.press("Escape")
    page.page.locator("#search-q").fill("hezbollah")
    page.page.locator("#search-q").press("Enter")
    assert page.page.locator("#search h3", has_text="Events").count() == 1
    # words that occur in no sentence find nothing, and say so
    page.page.locator("#search-q").fill("zeppelin armada")
    page.page.locator("#search-q").press("Enter")
    assert "0 sentences" in page.page.locator("#search [role=status]").inner_text()
    assert page.errors == []
