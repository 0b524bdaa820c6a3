"""The network explorer, its table alternative and every network page, in headless Chromium."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from icc_network.core.clock import today
from icc_network.extensions import db
from icc_network.scheduler import job_specs, run_job

from .. import factories as core_factories
from ..network import factories
from .helpers import assert_accessible, sign_in


def _network(app):
    port = core_factories.district("port", "Le Port", "The Harbour")
    schools = [factories.organisation(f"École {n}", sector="school", district=port) for n in range(4)]
    clubs = [factories.organisation(f"Club {n}", sector="sport", roles=["venue"]) for n in range(4)]
    bridge = factories.organisation("Médiathèque", sector="library", roles=["venue", "multiplier"])
    for group in (schools, clubs):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                factories.tie(a, b)
    factories.tie(schools[0], bridge)
    factories.tie(bridge, clubs[0], "co_organises")
    factories.contact(bridge, "Awa Ndiaye")
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "network.recompute_nightly"))
    return schools, clubs, bridge


# Resolves once the browser has rendered the next frame (two, to be past the current one).
_NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _click_node(page, organisation_id: int) -> None:
    """Click the node where Cytoscape draws it.

    Cytoscape caches where its container sits on the page and forgets it on a
    scroll event. Scroll events are dispatched before the next frame is drawn,
    so waiting for that frame after scrolling makes sure the click is mapped
    onto the graph from the container's current place, however busy the machine.
    """
    page.locator("#explorer").scroll_into_view_if_needed()
    page.evaluate(_NEXT_FRAME)
    position = page.evaluate(
        "id => { const p = window.networkExplorer.$id(String(id)).renderedPosition();"
        " return [p.x, p.y]; }", organisation_id)
    box = page.locator("#explorer").bounding_box()
    page.mouse.click(box["x"] + position[0], box["y"] + position[1])


def test_explorer_shows_filters_and_opens_a_card_and_the_table_lists_the_same_members(app, page):
    schools, clubs, bridge = _network(app)
    sign_in(page, core_factories.user("coordinator", locale="en"))
    page.goto("/network/explorer")
    expect(page.locator("#explorer")).to_have_attribute("data-ready", "true")
    expect(page.locator("#explorer-status")).to_have_text("9 of 9 organisations shown")
    assert_accessible(page, "explorer")

    page.select_option("#filter-sector", "school")
    expect(page.locator("#explorer-status")).to_have_text("4 of 9 organisations shown")
    page.select_option("#filter-sector", "")
    page.select_option("#filter-role", "venue")
    expect(page.locator("#explorer-status")).to_have_text("5 of 9 organisations shown")
    page.select_option("#filter-role", "")

    _click_node(page, bridge.id)
    card = page.locator("#explorer-card")
    expect(card.locator("h2")).to_have_text("Médiathèque")
    expect(card).to_contain_text("Broker")
    expect(card).to_contain_text("École 0")
    expect(card).to_contain_text("Co-organises with")
    card.get_by_role("button", name="Club 0").click()
    expect(card.locator("h2")).to_have_text("Club 0")

    page.locator("#search").fill("mediatheque")
    expect(card.locator("h2")).to_have_text("Médiathèque")

    shown = set(page.evaluate("() => window.networkExplorer.nodes().map(n => n.data('label'))"))
    page.get_by_role("link", name="The same members in a sortable table").click()
    rows = page.locator("#members-table tbody tr td:first-child a")
    expect(rows).to_have_count(len(shown))  # the table page has loaded
    assert set(rows.all_inner_texts()) == shown
    # Sorted by ties: the two gatekeepers have four, "Club 0" comes first by name.
    expect(page.locator("#members-table tbody tr").first).to_contain_text("Club 0")


def test_colour_and_size_controls_redraw_the_legend(app, page):
    _schools, _clubs, bridge = _network(app)
    sign_in(page, core_factories.user("staff", locale="fr"))
    page.goto("/network/explorer")
    expect(page.locator("#explorer")).to_have_attribute("data-ready", "true")
    expect(page.locator("#explorer-legend")).to_contain_text("Bibliothèque")
    page.select_option("#colour-by", "community")
    expect(page.locator("#explorer-legend")).to_contain_text("Communauté 1")
    page.select_option("#size-by", "betweenness")
    # Betweenness is not in the first view: fetched, then the bridge is drawn the largest.
    page.wait_for_function("id => window.networkExplorer.$id(String(id)).data('size') === 40",
                           arg=bridge.id)
    assert_accessible(page, "explorer in French")


def _support_group():
    chair = factories.member(person="Élise Roux", group_role="chair")
    meeting = factories.meeting(today() - timedelta(days=30))
    decision = factories.decision(meeting, chair, today() - timedelta(days=2))
    return chair, meeting, decision


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_every_network_page_is_accessible(app, new_page, locale):
    page = new_page(locale=locale)
    schools, clubs, bridge = _network(app)
    chair, meeting, decision = _support_group()
    db.session.commit()
    sign_in(page, core_factories.user("coordinator", locale=locale[:2]))
    paths = ["/", "/network/", f"/network/organisations/{bridge.id}",
             f"/network/organisations/{bridge.id}/edit", "/network/organisations/new",
             f"/network/organisations/{bridge.id}/contacts/new", "/network/ties", "/network/ties/new",
             "/network/analytics", f"/network/path?from={schools[1].id}&to={clubs[1].id}",
             "/network/import", "/network/support-group", "/network/support-group/members/new",
             f"/network/support-group/members/{chair.id}/edit", "/network/support-group/meetings/new",
             f"/network/support-group/meetings/{meeting.id}",
             f"/network/support-group/meetings/{meeting.id}/edit",
             f"/network/support-group/meetings/{meeting.id}/decisions/new",
             f"/network/support-group/decisions/{decision.id}/edit",
             "/network/support-group/decisions?status=overdue"]
    for path in paths:
        page.goto(path)
        assert_accessible(page, path)


def test_import_preview_with_errors_and_form_errors_are_accessible(app, page, tmp_path):
    factories.organisation("Alpha")
    sign_in(page, core_factories.user("coordinator", locale="en"))
    upload = tmp_path / "ties.csv"
    upload.write_text("From,To,Type\nAlpha,Alpha,collaborates\nAlpha,Nobody,collaborates\n")
    page.goto("/network/import")
    page.locator("#file").set_input_files(str(upload))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-errors")).to_contain_text("A tie joins two different organisations.")
    expect(page.locator("#import-errors")).to_contain_text("Unknown organisation “Nobody”")
    assert_accessible(page, "import preview")
    page.goto("/network/ties/new")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert_accessible(page, "tie form with errors")


def test_a_partner_on_a_phone_edits_their_organisation_and_sees_its_contacts(app, new_page):
    page = new_page(viewport={"width": 375, "height": 740})
    schools, clubs, bridge = _network(app)
    partner = core_factories.user("partner", locale="en")
    partner.organisation_id = bridge.id
    db.session.commit()
    sign_in(page, partner)
    page.goto(f"/network/organisations/{bridge.id}")
    expect(page.locator("#contacts-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Awa Ndiaye")
    page.get_by_role("link", name="Edit", exact=True).click()
    page.locator("#description-en").fill("Our library hosts living libraries.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".alert-success")).to_contain_text("The organisation has been saved.")
    expect(page.locator("main")).to_contain_text("Our library hosts living libraries.")
    assert_accessible(page, "organisation page on a phone")
    page.goto(f"/network/organisations/{schools[0].id}")
    expect(page.locator("main")).not_to_contain_text("Awa Ndiaye")
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    page.goto("/network/explorer")
    expect(page.locator("#explorer")).to_have_attribute("data-ready", "true")
    assert_accessible(page, "explorer on a phone")


def test_the_explorer_keeps_within_the_content_security_policy(app, page):
    _network(app)
    sign_in(page, core_factories.user("coordinator", locale="en"))
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto("/network/explorer")
    expect(page.locator("#explorer")).to_have_attribute("data-ready", "true")
    assert page.evaluate("() => document.querySelectorAll('style').length") == 0
    assert refused == []
