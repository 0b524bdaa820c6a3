"""The calendar feed pages through the client (CSRF on): making, replacing and revoking the
private address, fetching feeds without signing in, a campaign's calendar as a download."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from flask_babel import force_locale
from icalendar import Calendar

from icc_network.campaigns.models import CalendarFeed
from icc_network.core.permissions import ANONYMOUS, Role
from icc_network.extensions import db

from .. import factories as core_factories
from ..network import factories as network_factories
from ..support import login
from . import factories

PAGE = "/campaigns/my-calendar-feed"
ADDRESS = re.compile(r'id="feed-address"[^>]*value="http://localhost(/campaigns/feeds/[^"]+\.ics)"')


@pytest.fixture
def partner():
    organisation = network_factories.organisation("Maison des associations")
    person = core_factories.user("partner", locale="en")
    person.organisation_id = organisation.id
    campaign = factories.campaign(status="running")
    activity = factories.activity(campaign, organisations=[organisation])
    return person, campaign, activity


def _new_address(client) -> str:
    response = client.post_form(f"{PAGE}/new")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    match = ADDRESS.search(response.get_data(as_text=True))
    assert match, "the new address is shown"
    return match.group(1)


def _uids(body: bytes) -> set[str]:
    return {str(event["UID"]) for event in Calendar.from_ical(body).walk("VEVENT")}


def test_the_page_offers_an_address_and_shows_a_new_one_once(client, partner):
    person, _campaign, activity = partner
    login(client, person)
    page = client.get(PAGE).get_data(as_text=True)
    assert "Create my address" in page and "those your organisation runs" in page
    address = _new_address(client)
    again = client.get(PAGE).get_data(as_text=True)
    assert address not in again and "Replace the address" in again and "Not read" in again
    assert db.session.query(CalendarFeed).one().token_hash not in again


def test_the_feed_answers_without_signing_in_as_a_calendar(client, make_client, partner):
    person, _campaign, activity = partner
    login(client, person)
    address = _new_address(client)
    anonymous = make_client()
    response = anonymous.get(address)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response.headers["Cache-Control"]
    assert _uids(response.data) == {f"activity-{activity.id}@localhost"}
    unchanged = anonymous.get(address, headers={"If-None-Match": response.headers["ETag"]})
    assert unchanged.status_code == 304 and unchanged.data == b""


def test_a_fetch_is_noted_once_an_hour(client, make_client, partner):
    person, _campaign, _activity = partner
    login(client, person)
    address = _new_address(client)
    anonymous = make_client()
    anonymous.get(address)
    first = db.session.query(CalendarFeed).one().last_fetched_at
    anonymous.get(address)
    assert first is not None and db.session.query(CalendarFeed).one().last_fetched_at == first
    assert "Last read by a calendar" in client.get(PAGE).get_data(as_text=True)


def test_replacing_the_address_ends_the_old_one(client, make_client, partner):
    login(client, partner[0])
    old = _new_address(client)
    new = _new_address(client)
    anonymous = make_client()
    assert anonymous.get(old).status_code == 404
    assert anonymous.get(new).status_code == 200


def test_a_revoked_address_answers_404(client, make_client, partner):
    login(client, partner[0])
    address = _new_address(client)
    response = client.post_form(f"{PAGE}/revoke", follow_redirects=True)
    with force_locale("en"):
        assert "no longer works" in response.get_data(as_text=True)
    assert "Create my address" in response.get_data(as_text=True)
    assert make_client().get(address).status_code == 404


def test_a_revoked_or_unknown_address_answers_404_to_everyone(client, make_client, partner):
    person, campaign, _activity = partner
    login(client, person)
    revoked = _new_address(client)
    client.post_form(f"{PAGE}/revoke")
    unknown = "/campaigns/feeds/" + "A" * 43 + ".ics"
    addresses = [revoked, revoked.removesuffix(".ics") + f"/campaign/{campaign.id}.ics",
                 unknown, "/campaigns/feeds/%F0%9F%99%82.ics", "/campaigns/feeds/" + "x" * 500
                 + ".ics"]
    for role in [ANONYMOUS, *Role]:
        browser = make_client()
        if role != ANONYMOUS:
            login(browser, core_factories.user(role.value))
        for address in addresses:
            assert browser.get(address).status_code == 404, (role, address)


def test_a_campaigns_feed_under_the_address_shows_what_its_owner_may_see(client, make_client,
                                                                         partner):
    person, campaign, activity = partner
    factories.activity(campaign)  # run by someone else
    elsewhere = factories.campaign(status="running")
    factories.activity(elsewhere)
    login(client, person)
    base = _new_address(client).removesuffix(".ics")
    anonymous = make_client()
    mine = anonymous.get(f"{base}/campaign/{campaign.id}.ics")
    assert mine.status_code == 200
    assert _uids(mine.data) == {f"activity-{activity.id}@localhost"}
    assert anonymous.get(f"{base}/campaign/{elsewhere.id}.ics").status_code == 404
    assert anonymous.get(f"{base}/campaign/999999.ics").status_code == 404


def test_the_new_address_says_how_to_follow_one_campaign(client, partner):
    login(client, partner[0])
    page = client.post_form(f"{PAGE}/new").get_data(as_text=True)
    assert re.search(r"<code>http://localhost/campaigns/feeds/[^<]+/campaign/NUMBER\.ics</code>",
                     page)


def test_those_who_read_campaigns_are_told_they_see_every_published_activity(client):
    login(client, core_factories.user("staff", locale="en"))
    assert "Every activity of the published campaigns" in client.get(PAGE).get_data(as_text=True)


def test_a_campaigns_calendar_downloads_for_those_who_read_campaigns(client, partner):
    _person, campaign, activity = partner
    draft = factories.campaign(status="draft")
    login(client, core_factories.user("staff", locale="en"))
    response = client.get(f"/campaigns/{campaign.id}/activities.ics")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="campaign-{campaign.id}.ics"')
    assert _uids(response.data) == {f"activity-{activity.id}@localhost"}
    assert client.get(f"/campaigns/{draft.id}/activities.ics").status_code == 404
    assert client.get("/campaigns/999999/activities.ics").status_code == 404
    login(client, core_factories.user("coordinator", locale="en"))
    assert client.get(f"/campaigns/{draft.id}/activities.ics").status_code == 200


def test_a_feed_costs_the_same_queries_however_many_activities(app, client, make_client,
                                                                partner, query_counter):
    person, campaign, _activity = partner
    organisation_id = person.organisation_id
    login(client, person)
    address = _new_address(client)
    anonymous = make_client()
    anonymous.get(address)  # the fetch is noted: the next ones only read

    def fetch(kept: bool) -> int:
        if not kept:
            app.extensions.pop("campaigns.feed_events", None)  # every VEVENT written afresh
        with query_counter() as log:
            assert anonymous.get(address).status_code == 200
        return log.count

    few = fetch(kept=False), fetch(kept=True)
    organisation = db.session.get(type(network_factories.organisation()), organisation_id)
    for day in range(25):
        factories.activity(campaign, organisations=[organisation],
                           starts_at=datetime(2026, 4, 1, 9) + timedelta(days=day),
                           district=core_factories.district())
    many = fetch(kept=False), fetch(kept=True)
    # Kept VEVENTs: neither the stored ones nor the activities are read.
    assert many == few and few[1] == few[0] - 2
    assert len(_uids(anonymous.get(address).data)) == 26
