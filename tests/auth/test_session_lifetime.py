"""A sign-in ends after SESSION_LIFETIME_HOURS, or sooner when left unused for
SESSION_IDLE_MINUTES, on the very next request (not at the nightly clean-up)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_migrate import upgrade
from sqlalchemy import select, text, update

from icc_network.auth.models import LoginSession
from icc_network.auth.services import accounts
from icc_network.core.clock import utcnow
from icc_network.core.models import JobStatus
from icc_network.extensions import db
from icc_network.scheduler import job_specs, run_job

from .. import factories
from ..conftest import fresh_database, make_test_app
from ..support import login


@pytest.fixture
def clock(monkeypatch):
    """Moves the application's clock (as seen by the sign-in checks) from now."""
    start = utcnow()

    def _set(**delta):
        moved = start + timedelta(**delta)
        monkeypatch.setattr(accounts, "utcnow", lambda: moved)
        return moved

    return _set


def _signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def _session_row() -> LoginSession:
    db.session.expire_all()
    return db.session.scalar(select(LoginSession))


def test_a_session_30_hours_old_no_longer_signs_in(client):
    login(client, factories.user("staff"))
    db.session.execute(update(LoginSession).values(created_at=utcnow() - timedelta(hours=30)))
    assert not _signed_in(client)


def test_a_session_in_use_all_along_ends_after_its_lifetime(app, client, clock):
    assert app.config["PERMANENT_SESSION_LIFETIME"] == 12 * 3600
    login(client, factories.user("staff"))
    for hour in range(1, 12):
        clock(hours=hour)
        assert _signed_in(client), f"after {hour} h"
    clock(hours=12, minutes=1)
    assert not _signed_in(client)


def test_a_session_left_unused_ends_after_the_idle_time(app, client, clock):
    assert app.config["SESSION_IDLE_MINUTES"] == 180
    login(client, factories.user("staff"))
    clock(minutes=179)
    assert _signed_in(client)  # and its use is noted: the idle time starts again
    clock(minutes=179 + 179)
    assert _signed_in(client)
    clock(minutes=179 + 179 + 181)
    assert not _signed_in(client)


def test_an_unused_session_ends_even_if_its_cookie_is_kept(client, clock):
    login(client, factories.user("staff"))
    clock(minutes=181)
    assert not _signed_in(client)
    clock(minutes=182)
    assert not _signed_in(client)  # refused sessions are not revived


def test_the_use_of_a_session_is_written_at_most_once_a_minute(client, clock, query_counter):
    login(client, factories.user("staff"))
    started = _session_row().last_seen_at
    clock(seconds=50)
    with query_counter() as log:
        assert _signed_in(client)
    assert not [s for s in log.statements if s.lstrip().upper().startswith("UPDATE")]
    assert _session_row().last_seen_at == started
    moved = clock(seconds=70)
    with query_counter() as log:
        assert _signed_in(client)
    assert len([s for s in log.statements if "UPDATE login_session" in s]) == 1
    assert _session_row().last_seen_at == moved


def test_the_nightly_purge_also_drops_idle_sessions(app):
    user = factories.user("coordinator")
    accounts.start_session(user)
    db.session.add(LoginSession(token_hash="e" * 64, user_id=user.id,
                                last_seen_at=utcnow() - timedelta(hours=4)))
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "auth.purge_sessions"))
    assert db.session.get(JobStatus, "auth.purge_sessions").last_result == {"expired_sessions": 1}
    assert db.session.query(LoginSession).count() == 1


def test_the_upgrade_counts_open_sessions_as_last_used_when_they_began(tmp_path):
    with fresh_database(tmp_path) as url:
        application = make_test_app(url)
        with application.app_context():
            upgrade(revision="0007")
            db.session.execute(text(
                "INSERT INTO \"user\" (id, email, name, role, locale, active, password_hash, "
                "password_changed_at, created_at, updated_at) VALUES (1, 'a@example.org', 'A', "
                "'staff', 'en', TRUE, 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
                "'2026-01-01 00:00:00')"))
            db.session.execute(text(
                "INSERT INTO login_session (token_hash, user_id, created_at, user_agent) "
                "VALUES ('abc', 1, '2026-01-02 08:00:00', '')"))
            db.session.commit()
            upgrade()
            seen = db.session.execute(text("SELECT last_seen_at FROM login_session")).scalar()
            assert str(seen).startswith("2026-01-02 08:00:00")
            db.session.remove()
            db.engine.dispose()
