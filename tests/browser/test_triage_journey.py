"""A partner on a phone reports a rumour the city did not know; a coordinator finds it in the
triage inbox with the notification, triages it with a verdict; the partner's “My reports”
then shows it linked to the rumour. In French and in English, each page scanned by axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from icc_network.extensions import db
from icc_network.rumours.models import Rumour

from .. import factories
from .helpers import assert_accessible, sign_in

PHONE = {"width": 390, "height": 844}
BROWSER_LOCALES = {"fr": "fr-FR", "en": "en-GB"}


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_a_new_report_is_triaged_and_its_reporter_sees_it_linked(new_page, locale):
    partner = factories.user("partner", locale=locale)
    coordinator = factories.user("coordinator", locale=locale)

    reporter = new_page(locale=BROWSER_LOCALES[locale], viewport=PHONE)
    sign_in(reporter, partner)
    reporter.goto("/sightings/new")
    # The offered rumours are redrawn when the suggestions arrive: choose once they have.
    with reporter.expect_response(lambda response: "suggest.json" in response.url):
        reporter.locator("#heard").fill("Les nouveaux voisins ont des voitures de fonction gratuites")
    reporter.locator("#rumour-new").check()
    expect(reporter.locator("#rumour-new")).to_be_checked()
    reporter.locator("#channel").select_option("conversation")
    reporter.locator("main form button[type=submit]").click()
    expect(reporter.locator(".alert-success")).to_contain_text(re.compile(r"S-\d{4}-\d{5}"))
    rumour = db.session.scalar(select(Rumour))
    reporter.goto("/sightings/mine")
    expect(reporter.locator(".my-report.state-received")).to_be_visible()
    assert_accessible(reporter, "my reports, received")

    desk = new_page(locale=BROWSER_LOCALES[locale])
    sign_in(desk, coordinator)
    desk.goto("/")
    expect(desk.locator("a[href$='/notifications'] .badge")).to_have_text(re.compile(r"^1\b"))
    inbox = desk.locator("#panel-triage-inbox")
    expect(inbox).to_contain_text("voitures de fonction gratuites")
    assert_accessible(desk, "home with the triage inbox")
    inbox.locator(f"a[href$='/rumours/{rumour.id}']").click()
    expect(desk.locator("#rumour-verdict")).to_be_visible()
    desk.locator("input[name=status][value=triaged]").check()
    desk.locator("#verdict").select_option("false")
    assert_accessible(desk, "rumour at triage")
    desk.locator("form[action$='/status'] button[type=submit]").click()
    expect(desk.locator(".alert-success")).to_be_visible()
    db.session.expire_all()
    assert (rumour.status, rumour.verdict) == ("triaged", "false")

    reporter.goto("/sightings/mine")
    linked = reporter.locator(".my-report.state-linked")
    expect(linked).to_contain_text(str(rumour.id))
    assert_accessible(reporter, "my reports, linked")
