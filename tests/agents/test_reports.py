"""Training figures against a record counted by hand (see reports_data.build)."""

from __future__ import annotations

from datetime import date

from icc_network.agents.services import figures, reports
from icc_network.agents.services.reports import ReportFilters

from . import reports_data


def _table(filters: ReportFilters, dimension: str) -> dict:
    return {key: (f.hours, f.sessions, f.trained, f.certified)
            for key, f in reports.breakdown(filters, dimension).rows}


def test_totals_count_each_person_once_and_leave_out_cancelled_sessions():
    reports_data.build()
    totals = reports.totals(ReportFilters())
    assert (totals.hours, totals.sessions, totals.trained, totals.certified) == (17, 3, 3, 2)


def test_figures_by_month_run_without_a_gap():
    reports_data.build()
    assert _table(ReportFilters(), "period") == {
        date(2026, 1, 1): (8, 1, 2, 0), date(2026, 2, 1): (6, 1, 2, 1),
        date(2026, 3, 1): (0, 0, 0, 0), date(2026, 4, 1): (3, 1, 1, 1)}


def test_figures_by_quarter_and_year():
    reports_data.build()
    assert _table(ReportFilters(period="quarter"), "period") == {
        date(2026, 1, 1): (14, 2, 2, 1), date(2026, 4, 1): (3, 1, 1, 1)}
    assert _table(ReportFilters(period="year"), "period") == {date(2026, 1, 1): (17, 3, 3, 2)}


def test_the_date_filters_widen_the_periods_shown():
    reports_data.build()
    rows = _table(ReportFilters(start=date(2025, 12, 15), end=date(2026, 1, 31)), "period")
    assert rows == {date(2025, 12, 1): (0, 0, 0, 0), date(2026, 1, 1): (8, 1, 2, 0)}


def test_figures_by_district_language_programme_and_kind():
    record = reports_data.build()
    everything = ReportFilters()
    # Certificates fall in their holder's district: the south's only one was revoked.
    assert _table(everything, "district") == {record.north.id: (11, 2, 3, 2),
                                              record.south.id: (6, 1, 2, 0)}
    # Awa trained in French and English: her certificate counts under both.
    assert _table(everything, "language") == {"fr": (11, 2, 3, 2), "en": (6, 1, 2, 1)}
    assert _table(everything, "programme") == {record.basic.id: (14, 2, 2, 1),
                                               record.staff_course.id: (3, 1, 1, 1)}
    assert _table(everything, "kind") == {"volunteer": (14, 2, 2, 1), "staff": (3, 1, 1, 1)}


def test_filters_narrow_every_figure():
    record = reports_data.build()

    def figures(**kwargs):
        t = reports.totals(ReportFilters(**kwargs))
        return t.hours, t.sessions, t.trained, t.certified

    assert figures(district_id=record.south.id) == (6, 1, 2, 0)
    assert figures(language="en") == (6, 1, 2, 1)
    assert figures(kind="staff") == (3, 1, 1, 1)
    assert figures(programme_id=record.staff_course.id) == (3, 1, 1, 1)
    assert figures(start=date(2026, 2, 1), end=date(2026, 3, 31)) == (6, 1, 2, 1)
    assert figures(start=date(2026, 2, 1), end=date(2026, 2, 4)) == (0, 0, 0, 0)


def test_conversations_by_response_mode_and_outcome_per_period():
    record = reports_data.build()
    modes = reports.conversations(ReportFilters(), "response_mode")
    assert modes.total == 3
    assert modes.rows == [(date(2026, 3, 1), {"correct": 1, "empathise": 1}),
                          (date(2026, 4, 1), {"correct": 1})]
    outcomes = reports.conversations(ReportFilters(district_id=record.north.id), "outcome")
    assert outcomes.total == 2
    assert outcomes.rows == [(date(2026, 3, 1), {"doubt": 1}), (date(2026, 4, 1), {"changed": 1})]
    assert reports.conversations(ReportFilters(kind="staff"), "outcome").total == 1


def test_the_overview_counts_the_register():
    record = reports_data.build()
    counts = figures.overview(on=date(2026, 6, 1))
    assert counts.by_status == {"certified": 1, "in_training": 1, "active": 1, "candidate": 1}
    assert counts.by_district[record.north.id] == {"certified": 1, "active": 1, "candidate": 1}
    assert counts.certified_this_year == 2
    assert counts.valid_today == 2
    assert counts.upcoming_sessions == 0


def test_nothing_recorded_gives_zeros_and_no_rows():
    assert reports.totals(ReportFilters()).hours == 0
    assert reports.breakdown(ReportFilters(), "period").rows == []
    assert reports.conversations(ReportFilters(), "outcome").rows == []


def test_a_range_of_centuries_lists_only_the_span_of_the_figures():
    reports_data.build()
    wide = ReportFilters(start=date(1, 1, 1), end=date.max)
    assert [key for key, _f in reports.breakdown(wide, "period").rows] == [
        date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)]
    assert len(reports.conversations(wide, "outcome").rows) == 2
    assert reports.totals(wide).sessions == 3
    empty_year = ReportFilters(start=date(9999, 1, 1), end=date.max)
    assert len(reports.breakdown(empty_year, "period").rows) == 12
