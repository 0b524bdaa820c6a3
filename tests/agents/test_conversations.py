"""Field conversations and the agent's own record, through the client and the services."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from icc_network.agents.models import Agent, Conversation
from icc_network.agents.services import conversations
from icc_network.agents.services.conversations import ConversationData
from icc_network.core.clock import today
from icc_network.core.models import AuditLog
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db

from .. import factories as core_factories
from ..rumours import factories as rumour_factories
from ..support import login
from . import factories

SUBMISSION_KEY = re.compile(r'name="submission_key"[^>]*value="([^"]+)"')


def _linked(status: str = "certified", **kwargs):
    account = core_factories.user("agent", locale="en")
    return account, factories.agent("Awa", "Diallo", status=status, user=account, **kwargs)


def _form(client, path: str, **values) -> dict:
    page = client.get(path).get_data(as_text=True)
    data = {"held_on": today().isoformat(), "district_id": "", "rumour_id": "",
            "response_mode": "correct", "outcome": "doubt", "note": ""}
    data["submission_key"] = SUBMISSION_KEY.search(page).group(1)
    data.update(values)
    return data


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_an_agent_logs_a_conversation_and_becomes_active(client):
    account, person = _linked("certified")
    district = core_factories.district()
    rumour = rumour_factories.rumour(en="They get housing first", status="validated")
    login(client, account)
    data = _form(client, "/agents/me/conversations/new", district_id=str(district.id),
                 rumour_id=str(rumour.id), held_on=(today() - timedelta(days=2)).isoformat(),
                 note="At the market")
    response = client.post_form("/agents/me/conversations/new", data)
    assert response.status_code == 302 and "/agents/me" in response.headers["Location"]
    [row] = db.session.scalars(select(Conversation))
    assert (row.agent_id, row.rumour_id, row.district_id, row.logged_by_id) == (
        person.id, rumour.id, district.id, account.id)
    agent = db.session.get(Agent, person.id)
    assert agent.status == "active" and agent.last_activity_on == today() - timedelta(days=2)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"/sightings/new?rumour={rumour.id}" in page
    assert "They get housing first" in page and "At the market" in page


def test_the_same_form_sent_twice_logs_once(client):
    account, _person = _linked()
    login(client, account)
    data = _form(client, "/agents/me/conversations/new")
    client.post_form("/agents/me/conversations/new", data)
    client.post_form("/agents/me/conversations/new", data)
    assert _count(Conversation) == 1


def test_a_date_in_the_future_is_refused_and_what_was_typed_is_kept(client):
    account, person = _linked()
    login(client, account)
    data = _form(client, "/agents/me/conversations/new",
                 held_on=(today() + timedelta(days=1)).isoformat(), note="Kept note")
    response = client.post_form("/agents/me/conversations/new", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "The date cannot be in the future." in page
    assert "Kept note" in page and _count(Conversation) == 0
    assert db.session.get(Agent, person.id).last_activity_on is None


@pytest.mark.parametrize("values", [
    {"held_on": "not a date"}, {"held_on": ""}, {"rumour_id": "abc"}, {"district_id": "999999"},
    {"response_mode": "shout"}, {"outcome": ""}, {"note": "x" * 5000},
    {"rumour_id": "999999"},
])
def test_bad_input_is_refused_on_the_form(client, values):
    account, _person = _linked()
    login(client, account)
    response = client.post_form("/agents/me/conversations/new",
                                _form(client, "/agents/me/conversations/new", **values))
    assert response.status_code == 200 and _count(Conversation) == 0
    assert "is-invalid" in response.get_data(as_text=True)


def test_a_rumour_not_known_to_reporters_is_refused_by_the_service():
    _account, person = _linked()
    untriaged = rumour_factories.rumour(status="reported")
    with pytest.raises(RuleViolation):
        conversations.log_conversation(person, ConversationData(
            today(), None, untriaged.id, "correct", "doubt"), logged_by=None)
    offered = {r.id for r in conversations.reportable_rumours()}
    assert untriaged.id not in offered


def test_an_agent_cannot_log_or_read_conversations_of_someone_else(client):
    account, _person = _linked()
    other = factories.agent(status="certified")
    factories.conversation(other, note="Private")
    login(client, account)
    assert client.get(f"/agents/{other.id}/conversations/new").status_code == 403
    assert client.post_form(f"/agents/{other.id}/conversations/new", {
        "held_on": today().isoformat(), "response_mode": "correct", "outcome": "doubt"}
    ).status_code == 403
    assert client.get(f"/agents/{other.id}/conversations").status_code == 403
    assert _count(Conversation) == 1


def test_a_trainer_logs_on_behalf_of_an_agent_and_is_audited(client):
    trainer = core_factories.user("trainer")
    _account, person = _linked("in_training")
    login(client, trainer)
    path = f"/agents/{person.id}/conversations/new"
    page = client.get(path).get_data(as_text=True)
    assert "Awa Diallo" in page
    response = client.post_form(path, _form(client, path))
    assert response.status_code == 302
    [row] = db.session.scalars(select(Conversation))
    assert row.logged_by_id == trainer.id
    assert db.session.get(Agent, person.id).status == "in_training"  # not certified: not active
    actions = set(db.session.scalars(select(AuditLog.action).where(AuditLog.user_id == trainer.id)))
    assert "agent.conversation_form" in actions
    client.get(f"/agents/{person.id}/conversations")
    entry = db.session.scalar(select(AuditLog).where(
        AuditLog.action == "agent.conversations_view"))
    assert entry.entity_id == str(person.id) and "Awa" not in str(entry.details)


def test_the_logger_or_a_trainer_deletes_a_conversation(make_client):
    account, person = _linked()
    trainer = core_factories.user("trainer")
    own = factories.conversation(person)
    own.logged_by_id = account.id
    by_trainer = factories.conversation(person)
    by_trainer.logged_by_id = trainer.id
    agent_browser, trainer_browser = make_client(), make_client()
    login(agent_browser, account)
    login(trainer_browser, trainer)
    assert agent_browser.post_form(f"/agents/conversations/{by_trainer.id}/delete"
                                   ).status_code == 403
    assert agent_browser.post_form(f"/agents/conversations/{own.id}/delete").status_code == 302
    assert trainer_browser.post_form(f"/agents/conversations/{by_trainer.id}/delete"
                                     ).status_code == 302
    assert _count(Conversation) == 0
    assert agent_browser.post_form("/agents/conversations/999999/delete").status_code == 404


def test_an_agent_sees_their_own_training_record_only(client):
    account, person = _linked("in_training")
    programme = factories.programme("Formation de base", threshold_hours=8)
    session = factories.session(programme, starts_at=datetime(2026, 3, 2, 8), hours=4,
                                place="Maison des associations")
    factories.enrolment(session, person)
    factories.attendance(session, person)
    certified_programme = factories.programme("Module avancé")
    certificate = factories.certificate(person, certified_programme, issued_on=date(2026, 1, 5))
    factories.conversation(person, note="Bus stop")
    other = factories.agent("Jules", "Bernard")
    factories.enrolment(session, other)
    factories.conversation(other, note="Someone else's")
    login(client, account)
    page = client.get("/agents/me").get_data(as_text=True)
    assert "Awa Diallo" in page and "Maison des associations" in page and "Bus stop" in page
    assert f"/agents/certificates/{certificate.id}" in page
    assert "Jules" not in page and "Bernard" not in page and "Someone else" not in page
    hours = re.search(r"<td>4</td>\s*<td>4</td>\s*<td>4</td>", page)
    assert hours, "4 hours attended, 4 counting, 4 still needed"
    assert "/agents/me/conversations/new" in page
    assert db.session.scalar(select(func.count(AuditLog.id))) == 0


def test_an_account_not_linked_to_the_register_is_told_why(client):
    login(client, core_factories.user("agent"))
    for path in ("/agents/me", "/agents/me/conversations/new"):
        response = client.get(path)
        assert response.status_code == 200
        assert "not linked to a record" in response.get_data(as_text=True)
    assert client.post_form("/agents/me/conversations/new", {}).status_code == 200
    assert _count(Conversation) == 0


def test_the_record_page_has_constant_queries(client, query_counter):
    account, person = _linked()
    programme = factories.programme()
    for day in range(1, 6):
        session = factories.session(programme, starts_at=datetime(2026, 3, day, 8))
        factories.enrolment(session, person)
        factories.attendance(session, person)
        factories.conversation(person, rumour=rumour_factories.rumour(status="validated"),
                               district=core_factories.district())
    login(client, account)
    with query_counter() as counted:
        assert client.get("/agents/me").status_code == 200
    assert counted.count < 25


def test_an_agents_home_page_shows_their_certificate_and_a_shortcut(client):
    account, person = _linked()
    certificate = factories.certificate(person, factories.programme(), issued_on=date(2026, 1, 5),
                                        expires_on=date(2099, 1, 5))
    login(client, account)
    page = client.get("/").get_data(as_text=True)
    assert f"/agents/certificates/{certificate.id}" in page
    assert "/agents/me/conversations/new" in page
    login(client, core_factories.user("admin"))
    assert client.get("/").status_code == 200
