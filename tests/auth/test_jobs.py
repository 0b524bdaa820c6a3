"""The auth area's scheduled jobs."""

from __future__ import annotations

from datetime import timedelta

from icc_network.auth.models import LoginSession
from icc_network.auth.services import accounts
from icc_network.core.clock import utcnow
from icc_network.core.models import JobStatus
from icc_network.extensions import db
from icc_network.scheduler import job_specs, run_job

from .. import factories


def test_the_nightly_purge_drops_expired_login_sessions_only(app):
    user = factories.user("coordinator")
    accounts.start_session(user)
    db.session.add(LoginSession(token_hash="f" * 64, user_id=user.id,
                                created_at=utcnow() - timedelta(days=30)))
    db.session.commit()
    spec = next(s for s in job_specs(app) if s.id == "auth.purge_sessions")
    run_job(app, spec)
    status = db.session.get(JobStatus, "auth.purge_sessions")
    assert status.last_result == {"expired_sessions": 1}
    assert db.session.query(LoginSession).count() == 1
