"""Every route x every role, against the explicit table of expected access."""

from __future__ import annotations

import pytest

from icc_network import create_app
from icc_network.config import TestConfig

from . import ALL_ROLES, ANONYMOUS, access_table

_APP = create_app({k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
                  | {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
ENDPOINTS = sorted({rule.endpoint for rule in _APP.url_map.iter_rules()})
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def test_every_route_has_an_entry_in_the_access_table(app):
    table = access_table(app)
    missing = [e for e in ENDPOINTS if e not in table]
    assert not missing, f"routes without an expected-access entry: {missing}"
    stale = [e for e in table if e not in ENDPOINTS]
    assert not stale, f"entries for routes that no longer exist: {stale}"


def test_access_table_lists_exactly_the_methods_each_route_accepts(app):
    table = access_table(app)
    for rule in app.url_map.iter_rules():
        spec = table[rule.endpoint]
        assert (spec.get is not None) == ("GET" in rule.methods), rule.endpoint
        assert (spec.post is not None) == ("POST" in rule.methods), rule.endpoint
        assert not (rule.methods & {"PUT", "PATCH", "DELETE"}), rule.endpoint


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/login" in response.headers.get("Location", "")


def _check(response, allowed: bool, role: str, label: str) -> None:
    assert response.status_code < 500, f"{label} as {role}: {response.status_code}"
    if allowed:
        assert response.status_code != 403 and not _is_login_redirect(response), (
            f"{label} as {role} should be allowed, got {response.status_code}")
        assert response.status_code < 400, f"{label} as {role}: {response.status_code}"
    elif role == ANONYMOUS:
        assert _is_login_redirect(response), f"{label} as anonymous: {response.status_code}"
    else:
        assert response.status_code == 403, f"{label} as {role}: {response.status_code}"


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_route_answers_each_role_as_the_table_says(app, world, client, endpoint, role):
    spec = access_table(app)[endpoint]
    url = world.url(app, endpoint, spec)
    token = world.sign_in(client, role)
    if spec.get is not None:
        for variant in spec.variants:
            other = world.url(app, endpoint, spec, variant)
            _check(client.get(other), role in spec.get, role, f"GET {other}")
    if spec.post is not None:
        response = client.post(url, data={"csrf_token": token, **spec.post_data(world)})
        _check(response, role in spec.post, role, f"POST {url}")
