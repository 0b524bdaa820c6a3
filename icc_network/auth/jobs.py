"""Scheduled jobs of the auth area (each idempotent)."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete

from ..core.clock import utcnow
from ..core.i18n import lazy_gettext as _l
from ..core.scheduling import JobSpec
from ..extensions import db
from .models import LoginSession


def purge_expired_sessions() -> dict:
    """Drop login sessions past their lifetime (they no longer sign anyone in)."""
    lifetime = timedelta(seconds=current_app.config["PERMANENT_SESSION_LIFETIME"])
    expired = db.session.execute(
        delete(LoginSession).where(LoginSession.created_at < utcnow() - lifetime)
    ).rowcount or 0
    return {"expired_sessions": expired}


JOBS = [
    JobSpec(
        "auth.purge_sessions", purge_expired_sessions, "cron", {"hour": 3, "minute": 10},
        _l("Purge expired login sessions"),
        {"expired_sessions": _l("Expired sessions purged")},
    ),
]
