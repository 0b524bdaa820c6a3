"""A measure's series: its periods, baseline and forecast, and the runs kept as history."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from icc_network.evaluation.models import MeasureRun
from icc_network.evaluation.services import forecast, series
from icc_network.extensions import db

from ..rumours import factories as rumours
from . import factories

TODAY = date(2026, 6, 15)


def manual(**kwargs):
    kwargs.setdefault("series_start", date(2026, 1, 1))
    return factories.measure(source_kind="manual", definition_key=None, **kwargs)


def runs(measure) -> list[MeasureRun]:
    return list(db.session.scalars(select(MeasureRun).where(MeasureRun.measure_id == measure.id)
                                   .order_by(MeasureRun.id)))


def test_monthly_periods_run_to_the_current_month_which_is_partial():
    found = series.periods(manual(series_start=date(2026, 1, 20)), TODAY)
    assert [p.start for p in found] == [date(2026, m, 1) for m in range(1, 7)]
    assert found[0].end == date(2026, 1, 31) and not found[0].partial
    assert found[-1].end == TODAY and found[-1].partial


def test_quarterly_periods_are_calendar_quarters():
    found = series.periods(manual(frequency="quarter", series_start=date(2025, 11, 3)), TODAY)
    assert [(p.start, p.end) for p in found] == [
        (date(2025, 10, 1), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), TODAY)]
    assert [p.partial for p in found] == [False, False, True]


def test_a_series_starting_after_today_has_no_period():
    assert series.periods(manual(series_start=date(2026, 9, 1)), TODAY) == []
    assert series.series(manual(series_start=date(2026, 9, 1)), TODAY).points == []


def test_manual_values_fill_their_periods_and_leave_the_others_empty():
    measure = manual()
    factories.measure_value(measure, date(2026, 1, 1), 61)
    factories.measure_value(measure, date(2026, 3, 1), 64.5)
    computed = series.series(measure, TODAY)
    assert computed.points == [["2026-01-01", 61.0], ["2026-02-01", None], ["2026-03-01", 64.5],
                               ["2026-04-01", None], ["2026-05-01", None], ["2026-06-01", None]]
    assert computed.method["partial_from"] == "2026-06-01"
    assert computed.baseline == pytest.approx(62.75)
    assert computed.method["reason"] == forecast.TOO_FEW_POINTS and computed.forecast == []


def test_the_forecast_follows_the_baseline_line_up_to_the_target_date():
    measure = manual(baseline_start=date(2026, 1, 1), baseline_end=date(2026, 3, 31),
                     target_on=date(2026, 9, 30), unit="count")
    for month, value in ((1, 10), (2, 20), (3, 30), (4, 80)):
        factories.measure_value(measure, date(2026, month, 1), value)
    computed = series.series(measure, TODAY)
    assert computed.baseline == 20
    assert computed.method["baseline_from"] == "2026-01-01"
    assert computed.method["baseline_to"] == "2026-03-01"
    assert computed.method["slope"] == 10 and computed.method["intercept"] == 10
    assert computed.method["n"] == 3 and computed.method["s"] == 0
    assert computed.forecast == [[f"2026-{m:02d}-01", v, v, v] for m, v in
                                 ((4, 40), (5, 50), (6, 60), (7, 70), (8, 80), (9, 90))]


def test_the_default_baseline_is_the_first_twelve_periods_with_a_figure_never_the_partial():
    measure = manual(series_start=date(2025, 1, 1))
    for index in range(17):  # January 2025 to May 2026, a value each month
        factories.measure_value(measure, date(2025 + index // 12, index % 12 + 1, 1), index)
    factories.measure_value(measure, date(2026, 6, 1), 1000)  # the current month
    computed = series.series(measure, TODAY)
    assert computed.method["baseline_from"] == "2025-01-01"
    assert computed.method["baseline_to"] == "2025-12-01"
    assert computed.baseline == pytest.approx(5.5)
    assert [p[0] for p in computed.forecast][0] == "2026-01-01"
    assert computed.forecast[-1][0] == "2026-06-01"

    quarter = manual(frequency="quarter", series_start=date(2026, 1, 1))
    factories.measure_value(quarter, date(2026, 4, 1), 3)
    only_partial = series.series(quarter, TODAY)
    assert only_partial.points[-1] == ["2026-04-01", 3.0]
    assert only_partial.baseline is None
    assert only_partial.method["reason"] == forecast.NO_BASELINE


def test_shares_stay_between_0_and_100_and_counts_above_0():
    share = manual(unit="share", baseline_end=date(2026, 4, 30), target_on=date(2027, 6, 1))
    count = manual(unit="count", baseline_end=date(2026, 4, 30), target_on=date(2027, 6, 1))
    for month, value in ((1, 70), (2, 80), (3, 90), (4, 100)):
        factories.measure_value(share, date(2026, month, 1), value)
        factories.measure_value(count, date(2026, month, 1), 130 - value)
    high = series.series(share, TODAY).forecast
    low = series.series(count, TODAY).forecast
    assert all(0 <= v <= 100 for point in high for v in point[1:])
    assert all(v >= 0 for point in low for v in point[1:])
    assert low[-1][1] == 0


def test_a_measure_without_data_has_empty_points_and_says_why_there_is_no_forecast():
    computed = series.series(manual(), TODAY)
    assert all(value is None for _, value in computed.points)
    assert computed.baseline is None and computed.forecast == []
    assert computed.method["reason"] == forecast.NO_BASELINE
    assert "NaN" not in json.dumps(computed.points + computed.forecast)


def test_a_computed_measure_reads_its_definition_period_by_period():
    rumour = rumours.rumour()
    for day, people in ((date(2026, 1, 5), 2), (date(2026, 2, 5), 3), (date(2026, 3, 5), 4),
                        (date(2026, 6, 1), 9), (date(2026, 6, 30), 50)):
        rumours.sighting(rumour, seen_on=day, people_count=people)
    measure = factories.measure(definition_key="sightings_recorded",
                                series_start=date(2026, 1, 1))
    computed = series.series(measure, TODAY)
    assert [v for _, v in computed.points] == [2, 3, 4, 0, 0, 9]
    assert computed.method["n"] == 5  # the partial June is not fitted


def test_an_unknown_definition_gives_an_empty_series_that_says_so():
    measure = factories.measure(definition_key="withdrawn_measure", series_start=date(2026, 4, 1))
    computed = series.series(measure, TODAY)
    assert computed.points == [["2026-04-01", None], ["2026-05-01", None], ["2026-06-01", None]]
    assert computed.method["reason"] == series.NO_DEFINITION


def test_a_run_is_stored_only_when_the_series_changed_and_takes_the_latest_flag():
    measure = manual()
    factories.measure_value(measure, date(2026, 1, 1), 5)
    first = series.recompute(measure, TODAY)
    assert first is not None and first.latest and first.fingerprint
    assert series.recompute(measure, TODAY) is None
    factories.measure_value(measure, date(2026, 2, 1), 6)
    second = series.recompute(measure, TODAY)
    assert second is not None
    kept = runs(measure)
    assert [run.id for run in kept] == [first.id, second.id]
    assert [run.latest for run in kept] == [False, True]
    assert kept[0].points[1] == ["2026-02-01", None]
    assert kept[1].points[1] == ["2026-02-01", 6.0]


def test_recompute_all_reports_measures_and_changes():
    one, two = manual(), manual()
    factories.measure_value(one, date(2026, 1, 1), 5)
    assert series.recompute_all(TODAY) == {"measures": 2, "changed": 2, "failed": 0}
    assert series.recompute_all(TODAY) == {"measures": 2, "changed": 0, "failed": 0}
    factories.measure_value(two, date(2026, 2, 1), 7)
    assert series.recompute_all(TODAY) == {"measures": 2, "changed": 1, "failed": 0}
    assert len(runs(two)) == 2 and len(runs(one)) == 1
    assert sum(run.latest for run in runs(two)) == 1


def test_every_reason_for_no_forecast_has_words_for_the_pages():
    for code in (forecast.TOO_FEW_POINTS, forecast.NO_BASELINE, series.NO_DEFINITION):
        assert str(series.REASONS[code])


def test_a_measure_that_cannot_be_computed_is_counted_and_leaves_the_others_be():
    broken = factories.measure(definition_key="sightings_recorded", series_start=date(2026, 5, 1),
                               params={"district_id": "not a number"})
    fine = manual()
    factories.measure_value(fine, date(2026, 1, 1), 5)
    assert series.recompute_all(TODAY) == {"measures": 2, "changed": 1, "failed": 1}
    assert runs(broken) == [] and len(runs(fine)) == 1
