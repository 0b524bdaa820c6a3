"""Campaign and participation pages through the client, CSRF on: forms, bad input, the
status control, partners joining for their own organisation only, the rumour's panel."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select

from icc_network.campaigns.models import Campaign, CampaignPartner
from icc_network.extensions import db

from .. import factories as core_factories
from ..network import factories as network_factories
from ..rumours import factories as rumour_factories
from ..support import login
from . import factories


def _coordinator(client):
    user = core_factories.user("coordinator")
    login(client, user)
    return user


def _partner(client, organisation=None):
    user = core_factories.user("partner")
    user.organisation_id = organisation.id if organisation is not None else None
    login(client, user)
    return user


def _form(**overrides) -> dict:
    return {"title-fr": "Les réfugiés", "title-en": "Refugees",
            "objective-fr": "Déconstruire", "objective-en": "", "starts_on": "2026-03-01",
            "ends_on": "2026-04-30", "budget": "1 500,50", "audiences": ["young_people"],
            "channels": ["events"], **overrides}


def _key(page: str) -> str:
    return re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _open_campaign(**kwargs):
    return factories.campaign(status="running", starts_on=date(2026, 1, 1),
                              ends_on=date(2099, 12, 31), **kwargs)


# --- campaigns ----------------------------------------------------------------------

def test_a_coordinator_creates_a_campaign_once_however_often_the_form_is_sent(client):
    _coordinator(client)
    rumour, district = rumour_factories.rumour("Ils prennent nos emplois", None), core_factories.district()
    page = client.get("/campaigns/new").get_data(as_text=True)
    assert "Ils prennent nos emplois" in page and 'for="starts_on"' in page
    data = _form(submission_key=_key(page), rumour_ids=[str(rumour.id)],
                 district_ids=[str(district.id)])
    response = client.post_form("/campaigns/new", data)
    campaign = db.session.scalars(select(Campaign)).one()
    assert response.status_code == 302 and response.location.endswith(f"/campaigns/{campaign.id}")
    assert client.post_form("/campaigns/new", data).status_code == 302
    assert _count(Campaign) == 1
    assert str(campaign.budget) == "1500.50" and campaign.status == "draft"


def test_an_end_before_the_start_is_shown_on_the_form_and_nothing_is_saved(client):
    _coordinator(client)
    page = client.get("/campaigns/new").get_data(as_text=True)
    response = client.post_form("/campaigns/new", _form(submission_key=_key(page),
                                                        ends_on="2026-02-01"))
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "would end before it starts" in text
    assert 'value="Les réfugiés"' in text and _count(Campaign) == 0


def test_a_negative_or_unreadable_budget_is_shown_on_the_form(client):
    _coordinator(client)
    for budget, message in (("-20", "cannot be negative"), ("beaucoup", "Enter an amount")):
        page = client.get("/campaigns/new").get_data(as_text=True)
        text = client.post_form("/campaigns/new", _form(submission_key=_key(page),
                                                        budget=budget)).get_data(as_text=True)
        assert message in text, budget
    assert _count(Campaign) == 0


def test_searching_the_register_keeps_what_was_typed(client):
    _coordinator(client)
    rumour_factories.rumour("Ils prennent nos emplois", None)
    wanted = rumour_factories.rumour("Les aides sociales", None, sighting_count=0)
    page = client.get("/campaigns/new").get_data(as_text=True)
    text = client.post_form("/campaigns/new", _form(
        submission_key=_key(page), rumour_q="aides", find_rumours="1")).get_data(as_text=True)
    assert "Les aides sociales" in text and "Ils prennent nos emplois" not in text
    assert 'value="Les réfugiés"' in text and "is-invalid" not in text
    assert f'value="{wanted.id}"' in text and _count(Campaign) == 0


def test_editing_keeps_the_links_and_a_retired_district(client):
    _coordinator(client)
    retired = core_factories.district(fr="Ancien quartier", en=None, active=False)
    rumour = rumour_factories.rumour()
    campaign = factories.campaign(rumours=[rumour], districts=[retired])
    page = client.get(f"/campaigns/{campaign.id}/edit").get_data(as_text=True)
    assert "Ancien quartier" in page and re.search(rf'value="{rumour.id}"\s+id="[^"]+"\s+checked', page)
    response = client.post_form(f"/campaigns/{campaign.id}/edit", _form(
        rumour_ids=[str(rumour.id)], district_ids=[str(retired.id)]))
    assert response.status_code == 302
    assert db.session.get(Campaign, campaign.id).title["en"] == "Refugees"


def test_the_detail_page_shows_everything_a_coordinator_needs(client):
    _coordinator(client)
    district = core_factories.district(fr="Belleville", en="Belleville")
    rumour = rumour_factories.rumour("Ils prennent nos emplois")
    campaign = factories.campaign(rumours=[rumour], districts=[district], budget=1200)
    factories.participation(campaign, network_factories.organisation("Radio Quartiers"),
                            commitment="Une émission par semaine")
    page = client.get(f"/campaigns/{campaign.id}").get_data(as_text=True)
    for expected in ("Belleville", f'href="/rumours/{rumour.id}"', "Radio Quartiers",
                     "Une émission par semaine", "1,200.00", "Waiting for an answer", "Accept",
                     f'action="/campaigns/{campaign.id}/status"'):
        assert expected in page, expected


def test_the_list_costs_the_same_queries_whatever_the_page_size(client, query_counter):
    _coordinator(client)
    district, rumour = core_factories.district(), rumour_factories.rumour()
    for n in range(30):
        campaign = factories.campaign(f"Campagne {n}", districts=[district], rumours=[rumour])
        factories.participation(campaign, network_factories.organisation())
    counts = []
    for size in (5, 30):
        with query_counter() as log:
            page = client.get(f"/campaigns/?per_page={size}&q=campagne")
        assert page.status_code == 200
        counts.append(log.count)
    assert counts[0] == counts[1]


def test_the_status_control_moves_the_campaign_or_says_why_not(client):
    _coordinator(client)
    campaign = factories.campaign(status="running", starts_on=date(2026, 1, 1))
    client.post_form(f"/campaigns/{campaign.id}/status", {"status": "planned"})
    page = client.get(f"/campaigns/{campaign.id}").get_data(as_text=True)
    assert "first day has passed" in page
    assert db.session.get(Campaign, campaign.id).status == "running"
    client.post_form(f"/campaigns/{campaign.id}/status", {"status": "completed"})
    assert db.session.get(Campaign, campaign.id).status == "completed"
    client.post_form(f"/campaigns/{campaign.id}/status", {"status": "draft"})
    assert db.session.get(Campaign, campaign.id).status == "completed"


def test_a_draft_is_deleted_after_confirmation_and_others_are_not(client):
    _coordinator(client)
    draft, planned = factories.campaign(status="draft"), factories.campaign(status="planned")
    assert "Delete the draft" in client.get(f"/campaigns/{draft.id}/delete").get_data(as_text=True)
    assert client.post_form(f"/campaigns/{draft.id}/delete").status_code == 302
    client.post_form(f"/campaigns/{planned.id}/delete")
    assert db.session.scalars(select(Campaign.id)).all() == [planned.id]
    assert client.get("/campaigns/99999/delete").status_code == 404


# --- participation ------------------------------------------------------------------

def test_a_partner_joins_for_their_organisation_and_withdraws(client):
    organisation = network_factories.organisation("Maison des femmes")
    _partner(client, organisation)
    campaign = _open_campaign()
    assert "Join" in client.get("/campaigns/open").get_data(as_text=True)
    url = f"/campaigns/{campaign.id}/join/{organisation.id}"
    text = client.post_form(url, {"commitment": "Notre salle"}).get_data(as_text=True)
    assert "Choose at least one thing" in text and _count(CampaignPartner) == 0
    response = client.post_form(url, {"commitment": "Notre salle", "contributions": ["venue"]})
    assert response.status_code == 302 and response.location.endswith("/campaigns/open")
    row = db.session.scalars(select(CampaignPartner)).one()
    assert row.state == "pending" and row.organisation_id == organisation.id
    page = client.get("/campaigns/open").get_data(as_text=True)
    assert "Waiting for an answer" in page and "Withdraw" in page
    client.post_form(f"/campaigns/{campaign.id}/withdraw/{organisation.id}")
    assert db.session.get(CampaignPartner, row.id).state == "withdrawn"


def test_a_partner_cannot_join_or_withdraw_for_another_organisation(client):
    own, other = network_factories.organisation(), network_factories.organisation()
    _partner(client, own)
    campaign = _open_campaign()
    factories.participation(campaign, other)
    url = f"/campaigns/{campaign.id}/join/{other.id}"
    assert client.get(url).status_code == 403
    assert client.post_form(url, {"commitment": "x", "contributions": ["venue"]}).status_code == 403
    assert client.post_form(f"/campaigns/{campaign.id}/withdraw/{other.id}").status_code == 403
    assert client.get(f"/campaigns/open?organisation={other.id}").status_code == 403
    assert [r.state for r in db.session.scalars(select(CampaignPartner))] == ["pending"]


def test_a_partner_without_organisation_is_told_why_they_cannot_join(client):
    _partner(client)
    _open_campaign()
    page = client.get("/campaigns/open").get_data(as_text=True)
    assert "not linked to an organisation" in page and "/join/" not in page


def test_a_coordinator_answers_from_the_participants_page(client):
    _coordinator(client)
    organisation = network_factories.organisation("Radio Quartiers")
    campaign = _open_campaign()
    row = factories.participation(campaign, organisation)
    page = client.get(f"/campaigns/{campaign.id}/participants").get_data(as_text=True)
    assert f'action="/campaigns/participations/{row.id}/decide"' in page
    client.post_form(f"/campaigns/participations/{row.id}/decide",
                     {"decision": "decline", "note": "Complet"})
    row = db.session.get(CampaignPartner, row.id)
    assert row.state == "declined" and row.decision_note == "Complet"
    client.post_form(f"/campaigns/participations/{row.id}/decide", {"decision": "maybe"})
    assert db.session.get(CampaignPartner, row.id).state == "declined"
    assert "Declined" in client.get(
        f"/campaigns/{campaign.id}/participants?state=declined").get_data(as_text=True)


# --- what other pages show -----------------------------------------------------------

def test_the_rumours_page_lists_the_campaigns_that_target_it(client):
    _coordinator(client)
    rumour = rumour_factories.rumour()
    campaign = factories.campaign("Campagne des marchés", rumours=[rumour])
    page = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert campaign.title["en"] in page and "Planned" in page
    assert f'href="/campaigns/{campaign.id}"' in page
    other = rumour_factories.rumour()
    assert "No campaign targets this rumour yet." in client.get(
        f"/rumours/{other.id}").get_data(as_text=True)


def test_menus_and_the_translation_worklist(client):
    _coordinator(client)
    campaign = factories.campaign(objective={"fr": "Sans traduction"})
    home = client.get("/").get_data(as_text=True)
    assert 'href="/campaigns/"' in home
    worklist = client.get("/translations/worklist?locale=en").get_data(as_text=True)
    assert f'href="/campaigns/{campaign.id}/edit"' in worklist
    _partner(client, network_factories.organisation())
    assert 'href="/campaigns/open"' in client.get("/").get_data(as_text=True)


def test_partner_and_participant_lists_cost_the_same_queries_whatever_their_length(
        client, query_counter):
    organisation = network_factories.organisation()
    district = core_factories.district()
    campaigns = [_open_campaign(districts=[district]) for _n in range(12)]
    for campaign in campaigns:
        factories.participation(campaign, organisation)
    for _n in range(11):
        factories.participation(campaigns[0], network_factories.organisation())
    counts = {}
    for who, path in (("partner", "/campaigns/open?per_page={size}"),
                      ("coordinator", f"/campaigns/{campaigns[0].id}/participants?per_page={{size}}")):
        if who == "partner":
            _partner(client, organisation)
        else:
            _coordinator(client)
        for size in (2, 12):
            with query_counter() as log:
                assert client.get(path.format(size=size)).status_code == 200
            counts.setdefault(who, []).append(log.count)
    assert all(small == large for small, large in counts.values()), counts
