"""Programmes and their modules, training sessions, enrolments and attendance.

Durations are kept in whole minutes: the certification threshold is compared
exactly, with no rounding of fractional hours.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.clock import utcnow
from ...core.models import TimestampMixin
from ...core.sql import check_constraint
from ...core.translatable import TranslatableText
from ...extensions import db
from ..vocab import ATTENDANCE, AUDIENCES, ENROLMENT_STATES, LANGUAGES

if TYPE_CHECKING:
    from ...auth.models import User
    from ...core.models import District
    from .register import Agent


class Programme(TimestampMixin, db.Model):
    """A course ("Basic course", 8 h) and what completing it takes."""

    __tablename__ = "programme"
    __table_args__ = (
        CheckConstraint(check_constraint("audience", AUDIENCES), name="audience_known"),
        CheckConstraint("threshold_minutes > 0", name="threshold_positive"),
        CheckConstraint("valid_months > 0", name="valid_months_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    audience: Mapped[str] = mapped_column(String(20), default="volunteers")
    # Attended minutes on the required modules that earn the certificate, and (when set)
    # the fewer minutes that renew it afterwards; without it a renewal takes the threshold.
    threshold_minutes: Mapped[int]
    refresher_minutes: Mapped[int | None]
    valid_months: Mapped[int] = mapped_column(default=24)
    active: Mapped[bool] = mapped_column(default=True)

    modules: Mapped[list[Module]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", passive_deletes=True,
        lazy="raise", order_by="(Module.position, Module.id)")


class Module(db.Model):
    """A part of a programme, with its length; only required modules count towards it."""

    __tablename__ = "programme_module"
    __table_args__ = (CheckConstraint("minutes > 0", name="minutes_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True)
    name: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    minutes: Mapped[int]
    required: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)

    programme: Mapped[Programme] = relationship(back_populates="modules", lazy="raise")


class TrainingSession(TimestampMixin, db.Model):
    """One meeting of a programme: when, where, in which language, with whom, for how many."""

    __tablename__ = "training_session"
    __table_args__ = (
        Index("ix_training_session_updated_at", "updated_at"),
        CheckConstraint(check_constraint("language", LANGUAGES), name="language_known"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        Index("ix_training_session_programme_starts", "programme_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id", ondelete="RESTRICT"))
    # Stored in UTC; shown and exported in the city's time zone.
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200), default="")
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), index=True)
    language: Mapped[str] = mapped_column(String(5), default="fr")
    trainer_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True)
    capacity: Mapped[int] = mapped_column(default=20)
    note: Mapped[str] = mapped_column(String(500), default="")
    cancelled_at: Mapped[datetime | None]
    # Raised at each change calendar clients must see (RFC 5545 SEQUENCE).
    sequence: Mapped[int] = mapped_column(default=0)

    programme: Mapped[Programme] = relationship(lazy="raise")
    district: Mapped[District | None] = relationship(lazy="raise")
    trainer: Mapped[User | None] = relationship(lazy="raise")
    module_rows: Mapped[list[SessionModule]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise")

    @property
    def module_ids(self) -> list[int]:
        return sorted(row.module_id for row in self.module_rows)

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class SessionModule(db.Model):
    """A module a session covers."""

    __tablename__ = "training_session_module"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"), primary_key=True)
    module_id: Mapped[int] = mapped_column(
        ForeignKey("programme_module.id", ondelete="CASCADE"), primary_key=True, index=True)


class Enrolment(db.Model):
    """A place in a session, or a turn on its waiting list (by ``queued_at``)."""

    __tablename__ = "enrolment"
    __table_args__ = (
        CheckConstraint(check_constraint("state", ENROLMENT_STATES), name="state_known"),
        UniqueConstraint("session_id", "agent_id", name="uq_enrolment_session_agent"),
        Index("ix_enrolment_session_state", "session_id", "state", "queued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("agent.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="enrolled")
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    agent: Mapped[Agent] = relationship(lazy="raise")
    session: Mapped[TrainingSession] = relationship(lazy="raise")


class Attendance(db.Model):
    """Whether a person came to a session, and for how many minutes."""

    __tablename__ = "attendance"
    __table_args__ = (
        CheckConstraint(check_constraint("status", ATTENDANCE), name="status_known"),
        CheckConstraint("minutes >= 0", name="minutes_not_negative"),
        UniqueConstraint("session_id", "agent_id", name="uq_attendance_session_agent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_session.id", ondelete="CASCADE"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("agent.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int] = mapped_column(default=0)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Indexed: the reports' fingerprint reads the latest correction.
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    agent: Mapped[Agent] = relationship(lazy="raise")
    session: Mapped[TrainingSession] = relationship(lazy="raise")
