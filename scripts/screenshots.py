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
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(1200):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
            return
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("the demo server did not start") from None
            time.sleep(0.1)
    raise RuntimeError("the demo server did not answer")


@contextmanager
def demo_server(source: Path):
    """(address, database file) of a demo database served by ``flask run``."""
    with tempfile.TemporaryDirectory(prefix="icc-shots-") as tmp:
        database = Path(tmp) / "demo.sqlite"
        env = {**os.environ, "ICC_ENV": "development", "FLASK_APP": "icc_network:create_app",
               "DATABASE_URL": f"sqlite:///{database}"}
        flask = [sys.executable, "-m", "flask"]
        for command in (["db", "upgrade"], ["demo", "load"]):
            done = subprocess.run([*flask, *command], env=env, cwd=source, capture_output=True,
                                  text=True)
            if done.returncode:
                raise RuntimeError(f"flask {' '.join(command)} failed:\n{done.stderr}")
        port = _free_port()
        server = subprocess.Popen([*flask, "run", "--port", str(port)], env=env, cwd=source,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, server)
            yield base, database
        finally:
            server.terminate()
            server.wait(timeout=10)


def most_heard_rumour(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT rumour_id FROM rumour_sighting GROUP BY rumour_id "
            "ORDER BY count(*) DESC, rumour_id LIMIT 1").fetchone()[0]


def _signed_in_cookies(browser, base: str, role: str) -> list:
    email, password = ACCOUNTS[role]
    context = browser.new_context(base_url=base)
    page = context.new_page()
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/login" not in url)
    cookies = context.cookies()
    context.close()
    return cookies


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
        cookies = {role: _signed_in_cookies(browser, base, role) for role in ACCOUNTS}
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
