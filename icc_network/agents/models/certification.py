"""Certificates earned by completing a programme."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.clock import utcnow
from ...extensions import db

if TYPE_CHECKING:
    from .register import Agent
    from .training import Programme


class Certificate(db.Model):
    """A programme completed by one person, verifiable by its code until it expires.

    A refresher after expiry earns a new certificate; earlier ones stay as history.
    """

    __tablename__ = "certificate"
    __table_args__ = (
        Index("ix_certificate_agent_programme", "agent_id", "programme_id", "expires_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agent.id", ondelete="CASCADE"))
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="RESTRICT"),
                                              index=True)
    # What the public verification page is looked up by; hard to guess, easy to type.
    code: Mapped[str] = mapped_column(String(20), unique=True)
    issued_on: Mapped[date] = mapped_column(index=True)
    expires_on: Mapped[date] = mapped_column(index=True)
    minutes_attended: Mapped[int] = mapped_column(default=0)
    # Set when corrected attendance no longer earns it; the code then verifies as not valid.
    revoked_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    agent: Mapped[Agent] = relationship(lazy="raise")
    programme: Mapped[Programme] = relationship(lazy="raise")

    def valid_on(self, day: date) -> bool:
        return self.revoked_at is None and self.issued_on <= day < self.expires_on
