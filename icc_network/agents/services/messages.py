"""The outbox of e-mails to participants: invitations, reminders, cancellations, expiry notices.

Planning a message inserts a row once per ``dedupe_key``; moving a session raises
its sequence, so the keys of the fresh invitation and reminder differ from the
old ones. The text is written when the message is sent, in the person's
language, so a message describes the session as it is then. Delivery claims its
rows (core.claims) and marks them sent in the same transaction: exactly once,
whatever the number of scheduler processes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale, format_date, format_time
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from ...core import claims
from ...core.clock import utcnow
from ...core.mail import MailBatch, mail_enabled
from ...core.sql import insert_or_ignore
from ...core.translatable import localise
from ...extensions import db
from ..models import Agent, AgentMessage, Certificate, TrainingSession
from . import calendar

QUEUE = "agents.messages"
MAX_ATTEMPTS = 5
BATCH = 100
CLAIM_FOR = timedelta(minutes=30)  # longer than a batch: 100 messages at the SMTP timeout
REMINDER_BEFORE = timedelta(hours=24)
SESSION_KINDS = ("invitation", "reminder")


def plan(agent_id: int, kind: str, dedupe_key: str, due_at: datetime, *,
         session_id: int | None = None, certificate_id: int | None = None) -> bool:
    """Queue one message unless one with ``dedupe_key`` exists; whether it was queued.

    The insert ignores a key planned at the same moment by another process, so the
    message exists once either way.
    """
    return insert_or_ignore(AgentMessage, [_row(agent_id, kind, dedupe_key, due_at, session_id,
                                                certificate_id)], ["dedupe_key"]) == 1


def _row(agent_id, kind, dedupe_key, due_at, session_id=None, certificate_id=None) -> dict:
    return {"agent_id": agent_id, "kind": kind, "dedupe_key": dedupe_key[:120],
            "due_at": due_at, "session_id": session_id, "certificate_id": certificate_id,
            "attempts": 0}


def session_key(agent_id: int, kind: str, session: TrainingSession) -> str:
    return f"agents:{agent_id}:{kind}:{session.id}:{session.sequence}"


def plan_invitations(session: TrainingSession, agent_ids: Iterable[int]) -> int:
    """An invitation now and a reminder the day before, for each person (one statement).

    Nothing for a session already begun; no reminder when the invitation comes
    less than a day before (it would arrive with it)."""
    now = utcnow()
    if session.cancelled_at is not None or session.starts_at <= now:
        return 0
    reminder_at = session.starts_at - REMINDER_BEFORE
    rows = []
    for agent_id in sorted(set(agent_ids)):
        rows.append(_row(agent_id, "invitation", session_key(agent_id, "invitation", session),
                         now, session.id))
        if reminder_at > now:
            rows.append(_row(agent_id, "reminder", session_key(agent_id, "reminder", session),
                             reminder_at, session.id))
    return insert_or_ignore(AgentMessage, rows, ["dedupe_key"]) if rows else 0


def drop_planned(session_id: int, agent_ids: Iterable[int] | None = None) -> int:
    """Drop the session's messages not sent yet (for some people, or everyone)."""
    query = update(AgentMessage).where(AgentMessage.session_id == session_id,
                                       AgentMessage.sent_at.is_(None),
                                       AgentMessage.dropped_at.is_(None))
    if agent_ids is not None:
        query = query.where(AgentMessage.agent_id.in_(sorted(set(agent_ids))))
    return db.session.execute(query.values(dropped_at=utcnow())
                              .execution_options(synchronize_session=False)).rowcount or 0


def session_moved(session: TrainingSession, agent_ids: Iterable[int]) -> int:
    """What was announced no longer holds: drop it and announce the session as it is now."""
    drop_planned(session.id)
    return plan_invitations(session, agent_ids)


def session_cancelled(session: TrainingSession, agent_ids: Iterable[int]) -> int:
    """Drop what was planned and tell everyone who had a place or a turn."""
    drop_planned(session.id)
    if session.ends_at <= utcnow():
        return 0
    rows = [_row(agent_id, "cancellation", f"agents:{agent_id}:cancellation:{session.id}",
                 utcnow(), session.id) for agent_id in sorted(set(agent_ids))]
    return insert_or_ignore(AgentMessage, rows, ["dedupe_key"]) if rows else 0


def deliver_due() -> dict[str, int]:
    """Send the due messages to people who may still be written to; once each."""
    if not mail_enabled():
        return {"sent": 0, "failed": 0, "dropped": 0}
    now = utcnow()
    due = (select(AgentMessage, Agent).join(Agent, Agent.id == AgentMessage.agent_id)
           .where(AgentMessage.sent_at.is_(None), AgentMessage.dropped_at.is_(None),
                  AgentMessage.due_at <= now, AgentMessage.attempts < MAX_ATTEMPTS)
           .order_by(AgentMessage.due_at, AgentMessage.id).limit(BATCH))
    rows = claims.rows_to_deliver(due, queue=QUEUE, of=AgentMessage, hold_for=CLAIM_FOR)
    sessions, modules, certificates = _context(rows)
    sent = failed = dropped = 0
    with MailBatch() as mail:  # one SMTP connection for the batch
        for message, agent in rows:
            session = sessions.get(message.session_id)
            if not _deliverable(message, agent, session, certificates, now):
                message.dropped_at = now
                dropped += 1
                continue
            try:
                subject, body = render(message, agent, session,
                                       modules.get(message.session_id, []),
                                       certificates.get(message.certificate_id))
                mail.send(agent.email, subject, body)
            except Exception as exc:  # noqa: BLE001 - retried on the next run, up to the limit
                message.attempts += 1
                message.last_error = str(exc)[:500]
                failed += 1
            else:
                message.sent_at = utcnow()
                sent += 1
    db.session.flush()
    return {"sent": sent, "failed": failed, "dropped": dropped}


def _deliverable(message, agent, session, certificates, now) -> bool:
    """Nobody is written to without an address, after withdrawing consent or erasure;
    an invitation or reminder for a session already begun is of no use."""
    if agent.erased_at is not None or agent.consent_withdrawn_on is not None or not agent.email:
        return False
    if message.certificate_id is not None:
        return message.certificate_id in certificates
    if session is None:
        return False
    if message.kind in SESSION_KINDS:
        return session.cancelled_at is None and session.starts_at > now
    return True


def _context(rows) -> tuple[dict, dict, dict]:
    """The sessions (with programme and district), their modules' names and the
    certificates the batch speaks of, in three queries whatever its size."""
    session_ids = {m.session_id for m, _a in rows if m.session_id}
    certificate_ids = {m.certificate_id for m, _a in rows if m.certificate_id}
    sessions = {s.id: s for s in db.session.scalars(
        select(TrainingSession).where(TrainingSession.id.in_(session_ids))
        .options(joinedload(TrainingSession.programme), joinedload(TrainingSession.district))
    )} if session_ids else {}
    modules = calendar.module_names(session_ids)
    certificates = {c.id: c for c in db.session.scalars(
        select(Certificate).where(Certificate.id.in_(certificate_ids), Certificate.revoked_at.is_(None))
        .options(joinedload(Certificate.programme)))} if certificate_ids else {}
    return sessions, modules, certificates


def render(message: AgentMessage, agent: Agent, session: TrainingSession | None,
           module_names: list[dict[str, str]], certificate: Certificate | None
           ) -> tuple[str, str]:
    """Subject and body in the person's language, times on the city's clock."""
    locale = agent.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        greeting = _("Hello %(name)s,", name=agent.first_name) if agent.first_name else _("Hello,")
        if certificate is not None:
            subject, text = _expiry_text(certificate, locale)
        else:
            subject, text = _session_text(message.kind, session, locale)
        body = f"{greeting}\n\n{text}\n"
        if message.kind == "invitation" and session is not None:
            body += "\n" + _("To add this session to your calendar, save the text below in a "
                             "file whose name ends in .ics and open it:") + "\n\n"
            body += calendar.calendar_bytes([session], host=calendar.calendar_host(), locale=locale,
                                            module_names={session.id: module_names}).decode()
    return subject, body


def _session_text(kind: str, session: TrainingSession, locale: str) -> tuple[str, str]:
    programme = localise(session.programme.name, locale).text
    values = {"programme": programme,
              "day": format_date(session.starts_at, "full"),
              "start": format_time(session.starts_at, "short"),
              "end": format_time(session.ends_at, "short"),
              "place": calendar.location_of(session, locale) or _("place to be announced")}
    if kind == "reminder":
        return (_("Reminder: %(programme)s, %(day)s", **values),
                _("This is a reminder of your training session “%(programme)s” on %(day)s, "
                  "from %(start)s to %(end)s, at %(place)s.", **values))
    if kind == "cancellation":
        return (_("Cancelled: %(programme)s, %(day)s", **values),
                _("The training session “%(programme)s” planned on %(day)s from %(start)s to "
                  "%(end)s at %(place)s has been cancelled. Your trainer will tell you about "
                  "another date.", **values))
    return (_("Invitation: %(programme)s, %(day)s", **values),
            _("You have a place in the training session “%(programme)s” on %(day)s, from "
              "%(start)s to %(end)s, at %(place)s.", **values))


def _expiry_text(certificate: Certificate, locale: str) -> tuple[str, str]:
    values = {"programme": localise(certificate.programme.name, locale).text,
              "date": format_date(certificate.expires_on, "long")}
    return (_("Your certificate for %(programme)s expires on %(date)s", **values),
            _("Your certificate for %(programme)s expires on %(date)s; ask your trainer about "
              "a refresher.", **values))


