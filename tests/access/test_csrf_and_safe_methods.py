"""CSRF protection stays on, and no GET changes what is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from icc_network.extensions import db

from . import ALL_ROLES, access_table
from .test_permission_matrix import ENDPOINTS

# GETs that legitimately write: viewing personal data leaves an audit row.
WRITES_ALLOWED_ON_GET = {"audit_log"}
# A signed-in request notes the session's last activity, at most once a minute: a case that
# starts more than a minute after the world was built (a loaded machine) writes it.
COLUMNS_WRITTEN_ON_GET = {("login_session", "last_seen_at")}


def test_csrf_protection_is_enabled(app):
    assert app.config["WTF_CSRF_ENABLED"] is True


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_state_changing_route_refuses_a_request_without_token(app, world, client, endpoint):
    spec = access_table(app)[endpoint]
    if spec.post is None:
        pytest.skip("no state-changing method")
    world.sign_in(client, "admin")
    response = client.post(world.url(app, endpoint, spec), data=spec.post_data(world))
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)


def _snapshot() -> dict:
    state = {}
    for table in db.metadata.sorted_tables:
        if table.name in WRITES_ALLOWED_ON_GET:
            continue
        columns = [c for c in table.columns if (table.name, c.name) not in COLUMNS_WRITTEN_ON_GET]
        rows = db.session.execute(select(*columns)).all()
        state[table.name] = sorted(repr(tuple(row)) for row in rows)
    return state


@pytest.fixture(scope="module")
def world_as_built(app, world):
    """What is stored once the world is built; each case starts from it."""
    with app.app_context():
        state = _snapshot()
        db.session.remove()
    return state


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_get_changes_nothing(app, world, world_as_built, make_client, endpoint):
    spec = access_table(app)[endpoint]
    if spec.get is None:
        pytest.skip("no GET")
    url = world.url(app, endpoint, spec)
    assert _snapshot() == world_as_built
    for role in ALL_ROLES:
        browser = make_client()
        world.sign_in(browser, role)
        browser.get(url)
    db.session.expire_all()
    assert _snapshot() == world_as_built
