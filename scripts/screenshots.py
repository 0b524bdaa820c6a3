"""Screenshots of the main pages, on a phone and at a desk, in French.

    python scripts/screenshots.py OUT [--source DIR] [--screens N]

Makes a demo database in a temporary folder, serves it on a free local port, signs in
as the role each page needs and saves ``OUT/<page>-<phone|desk>.png`` for the
anonymous home page, the rumour list, a rumour's page, the dashboard, the network
explorer and the sighting form. A picture covers at most N screens of the page (3 by
default); long pages are cut there. ``--source`` names the checkout to serve (by
default the one this script is in), run with that checkout's Python.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.demo_site import CHROMIUM, CHROMIUM_ARGS, demo_server, signed_in_cookies  # noqa: E402

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1366, "height": 900}}
# The demo accounts (auth/demo.py) of the roles the pages need; both read French.
ACCOUNTS = {
    "coordinator": ("coordination@demo.example.org", "quiet-river-compass"),
    "partner": ("partenaire@demo.example.org", "orange-bridge-garden"),
}
# name, role (None: anonymous), path ({rumour}: the rumour heard most often in the demo)
PAGES = [
    ("home", None, "/"),
    ("rumour-list", "coordinator", "/rumours"),
    ("rumour-detail", "coordinator", "/rumours/{rumour}"),
    ("dashboard", "coordinator", "/rumours/dashboard"),
    ("network-explorer", "coordinator", "/network/explorer"),
    ("sighting-form", "partner", "/sightings/new"),
]
# Charts drawn at once rather than half-way through their opening animation.
STILL_CHARTS = """() => {
  if (window.Chart) Object.values(window.Chart.instances || {}).forEach(chart => {
    chart.options.animation = false; chart.update("none");
  });
}"""
NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def most_heard_rumour(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT rumour_id FROM rumour_sighting GROUP BY rumour_id "
            "ORDER BY count(*) DESC, rumour_id LIMIT 1").fetchone()[0]


def _settle(page) -> None:
    """Wait for what the page draws after it has loaded: fonts, charts, the network's canvas."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    if page.locator("canvas").count() or page.locator("[data-explorer], #explorer, #cy").count():
        page.wait_for_selector("canvas", state="attached", timeout=15000)
    page.evaluate(STILL_CHARTS)
    page.evaluate(NEXT_FRAMES)


def _shoot(page, path: Path, viewport: dict, screens: int) -> None:
    height = page.evaluate("() => document.documentElement.scrollHeight")
    clip = {"x": 0, "y": 0, "width": viewport["width"],
            "height": min(height, viewport["height"] * screens)}
    page.screenshot(path=str(path), full_page=True, clip=clip, animations="disabled")


def take(base: str, database: Path, out: Path, screens: int) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    rumour = most_heard_rumour(database)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        cookies = {role: signed_in_cookies(browser, base, *ACCOUNTS[role]) for role in ACCOUNTS}
        for device, viewport in VIEWPORTS.items():
            for name, role, path in PAGES:
                context = browser.new_context(base_url=base, viewport=viewport, locale="fr-FR",
                                              reduced_motion="reduce")
                if role:
                    context.add_cookies(cookies[role])
                page = context.new_page()
                response = page.goto(path.format(rumour=rumour))
                if response is None or not response.ok:
                    raise RuntimeError(f"{path} answered {response and response.status}")
                _settle(page)
                target = out / f"{name}-{device}.png"
                _shoot(page, target, viewport, screens)
                saved.append(target)
                context.close()
        browser.close()
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="the checkout to serve (default: this one)")
    parser.add_argument("--screens", type=int, default=3,
                        help="at most this many screens of each page (default: 3)")
    args = parser.parse_args()
    with demo_server(args.source.resolve()) as (base, database):
        for path in take(base, database, args.out, args.screens):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
