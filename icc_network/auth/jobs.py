"""Scheduled jobs of the auth area (each idempotent)."""

from __future__ import annotations

from sqlalchemy import delete, or_

from ..core.clock import utcnow
from ..core.i18n import lazy_gettext as _l
from ..core.scheduling import JobSpec
from ..extensions import db
from .models import LoginSession
from .services.accounts import session_limits


def purge_expired_sessions() -> dict:
    """Drop login sessions past their lifetime or left unused too long (they no longer
    sign anyone in: user_for_session checks both on every request)."""
    lifetime, idle = session_limits()
    now = utcnow()
    expired = db.session.execute(
        delete(LoginSession).where(or_(LoginSession.created_at < now - lifetime,
                                       LoginSession.last_seen_at < now - idle))
    ).rowcount or 0
    return {"expired_sessions": expired}


JOBS = [
    JobSpec(
        "auth.purge_sessions", purge_expired_sessions, "cron", {"hour": 3, "minute": 10},
        _l("Purge expired login sessions"),
        {"expired_sessions": _l("Expired sessions purged")},
    ),
]
