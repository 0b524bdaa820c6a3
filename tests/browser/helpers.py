"""Shared steps of the browser journeys."""

from __future__ import annotations

from axe_playwright_python.base import AXE_SCRIPT

from icc_network.extensions import db

from ..factories import PASSWORD

# The browser contexts load axe-core into every page before its own scripts (see
# conftest.py), so a scan does not send the library again; a page without it gets it here.
_SCAN = """async options => {
  if (typeof window.axe === "undefined") { return null; }
  return (await window.axe.run(document, options)).violations;
}"""
_OPTIONS = {"resultTypes": ["violations"]}


def sign_in(page, user, password: str = PASSWORD) -> None:
    db.session.commit()
    page.goto("/login")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def assert_accessible(page, what: str = "") -> None:
    """No serious or critical axe-core violation on the current page.

    The scan waits for the page's load event: before it, a page reached by a
    click may still lack its style sheets, and its contrast would be judged
    on unstyled text.
    """
    page.wait_for_load_state("load")
    violations = page.evaluate(_SCAN, _OPTIONS)
    if violations is None:
        page.evaluate(AXE_SCRIPT)
        violations = page.evaluate(_SCAN, _OPTIONS)
    bad = [v for v in violations if v.get("impact") in ("serious", "critical")]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad
    )
    assert not bad, f"accessibility violations on {what or page.url}:\n{details}"
