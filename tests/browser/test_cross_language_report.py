"""A report typed in English finds a rumour the city words only in French.

The coordinator then sees the new sighting on the rumour's page and finds it in the register
of sightings, filtered by district.
"""

from __future__ import annotations

from playwright.sync_api import expect

from icc_network.extensions import db

from .. import factories
from ..rumours import factories as rumour_factories
from .helpers import assert_accessible, sign_in

FRENCH_ONLY = "La ville finance les lieux de culte musulmans avec l’argent public"


def test_an_english_report_is_offered_the_french_only_rumour_and_the_coordinator_sees_it(
        new_page):
    rumour = rumour_factories.rumour(FRENCH_ONLY, None)
    factories.district("gare", "Quartier de la Gare", "Station district")
    coordinator = factories.user("coordinator", locale="en")
    partner = factories.user("partner", locale="en")

    desk = new_page()
    sign_in(desk, coordinator)
    desk.goto(f"/rumours/{rumour.id}")
    desk.get_by_role("link", name="Edit the key phrases").click()
    desk.locator("#locale").select_option("en")
    desk.locator("#phrase").fill("mosques, taxes")
    desk.get_by_role("button", name="Add", exact=True).click()
    expect(desk.locator(".alert-success")).to_contain_text("The key phrase has been added")
    desk.locator("#locale").select_option("en")
    desk.locator("#phrase").fill("Mosques  taxes!")
    desk.get_by_role("button", name="Add", exact=True).click()
    expect(desk.locator("#phrase")).to_have_value("Mosques  taxes!")
    expect(desk.locator("main")).to_contain_text("This phrase is already listed in this language.")
    assert_accessible(desk, "key phrases with a refused phrase")

    phone = new_page(viewport={"width": 375, "height": 740})
    sign_in(phone, partner)
    phone.goto("/sightings/new")
    phone.locator("#heard").press_sequentially("The town hall pays for mosques with our taxes",
                                               delay=10)
    offered = phone.get_by_label(FRENCH_ONLY)
    expect(offered).to_be_visible()
    assert_accessible(phone, "sighting form offering a rumour worded in French")
    offered.check()
    phone.locator("#district_id").select_option(label="Station district")
    phone.locator("#language").select_option("en")
    phone.locator("#verbatim").fill("the town hall pays for the mosques")
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".alert-success")).to_contain_text("your sighting has been recorded")

    desk.goto(f"/rumours/{rumour.id}")
    sightings = desk.get_by_role("table", name="Latest sightings")
    expect(sightings).to_contain_text("Station district")
    expect(sightings).to_contain_text("the town hall pays for the mosques")
    expect(desk.locator("#key-phrases")).to_contain_text("mosques, taxes")
    assert_accessible(desk, "rumour page with the new sighting")
    db.session.refresh(rumour)
    assert rumour.sighting_count == 1

    desk.get_by_role("link", name="All its sightings in the register").click()
    expect(desk.locator("#register-count")).to_have_text("1 sighting matches.")
    desk.locator("#rumour").fill("")
    desk.locator("#district").select_option(label="Station district")
    desk.get_by_role("button", name="Filter", exact=True).click()
    expect(desk.locator("#register-count")).to_have_text("1 sighting matches.")
    row = desk.get_by_role("table", name="Sightings").locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Station district")
    expect(row).to_contain_text("the town hall pays for the mosques")
    expect(row.get_by_role("link", name=FRENCH_ONLY[:40])).to_have_attribute(
        "href", f"/rumours/{rumour.id}")
    assert_accessible(desk, "sightings register filtered by district")
