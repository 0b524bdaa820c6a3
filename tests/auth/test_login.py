"""Signing in and out, sessions and redirects (failed sign-ins: test_login_throttle.py)."""

from __future__ import annotations

import pytest

from icc_network.extensions import db

from .. import factories
from ..factories import PASSWORD
from ..support import login


def _sign_in(client, email, password=PASSWORD, **extra):
    return client.post_form("/login", {"email": email, "password": password, **extra},
                            headers={"Accept-Language": "en"})


def test_login_with_any_letter_case_then_logout(client):
    user = factories.user("staff", email="tom@example.org")
    response = _sign_in(client, "  Tom@Example.ORG ")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/account").status_code == 200
    response = client.post_form("/logout")
    assert response.status_code == 302
    assert client.get("/account").status_code == 302
    assert user.last_login_at is not None


def test_wrong_password_is_refused_and_the_email_kept(client):
    factories.user("staff", email="tom@example.org")
    response = _sign_in(client, "tom@example.org", "wrong password")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The e-mail address or password is not correct." in page
    assert 'value="tom@example.org"' in page
    assert client.get("/account").status_code == 302


def test_unknown_email_gets_the_same_message(client):
    page = _sign_in(client, "nobody@example.org").get_data(as_text=True)
    assert "The e-mail address or password is not correct." in page


def test_empty_form_shows_field_messages(client):
    response = client.post_form("/login", {}, headers={"Accept-Language": "en"})
    assert response.status_code == 200 and "This field is required." in response.get_data(as_text=True)


def test_deactivated_user_cannot_sign_in(client):
    factories.user("agent", email="off@example.org", active=False)
    assert _sign_in(client, "off@example.org").status_code == 200
    assert client.get("/account").status_code == 302


def test_login_renews_the_session(client):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    factories.user("staff", email="s@example.org")
    _sign_in(client, "s@example.org")
    with client.session_transaction() as session:
        assert "planted" not in session


def test_a_copy_of_the_cookie_is_worthless_after_logout(client, make_client):
    factories.user("staff", email="s@example.org")
    _sign_in(client, "s@example.org")
    stolen = client.get_cookie("icc_session").value
    client.post_form("/logout")
    thief = make_client()
    thief.set_cookie("icc_session", stolen)
    assert thief.get("/account").status_code == 302


def test_password_change_signs_out_other_browsers_but_not_this_one(client, make_client):
    user = factories.user("trainer", email="t@example.org")
    other = make_client()
    login(other, user)
    _sign_in(client, "t@example.org")
    response = client.post_form("/account/password", {
        "current_password": PASSWORD, "new_password": "another long secret", "confirm": "another long secret",
    })
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert other.get("/account").status_code == 302
    fresh = make_client()
    assert _sign_in(fresh, "t@example.org", "another long secret").status_code == 302


@pytest.mark.parametrize("form, message", [
    ({"current_password": "nope", "new_password": "another long secret", "confirm": "another long secret"},
     "The current password is not correct."),
    ({"current_password": PASSWORD, "new_password": "short", "confirm": "short"},
     "at least 10 characters"),
    ({"current_password": PASSWORD, "new_password": "another long secret", "confirm": "different"},
     "The two passwords differ."),
    ({"current_password": PASSWORD, "new_password": PASSWORD, "confirm": PASSWORD},
     "different from the current one"),
])
def test_password_change_mistakes_are_explained(client, form, message):
    login(client, factories.user("trainer", locale="en"))
    response = client.post_form("/account/password", form)
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_deactivation_signs_the_user_out_everywhere(client, make_client):
    admin = factories.user("admin", locale="en")
    agent = factories.user("agent")
    victim = make_client()
    login(victim, agent)
    assert victim.get("/account").status_code == 200
    login(client, admin)
    client.post_form(f"/admin/users/{agent.id}/edit", {
        "name": agent.name, "email": agent.email, "role": "agent", "locale": "en",
    })
    db.session.refresh(agent)
    assert agent.active is False
    assert victim.get("/account").status_code == 302


@pytest.mark.parametrize("target", [
    "//evil.example/", "/\\evil.example", "https://evil.example/", "http:evil.example",
    "javascript:alert(1)", "/\r\nLocation: https://evil.example", " //evil.example",
])
def test_next_accepts_only_local_paths(client, target):
    factories.user("staff", email="s@example.org")
    response = _sign_in(client, "s@example.org", next=target)
    assert response.headers["Location"] == "/"


def test_next_local_path_is_followed(client):
    factories.user("admin", email="a@example.org")
    response = client.get("/admin/users")
    assert response.headers["Location"].startswith("/login?next=")
    response = _sign_in(client, "a@example.org", next="/admin/users?role=agent")
    assert response.headers["Location"] == "/admin/users?role=agent"


def test_wtforms_messages_follow_the_users_language(client):
    response = client.post_form("/login", {}, headers={"Accept-Language": "fr"})
    assert "Ce champ est requis." in response.get_data(as_text=True)
