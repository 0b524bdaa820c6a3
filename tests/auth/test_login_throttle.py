"""Failed sign-ins slow the guesser down, never the account's owner elsewhere.

Counted in the limiter's memory storage here; test_rate_limit_redis.py runs the
same rules on Redis.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from icc_network.auth.services.login_throttle import address_key
from icc_network.core.models import AuditLog
from icc_network.extensions import db, limiter

from .. import factories
from ..factories import PASSWORD

ATTACKER, VICTIM_HOME, OTHER = "203.0.113.9", "198.51.100.7", "192.0.2.44"
WRONG = "The e-mail address or password is not correct."


@pytest.fixture
def throttle(app, monkeypatch):
    """Small numbers: 3 free failures, then 30 s, 60 s, 120 s, 240 s, 240 s..."""
    for key, value in {"LOGIN_FAILURES_BEFORE_DELAY": 3, "LOGIN_DELAY_SECONDS": 30,
                       "LOGIN_MAX_DELAY_SECONDS": 240,
                       "LOGIN_RATE_LIMIT_PER_ADDRESS": "3 per 15 minutes",
                       "LOGIN_ALERT_PER_ACCOUNT": "4 per hour"}.items():
        monkeypatch.setitem(app.config, key, value)


def _sign_in(make_client, email, password, address, language="en"):
    return make_client().post_form(
        "/login", {"email": email, "password": password},
        headers={"Accept-Language": language}, environ_base={"REMOTE_ADDR": address})


def _let_the_waits_pass():
    """As if the current waits had run out (the storage keeps real time)."""
    storage = limiter.storage
    for key in [key for key in list(storage.storage) if "icc-login/wait/" in key]:
        storage.clear(key)


def test_an_attacker_hammering_an_account_cannot_lock_its_owner_out(make_client, throttle):
    factories.user("admin", email="admin@example.org")
    codes = [_sign_in(make_client, "admin@example.org", f"guess {n}", ATTACKER).status_code
             for n in range(12)]
    assert codes[:3] == [200, 200, 200] and set(codes[3:]) == {429}
    assert _sign_in(make_client, "admin@example.org", PASSWORD, VICTIM_HOME).status_code == 302
    # Even the right password waits on the attacker's address: it is the guessing pair.
    assert _sign_in(make_client, "admin@example.org", PASSWORD, ATTACKER).status_code == 429


def test_the_refusal_renders_the_form_and_says_when_to_try_again(make_client, throttle):
    factories.user("staff", email="s@example.org")
    for n in range(3):
        _sign_in(make_client, "s@example.org", f"guess {n}", ATTACKER)
    refused = _sign_in(make_client, "s@example.org", "guess", ATTACKER)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429 and refused.headers["Retry-After"] in {"29", "30"}
    assert ("Too many failed sign-ins to this account from your connection. "
            "Try again in 30 seconds.") in page
    assert 'value="s@example.org"' in page and 'name="password"' in page
    french = _sign_in(make_client, "s@example.org", "guess", ATTACKER, language="fr")
    assert french.status_code == 429
    assert "Réessayez dans 30\u00a0secondes." in french.get_data(as_text=True)


def test_after_the_free_failures_each_failure_doubles_the_wait(make_client, throttle):
    factories.user("staff", email="s@example.org")
    notes = []
    for n in range(7):
        page = _sign_in(make_client, "s@example.org", f"guess {n}", ATTACKER)
        assert page.status_code == 200 and WRONG in page.get_data(as_text=True)
        if "before trying again" in page.get_data(as_text=True):
            refused = _sign_in(make_client, "s@example.org", "again", ATTACKER)
            assert refused.status_code == 429
            notes.append(int(refused.headers["Retry-After"]))
        else:
            notes.append(0)
        _let_the_waits_pass()
    assert [round(wait, -1) for wait in notes] == [0, 0, 30, 60, 120, 240, 240]


def test_the_failure_that_starts_a_wait_announces_it(make_client, throttle):
    factories.user("staff", email="s@example.org")
    for _ in range(2):
        assert "Wait" not in _sign_in(make_client, "s@example.org", "x", ATTACKER).get_data(
            as_text=True)
    page = _sign_in(make_client, "s@example.org", "x", ATTACKER).get_data(as_text=True)
    assert WRONG in page and "Wait 30 seconds before trying again." in page


def test_a_success_clears_the_pairs_failures(make_client, throttle):
    factories.user("staff", email="s@example.org")
    for _ in range(2):
        _sign_in(make_client, "s@example.org", "typo", OTHER)
    assert _sign_in(make_client, "s@example.org", PASSWORD, OTHER).status_code == 302
    for _ in range(2):
        assert _sign_in(make_client, "s@example.org", "typo", OTHER).status_code == 200
    assert _sign_in(make_client, "s@example.org", PASSWORD, OTHER).status_code == 302


def test_successful_sign_ins_never_count(make_client, throttle):
    factories.user("staff", email="s@example.org")
    for _ in range(8):
        assert _sign_in(make_client, "s@example.org", PASSWORD, OTHER).status_code == 302


def test_one_address_failing_on_many_accounts_is_stopped(make_client, throttle):
    factories.user("staff", email="real@example.org")
    for n in range(3):  # three accounts, known or not, each failed from the sprayer
        assert _sign_in(make_client, f"user{n}@example.org", "Summer2026", ATTACKER
                        ).status_code == 200
    refused = _sign_in(make_client, "user9@example.org", "Summer2026", ATTACKER)
    assert refused.status_code == 429
    assert ("Too many failed sign-ins from your connection. Try again in 15 minutes."
            in refused.get_data(as_text=True))
    assert _sign_in(make_client, "real@example.org", PASSWORD, ATTACKER).status_code == 429
    assert _sign_in(make_client, "real@example.org", PASSWORD, VICTIM_HOME).status_code == 302


def test_many_failures_on_one_account_are_not_spraying(make_client, throttle):
    factories.user("staff", email="s@example.org")
    for _ in range(3):
        _sign_in(make_client, "s@example.org", "typo", OTHER)
        _let_the_waits_pass()
    for n in range(2):
        assert _sign_in(make_client, f"other{n}@example.org", "typo", OTHER).status_code == 200


def test_failures_on_one_account_from_everywhere_are_audited_once(make_client, throttle):
    user = factories.user("admin", email="admin@example.org")
    for n in range(6):
        _sign_in(make_client, "admin@example.org", "guess", f"198.51.100.{n}")
    entries = db.session.scalars(select(AuditLog).where(
        AuditLog.action == "user.login_failures")).all()
    assert [(e.entity_id, e.details["failures"]) for e in entries] == [(str(user.id), 4)]
    assert _sign_in(make_client, "admin@example.org", PASSWORD, "198.51.100.99"
                    ).status_code == 302


def test_an_ipv6_subscriber_counts_as_one_address():
    assert address_key("2001:db8:1:2::1") == address_key("2001:db8:1:2:ffff::9")
    assert address_key("2001:db8:1:2::1") != address_key("2001:db8:1:3::1")
    assert address_key("::ffff:192.0.2.1") == address_key("192.0.2.1") == "192.0.2.1"
    assert address_key("") == "unknown"


def test_an_ipv6_attacker_cannot_rotate_addresses_within_its_block(make_client, throttle):
    factories.user("staff", email="s@example.org")
    for n in range(3):
        _sign_in(make_client, "s@example.org", "guess", f"2001:db8:1:2::{n + 1}")
    assert _sign_in(make_client, "s@example.org", "guess", "2001:db8:1:2::99").status_code == 429
    assert _sign_in(make_client, "s@example.org", PASSWORD, "2001:db8:9::1").status_code == 302
