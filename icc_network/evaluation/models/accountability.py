"""Results-based accountability: results (conditions of the city's population), the
programmes that work towards them, and their measures with the series the measures job
computes and keeps."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.clock import utcnow
from ...core.models import TimestampMixin
from ...core.sql import check_constraint
from ...core.translatable import TranslatableText
from ...extensions import db
from ..vocab import FREQUENCIES, MEASURE_SOURCES, POLARITIES, PROGRAMME_KINDS, QUADRANTS, UNITS


class Result(TimestampMixin, db.Model):
    """A condition of the city's population ("Residents do not believe rumours about
    newcomers"), followed through population indicators (measures with ``result_id``)."""

    __tablename__ = "rba_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    position: Mapped[int] = mapped_column(default=0)


class StrategyProgramme(TimestampMixin, db.Model):
    """Something the city runs towards a result: the network, agent training, a campaign.
    Its performance measures (``programme_id``) sit in the three RBA quadrants."""

    __tablename__ = "rba_programme"
    __table_args__ = (
        CheckConstraint(check_constraint("kind", PROGRAMME_KINDS), name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    kind: Mapped[str] = mapped_column(String(20), default="other")
    result_id: Mapped[int | None] = mapped_column(
        ForeignKey("rba_result.id", ondelete="SET NULL"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True)
    position: Mapped[int] = mapped_column(default=0)


class Measure(TimestampMixin, db.Model):
    """A population indicator of a result or a performance measure of a programme.

    A computed measure names a definition of the catalogue (``definition_key``, see
    services/catalogue.py) and its parameters (a district, a campaign, a survey
    statement); a manual one is entered period by period, from ``source``.
    """

    __tablename__ = "rba_measure"
    __table_args__ = (
        CheckConstraint(f"quadrant IS NULL OR {check_constraint('quadrant', QUADRANTS)}",
                        name="quadrant_known"),
        CheckConstraint(check_constraint("source_kind", MEASURE_SOURCES), name="source_known"),
        CheckConstraint(check_constraint("unit", UNITS), name="unit_known"),
        CheckConstraint(check_constraint("polarity", POLARITIES), name="polarity_known"),
        CheckConstraint(check_constraint("frequency", FREQUENCIES), name="frequency_known"),
        CheckConstraint("result_id IS NOT NULL OR programme_id IS NOT NULL",
                        name="result_or_programme"),
        CheckConstraint("source_kind = 'manual' OR definition_key IS NOT NULL",
                        name="computed_has_definition"),
        CheckConstraint("baseline_end IS NULL OR baseline_start IS NULL "
                        "OR baseline_end >= baseline_start", name="baseline_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    # For manual measures: what the figure is and how it is counted; computed measures
    # show their catalogue definition.
    definition: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    result_id: Mapped[int | None] = mapped_column(
        ForeignKey("rba_result.id", ondelete="CASCADE"), index=True)
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("rba_programme.id", ondelete="CASCADE"), index=True)
    quadrant: Mapped[str | None] = mapped_column(String(12))
    source_kind: Mapped[str] = mapped_column(String(10), default="computed")
    definition_key: Mapped[str | None] = mapped_column(String(60))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(10), default="count")
    polarity: Mapped[str] = mapped_column(String(4), default="up")
    frequency: Mapped[str] = mapped_column(String(8), default="month")
    # The series starts here; the baseline period (its first stretch) feeds the forecast.
    series_start: Mapped[date]
    baseline_start: Mapped[date | None]
    baseline_end: Mapped[date | None]
    target_value: Mapped[float | None] = mapped_column(Float)
    target_on: Mapped[date | None]
    public: Mapped[bool] = mapped_column(default=False, index=True)
    headline: Mapped[bool] = mapped_column(default=False, index=True)
    # Turn-the-curve: the story behind the curve, in the city's words.
    story: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    position: Mapped[int] = mapped_column(default=0)


class MeasureValue(db.Model):
    """One period's figure entered by hand, with where it comes from."""

    __tablename__ = "rba_measure_value"

    measure_id: Mapped[int] = mapped_column(
        ForeignKey("rba_measure.id", ondelete="CASCADE"), primary_key=True)
    period_start: Mapped[date] = mapped_column(primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)


class MeasureRun(db.Model):
    """One computation of a measure's series by the measures job, kept as history.

    ``points`` is the series, ``[[period_start ISO, value or null], ...]``; ``forecast``
    the periods after the baseline, ``[[period_start ISO, value, low, high], ...]``;
    ``method`` names the forecast and its parameters (slope, intercept, n, residual
    spread). A run is stored only when the series or the forecast changed.
    """

    __tablename__ = "rba_measure_run"
    __table_args__ = (
        Index("ix_rba_measure_run_measure_id_computed_at", "measure_id", "computed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("rba_measure.id", ondelete="CASCADE"))
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    points: Mapped[list] = mapped_column(JSON, default=list)
    baseline: Mapped[float | None] = mapped_column(Float)
    forecast: Mapped[list] = mapped_column(JSON, default=list)
    method: Mapped[dict] = mapped_column(JSON, default=dict)
    # A hash of points and forecast: the job compares it rather than the JSON.
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    latest: Mapped[bool] = mapped_column(default=True)

    measure: Mapped[Measure] = relationship(lazy="raise")


class WorksheetLink(TimestampMixin, db.Model):
    """A line of a measure's turn-the-curve worksheet: a partner organisation with a role,
    something that works (an argument, a campaign, an activity), or a step of the action
    plan (a campaign or a decision of the support group). Exactly one target is set."""

    __tablename__ = "rba_worksheet_link"
    __table_args__ = (
        CheckConstraint("(CASE WHEN organisation_id IS NULL THEN 0 ELSE 1 END"
                        " + CASE WHEN argument_id IS NULL THEN 0 ELSE 1 END"
                        " + CASE WHEN campaign_id IS NULL THEN 0 ELSE 1 END"
                        " + CASE WHEN activity_id IS NULL THEN 0 ELSE 1 END"
                        " + CASE WHEN decision_id IS NULL THEN 0 ELSE 1 END) = 1",
                        name="one_target"),
        CheckConstraint("section IN ('partner', 'what_works', 'action')", name="section_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(
        ForeignKey("rba_measure.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(12))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"))
    argument_id: Mapped[int | None] = mapped_column(
        ForeignKey("counter_argument.id", ondelete="CASCADE"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"))
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("support_group_decision.id", ondelete="CASCADE"))
    # The organisation's role, why it works, or what the step is, in the city's words.
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
