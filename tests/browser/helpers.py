"""Shared steps of the browser journeys."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from icc_network.extensions import db

from ..factories import PASSWORD

_AXE = Axe()


def sign_in(page, user, password: str = PASSWORD) -> None:
    db.session.commit()
    page.goto("/login")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def assert_accessible(page, what: str = "") -> None:
    """No serious or critical axe-core violation on the current page."""
    results = _AXE.run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad
    )
    assert not bad, f"accessibility violations on {what or page.url}:\n{details}"
