"""What the metrics job stores: per-organisation metrics, history, and its own state."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.clock import utcnow
from ...extensions import db

STATE_ID = 1


class OrganisationMetrics(db.Model):
    """An organisation's place in the network at the last computation."""

    __tablename__ = "organisation_metrics"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    degree: Mapped[int] = mapped_column(default=0)
    weighted_degree: Mapped[float] = mapped_column(default=0.0)
    betweenness: Mapped[float] = mapped_column(default=0.0)
    pagerank: Mapped[float] = mapped_column(default=0.0)
    community: Mapped[int | None] = mapped_column(index=True)
    core_number: Mapped[int] = mapped_column(default=0)
    burt_constraint: Mapped[float | None]  # computed for broker candidates only (it is costly)
    broker: Mapped[bool] = mapped_column(default=False)
    x: Mapped[float] = mapped_column(default=0.0)
    y: Mapped[float] = mapped_column(default=0.0)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


class OrganisationMetricsMonth(db.Model):
    """An organisation's metrics in one month: the last computation of that month wins,
    so the current month follows the metrics shown and past months stay as they ended."""

    __tablename__ = "organisation_metrics_month"
    __table_args__ = (Index("ix_organisation_metrics_month_month", "month"),)

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(primary_key=True)  # the first day, on the city's calendar
    degree: Mapped[int] = mapped_column(default=0)
    weighted_degree: Mapped[float] = mapped_column(default=0.0)
    betweenness: Mapped[float] = mapped_column(default=0.0)
    pagerank: Mapped[float] = mapped_column(default=0.0)
    community: Mapped[int | None]
    core_number: Mapped[int] = mapped_column(default=0)
    burt_constraint: Mapped[float | None]
    broker: Mapped[bool] = mapped_column(default=False)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


class NetworkSnapshot(db.Model):
    """One computation of the whole network: the history behind the growth chart."""

    __tablename__ = "network_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    organisations: Mapped[int]
    ties: Mapped[int]
    density: Mapped[float]
    components: Mapped[int]
    isolates: Mapped[int]
    largest_component: Mapped[int]
    communities: Mapped[int]
    modularity: Mapped[float]
    duration_ms: Mapped[int]
    trigger: Mapped[str] = mapped_column(String(20))


class NetworkState(db.Model):
    """A single row: has the network changed since the last computation, and its results.

    Every change increments ``version``; the job computes when ``version`` is
    ahead of ``computed_version`` and nothing changed for a while (debounce).
    """

    __tablename__ = "network_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
    changed_at: Mapped[datetime | None]
    computed_version: Mapped[int] = mapped_column(default=0)
    computed_at: Mapped[datetime | None]
    explorer_etag: Mapped[str] = mapped_column(String(64), default="")
    # Several megabytes for a large network: loaded only by the explorer's data route.
    explorer_json: Mapped[str] = mapped_column(Text, default="", deferred=True)
