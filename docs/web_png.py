"""Take the README's pictures of the web app: `docs/web-*.png`, one per view.

Run from the repository root after `make demo` (which writes demo.db):

    .venv/bin/python docs/web_png.py demo.db

It serves the store on a free loopback port, opens each view in Debian's Chromium
(`apt-get install chromium`) through Playwright, and saves what a laptop screen shows.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from zenobia.web.server import bind, build_server

OUT = Path(__file__).resolve().parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
CHARTS = "#timeline-chart.drawn, #network-chart.drawn, #map-chart.drawn"


def shoot(
    page: Page, base: str, path: str, name: str, scroll_to: str | None = None, block: str = "start"
) -> None:
    page.goto(base + path)
    if page.locator("#timeline-chart, #network-chart, #map-chart").count():
        page.wait_for_selector(CHARTS)
    if scroll_to:
        page.locator(scroll_to).first.evaluate(f"e => e.scrollIntoView({{block: '{block}'}})")
    page.screenshot(path=str(OUT / f"web-{name}.png"))
    print(f"wrote {OUT / f'web-{name}.png'}")


def main(store: Path) -> None:
    listener = bind("127.0.0.1", 0)
    server = build_server(store, listener)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not server.started:
        thread.join(0.05)
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1200, "height": 760})
        shoot(page, base, "/", "timeline", "form.filters")
        shoot(page, base, "/network", "network", "#network-h")
        shoot(page, base, "/map", "map", "#map-h")
        shoot(page, base, '/search?q="chemical attack"', "search")
        # the event most documents tell, one of its sentences in its document, the actor most
        # mentioned
        page.goto(base + "/")
        events = page.evaluate(
            """async () => {
                const items = [];
                for (let offset = 0; ; offset += 500) {
                    const url = '/api/events?limit=500&offset=' + offset;
                    const page = await (await fetch(url)).json();
                    items.push(...page.items);
                    if (offset + 500 >= page.total) return items;
                }
            }"""
        )
        event = max(events, key=lambda e: e["documents"])
        shoot(page, base, f"/events/{event['id']}", "event")
        source = event["sources"][0]
        span = f"?start={source['start']}&end={source['end']}"
        document = f"/documents/{source['document']}{span}"
        shoot(page, base, document, "document", "mark#target", "center")
        actors = page.evaluate("fetch('/api/actors?limit=1').then(r => r.json())")["items"]
        shoot(page, base, f"/actors/{actors[0]['id']}", "actor")
        browser.close()
    server.should_exit = True
    thread.join(10)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "demo.db"))
