"""The demonstration data of the evaluation area: a survey before and after the market
campaign that shows its effect, the strategy's results, programmes and measures, and a
turn-the-curve worksheet, loaded once on top of the other areas' demo data."""

from __future__ import annotations

from sqlalchemy import func, select

from icc_network.campaigns.models import Campaign, CampaignDistrict
from icc_network.core.clock import today
from icc_network.evaluation import demo
from icc_network.evaluation.models import (
    Measure,
    MeasureRun,
    MeasureValue,
    Result,
    StrategyProgramme,
    Survey,
    SurveyAnswer,
    SurveyRespondent,
    SurveyStatement,
    SurveyWave,
    WorksheetLink,
)
from icc_network.evaluation.services.survey_results import wave_counts
from icc_network.extensions import db

TABLES = (Survey, SurveyStatement, SurveyWave, SurveyRespondent, SurveyAnswer, Result,
          StrategyProgramme, Measure, MeasureValue, WorksheetLink)


def _load(app) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def _counts() -> dict[str, int]:
    return {t.__name__: db.session.scalar(select(func.count()).select_from(t)) for t in TABLES}


def test_the_survey_asks_the_market_districts_before_and_after_the_campaign(app):
    _load(app)
    survey = db.session.scalar(select(Survey))
    market = db.session.get(Campaign, survey.campaign_id)
    assert market.status == "completed"
    assert survey.title.get("fr") and survey.title.get("en")
    statements = db.session.scalars(select(SurveyStatement).order_by(SurveyStatement.position)).all()
    assert [s.code for s in statements] == ["q1", "q2", "q3"]
    assert all(s.text.get("fr") and s.text.get("en") for s in statements)
    baseline, follow_up = db.session.scalars(select(SurveyWave).order_by(SurveyWave.starts_on))
    assert (baseline.kind, follow_up.kind) == ("baseline", "follow_up")
    assert baseline.ends_on < market.starts_on and follow_up.starts_on > market.ends_on
    assert follow_up.ends_on < today()
    sizes = dict(db.session.execute(select(SurveyRespondent.wave_id, func.count())
                                    .group_by(SurveyRespondent.wave_id)).all())
    assert sizes == {baseline.id: demo.WAVES[0][2], follow_up.id: demo.WAVES[1][2]}
    people = db.session.scalars(select(SurveyRespondent)).all()
    districts = set(db.session.scalars(select(CampaignDistrict.district_id).where(
        CampaignDistrict.campaign_id == market.id)))
    assert {p.district_id for p in people} == districts and len(districts) == 2
    assert all(p.age_band and p.gender for p in people)


def test_agreement_falls_on_the_two_rumours_the_campaign_answered_and_not_on_the_third(app):
    _load(app)
    baseline, follow_up = db.session.scalars(select(SurveyWave.id).order_by(SurveyWave.starts_on))
    statements = db.session.scalars(select(SurveyStatement).order_by(SurveyStatement.position)).all()
    counts = wave_counts([baseline, follow_up], [s.id for s in statements])

    def share(wave_id, statement):
        found = counts[(wave_id, statement.id)]
        return 100 * found.agree / found.answered

    drops = [share(baseline, s) - share(follow_up, s) for s in statements]
    assert [round(share(baseline, s)) for s in statements] == [46, 42, 37]
    assert [round(share(follow_up, s)) for s in statements] == [31, 29, 36]
    assert drops[0] > 12 and drops[1] > 10 and abs(drops[2]) < 3
    assert all(counts[(w, s.id)].answered == size for s in statements
               for w, size in ((baseline, demo.WAVES[0][2]), (follow_up, demo.WAVES[1][2])))


def test_the_strategy_has_measures_in_every_quadrant_and_a_worksheet(app):
    _load(app)
    titles = db.session.scalars(select(Result.title).order_by(Result.position)).all()
    assert titles[0]["en"] == "Residents do not believe rumours about newcomers"
    assert titles[0]["fr"] == "Les habitants ne croient pas aux rumeurs sur les nouveaux arrivants"
    programmes = db.session.scalars(select(StrategyProgramme)).all()
    assert {p.kind for p in programmes} == {"network", "training", "campaign"}
    campaign_programme = next(p for p in programmes if p.kind == "campaign")
    assert db.session.get(Campaign, campaign_programme.campaign_id).status == "completed"

    measures = db.session.scalars(select(Measure)).all()
    computed = [m for m in measures if m.source_kind == "computed"]
    assert len(computed) >= 12 and {m.quadrant for m in computed} >= {
        "how_much", "how_well", "better_off"}
    assert all(m.title.get("fr") and m.title.get("en") for m in measures)
    assert any(m.headline for m in measures) and any(m.public for m in measures)
    assert all(m.target_on > today() for m in measures if m.target_value is not None)
    assert all(m.baseline_start == m.series_start < m.baseline_end for m in measures)
    survey_measure = next(m for m in computed if m.definition_key == demo.SURVEY_SHARE_AGREEING)
    assert db.session.get(SurveyStatement, survey_measure.params["statement_id"]).code == "q1"
    baseline_wave = db.session.scalar(select(SurveyWave).where(SurveyWave.kind == "baseline"))
    assert survey_measure.series_start <= baseline_wave.ends_on <= survey_measure.baseline_end
    manual = next(m for m in measures if m.source_kind == "manual")
    assert manual.frequency == "quarter" and manual.source and manual.definition_key is None
    values = db.session.scalars(select(MeasureValue.value).where(
        MeasureValue.measure_id == manual.id).order_by(MeasureValue.period_start)).all()
    assert values == demo.ICC_SCORES

    assert survey_measure.story.get("fr") and survey_measure.story.get("en")
    links = db.session.scalars(select(WorksheetLink).where(
        WorksheetLink.measure_id == survey_measure.id)).all()
    assert {(link.section, bool(link.organisation_id), bool(link.argument_id),
             bool(link.campaign_id), bool(link.decision_id)) for link in links} == {
        ("partner", True, False, False, False), ("what_works", False, True, False, False),
        ("what_works", False, False, True, False), ("action", False, False, True, False),
        ("action", False, False, False, True)}


def test_the_demo_loads_once(app):
    runner = app.test_cli_runner()
    _load(app)
    counts = _counts()
    assert counts["SurveyAnswer"] == 3 * (demo.WAVES[0][2] + demo.WAVES[1][2])
    again = runner.invoke(args=["demo", "load", "--if-empty"])
    assert again.exit_code == 0 and _counts() == counts


def test_every_computed_measure_has_its_series_after_loading(app):
    _load(app)
    computed = set(db.session.scalars(select(Measure.id).where(Measure.source_kind == "computed")))
    with_runs = set(db.session.scalars(select(MeasureRun.measure_id).where(MeasureRun.latest)))
    assert computed and computed <= with_runs
