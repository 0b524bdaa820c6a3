"""Other cities' feeds: the addresses an administrator allows, the subscriptions to them,
what each one brought in, and the source's later changes proposed to a coordinator."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.clock import utcnow
from ...core.sql import check_constraint
from ...core.translatable import LOCALES, TranslatableText
from ...extensions import db
from ..vocab import FEED_CHANGES, FEED_UPDATE_STATUSES

if TYPE_CHECKING:
    from .arguments import CounterArgument


class AllowedFeed(db.Model):
    """A feed address an administrator allows to be fetched; no other is ever requested.

    ``address`` lets that feed's host resolve to one exact private address (a city's
    server on the same internal network); every other private address stays refused.
    """

    __tablename__ = "rumour_allowed_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(500), unique=True)
    address: Mapped[str] = mapped_column(String(45), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FeedSubscription(db.Model):
    """Another city's ClaimReview feed, read again every day."""

    __tablename__ = "rumour_feed_subscription"
    __table_args__ = (
        CheckConstraint(check_constraint("language", LOCALES), name="language_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(500), unique=True)
    # The source city's name as its feed gives it, shown on everything it brought in.
    city_name: Mapped[str] = mapped_column(String(200), default="")
    # The language of ClaimReviews that do not say theirs; None: the feed's declared one.
    language: Mapped[str | None] = mapped_column(String(2))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    fetched_at: Mapped[datetime | None]
    succeeded_at: Mapped[datetime | None]
    # The last reading's failure (a core.fetch code or "unreadable") and what it concerned.
    error_code: Mapped[str] = mapped_column(String(30), default="")
    error_detail: Mapped[str] = mapped_column(String(300), default="")
    last_added: Mapped[int] = mapped_column(default=0)


class FeedItem(db.Model):
    """One argument a subscription brought in, with the source's version last taken."""

    __tablename__ = "rumour_feed_item"
    __table_args__ = (Index("ix_rumour_feed_item_subscription", "subscription_id", "argument_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("rumour_feed_subscription.id", ondelete="CASCADE"))
    argument_id: Mapped[int] = mapped_column(
        ForeignKey("counter_argument.id", ondelete="CASCADE"), unique=True)
    # The rumour this claim created here (None when it joined a rumour the city had).
    created_rumour_id: Mapped[int | None] = mapped_column(
        ForeignKey("rumour.id", ondelete="SET NULL"), index=True)
    source_text: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    source_valid_until: Mapped[date | None]
    removed: Mapped[bool] = mapped_column(default=False)

    subscription: Mapped[FeedSubscription] = relationship(lazy="raise")
    argument: Mapped[CounterArgument] = relationship(lazy="raise")


class FeedUpdate(db.Model):
    """A change of the source city to an imported argument, for a coordinator to decide.

    ``fingerprint`` names the source's new version: a version once proposed (and
    rejected) is never proposed again for the same argument.
    """

    __tablename__ = "rumour_feed_update"
    __table_args__ = (
        UniqueConstraint("item_id", "fingerprint", name="uq_rumour_feed_update_item_id"),
        CheckConstraint(check_constraint("change", FEED_CHANGES), name="change_known"),
        CheckConstraint(check_constraint("status", FEED_UPDATE_STATUSES), name="status_known"),
        Index("ix_rumour_feed_update_status", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("rumour_feed_item.id", ondelete="CASCADE"))
    change: Mapped[str] = mapped_column(String(12))
    # Every change found at once (the main one is ``change``), for the page to list.
    changes: Mapped[list[str]] = mapped_column(JSON, default=list)
    text: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    valid_until: Mapped[date | None]
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    item: Mapped[FeedItem] = relationship(lazy="raise")
