"""Enrolment in a training session, and its waiting list.

A session's places go to people in the order they were enrolled; once it is
full, people queue (``waiting``, by ``queued_at``) and the first in the queue
takes the next free place, whether a place freed or the capacity was raised.
A place brings an invitation and a reminder the day before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import joinedload

from ...core import audit
from ...core.clock import utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.rules import refuse_unless
from ...core.text import fold
from ...extensions import db
from ..models import Agent, Enrolment, TrainingSession
from . import messages


def holders(session_id: int, states: Sequence[str]) -> list[int]:
    return list(db.session.scalars(select(Enrolment.agent_id).where(
        Enrolment.session_id == session_id, Enrolment.state.in_(states))))


def count_in_state(session_id: int, state: str) -> int:
    return db.session.scalar(select(func.count()).select_from(Enrolment).where(
        Enrolment.session_id == session_id, Enrolment.state == state)) or 0


def enrolments_of(session_id: int) -> list[Enrolment]:
    """Places and queue of a session: enrolled first, then the queue in its order."""
    order = case((Enrolment.state == "enrolled", 0), (Enrolment.state == "waiting", 1), else_=2)
    return list(db.session.scalars(
        select(Enrolment).where(Enrolment.session_id == session_id)
        .options(joinedload(Enrolment.agent))
        .order_by(order, Enrolment.queued_at, Enrolment.id)))


def enrol(session: TrainingSession, agent: Agent, *, actor: Any) -> Enrolment:
    """A place when one is free, else a turn on the waiting list. A candidate is then in
    training. A place brings an invitation and a reminder the day before."""
    _lock(session)
    refuse_unless(session.cancelled_at is None, _l("This session was cancelled."))
    refuse_unless(agent.erased_at is None, _l("This person's record was erased."), "agent_id")
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.session_id == session.id,
                                                          Enrolment.agent_id == agent.id))
    refuse_unless(enrolment is None or enrolment.state == "cancelled",
                  _l("This person is already enrolled or on the waiting list."), "agent_id")
    full = count_in_state(session.id, "enrolled") >= session.capacity
    now = utcnow()
    if enrolment is None:
        enrolment = Enrolment(session_id=session.id, agent_id=agent.id)
        db.session.add(enrolment)
    enrolment.state, enrolment.queued_at, enrolment.changed_at = (
        "waiting" if full else "enrolled", now, now)
    if agent.status == "candidate":
        agent.status = "in_training"
    db.session.flush()
    if not full:
        messages.plan_invitations(session, [agent.id])
    audit.record(actor, "enrolment.create", enrolment, session_id=session.id,
                 agent_id=agent.id, state=enrolment.state)
    return enrolment


def withdraw(enrolment: Enrolment, *, actor: Any) -> list[Enrolment]:
    """Give the place (or the turn) up; the first in the queue takes a freed place.
    Returns the people promoted."""
    refuse_unless(enrolment.state != "cancelled", _l("This enrolment was already withdrawn."))
    session = db.session.get(TrainingSession, enrolment.session_id)
    _lock(session)
    had_place = enrolment.state == "enrolled"
    enrolment.state, enrolment.changed_at = "cancelled", utcnow()
    db.session.flush()
    messages.drop_planned(session.id, [enrolment.agent_id])
    audit.record(actor, "enrolment.withdraw", enrolment, session_id=session.id,
                 agent_id=enrolment.agent_id)
    return promote_waiting(session) if had_place else []


def promote_waiting(session: TrainingSession) -> list[Enrolment]:
    """Give the free places to the first people of the queue, who are then invited."""
    if session.cancelled_at is not None:
        return []
    free = session.capacity - count_in_state(session.id, "enrolled")
    if free <= 0:
        return []
    promoted = list(db.session.scalars(
        select(Enrolment).where(Enrolment.session_id == session.id, Enrolment.state == "waiting")
        .order_by(Enrolment.queued_at, Enrolment.id).limit(free)))
    for enrolment in promoted:
        enrolment.state, enrolment.changed_at = "enrolled", utcnow()
    db.session.flush()
    messages.plan_invitations(session, [e.agent_id for e in promoted])
    return promoted


def _lock(session: TrainingSession) -> None:
    """Two enrolments at once must not both take the last place (PostgreSQL row lock;
    SQLite writes one transaction at a time)."""
    db.session.execute(select(TrainingSession.id).where(TrainingSession.id == session.id)
                       .with_for_update())


def enrol_candidates(session_id: int, text: str, limit: int = 20) -> list[Agent]:
    """People not erased and not already holding a place or a turn, found by name or e-mail."""
    taken = select(Enrolment.agent_id).where(Enrolment.session_id == session_id,
                                             Enrolment.state != "cancelled")
    return list(db.session.scalars(
        select(Agent).where(Agent.erased_at.is_(None), Agent.id.not_in(taken),
                            or_(Agent.name_key.contains(fold(text), autoescape=True),
                                Agent.email_key.contains(text.strip().lower(),
                                                         autoescape=True)))
        .order_by(Agent.name_key, Agent.id).limit(limit)))

