"""Every page of the campaigns area passes the accessibility scan, in English and in French,
for those who use it: coordinators, partners and agents."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from icc_network.core.clock import utcnow

from .. import factories as core_factories
from ..agents import factories as agent_factories
from ..campaigns import factories
from ..network import factories as network_factories
from ..rumours import factories as rumour_factories
from .helpers import assert_accessible, sign_in


def _world(app):
    district = core_factories.district("gare", "Quartier de la Gare", "Station district")
    rumour = rumour_factories.rumour("Les aides vont d’abord aux nouveaux arrivants",
                                     "Benefits go to newcomers first", status="validated")
    organisation = network_factories.organisation("Maison des associations", district=district)
    partner = core_factories.user("partner", locale="en", email="partner@maison.example")
    partner.organisation_id = organisation.id
    agent_user = core_factories.user("agent", locale="en", email="agent@ville.example")
    agent = agent_factories.agent("Awa", "Diallo", status="certified", user=agent_user)
    today = utcnow().date()
    campaign = factories.campaign("Les aides, parlons-en", status="running",
                                  starts_on=today - timedelta(days=20),
                                  ends_on=today + timedelta(days=40), rumours=[rumour],
                                  districts=[district])
    factories.participation(campaign, organisation, joined_by=partner)
    soon = datetime.combine(today + timedelta(days=2), datetime.min.time()) + timedelta(hours=16)
    weekly = [soon + timedelta(days=7 * n) for n in range(4)]
    cafe = factories.activity(campaign, title="Café du samedi", occurrences=weekly,
                              rrule="FREQ=WEEKLY;COUNT=4", organisations=[organisation],
                              agents=[agent], district=district)
    past = factories.activity(campaign, kind="workshop", title="Atelier passé",
                              starts_at=soon - timedelta(days=10), organisations=[organisation])
    draft = factories.campaign("Brouillon", status="draft")
    return {"campaign": campaign, "cafe": cafe, "past": past, "draft": draft,
            "partner": partner, "agent": agent_user,
            "coordinator": core_factories.user("coordinator", locale="en")}


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
def test_the_campaign_pages_pass_the_accessibility_scan(new_page, app, locale):
    w = _world(app)
    c, cafe, past = w["campaign"].id, w["cafe"].id, w["past"].id
    page = new_page(locale=locale)
    sign_in(page, w["coordinator"])
    for path in ("/campaigns/", f"/campaigns/{c}", f"/campaigns/{c}/edit",
                 f"/campaigns/{c}/participants", f"/campaigns/{c}/activities",
                 f"/campaigns/{c}/calendar", f"/campaigns/{c}/calendar?view=week",
                 f"/campaigns/{c}/calendar?view=list", "/campaigns/calendar",
                 "/campaigns/calendar?view=week", "/campaigns/calendar?view=day",
                 "/campaigns/calendar?view=list", f"/campaigns/activities/{cafe}",
                 f"/campaigns/activities/{cafe}/edit", f"/campaigns/activities/{cafe}/cancel",
                 f"/campaigns/activities/{past}/reach", f"/campaigns/{c}/summary",
                 f"/campaigns/{w['draft'].id}/delete", "/campaigns/my-calendar-feed"):
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page, path)

    for role, paths in (("partner", ("/campaigns/open", "/campaigns/mine",
                                     f"/campaigns/activities/{cafe}",
                                     f"/campaigns/activities/{past}/reach",
                                     "/campaigns/my-calendar-feed", "/")),
                        ("agent", ("/campaigns/mine", f"/campaigns/activities/{cafe}", "/"))):
        other = new_page(locale=locale)
        sign_in(other, w[role])
        for path in paths:
            other.goto(path)
            expect(other.locator("h1")).to_be_visible()
            assert_accessible(other, f"{path} as {role}")


def test_a_new_feed_address_is_shown_once_and_a_revoked_one_is_gone(new_page, app):
    w = _world(app)
    page = new_page()
    sign_in(page, w["partner"])
    page.goto("/campaigns/my-calendar-feed")
    page.locator("main form button[type=submit]").first.click()
    address = page.locator("main input[readonly]").first.input_value()
    assert address.endswith(".ics")
    assert_accessible(page, "feed address")
    path = urlsplit(address).path  # the address names the public host; the test serves locally
    feed = page.request.get(path)
    assert feed.ok and b"BEGIN:VCALENDAR" in feed.body()
    assert b"RRULE:FREQ=WEEKLY;COUNT=4" in feed.body()  # the recurring café, once
    page.goto("/campaigns/my-calendar-feed")
    page.get_by_role("button", name="Revoke the address").click()
    expect(page.get_by_role("button", name="Create my address")).to_be_visible()
    assert page.request.get(path).status == 404
