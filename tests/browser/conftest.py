"""Browser journeys: the app served on a local port, driven in Debian's headless Chromium."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from werkzeug.exceptions import HTTPException
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _static_files_cached(app):
    """The app as the browser meets it behind a front server that lets it cache static files.

    Flask asks the browser to revalidate every static file on every page; a
    journey of twenty pages then spends most of its time on 304 answers. Only
    the live server's answers change: the application and its other tests see
    Flask's own headers.
    """
    def serve(environ, start_response):
        try:
            endpoint, _args = app.url_map.bind_to_environ(environ).match()
        except HTTPException:
            endpoint = ""
        if endpoint != "static" and not endpoint.endswith(".static"):
            return app(environ, start_response)

        def start(status, headers, exc_info=None):
            headers = [(k, v) for k, v in headers if k.lower() != "cache-control"]
            return start_response(status, [*headers, ("Cache-Control", "max-age=3600")], exc_info)

        return app(environ, start)

    return serve


@pytest.fixture(scope="session")
def live_server(app):
    server = make_server("127.0.0.1", 0, _static_files_cached(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (scripts/ensure_chromium.sh).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server, request):
    contexts = []

    def _open(locale: str = "en-GB", viewport: dict | None = None):
        context = browser.new_context(base_url=live_server, locale=locale,
                                      viewport=viewport or {"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        context.add_init_script(AXE_SCRIPT)  # for assert_accessible
        contexts.append(context)
        return context.new_page()

    yield _open
    failed = getattr(request.node, "rep_call", None) and request.node.rep_call.failed
    for context in contexts:
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            for n, page in enumerate(context.pages):
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{n}.png"), full_page=True)
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
