"""The rumour pages on a phone and at a desk: cards and folded filters on a phone, the table and
open filters at a desk, the workflow near the top of a rumour; one focus ring on every control."""

from __future__ import annotations

from icc_network.extensions import db

from ..factories import user
from ..rumours import factories as rumour_factories
from .helpers import assert_accessible, sign_in

PHONE, DESK = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
RING = "rgb(255, 191, 71) solid 3px"


def test_on_a_phone_the_rumour_list_is_cards_with_folded_filters(app, new_page):
    coordinator = user("coordinator", locale="fr")
    rumour = rumour_factories.rumour(fr="Les voisins prennent nos places de parking")
    page = new_page(locale="fr-FR", viewport=PHONE)
    sign_in(page, coordinator)
    page.goto("/rumours")
    card = page.locator(".rumour-card").first
    assert card.is_visible() and not page.locator("table.rumour-table").is_visible()
    assert card.locator(f"a[href='/rumours/{rumour.id}']").is_visible()
    assert not page.locator("#q").is_visible()
    page.locator(".filter-toggle").click()
    page.locator("#q").wait_for(state="visible")
    assert page.locator(".filter-toggle").get_attribute("aria-expanded") == "true"
    assert_accessible(page, "the rumour list on a phone, filters open")

    card.locator("a").click()
    page.wait_for_url(f"**/rumours/{rumour.id}")
    workflow = page.locator("#workflow-heading").bounding_box()
    arguments = page.locator("#arguments-heading").bounding_box()
    assert workflow["y"] < arguments["y"] and workflow["y"] < 2 * PHONE["height"]
    assert_accessible(page, "a rumour on a phone")


def test_at_a_desk_the_list_is_a_table_with_open_filters(app, new_page):
    coordinator = user("coordinator", locale="en")
    rumour_factories.rumour(fr="Les voisins prennent nos places de parking", en="The neighbours take our parking")
    page = new_page(viewport=DESK)
    sign_in(page, coordinator)
    page.goto("/rumours")
    assert page.locator("table.rumour-table").is_visible()
    assert not page.locator(".rumour-card").first.is_visible()
    assert page.locator("#q").is_visible() and not page.locator(".filter-toggle").is_visible()


def test_fields_buttons_and_checkboxes_get_the_same_focus_ring_as_links(app, new_page):
    coordinator = user("coordinator", locale="en")
    page = new_page(viewport=DESK)
    sign_in(page, coordinator)
    page.goto("/rumours")
    ring = "e => { const s = getComputedStyle(e); return `${s.outlineColor} ${s.outlineStyle} ${s.outlineWidth}`; }"
    for selector in ("#q", "#theme", "#translation", "#rumour-filters button[type=submit]",
                     ".page-actions a.btn-primary"):
        page.locator(selector).focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        assert page.locator(selector).evaluate(ring) == RING, selector
    # A radio (the rumour's status) and a checkbox (the sighting's "hateful" box).
    rumour = rumour_factories.rumour(fr="Les voisins prennent nos places de parking")
    db.session.commit()
    for address, selector in ((f"/rumours/{rumour.id}", "input[name=status] >> nth=0"),
                              ("/sightings/new", "#hateful")):
        page.goto(address)
        page.locator(selector).focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        assert page.locator(selector).evaluate("e => e === document.activeElement"), selector
        assert page.locator(selector).evaluate(ring) == RING, selector
