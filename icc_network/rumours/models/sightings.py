"""Sightings: each time a rumour was heard, and their weekly totals for the dashboard."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.clock import utcnow
from ...core.sql import check_constraint
from ...extensions import db
from ..vocab import CHANNELS, SIGHTING_LANGUAGES, SPHERES

if TYPE_CHECKING:
    from ...core.models import District
    from .catalogue import Rumour


class Sighting(db.Model):
    """One time a rumour was heard. Nothing is kept about the person who said it."""

    __tablename__ = "rumour_sighting"
    __table_args__ = (
        CheckConstraint(check_constraint("sphere", SPHERES), name="sphere_known"),
        CheckConstraint(check_constraint("channel", CHANNELS), name="channel_known"),
        CheckConstraint(check_constraint("language", SIGHTING_LANGUAGES), name="language_known"),
        CheckConstraint("people_count >= 1", name="people_count_positive"),
        # Detail page: one rumour's counts per day and per district, each read from an index
        # in its own order (no sort of a much-heard rumour's tens of thousands of rows).
        Index("ix_rumour_sighting_rumour_seen", "rumour_id", "seen_on"),
        # The list's "heard in district (and period)" filter probes it once per rumour listed,
        # never reading all the sightings of a district.
        Index("ix_rumour_sighting_rumour_district", "rumour_id", "district_id", "seen_on"),
        # Where a rumour was met (ClaimReview): the first date of each sphere and channel is
        # one probe of this index, never a read of all of a much-heard rumour's sightings.
        Index("ix_rumour_sighting_rumour_place", "rumour_id", "hateful", "sphere", "channel",
              "seen_on"),
        Index("ix_rumour_sighting_district_seen", "district_id", "seen_on", "rumour_id"),
        Index("ix_rumour_sighting_seen_on", "seen_on", "rumour_id"),
        # The register, newest first and paged by (date, id): each page a range of this index.
        Index("ix_rumour_sighting_seen_id", "seen_on", "id"),
        # Its filters on a column the indexes above lack: a page and its capped count read
        # one range instead of scanning for the few rows that match (3% are hateful).
        Index("ix_rumour_sighting_sphere_seen", "sphere", "seen_on", "id"),
        Index("ix_rumour_sighting_channel_seen", "channel", "seen_on", "id"),
        Index("ix_rumour_sighting_hateful_seen", "seen_on", "id",
              sqlite_where=text("hateful = 1"), postgresql_where=text("hateful")),
        # The hateful reports queue's "open" list and the coordinators' home count.
        Index("ix_rumour_sighting_hateful_open", "seen_on", "id",
              sqlite_where=text("hateful = 1 AND hateful_handled_at IS NULL"),
              postgresql_where=text("hateful AND hateful_handled_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rumour_id: Mapped[int] = mapped_column(ForeignKey("rumour.id", ondelete="CASCADE"))
    seen_on: Mapped[date]
    # Monday of seen_on's week, stored so every engine groups by week the same way.
    week_start: Mapped[date]
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id", ondelete="SET NULL"))
    sphere: Mapped[str] = mapped_column(String(20))
    venue: Mapped[str] = mapped_column(String(120), default="")
    channel: Mapped[str] = mapped_column(String(20))
    people_count: Mapped[int] = mapped_column(default=1)
    language: Mapped[str] = mapped_column(String(5))
    verbatim: Mapped[str] = mapped_column(Text, default="")
    hateful: Mapped[bool] = mapped_column(default=False)
    # When a coordinator last recorded what was done about a hateful report (None: open).
    hateful_handled_at: Mapped[datetime | None]
    # The day the retention rule erased the words of a hateful report (the sighting stays).
    verbatim_erased_on: Mapped[date | None]
    reporter_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by imports: a row already imported (same survey answer) is never added twice.
    import_key: Mapped[str | None] = mapped_column(String(80), unique=True)

    rumour: Mapped[Rumour] = relationship(lazy="raise")
    district: Mapped[District | None] = relationship(lazy="raise")

    @property
    def reference(self) -> str:
        """What the reporter is given to find their report again: « S-2026-00123 »."""
        return f"S-{self.created_at.year}-{self.id:05d}"


class SightingWeek(db.Model):
    """Sightings per rumour and week, rebuilt by a job (dashboard series)."""

    __tablename__ = "rumour_sighting_week"
    __table_args__ = (
        UniqueConstraint("rumour_id", "week_start", name="uq_rumour_sighting_week_rumour_id"),
        Index("ix_rumour_sighting_week_week", "week_start", "rumour_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rumour_id: Mapped[int] = mapped_column(ForeignKey("rumour.id", ondelete="CASCADE"))
    week_start: Mapped[date]
    sightings: Mapped[int] = mapped_column(default=0)
    people: Mapped[int] = mapped_column(default=0)


class SightingWeekArea(db.Model):
    """Sightings per week, theme and district, rebuilt by a job (dashboard tables)."""

    __tablename__ = "rumour_sighting_week_area"
    __table_args__ = (
        Index("ix_rumour_sighting_week_area_week", "week_start", "theme_id"),
        # One row per key, the unknown theme and district included: the job updates rows in
        # place (INSERT ... ON CONFLICT), which needs a unique key that NULLs cannot escape.
        Index("uq_rumour_sighting_week_area_key", "week_start", text("coalesce(theme_id, 0)"),
              text("coalesce(district_id, 0)"), unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    week_start: Mapped[date]
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("rumour_theme.id", ondelete="CASCADE"))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id", ondelete="CASCADE"))
    sightings: Mapped[int] = mapped_column(default=0)
    people: Mapped[int] = mapped_column(default=0)


class SightingWeekDistrict(db.Model):
    """Sightings per rumour, week and district, a week cut in two where a month begins in
    it: a rumour's page reads its months and districts from here, not from its sightings.
    Kept by the same job; weeks it has not caught up with are in ``SightingChange``."""

    __tablename__ = "rumour_sighting_week_district"
    __table_args__ = (
        Index("uq_rumour_sighting_week_district_key", "rumour_id", "week_start", "month_start",
              text("coalesce(district_id, 0)"), unique=True),
        Index("ix_rumour_sighting_week_district_week", "week_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rumour_id: Mapped[int] = mapped_column(ForeignKey("rumour.id", ondelete="CASCADE"))
    week_start: Mapped[date]
    month_start: Mapped[date]  # first day of the month these days of the week fall in
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id", ondelete="CASCADE"))
    sightings: Mapped[int] = mapped_column(default=0)
    people: Mapped[int] = mapped_column(default=0)


class SightingChange(db.Model):
    """A week whose sightings changed since the aggregates last took it in (a sighting
    added, corrected, removed or moved by a merge; a rumour's theme changed).

    Rows are only added by writers and only removed by the job that took them in, each
    by its id: a week written again while the job runs stays listed for the next run.
    """

    __tablename__ = "rumour_sighting_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    week_start: Mapped[date] = mapped_column(index=True)


class RumourTrend(db.Model):
    """Each rumour's recent sightings over a few windows, rebuilt by a job.

    "Rising" compares the last 4 weeks with the 12 weeks before them.
    """

    __tablename__ = "rumour_trend"
    __table_args__ = (Index("ix_rumour_trend_last_26", "last_26", "rumour_id"),)

    rumour_id: Mapped[int] = mapped_column(ForeignKey("rumour.id", ondelete="CASCADE"),
                                           primary_key=True)
    computed_on: Mapped[date]
    last_4: Mapped[int] = mapped_column(default=0)
    previous_12: Mapped[int] = mapped_column(default=0)
    last_13: Mapped[int] = mapped_column(default=0)
    last_26: Mapped[int] = mapped_column(default=0)
    last_52: Mapped[int] = mapped_column(default=0)
