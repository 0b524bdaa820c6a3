"""A participant's personal data: everything about them, erasure, withdrawn consent, retention."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from icc_network.agents.jobs import REGISTER_JOBS
from icc_network.agents.models import Agent, AgentLanguage, AgentMessage, Attendance, Conversation
from icc_network.agents.services import personal_data, register
from icc_network.core import audit
from icc_network.core.clock import today, utcnow
from icc_network.core.models import AuditLog, Notification
from icc_network.core.rules import RuleViolation
from icc_network.core.text import fold
from icc_network.extensions import db

from .. import factories as core_factories
from . import factories

FIRST, LAST, EMAIL, PHONE = "Zéphyrine", "Quintavalle", "zephyrine.q@example.org", "+33 6 98 76 54 31"


def _person_with_a_history():
    """A participant whose details are everywhere the register may have put them."""
    district = core_factories.district()
    account = core_factories.user("agent")
    trainer = core_factories.user("trainer")
    agent = factories.agent(FIRST, LAST, email=EMAIL, phone=PHONE, district=district,
                            user=account, languages=("fr", "ar"),
                            notes=f"Called {FIRST} on {PHONE}")
    course = factories.programme()
    session = factories.session(course, modules=factories.modules_of(course), hours=8)
    factories.enrolment(session, agent)
    factories.attendance(session, agent)
    factories.certificate(agent, course)
    factories.conversation(agent, note=f"{FIRST} {LAST} talked with a neighbour")
    db.session.add(AgentMessage(agent_id=agent.id, kind="invitation", session_id=session.id,
                                dedupe_key=f"invitation:{session.id}:{agent.id}:0",
                                last_error=f"mailbox {EMAIL} full"))
    note = core_factories.notification(trainer, name=f"{FIRST} {LAST}")
    note.dedupe_key = f"{personal_data.notification_prefix(agent.id)}expiry"
    register.save_agent(agent, register.AgentData(
        first_name=FIRST, last_name=LAST, email=EMAIL, phone=PHONE, languages=["fr", "ar"],
        district_id=district.id, notes=agent.notes, user_id=account.id), actor=trainer)
    audit.personal_data_shown(None, trainer, "agent.view", agent)
    db.session.flush()
    return agent, trainer


def _traces() -> list[str]:
    """Every value of every table that still says who the person was."""
    needles = [n.lower() for n in (FIRST, LAST, EMAIL, PHONE, fold(FIRST), fold(LAST))]
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)):
            for column, value in row._mapping.items():
                text = str(value).lower()
                found.extend(f"{table.name}.{column}" for n in needles if n in text)
    return found


def test_the_person_is_found_everywhere_before_erasure():
    _person_with_a_history()
    db.session.commit()
    assert {"agent.first_name", "agent.email", "agent.phone", "agent.notes",
            "conversation.note", "notification.params", "agent_message.last_error"} <= set(
        _traces())


def test_erasure_leaves_no_personal_data_in_any_table():
    agent, trainer = _person_with_a_history()
    personal_data.erase_agent(agent, actor=trainer)
    db.session.commit()
    assert _traces() == []
    erased = db.session.get(Agent, agent.id)
    assert erased.erased_at is not None and erased.status == "inactive"
    assert erased.user_id is None and erased.district_id is not None
    # What the figures need stays: hours, certificate, languages, the conversation itself.
    assert db.session.scalar(select(Attendance.minutes).where(Attendance.agent_id == agent.id))
    assert sorted(db.session.scalars(select(AgentLanguage.language)
                                     .where(AgentLanguage.agent_id == agent.id))) == ["ar", "fr"]
    assert db.session.scalar(select(Conversation.id).where(Conversation.agent_id == agent.id))
    assert db.session.scalar(select(db.func.count(Notification.id))) == 0
    entry = db.session.scalars(select(AuditLog).where(AuditLog.action == "agent.erase")).one()
    assert entry.entity_id == str(agent.id) and entry.user_id == trainer.id


def test_erasing_twice_is_refused():
    agent = factories.agent()
    personal_data.erase_agent(agent, actor=None)
    with pytest.raises(RuleViolation):
        personal_data.erase_agent(agent, actor=None)


def test_withdrawing_consent_records_the_date_and_erases():
    agent, trainer = _person_with_a_history()
    personal_data.withdraw_consent(agent, actor=trainer)
    db.session.commit()
    assert _traces() == []
    erased = db.session.get(Agent, agent.id)
    assert erased.consent_withdrawn_on == today() and erased.erased_at is not None
    assert db.session.scalar(select(AuditLog.id).where(
        AuditLog.action == "agent.consent_withdrawn"))


def test_the_personal_data_record_holds_everything_about_the_person():
    agent, _ = _person_with_a_history()
    record = personal_data.agent_record(register.load_agent(agent.id))
    assert record["participant"]["email"] == EMAIL and record["languages"] == ["ar", "fr"]
    assert record["consent"]["version"] == "2026-01" and "formation" in record["consent"]["text"]
    assert len(record["enrolments"]) == len(record["attendance"]) == 1
    assert record["attendance"][0]["minutes"] == 480
    assert len(record["certificates"]) == len(record["conversations"]) == 1
    assert len(record["messages"]) == 1


def test_the_consent_text_is_given_in_the_language_it_was_agreed_in():
    english = personal_data.consent_text("2026-01", "en")
    assert english.startswith("I agree")
    assert personal_data.consent_text("unknown", "en") == ""


# --- retention ------------------------------------------------------------------------

def test_retention_removes_only_old_candidates_who_never_trained(app):
    days = app.config["AGENTS_CANDIDATE_RETENTION_DAYS"]
    old = utcnow() - timedelta(days=days + 1)
    session = factories.session(factories.programme())
    stale = factories.agent("Stale", created_at=old)
    note = core_factories.notification(core_factories.user("trainer"))
    note.dedupe_key = f"agents:{stale.id}:welcome"
    recent = factories.agent("Recent")
    enrolled = factories.agent("Enrolled", created_at=old)
    factories.enrolment(session, enrolled, state="cancelled")
    attended = factories.agent("Attended", created_at=old)
    factories.attendance(session, attended, "absent")
    trained = factories.agent("Trained", status="inactive", created_at=old)
    db.session.commit()
    job = next(spec for spec in REGISTER_JOBS if spec.id == "agents.purge_candidates")
    assert job.func() == {"purged": 1}
    assert job.func() == {"purged": 0}
    left = set(db.session.scalars(select(Agent.first_name)))
    assert left == {"Recent", "Enrolled", "Attended", "Trained"}
    assert db.session.scalar(select(db.func.count(Notification.id))) == 0
    assert recent.id and trained.id
