"""Conversations agents hold in the field."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.clock import utcnow
from ...core.sql import check_constraint
from ...extensions import db
from ..vocab import OUTCOMES, RESPONSE_MODES

if TYPE_CHECKING:
    from ...core.models import District
    from .register import Agent


class Conversation(db.Model):
    """One everyday conversation in which an agent met a rumour. Nothing is kept about
    the other person."""

    __tablename__ = "conversation"
    __table_args__ = (
        CheckConstraint(check_constraint("response_mode", RESPONSE_MODES), name="mode_known"),
        CheckConstraint(check_constraint("outcome", OUTCOMES), name="outcome_known"),
        Index("ix_conversation_agent_held", "agent_id", "held_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agent.id", ondelete="CASCADE"))
    held_on: Mapped[date] = mapped_column(index=True)
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), index=True)
    rumour_id: Mapped[int | None] = mapped_column(
        ForeignKey("rumour.id", ondelete="SET NULL"), index=True)
    response_mode: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    # Free text may name people: erased with the agent.
    note: Mapped[str] = mapped_column(String(1000), default="")
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    agent: Mapped[Agent] = relationship(lazy="raise")
    district: Mapped[District | None] = relationship(lazy="raise")
