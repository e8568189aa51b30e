"""Take the README's picture of the HTML report: `docs/report.png`.

Run from the repository root after `make demo` (which writes demo.html):

    .venv/bin/python docs/report_png.py demo.html

It opens the report in Debian's Chromium (`apt-get install chromium`) through Playwright, shows
the timeline with the first event's sentence highlighted in its document, and saves the view.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent / "report.png"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


def main(report: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.goto(report.resolve().as_uri())
        page.locator("#event-order").select_option("sources")
        page.locator("#event-list button.event-source").first.click()
        page.locator("#timeline").evaluate("s => window.scrollTo(0, s.offsetTop - 8)")
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "demo.html"))
