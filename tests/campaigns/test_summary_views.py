"""The campaign summary page, through the client: printable, accessible, figures only."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from flask import render_template
from flask_login import login_user

from icc_network.core.clock import today
from icc_network.rumours.services.stats import rebuild_aggregates

from .. import factories as core
from ..agents import factories as agent_factories
from ..network import factories as network_factories
from ..rumours import factories as rumour_factories
from ..support import login
from . import factories


def _campaign():
    north = core.district(fr="Nord", en="North")
    rumour = rumour_factories.rumour("Ils prennent nos emplois", "They take our jobs")
    start = today() - timedelta(days=60)
    campaign = factories.campaign("Campagne des marchés", status="running", starts_on=start,
                                  ends_on=today() + timedelta(days=30), rumours=[rumour],
                                  districts=[north])
    for days in (90, 70, 40, 20, 5):
        rumour_factories.sighting(rumour, seen_on=today() - timedelta(days=days),
                                  district_id=north.id)
    library = network_factories.organisation("Bibliothèque des Moulins")
    factories.participation(campaign, library, state="accepted")
    agent = agent_factories.agent("Awa", "Diallo")
    factories.activity(campaign, starts_at=datetime.combine(start, datetime.min.time())
                       + timedelta(days=3, hours=9), organisations=[library], agents=[agent],
                       attendees=25, conversations=8, materials=60)
    agent_factories.conversation(agent, held_on=today() - timedelta(days=10), rumour=rumour,
                                 district=north, outcome="changed")
    rebuild_aggregates()
    return campaign, north, rumour


def test_the_summary_shows_the_trend_reach_and_who_took_part(client):
    campaign, _north, _rumour = _campaign()
    login(client, core.user("coordinator", locale="en"))
    response = client.get(f"/campaigns/{campaign.id}/summary")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Campaign summary" in page and "Campaign " in page
    assert "They take our jobs" in page and "North" in page
    assert 'data-chart-for="trend-table"' in page and 'id="trend-table"' in page
    assert "<caption>Sightings per week, on average, in each phase</caption>" in page
    assert "<caption id=\"trend-caption\">Sightings of the target rumours" in page
    assert "<caption>Activities and their reach</caption>" in page
    assert "Bibliothèque des Moulins" in page and "Accepted" in page
    assert "1 anti-rumour agent was assigned" in page
    assert "1 conversation about the target rumours was logged" in page
    assert "Perception surveys" in page and "No perception survey measures this campaign yet" in page
    assert "Awa" not in page and "Diallo" not in page


def test_the_page_prints_without_inline_script(client):
    campaign, _north, _rumour = _campaign()
    login(client, core.user("staff", locale="en"))
    page = client.get(f"/campaigns/{campaign.id}/summary").get_data(as_text=True)
    assert 'data-print hidden' in page and re.search(r"/static/core/js/print\.\w+\.js", page)
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all("src=" in tag for tag in scripts)
    assert re.search(r"/campaigns/static/css/campaigns\.\w+\.css", page)


def test_the_summary_is_in_the_readers_language(client):
    campaign, _north, _rumour = _campaign()
    login(client, core.user("trainer", locale="fr"))
    page = client.get(f"/campaigns/{campaign.id}/summary").get_data(as_text=True)
    assert "Ils prennent nos emplois" in page and "Nord" in page


def test_partners_and_agents_do_not_see_it_and_unknown_campaigns_are_404(client):
    campaign, _north, _rumour = _campaign()
    login(client, core.user("partner", locale="en"))
    assert client.get(f"/campaigns/{campaign.id}/summary").status_code == 403
    login(client, core.user("coordinator", locale="en"))
    assert client.get("/campaigns/999999/summary").status_code == 404


def test_a_campaign_without_rumour_or_activity_still_has_a_summary(client):
    campaign = factories.campaign(status="draft", starts_on=date(2027, 5, 1),
                                  ends_on=date(2027, 5, 31))
    login(client, core.user("coordinator", locale="en"))
    page = client.get(f"/campaigns/{campaign.id}/summary").get_data(as_text=True)
    assert "This campaign targets no rumour" in page
    assert "No partner organisation takes part yet." in page
    assert "The whole city" in page


def test_the_page_asks_the_same_of_the_database_whatever_the_data(client, query_counter):
    campaign, north, rumour = _campaign()
    login(client, core.user("coordinator", locale="en"))
    url = f"/campaigns/{campaign.id}/summary"
    client.get(url)
    with query_counter() as few:
        assert client.get(url).status_code == 200
    for n in range(8):
        organisation = network_factories.organisation(f"Association {n}")
        factories.participation(campaign, organisation)
        factories.activity(campaign, organisations=[organisation],
                           agents=[agent_factories.agent()], attendees=n)
        rumour_factories.sighting(rumour, seen_on=today() - timedelta(days=n * 9),
                                  district_id=north.id)
    rebuild_aggregates()
    with query_counter() as many:
        assert client.get(url).status_code == 200
    assert many.count == few.count


def test_the_campaign_page_links_to_its_summary(app):
    campaign = factories.campaign()
    coordinator, partner = core.user("coordinator"), core.user("partner")
    with app.test_request_context():
        login_user(coordinator)
        html = render_template("campaigns/_campaign_summary_link.html", campaign=campaign)
        assert f"/campaigns/{campaign.id}/summary" in html
    with app.test_request_context():
        login_user(partner)
        assert "summary" not in render_template("campaigns/_campaign_summary_link.html",
                                                campaign=campaign)
