"""A coordinator goes from the home page's count to the hateful reports queue, reads a
report and records its referral to the authorities' platform; each page passes the
accessibility scan."""

from __future__ import annotations

from playwright.sync_api import expect

from icc_network.core.clock import today

from .. import factories as core_factories
from ..rumours import factories
from .helpers import assert_accessible, sign_in


def test_a_coordinator_reads_a_hateful_report_and_records_its_referral(new_page):
    rumour = factories.rumour("Ils prennent nos emplois", "They take our jobs")
    report = factories.sighting(rumour, hateful=True, verbatim="des insultes graves")
    coordinator = core_factories.user("coordinator", locale="en")

    page = new_page()
    sign_in(page, coordinator)
    page.goto("/")
    expect(page.locator("#panel-hateful-reports")).to_contain_text("1 report marked hateful")
    page.locator("#panel-hateful-reports a").click()
    expect(page.locator("#hateful-queue")).not_to_contain_text("des insultes")
    assert_accessible(page, "hateful queue")

    page.locator(f"#hateful-queue a[href$='/rumours/hateful/{report.id}']").click()
    expect(page.locator("#hateful-words")).to_contain_text("des insultes graves")
    assert_accessible(page, "hateful report")
    page.locator("#outcome-0").check()
    page.locator("#referred_on").fill(today().isoformat())
    page.locator("#reference").fill("PH-2026-0042")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#hateful-queue")).to_contain_text("No report in this list.")

    page.goto("/rumours/hateful?state=handled")
    expect(page.locator("#hateful-queue")).to_contain_text("PH-2026-0042")
