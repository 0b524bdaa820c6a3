"""Activities of a campaign, the dates each one happens on, who runs them, and their reach.

An activity happens once or follows a recurrence rule (RFC 5545 RRULE, with dates
excepted). Its occurrences are written out as rows whenever it is saved, so that
calendars and reminders read a date range with an index; calendar feeds still
send the rule and its exceptions, never the copies.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.models import TimestampMixin
from ...core.sql import check_constraint
from ...core.translatable import TranslatableText
from ...extensions import db
from ..vocab import ACTIVITY_KINDS, LANGUAGES

if TYPE_CHECKING:
    from ...core.models import District
    from .campaign import Campaign

REACH_COLUMNS = ("attendees", "conversations", "materials", "online_views")


class Activity(TimestampMixin, db.Model):
    """One activity of a campaign: a café, a workshop, a street action..."""

    __tablename__ = "activity"
    __table_args__ = (
        CheckConstraint(check_constraint("kind", ACTIVITY_KINDS), name="kind_known"),
        CheckConstraint(check_constraint("language", LANGUAGES), name="language_known"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
        *(CheckConstraint(f"{c} IS NULL OR {c} >= 0", name=f"{c}_not_negative")
          for c in REACH_COLUMNS),
        Index("ix_activity_campaign_starts", "campaign_id", "starts_at"),
        Index("ix_activity_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    # The first occurrence, stored in naive UTC; the rule repeats it on the city's wall clock.
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    # RFC 5545 RRULE value ("FREQ=WEEKLY;BYDAY=SA;COUNT=6"); empty for a one-off activity.
    rrule: Mapped[str] = mapped_column(String(200), default="")
    # Dates (ISO, city's calendar) on which a recurring activity does not take place.
    exdates: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The end of the last occurrence, for "what is still to come" in one indexed query.
    last_ends_at: Mapped[datetime] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), index=True)
    language: Mapped[str] = mapped_column(String(10), default="fr")
    capacity: Mapped[int | None]
    # Raised on every change calendar clients must see (RFC 5545 SEQUENCE).
    sequence: Mapped[int] = mapped_column(default=0)
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    # Reach, recorded after the activity (totals over all its occurrences).
    attendees: Mapped[int | None]
    conversations: Mapped[int | None]
    materials: Mapped[int | None]
    online_views: Mapped[int | None]
    reach_recorded_at: Mapped[datetime | None]
    reach_recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"))
    # The activity's VEVENT per language, written by a scheduled job so that a calendar
    # feed needs not build it; served only while its key still names what the activity,
    # its campaign and its district are (services.feeds.stored_key).
    feed_events: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    feed_events_key: Mapped[str] = mapped_column(String(120), default="")

    campaign: Mapped[Campaign] = relationship(lazy="raise")
    district: Mapped[District | None] = relationship(lazy="raise")
    occurrences: Mapped[list[ActivityOccurrence]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", passive_deletes=True,
        lazy="raise", order_by="ActivityOccurrence.starts_at")
    organisations: Mapped[list[ActivityOrganisation]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise")
    agents: Mapped[list[ActivityAgent]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise")

    @property
    def recurring(self) -> bool:
        return bool(self.rrule)


class ActivityOccurrence(db.Model):
    """One date an activity happens on (naive UTC), as expanded from its rule."""

    __tablename__ = "activity_occurrence"
    __table_args__ = (
        UniqueConstraint("activity_id", "starts_at", name="uq_activity_occurrence_activity_starts"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"))
    # The activity's campaign, copied: a calendar picks a month's dates of published
    # campaigns without reading the (wide) activity rows.
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]

    activity: Mapped[Activity] = relationship(back_populates="occurrences", lazy="raise")


class ActivityOrganisation(db.Model):
    """A partner organisation that runs or hosts the activity."""

    __tablename__ = "activity_organisation"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True, index=True)


class ActivityAgent(db.Model):
    """An anti-rumour agent assigned to the activity."""

    __tablename__ = "activity_agent"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True)
    agent_id: Mapped[int] = mapped_column(
        ForeignKey("agent.id", ondelete="CASCADE"), primary_key=True, index=True)
