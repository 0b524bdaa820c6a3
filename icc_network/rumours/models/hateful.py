"""What coordinators did about the reports marked hateful: one row per decision."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.clock import utcnow
from ...core.sql import check_constraint
from ...extensions import db
from ..vocab import HATEFUL_OUTCOMES

if TYPE_CHECKING:
    from ...auth.models import User


class HatefulAction(db.Model):
    """A coordinator's decision on a hateful report: referred to the authorities' reporting
    platform (on a date, under a reference), removed, or no action; who and when."""

    __tablename__ = "rumour_hateful_action"
    __table_args__ = (
        CheckConstraint(check_constraint("outcome", HATEFUL_OUTCOMES), name="outcome_known"),
        Index("ix_rumour_hateful_action_sighting", "sighting_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sighting_id: Mapped[int] = mapped_column(
        ForeignKey("rumour_sighting.id", ondelete="CASCADE"))
    outcome: Mapped[str] = mapped_column(String(12))
    referred_on: Mapped[date | None]
    reference: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship(lazy="raise")
