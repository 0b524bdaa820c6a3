"""Passwords: long enough, not common, not guessable, not built from the account's own words."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from icc_network.auth.services import accounts
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db

from .. import factories
from ..support import login

COMMON = "one of the most common ones"
PERSONAL = "must not be built from the account"
GUESSABLE = "too easy to guess"


def _refusal(password, name="Claire Martin", email="claire.martin@ville-exemple.fr"):
    with force_locale("en"):
        with pytest.raises(RuleViolation) as refused:
            accounts.check_password_rules(password, name=name, email=email)
        return str(refused.value.message)


@pytest.mark.parametrize("password, reason", [
    ("1234567890", COMMON),
    ("password123", COMMON),
    ("azertyuiop", COMMON),
    ("motdepasse1", COMMON),
    ("aaaaaaaaaa", GUESSABLE),
    ("abcabcabcabc", GUESSABLE),
    ("claire.martin", PERSONAL),
    ("Martin-Claire-1980", PERSONAL),
    ("clairemartin2024", PERSONAL),
    ("ville-exemple.fr", PERSONAL),
    ("Clàire Mârtin !!", PERSONAL),
])
def test_weak_passwords_are_refused_with_their_reason(password, reason):
    assert reason in _refusal(password)


@pytest.mark.parametrize("password", [
    "correct horse battery",
    "Claire loves seven purple elephants",
    "yellow-forest-kettle",
    "Tr0ub4dor&3-lighthouse",
])
def test_strong_passwords_are_accepted_even_with_a_name_in_them(password):
    accounts.check_password_rules(password, name="Claire Martin",
                                  email="claire.martin@ville-exemple.fr")


def test_the_length_is_checked_first():
    assert "at least 10 characters" in _refusal("claire")


def test_a_very_long_passphrase_is_accepted():
    accounts.check_password_rules("the quiet harbour keeps its lanterns lit " * 5)


def test_account_creation_refuses_a_password_built_from_the_email():
    with pytest.raises(RuleViolation) as refused:
        accounts.create_user(email="nadia.haddad@example.org", name="Nadia Haddad", role="staff",
                             password="nadia.haddad.example")
    assert refused.value.field == "password"


def test_admin_creation_form_explains_a_common_password(client):
    login(client, factories.user("admin", locale="en"))
    response = client.post_form("/admin/users/new", {
        "name": "Nadia", "email": "nadia@example.org", "role": "trainer", "locale": "en",
        "active": "y", "password": "1234567890"})
    assert response.status_code == 200 and COMMON in response.get_data(as_text=True)


def test_admin_reset_refuses_a_password_built_from_the_name(client):
    target = factories.user("agent", name="Lucas Moreau", email="lucas@example.org")
    login(client, factories.user("admin", locale="en"))
    response = client.post_form(f"/admin/users/{target.id}/password",
                                {"new_password": "lucas-moreau-2026"})
    assert response.status_code == 200 and PERSONAL in response.get_data(as_text=True)
    db.session.refresh(target)
    assert accounts.authenticate("lucas@example.org", factories.PASSWORD) is not None


def test_own_change_refuses_a_repeated_character_password(client):
    login(client, factories.user("trainer", locale="en"))
    response = client.post_form("/account/password", {
        "current_password": factories.PASSWORD, "new_password": "aaaaaaaaaa",
        "confirm": "aaaaaaaaaa"})
    assert response.status_code == 200 and GUESSABLE in response.get_data(as_text=True)


def test_french_users_read_the_reason_in_french(client):
    login(client, factories.user("trainer", locale="fr"))
    response = client.post_form("/account/password", {
        "current_password": factories.PASSWORD, "new_password": "1234567890",
        "confirm": "1234567890"})
    assert "mots de passe les plus courants" in response.get_data(as_text=True)
