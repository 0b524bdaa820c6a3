"""The scheduler: APScheduler running every area's jobs.

`make run` starts it inside the development server's process; in production
exactly one `flask scheduler run` process runs it. It never runs under tests.
Each area lists its jobs in ``<area>/jobs.py`` as ``JOBS`` (see
``icc_network.core.scheduling``). A run is recorded in ``job_status`` (last
run, duration, result or error, next run), which the admin status page reads.
Each run claims its job (``icc_network.core.claims``), so that a second
scheduler process started by mistake, or a ``flask scheduler run-job`` beside
the development server, never runs the same job at once.
"""

from __future__ import annotations

import logging
import time
import traceback
from datetime import UTC, datetime

from apscheduler.events import EVENT_SCHEDULER_STARTED
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from .core import claims
from .core.clock import utcnow
from .core.models import JobStatus
from .core.scheduling import JobSpec, job_specs
from .extensions import db

log = logging.getLogger(__name__)


def _status(job_id: str) -> JobStatus:
    status = db.session.get(JobStatus, job_id)
    if status is None:
        status = JobStatus(job_id=job_id, run_count=0)
        db.session.add(status)
    return status


def run_job(app: Flask, spec: JobSpec, scheduler: BaseScheduler | None = None) -> None:
    """Run one job in its own app context and record the outcome."""
    with app.app_context():
        claim = claims.take(f"job:{spec.id}", spec.claim_for)
        if claim is None:
            log.info("job %s is running in another scheduler process; skipped", spec.id)
            return
        started, clock = utcnow(), time.perf_counter()
        try:
            result = spec.func()
            db.session.commit()
            error = None
        except Exception:  # noqa: BLE001 - recorded and shown on the status page
            db.session.rollback()
            error = traceback.format_exc(limit=5)
            result = None
            log.exception("job %s failed", spec.id)
        finally:
            claims.release(claim)
        status = _status(spec.id)
        status.last_run_at = started
        status.last_duration_ms = int((time.perf_counter() - clock) * 1000)
        status.run_count = (status.run_count or 0) + 1
        if error is None:
            status.last_success_at = started
            status.last_result = {k: v for k, v in (result or {}).items()}
        else:
            status.last_error, status.last_error_at = error[-4000:], started
        status.next_run_at = _next_run(scheduler, spec.id)
        db.session.commit()
        db.session.remove()


def _next_run(scheduler: BaseScheduler | None, job_id: str) -> datetime | None:
    job = scheduler.get_job(job_id) if scheduler is not None else None
    if job is None or job.next_run_time is None:
        return None
    return _to_naive_utc(job.next_run_time)


def _to_naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def build_scheduler(app: Flask, *, blocking: bool) -> BaseScheduler:
    timezone = app.config["BABEL_DEFAULT_TIMEZONE"]
    scheduler: BaseScheduler = (BlockingScheduler if blocking else BackgroundScheduler)(
        timezone=timezone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 600},
    )
    for spec in job_specs(app):
        scheduler.add_job(
            run_job,
            spec.trigger,
            args=(app, spec, scheduler),
            id=spec.id,
            name=str(spec.id),
            replace_existing=True,
            **spec.trigger_kwargs(app.config),
        )
    scheduler.add_listener(lambda _event: record_next_runs(app, scheduler), EVENT_SCHEDULER_STARTED)
    return scheduler


def record_next_runs(app: Flask, scheduler: BaseScheduler) -> None:
    """Write each job's next run time so the status page shows it before the first run."""
    with app.app_context():
        for job in scheduler.get_jobs():
            if job.next_run_time is not None:
                _status(job.id).next_run_at = _to_naive_utc(job.next_run_time)
        db.session.commit()
        db.session.remove()


def start_background(app: Flask) -> BackgroundScheduler:
    scheduler = build_scheduler(app, blocking=False)
    scheduler.start()
    return scheduler  # type: ignore[return-value]
