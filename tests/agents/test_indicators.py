"""The figures other areas read through core's registry, without importing agents."""

from __future__ import annotations

from datetime import date

from icc_network.agents.services import reports
from icc_network.agents.services.reports import ReportFilters
from icc_network.core.registries import indicator, indicator_source

from . import reports_data

KEYS = ("agents.hours_delivered", "agents.sessions_held", "agents.people_trained",
        "agents.people_certified", "agents.active_agents", "agents.conversations")


def test_every_figure_is_published_with_a_label_and_a_description():
    for key in KEYS:
        source = indicator_source(key)
        assert source is not None, key
        assert str(source.label) and str(source.description)


def test_the_indicators_give_the_reports_figures():
    record = reports_data.build()
    totals = reports.totals(ReportFilters())
    assert indicator("agents.hours_delivered") == totals.hours == 17
    assert indicator("agents.sessions_held") == totals.sessions == 3
    assert indicator("agents.people_trained") == totals.trained == 3
    assert indicator("agents.people_certified") == totals.certified == 2
    assert indicator("agents.conversations") == 3
    south = reports.totals(ReportFilters(district_id=record.south.id))
    assert indicator("agents.hours_delivered", district_id=record.south.id) == south.hours == 6
    assert indicator("agents.people_trained", district_id=record.south.id) == 2


def test_the_indicators_take_a_date_range_and_a_district():
    record = reports_data.build()
    spring = {"start": date(2026, 3, 1), "end": date(2026, 5, 31)}
    assert indicator("agents.hours_delivered", **spring) == 3
    assert indicator("agents.sessions_held", **spring) == 1
    assert indicator("agents.people_certified", **spring) == 1
    assert indicator("agents.conversations", **spring) == 3
    assert indicator("agents.conversations", district_id=record.south.id, **spring) == 1


def test_active_agents_are_those_with_a_valid_certificate_on_the_end_date():
    record = reports_data.build()
    assert indicator("agents.active_agents", end=date(2026, 3, 1)) == 1
    assert indicator("agents.active_agents", end=date(2026, 5, 1)) == 2
    assert indicator("agents.active_agents", end=date(2026, 5, 1),
                     district_id=record.south.id) == 0
    assert indicator("agents.active_agents", end=date(2030, 1, 1)) == 0
