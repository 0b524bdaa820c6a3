"""The scheduler runs each area's jobs and records what happened."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import icc_network
from icc_network.core import claims
from icc_network.core.areas import AREAS
from icc_network.core.clock import utcnow
from icc_network.core.models import JobStatus, PendingImport
from icc_network.core.scheduling import JobSpec, job_specs
from icc_network.extensions import db
from icc_network.scheduler import build_scheduler, record_next_runs, run_job

from .. import factories


def test_every_area_job_is_registered(app):
    ids = {spec.id for spec in job_specs(app)}
    assert {"core.heartbeat", "core.housekeeping"} <= ids
    scheduler = build_scheduler(app, blocking=False)
    assert {job.id for job in scheduler.get_jobs()} == ids


def test_the_heartbeat_interval_comes_from_the_apps_config(app, monkeypatch):
    monkeypatch.setitem(app.config, "SCHEDULER_HEARTBEAT_SECONDS", 7)
    scheduler = build_scheduler(app, blocking=False)
    assert scheduler.get_job("core.heartbeat").trigger.interval == timedelta(seconds=7)


def test_areas_declare_their_jobs_without_importing_the_scheduler():
    root = Path(icc_network.__file__).parent
    upward = re.compile(r"^\s*(from (\.+|icc_network\.)scheduler |import icc_network\.scheduler)",
                        re.MULTILINE)
    for area in AREAS:
        for path in (root / area).rglob("*.py"):
            assert not upward.search(path.read_text()), path


def test_a_run_records_time_result_and_next_run(app):
    scheduler = build_scheduler(app, blocking=False)
    scheduler.start(paused=True)
    try:
        spec = next(s for s in job_specs(app) if s.id == "core.heartbeat")
        run_job(app, spec, scheduler)
    finally:
        scheduler.shutdown(wait=False)
    status = db.session.get(JobStatus, "core.heartbeat")
    assert status.run_count == 1 and status.last_success_at is not None
    assert status.last_result["pid"] and status.next_run_at is not None
    assert status.last_error is None


def test_a_failing_job_records_its_error_and_keeps_nothing_half_done(app):
    def failing():
        factories.district("half-done", "Demi", None)
        raise ValueError("source unavailable")

    run_job(app, JobSpec("test.failing", failing, "interval", {"seconds": 60}))
    status = db.session.get(JobStatus, "test.failing")
    assert "source unavailable" in status.last_error and status.last_success_at is None
    from icc_network.core.models import District

    assert db.session.query(District).count() == 0


def test_a_job_another_process_holds_is_skipped_until_it_lets_go(app):
    spec = next(s for s in job_specs(app) if s.id == "core.heartbeat")
    elsewhere = claims.take("job:core.heartbeat", timedelta(minutes=5))
    run_job(app, spec)
    assert db.session.get(JobStatus, "core.heartbeat") is None
    db.session.commit()
    claims.release(elsewhere)
    run_job(app, spec)
    assert db.session.get(JobStatus, "core.heartbeat").run_count == 1


def test_a_second_scheduler_process_skips_the_job_this_one_runs(app, database_url):
    assert claims.take("job:core.heartbeat", timedelta(minutes=5)) is not None
    env = {**os.environ, "ICC_ENV": "testing", "TEST_DATABASE_URL": database_url,
           "FLASK_APP": "icc_network:create_app"}
    second = subprocess.run([sys.executable, "-m", "flask", "scheduler", "run-job", "core.heartbeat"],
                            cwd=Path(icc_network.__file__).parents[1], env=env,
                            capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert db.session.get(JobStatus, "core.heartbeat") is None


def test_next_runs_are_recorded_when_the_scheduler_starts(app):
    scheduler = build_scheduler(app, blocking=False)
    scheduler.start(paused=True)
    try:
        record_next_runs(app, scheduler)
    finally:
        scheduler.shutdown(wait=False)
    assert db.session.get(JobStatus, "core.housekeeping").next_run_at > utcnow()


def test_housekeeping_purges_old_uploads_and_old_form_keys(app):
    from icc_network.core.models import FormSubmission

    user = factories.user("coordinator")
    db.session.add_all([FormSubmission(key="old", created_at=utcnow() - timedelta(days=3)),
                        FormSubmission(key="recent")])
    old = PendingImport(kind="x", user_id=user.id, filename="a.csv", sha256="0" * 64, content=b"a",
                        created_at=utcnow() - timedelta(days=2))
    fresh = PendingImport(kind="x", user_id=user.id, filename="b.csv", sha256="1" * 64, content=b"b")
    db.session.add_all([old, fresh])
    db.session.commit()
    spec = next(s for s in job_specs(app) if s.id == "core.housekeeping")
    run_job(app, spec)
    status = db.session.get(JobStatus, "core.housekeeping")
    assert status.last_result == {"staged_imports": 1, "submission_keys": 1}
    assert db.session.query(PendingImport).count() == 1
    assert [k for (k,) in db.session.query(FormSubmission.key)] == ["recent"]


def test_status_page_shows_each_job(client):
    from ..support import login

    login(client, factories.user("admin", locale="en"))
    page = client.get("/admin/status").get_data(as_text=True)
    assert "Scheduler heartbeat" in page and "core.housekeeping" in page


def test_cli_runs_one_job(app):
    result = app.test_cli_runner().invoke(args=["scheduler", "run-job", "core.heartbeat"])
    assert result.exit_code == 0, result.output
    assert db.session.get(JobStatus, "core.heartbeat").run_count == 1
