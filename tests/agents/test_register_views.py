"""Register pages through the client (CSRF on): audited views, forms, duplicates, erasure."""

from __future__ import annotations

import json
import re

from sqlalchemy import func, select

from icc_network.agents.models import Agent
from icc_network.core.models import AuditLog
from icc_network.extensions import db

from .. import factories as core_factories
from ..network import factories as network_factories
from ..support import login
from . import factories


def _views(action: str) -> list[AuditLog]:
    return list(db.session.scalars(select(AuditLog).where(AuditLog.action == action)))


def _trainer(client):
    user = core_factories.user("trainer")
    login(client, user)
    return user


def _form(**overrides) -> dict:
    return {"first_name": "Inès", "last_name": "Haddad", "email": "ines@example.org",
            "phone": "06 01 02 03 04", "languages": ["fr", "ar"], "district_id": "",
            "organisation_id": "", "kind": "volunteer", "came_through": "partner",
            "locale": "fr", "consent": "y", "notes": "", "user_id": "", **overrides}


def test_the_list_is_audited_once_per_view_and_shows_the_filters(client):
    district = core_factories.district(fr="Belleville", en="Belleville")
    factories.agent("Awa", "Diallo", district=district, languages=("fr", "wo"))
    viewer = core_factories.user("coordinator")
    login(client, viewer)
    page = client.get("/agents/?q=diallo").get_data(as_text=True)
    assert "Awa" in page and "Belleville" in page
    assert client.get("/agents/?q=nobody").status_code == 200
    views = _views("agent.list")
    assert [v.user_id for v in views] == [viewer.id, viewer.id]
    assert views[0].details == {"count": 1}


def test_the_list_costs_the_same_queries_whatever_the_page_size(client, query_counter):
    _trainer(client)
    district = core_factories.district()
    for n in range(30):
        factories.agent(f"P{n}", district=district, languages=("fr", "en"))
    counts = []
    for size in (5, 30):
        with query_counter() as log:
            assert client.get(f"/agents/?per_page={size}").status_code == 200
        counts.append(log.count)
    assert counts[0] == counts[1]


def test_the_list_pages_and_survives_odd_parameters(client):
    _trainer(client)
    for n in range(7):
        factories.agent(f"Page{n}")
    page = client.get("/agents/?per_page=5&page=2").get_data(as_text=True)
    assert page.count('href="/agents/') >= 2 and "6–7" in page
    for query in ("page=-3", "page=abc", "district=x", "programme=99999999999", "sort=';--",
                  "q=" + "%" * 300, "language=xx", "erased=1"):
        assert client.get(f"/agents/?{query}").status_code == 200, query


def test_every_view_of_personal_data_is_audited(client):
    trainer = _trainer(client)
    agent = factories.agent("Awa", "Diallo")
    for path in (f"/agents/{agent.id}", f"/agents/{agent.id}/edit", "/agents/agents.csv",
                 "/agents/agents.xlsx", f"/agents/{agent.id}/personal-data",
                 f"/agents/{agent.id}/personal-data.json"):
        response = client.get(path)
        assert response.status_code == 200, path
    for action, count in (("agent.view", 1), ("agent.edit_form", 1), ("agent.export", 2),
                          ("agent.personal_data", 1), ("agent.personal_data_export", 1)):
        rows = _views(action)
        assert len(rows) == count and all(r.user_id == trainer.id for r in rows), action
        assert all("Awa" not in str(r.details) for r in rows)


def test_the_detail_page_shows_the_consent_in_the_language_it_was_given(client):
    _trainer(client)
    agent = factories.agent("Awa")
    agent.consent_locale = "en"
    page = client.get(f"/agents/{agent.id}").get_data(as_text=True)
    assert 'lang="en"' in page and "I agree that the city keeps" in page


def test_the_csv_export_lists_the_filtered_people(client):
    _trainer(client)
    factories.agent("Awa", status="in_training")
    factories.agent("Jules", status="candidate")
    body = client.get("/agents/agents.csv?status=in_training").get_data(as_text=True)
    assert "Awa" in body and "Jules" not in body


def test_the_json_download_holds_everything_about_the_person(client):
    _trainer(client)
    agent = factories.agent("Awa", email="awa@example.org")
    response = client.get(f"/agents/{agent.id}/personal-data.json")
    data = json.loads(response.get_data(as_text=True))
    assert "attachment" in response.headers["Content-Disposition"]
    assert data["participant"]["email"] == "awa@example.org"
    assert set(data) >= {"languages", "consent", "enrolments", "attendance", "certificates",
                         "conversations", "messages"}


def test_registering_someone_through_the_form(client):
    _trainer(client)
    page = client.get("/agents/new").get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post_form("/agents/new", _form(submission_key=key))
    assert response.status_code == 302
    again = client.post_form("/agents/new", _form(submission_key=key))
    assert again.status_code == 302
    agent = db.session.scalars(select(Agent)).one()
    assert agent.consent_on is not None and agent.name_key == "haddad ines"
    details = _views("agent.create")[0].details
    assert "email" in details["fields"] and "ines" not in str(details).lower()


def test_registering_without_consent_keeps_what_was_typed(client):
    _trainer(client)
    data = _form()
    del data["consent"]
    page = client.post_form("/agents/new", data).get_data(as_text=True)
    assert "only be registered with their consent" in page
    assert 'value="Inès"' in page and 'value="ines@example.org"' in page
    assert db.session.scalar(select(func.count(Agent.id))) == 0


def test_bad_input_gives_messages_on_the_form_and_no_error(client):
    _trainer(client)
    for overrides in ({"email": "not-an-address"}, {"first_name": "", "last_name": ""},
                      {"district_id": "abc"}, {"languages": ["xx"]}, {"kind": "alien"},
                      {"user_id": "999999"}, {"first_name": "x" * 200}):
        response = client.post_form("/agents/new", _form(**overrides))
        assert response.status_code == 200, overrides
        assert "invalid-feedback" in response.get_data(as_text=True), overrides
    assert db.session.scalar(select(func.count(Agent.id))) == 0


def test_a_duplicate_e_mail_is_refused_and_a_merge_offered(client):
    _trainer(client)
    existing = factories.agent("Awa", email="awa@example.org")
    page = client.post_form("/agents/new", _form(email="AWA@example.org")).get_data(as_text=True)
    assert "already has this e-mail address" in page
    assert f'/agents/{existing.id}/edit' in page
    other = factories.agent("Awa", "Twin", email="twin@example.org")
    page = client.post_form(f"/agents/{other.id}/edit",
                            _form(email="awa@example.org")).get_data(as_text=True)
    assert f"/agents/{other.id}/merge?into={existing.id}" in page
    assert db.session.scalar(select(func.count(Agent.id))) == 2


def test_merging_through_the_pages_leaves_one_record(client):
    _trainer(client)
    kept, twin = factories.agent("Kept"), factories.agent("Twin")
    page = client.get(f"/agents/{twin.id}/merge?into={kept.id}").get_data(as_text=True)
    assert "Kept" in page and "Twin" in page
    assert _views("agent.merge_view")
    response = client.post_form(f"/agents/{twin.id}/merge?into={kept.id}")
    assert response.headers["Location"].endswith(f"/agents/{kept.id}")
    assert db.session.scalars(select(Agent.first_name)).all() == ["Kept"]
    assert client.get(f"/agents/{kept.id}/merge?into={kept.id}").status_code == 404
    assert client.get(f"/agents/{kept.id}/merge?into=abc").status_code == 404


def test_a_status_move_without_a_certificate_is_refused_with_a_message(client):
    _trainer(client)
    agent = factories.agent(status="inactive")
    client.post_form(f"/agents/{agent.id}/status", {"status": "certified"})
    assert db.session.get(Agent, agent.id).status == "inactive"
    page = client.get(f"/agents/{agent.id}").get_data(as_text=True)
    assert "valid certificate" in page
    client.post_form(f"/agents/{agent.id}/status", {"status": "candidate"})
    assert db.session.get(Agent, agent.id).status == "candidate"


def test_an_erased_person_shows_no_personal_data(client):
    _trainer(client)
    agent = factories.agent("Awa", "Diallo", email="awa@example.org")
    page = client.get(f"/agents/{agent.id}/erase").get_data(as_text=True)
    assert "cannot be undone" in page
    response = client.post_form(f"/agents/{agent.id}/erase")
    assert response.status_code == 302
    page = client.get(f"/agents/{agent.id}").get_data(as_text=True)
    assert "Erased participant" in page and "Diallo" not in page
    assert client.get(f"/agents/{agent.id}/edit").status_code == 404
    listing = client.get("/agents/?erased=1").get_data(as_text=True)
    assert "Diallo" not in listing and "kept as counts only" in listing


def test_withdrawing_consent_through_the_page(client):
    _trainer(client)
    agent = factories.agent("Awa", "Diallo")
    assert "withdraws their consent" in client.get(
        f"/agents/{agent.id}/withdraw-consent").get_data(as_text=True)
    client.post_form(f"/agents/{agent.id}/withdraw-consent")
    erased = db.session.get(Agent, agent.id)
    assert erased.consent_withdrawn_on is not None and erased.last_name == ""


def test_partners_staff_and_agents_never_reach_personal_data(make_client):
    agent = factories.agent("Awa", "Diallo")
    for role in ("partner", "staff", "agent"):
        browser = make_client()
        login(browser, core_factories.user(role))
        for path in ("/agents/", f"/agents/{agent.id}", "/agents/agents.csv",
                     f"/agents/{agent.id}/personal-data.json"):
            assert browser.get(path).status_code == 403, (role, path)
    assert not _views("agent.view") and not _views("agent.list")


def test_a_person_in_a_retired_district_can_still_be_edited(client):
    _trainer(client)
    retired = core_factories.district(active=False)
    agent = factories.agent("Awa", district=retired, email="awa@example.org")
    response = client.post_form(f"/agents/{agent.id}/edit", _form(
        email="awa@example.org", district_id=str(retired.id), consent=""))
    assert response.status_code == 302
    assert db.session.get(Agent, agent.id).district_id == retired.id


def test_the_organisation_filter_is_a_name_search_not_a_list_of_every_member(client):
    org = network_factories.organisation("Maison des femmes")
    for n in range(3):
        network_factories.organisation(f"Club {n}")
    factories.agent("Awa", organisation=org)
    factories.agent("Jules")
    login(client, core_factories.user("trainer"))
    page = client.get("/agents/?organisation_name=maison").get_data(as_text=True)
    assert "Awa" in page and "Jules" not in page
    assert "Club 1" not in page  # no drop-down of the whole network
    chosen = client.get(f"/agents/?organisation={org.id}").get_data(as_text=True)
    assert "Maison des femmes" in chosen and "Jules" not in chosen
