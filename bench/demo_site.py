"""A demo site for measurements made in a browser (`bench.transfer`, the screenshots script):
the demo database served by `flask run` in a process of its own, the browser's settings,
and signing in through the real login form."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]


def free_port() -> int:
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
def demo_server(source: Path = ROOT) -> Iterator[tuple[str, Path]]:
    """(address, database file) of a demo database in a temporary folder, served from the
    checkout ``source`` by `flask run` on a free local port (its own process: the browser's
    driver does not slow it down)."""
    with tempfile.TemporaryDirectory(prefix="icc-demo-") as tmp:
        database = Path(tmp) / "demo.sqlite"
        env = {**os.environ, "ICC_ENV": "development", "FLASK_APP": "icc_network:create_app",
               "DATABASE_URL": f"sqlite:///{database}"}
        flask = [sys.executable, "-m", "flask"]
        for command in (["db", "upgrade"], ["demo", "load"]):
            done = subprocess.run([*flask, *command], env=env, cwd=source, capture_output=True,
                                  text=True)
            if done.returncode:
                raise RuntimeError(f"flask {' '.join(command)} failed:\n{done.stderr}")
        port = free_port()
        server = subprocess.Popen([*flask, "run", "--port", str(port)], env=env, cwd=source,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, server)
            yield base, database
        finally:
            server.terminate()
            server.wait(timeout=10)


def signed_in_cookies(browser, base: str, email: str, password: str) -> list:
    """The cookies of a session signed in through the login form."""
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
