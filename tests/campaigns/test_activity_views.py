"""Activity and calendar pages through the client (CSRF on): forms and their refusals,
who sees what, and query counts that do not grow with the number of activities."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from flask import render_template_string
from sqlalchemy import func, select

from icc_network.campaigns.models import Activity, ActivityOccurrence, ActivityOrganisation
from icc_network.campaigns.services.activity_options import OPTIONS
from icc_network.core.clock import utcnow
from icc_network.core.models import AuditLog
from icc_network.extensions import db

from .. import factories as core_factories
from ..agents import factories as agent_factories
from ..network import factories as network_factories
from ..support import login
from . import factories
from .test_activity_options import many_agents, many_organisations


def _form(**overrides) -> dict:
    return {"kind": "cafe", "title-fr": "Café des rumeurs", "title-en": "Rumour café",
            "description-fr": "", "description-en": "", "day": "2026-03-21",
            "start_time": "18:00", "end_time": "20:00", "frequency": "WEEKLY", "interval": "1",
            "weekdays": ["SA"], "count": "4", "until": "", "exdates": "2026-03-28",
            "place": "Médiathèque", "district_id": "", "language": "fr", "capacity": "30",
            **overrides}


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _activity(campaign, title: str, **kwargs):
    """An activity whose title reads the same in both languages."""
    row = factories.activity(campaign, title=title, **kwargs)
    row.title = {"fr": title, "en": title}
    return row


def _signed_in(client, role: str = "coordinator", organisation=None):
    user = core_factories.user(role)
    if organisation is not None:
        user.organisation_id = organisation.id
    login(client, user)
    return user


def test_a_coordinator_adds_a_recurring_activity_once_even_if_sent_twice(client):
    _signed_in(client)
    campaign = factories.campaign()
    url = f"/campaigns/{campaign.id}/activities/new"
    page = client.get(url).get_data(as_text=True)
    key = page.split('name="submission_key" type="hidden" value="')[1].split('"')[0]
    data = {**_form(), "submission_key": key}
    first = client.post_form(url, data)
    again = client.post_form(url, data)
    assert first.status_code == again.status_code == 302
    assert first.headers["Location"] == again.headers["Location"]
    assert _count(Activity) == 1 and _count(ActivityOccurrence) == 3
    detail = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Every week on Saturday, 4 times" in detail and "28 March 2026" in detail


@pytest.mark.parametrize(("overrides", "message"), [
    ({"end_time": "17:00"}, "The activity must end after it starts"),
    ({"count": "", "until": ""}, "A recurring activity must end"),
    ({"capacity": "-3"}, "Enter a number of places above zero"),
    ({"exdates": "2026-03-29"}, "These dates are not dates of the activity"),
    ({"exdates": "le 4 avril"}, "is not a date"),
    ({"day": "2026-02-30"}, "Not a valid date value"),
    ({"day": "2026-01-10", "frequency": "", "exdates": ""}, "outside the campaign"),
    ({"interval": "0"}, "between 1 and 52"),
])
def test_bad_input_is_explained_on_the_form_and_nothing_is_saved(client, overrides, message):
    _signed_in(client)
    campaign = factories.campaign()
    response = client.post_form(f"/campaigns/{campaign.id}/activities/new", _form(**overrides))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _count(Activity) == _count(ActivityOccurrence) == 0


def test_editing_moves_the_dates_and_cancelling_freezes_the_activity(client):
    _signed_in(client)
    campaign = factories.campaign()
    response = client.post_form(f"/campaigns/{campaign.id}/activities/new",
                                _form(frequency="", exdates="", count=""))
    activity_id = int(response.headers["Location"].rsplit("/", 1)[1])
    edit = client.get(f"/campaigns/activities/{activity_id}/edit").get_data(as_text=True)
    assert 'value="18:00"' in edit and "Médiathèque" in edit
    client.post_form(f"/campaigns/activities/{activity_id}/edit",
                     _form(frequency="", exdates="", count="", start_time="17:00"))
    activity = db.session.get(Activity, activity_id)
    assert activity.starts_at == datetime(2026, 3, 21, 16) and activity.sequence == 1
    assert client.get(f"/campaigns/activities/{activity_id}/cancel").status_code == 200
    client.post_form(f"/campaigns/activities/{activity_id}/cancel", {"reason": "Pluie"})
    db.session.refresh(activity)
    assert activity.cancelled_at is not None and activity.sequence == 2
    page = client.get(f"/campaigns/activities/{activity_id}").get_data(as_text=True)
    assert "This activity was cancelled" in page and "Pluie" in page
    assert client.get(f"/campaigns/activities/{activity_id}/edit").status_code == 302


def test_agents_names_are_shown_to_those_who_may_see_agents_and_the_view_is_audited(client):
    agent = agent_factories.agent("Awa", "Diallo", status="certified")
    activity = factories.activity(factories.campaign(), agents=[agent])
    coordinator = _signed_in(client)
    assert "Awa Diallo" in client.get(f"/campaigns/activities/{activity.id}").get_data(
        as_text=True)
    assert db.session.scalar(select(AuditLog.user_id).where(
        AuditLog.action == "activity.agents_view")) == coordinator.id
    _signed_in(client, "staff")
    page = client.get(f"/campaigns/activities/{activity.id}").get_data(as_text=True)
    assert "Awa" not in page and "Agents assigned" in page


def test_partners_and_agents_see_only_the_activities_they_take_part_in(client):
    ours, theirs = network_factories.organisation(), network_factories.organisation()
    campaign = factories.campaign()
    activity = factories.activity(campaign, organisations=[ours])
    _signed_in(client, "partner", ours)
    assert client.get(f"/campaigns/activities/{activity.id}").status_code == 200
    _signed_in(client, "partner", theirs)
    assert client.get(f"/campaigns/activities/{activity.id}").status_code == 403
    _signed_in(client, "agent")
    assert client.get(f"/campaigns/activities/{activity.id}").status_code == 403
    draft = factories.activity(factories.campaign(status="draft"))
    _signed_in(client, "staff")
    assert client.get(f"/campaigns/activities/{draft.id}").status_code == 404
    assert client.get(f"/campaigns/{draft.campaign_id}/calendar").status_code == 404
    assert client.get("/campaigns/activities/99999999").status_code == 404


def test_a_partner_records_the_reach_of_their_organisations_activity(client):
    ours, theirs = network_factories.organisation(), network_factories.organisation()
    activity = factories.activity(factories.campaign(), organisations=[ours])
    _signed_in(client, "partner", ours)
    refused = client.post_form(f"/campaigns/activities/{activity.id}/reach",
                               {"attendees": "-4"})
    assert "zero or more" in refused.get_data(as_text=True)
    done = client.post_form(f"/campaigns/activities/{activity.id}/reach",
                            {"attendees": "25", "conversations": "8"})
    assert done.status_code == 302
    db.session.refresh(activity)
    assert (activity.attendees, activity.conversations) == (25, 8)
    _signed_in(client, "partner", theirs)
    assert client.get(f"/campaigns/activities/{activity.id}/reach").status_code == 403


def test_the_month_shows_a_few_entries_a_day_with_a_link_to_the_rest(client):
    _signed_in(client, "staff")
    campaign = factories.campaign()
    for hour in range(8, 13):
        _activity(campaign, f"Café {hour}h", starts_at=datetime(2026, 3, 14, hour))
    page = client.get("/campaigns/calendar?on=2026-03-14").get_data(as_text=True)
    assert "<caption" in page and "Café 8h" in page and "Café 12h" not in page
    assert "+2 more" in page and "view=day" in page and "on=2026-03-14" in page
    day = client.get("/campaigns/calendar?view=day&on=2026-03-14").get_data(as_text=True)
    assert "Café 12h" in day
    week = client.get(f"/campaigns/{campaign.id}/calendar?view=week&on=2026-03-14")
    assert "Café 12h" in week.get_data(as_text=True)
    odd = client.get("/campaigns/calendar?on=9999-99-99&view=x&district=abc&kind=zz&page=-1")
    assert odd.status_code == 200


@pytest.mark.parametrize("path", [
    "/campaigns/calendar?on=2026-03-14", "/campaigns/calendar?view=week&on=2026-03-14",
    "/campaigns/calendar?view=list&on=2026-03-01", "/campaigns/calendar?view=day&on=2026-03-14",
    "/campaigns/{campaign}/calendar?on=2026-03-14", "/campaigns/{campaign}/activities",
])
def test_calendar_pages_cost_the_same_queries_however_many_activities(client, query_counter,
                                                                      path):
    _signed_in(client, "coordinator")
    campaign = factories.campaign()
    district = core_factories.district()
    counts = []
    for extra in (1, 30):
        for n in range(extra):
            factories.activity(campaign, starts_at=datetime(2026, 3, 1 + n % 28, 8 + n % 10),
                               district=district if n % 2 else None)
        with query_counter() as log:
            assert client.get(path.format(campaign=campaign.id)).status_code == 200
        counts.append(log.count)
    assert counts[0] == counts[1]


def test_my_activities_lists_what_is_to_come_and_what_is_past(client, query_counter):
    organisation = network_factories.organisation()
    partner = _signed_in(client, "partner", organisation)
    campaign = factories.campaign(starts_on=date(2020, 1, 1), ends_on=date(2035, 1, 1))
    soon = (utcnow() + timedelta(days=3)).replace(microsecond=0)
    _activity(campaign, "Bientôt", organisations=[organisation], starts_at=soon)
    _activity(campaign, "Hier", organisations=[organisation],
              starts_at=utcnow() - timedelta(days=2))
    page = client.get("/campaigns/mine").get_data(as_text=True)
    assert "Bientôt" in page and "Hier" not in page
    past = client.get("/campaigns/mine?when=past").get_data(as_text=True)
    assert "Hier" in past and "Record the reach" in past
    home = client.get("/").get_data(as_text=True)
    assert "My next activities" in home and "Bientôt" in home
    counts = []
    for _extra in range(2):
        with query_counter() as log:
            client.get("/campaigns/mine?when=past")
        counts.append(log.count)
        for n in range(10):
            factories.activity(campaign, organisations=[organisation],
                               starts_at=utcnow() - timedelta(days=3 + n))
    assert counts[0] == counts[1] and partner.id


def test_the_campaign_page_panel_links_to_the_activities(app):
    campaign = factories.campaign()
    with app.test_request_context():
        login_user = core_factories.user("coordinator")
        from flask_login import login_user as sign_in

        sign_in(login_user)
        html = render_template_string(
            '{% include "campaigns/_campaign_activities.html" %}', campaign=campaign)
    assert f"/campaigns/{campaign.id}/activities/new" in html
    assert f"/campaigns/{campaign.id}/calendar" in html


def test_the_translation_worklist_lists_activities_missing_english(client):
    campaign = factories.campaign()
    untranslated = factories.activity(campaign, description={"fr": "Échanger"})
    untranslated.title = {"fr": "Café sans traduction"}
    factories.activity(campaign, description={})  # nothing written: nothing to translate
    cancelled = factories.activity(campaign)
    cancelled.title, cancelled.cancelled_at = {"fr": "Annulé"}, utcnow()
    _signed_in(client)
    page = client.get("/translations/worklist?locale=en").get_data(as_text=True)
    assert "Café sans traduction" in page and "Annulé" not in page
    assert f"/campaigns/activities/{untranslated.id}/edit" in page


def test_an_evaluated_campaign_offers_no_new_activity(client):
    _signed_in(client)
    campaign = factories.campaign(status="evaluated")
    response = client.get(f"/campaigns/{campaign.id}/activities/new")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/campaigns/{campaign.id}/activities")
    page = client.get(f"/campaigns/{campaign.id}/activities").get_data(as_text=True)
    assert "can no longer change" in page and "Add an activity" not in page


def _boxes(page: str, name: str) -> list[int]:
    return [int(value) for value in re.findall(rf'name="{name}" value="(\d+)"', page)]


def _checked(page: str, record_id: int) -> bool:
    return re.search(rf'value="{record_id}"\s+id="[^"]+"\s+checked', page) is not None


def _key(page: str) -> str:
    return page.split('name="submission_key" type="hidden" value="')[1].split('"')[0]


def test_the_form_offers_a_bounded_list_however_large_the_network(client, query_counter):
    _signed_in(client)
    campaign = factories.campaign()
    partner = network_factories.organisation("Maison des associations")
    factories.participation(campaign, partner, state="accepted")
    url = f"/campaigns/{campaign.id}/activities/new"
    counts = []
    for size in (1, 300):
        many_organisations(size, prefix=f"Club {size}")
        many_agents(size)
        with query_counter() as log:
            page = client.get(url).get_data(as_text=True)
        counts.append(log.count)
    assert counts[0] == counts[1]
    assert _boxes(page, "organisation_ids") == [partner.id]
    assert len(_boxes(page, "agent_ids")) == OPTIONS
    wanted = network_factories.organisation("Théâtre Zygomatique")
    found = client.post_form(url, _form(submission_key=_key(page), organisation_q="zygomatique",
                                        find_organisations="1")).get_data(as_text=True)
    assert _boxes(found, "organisation_ids") == [partner.id, wanted.id]
    assert "1 match found." in found and 'value="Médiathèque"' in found
    assert _count(Activity) == 0
    crowd = client.post_form(url, _form(submission_key=_key(page), organisation_q="club 300",
                                        find_organisations="1")).get_data(as_text=True)
    assert len(_boxes(crowd, "organisation_ids")) == 1 + OPTIONS
    assert f"Only the first {OPTIONS} matches are shown" in crowd
    saved = client.post_form(url, _form(submission_key=_key(found), organisation_q="zygomatique",
                                        organisation_ids=[str(wanted.id)]))
    assert saved.status_code == 302
    assert db.session.scalars(select(ActivityOrganisation.organisation_id)).all() == [wanted.id]


def test_finding_agents_keeps_what_was_typed_and_saves_nothing(client):
    _signed_in(client)
    campaign = factories.campaign()
    awa = agent_factories.agent("Awa", "Diallo", status="candidate")
    chosen = agent_factories.agent("Basile", "Bernard", status="candidate")
    url = f"/campaigns/{campaign.id}/activities/new"
    page = client.get(url).get_data(as_text=True)
    assert "Awa Diallo" not in page and "Find agents of the register by name" in page
    found = client.post_form(url, _form(
        submission_key=_key(page), agent_q="diallo", find_agents="1", exdates="le 4 avril",
        agent_ids=[str(chosen.id)], capacity="-3")).get_data(as_text=True)
    assert _boxes(found, "agent_ids") == [chosen.id, awa.id] and "Awa Diallo" in found
    assert _checked(found, chosen.id) and not _checked(found, awa.id)
    assert 'value="le 4 avril"' in found and 'value="diallo"' in found
    assert "is-invalid" not in found and _count(Activity) == 0
    nobody = client.post_form(url, _form(submission_key=_key(page), agent_q="personne",
                                         find_agents="1")).get_data(as_text=True)
    assert "No agent of the register matches this search." in nobody


def test_the_edit_form_keeps_an_organisation_that_is_not_a_partner(client):
    _signed_in(client)
    campaign = factories.campaign()
    outsider = network_factories.organisation("Comité de quartier")
    network_factories.organisation("Autre association")
    activity = factories.activity(campaign, organisations=[outsider])
    page = client.get(f"/campaigns/activities/{activity.id}/edit").get_data(as_text=True)
    assert _boxes(page, "organisation_ids") == [outsider.id]
    assert _checked(page, outsider.id)


def test_an_erased_agent_on_an_activity_does_not_block_its_next_save(client):
    _signed_in(client)
    campaign = factories.campaign()
    erased = agent_factories.agent("Nour", "Haddad", status="certified")
    erased.erased_at = utcnow()
    activity = _activity(campaign, "Café", starts_at=datetime(2026, 3, 21, 17),
                         agents=[erased])
    client.post_form(f"/campaigns/activities/{activity.id}/edit",
                     _form(frequency="", exdates="", count="", start_time="19:00"))
    db.session.refresh(activity)
    assert activity.starts_at == datetime(2026, 3, 21, 18)
