"""Administrators create, edit and deactivate accounts; users manage their own."""

from __future__ import annotations

import json

from sqlalchemy import select

from icc_network.auth.models import User
from icc_network.core.models import AuditLog
from icc_network.extensions import db

from .. import factories
from ..support import login


def _admin(client):
    admin = factories.user("admin", locale="en")
    login(client, admin)
    return admin


def test_admin_creates_an_account_with_a_normalised_email(client):
    _admin(client)
    response = client.post_form("/admin/users/new", {
        "name": "Nadia", "email": "Nadia@Example.org", "role": "trainer", "locale": "fr",
        "active": "y", "password": "a-long-password",
    })
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "nadia@example.org"))
    assert user.role == "trainer" and user.locale == "fr" and user.password_hash.startswith("$argon2id$")
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "user.create"))


def test_duplicate_email_in_another_case_is_refused(client):
    factories.user("agent", email="dup@example.org")
    _admin(client)
    response = client.post_form("/admin/users/new", {
        "name": "Dup", "email": "DUP@example.org", "role": "agent", "locale": "fr",
        "password": "a-long-password",
    })
    page = response.get_data(as_text=True)
    assert "An account with this e-mail address already exists." in page
    assert 'value="Dup"' in page


def test_invalid_email_and_unknown_role_are_form_errors(client):
    _admin(client)
    response = client.post_form("/admin/users/new", {
        "name": "X", "email": "not-an-email", "role": "emperor", "locale": "xx", "password": "a-long-password",
    })
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("invalid-feedback") >= 3


def test_admin_cannot_deactivate_or_demote_themselves(client):
    admin = _admin(client)
    response = client.post_form(f"/admin/users/{admin.id}/edit", {
        "name": admin.name, "email": admin.email, "role": "admin", "locale": "en",
    })
    assert "You cannot deactivate your own account." in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.active


def test_admin_resets_a_password(client, make_client):
    target = factories.user("agent", email="ag@example.org")
    victim = make_client()
    login(victim, target)
    _admin(client)
    response = client.post_form(f"/admin/users/{target.id}/password", {"new_password": "brand new secret"})
    assert response.status_code == 302
    assert victim.get("/account").status_code == 302
    response = make_client().post_form("/login", {"email": "ag@example.org", "password": "brand new secret"})
    assert response.status_code == 302


def test_user_list_filters_by_role_status_and_search(client):
    factories.user("agent", name="Alice Agent")
    factories.user("trainer", name="Bob Trainer", active=False)
    _admin(client)
    page = client.get("/admin/users?role=agent").get_data(as_text=True)
    assert "Alice Agent" in page and "Bob Trainer" not in page
    page = client.get("/admin/users?status=inactive").get_data(as_text=True)
    assert "Bob Trainer" in page and "Alice Agent" not in page
    page = client.get("/admin/users?q=ALICE").get_data(as_text=True)
    assert "Alice Agent" in page


def test_user_changes_own_language(client):
    user = factories.user("partner", locale="fr")
    login(client, user)
    client.post_form("/account/language", {"locale": "en"})
    db.session.refresh(user)
    assert user.locale == "en"


def test_user_downloads_own_data_without_secrets(client):
    user = factories.user("agent", email="me@example.org")
    login(client, user)
    response = client.get("/account/data.json")
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == "me@example.org"
    assert "password_hash" not in response.get_data(as_text=True)
    assert "token" not in json.dumps(data["sessions"])
