"""Counter-arguments: data, emotional arguments, testimonies and questions against a rumour."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, or_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.models import TimestampMixin
from ...core.sql import check_constraint
from ...core.translatable import TranslatableText
from ...extensions import db
from ..vocab import ARGUMENT_STATUSES, KINDS

if TYPE_CHECKING:
    from ...auth.models import User
    from .catalogue import Rumour


class CounterArgument(TimestampMixin, db.Model):
    __tablename__ = "counter_argument"
    __table_args__ = (
        CheckConstraint(check_constraint("kind", KINDS), name="kind_known"),
        CheckConstraint(check_constraint("status", ARGUMENT_STATUSES), name="status_known"),
        # The kit, the catalogue and every list look arguments up by rumour; an index led
        # by status would tempt SQLite into scanning every validated argument instead.
        Index("ix_counter_argument_rumour_status", "rumour_id", "status", "valid_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rumour_id: Mapped[int] = mapped_column(ForeignKey("rumour.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    text: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    source_publisher: Mapped[str] = mapped_column(String(200), default="")
    source_url: Mapped[str] = mapped_column(String(500), default="")
    source_published_on: Mapped[date | None]
    source_area: Mapped[str] = mapped_column(String(120), default="")
    valid_until: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(10), default="draft")
    validated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    validated_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Who last changed what it says: with its creator, an author (see four-eyes validation).
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # A validator sent the draft back to its author with a reason, shown until it is edited.
    returned_reason: Mapped[str] = mapped_column(String(1000), default="")
    returned_at: Mapped[datetime | None]
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Provenance of arguments imported from another city's ClaimReview feed.
    origin_feed: Mapped[str] = mapped_column(String(500), default="")
    origin_url: Mapped[str] = mapped_column(String(500), default="")
    import_key: Mapped[str | None] = mapped_column(String(80), unique=True)

    rumour: Mapped[Rumour] = relationship(back_populates="arguments", lazy="raise")
    validated_by: Mapped[User | None] = relationship(foreign_keys=[validated_by_id], lazy="raise")
    returned_by: Mapped[User | None] = relationship(foreign_keys=[returned_by_id], lazy="raise")

    def authored_by(self, user_id: int | None) -> bool:
        """Whether the user wrote it or last changed what it says."""
        return user_id is not None and user_id in (self.created_by_id, self.edited_by_id)

    def is_current(self, on: date) -> bool:
        """Validated and not past its date: what the kit and the public may see."""
        return self.status == "validated" and (self.valid_until is None or self.valid_until >= on)


def current_argument(on: date):
    """SQL condition: validated and not past its date (what the kit and the public see)."""
    return (CounterArgument.status == "validated") & or_(
        CounterArgument.valid_until.is_(None), CounterArgument.valid_until >= on)
