"""Results-based accountability: the results the city wants for its population, the
programmes that work towards them, and their measures, computed from the records or
entered by hand period by period."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select

from ...campaigns.models import Campaign
from ...core import audit
from ...core.i18n import lazy_gettext as _l
from ...core.rules import RuleViolation, refuse_unless, valid_choice
from ...extensions import db
from ..models import Measure, MeasureValue, Result, StrategyProgramme, Survey, SurveyStatement
from ..vocab import FREQUENCIES, MEASURE_SOURCES, POLARITIES, PROGRAMME_KINDS, QUADRANTS, UNITS
from . import catalogue
from .series import next_start, period_start

# The parameters a catalogue definition may ask for, and what the form calls them.
PARAMS = ("district_id", "campaign_id", "statement_id")
# Options offered in the measure form's lists of campaigns and statements.
OPTIONS_SHOWN = 100


@dataclass
class ResultData:
    title: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    position: int = 0


@dataclass
class ProgrammeData:
    title: dict[str, str]
    kind: str = "other"
    description: dict[str, str] = field(default_factory=dict)
    result_id: int | None = None
    campaign_id: int | None = None
    position: int = 0


@dataclass
class MeasureData:
    title: dict[str, str]
    series_start: date
    result_id: int | None = None
    programme_id: int | None = None
    quadrant: str | None = None
    source_kind: str = "computed"
    definition_key: str | None = None
    params: dict[str, int] = field(default_factory=dict)
    definition: dict[str, str] = field(default_factory=dict)
    source: str = ""
    unit: str = "count"
    polarity: str = "up"
    frequency: str = "month"
    baseline_start: date | None = None
    baseline_end: date | None = None
    target_value: float | None = None
    target_on: date | None = None
    public: bool = False
    headline: bool = False


# --- loading ------------------------------------------------------------------------


def load_result(result_id: int) -> Result | None:
    return db.session.get(Result, result_id)


def load_programme(programme_id: int) -> StrategyProgramme | None:
    return db.session.get(StrategyProgramme, programme_id)


def load_measure(measure_id: int) -> Measure | None:
    return db.session.get(Measure, measure_id)


def results() -> list[Result]:
    return list(db.session.scalars(select(Result).order_by(Result.position, Result.id)))


def programmes_query():
    return select(StrategyProgramme).order_by(StrategyProgramme.position, StrategyProgramme.id)


def measures_of(result_ids=(), programme_ids=()) -> list[Measure]:
    """The measures of the results and programmes shown, in one query."""
    result_ids, programme_ids = list(result_ids), list(programme_ids)
    if not result_ids and not programme_ids:
        return []
    return list(db.session.scalars(select(Measure).where(
        Measure.result_id.in_(result_ids) | Measure.programme_id.in_(programme_ids))
        .order_by(Measure.position, Measure.id)))


def result_choices() -> list[tuple[int, Any]]:
    return [(r.id, r.title) for r in results()]


def programme_choices() -> list[tuple[int, Any]]:
    return [(p.id, p.title) for p in db.session.scalars(programmes_query())]


def campaign_options(chosen: int | None = None) -> list[tuple[int, dict]]:
    """The most recent campaigns, for a programme's or a measure's campaign, and the one
    already chosen however old."""
    rows = list(db.session.execute(select(Campaign.id, Campaign.title)
                                   .order_by(Campaign.starts_on.desc(), Campaign.id.desc())
                                   .limit(OPTIONS_SHOWN)))
    if chosen and chosen not in {row[0] for row in rows}:
        rows += list(db.session.execute(select(Campaign.id, Campaign.title)
                                        .where(Campaign.id == chosen)))
    return rows


def statement_options(chosen: int | None = None) -> list[tuple[int, dict, dict]]:
    """Survey statements (their survey's title and their text), the most recent first, and
    the one already chosen however old."""
    query = (select(SurveyStatement.id, Survey.title, SurveyStatement.text)
             .join(Survey, Survey.id == SurveyStatement.survey_id))
    rows = list(db.session.execute(query.order_by(Survey.id.desc(), SurveyStatement.position)
                                   .limit(OPTIONS_SHOWN)))
    if chosen and chosen not in {row[0] for row in rows}:
        rows += list(db.session.execute(query.where(SurveyStatement.id == chosen)))
    return rows


# --- results and programmes ----------------------------------------------------------


def save_result(result: Result | None, data: ResultData, *, actor: Any) -> Result:
    refuse_unless(any(data.title.values()), _l("Give the result a title."), "title")
    created = result is None
    result = result or Result()
    result.title, result.description, result.position = data.title, data.description, \
        data.position
    db.session.add(result)
    db.session.flush()
    audit.record(actor, "rba_result.create" if created else "rba_result.update", result,
                 title=result.title)
    return result


def save_programme(programme: StrategyProgramme | None, data: ProgrammeData, *,
                   actor: Any) -> StrategyProgramme:
    refuse_unless(any(data.title.values()), _l("Give the programme a title."), "title")
    valid_choice(data.kind, PROGRAMME_KINDS, "kind")
    refuse_unless(data.result_id is None or load_result(data.result_id) is not None,
                  _l("Choose a result of the list."), "result_id")
    refuse_unless(data.kind == "campaign" or data.campaign_id is None,
                  _l("Only a campaign programme follows a campaign."), "campaign_id")
    refuse_unless(data.kind != "campaign" or data.campaign_id is not None,
                  _l("Choose the campaign this programme follows."), "campaign_id")
    refuse_unless(data.campaign_id is None or db.session.get(Campaign, data.campaign_id),
                  _l("Choose a campaign of the list."), "campaign_id")
    created = programme is None
    programme = programme or StrategyProgramme()
    for name in ("title", "kind", "description", "result_id", "campaign_id", "position"):
        setattr(programme, name, getattr(data, name))
    db.session.add(programme)
    db.session.flush()
    audit.record(actor, "rba_programme.create" if created else "rba_programme.update",
                 programme, title=programme.title)
    return programme


# --- measures -----------------------------------------------------------------------


def check_measure(data: MeasureData, measure: Measure | None, today: date) -> None:
    """Refuse a measure the job could not compute or the pages could not show."""
    refuse_unless(any(data.title.values()), _l("Give the measure a title."), "title")
    for value, allowed, name in ((data.source_kind, MEASURE_SOURCES, "source_kind"),
                                 (data.unit, UNITS, "unit"),
                                 (data.polarity, POLARITIES, "polarity"),
                                 (data.frequency, FREQUENCIES, "frequency")):
        valid_choice(value, allowed, name)
    _check_owner(data)
    if data.source_kind == "computed":
        _check_definition(data)
    else:
        refuse_unless(data.source.strip(), _l("Say where the figures entered by hand come "
                                              "from (a report, the ICC Index...)."), "source")
    _check_dates(data, measure, today)


def _check_owner(data: MeasureData) -> None:
    refuse_unless((data.result_id is None) != (data.programme_id is None),
                  _l("Attach the measure to one result (a population indicator) or to one "
                     "programme (a performance measure)."), "programme_id")
    if data.result_id is not None:
        refuse_unless(load_result(data.result_id), _l("Choose a result of the list."),
                      "result_id")
    else:
        refuse_unless(load_programme(data.programme_id), _l("Choose a programme of the list."),
                      "programme_id")
        refuse_unless(data.quadrant, _l("A performance measure sits in one of the three "
                                        "quadrants: choose one."), "quadrant")
    if data.quadrant is not None:
        valid_choice(data.quadrant, QUADRANTS, "quadrant")


def _check_definition(data: MeasureData) -> None:
    found = catalogue.definition(data.definition_key)
    if found is None:
        raise RuleViolation(_l("A computed measure needs a definition of the catalogue: "
                               "choose one."), "definition_key")
    labels = {"district_id": _l("Choose the district this measure counts."),
              "campaign_id": _l("Choose the campaign this measure counts."),
              "statement_id": _l("Choose the survey statement this measure follows.")}
    for name in found.params:
        refuse_unless(data.params.get(name), labels.get(name, _l("Fill in every parameter "
                                                                 "of the definition.")), name)
    if data.params.get("campaign_id") and "campaign_id" in found.params:
        refuse_unless(db.session.get(Campaign, data.params["campaign_id"]),
                      _l("Choose a campaign of the list."), "campaign_id")
    if data.params.get("statement_id") and "statement_id" in found.params:
        refuse_unless(db.session.get(SurveyStatement, data.params["statement_id"]),
                      _l("Choose a statement of the list."), "statement_id")


def _check_dates(data: MeasureData, measure: Measure | None, today: date) -> None:
    if data.target_value is not None:
        refuse_unless(math.isfinite(data.target_value), _l("Enter a number."), "target_value")
        refuse_unless(data.target_on, _l("Say by when the target should be reached."),
                      "target_on")
    if data.target_on is not None:
        refuse_unless(data.target_value is not None, _l("Enter the target's value."),
                      "target_value")
        changed = measure is None or measure.target_on != data.target_on
        refuse_unless(not changed or data.target_on > today,
                      _l("The target date has passed: choose a date in the future."),
                      "target_on")
        refuse_unless(data.target_on >= data.series_start,
                      _l("The target date comes before the series starts."), "target_on")
    if data.baseline_start is not None or data.baseline_end is not None:
        refuse_unless(data.baseline_start and data.baseline_end,
                      _l("Give both the first and the last day of the baseline."),
                      "baseline_end")
        refuse_unless(data.baseline_end >= data.baseline_start,
                      _l("The baseline ends before it starts."), "baseline_end")
        refuse_unless(data.baseline_start >= data.series_start,
                      _l("The baseline starts before the series does."), "baseline_start")


def save_measure(measure: Measure | None, data: MeasureData, *, actor: Any,
                 today: date) -> Measure:
    check_measure(data, measure, today)
    found = catalogue.definition(data.definition_key) if data.source_kind == "computed" else None
    created = measure is None
    measure = measure or Measure()
    for name in ("title", "series_start", "result_id", "programme_id", "quadrant",
                 "source_kind", "definition", "source", "unit", "polarity", "frequency",
                 "baseline_start", "baseline_end", "target_value", "target_on", "public",
                 "headline"):
        setattr(measure, name, getattr(data, name))
    measure.series_start = period_start(data.series_start, data.frequency)
    measure.definition_key = found.key if found is not None else None
    measure.params = ({name: int(data.params[name]) for name in found.params}
                      if found is not None else {})
    if found is not None and data.programme_id is None and data.quadrant is None:
        measure.quadrant = None  # a population indicator sits in no quadrant
    db.session.add(measure)
    db.session.flush()
    audit.record(actor, "rba_measure.create" if created else "rba_measure.update", measure,
                 title=measure.title, definition_key=measure.definition_key)
    return measure


def save_story(measure: Measure, story: dict[str, str], *, actor: Any) -> Measure:
    measure.story = story
    db.session.flush()
    audit.record(actor, "rba_measure.story", measure)
    return measure


# --- values entered by hand -----------------------------------------------------------


def periods(measure: Measure, today: date, limit: int = 120) -> list[date]:
    """The periods a figure may be entered for: from the series' start to the running
    one, the most recent first."""
    found, day, last = [], period_start(measure.series_start, measure.frequency), \
        period_start(today, measure.frequency)
    while day <= last:
        found.append(day)
        day = next_start(day, measure.frequency)
    return found[::-1][:limit]


def values_query(measure: Measure):
    return (select(MeasureValue).where(MeasureValue.measure_id == measure.id)
            .order_by(MeasureValue.period_start.desc()))


def value_count(measure: Measure) -> int:
    return db.session.scalar(select(func.count()).select_from(MeasureValue)
                             .where(MeasureValue.measure_id == measure.id)) or 0


def set_value(measure: Measure, period_start: date, value: float, note: str, *,
              actor: Any, today: date) -> MeasureValue:
    """Record (or correct) one period's figure of a measure entered by hand."""
    refuse_unless(measure.source_kind == "manual",
                  _l("This measure is computed from the records: its figures cannot be "
                     "entered by hand."))
    refuse_unless(math.isfinite(value), _l("Enter a number."), "value")
    refuse_unless(measure.unit != "share" or 0 <= value <= 100,
                  _l("A percentage lies between 0 and 100."), "value")
    refuse_unless(period_start in periods(measure, today, limit=10_000),
                  _l("Choose a period of the list."), "period")
    row = db.session.get(MeasureValue, (measure.id, period_start))
    if row is None:
        row = MeasureValue(measure_id=measure.id, period_start=period_start)
        db.session.add(row)
    row.value, row.note = value, note.strip()
    row.entered_by_id = getattr(actor, "id", None)
    db.session.flush()
    audit.record(actor, "rba_measure.value", measure, period=period_start, value=value)
    return row


def delete_value(measure: Measure, period_start: date, *, actor: Any) -> None:
    row = db.session.get(MeasureValue, (measure.id, period_start))
    refuse_unless(row is not None, _l("This figure had already been removed."))
    db.session.delete(row)
    db.session.flush()
    audit.record(actor, "rba_measure.value_delete", measure, period=period_start)
