"""Conversations agents hold in the field, and an agent's own training record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from ...core.clock import today, utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.models import District
from ...core.rules import refuse_unless, valid_choice
from ...extensions import db
from ...rumours.models import Rumour
from ...rumours.vocab import SUGGESTED
from ..models import Agent, Conversation, Enrolment, TrainingSession
from ..vocab import OUTCOMES, RESPONSE_MODES

RUMOUR_CHOICES_LIMIT = 300


@dataclass(frozen=True)
class ConversationData:
    held_on: date | None
    district_id: int | None
    rumour_id: int | None
    response_mode: str
    outcome: str
    note: str = ""


def agent_of_user(user_id: int | None) -> Agent | None:
    """The register record an account is linked to, if any."""
    if user_id is None:
        return None
    return db.session.scalar(select(Agent).where(Agent.user_id == user_id,
                                                 Agent.erased_at.is_(None)))


def reportable_rumours() -> list[Rumour]:
    """Rumours anyone in the field may name: past triage, still in use, not merged away
    (the same ones the sighting form offers reporters), most heard first."""
    return list(db.session.scalars(
        select(Rumour).where(Rumour.status.in_(SUGGESTED), Rumour.merged_into_id.is_(None))
        .order_by(Rumour.sighting_count.desc(), Rumour.id).limit(RUMOUR_CHOICES_LIMIT)))


def _check(data: ConversationData) -> None:
    refuse_unless(data.held_on is not None, _l("Give the date of the conversation."), "held_on")
    refuse_unless(data.held_on <= today(), _l("The date cannot be in the future."), "held_on")
    valid_choice(data.response_mode, RESPONSE_MODES, "response_mode")
    valid_choice(data.outcome, OUTCOMES, "outcome")
    if data.district_id is not None:
        refuse_unless(db.session.get(District, data.district_id) is not None,
                      _l("Choose an entry of the list."), "district_id")
    if data.rumour_id is not None:
        rumour = db.session.get(Rumour, data.rumour_id)
        refuse_unless(rumour is not None and rumour.known_to_reporters
                      and rumour.merged_into_id is None,
                      _l("Choose an entry of the list."), "rumour_id")


def log_conversation(agent: Agent, data: ConversationData, *, logged_by: Any) -> Conversation:
    """Record a conversation; the person counts as active again. Flushes."""
    refuse_unless(agent.erased_at is None, _l("This person's record has been erased."))
    _check(data)
    row = Conversation(agent_id=agent.id, held_on=data.held_on, district_id=data.district_id,
                       rumour_id=data.rumour_id, response_mode=data.response_mode,
                       outcome=data.outcome, note=(data.note or "").strip()[:1000],
                       logged_by_id=getattr(logged_by, "id", None))
    db.session.add(row)
    if agent.last_activity_on is None or agent.last_activity_on < data.held_on:
        agent.last_activity_on = data.held_on
    if agent.status == "certified":
        agent.status = "active"  # a certified agent who talks to people is an active one
    agent.updated_at = utcnow()
    db.session.flush()
    return row


def delete_conversation(conversation: Conversation) -> None:
    db.session.delete(conversation)
    db.session.flush()


def may_delete(conversation: Conversation, user_id: int | None, manages: bool) -> bool:
    """The person who logged it, or someone who manages the register."""
    return manages or (user_id is not None and conversation.logged_by_id == user_id)


def conversations_query(agent_id: int) -> Select:
    return (select(Conversation).where(Conversation.agent_id == agent_id)
            .options(joinedload(Conversation.district))
            .order_by(Conversation.held_on.desc(), Conversation.id.desc()))


def load_rumour(rumour_id: int) -> Rumour | None:
    """The rumour a conversation was about (the reader's right to report it is the view's)."""
    return db.session.get(Rumour, rumour_id)


def rumour_wordings(rumour_ids: list[int]) -> dict[int, dict[str, str]]:
    """The wording of each rumour named in a list of conversations (one query)."""
    ids = sorted({rid for rid in rumour_ids if rid is not None})
    if not ids:
        return {}
    return {rid: wording for rid, wording in db.session.execute(
        select(Rumour.id, Rumour.wording).where(Rumour.id.in_(ids)))}


def enrolments_of(agent_id: int) -> list[Enrolment]:
    """A person's places in sessions, newest session first, with the session and programme."""
    return list(db.session.scalars(
        select(Enrolment).join(TrainingSession, TrainingSession.id == Enrolment.session_id)
        .where(Enrolment.agent_id == agent_id)
        .options(joinedload(Enrolment.session).joinedload(TrainingSession.programme))
        .order_by(TrainingSession.starts_at.desc())))
