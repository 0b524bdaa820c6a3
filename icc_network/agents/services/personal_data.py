"""A participant's personal data: everything about one person, erasure, withdrawn consent,
and the retention of candidates who never trained.

Erasure keeps what the city's figures need (district, kind, languages, status,
attended minutes, certificates) and removes everything that says who the person
was. In-app notifications of this area that concern one participant carry a
dedupe key starting with ``agents:<agent id>:`` (see :func:`notification_prefix`);
erasing the participant deletes them, whatever their parameters say.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask_babel import force_locale
from sqlalchemy import delete, exists, or_, select, update

from ...core import audit
from ...core.clock import utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.models import Notification
from ...core.rules import RuleViolation
from ...extensions import db
from ..models import (
    Agent,
    AgentLanguage,
    AgentMessage,
    Attendance,
    Conversation,
    Enrolment,
)
from ..vocab import CONSENT_TEXTS
from .certification import current_certificates
from .register import attendance_of, enrolments_of


def notification_prefix(agent_id: int) -> str:
    """The start of the dedupe key of every notification about one participant."""
    return f"agents:{agent_id}:"


def consent_text(version: str, locale: str) -> str:
    """The consent text of ``version`` as it was shown, in the language it was agreed in."""
    text = CONSENT_TEXTS.get(version)
    if text is None:
        return ""
    with force_locale(locale or "fr"):
        return str(text)


# --- everything about one person -----------------------------------------------

def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def agent_record(agent: Agent) -> dict[str, Any]:
    """Everything the register holds about ``agent``, as plain JSON-ready values."""
    record = {name: _iso(getattr(agent, name)) for name in (
        "id", "first_name", "last_name", "email", "phone", "kind", "district_id",
        "organisation_id", "came_through", "locale", "status", "notes", "user_id",
        "last_activity_on", "created_at", "updated_at", "erased_at")}
    return {
        "participant": record,
        "languages": agent.languages,
        "consent": {"given_on": _iso(agent.consent_on), "version": agent.consent_version,
                    "language": agent.consent_locale,
                    "text": consent_text(agent.consent_version, agent.consent_locale),
                    "withdrawn_on": _iso(agent.consent_withdrawn_on)},
        "enrolments": [{"session_id": e.session_id, "programme_id": e.session.programme_id,
                        "starts_at": _iso(e.session.starts_at), "state": e.state,
                        "queued_at": _iso(e.queued_at)} for e in enrolments_of(agent.id)],
        "attendance": [{"session_id": a.session_id, "programme_id": a.session.programme_id,
                        "starts_at": _iso(a.session.starts_at), "status": a.status,
                        "minutes": a.minutes} for a in attendance_of(agent.id)],
        "certificates": [{"code": c.code, "programme_id": c.programme_id,
                          "issued_on": _iso(c.issued_on), "expires_on": _iso(c.expires_on),
                          "minutes_attended": c.minutes_attended,
                          "revoked_at": _iso(c.revoked_at)}
                         for c in current_certificates(agent.id)],
        "conversations": [{"held_on": _iso(c.held_on), "district_id": c.district_id,
                           "rumour_id": c.rumour_id, "response_mode": c.response_mode,
                           "outcome": c.outcome, "note": c.note}
                          for c in db.session.scalars(select(Conversation).where(
                              Conversation.agent_id == agent.id).order_by(Conversation.held_on))],
        "messages": [{"kind": m.kind, "session_id": m.session_id, "due_at": _iso(m.due_at),
                      "sent_at": _iso(m.sent_at), "dropped_at": _iso(m.dropped_at)}
                     for m in db.session.scalars(select(AgentMessage).where(
                         AgentMessage.agent_id == agent.id).order_by(AgentMessage.due_at))],
    }


# --- erasure -----------------------------------------------------------------------

def erase_agent(agent: Agent, *, actor: Any, action: str = "agent.erase") -> Agent:
    """Anonymise ``agent``: who they were is gone, what they did still counts. Flushes."""
    if agent.erased_at is not None:
        raise RuleViolation(_l("This person's personal data has already been erased."))
    for name in ("first_name", "last_name", "name_key", "email", "email_key", "phone", "notes"):
        setattr(agent, name, "")
    agent.user_id = None
    agent.organisation_id = None
    agent.status = "inactive"
    agent.erased_at = utcnow()
    db.session.execute(update(Conversation).where(Conversation.agent_id == agent.id)
                       .values(note="").execution_options(synchronize_session=False))
    db.session.execute(delete(AgentMessage).where(AgentMessage.agent_id == agent.id)
                       .execution_options(synchronize_session=False))
    _forget_notifications([agent.id])
    db.session.flush()
    audit.record(actor, action, agent)
    return agent


def withdraw_consent(agent: Agent, *, actor: Any) -> Agent:
    """Consent withdrawn: the date is kept, and processing stops (the data is erased)."""
    if agent.erased_at is not None:
        raise RuleViolation(_l("This person's personal data has already been erased."))
    agent.consent_withdrawn_on = utcnow().date()
    return erase_agent(agent, actor=actor, action="agent.consent_withdrawn")


def _forget_notifications(agent_ids: list[int], chunk: int = 200) -> None:
    """Every notification about these people: one statement per ``chunk`` of them."""
    for start in range(0, len(agent_ids), chunk):
        about = [Notification.dedupe_key.startswith(notification_prefix(agent_id),
                                                    autoescape=True)
                 for agent_id in agent_ids[start:start + chunk]]
        db.session.execute(delete(Notification).where(or_(*about))
                           .execution_options(synchronize_session=False))


# --- retention ---------------------------------------------------------------------

def purge_candidates(older_than_days: int) -> list[int]:
    """Delete candidates registered more than ``older_than_days`` ago who were never
    enrolled nor at a session. Running it twice deletes nothing more. Flushes."""
    cutoff = utcnow() - timedelta(days=older_than_days)
    ids = list(db.session.scalars(select(Agent.id).where(
        Agent.status == "candidate", Agent.created_at < cutoff,
        ~exists().where(Enrolment.agent_id == Agent.id),
        ~exists().where(Attendance.agent_id == Agent.id)).order_by(Agent.id)))
    if not ids:
        return []
    _forget_notifications(ids)
    for table in (AgentLanguage, AgentMessage, Conversation):
        db.session.execute(delete(table).where(table.agent_id.in_(ids))
                           .execution_options(synchronize_session=False))
    db.session.execute(delete(Agent).where(Agent.id.in_(ids))
                       .execution_options(synchronize_session=False))
    db.session.flush()
    audit.record(None, "agent.purge", entity_type=Agent.__tablename__, agents=ids)
    return ids
