"""Reminders of activities to come, and the secret addresses of personal calendar feeds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...core.clock import utcnow
from ...extensions import db


class Reminder(db.Model):
    """One reminder to one person of one occurrence, due ``offset_minutes`` before it.

    Planned from the configured offsets when an activity is saved; a change of time
    or a cancellation drops the unsent ones and plans afresh. Delivery claims the
    due rows and marks them sent in the same transaction: each goes out once.
    """

    __tablename__ = "reminder"
    __table_args__ = (
        UniqueConstraint("activity_id", "user_id", "occurrence_starts_at", "offset_minutes",
                         name="uq_reminder_occurrence_user_offset"),
        Index("ix_reminder_pending_due", "sent_at", "dropped_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"),
                                             index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    occurrence_starts_at: Mapped[datetime]
    offset_minutes: Mapped[int]
    due_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    dropped_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class CalendarFeed(db.Model):
    """A personal calendar feed: the address holds a secret, of which only a hash is kept.

    Revoking it (or asking for a new address) makes the old address answer 404.
    """

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    last_fetched_at: Mapped[datetime | None]
