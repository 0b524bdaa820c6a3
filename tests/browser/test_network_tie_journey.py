"""A coordinator edits an organisation, adds a tie from its page and lands back on it; a new
organisation is in the explorer at once (in French, with accessibility scans)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from icc_network.extensions import db
from icc_network.network import jobs

from .. import factories as core_factories
from ..network import factories
from .helpers import assert_accessible, sign_in


def test_a_tie_added_from_an_organisation_leads_back_to_it_and_a_newcomer_is_drawn(app, page):
    library = factories.organisation("Médiathèque", sector="library")
    school = factories.organisation("École Jaurès", sector="school")
    club = factories.organisation("Club de quartier", sector="sport")
    factories.tie(library, club)
    db.session.commit()
    jobs.recompute_nightly()
    sign_in(page, core_factories.user("coordinator", locale="fr"))

    page.goto(f"/network/organisations/{school.id}/edit")
    page.locator("#name").fill("École Jean-Jaurès")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(rf"/network/organisations/{school.id}$"))
    page.locator(f"a[href*='/network/ties/new'][href*='organisation={school.id}']").click()
    expect(page.locator("#from_organisation_id")).to_have_value(str(school.id))
    page.select_option("#to_organisation_id", str(library.id))  # stored library first: lower id
    assert_accessible(page, "tie form")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(rf"/network/organisations/{school.id}$"))
    expect(page.locator("h1")).to_have_text("École Jean-Jaurès")
    expect(page.locator("#ties-heading")).to_contain_text("1")
    expect(page.locator("main")).to_contain_text("Médiathèque")
    assert_accessible(page, "organisation after its tie")

    page.goto("/network/organisations/new")
    page.locator("#name").fill("Théâtre du Fil")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text("Théâtre du Fil")
    page.goto("/network/explorer")
    expect(page.locator("#explorer")).to_have_attribute("data-ready", "true")
    labels = page.evaluate("() => window.networkExplorer.nodes().map(n => n.data('label'))")
    assert {"Théâtre du Fil", "École Jean-Jaurès"} <= set(labels)
    expect(page.locator(".metric-glossary")).to_be_visible()
    assert_accessible(page, "explorer with a newcomer")
