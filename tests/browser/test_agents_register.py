"""The register's pages in headless Chromium: each passes an accessibility scan, and a trainer
registers someone, meets a duplicate and merges it."""

from __future__ import annotations

from playwright.sync_api import expect

from icc_network.extensions import db

from .. import factories as core_factories
from ..agents import factories
from .helpers import assert_accessible, sign_in


def test_every_register_page_passes_an_accessibility_scan(page):
    trainer = core_factories.user("trainer")
    district = core_factories.district(fr="Belleville", en="Belleville")
    agent = factories.agent("Awa", "Diallo", district=district, notes="Prefers evenings")
    twin = factories.agent("Awa", "D.", email="awa.twin@example.org")
    course = factories.programme()
    session = factories.session(course)
    factories.enrolment(session, agent)
    factories.attendance(session, agent)
    factories.certificate(agent, course)
    sign_in(page, trainer)
    for path in ("/agents/", "/agents/?erased=1", "/agents/new", f"/agents/{agent.id}",
                 f"/agents/{agent.id}/edit", f"/agents/{agent.id}/personal-data",
                 f"/agents/{twin.id}/merge?into={agent.id}", f"/agents/{agent.id}/erase",
                 f"/agents/{agent.id}/withdraw-consent"):
        page.goto(path)
        assert_accessible(page, path)
    page.goto("/agents/new")
    page.locator("main form button[type=submit]").click()
    assert_accessible(page, "the form with its errors")


def test_a_trainer_meets_a_duplicate_and_merges_it(page):
    trainer = core_factories.user("trainer")
    existing = factories.agent("Awa", "Diallo", email="awa@example.org")
    other = factories.agent("Awa", "Twin", email="twin@example.org")
    db.session.commit()
    sign_in(page, trainer)
    page.goto(f"/agents/{other.id}/edit")
    page.locator("#email").fill("AWA@example.org")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#email-errors")).to_contain_text("already has this e-mail address")
    page.get_by_role("link", name="Merge this record into the existing one").click()
    page.get_by_role("button", name="Merge the records").click()
    expect(page.locator("h1")).to_have_text("Awa Diallo")
    assert existing.id
