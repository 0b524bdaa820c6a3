"""The demonstration accounts."""

from __future__ import annotations

from icc_network.auth import demo
from icc_network.auth.demo import DEMO_ACCOUNTS, demo_user


def test_demo_logins_work(client, app):
    app.test_cli_runner().invoke(args=["demo", "load"])
    account = DEMO_ACCOUNTS[0]
    response = client.post_form("/login", {"email": account.email, "password": account.password})
    assert response.status_code == 302


def test_demo_user_is_the_first_account_of_its_role():
    demo.load()
    assert demo_user("coordinator").email == "coordination@demo.example.org"
