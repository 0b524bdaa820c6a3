"""Results, programmes and measures without HTTP: the rules a measure must follow, the
figures entered by hand, and the curve pages read from a stored run."""

from __future__ import annotations

from datetime import date

import pytest

from icc_network.core.i18n import lazy_gettext as _l
from icc_network.core.rules import RuleViolation
from icc_network.evaluation.models import MeasureValue
from icc_network.evaluation.services import accountability, catalogue, curves
from icc_network.evaluation.services.accountability import MeasureData, ProgrammeData
from icc_network.evaluation.services.catalogue import MeasureDefinition
from icc_network.extensions import db

from . import factories

TODAY = date(2026, 3, 15)


@pytest.fixture
def definition():
    """A test definition of the catalogue, taking a district."""
    found = MeasureDefinition(key="test_by_district", label=_l("Test"),
                              definition=_l("What the test counts"), quadrant="how_much",
                              unit="count", polarity="up", params=("district_id",),
                              compute=lambda start, end, district_id=None: 1.0)
    catalogue.register(found)
    yield found
    catalogue._DEFINITIONS.pop(found.key, None)


def _data(programme, **overrides) -> MeasureData:
    values = {"title": {"fr": "Signalements", "en": "Sightings"},
              "series_start": date(2025, 1, 1), "programme_id": programme.id,
              "quadrant": "how_much", "source_kind": "manual", "source": "ICC Index",
              **overrides}
    return MeasureData(**values)


def _refusal(work) -> RuleViolation:
    with pytest.raises(RuleViolation) as refused:
        work()
    return refused.value


def test_a_target_date_in_the_past_is_refused_with_a_message_on_its_field():
    programme = factories.programme()
    refusal = _refusal(lambda: accountability.save_measure(
        None, _data(programme, target_value=10.0, target_on=date(2026, 1, 1)), actor=None,
        today=TODAY))
    assert refusal.field == "target_on" and str(refusal.message)


def test_an_old_target_already_saved_does_not_stop_other_changes():
    programme = factories.programme()
    measure = factories.measure(programme=programme, source_kind="manual",
                                definition_key=None, source="x", target_value=5.0,
                                target_on=date(2026, 1, 1))
    saved = accountability.save_measure(
        measure, _data(programme, target_value=5.0, target_on=date(2026, 1, 1),
                       title={"fr": "Nouveau titre"}), actor=None, today=TODAY)
    assert saved.title == {"fr": "Nouveau titre"}


def test_a_manual_measure_needs_its_source():
    refusal = _refusal(lambda: accountability.save_measure(
        None, _data(factories.programme(), source="  "), actor=None, today=TODAY))
    assert refusal.field == "source"


def test_a_computed_measure_needs_a_definition_of_the_catalogue_and_its_parameters(definition):
    programme = factories.programme()
    unknown = _refusal(lambda: accountability.save_measure(
        None, _data(programme, source_kind="computed", definition_key="nothing"),
        actor=None, today=TODAY))
    assert unknown.field == "definition_key"
    no_district = _refusal(lambda: accountability.save_measure(
        None, _data(programme, source_kind="computed", definition_key=definition.key),
        actor=None, today=TODAY))
    assert no_district.field == "district_id"


def test_a_computed_measure_keeps_only_the_parameters_its_definition_takes(definition):
    from tests import factories as core_factories

    district = core_factories.district()
    measure = accountability.save_measure(None, _data(
        factories.programme(), source_kind="computed", definition_key=definition.key,
        params={"district_id": district.id, "campaign_id": 99}), actor=None, today=TODAY)
    assert measure.params == {"district_id": district.id} and measure.source == "ICC Index"


def test_a_performance_measure_needs_a_quadrant_and_an_indicator_does_not():
    refusal = _refusal(lambda: accountability.save_measure(
        None, _data(factories.programme(), quadrant=None), actor=None, today=TODAY))
    assert refusal.field == "quadrant"
    result = factories.result()
    indicator = accountability.save_measure(
        None, _data(factories.programme(), programme_id=None, result_id=result.id,
                    quadrant=None), actor=None, today=TODAY)
    assert indicator.result_id == result.id and indicator.quadrant is None


def test_a_measure_belongs_to_one_result_or_one_programme():
    refusal = _refusal(lambda: accountability.save_measure(
        None, _data(factories.programme(), result_id=factories.result().id), actor=None,
        today=TODAY))
    assert refusal.field == "programme_id"


def test_the_series_starts_on_the_first_day_of_its_period():
    measure = accountability.save_measure(
        None, _data(factories.programme(), series_start=date(2025, 5, 17), frequency="quarter"),
        actor=None, today=TODAY)
    assert measure.series_start == date(2025, 4, 1)


def test_a_campaign_programme_follows_a_campaign():
    refusal = _refusal(lambda: accountability.save_programme(
        None, ProgrammeData(title={"fr": "Campagne"}, kind="campaign"), actor=None))
    assert refusal.field == "campaign_id"


def test_figures_entered_by_hand_are_recorded_corrected_and_removed():
    measure = factories.measure(source_kind="manual", definition_key=None, source="ICC",
                                unit="score")
    accountability.set_value(measure, date(2025, 2, 1), 61.0, "Index 2025", actor=None,
                             today=TODAY)
    accountability.set_value(measure, date(2025, 2, 1), 62.5, " corrigé ", actor=None,
                             today=TODAY)
    row = db.session.get(MeasureValue, (measure.id, date(2025, 2, 1)))
    assert (row.value, row.note) == (62.5, "corrigé")
    accountability.delete_value(measure, date(2025, 2, 1), actor=None)
    assert db.session.get(MeasureValue, (measure.id, date(2025, 2, 1))) is None


@pytest.mark.parametrize("period, value, field", [
    (date(2025, 2, 1), float("nan"), "value"),
    (date(2025, 2, 1), float("inf"), "value"),
    (date(2027, 1, 1), 3.0, "period"),
    (date(2024, 12, 1), 3.0, "period"),
])
def test_bad_figures_and_periods_are_refused(period, value, field):
    measure = factories.measure(source_kind="manual", definition_key=None, source="ICC")
    assert _refusal(lambda: accountability.set_value(
        measure, period, value, "", actor=None, today=TODAY)).field == field


def test_a_share_entered_by_hand_is_a_percentage_between_0_and_100():
    measure = factories.measure(source_kind="manual", definition_key=None, source="ICC",
                                unit="share")
    assert _refusal(lambda: accountability.set_value(
        measure, date(2025, 2, 1), 100.5, "", actor=None, today=TODAY)).field == "value"
    assert accountability.set_value(measure, date(2025, 2, 1), 100.0, "", actor=None,
                                    today=TODAY).value == 100.0


def test_a_computed_measure_takes_no_figure_by_hand():
    measure = factories.measure()
    with pytest.raises(RuleViolation):
        accountability.set_value(measure, date(2025, 2, 1), 3.0, "", actor=None, today=TODAY)


def test_the_periods_offered_run_from_the_series_start_to_the_running_one():
    measure = factories.measure(frequency="quarter", series_start=date(2025, 7, 1))
    assert accountability.periods(measure, TODAY) == [
        date(2026, 1, 1), date(2025, 10, 1), date(2025, 7, 1)]


# --- curves -----------------------------------------------------------------------------


def test_a_curve_marks_the_running_period_and_drops_what_is_not_a_number():
    measure = factories.measure(target_value=30.0, target_on=date(2026, 12, 1))
    run = factories.measure_run(measure, [(date(2026, 1, 1), 10), (date(2026, 2, 1), "NaN"),
                                          (date(2026, 3, 1), 4)], baseline=float("nan"),
                                forecast=[(date(2026, 3, 1), 12, 9, 15)])
    shown = curves.curve(measure, run, TODAY)
    assert [row.value for row in shown.rows] == [10, None, 4]
    assert shown.rows[-1].partial and shown.baseline is None
    assert shown.latest.period == date(2026, 1, 1)  # the running month is not complete
    assert shown.target_value == 30.0


def test_a_curve_turns_the_right_way_when_it_beats_the_forecast_as_its_polarity_wants():
    up = factories.measure(polarity="up")
    run = factories.measure_run(up, [(date(2026, 1, 1), 10), (date(2026, 2, 1), 14)],
                                forecast=[(date(2026, 2, 1), 12, 11, 13)])
    assert curves.curve(up, run, TODAY).turning is True
    down = factories.measure(polarity="down")
    run = factories.measure_run(down, [(date(2026, 1, 1), 10), (date(2026, 2, 1), 14)],
                                forecast=[(date(2026, 2, 1), 12, 11, 13)])
    assert curves.curve(down, run, TODAY).turning is False


def test_a_curve_without_forecast_follows_its_last_two_figures():
    measure = factories.measure(polarity="down")
    run = factories.measure_run(measure, [(date(2026, 1, 1), 10), (date(2026, 2, 1), 7)])
    shown = curves.curve(measure, run, TODAY)
    assert (shown.trend, shown.turning) == ("down", True)
    assert shown.spark().count(",") == 2


def test_a_measure_with_no_run_has_an_empty_curve():
    shown = curves.curve(factories.measure(), None, TODAY)
    assert not shown.has_values and shown.latest is None and shown.trend is None
    assert shown.turning is None and shown.spark() == ""


def test_the_history_lists_runs_newest_first():
    from datetime import datetime

    measure = factories.measure()
    old = factories.measure_run(measure, [], latest=False, computed_at=datetime(2026, 1, 1))
    new = factories.measure_run(measure, [], computed_at=datetime(2026, 2, 1))
    assert curves.run_history(measure.id) == [new, old]


def test_a_flat_curve_draws_a_sparkline_without_dividing_by_zero():
    measure = factories.measure()
    run = factories.measure_run(measure, [(date(2026, 1, 1), 0), (date(2026, 2, 1), 0)],
                                forecast=[(date(2026, 2, 1), 0, 0, 0)])
    shown = curves.curve(measure, run, TODAY)
    assert shown.spark() == "0.0,20.0 80.0,20.0"
    assert (shown.trend, shown.turning) == ("flat", None)
