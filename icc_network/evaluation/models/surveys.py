"""Perception surveys: the statements they ask about rumours, their waves, and what each
respondent answered, or a wave's totals when only aggregates exist."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...core.clock import utcnow
from ...core.models import TimestampMixin
from ...core.sql import check_constraint
from ...core.translatable import TranslatableText
from ...extensions import db
from ..vocab import AGE_BANDS, ANSWERS, GENDERS, WAVE_KINDS


class Survey(TimestampMixin, db.Model):
    """A perception survey, optionally the before/after measure of one campaign."""

    __tablename__ = "survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    statements: Mapped[list[SurveyStatement]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise",
        order_by="SurveyStatement.position")
    waves: Mapped[list[SurveyWave]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise",
        order_by="SurveyWave.starts_on")
    districts: Mapped[list[SurveyDistrict]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise")


class SurveyDistrict(db.Model):
    """A district the survey covers; none means the whole city."""

    __tablename__ = "survey_district"

    survey_id: Mapped[int] = mapped_column(
        ForeignKey("survey.id", ondelete="CASCADE"), primary_key=True)
    district_id: Mapped[int] = mapped_column(
        ForeignKey("district.id", ondelete="CASCADE"), primary_key=True, index=True)


class SurveyStatement(db.Model):
    """One statement respondents agree or disagree with, about one rumour. ``code`` names
    its column in the files the responses are imported from (e.g. "q1")."""

    __tablename__ = "survey_statement"
    __table_args__ = (
        UniqueConstraint("survey_id", "code", name="uq_survey_statement_survey_id_code"),
        UniqueConstraint("survey_id", "rumour_id", name="uq_survey_statement_survey_id_rumour_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"))
    rumour_id: Mapped[int] = mapped_column(ForeignKey("rumour.id", ondelete="CASCADE"),
                                           index=True)
    code: Mapped[str] = mapped_column(String(40))
    text: Mapped[dict[str, str]] = mapped_column(TranslatableText, default=dict)
    position: Mapped[int] = mapped_column(default=0)


class SurveyWave(db.Model):
    """One round of the survey (baseline, follow-up...) with its fieldwork dates."""

    __tablename__ = "survey_wave"
    __table_args__ = (
        UniqueConstraint("survey_id", "name", name="uq_survey_wave_survey_id_name"),
        CheckConstraint(check_constraint("kind", WAVE_KINDS), name="kind_known"),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"),
                                           index=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20), default="baseline")
    starts_on: Mapped[date]
    ends_on: Mapped[date]


class SurveyRespondent(db.Model):
    """One person who answered a wave: only what the breakdowns need, never a name.
    ``reference`` is the respondent's identifier in the imported file; importing the same
    file again finds it and adds nothing."""

    __tablename__ = "survey_respondent"
    __table_args__ = (
        UniqueConstraint("wave_id", "reference", name="uq_survey_respondent_wave_id_reference"),
        CheckConstraint(f"age_band IS NULL OR {check_constraint('age_band', AGE_BANDS)}",
                        name="age_band_known"),
        CheckConstraint(f"gender IS NULL OR {check_constraint('gender', GENDERS)}",
                        name="gender_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id", ondelete="CASCADE"))
    reference: Mapped[str] = mapped_column(String(80))
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), index=True)
    age_band: Mapped[str | None] = mapped_column(String(10))
    gender: Mapped[str | None] = mapped_column(String(10))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class SurveyAnswer(db.Model):
    """What one respondent answered to one statement."""

    __tablename__ = "survey_answer"
    __table_args__ = (
        CheckConstraint(check_constraint("answer", ANSWERS), name="answer_known"),
    )

    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("survey_respondent.id", ondelete="CASCADE"), primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("survey_statement.id", ondelete="CASCADE"), primary_key=True, index=True)
    answer: Mapped[str] = mapped_column(String(10))


class SurveyWaveTotal(TimestampMixin, db.Model):
    """A wave's answers to one statement entered as totals, when only aggregates exist.
    A wave has either respondents or totals for a statement; results read whichever it has."""

    __tablename__ = "survey_wave_total"
    __table_args__ = (
        CheckConstraint("agree >= 0 AND disagree >= 0 AND dont_know >= 0",
                        name="counts_not_negative"),
    )

    wave_id: Mapped[int] = mapped_column(
        ForeignKey("survey_wave.id", ondelete="CASCADE"), primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("survey_statement.id", ondelete="CASCADE"), primary_key=True)
    agree: Mapped[int] = mapped_column(default=0)
    disagree: Mapped[int] = mapped_column(default=0)
    dont_know: Mapped[int] = mapped_column(default=0)
    source: Mapped[str] = mapped_column(Text, default="")


class SurveyTally(db.Model):
    """A wave's answers counted per statement, respondent group and answer. Rewritten
    whenever the wave's respondents change (services/survey_results.refresh_tallies), so
    that results and breakdowns add up these few rows, never every answer."""

    __tablename__ = "survey_tally"
    __table_args__ = (
        CheckConstraint(check_constraint("answer", ANSWERS), name="answer_known"),
        CheckConstraint("respondents > 0", name="respondents_positive"),
        Index("ix_survey_tally_wave_id_statement_id", "wave_id", "statement_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id", ondelete="CASCADE"))
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("survey_statement.id", ondelete="CASCADE"), index=True)
    # A deleted district leaves its respondents, and their tallies, without one.
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), index=True)
    age_band: Mapped[str | None] = mapped_column(String(10))
    gender: Mapped[str | None] = mapped_column(String(10))
    answer: Mapped[str] = mapped_column(String(10))
    respondents: Mapped[int]
