"""Shared-kernel jobs: the heartbeat and daily housekeeping."""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete

from ..auth.models import LoginSession
from ..extensions import db
from . import imports, notifications
from .clock import utcnow
from .scheduling import JobSpec


def heartbeat() -> dict:
    """Prove the scheduler is alive; the status page shows when it last beat."""
    return {"host": socket.gethostname(), "pid": str(os.getpid())}


def heartbeat_every(config) -> dict:
    return {"seconds": config["SCHEDULER_HEARTBEAT_SECONDS"]}


def housekeeping() -> dict:
    """Drop uploads never confirmed and login sessions past their lifetime."""
    staged = imports.purge_stale(timedelta(days=1))
    lifetime = timedelta(seconds=current_app.config["PERMANENT_SESSION_LIFETIME"])
    expired = db.session.execute(
        delete(LoginSession).where(LoginSession.created_at < utcnow() - lifetime)
    ).rowcount or 0
    return {"staged_imports": staged, "expired_sessions": expired}


def deliver_notifications() -> dict:
    return notifications.deliver_emails()


JOBS = [
    JobSpec(
        "core.heartbeat", heartbeat, "interval", heartbeat_every,
        _l("Scheduler heartbeat"),
        {"host": _l("Host"), "pid": _l("Process")},
        claim_for=timedelta(minutes=5),  # a restarted scheduler beats again soon
    ),
    JobSpec(
        "core.housekeeping", housekeeping, "cron", {"hour": 3, "minute": 10},
        _l("Purge unconfirmed uploads and expired sessions"),
        {"staged_imports": _l("Unconfirmed uploads purged"),
         "expired_sessions": _l("Expired sessions purged")},
    ),
    JobSpec(
        "core.deliver_notifications", deliver_notifications, "interval", {"minutes": 1},
        _l("E-mail due notifications"),
        {"emailed": _l("E-mails sent"), "failed": _l("E-mails that failed")},
    ),
]
