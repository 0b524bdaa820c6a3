"""Benchmark data and pages of the evaluation area: perception surveys, results-based
accountability, the home dashboards, open data and the annual report.

Metropolis: a survey of the first campaign (the most-heard rumours) with five statements
and four waves over three years, 20,000 respondents with a district, an age band and a
gender and 95,000 answers; three small surveys entered as wave totals; three results,
five programmes and 30 measures across the catalogue with three years of monthly series
(the first year the baseline), two of them entered by hand (36 months, 12 quarters),
headline and public ones, and a turn-the-curve worksheet.
Measured: the home dashboard of each role (p95 ≤ 200 ms), the survey's results page
(p95 ≤ 100 ms), a measure's page and worksheet, the RBA overview, open data; the measures
job recomputing every measure (≤ 10 s, from no stored run and again with nothing
changed) and the annual report PDF (≤ 15 s, through build_pdf).

Pages are found by endpoint name and services by module name: whatever the application
does not have yet is reported as skipped rather than failing the run. The names are the
constants below.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from flask import url_for
from sqlalchemy import delete, func, insert, select, text, update
from werkzeug.routing import BuildError

from icc_network.auth.models import User
from icc_network.campaigns.models import Activity, Campaign
from icc_network.core.clock import today, utcnow

# The catalogue keys the measures name, as the demo names them (shares are in percent).
from icc_network.evaluation.demo import (
    ACTIVITIES_HELD,
    AGENTS_CERTIFIED,
    AGENTS_TRAINED,
    ARGUMENTS_CURRENT_SHARE,
    ARGUMENTS_VALIDATED,
    ATTENDANCE_RATE,
    CERTIFIED_AGENTS_ACTIVE_SHARE,
    CONVERSATIONS_POSITIVE_SHARE,
    MEDIAN_DAYS_TO_TRIAGE,
    PARTNERS_IN_CAMPAIGNS_SHARE,
    PARTNERS_IN_NETWORK,
    PEOPLE_REACHED,
    SIGHTINGS_RECORDED,
    SURVEY_SHARE_AGREEING,
    TARGET_SIGHTINGS_PER_MONTH,
    TRAINING_HOURS,
)
from icc_network.evaluation.jobs import JOBS
from icc_network.evaluation.models import (
    Measure as MeasureRow,
)
from icc_network.evaluation.models import (
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
from icc_network.evaluation.services import series, survey_results
from icc_network.evaluation.services.report_pdf import build_pdf
from icc_network.evaluation.vocab import AGE_BANDS, GENDERS
from icc_network.extensions import db
from icc_network.rumours.models import CounterArgument, Rumour

from ..common import Context, Measure, Page, bulk_insert

# (key, owner, quadrant, unit, polarity, headline, public); owner "result": a population
# indicator of the first result.
CATALOGUE = [
    (PARTNERS_IN_NETWORK, "network", "how_much", "count", "up", True, True),
    (ARGUMENTS_VALIDATED, "network", "how_much", "count", "up", False, True),
    (ARGUMENTS_CURRENT_SHARE, "network", "how_well", "share", "up", False, False),
    (PARTNERS_IN_CAMPAIGNS_SHARE, "network", "how_well", "share", "up", False, False),
    (MEDIAN_DAYS_TO_TRIAGE, "network", "how_well", "days", "down", False, False),
    (AGENTS_TRAINED, "training", "how_much", "count", "up", False, True),
    (AGENTS_CERTIFIED, "training", "how_much", "count", "up", True, True),
    (TRAINING_HOURS, "training", "how_much", "count", "up", False, False),
    (ATTENDANCE_RATE, "training", "how_well", "share", "up", False, False),
    (CERTIFIED_AGENTS_ACTIVE_SHARE, "training", "how_well", "share", "up", False, False),
    (CONVERSATIONS_POSITIVE_SHARE, "training", "better_off", "share", "up", True, True),
    (ACTIVITIES_HELD, "campaign", "how_much", "count", "up", False, False),
    (PEOPLE_REACHED, "campaign", "how_much", "count", "up", False, True),
    (TARGET_SIGHTINGS_PER_MONTH, "campaign", "better_off", "per_month", "down", False, False),
    (SURVEY_SHARE_AGREEING, "campaign", "better_off", "share", "down", True, True),
    (SIGHTINGS_RECORDED, "result", None, "count", "down", False, True),
]
SCALE = {
    "respondents": {"small": 2000, "city": 8000, "metropolis": 20000},
    "survey_districts": {"small": 4, "city": 8, "metropolis": 10},
    "total_surveys": {"small": 2, "city": 3, "metropolis": 3},
}
STATEMENTS = 5
WAVES = [("Vague 1", "baseline", 34), ("Vague 2", "follow_up", 22),
         ("Vague 3", "follow_up", 10), ("Vague 4", "final", 2)]  # months ago
DISTRICT_MEASURES = 6  # sightings recorded in each of the first districts
YEARS = 3
CHUNK = 20000
DASHBOARD_BUDGET_MS = 200
RESULTS_BUDGET_MS = 100
JOB_BUDGET_MS = 10_000
REPORT_BUDGET_MS = 15_000
# Endpoints measured (and the roles that open them): adjust here if a route is named otherwise.
HOME = "core.home"
HOME_ROLES = ("coordinator", "staff", "trainer", "partner", "agent")
SURVEY_RESULTS = "evaluation.survey_results"  # survey_id
SURVEY_DETAIL = "evaluation.survey_detail"  # survey_id
RBA_INDEX = "evaluation.index"
MEASURE_DETAIL = "evaluation.measure_detail"  # measure_id
WORKSHEET = "evaluation.worksheet"  # measure_id
OPEN_DATA = "evaluation.open_data"
OPEN_DATA_JSON = "evaluation.open_data_json"
# The measures job, found in the area's JOBS by id.
MEASURES_JOB = "evaluation.compute_measures"
WORKSHEET_TITLE = "Bench: agreement with the most-heard rumour"


def generate(ctx: Context) -> None:
    statements = _survey(ctx)
    _total_surveys(ctx)
    owners = _strategy(ctx)
    worksheet_measure = _measures(ctx, owners, statements)
    _worksheet(ctx, worksheet_measure)
    db.session.flush()
    _analyse()
    # What the scheduler does within minutes: every series stored, so the pages read them.
    _compute_series()


def _analyse() -> None:
    """Table statistics, as PostgreSQL's autovacuum keeps them (see bench/areas/agents.py)."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in ("survey", "survey_statement", "survey_wave", "survey_respondent",
                      "survey_answer", "survey_wave_total", "rba_measure",
                      "rba_measure_value", "rba_measure_run", "rba_worksheet_link"):
            connection.execute(text(f"VACUUM ANALYZE {table}"))


def _month(months_ago: int) -> date:
    return today().replace(day=1) - relativedelta(months=months_ago)


# --- surveys --------------------------------------------------------------------------


def _survey(ctx: Context) -> list[int]:
    """The first campaign's survey: statements about the five most-heard rumours, four
    waves, agreement falling on the first three statements. Its statement ids."""
    now = utcnow()
    campaign_id = db.session.scalar(select(func.min(Campaign.id)))
    survey_id = db.session.execute(insert(Survey).returning(Survey.id).values({
        "title": {"fr": "Baromètre des rumeurs", "en": "Rumour barometer"},
        "description": {"fr": "Enquête de rue", "en": "Street survey"},
        "campaign_id": campaign_id, "created_at": now, "updated_at": now})).scalar_one()
    districts = ctx.ids["district"][:ctx.pick(SCALE["survey_districts"])]
    bulk_insert(SurveyDistrict, [{"survey_id": survey_id, "district_id": d}
                                                for d in districts])
    rumours = list(db.session.scalars(select(Rumour.id).order_by(
        Rumour.sighting_count.desc(), Rumour.id).limit(STATEMENTS)))
    bulk_insert(SurveyStatement, [
        {"survey_id": survey_id, "rumour_id": rumour_id, "code": f"q{n + 1}",
         "text": {"fr": f"Affirmation {n + 1}", "en": f"Statement {n + 1}"}, "position": n + 1}
        for n, rumour_id in enumerate(rumours)])
    statements = list(db.session.scalars(select(SurveyStatement.id).where(
        SurveyStatement.survey_id == survey_id).order_by(SurveyStatement.position)))
    per_wave = ctx.pick(SCALE["respondents"]) // len(WAVES)
    for index, (name, kind, months_ago) in enumerate(WAVES):
        starts = _month(months_ago)
        wave_id = db.session.execute(insert(SurveyWave).returning(SurveyWave.id).values({
            "survey_id": survey_id, "name": name, "kind": kind, "starts_on": starts,
            "ends_on": starts + timedelta(days=20)})).scalar_one()
        _respondents(ctx, wave_id, index, per_wave, districts, statements)
    ctx.ids["survey"] = [survey_id]
    return statements


def _respondents(ctx: Context, wave_id: int, wave_index: int, count: int,
                 districts: list[int], statements: list[int]) -> None:
    rng, ages, genders = ctx.rng, list(AGE_BANDS)[1:], list(GENDERS)
    now = utcnow()
    rows = [{"wave_id": wave_id, "reference": f"W{wave_index + 1}-{n:06d}",
             "district_id": rng.choice(districts) if rng.random() < 0.97 else None,
             "age_band": rng.choice(ages), "gender": rng.choice(genders) if n % 40 else None,
             "imported_at": now} for n in range(count)]
    for first in range(0, len(rows), CHUNK):
        bulk_insert(SurveyRespondent, rows[first:first + CHUNK])
    ids = db.session.scalars(select(SurveyRespondent.id).where(
        SurveyRespondent.wave_id == wave_id).order_by(SurveyRespondent.id))
    answers = []
    for respondent_id in ids:
        for n, statement_id in enumerate(statements):
            luck = rng.random()
            if luck < 0.05:
                continue  # left this statement unanswered
            # 45 % agree at the baseline; the first three statements lose 5 points a wave.
            agree = 0.45 - (0.05 * wave_index if n < 3 else 0.0)
            answer = ("agree" if luck < 0.05 + agree * 0.95
                      else "dont_know" if luck < 0.12 + agree * 0.95 else "disagree")
            answers.append({"respondent_id": respondent_id, "statement_id": statement_id,
                            "answer": answer})
    for first in range(0, len(answers), CHUNK):
        bulk_insert(SurveyAnswer, answers[first:first + CHUNK])
    survey_results.refresh_tallies(wave_id)


def _total_surveys(ctx: Context) -> None:
    """Small surveys known only by their totals (two waves each)."""
    rng, now = ctx.rng, utcnow()
    rumours = ctx.ids.get("rumour", [])
    for n in range(ctx.pick(SCALE["total_surveys"])):
        survey_id = db.session.execute(insert(Survey).returning(Survey.id).values({
            "title": {"fr": f"Enquête {n}", "en": f"Survey {n}"}, "description": {},
            "campaign_id": None, "created_at": now, "updated_at": now})).scalar_one()
        bulk_insert(SurveyStatement, [
            {"survey_id": survey_id, "rumour_id": rumour_id, "code": f"q{k + 1}",
             "text": {"fr": f"Affirmation {k + 1}", "en": f"Statement {k + 1}"},
             "position": k + 1} for k, rumour_id in enumerate(rng.sample(rumours, 3))])
        statements = list(db.session.scalars(select(SurveyStatement.id).where(
            SurveyStatement.survey_id == survey_id)))
        for w, (name, kind) in enumerate((("Avant", "baseline"), ("Après", "follow_up"))):
            starts = _month(18 - 12 * w)
            wave_id = db.session.execute(insert(SurveyWave).returning(SurveyWave.id).values({
                "survey_id": survey_id, "name": name, "kind": kind, "starts_on": starts,
                "ends_on": starts + timedelta(days=14)})).scalar_one()
            bulk_insert(SurveyWaveTotal, [
                {"wave_id": wave_id, "statement_id": s, "agree": rng.randint(80, 200),
                 "disagree": rng.randint(150, 300), "dont_know": rng.randint(0, 40),
                 "source": "Institut de sondage", "created_at": now, "updated_at": now}
                for s in statements])


# --- results, programmes, measures --------------------------------------------------------


def _strategy(ctx: Context) -> dict[str, int]:
    now = utcnow()
    bulk_insert(Result, [
        {"title": {"fr": f"Résultat {n}", "en": f"Result {n}"}, "description": {},
         "position": n, "created_at": now, "updated_at": now} for n in range(3)])
    results = list(db.session.scalars(select(Result.id).order_by(Result.id)))
    campaigns = ctx.ids.get("campaign", [])[:3]
    rows = [("network", None), ("training", None), *(("campaign", c) for c in campaigns)]
    bulk_insert(StrategyProgramme, [
        {"title": {"fr": f"Programme {n}", "en": f"Programme {n}"}, "description": {},
         "kind": kind, "result_id": results[n % 2], "campaign_id": campaign_id, "position": n,
         "created_at": now, "updated_at": now} for n, (kind, campaign_id) in enumerate(rows)])
    ids = list(db.session.scalars(select(StrategyProgramme.id).order_by(StrategyProgramme.id)))
    owners = {"result": results[0], "icc": results[2]}
    owners.update({"network": ids[0], "training": ids[1], "campaign": ids[2]})
    owners.update({f"campaign:{c}": pid for c, pid in zip(campaigns, ids[2:], strict=True)})
    return owners


def _measure_row(key, owner_id: int, is_result: bool, quadrant, unit, polarity, *,
                 headline=False, public=False, params=None, title="") -> dict:
    now, start = utcnow(), _month(12 * YEARS)
    target = None if unit == "count" else (80 if unit == "share" else 7)
    return {"title": {"fr": title or key, "en": title or key}, "definition": {},
            "result_id": owner_id if is_result else None,
            "programme_id": None if is_result else owner_id,
            "quadrant": None if is_result else quadrant, "source_kind": "computed",
            "definition_key": key, "params": params or {}, "source": "", "unit": unit,
            "polarity": polarity, "frequency": "month", "series_start": start,
            "baseline_start": start,
            "baseline_end": start + relativedelta(months=12) - timedelta(days=1),
            "target_value": target, "target_on": _month(-12) if target is not None else None,
            "public": public, "headline": headline, "story": {}, "position": 0,
            "created_at": now, "updated_at": now}


def _measures(ctx: Context, owners: dict[str, int], statements: list[int]) -> int:
    """The catalogue once, the survey share of every statement, the targeted sightings of
    each campaign programme, sightings in the first districts, two manual measures.
    The id of the measure with the worksheet (agreement with the first statement)."""
    rows = []
    for key, owner, quadrant, unit, polarity, headline, public in CATALOGUE:
        params = {SURVEY_SHARE_AGREEING: {"statement_id": statements[0]},
                  TARGET_SIGHTINGS_PER_MONTH: {"campaign_id": ctx.ids["campaign"][0]}}.get(key)
        rows.append(_measure_row(key, owners[owner], owner == "result", quadrant, unit,
                                 polarity, headline=headline, public=public, params=params,
                                 title=WORKSHEET_TITLE if key == SURVEY_SHARE_AGREEING else ""))
    for statement_id in statements[1:]:
        rows.append(_measure_row(SURVEY_SHARE_AGREEING, owners["campaign"], False,
                                 "better_off", "share", "down", public=True,
                                 params={"statement_id": statement_id}))
    for campaign_id in ctx.ids.get("campaign", [])[1:3]:
        rows.append(_measure_row(TARGET_SIGHTINGS_PER_MONTH, owners[f"campaign:{campaign_id}"],
                                 False, "better_off", "per_month", "down",
                                 params={"campaign_id": campaign_id}))
    for district_id in ctx.ids["district"][:DISTRICT_MEASURES]:
        rows.append(_measure_row(SIGHTINGS_RECORDED, owners["result"], True, None, "count",
                                 "down", params={"district_id": district_id}))
    for position, row in enumerate(rows):
        row["position"] = position
    bulk_insert(MeasureRow, rows)
    _manual_measures(owners)
    return db.session.scalar(select(MeasureRow.id).where(
        MeasureRow.definition_key == SURVEY_SHARE_AGREEING).order_by(MeasureRow.id))


def _manual_measures(owners: dict[str, int]) -> None:
    """The ICC Index score (12 quarters) and a share from the city's own survey (36 months)."""
    coordinator = db.session.scalar(select(User.id).where(User.role == "coordinator")
                                    .order_by(User.id))
    for title, unit, frequency, step, values in (
            ("ICC Index score", "score", "quarter", 3, [50 + n for n in range(4 * YEARS)]),
            ("Residents who feel at home", "share", "month", 1,
             [60 + n / 3 for n in range(12 * YEARS)])):
        start = _month(12 * YEARS)
        row = _measure_row(None, owners["icc"], True, None, unit, "up", headline=True,
                           public=True, title=title)
        row.update(source_kind="manual", frequency=frequency, source="Questionnaire de la Ville",
                   definition={"fr": title, "en": title})
        measure_id = db.session.execute(insert(MeasureRow).returning(MeasureRow.id)
                                        .values(row)).scalar_one()
        bulk_insert(MeasureValue, [
            {"measure_id": measure_id, "period_start": start + relativedelta(months=step * n),
             "value": value, "note": "", "entered_by_id": coordinator,
             "entered_at": datetime.combine(start + relativedelta(months=step * (n + 1)),
                                            datetime.min.time())}
            for n, value in enumerate(values)])


def _worksheet(ctx: Context, measure_id: int) -> None:
    """The story and twenty links: partners, arguments, campaigns and activities."""
    rng, now = ctx.rng, utcnow()
    db.session.execute(update(MeasureRow).where(MeasureRow.id == measure_id).values(
        story={"fr": "L’histoire de la courbe. " * 20, "en": "The story behind the curve. " * 20}))
    arguments = list(db.session.scalars(select(CounterArgument.id).where(
        CounterArgument.status == "validated").order_by(CounterArgument.id).limit(50)))
    activities = list(db.session.scalars(select(Activity.id).order_by(Activity.id).limit(50)))
    targets = [("partner", "organisation_id", o)
               for o in rng.sample(ctx.ids.get("organisation", []), 6)]
    targets += [("what_works", "argument_id", a) for a in arguments[:5]]
    targets += [("what_works", "activity_id", a) for a in activities[:3]]
    targets += [("action", "campaign_id", c) for c in ctx.ids.get("campaign", [])[:6]]
    empty = dict.fromkeys(("organisation_id", "argument_id", "campaign_id", "activity_id",
                           "decision_id"))
    bulk_insert(WorksheetLink, [
        {**empty, target: target_id, "measure_id": measure_id, "section": section,
         "note": f"Note {n}", "position": n, "created_at": now, "updated_at": now}
        for n, (section, target, target_id) in enumerate(targets)])


def _compute_series() -> dict:
    figures = series.recompute_all()
    db.session.commit()
    return figures


# --- what is measured -------------------------------------------------------------------


def _url(ctx: Context, endpoint: str, **values) -> str | None:
    with ctx.app.test_request_context():
        try:
            return url_for(endpoint, **values)
        except BuildError:
            return None


def _wanted(ctx: Context) -> list[tuple[str, str, str | None, str | None, float | None]]:
    """(name, endpoint, URL or None when the endpoint is missing, role, p95 budget)."""
    survey_id = db.session.scalar(select(func.min(Survey.id)))
    respondents = db.session.scalar(select(func.count()).select_from(SurveyRespondent))
    worksheet = db.session.scalar(select(func.min(WorksheetLink.measure_id)))
    manual = db.session.scalar(select(func.min(MeasureRow.id)).where(
        MeasureRow.source_kind == "manual"))
    wanted = [(f"home dashboard ({role})", HOME, _url(ctx, HOME), role, DASHBOARD_BUDGET_MS)
              for role in HOME_ROLES]
    wanted += [
        (f"survey results ({respondents} respondents, 4 waves, {STATEMENTS} statements)",
         SURVEY_RESULTS, _url(ctx, SURVEY_RESULTS, survey_id=survey_id), "coordinator",
         RESULTS_BUDGET_MS),
        ("survey page", SURVEY_DETAIL, _url(ctx, SURVEY_DETAIL, survey_id=survey_id),
         "coordinator", None),
        ("RBA overview (results, programmes, measures)", RBA_INDEX, _url(ctx, RBA_INDEX),
         "coordinator", DASHBOARD_BUDGET_MS),
        ("measure page (36 months, worksheet links)", MEASURE_DETAIL,
         _url(ctx, MEASURE_DETAIL, measure_id=worksheet), "coordinator", None),
        ("measure page (entered by hand, 12 quarters)", MEASURE_DETAIL,
         _url(ctx, MEASURE_DETAIL, measure_id=manual), "staff", None),
        ("turn-the-curve worksheet", WORKSHEET, _url(ctx, WORKSHEET, measure_id=worksheet),
         "coordinator", None),
        ("open data page", OPEN_DATA, _url(ctx, OPEN_DATA), None, None),
        ("open data JSON", OPEN_DATA_JSON, _url(ctx, OPEN_DATA_JSON), None, None),
    ]
    return wanted


def pages(ctx: Context) -> list[Page]:
    # A data set generated before the measures job existed gets its series now, as the
    # scheduler would store them, so that the pages are measured with their curves.
    if not db.session.scalar(select(func.count()).select_from(MeasureRun)):
        _compute_series()
    return [Page(name, url, role, budget_ms=budget)
            for name, _endpoint, url, role, budget in _wanted(ctx) if url is not None]


def extra(ctx: Context) -> list[Measure]:
    skipped = [Measure(f"{name}: SKIPPED", 0.0, note=f"endpoint missing: {endpoint}")
               for name, endpoint, url, _role, _budget in _wanted(ctx) if url is None]
    return [*skipped, *_measures_job(ctx), *_annual_report(ctx)]


def _measures_job(ctx: Context) -> list[Measure]:
    """The scheduled job as the scheduler runs it."""
    job = next(spec.func for spec in JOBS if spec.id == MEASURES_JOB)
    count = db.session.scalar(select(func.count()).select_from(MeasureRow))
    db.session.execute(delete(MeasureRun))
    db.session.commit()
    measured = []
    for label in ("from no stored run", "again, nothing changed"):
        started = time.perf_counter()
        figures = job()
        db.session.commit()
        took = (time.perf_counter() - started) * 1000
        runs = db.session.scalar(select(func.count()).select_from(MeasureRun))
        measured.append(Measure(f"measures job, {count} measures over {YEARS} years, {label}",
                                took, JOB_BUDGET_MS, f"{runs} runs stored; {str(figures or '')[:80]}"))
    return measured


def _annual_report(ctx: Context) -> list[Measure]:
    year = today().year - 1
    measured = []
    for locale in ("fr", "en"):
        with ctx.app.test_request_context():
            started = time.perf_counter()
            pdf = build_pdf(year, locale)
            took = (time.perf_counter() - started) * 1000
        db.session.rollback()
        pages_count = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
        measured.append(Measure(f"annual report PDF {year} ({locale}), build_pdf", took,
                                REPORT_BUDGET_MS, f"{pages_count} pages, {len(pdf) // 1024} KiB"))
    return measured
