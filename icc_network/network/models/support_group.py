"""The intercultural support group that steers the strategy: members, meetings, decisions."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.clock import today
from ...core.models import TimestampMixin
from ...core.translatable import TranslatableText
from ...extensions import db
from .members import Organisation


class SupportGroupMember(TimestampMixin, db.Model):
    """An organisation of the network, or a person (an elected official, an expert)."""

    __tablename__ = "support_group_member"
    __table_args__ = (
        CheckConstraint("kind IN ('organisation', 'person')", name="kind_known"),
        CheckConstraint(
            "(kind = 'organisation' AND organisation_id IS NOT NULL) OR "
            "(kind = 'person' AND person_name <> '')",
            name="has_identity",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), unique=True
    )
    person_name: Mapped[str] = mapped_column(String(120), default="")
    affiliation: Mapped[str] = mapped_column(String(200), default="")
    group_role: Mapped[str] = mapped_column(String(20), default="member")
    # Where the group's invitations go; for an organisation without one, its first
    # contact who agreed to be listed and has an address.
    email: Mapped[str] = mapped_column(String(254), default="")
    joined_on: Mapped[date | None]
    left_on: Mapped[date | None]

    organisation: Mapped[Organisation | None] = relationship(lazy="raise")

    @property
    def display_name(self) -> str:
        return self.organisation.name if self.kind == "organisation" else self.person_name

    @property
    def active(self) -> bool:
        return self.left_on is None or self.left_on > today()


class Meeting(TimestampMixin, db.Model):
    __tablename__ = "support_group_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    # On the city's wall clock; without a start the invitation is for the whole day.
    starts_at: Mapped[time | None]
    ends_at: Mapped[time | None]
    invitation_sent_at: Mapped[datetime | None]
    invitations_sent: Mapped[int] = mapped_column(default=0)  # also the .ics SEQUENCE
    agenda: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    minutes: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)

    decisions: Mapped[list[Decision]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True,
        lazy="raise", order_by="Decision.id",
    )


class Decision(TimestampMixin, db.Model):
    """What the group decided, who carries it out and by when."""

    __tablename__ = "support_group_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("support_group_meeting.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("support_group_member.id", ondelete="SET NULL"), index=True
    )
    due_on: Mapped[date | None] = mapped_column(index=True)
    done_on: Mapped[date | None]

    meeting: Mapped[Meeting] = relationship(back_populates="decisions", lazy="raise")
    owner: Mapped[SupportGroupMember | None] = relationship(lazy="raise")

    @property
    def overdue(self) -> bool:
        return self.done_on is None and self.due_on is not None and self.due_on < today()


class MeetingAttendance(db.Model):
    """Whether a member of the group came to a meeting, sent apologies or was absent."""

    __tablename__ = "support_group_attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id"),
        CheckConstraint("status IN ('present', 'excused', 'absent')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("support_group_meeting.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("support_group_member.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(10))
