"""The demonstration data of the agents area: realistic, certified through the rule, once."""

from __future__ import annotations

from sqlalchemy import func, select

from icc_network.agents.models import (
    Agent,
    Attendance,
    Certificate,
    Conversation,
    Enrolment,
    Programme,
    TrainingSession,
)
from icc_network.agents.services import reports
from icc_network.agents.services.reports import ReportFilters
from icc_network.auth.demo import demo_user
from icc_network.core.clock import utcnow
from icc_network.extensions import db

TABLES = (Agent, Attendance, Certificate, Conversation, Enrolment, Programme, TrainingSession)


def _counts() -> dict:
    return {t.__name__: db.session.scalar(select(func.count()).select_from(t)) for t in TABLES}


def test_the_demo_trains_and_certifies_people_and_loads_once(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    counts = _counts()
    assert counts["Programme"] == 3 and 35 <= counts["Agent"] <= 45
    people = db.session.scalars(select(Agent)).all()
    assert {p.kind for p in people} == {"volunteer", "staff"}
    assert len({p.district_id for p in people}) >= 5
    assert all(p.consent_on and p.consent_version for p in people)
    assert {p.status for p in people} >= {"candidate", "in_training", "certified", "active",
                                          "inactive"}
    names = db.session.scalars(select(Programme.name)).all()
    assert all(n.get("fr") and n.get("en") for n in names)
    assert db.session.scalar(select(func.count()).select_from(Enrolment)
                             .where(Enrolment.state == "waiting")) > 0
    assert db.session.scalar(select(func.count()).select_from(TrainingSession)
                             .where(TrainingSession.starts_at > utcnow())) >= 3
    totals = reports.totals(ReportFilters())
    assert totals.hours > 100 and totals.certified >= 15
    assert db.session.scalar(select(func.count()).select_from(Conversation)
                             .where(Conversation.rumour_id.is_not(None))) >= 10

    again = runner.invoke(args=["demo", "load", "--if-empty"])
    assert again.exit_code == 0 and _counts() == counts


def test_the_demo_agent_account_is_a_certified_agent_with_conversations(app):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    account = demo_user("agent")
    agent = db.session.scalar(select(Agent).where(Agent.user_id == account.id))
    assert agent is not None and agent.status == "active"
    certificates = db.session.scalars(select(Certificate).where(
        Certificate.agent_id == agent.id, Certificate.revoked_at.is_(None))).all()
    assert certificates and all(c.code for c in certificates)
    assert db.session.scalar(select(func.count()).select_from(Conversation)
                             .where(Conversation.agent_id == agent.id)) >= 3
