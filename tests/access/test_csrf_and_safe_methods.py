"""CSRF protection stays on, and no GET changes what is stored."""

from __future__ import annotations

import pytest
from flask import url_for
from sqlalchemy import select

from icc_network.extensions import db

from ..support import login
from . import access_table, build_world
from .test_permission_matrix import ENDPOINTS

# GETs that legitimately write: viewing personal data leaves an audit row.
WRITES_ALLOWED_ON_GET = {"audit_log"}


def test_csrf_protection_is_enabled(app):
    assert app.config["WTF_CSRF_ENABLED"] is True


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_state_changing_route_refuses_a_request_without_token(app, client, endpoint):
    spec = access_table(app)[endpoint]
    if spec.post is None:
        pytest.skip("no state-changing method")
    world = build_world(app)
    login(client, world.users["admin"])
    with app.test_request_context():
        url = url_for(endpoint, **spec.params(world), **spec.query)
    response = client.post(url, data=spec.post_data(world))
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)


def _snapshot() -> dict:
    state = {}
    for table in db.metadata.sorted_tables:
        if table.name in WRITES_ALLOWED_ON_GET:
            continue
        rows = db.session.execute(select(table)).all()
        state[table.name] = sorted(repr(tuple(row)) for row in rows)
    return state


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_get_changes_nothing(app, make_client, endpoint):
    spec = access_table(app)[endpoint]
    if spec.get is None:
        pytest.skip("no GET")
    world = build_world(app)
    with app.test_request_context():
        url = url_for(endpoint, **spec.params(world), **spec.query)
    clients = {}
    for role, user in world.users.items():
        clients[role] = make_client()
        login(clients[role], user)
    db.session.commit()
    before = _snapshot()
    for role, browser in clients.items():
        browser.get(url)
    db.session.expire_all()
    assert _snapshot() == before
