"""Refreshers: expiry notices told once per certificate, agents gone quiet counted weekly."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from icc_network.agents.models import AgentMessage
from icc_network.agents.services import certificates
from icc_network.core.clock import today
from icc_network.core.models import AuditLog, Notification
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.scheduler import run_job

from .. import factories as core_factories
from ..support import login
from . import factories


def _planned() -> list[tuple]:
    """The e-mails in the outbox, as (agent, kind, dedupe key, certificate)."""
    return [tuple(row) for row in db.session.execute(
        select(AgentMessage.agent_id, AgentMessage.kind, AgentMessage.dedupe_key,
               AgentMessage.certificate_id).order_by(AgentMessage.id))]


def _run(app) -> None:
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "agents.refreshers"))


def _notifications(kind: str) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.kind == kind)
                                   .order_by(Notification.user_id)))


def _expiring(in_days: int, **kwargs):
    account = kwargs.pop("user", None)
    person = factories.agent(status="certified", user=account, last_activity_on=today())
    programme = factories.programme()
    expires = today() + timedelta(days=in_days)
    return person, programme, factories.certificate(
        person, programme, issued_on=expires - timedelta(days=700), expires_on=expires, **kwargs)


def test_trainers_and_the_agent_are_told_once_per_certificate(app):
    trainers = [core_factories.user("trainer"), core_factories.user("trainer")]
    core_factories.user("coordinator")
    account = core_factories.user("agent")
    person, _programme, certificate = _expiring(30, user=account)
    _run(app)
    _run(app)
    told = _notifications("agents.certificates_expiring")
    assert [n.user_id for n in told] == [t.id for t in trainers]
    assert told[0].dedupe_key == f"agents:{person.id}:expiry:{certificate.id}"
    assert told[0].params["certificate_id"] == certificate.id
    assert told[0].link == "/agents/refreshers"
    [own] = _notifications("agents.own_certificate_expiring")
    assert own.user_id == account.id and own.link == f"/agents/certificates/{certificate.id}"
    assert {call[2] for call in _planned()} == {told[0].dedupe_key}
    assert _planned()[0] == (person.id, "expiry", told[0].dedupe_key, certificate.id)


def test_notification_params_carry_no_names(app):
    core_factories.user("trainer")
    _expiring(10)
    _run(app)
    [told] = _notifications("agents.certificates_expiring")
    text = str(told.params)
    assert "Camille" not in text and "Martin" not in text and "@" not in text


def test_only_certificates_expiring_within_the_notice_are_told(app):
    core_factories.user("trainer")
    _expiring(app.config["AGENTS_EXPIRY_NOTICE_DAYS"] + 5)
    _expiring(-3)  # already expired: listed on the page, not announced again
    _person, _programme, revoked = _expiring(5)
    revoked.revoked_at = revoked.created_at
    person, programme, renewed = _expiring(5)
    factories.certificate(person, programme, issued_on=today(),
                          expires_on=today() + timedelta(days=700))
    _run(app)
    assert _notifications("agents.certificates_expiring") == []
    assert _planned() == []


def test_an_agent_without_an_account_gets_only_the_email(app):
    core_factories.user("trainer")
    person, _programme, _certificate = _expiring(20)
    _run(app)
    assert _notifications("agents.own_certificate_expiring") == []
    assert [call[0] for call in _planned()] == [person.id]


def test_agents_gone_quiet_are_counted_once_a_week(app):
    trainer = core_factories.user("trainer")
    months = app.config["AGENTS_INACTIVE_MONTHS"]
    long_ago = today() - timedelta(days=31 * months + 5)
    factories.agent(status="certified", last_activity_on=long_ago)
    factories.agent(status="active", last_activity_on=None)
    factories.agent(status="active", last_activity_on=today())
    factories.agent(status="in_training", last_activity_on=None)
    factories.agent(status="certified", last_activity_on=None, erased_at=db.func.now())
    _run(app)
    _run(app)
    [told] = _notifications("agents.agents_quiet")
    assert told.user_id == trainer.id and told.params == {"n": 2, "months": months}
    year, week, _ = today().isocalendar()
    assert told.dedupe_key == f"agents:quiet:{year}-W{week:02d}"


def test_the_refresher_round_as_a_service():
    core_factories.user("trainer")
    assert certificates.run_refreshers(today(), 60, 6)["quiet"] == 0


def test_the_refreshers_page_lists_and_audits(client, query_counter):
    trainer = core_factories.user("trainer")
    expiring = [_expiring(days)[0] for days in (5, 10, 15)]
    _expired_person, _p, _c = _expiring(-10)
    login(client, trainer)
    with query_counter() as counted:
        page = client.get("/agents/refreshers").get_data(as_text=True)
    assert all(person.full_name in page for person in expiring)
    assert _expired_person.full_name not in page
    assert counted.count < 20
    expired_page = client.get("/agents/refreshers?show=expired").get_data(as_text=True)
    assert _expired_person.full_name in expired_page
    assert client.get("/agents/refreshers?show=quiet&page=abc").status_code == 200
    entries = list(db.session.scalars(select(AuditLog).where(
        AuditLog.action == "agent.refreshers_view")))
    assert len(entries) == 2
    assert sorted(entries[0].details["agent_ids"]) == sorted(p.id for p in expiring)


def test_the_refreshers_page_is_for_trainers_and_coordinators(make_client):
    for role, status in (("coordinator", 200), ("partner", 403), ("staff", 403), ("agent", 403)):
        browser = make_client()
        login(browser, core_factories.user(role))
        assert browser.get("/agents/refreshers").status_code == status, role
    assert db.session.scalar(select(func.count(AuditLog.id))) == 0  # empty lists: nothing shown
