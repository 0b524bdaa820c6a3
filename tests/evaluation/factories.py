"""Factories of the evaluation area (the style is described in tests/factories.py)."""

from __future__ import annotations

import itertools
from datetime import date

from sqlalchemy import select

from icc_network.evaluation.models import (
    Measure,
    MeasureRun,
    MeasureValue,
    Result,
    StrategyProgramme,
    Survey,
    SurveyAnswer,
    SurveyDistrict,
    SurveyRespondent,
    SurveyStatement,
    SurveyWave,
    SurveyWaveTotal,
    WorksheetLink,
)
from icc_network.evaluation.services import survey_results
from icc_network.extensions import db

_sequence = itertools.count(1)


def survey(title: str | None = None, *, rumours=(), districts=(), campaign=None,
           **kwargs) -> Survey:
    """A survey with one statement per rumour (codes q1, q2...)."""
    n = next(_sequence)
    row = Survey(title={"fr": title or f"Enquête {n}", "en": f"Survey {n}"},
                 campaign_id=campaign.id if campaign is not None else None, **kwargs)
    db.session.add(row)
    db.session.flush()
    for position, rumour in enumerate(rumours, start=1):
        statement(row, rumour, code=f"q{position}", position=position)
    db.session.add_all(SurveyDistrict(survey_id=row.id, district_id=d.id) for d in districts)
    db.session.flush()
    return row


def statement(survey: Survey, rumour, *, code: str | None = None, position: int = 0,
              text: dict | None = None) -> SurveyStatement:
    n = next(_sequence)
    row = SurveyStatement(survey_id=survey.id, rumour_id=rumour.id, code=code or f"q{n}",
                          position=position,
                          text=text or {"fr": f"Affirmation {n}", "en": f"Statement {n}"})
    db.session.add(row)
    db.session.flush()
    return row


def wave(survey: Survey, name: str | None = None, *, kind: str = "baseline",
         starts_on: date = date(2026, 1, 5), ends_on: date = date(2026, 1, 25)) -> SurveyWave:
    row = SurveyWave(survey_id=survey.id, name=name or f"Vague {next(_sequence)}", kind=kind,
                     starts_on=starts_on, ends_on=ends_on)
    db.session.add(row)
    db.session.flush()
    return row


def respondents(wave: SurveyWave, statement: SurveyStatement, *, agree: int = 0,
                disagree: int = 0, dont_know: int = 0, district=None, age_band=None,
                gender=None) -> list[SurveyRespondent]:
    """``agree + disagree + dont_know`` respondents answering ``statement`` so."""
    rows = []
    for answer, count in (("agree", agree), ("disagree", disagree), ("dont_know", dont_know)):
        for _ in range(count):
            rows.append((SurveyRespondent(
                wave_id=wave.id, reference=f"r{next(_sequence)}",
                district_id=district.id if district is not None else None,
                age_band=age_band, gender=gender), answer))
    db.session.add_all(r for r, _ in rows)
    db.session.flush()
    db.session.add_all(SurveyAnswer(respondent_id=r.id, statement_id=statement.id, answer=a)
                       for r, a in rows)
    db.session.flush()
    survey_results.refresh_tallies(wave.id)
    return [r for r, _ in rows]


def first_statement(survey: Survey) -> SurveyStatement:
    return db.session.scalars(select(SurveyStatement).where(
        SurveyStatement.survey_id == survey.id).order_by(SurveyStatement.position)).first()


def wave_total(wave: SurveyWave, statement: SurveyStatement, *, agree: int, disagree: int,
               dont_know: int = 0, source: str = "") -> SurveyWaveTotal:
    row = SurveyWaveTotal(wave_id=wave.id, statement_id=statement.id, agree=agree,
                          disagree=disagree, dont_know=dont_know, source=source)
    db.session.add(row)
    db.session.flush()
    return row


def result(title: str | None = None, **kwargs) -> Result:
    n = next(_sequence)
    row = Result(title={"fr": title or f"Résultat {n}", "en": f"Result {n}"}, **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


def programme(title: str | None = None, *, kind: str = "network", result=None,
              campaign=None, **kwargs) -> StrategyProgramme:
    n = next(_sequence)
    row = StrategyProgramme(title={"fr": title or f"Programme {n}", "en": f"Programme {n}"},
                    kind=kind, result_id=result.id if result is not None else None,
                    campaign_id=campaign.id if campaign is not None else None, **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


def measure(title: str | None = None, *, programme=None, result=None,
            definition_key: str | None = "sightings_recorded", quadrant: str | None = None,
            series_start: date = date(2025, 1, 1), **kwargs) -> Measure:
    """A computed measure of ``programme`` (or a population indicator of ``result``); pass
    ``source_kind="manual"`` and ``definition_key=None`` for one entered by hand."""
    n = next(_sequence)
    if programme is None and result is None:
        programme = globals()["programme"]()
    if quadrant is None and programme is not None:
        quadrant = "how_much"
    row = Measure(title={"fr": title or f"Mesure {n}", "en": f"Measure {n}"},
                  programme_id=programme.id if programme is not None else None,
                  result_id=result.id if result is not None else None,
                  quadrant=quadrant, definition_key=definition_key,
                  series_start=series_start, **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


def measure_value(measure: Measure, period_start: date, value: float,
                  note: str = "") -> MeasureValue:
    row = MeasureValue(measure_id=measure.id, period_start=period_start, value=value, note=note)
    db.session.add(row)
    db.session.flush()
    return row


# --- worksheets, runs (reports, open data, dashboards) ----------------------------------


def worksheet_link(measure: Measure, section: str, *, note: str = "", **target) -> WorksheetLink:
    """A worksheet line; ``target`` names one record: organisation=, argument=, campaign=,
    activity= or decision=."""
    ((kind, record),) = target.items()
    row = WorksheetLink(measure_id=measure.id, section=section, note=note,
                        **{f"{kind}_id": record.id})
    db.session.add(row)
    db.session.flush()
    return row


def _iso(day) -> str:
    return day if isinstance(day, str) else day.isoformat()


def measure_run(measure: Measure, points, *, baseline: float | None = None, forecast=(),
                latest: bool = True, computed_at=None, **kwargs) -> MeasureRun:
    """A run of the measures job as it stores one: ``points`` as ``[(date, value|None)...]``,
    ``forecast`` as ``[(date, value, low, high)...]`` (dates or ISO strings)."""
    row = MeasureRun(measure_id=measure.id, baseline=baseline, latest=latest,
                     fingerprint=f"run{next(_sequence)}",
                     points=[[_iso(day), value] for day, value in points],
                     forecast=[[_iso(day), *rest] for day, *rest in forecast], **kwargs)
    if computed_at is not None:
        row.computed_at = computed_at
    db.session.add(row)
    db.session.flush()
    return row
