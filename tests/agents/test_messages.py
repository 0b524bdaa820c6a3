"""Messages to participants: planned once, delivered once, in the person's language, dropped
when they no longer hold."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from icc_network.agents.models import AgentMessage
from icc_network.agents.services import enrolment, messages, training
from icc_network.extensions import db

from . import factories

NOW = datetime(2030, 3, 1, 9, 0)
STARTS = datetime(2030, 3, 4, 8, 0)  # Monday 4 March 2030, 09:00 in Paris


def _send_with(monkeypatch, send) -> None:
    """Messages go to ``send(to, subject, body)`` instead of an SMTP connection."""
    class Batch:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

        def send(self, to, subject, body):
            send(to, subject, body)

    monkeypatch.setattr(messages, "MailBatch", Batch)


@pytest.fixture
def outbox(app, monkeypatch):
    """Mail configured, sent into a list; the clock stands at NOW unless moved."""
    sent: list[tuple[str, str, str]] = []
    clock = {"now": NOW}
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    _send_with(monkeypatch, lambda to, subject, body: sent.append((to, subject, body)))
    for module in (messages, training, enrolment):
        monkeypatch.setattr(module, "utcnow", lambda: clock["now"])
    sent_clock = sent, clock
    return sent_clock


def _deliver() -> dict:
    db.session.commit()  # on SQLite the queue is claimed before anything is written
    result = messages.deliver_due()
    db.session.commit()
    return result


def _enrolled(session, **agent):
    person = factories.agent(**agent)
    enrolment.enrol(session, person, actor=None)
    return person


def _planned(**where) -> list[AgentMessage]:
    query = select(AgentMessage).order_by(AgentMessage.id)
    for name, value in where.items():
        query = query.where(getattr(AgentMessage, name) == value)
    return list(db.session.scalars(query))


def test_plan_queues_a_message_once_per_key():
    person = factories.agent()
    key = f"agents:{person.id}:expiry:7"
    assert messages.plan(person.id, "expiry", key, NOW) is True
    assert messages.plan(person.id, "expiry", key, NOW) is False
    assert len(_planned()) == 1


def test_the_invitation_and_the_reminder_are_each_delivered_exactly_once(outbox):
    sent, clock = outbox
    session = factories.session(factories.programme(), starts_at=STARTS)
    person = _enrolled(session, email="awa@example.org", locale="en")
    assert [(m.kind, m.due_at) for m in _planned()] == [
        ("invitation", NOW), ("reminder", STARTS - timedelta(hours=24))]
    assert _deliver()["sent"] == 1 and _deliver()["sent"] == 0
    to, subject, body = sent[0]
    assert to == "awa@example.org" and subject.startswith("Invitation: Basic course")
    assert "Monday, 4 March 2030" in body and "9:00" in body  # the city's clock
    assert "BEGIN:VCALENDAR" in body and f"training-session-{session.id}@" in body
    clock["now"] = STARTS - timedelta(hours=23)
    assert _deliver()["sent"] == 1 and _deliver()["sent"] == 0
    assert sent[1][1].startswith("Reminder: Basic course") and len(sent) == 2
    assert all(m.sent_at is not None for m in _planned(agent_id=person.id))


def test_messages_are_written_in_the_persons_language(outbox):
    sent, _clock = outbox
    session = factories.session(factories.programme("Formation de base"), starts_at=STARTS)
    _enrolled(session, locale="fr")
    _deliver()
    assert "lundi 4 mars 2030" in sent[0][2] and "Formation de base" in sent[0][1]


def test_without_mail_nothing_is_sent_nor_marked(app, outbox, monkeypatch):
    sent, _clock = outbox
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    _enrolled(factories.session(factories.programme(), starts_at=STARTS))
    assert _deliver()["sent"] == 0 and sent == []
    assert all(m.sent_at is None and m.attempts == 0 for m in _planned())


def test_a_failed_send_is_counted_and_tried_again_up_to_five_times(outbox, monkeypatch):
    def broken(to, subject, body):
        raise OSError("connection refused")

    _send_with(monkeypatch, broken)
    _enrolled(factories.session(factories.programme(), starts_at=STARTS))
    for _ in range(7):
        _deliver()
    (invitation,) = _planned(kind="invitation")
    assert invitation.attempts == 5 and invitation.sent_at is None
    assert invitation.last_error == "connection refused"


def test_moving_a_session_plans_fresh_messages_and_drops_the_old_reminder(outbox):
    sent, _clock = outbox
    programme = factories.programme()
    session = training.load_session(factories.session(programme, starts_at=STARTS).id)
    person = _enrolled(session)
    _deliver()
    session = training.load_session(session.id)
    data = training.SessionData(
        module_ids=session.module_ids, starts_at=STARTS + timedelta(days=1),
        ends_at=session.ends_at + timedelta(days=1), place=session.place, district_id=None,
        language="fr", trainer_id=None, capacity=20)
    training.save_session(session, training.load_programme(programme.id), data, actor=None)
    keys = {m.dedupe_key: (m.sent_at is not None, m.dropped_at is not None) for m in _planned()}
    assert keys == {
        f"agents:{person.id}:invitation:{session.id}:0": (True, False),
        f"agents:{person.id}:reminder:{session.id}:0": (False, True),
        f"agents:{person.id}:invitation:{session.id}:1": (False, False),
        f"agents:{person.id}:reminder:{session.id}:1": (False, False)}
    assert _deliver()["sent"] == 1 and "mardi 5 mars 2030" in sent[-1][2]


def test_a_cancelled_session_drops_its_reminders_and_sends_a_cancellation(outbox):
    sent, clock = outbox
    session = factories.session(factories.programme(), starts_at=STARTS, capacity=1)
    person, waiting = _enrolled(session), _enrolled(session)
    training.cancel_session(session, actor=None)
    assert all(m.dropped_at is not None for m in _planned(kind="reminder"))
    assert _deliver()["sent"] == 2
    assert {to for to, _s, _b in sent} == {person.email, waiting.email}
    assert all(subject.startswith("Séance annulée") for _to, subject, _b in sent)
    clock["now"] = STARTS - timedelta(hours=1)
    assert _deliver()["sent"] == 0


def test_people_who_withdrew_consent_or_were_erased_get_nothing(outbox):
    sent, _clock = outbox
    session = factories.session(factories.programme(), starts_at=STARTS)
    withdrawn = _enrolled(session, consent_withdrawn_on=date(2030, 2, 1))
    _enrolled(session, email="")
    result = _deliver()
    assert result["sent"] == 0 and result["dropped"] == 2 and sent == []
    assert _planned(agent_id=withdrawn.id, kind="invitation")[0].dropped_at is not None


def test_an_expiry_notice_names_the_programme_and_the_date(outbox):
    sent, _clock = outbox
    person = factories.agent(locale="en")
    programme = factories.programme()
    certificate = factories.certificate(person, programme, issued_on=date(2028, 4, 1),
                                        expires_on=date(2030, 4, 1))
    messages.plan(person.id, "expiry", f"agents:{person.id}:expiry:{certificate.id}", NOW,
                  certificate_id=certificate.id)
    assert _deliver()["sent"] == 1
    subject, body = sent[0][1], sent[0][2]
    assert "Basic course" in subject and "1 April 2030" in body and "refresher" in body


def test_a_session_starting_within_a_day_gets_an_invitation_only(outbox):
    session = factories.session(factories.programme(), starts_at=NOW + timedelta(hours=5))
    _enrolled(session)
    assert [m.kind for m in _planned()] == ["invitation"]



def test_the_scheduled_job_delivers_the_due_messages(app, outbox):
    from icc_network.core.scheduling import job_specs
    from icc_network.scheduler import run_job

    sent, _clock = outbox
    _enrolled(factories.session(factories.programme(), starts_at=STARTS))
    db.session.commit()
    spec = next(s for s in job_specs(app) if s.id == "agents.deliver_messages")
    run_job(app, spec)
    run_job(app, spec)
    assert len(sent) == 1
    assert _planned(kind="invitation")[0].sent_at is not None
