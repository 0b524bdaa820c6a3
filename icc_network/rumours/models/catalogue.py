"""The rumour catalogue: themes, target groups, rumours and their status history."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    UniqueConstraint,
    and_,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.clock import utcnow
from ...core.models import TimestampMixin
from ...core.sql import check_constraint
from ...core.translatable import LOCALES, TranslatableText
from ...extensions import db
from ..vocab import DETECTIONS, NOT_ASSESSED, RISKS, STATUSES, SUGGESTED, VERDICTS

if TYPE_CHECKING:
    from ...auth.models import User
    from .arguments import CounterArgument


class _Term(TimestampMixin):
    """A coordinator-managed, translatable entry of a list (theme, target group)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class Theme(_Term, db.Model):
    """What a rumour is about: jobs, social benefits, housing, health..."""

    __tablename__ = "rumour_theme"


class TargetGroup(_Term, db.Model):
    """The people a rumour targets: newcomers, a faith, a nationality..."""

    __tablename__ = "rumour_target_group"


rumour_target_group = Table(
    "rumour_target_group_link",
    db.metadata,
    Column("rumour_id", ForeignKey("rumour.id", ondelete="CASCADE"), primary_key=True),
    Column("target_group_id", ForeignKey("rumour_target_group.id", ondelete="CASCADE"),
           primary_key=True),
    Index("ix_rumour_target_group_link_group", "target_group_id", "rumour_id"),
)


class Rumour(TimestampMixin, db.Model):
    """A rumour about migrants or minorities that circulates in the city."""

    __tablename__ = "rumour"
    __table_args__ = (
        CheckConstraint(check_constraint("status", STATUSES), name="status_known"),
        CheckConstraint(check_constraint("risk", RISKS), name="risk_known"),
        CheckConstraint(check_constraint("detection", DETECTIONS), name="detection_known"),
        CheckConstraint(check_constraint("verdict", VERDICTS), name="verdict_known"),
        CheckConstraint("sighting_count >= 0", name="sighting_count_positive"),
        Index("ix_rumour_status_deadline", "status", "alert_deadline"),
        Index("ix_rumour_published", "published_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wording: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    # At most 75 characters per language, for the ClaimReview's claimReviewed when the
    # wording is longer (otherwise the wording is cut at a word).
    short_wording: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("rumour_theme.id", ondelete="SET NULL"), index=True)
    spheres: Mapped[list[str]] = mapped_column(JSON, default=list)
    detection: Mapped[str] = mapped_column(String(20), default="other")
    cause: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    first_detected: Mapped[date] = mapped_column(index=True)
    risk: Mapped[str] = mapped_column(String(10), default="moderate", index=True)
    alert_deadline: Mapped[date | None]
    # The deadline whose overdue alert has gone out: one alert per deadline.
    alert_sent_for: Mapped[date | None]
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="reported")
    verdict: Mapped[str] = mapped_column(String(12), default=NOT_ASSESSED)
    published_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Kept by the services on every sighting, so lists sort by "most heard" without a scan.
    sighting_count: Mapped[int] = mapped_column(default=0, index=True)
    last_sighted_on: Mapped[date | None] = mapped_column(index=True)
    # A duplicate merged into another rumour: its sightings and arguments moved there.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("rumour.id", ondelete="SET NULL"), index=True)
    # Worded by a report marked hateful: until a coordinator triages it, only those who may
    # read hateful words see the wording (see ``wording_withheld``).
    hateful_origin: Mapped[bool] = mapped_column(default=False)

    theme: Mapped[Theme | None] = relationship(lazy="raise")
    target_groups: Mapped[list[TargetGroup]] = relationship(
        secondary=rumour_target_group, lazy="raise", order_by="TargetGroup.position")
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], lazy="raise")
    arguments: Mapped[list[CounterArgument]] = relationship(
        back_populates="rumour", lazy="raise", order_by="CounterArgument.id")

    merged_into: Mapped[Rumour | None] = relationship(remote_side="Rumour.id", lazy="raise")

    @property
    def known_to_reporters(self) -> bool:
        """Past triage and still in use: a rumour anyone reporting a sighting may be offered."""
        return self.status in SUGGESTED

    @hybrid_property
    def wording_withheld(self) -> bool:
        """Worded by a hateful report and not yet triaged: others see a neutral placeholder."""
        return self.hateful_origin and self.status == "reported"

    @wording_withheld.inplace.expression
    @classmethod
    def _wording_withheld_expression(cls):
        return and_(cls.hateful_origin.is_(True), cls.status == "reported")

    @property
    def published(self) -> bool:
        return self.published_at is not None

    def __repr__(self) -> str:
        return f"<Rumour {self.id} {self.status}>"


class RumourKeyPhrase(db.Model):
    """A phrase people use when they repeat a rumour, kept by coordinators in FR and EN.

    Matching reads them beside the wording, so a report typed in one language finds a
    rumour whose wording exists only in the other.
    """

    __tablename__ = "rumour_key_phrase"
    __table_args__ = (
        UniqueConstraint("rumour_id", "locale", "folded",
                         name="uq_rumour_key_phrase_rumour_id_locale_folded"),
        CheckConstraint(check_constraint("locale", LOCALES), name="locale_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The unique constraint's index, led by rumour_id, serves lookups by rumour.
    rumour_id: Mapped[int] = mapped_column(ForeignKey("rumour.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(2))
    phrase: Mapped[str] = mapped_column(String(120))
    # The phrase as matching reads it (core.text.fold): "Impôts !" and "impots" are one phrase.
    folded: Mapped[str] = mapped_column(String(120))


class RumourStatusChange(db.Model):
    """One move of a rumour through the workflow: who, when, from, to."""

    __tablename__ = "rumour_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    rumour_id: Mapped[int] = mapped_column(ForeignKey("rumour.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(500), default="")

    user: Mapped[User | None] = relationship(lazy="raise")

    __table_args__ = (Index("ix_rumour_status_change_rumour", "rumour_id", "at"),)


class MatchIndexVersion(db.Model):
    """A counter bumped whenever rumour wordings change.

    Every app server keeps the wordings in memory for fuzzy matching and reads
    this one row per suggestion to know whether its copy is still current.
    """

    __tablename__ = "rumour_match_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
