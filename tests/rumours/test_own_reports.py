"""“My reports”: a reference after sending, then what became of each report, never anyone
else's words."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from icc_network.core.clock import today
from icc_network.extensions import db
from icc_network.rumours.models import Sighting

from .. import factories as core
from ..support import count_queries, login
from . import factories


def test_the_reporter_gets_a_reference_and_finds_the_report_under_my_reports(client):
    login(client, core.user("partner", locale="en"))
    response = client.post_form("/sightings/new", factories.sighting_form(
        heard="Ils ont tous des logements gratuits", rumour="new"), follow_redirects=True)
    sighting = db.session.scalar(select(Sighting))
    reference = f"S-{sighting.created_at.year}-{sighting.id:05d}"
    assert reference in response.get_data(as_text=True)
    page = client.get("/sightings/mine").get_data(as_text=True)
    assert reference in page and "Received, awaiting triage" in page
    assert "Ils ont tous des logements gratuits" in page


def test_each_report_says_linked_or_merged_with_a_link_only_where_the_reporter_may_go(client):
    partner = core.user("partner", locale="en")
    triaged = factories.rumour("Rumeur triée", status="triaged")
    published = factories.rumour("Rumeur publiée", status="validated", published=True)
    duplicate = factories.rumour("Doublon", status="archived", merged_into_id=published.id)
    for rumour in (triaged, published, duplicate):
        factories.sighting(rumour, reporter_id=partner.id)
    login(client, partner)
    page = client.get("/sightings/mine").get_data(as_text=True)
    assert f"Linked to rumour no. {triaged.id}" in page
    assert f"Merged into rumour no. {published.id}" in page
    assert f"/rumours/{triaged.id}\"" not in page  # partners do not read the rumours area
    assert f"/catalogue/{published.id}\"" in page
    staff = core.user("staff", locale="en")
    factories.sighting(triaged, reporter_id=staff.id)
    login(client, staff)
    assert f"/rumours/{triaged.id}\"" in client.get("/sightings/mine").get_data(as_text=True)


def test_my_reports_never_show_others_words_nor_a_withheld_wording(client):
    agent, other = core.user("agent", locale="en"), core.user("agent")
    hateful = factories.rumour("mots haineux d'un autre", status="reported",
                               hateful_origin=True)
    factories.sighting(hateful, reporter_id=other.id, hateful=True, verbatim="insultes")
    factories.sighting(hateful, reporter_id=agent.id, verbatim="mes propres mots")
    login(client, agent)
    page = client.get("/sightings/mine").get_data(as_text=True)
    assert "mots haineux" not in page and "insultes" not in page
    assert "Report awaiting triage (hateful content hidden)" in page
    assert page.count('class="card mb-2 my-report') == 1


def test_my_reports_is_paginated_without_a_query_per_report(client, app):
    partner = core.user("partner", locale="en")
    rumours = [factories.rumour(status="triaged") for _ in range(3)]
    for n in range(12):
        factories.sighting(rumours[n % 3], reporter_id=partner.id,
                           seen_on=today() - timedelta(days=n))
    login(client, partner)
    with count_queries(app) as few:
        client.get("/sightings/mine?per_page=2")
    with count_queries(app) as many:
        page = client.get("/sightings/mine?per_page=10").get_data(as_text=True)
    assert many.count == few.count
    assert page.count('class="card mb-2 my-report') == 10
    assert "page=2" in page
