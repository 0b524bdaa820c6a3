"""Demonstration data and the account command."""

from __future__ import annotations

from sqlalchemy import func, select

from icc_network.auth.models import User
from icc_network.core.models import District
from icc_network.extensions import db


def test_demo_load_fills_an_empty_database_once(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    roles = set(db.session.scalars(select(User.role)))
    assert roles == {"admin", "coordinator", "trainer", "partner", "staff", "agent"}
    assert set(db.session.scalars(select(User.locale))) == {"fr", "en"}
    districts = db.session.scalars(select(District)).all()
    assert len(districts) >= 6 and all(d.name.get("fr") and d.name.get("en") for d in districts)

    again = runner.invoke(args=["demo", "load"])
    assert again.exit_code != 0
    quiet = runner.invoke(args=["demo", "load", "--if-empty"])
    assert quiet.exit_code == 0 and "already" in quiet.output


def test_users_create_command(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--role", "admin", "--email", "Boss@City.example", "--name", "Boss",
              "--password", "a-long-password"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User.email)) == "boss@city.example"
    duplicate = app.test_cli_runner().invoke(
        args=["users", "create", "--role", "admin", "--email", "boss@city.example", "--name", "B",
              "--password", "a-long-password"])
    assert duplicate.exit_code != 0
    assert db.session.scalar(select(func.count()).select_from(User)) == 1
