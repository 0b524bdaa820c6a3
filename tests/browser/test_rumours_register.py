"""The sightings register: a coordinator finds a sighting typed wrongly, corrects it, removes
another one after the confirmation; every page passes the accessibility scan."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from icc_network.core.clock import today

from .. import factories as core_factories
from ..rumours import factories
from .helpers import assert_accessible, sign_in


def test_a_coordinator_filters_corrects_and_removes_sightings(new_page):
    north = core_factories.district("nord", "Nord", "North")
    rumour = factories.rumour("Ils prennent nos emplois", "They take our jobs")
    other = factories.rumour("Ils ont des logements gratuits", "They get free housing")
    typo = factories.sighting(rumour, district_id=north.id, verbatim="Appelez Jean Dupont")
    factories.sighting(rumour, seen_on=today() - timedelta(days=3), hateful=True,
                       verbatim="des insultes")
    factories.sighting(other)
    coordinator = core_factories.user("coordinator", locale="en")

    page = new_page()
    sign_in(page, coordinator)
    page.goto("/sightings")
    expect(page.locator("#register-count")).to_contain_text("3 sightings")
    assert_accessible(page, "register")
    page.locator("#district").select_option(str(north.id))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#register-count")).to_contain_text("1 sighting")
    expect(page.locator("#register")).to_contain_text("Appelez Jean Dupont")

    page.locator(f"a[href$='/sightings/{typo.id}/edit']").click()
    assert_accessible(page, "correction")
    page.locator("#verbatim").fill("Appelez-le")
    page.locator("#rumour_id").select_option(str(other.id))
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#register")).to_contain_text("Appelez-le")
    expect(page.locator("#register")).not_to_contain_text("Jean Dupont")

    page.goto(f"/sightings?rumour={rumour.id}")
    expect(page.locator("#register-count")).to_contain_text("1 sighting")
    page.locator("#register a[href$='/delete']").first.click()
    assert_accessible(page, "removal")
    page.locator("main form button.btn-danger").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#register-count")).to_contain_text("0 sightings")
