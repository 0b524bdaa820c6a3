"""Messages to participants (invitations, reminders, expiry notices), sent once each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ...core.clock import utcnow
from ...core.sql import check_constraint
from ...extensions import db
from ..vocab import MESSAGE_KINDS


class AgentMessage(db.Model):
    """An e-mail to one participant, due at ``due_at``, delivered once by the scheduler.

    ``dedupe_key`` (``invitation:<session>:<agent>:<sequence>``) makes planning it
    twice plan it once; the content is written when it is sent, in the person's
    language, so a session moved after planning is described as it now is.
    """

    __tablename__ = "agent_message"
    __table_args__ = (
        CheckConstraint(check_constraint("kind", MESSAGE_KINDS), name="kind_known"),
        Index("ix_agent_message_due", "sent_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agent.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"), index=True)
    certificate_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificate.id", ondelete="CASCADE"), index=True)
    dedupe_key: Mapped[str] = mapped_column(String(120), unique=True)
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    # Not sent and never to be: the session was cancelled, the person left or was erased.
    dropped_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
