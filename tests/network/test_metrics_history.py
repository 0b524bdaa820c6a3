"""Each organisation's metrics month by month: written by the metrics job, shown on its page."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.network.models import OrganisationMetricsMonth
from icc_network.network.services import analytics, metrics_history
from icc_network.scheduler import run_job

from .. import factories as core_factories
from ..support import login
from . import factories


def _compute_at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(analytics, "utcnow", lambda: moment)
    analytics.recompute(analytics.state().version, "nightly")
    db.session.commit()


def _months(organisation_id: int) -> list[tuple[date, int]]:
    return [(row.month, row.degree) for row in metrics_history.of_organisation(organisation_id)]


def test_one_snapshot_per_month_the_last_computation_of_the_month_wins(monkeypatch):
    hub, first = factories.organisation("Maison des associations"), factories.organisation("A")
    factories.tie(hub, first)
    _compute_at(monkeypatch, datetime(2026, 9, 10, 8))
    second = factories.organisation("B")
    factories.tie(hub, second)
    _compute_at(monkeypatch, datetime(2026, 10, 2, 8))
    third = factories.organisation("C")
    factories.tie(hub, third)
    _compute_at(monkeypatch, datetime(2026, 10, 28, 8))  # later in October: replaces its row

    assert _months(hub.id) == [(date(2026, 9, 1), 1), (date(2026, 10, 1), 3)]
    assert _months(third.id) == [(date(2026, 10, 1), 1)]
    rows = db.session.scalars(select(OrganisationMetricsMonth)
                              .where(OrganisationMetricsMonth.month == date(2026, 10, 1))).all()
    assert len(rows) == 4 and {r.computed_at for r in rows} == {datetime(2026, 10, 28, 8)}


def test_the_month_is_the_citys(app, monkeypatch):
    factories.organisation("A")
    # 23:30 UTC on 31 October is already 1 November in Paris (the test city's zone).
    assert app.config["BABEL_DEFAULT_TIMEZONE"] == "Europe/Paris"
    assert metrics_history.month_of(datetime(2026, 10, 31, 23, 30)) == date(2026, 11, 1)


def test_the_nightly_job_writes_the_history(app):
    a, b = factories.organisation("A"), factories.organisation("B")
    factories.tie(a, b)
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "network.recompute_nightly"))
    assert [degree for _month, degree in _months(a.id)] == [1]


def test_only_the_last_months_are_read(monkeypatch):
    organisation = factories.organisation("A")
    for month in range(1, 15):
        year, number = 2025 + (month - 1) // 12, (month - 1) % 12 + 1
        _compute_at(monkeypatch, datetime(year, number, 15, 12))
    months = [month for month, _degree in _months(organisation.id)]
    assert len(months) == 14
    recent = metrics_history.of_organisation(organisation.id, months=12)
    assert [r.month for r in recent] == months[2:]
    assert recent[0].month == date(2025, 3, 1) and recent[-1].month == date(2026, 2, 1)


def test_the_organisation_page_shows_the_trend_and_its_table(client, monkeypatch):
    hub, first = factories.organisation("Centre social"), factories.organisation("A")
    factories.tie(hub, first)
    _compute_at(monkeypatch, datetime(2026, 9, 10, 8))
    factories.tie(hub, factories.organisation("B"))
    _compute_at(monkeypatch, datetime(2026, 10, 10, 8))
    login(client, core_factories.user("partner", locale="fr"))
    page = client.get(f"/network/organisations/{hub.id}").get_data(as_text=True)
    assert 'data-chart-for="metrics-history-table" data-sparkline' in page
    assert "sept. 2026" in page and "oct. 2026" in page
    assert '<td data-value="1">1</td>' in page and '<td data-value="2">2</td>' in page
    assert "chart.umd.min." in page  # a versioned name


def test_a_single_month_shows_the_table_without_a_chart(client, monkeypatch):
    organisation = factories.organisation("Seule")
    _compute_at(monkeypatch, datetime(2026, 9, 10, 8))
    login(client, core_factories.user("staff", locale="en"))
    page = client.get(f"/network/organisations/{organisation.id}").get_data(as_text=True)
    assert "Metrics month by month" in page and "data-sparkline" not in page


def test_the_organisation_page_reads_the_history_in_one_query(client, monkeypatch, query_counter):
    hub = factories.organisation("Centre")
    login(client, core_factories.user("coordinator"))
    with query_counter() as before:
        assert client.get(f"/network/organisations/{hub.id}").status_code == 200
    for month in range(1, 7):
        factories.tie(hub, factories.organisation(f"Partenaire {month}"))
        _compute_at(monkeypatch, datetime(2026, month, 15, 12))
    with query_counter() as after:
        assert client.get(f"/network/organisations/{hub.id}").status_code == 200
    assert after.count <= before.count + 1  # + the metrics row itself, once computed
