"""The web app in a real browser: Debian's Chromium, driven by Playwright, against the real
uvicorn server on a free loopback port.

Each view renders with no console error and no request off loopback; a reader goes from an
event to its sentence, from a fact in a text to its details, from a search to the phrase;
filters and timeline bars narrow what is shown; an article full of markup runs nothing; and
every view fits a phone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BrowserPage
from zenobia.export.json import build_export
from zenobia.store import Store
from zenobia.web.server import DEFAULT_HOST, bind, build_server

CHARTS = "#timeline-chart.drawn, #network-chart.drawn, #map-chart.drawn"


@pytest.fixture(scope="module")
def server(articles_db: Path) -> Iterator[tuple[str, int]]:
    """The app of the invented articles, served by uvicorn in a thread: (host, port)."""
    listener = bind(DEFAULT_HOST, 0)
    running = build_server(articles_db, listener)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not running.started:
        if not thread.is_alive():
            pytest.fail("the server stopped while starting")
        thread.join(0.05)
    host, port = listener.getsockname()[:2]
    yield host, port
    running.should_exit = True
    thread.join(10)
    listener.close()


@pytest.fixture(scope="module")
def base(server: tuple[str, int]) -> str:
    return f"http://{server[0]}:{server[1]}"


@pytest.fixture(scope="module")
def export(articles_db: Path) -> dict[str, Any]:
    with Store(articles_db) as store:
        return build_export(store)


@pytest.fixture
def visit(open_page: Callable[..., BrowserPage], base: str) -> Callable[..., BrowserPage]:
    """Open a path of the app and wait for its charts, if it has any."""

    def visit_(path: str, width: int = 1280) -> BrowserPage:
        loaded = open_page(base + path, width)
        if loaded.page.locator("#timeline-chart, #network-chart, #map-chart").count():
            loaded.page.wait_for_selector(CHARTS)
        return loaded

    return visit_


def _id(records: list[dict[str, Any]], key: str, value: str) -> str:
    return str(next(r["id"] for r in records if str(r[key]).startswith(value)))


def _paths(export: dict[str, Any]) -> list[str]:
    merged = next(e for e in export["events"] if len(e["sources"]) == 2)
    return [
        "/",
        "/network?all=1",
        "/map?all=1",
        "/actors",
        f"/actors/{_id(export['actors'], 'name', 'Syrian Democratic')}?all=1",
        f"/events/{merged['id']}",
        "/documents",
        f"/documents/{_id(export['documents'], 'title', 'Fighting')}?all=1",
        "/search?q=Raqqa",
        "/api",
    ]


def test_the_server_listens_on_loopback(server: tuple[str, int]) -> None:
    assert server[0] == "127.0.0.1"


def test_each_view_renders_with_no_error_and_no_request_off_loopback(
    visit: Callable[..., BrowserPage], base: str, export: dict[str, Any]
) -> None:
    for path in _paths(export):
        page = visit(path)
        assert page.errors == [], path
        assert page.requests and all(url.startswith(base + "/") for url in page.requests), path
        assert page.page.locator("h1").count() == 1, path


def test_the_charts_are_drawn_with_text_beside_them(visit: Callable[..., BrowserPage]) -> None:
    timeline = visit("/?all=1").page
    assert timeline.locator("#timeline-chart .bar").count() >= 2
    assert timeline.locator("details summary", has_text="as a table").count() == 1
    network = visit("/network?all=1").page
    assert network.locator("#network-chart a.node").count() >= 4
    assert network.locator("#network-chart path.edge").count() >= 2
    assert network.locator("table caption", has_text="Pairs of actors").count() == 1
    world = visit("/map?all=1").page
    assert world.locator("#map-chart .country").count() > 170
    assert world.locator("#map-chart a.place-link").count() >= 2
    assert world.locator("table caption", has_text="Places").count() == 1


def test_clicking_an_event_reaches_its_sentence(visit: Callable[..., BrowserPage]) -> None:
    page = visit("/?all=1").page
    source = page.locator("#event-list a.event-source").first
    sentence = source.inner_text()
    source.click()
    page.wait_for_url("**/documents/**")
    mark = page.locator("mark#target")
    assert " ".join(mark.inner_text().split()) == " ".join(sentence.split())
    assert mark.is_visible()


def test_a_fact_in_a_text_opens_its_details(
    visit: Callable[..., BrowserPage], export: dict[str, Any]
) -> None:
    page = visit(f"/documents/{_id(export['documents'], 'title', 'Fighting')}?all=1").page
    trigger = page.locator("#doc-text a.fact-event").first
    word = trigger.inner_text()
    trigger.click()
    entry = page.locator(".fact-entry:target")
    assert entry.is_visible()
    assert f"“{word}”" in entry.inner_text()
    entry.locator("a[href^='/events/']").click()
    page.wait_for_url("**/events/**")
    assert "Every sentence that tells it" in page.inner_text("main")


def test_search_finds_a_phrase(visit: Callable[..., BrowserPage]) -> None:
    page = visit("/").page
    page.locator("#q-top").fill('"hold every street"')
    page.locator("#q-top").press("Enter")
    page.wait_for_url("**/search?**")
    assert page.locator("#search-summary").inner_text().startswith("1 sentence matches")
    assert page.locator(".hit mark").all_inner_texts() == ["hold every street"]
    page.locator(".hit a.source").click()
    page.wait_for_url("**/documents/**")
    assert "hold every street" in page.locator("mark#target").inner_text()


def test_a_filter_changes_what_is_shown(visit: Callable[..., BrowserPage]) -> None:
    page = visit("/?all=1").page
    events = page.locator("#event-list li.event")
    everything = events.count()
    page.locator("#f-type").select_option("ASSAULT")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**type=ASSAULT**")
    page.wait_for_selector(CHARTS)
    assert 0 < events.count() < everything
    assert all("ASSAULT" in title for title in page.locator(".event-title").all_inner_texts())
    # the other views keep the filter
    assert "type=ASSAULT" in (page.locator("nav a", has_text="Network").get_attribute("href") or "")


def test_a_bar_of_the_timeline_lists_its_events_from_the_keyboard(
    visit: Callable[..., BrowserPage],
) -> None:
    page = visit("/?all=1").page
    bar = page.locator("#timeline-chart .bar").first
    bar.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**from=**")
    dates = page.locator("#event-list .event-head .date").all_inner_texts()
    assert dates and all(d[:4] == dates[0][:4] for d in dates)


def test_markup_in_an_article_is_shown_as_text_and_runs_nothing(
    visit: Callable[..., BrowserPage], export: dict[str, Any]
) -> None:
    payload = _id(export["documents"], "title", "<script>")
    nasrallah = _id(export["actors"], "name", "Hassan Nasrallah")
    for path in (
        f"/documents/{payload}?all=1",
        f"/actors/{nasrallah}?all=1",
        "/search?q=pwned",
        "/?all=1",
        "/documents",
    ):
        page = visit(path)
        assert page.page.evaluate("typeof window.pwned") == "undefined", path
        assert page.page.locator("img").count() == 0, path
        assert page.errors == [], path
    document = visit(f"/documents/{payload}?all=1").page
    assert document.locator("h1").inner_text().startswith("<script>window.pwned=1</script>")
    meta = document.locator("#doc-meta")
    assert '<img src=x onerror="window.pwned=3">' in meta.inner_text()
    assert meta.locator("a").count() == 0  # the javascript: URL is no link
    assert "</script> to the raid" in document.locator("#doc-text").inner_text()
    assert document.locator("script").count() == 1  # the app's own


def test_every_view_fits_a_phone(visit: Callable[..., BrowserPage], export: dict[str, Any]) -> None:
    for path in _paths(export):
        phone = visit(path, width=390)
        assert phone.overflow() <= 0, path
        assert phone.errors == [], path
