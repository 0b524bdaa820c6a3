"""Shared-kernel jobs: the heartbeat and daily housekeeping."""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from . import imports, notifications
from .i18n import lazy_gettext as _l
from .scheduling import JobSpec
from .transactions import purge_submission_keys


def heartbeat() -> dict:
    """Prove the scheduler is alive; the status page shows when it last beat."""
    return {"host": socket.gethostname(), "pid": str(os.getpid())}


def heartbeat_every(config) -> dict:
    return {"seconds": config["SCHEDULER_HEARTBEAT_SECONDS"]}


def housekeeping() -> dict:
    """Drop uploads never confirmed and the one-time keys of forms sent days ago."""
    return {"staged_imports": imports.purge_stale(timedelta(days=1)),
            "submission_keys": purge_submission_keys(timedelta(days=2))}


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
        _l("Purge unconfirmed uploads and the keys of forms sent days ago"),
        {"staged_imports": _l("Unconfirmed uploads purged"),
         "submission_keys": _l("Keys of sent forms forgotten")},
    ),
    JobSpec(
        "core.deliver_notifications", deliver_notifications, "interval", {"minutes": 1},
        _l("E-mail due notifications"),
        {"emailed": _l("E-mails sent"), "failed": _l("E-mails that failed")},
    ),
]
