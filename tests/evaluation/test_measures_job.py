"""The measures job as the scheduler runs it: every measure recomputed, changes stored,
figures reported with labels."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from icc_network.core.calendar import city_today
from icc_network.core.models import JobStatus
from icc_network.core.scheduling import job_specs
from icc_network.evaluation.models import MeasureRun
from icc_network.extensions import db
from icc_network.scheduler import run_job

from ..rumours import factories as rumours
from . import factories

JOB = "evaluation.compute_measures"


def _spec(app):
    return next(spec for spec in job_specs(app) if spec.id == JOB)


def test_the_job_is_scheduled_hourly_and_labels_its_figures(app):
    spec = _spec(app)
    assert spec.trigger == "cron" and spec.trigger_kwargs(app.config) == {"minute": 40}
    assert set(spec.result_labels) == {"measures", "changed", "failed"}
    assert all(str(label) for label in spec.result_labels.values())


def test_the_job_stores_each_measures_series_once_until_it_changes(app):
    today = city_today()
    rumour = rumours.rumour()
    rumours.sighting(rumour, seen_on=today, people_count=2)
    computed = factories.measure(definition_key="sightings_recorded",
                                 series_start=date(today.year - 1, today.month, 1))
    entered = factories.measure(source_kind="manual", definition_key=None,
                                series_start=date(today.year, 1, 1), unit="score")
    factories.measure_value(entered, date(today.year, 1, 1), 64)
    factories.measure(definition_key="no_longer_in_the_catalogue")
    db.session.commit()

    run_job(app, _spec(app))
    assert db.session.get(JobStatus, JOB).last_result == {"measures": 3, "changed": 3, "failed": 0}
    latest = db.session.scalars(select(MeasureRun).where(
        MeasureRun.measure_id == computed.id, MeasureRun.latest.is_(True))).one()
    assert latest.points[-1] == [date(today.year, today.month, 1).isoformat(), 2.0]
    assert latest.method["partial_from"] == latest.points[-1][0]

    run_job(app, _spec(app))
    assert db.session.get(JobStatus, JOB).last_result == {"measures": 3, "changed": 0, "failed": 0}
    rumours.sighting(db.session.merge(rumour), seen_on=today)
    db.session.commit()
    run_job(app, _spec(app))
    assert db.session.get(JobStatus, JOB).last_result == {"measures": 3, "changed": 1, "failed": 0}
    assert db.session.scalar(select(func.count()).select_from(MeasureRun).where(
        MeasureRun.measure_id == computed.id)) == 2


def test_with_no_measure_the_job_reports_nothing_to_do(app):
    run_job(app, _spec(app))
    status = db.session.get(JobStatus, JOB)
    assert status.last_error is None
    assert status.last_result == {"measures": 0, "changed": 0, "failed": 0}
