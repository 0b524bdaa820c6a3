"""Campaigns, what they target, and the partner organisations that join them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.models import TimestampMixin
from ...core.sql import check_constraint
from ...core.translatable import TranslatableText
from ...extensions import db
from ..vocab import PARTICIPATION_STATES, STATUSES

if TYPE_CHECKING:
    from ...network.models import Organisation


class Campaign(TimestampMixin, db.Model):
    """An awareness campaign: what it says to whom, where and when, and where it stands."""

    __tablename__ = "campaign"
    __table_args__ = (
        CheckConstraint(check_constraint("status", STATUSES), name="status_known"),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint("budget IS NULL OR budget >= 0", name="budget_not_negative"),
        Index("ix_campaign_status_starts_on", "status", "starts_on"),
        Index("ix_campaign_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    objective: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    budget: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    # Codes of vocab.AUDIENCES and vocab.CHANNELS.
    audiences: Mapped[list[str]] = mapped_column(JSON, default=list)
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    status_changed_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    rumours: Mapped[list[CampaignRumour]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise")
    districts: Mapped[list[CampaignDistrict]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise")


class CampaignRumour(db.Model):
    """A rumour the campaign sets out to take apart."""

    __tablename__ = "campaign_rumour"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True)
    rumour_id: Mapped[int] = mapped_column(
        ForeignKey("rumour.id", ondelete="CASCADE"), primary_key=True, index=True)


class CampaignDistrict(db.Model):
    """A district the campaign works in; none means the whole city."""

    __tablename__ = "campaign_district"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True)
    district_id: Mapped[int] = mapped_column(
        ForeignKey("district.id", ondelete="CASCADE"), primary_key=True, index=True)


class CampaignPartner(TimestampMixin, db.Model):
    """An organisation that joined a campaign, what it brings, and the coordinator's answer."""

    __tablename__ = "campaign_partner"
    __table_args__ = (
        UniqueConstraint("campaign_id", "organisation_id", name="uq_campaign_partner_campaign_organisation"),
        CheckConstraint(check_constraint("state", PARTICIPATION_STATES), name="state_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    # Codes of vocab.CONTRIBUTIONS, and the commitment in the partner's words.
    contributions: Mapped[list[str]] = mapped_column(JSON, default=list)
    commitment: Mapped[str] = mapped_column(Text, default="")
    joined_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    joined_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(Text, default="")

    organisation: Mapped[Organisation] = relationship(lazy="raise")
    campaign: Mapped[Campaign] = relationship(lazy="raise")
