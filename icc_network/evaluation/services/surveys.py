"""Perception surveys: their statements (one per rumour), districts and waves, and the
totals entered for a wave when only aggregates exist."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import selectinload

from ...campaigns.models import Campaign
from ...core import audit
from ...core.i18n import LANGUAGE_NAMES
from ...core.i18n import lazy_gettext as _l
from ...core.models import District
from ...core.rules import refuse_unless
from ...core.text import MAX_ID
from ...extensions import db
from ...rumours.models import Rumour
from ..models import (
    Survey,
    SurveyDistrict,
    SurveyRespondent,
    SurveyStatement,
    SurveyTally,
    SurveyWave,
    SurveyWaveTotal,
)
from ..vocab import WAVE_KINDS

MAX_COUNT = 10_000_000


@dataclass
class StatementData:
    rumour_id: int
    code: str = ""
    text: dict[str, str] = field(default_factory=dict)


@dataclass
class SurveyData:
    title: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    campaign_id: int | None = None
    district_ids: list[int] = field(default_factory=list)
    statements: list[StatementData] = field(default_factory=list)


def load_survey(survey_id: int) -> Survey | None:
    return db.session.scalar(select(Survey).where(Survey.id == survey_id).options(
        selectinload(Survey.statements), selectinload(Survey.waves),
        selectinload(Survey.districts)))


def survey_query() -> Select:
    """Every survey, latest first (the list is paginated)."""
    return select(Survey).order_by(Survey.created_at.desc(), Survey.id.desc())


def wave_counts_by_survey(survey_ids: list[int]) -> dict[int, int]:
    if not survey_ids:
        return {}
    return dict(db.session.execute(
        select(SurveyWave.survey_id, func.count()).where(SurveyWave.survey_id.in_(survey_ids))
        .group_by(SurveyWave.survey_id)).all())


def surveys_of_campaign(campaign_id: int) -> list[Survey]:
    return list(db.session.scalars(
        select(Survey).where(Survey.campaign_id == campaign_id)
        .options(selectinload(Survey.statements), selectinload(Survey.waves))
        .order_by(Survey.id)))


def rumour_wordings(rumour_ids: list[int]) -> dict[int, dict[str, str]]:
    if not rumour_ids:
        return {}
    return dict(db.session.execute(
        select(Rumour.id, Rumour.wording).where(Rumour.id.in_(rumour_ids))).all())


def save_survey(survey: Survey | None, data: SurveyData, *, actor: Any) -> Survey:
    """Create or change a survey; its statements and districts follow ``data`` (a
    statement dropped takes its answers with it)."""
    _check_survey(data)
    created = survey is None
    if survey is None:
        survey = Survey(created_by_id=getattr(actor, "id", None))
        db.session.add(survey)
    survey.title, survey.description = data.title, data.description
    survey.campaign_id = data.campaign_id
    db.session.flush()
    _replace_districts(survey.id, data.district_ids)
    _replace_statements(survey.id, data.statements)
    if not created:
        db.session.expire(survey, ["statements", "districts"])
    audit.record(actor, "survey.create" if created else "survey.update", survey)
    return survey


def _check_survey(data: SurveyData) -> None:
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    refuse_unless((data.title or {}).get(default), _l(
        "Enter the text in %(language)s.", language=LANGUAGE_NAMES[default]), "title")
    refuse_unless(data.statements, _l("Choose at least one rumour to ask about."), "rumour_ids")
    codes = [s.code.strip().lower() for s in data.statements if s.code.strip()]
    refuse_unless(len(codes) == len(set(codes)),
                  _l("Two statements have the same column name: give each its own."),
                  "statements")
    wanted = {s.rumour_id for s in data.statements}
    refuse_unless(all(0 < i <= MAX_ID for i in wanted), _l("Choose rumours of the register."),
                  "rumour_ids")
    known = set(db.session.scalars(select(Rumour.id).where(Rumour.id.in_(wanted))))
    refuse_unless(known == wanted, _l("Choose rumours of the register."), "rumour_ids")
    districts = set(data.district_ids)
    refuse_unless(all(0 < i <= MAX_ID for i in districts), _l("Choose districts of the list."),
                  "district_ids")
    refuse_unless(districts <= set(db.session.scalars(
        select(District.id).where(District.id.in_(districts)))),
        _l("Choose districts of the list."), "district_ids")
    if data.campaign_id is not None:
        refuse_unless(db.session.get(Campaign, data.campaign_id) is not None,
                      _l("Choose a campaign of the list."), "campaign_id")


def _replace_districts(survey_id: int, wanted_ids: list[int]) -> None:
    wanted = set(wanted_ids)
    current = set(db.session.scalars(select(SurveyDistrict.district_id).where(
        SurveyDistrict.survey_id == survey_id)))
    if current - wanted:
        db.session.execute(delete(SurveyDistrict).where(
            SurveyDistrict.survey_id == survey_id,
            SurveyDistrict.district_id.in_(sorted(current - wanted))))
    db.session.add_all(SurveyDistrict(survey_id=survey_id, district_id=d)
                       for d in sorted(wanted - current))
    db.session.flush()


def _replace_statements(survey_id: int, wanted: list[StatementData]) -> None:
    current = {s.rumour_id: s for s in db.session.scalars(
        select(SurveyStatement).where(SurveyStatement.survey_id == survey_id))}
    keep = {s.rumour_id for s in wanted}
    for rumour_id, statement in current.items():
        if rumour_id not in keep:
            db.session.delete(statement)
    db.session.flush()
    wordings = rumour_wordings([s.rumour_id for s in wanted if s.rumour_id not in current])
    taken = {s.code for s in current.values() if s.rumour_id in keep}
    for position, data in enumerate(wanted, start=1):
        statement = current.get(data.rumour_id)
        if statement is None:
            statement = SurveyStatement(survey_id=survey_id, rumour_id=data.rumour_id)
            db.session.add(statement)
        statement.position = position
        statement.text = data.text or statement.text or wordings.get(data.rumour_id, {})
        code = data.code.strip().lower()[:40] or statement.code or _free_code(taken, position)
        statement.code = code
        taken.add(code)
    db.session.flush()


def _free_code(taken: set[str], position: int) -> str:
    number = position
    while f"q{number}" in taken:
        number += 1
    return f"q{number}"


# --- waves ---------------------------------------------------------------------------

@dataclass
class WaveData:
    name: str
    kind: str
    starts_on: date | None
    ends_on: date | None


def save_wave(survey: Survey, wave: SurveyWave | None, data: WaveData, *,
              actor: Any) -> SurveyWave:
    name = (data.name or "").strip()[:80]
    refuse_unless(name, _l("Give the wave a name."), "name")
    refuse_unless(data.kind in WAVE_KINDS, _l("Choose an entry of the list."), "kind")
    refuse_unless(data.starts_on is not None, _l("Give the first day of fieldwork."),
                  "starts_on")
    refuse_unless(data.ends_on is not None, _l("Give the last day of fieldwork."), "ends_on")
    refuse_unless(data.ends_on >= data.starts_on, _l(
        "The last day of fieldwork must be on or after its first day."), "ends_on")
    clash = select(SurveyWave.id).where(SurveyWave.survey_id == survey.id,
                                        SurveyWave.name == name)
    if wave is not None:
        clash = clash.where(SurveyWave.id != wave.id)
    refuse_unless(db.session.scalar(clash) is None,
                  _l("This survey already has a wave of this name."), "name")
    if wave is None:
        wave = SurveyWave(survey_id=survey.id)
        db.session.add(wave)
    wave.name, wave.kind = name, data.kind
    wave.starts_on, wave.ends_on = data.starts_on, data.ends_on
    db.session.flush()
    audit.record(actor, "survey.wave", wave)
    return wave


def clear_wave(wave: SurveyWave, *, actor: Any) -> int:
    """Remove every answer of the wave (its respondents with their answers, its tallies and
    its totals), so that a file imported by mistake can be replaced; the wave and its
    dates stay. How many respondents were removed."""
    removed = db.session.scalar(select(func.count()).select_from(SurveyRespondent).where(
        SurveyRespondent.wave_id == wave.id)) or 0
    # Answers go with their respondents (ON DELETE CASCADE), in the database.
    for model in (SurveyTally, SurveyRespondent, SurveyWaveTotal):
        db.session.execute(delete(model).where(model.wave_id == wave.id))
    audit.record(actor, "survey.wave_cleared", wave, respondents=removed)
    return removed


def respondent_counts(wave_ids: list[int]) -> dict[int, int]:
    if not wave_ids:
        return {}
    return dict(db.session.execute(
        select(SurveyRespondent.wave_id, func.count()).where(
            SurveyRespondent.wave_id.in_(wave_ids)).group_by(SurveyRespondent.wave_id)).all())


def statements_with_respondents(wave_id: int) -> set[int]:
    """The statements a wave's respondents answered: they cannot also get totals."""
    return set(db.session.scalars(
        select(SurveyTally.statement_id).where(SurveyTally.wave_id == wave_id).distinct()))


def wave_totals(wave_id: int) -> dict[int, SurveyWaveTotal]:
    return {t.statement_id: t for t in db.session.scalars(
        select(SurveyWaveTotal).where(SurveyWaveTotal.wave_id == wave_id))}


def save_wave_totals(wave: SurveyWave, totals: dict[int, tuple[int | None, ...]],
                     source: str, *, actor: Any) -> int:
    """Store the totals typed for each statement (all blank: none kept). Refused for a
    statement the wave's respondents answered, and for negative counts."""
    answered = statements_with_respondents(wave.id)
    statements = dict(db.session.execute(select(SurveyStatement.id, SurveyStatement.code)
                                         .where(SurveyStatement.survey_id == wave.survey_id)).all())
    current = wave_totals(wave.id)
    saved = 0
    for statement_id, counts in totals.items():
        refuse_unless(statement_id in statements, _l("Choose an entry of the list."), "totals")
        if all(c is None for c in counts):
            if statement_id in current:
                db.session.delete(current[statement_id])
            continue
        code = statements[statement_id]
        refuse_unless(statement_id not in answered, _l(
            "%(code)s: this wave already has respondents' answers to this statement; its "
            "results come from them, so it cannot also get totals.", code=code))
        values = [c or 0 for c in counts]
        refuse_unless(all(c >= 0 for c in values), _l(
            "%(code)s: counts cannot be negative.", code=code))
        refuse_unless(all(c <= MAX_COUNT for c in values), _l(
            "%(code)s: enter counts below ten million.", code=code))
        row = current.get(statement_id) or SurveyWaveTotal(wave_id=wave.id,
                                                           statement_id=statement_id)
        row.agree, row.disagree, row.dont_know = values
        row.source = (source or "").strip()[:2000]
        db.session.add(row)
        saved += 1
    db.session.flush()
    audit.record(actor, "survey.wave_totals", wave)
    return saved
