"""The results-based accountability pages through the client, CSRF on: the overview and
its empty states, the measure form and its refusals, a measure's page, figures by hand."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from icc_network.core.i18n import lazy_gettext as _l
from icc_network.evaluation.models import Measure, MeasureValue
from icc_network.evaluation.services import catalogue
from icc_network.evaluation.services.catalogue import MeasureDefinition
from icc_network.extensions import db

from .. import factories as core_factories
from ..support import login
from . import factories


@pytest.fixture
def coordinator(client):
    user = core_factories.user("coordinator")
    login(client, user)
    return user


@pytest.fixture
def definition():
    found = MeasureDefinition(key="test_views", label=_l("Test count"),
                              definition=_l("Every test record of the period"),
                              quadrant="how_well", unit="count", polarity="up",
                              compute=lambda start, end: 1.0)
    catalogue.register(found)
    yield found
    catalogue._DEFINITIONS.pop(found.key, None)


def _no_nonsense(page: str) -> None:
    for word in ("nan", "NaN", "None", "inf"):
        assert f">{word}<" not in page and f" {word} " not in page


def _measure_form(programme, **overrides) -> dict:
    return {"title-fr": "Indice ICC", "title-en": "ICC Index", "result_id": "",
            "programme_id": str(programme.id), "quadrant": "better_off",
            "source_kind": "manual", "definition_key": "", "district_id": "",
            "campaign_id": "", "statement_id": "", "definition-fr": "Le score de la ville",
            "definition-en": "", "source": "ICC Index 2025", "unit": "score",
            "polarity": "up", "frequency": "quarter", "series_start": "2025-01-01",
            "baseline_start": "", "baseline_end": "", "target_value": "", "target_on": "",
            **overrides}


def test_the_overview_shows_its_empty_states(client, coordinator):
    page = client.get("/evaluation/").get_data(as_text=True)
    assert "No result yet" in page and "No programme yet" in page


def test_the_overview_lists_results_programmes_and_measures_by_quadrant(client, coordinator):
    result = factories.result("Les habitants ne croient pas les rumeurs")
    programme = factories.programme("Le réseau", result=result)
    measure = factories.measure(programme=programme, quadrant="how_much")
    factories.measure_run(measure, [(date(2025, 1, 1), 3), (date(2025, 2, 1), 5)])
    indicator = factories.measure(result=result, quadrant=None)
    page = client.get("/evaluation/").get_data(as_text=True)
    assert measure.title["en"] in page and indicator.title["en"] in page
    assert "No figure yet" in page and "How much did we do?" in page
    assert "<polyline" in page
    _no_nonsense(page)


def test_the_overview_costs_the_same_queries_however_many_measures(client, coordinator,
                                                                    query_counter):
    counts = []
    for extra in (1, 8):
        programme = factories.programme(result=factories.result())
        for _ in range(extra):
            measure = factories.measure(programme=programme)
            factories.measure_run(measure, [(date(2025, 1, 1), 1)])
        with query_counter() as log:
            assert client.get("/evaluation/").status_code == 200
        counts.append(log.count)
    assert counts[0] == counts[1]


def test_the_catalogue_shows_each_definition(client, coordinator, definition):
    page = client.get("/evaluation/catalogue").get_data(as_text=True)
    assert "Every test record of the period" in page and "How well did we do it?" in page


def test_a_coordinator_creates_a_measure_entered_by_hand(client, coordinator):
    programme = factories.programme()
    response = client.post_form("/evaluation/measures/new", _measure_form(programme))
    assert response.status_code == 302
    measure = db.session.scalar(select(Measure))
    assert (measure.source, measure.frequency, measure.quadrant) == (
        "ICC Index 2025", "quarter", "better_off")


def test_a_target_in_the_past_is_refused_on_the_form_and_nothing_typed_is_lost(client,
                                                                               coordinator):
    programme = factories.programme()
    page = client.post_form("/evaluation/measures/new", _measure_form(
        programme, target_value="45,5", target_on="2020-01-01")).get_data(as_text=True)
    assert "The target date has passed" in page and 'value="45,5"' in page
    assert "ICC Index 2025" in page
    assert db.session.scalar(select(func.count()).select_from(Measure)) == 0


def test_a_target_that_is_not_a_number_is_refused_and_kept(client, coordinator):
    page = client.post_form("/evaluation/measures/new", _measure_form(
        factories.programme(), target_value="beaucoup")).get_data(as_text=True)
    assert "Enter a number" in page and 'value="beaucoup"' in page


def test_a_computed_measure_without_definition_gets_a_clear_message(client, coordinator):
    page = client.post_form("/evaluation/measures/new", _measure_form(
        factories.programme(), source_kind="computed")).get_data(as_text=True)
    assert "needs a definition of the catalogue" in page


def test_a_share_target_is_typed_in_percent(client, coordinator):
    client.post_form("/evaluation/measures/new", _measure_form(
        factories.programme(), unit="share", target_value="45", target_on="2099-01-01"))
    measure = db.session.scalar(select(Measure))
    # Kept in percent, as the measures job computes shares.
    assert measure.target_value == pytest.approx(45)
    page = client.get(f"/evaluation/measures/{measure.id}/edit").get_data(as_text=True)
    assert 'value="45"' in page


def test_a_measure_with_no_data_shows_an_empty_state(client, coordinator):
    measure = factories.measure(source_kind="manual", definition_key=None, source="ICC")
    page = client.get(f"/evaluation/measures/{measure.id}").get_data(as_text=True)
    assert "No figure yet" in page and "Not computed yet" in page
    _no_nonsense(page)


def test_a_measure_page_shows_the_curve_table_with_baseline_forecast_and_target(client,
                                                                                coordinator,
                                                                                definition):
    measure = factories.measure(definition_key=definition.key, unit="share",
                                target_value=40, target_on=date(2099, 1, 1))
    factories.measure_run(measure, [(date(2025, 1, 1), 25), (date(2025, 2, 1), None)],
                          baseline=25, forecast=[(date(2025, 3, 1), 20, 10, 30)])
    page = client.get(f"/evaluation/measures/{measure.id}").get_data(as_text=True)
    assert "Every test record of the period" in page and 'data-chart-for="curve-table"' in page
    assert "Forecast if nothing changes" in page and "40" in page
    assert 'data-value="25.0"' in page
    _no_nonsense(page)


def test_a_measure_page_says_how_its_forecast_was_fitted_or_why_there_is_none(
        client, coordinator, definition):
    fitted = factories.measure(definition_key=definition.key)
    factories.measure_run(fitted, [(date(2025, 1, 1), 10), (date(2025, 2, 1), 12)],
                          method={"n": 6, "slope": 1.25, "baseline_from": "2025-01-01",
                                  "baseline_to": "2025-06-01", "reason": ""})
    page = client.get(f"/evaluation/measures/{fitted.id}").get_data(as_text=True)
    assert "How the forecast is made" in page and "least squares" in page
    assert "Fitted on 6 periods with a figure" in page and "1.25 a period" in page
    short = factories.measure(definition_key=definition.key)
    factories.measure_run(short, [(date(2025, 1, 1), 10)],
                          method={"n": 1, "reason": "too_few_points"})
    page = client.get(f"/evaluation/measures/{short.id}").get_data(as_text=True)
    assert "fewer than three baseline periods have a figure" in page
    _no_nonsense(page)


def test_figures_are_entered_by_hand_with_their_note(client, coordinator):
    measure = factories.measure(source_kind="manual", definition_key=None, source="ICC",
                                unit="share", series_start=date(2025, 1, 1))
    response = client.post_form(f"/evaluation/measures/{measure.id}/values", {
        "period": "2025-01-01", "value": "62,5", "note": "Indice 2025"})
    assert response.status_code == 302
    row = db.session.scalar(select(MeasureValue))
    assert row.value == pytest.approx(62.5) and row.note == "Indice 2025"
    page = client.get(f"/evaluation/measures/{measure.id}/values").get_data(as_text=True)
    assert "Indice 2025" in page


@pytest.mark.parametrize("typed", ["douze", "NaN", "1e999", "150"])
def test_bad_figures_are_refused_on_the_form_and_kept(client, coordinator, typed):
    measure = factories.measure(source_kind="manual", definition_key=None, source="ICC",
                                unit="share")
    page = client.post_form(f"/evaluation/measures/{measure.id}/values", {
        "period": "2025-01-01", "value": typed, "note": "gardé"}).get_data(as_text=True)
    assert f'value="{typed}"' in page and 'value="gardé"' in page
    assert "alert" in page or "invalid-feedback" in page
    assert db.session.scalar(select(func.count()).select_from(MeasureValue)) == 0


def test_a_figure_is_removed(client, coordinator):
    measure = factories.measure(source_kind="manual", definition_key=None, source="ICC")
    factories.measure_value(measure, date(2025, 1, 1), 4)
    response = client.post_form(f"/evaluation/measures/{measure.id}/values",
                                {"remove": "2025-01-01"})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(MeasureValue)) == 0


def test_a_result_and_a_programme_are_created(client, coordinator):
    assert client.post_form("/evaluation/results/new", {
        "title-fr": "Les habitants ne croient pas les rumeurs", "title-en": "",
        "description-fr": "", "description-en": "", "position": "0"}).status_code == 302
    page = client.post_form("/evaluation/programmes/new", {
        "title-fr": "Campagne", "title-en": "", "kind": "campaign", "description-fr": "",
        "description-en": "", "result_id": "", "campaign_id": "", "position": "0"})
    assert "Choose the campaign this programme follows" in page.get_data(as_text=True)
