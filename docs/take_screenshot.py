"""Take docs/screenshot.png: the demo story's comment section, 1280 pixels wide.

Run against a server with the demo loaded (`make run`, or `civility demo` + `civility serve`):
    .venv/bin/python docs/take_screenshot.py [http://127.0.0.1:8000]
Uses Debian's Chromium at /usr/bin/chromium through Playwright (no browser download).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
    out = Path(__file__).resolve().parent / "screenshot.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.goto(f"{base}/gazette/mill-street-bridge-rebuild/")
        page.wait_for_load_state("networkidle")
        # Load the lazy pictures above first, so nothing shifts after scrolling.
        for image in page.locator(".story-body img").all():
            image.scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        page.evaluate(
            "window.scrollTo({top: document.querySelector('#comments').getBoundingClientRect().top"
            " + window.scrollY - 16, behavior: 'instant'})"
        )
        page.wait_for_timeout(500)
        page.screenshot(path=str(out))
        browser.close()
    print(out)


if __name__ == "__main__":
    main()
