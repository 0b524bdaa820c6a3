"""A forgotten password: a link by e-mail, single-use and expiring, the same answer for
every address, rate-limited, audited; without e-mail, the login page says who to ask."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from icc_network.auth.models import LoginSession
from icc_network.auth.services import accounts, password_reset
from icc_network.core.models import AuditLog
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db

from .. import factories
from ..factories import PASSWORD

NEW_PASSWORD = "plum orchard lantern 84"
FR = {"Accept-Language": "fr"}
EN = {"Accept-Language": "en"}


def _ask(client, email, headers=EN):
    return client.post_form("/password/forgotten", {"email": email}, headers=headers)


def _link(message) -> str:
    return re.search(r"http://localhost(/password/reset/\S+)", message.get_content()).group(1)


def _actions(user) -> list[str]:
    return list(db.session.scalars(select(AuditLog.action).where(
        AuditLog.entity_type == "user", AuditLog.entity_id == str(user.id)).order_by(AuditLog.id)))


def test_the_link_sets_a_new_password_once_and_signs_every_browser_out(client, make_client, inbox):
    user = factories.user("partner", email="ana@example.org", locale="fr")
    other = make_client()
    other.post_form("/login", {"email": "ana@example.org", "password": PASSWORD})
    assert other.get("/account").status_code == 200

    response = _ask(client, "Ana@Example.org ")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    [message] = inbox.to("ana@example.org")
    assert message["Subject"]
    link = _link(message)

    page = client.get(link)
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    done = client.post_form(link, {"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302 and done.headers["Location"] == "/login"
    assert accounts.authenticate("ana@example.org", NEW_PASSWORD) is not None
    assert db.session.scalar(select(func.count()).select_from(LoginSession)
                             .where(LoginSession.user_id == user.id)) == 0
    assert other.get("/account").status_code == 302
    assert _actions(user) == ["user.password_reset_sent", "user.password_reset"]

    again = client.get(link, headers=EN)
    assert again.status_code == 410
    assert "expired or has already been used" in again.get_data(as_text=True)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, inbox):
    factories.user("staff", email="known@example.org")
    known = _ask(client, "known@example.org")
    unknown = _ask(client, "nobody@example.org")
    assert (known.status_code, known.headers["Location"]) == (
        unknown.status_code, unknown.headers["Location"])
    assert [m["To"] for m in inbox.messages] == ["known@example.org"]
    assert db.session.scalar(select(func.count()).select_from(AuditLog)) == 1


def test_a_deactivated_account_gets_no_link(client, inbox):
    factories.user("agent", email="off@example.org", active=False)
    assert _ask(client, "off@example.org").status_code == 302
    assert inbox.messages == []


def test_the_link_expires(app, client, inbox, monkeypatch):
    user = factories.user("staff", email="late@example.org")
    token = password_reset.reset_token(user)
    monkeypatch.setitem(app.config, "PASSWORD_RESET_MAX_AGE_SECONDS", -1)
    assert password_reset.user_for_token(token) is None
    assert client.get(f"/password/reset/{token}").status_code == 410


def test_signing_in_or_a_tampered_token_kills_the_link(client):
    user = factories.user("staff", email="s@example.org")
    token = password_reset.reset_token(user)
    assert password_reset.user_for_token(token) is user
    assert password_reset.user_for_token(token[:-2] + "xx") is None
    assert password_reset.user_for_token("garbage") is None
    accounts.start_session(user)
    assert password_reset.user_for_token(token) is None


def test_the_new_password_follows_the_password_rules_in_french(client):
    user = factories.user("staff", email="weak@example.org")
    token = password_reset.reset_token(user)
    with force_locale("fr"), pytest.raises(RuleViolation) as refused:
        password_reset.reset_password(token, "password123")
    assert "mots de passe les plus courants" in str(refused.value.message)
    page = client.post_form(f"/password/reset/{token}",
                            {"new_password": "azerty", "confirm": "azerty"}, headers=FR)
    assert page.status_code == 200 and "au moins 10 caractères" in page.get_data(as_text=True)
    assert accounts.authenticate("weak@example.org", PASSWORD) is not None


def test_asking_is_rate_limited_per_address_and_per_connection(app, client, inbox, monkeypatch):
    monkeypatch.setitem(app.config, "PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS", "4 per hour")
    factories.user("staff", email="k@example.org")
    for _ in range(3):
        assert _ask(client, "k@example.org").status_code == 302
    refused = _ask(client, "k@example.org")
    assert refused.status_code == 429 and "Too many links" in refused.get_data(as_text=True)
    assert len(inbox.messages) == 3
    assert _ask(client, "other@example.org").status_code == 302
    assert _ask(client, "third@example.org").status_code == 429  # this connection asked 4 times


def test_without_mail_the_login_page_says_who_to_ask(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    page = client.get("/login", headers=EN).get_data(as_text=True)
    assert "Ask an administrator of the app to reset it." in page
    assert "/password/forgotten" not in page
    monkeypatch.setitem(app.config, "SUPPORT_CONTACT", "the IT desk (01 23 45 67 89)")
    assert "Ask the IT desk (01 23 45 67 89)" in client.get("/login", headers=EN).get_data(as_text=True)
    forgotten = client.get("/password/forgotten", headers=EN).get_data(as_text=True)
    assert "cannot send e-mail" in forgotten and "the IT desk" in forgotten
    assert client.post_form("/password/forgotten", {"email": "a@example.org"}).status_code == 200


def test_with_mail_the_login_page_links_to_the_form(client, inbox):
    page = client.get("/login", headers=EN).get_data(as_text=True)
    assert 'href="/password/forgotten"' in page
