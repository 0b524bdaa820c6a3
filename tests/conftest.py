"""Fixtures for the whole suite.

The database comes from TEST_DATABASE_URL (PostgreSQL) or is a temporary
SQLite file. Each run (each xdist worker) gets a fresh database built by the
migrations; every test starts from empty tables, except where a package
shares data built once (tests/access).
"""

from __future__ import annotations

import os
import secrets
from contextlib import contextmanager

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, delete, text
from sqlalchemy.engine import make_url

from icc_network import create_app
from icc_network.config import TestConfig
from icc_network.extensions import db, limiter

from .mailbox import inbox  # noqa: F401  (a fixture: a real SMTP server on loopback)
from .support import IsolatedClient, count_queries, login


def _create_postgres_database(url: str) -> tuple[str, str]:
    base = make_url(url)
    # One database per process: each pytest-xdist worker ("gw0", "gw1"...) gets its own.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"icc_test_{worker}_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False), name


def _drop_postgres_database(url: str, name: str) -> None:
    admin = create_engine(make_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@contextmanager
def fresh_database(directory):
    """A new empty database: on the PostgreSQL server of TEST_DATABASE_URL, or a SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if url.startswith("postgresql"):
        fresh, name = _create_postgres_database(url)
        try:
            yield fresh
        finally:
            _drop_postgres_database(url, name)
    else:
        yield f"sqlite:///{directory / 'test.sqlite'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    # Under pytest-xdist each worker has its own temporary directory, hence its own SQLite file.
    with fresh_database(tmp_path_factory.mktemp("db")) as url:
        yield url


def make_test_app(database_url: str, **overrides):
    return create_app({
        **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
        "SQLALCHEMY_DATABASE_URI": database_url,
        **overrides,
    })


@pytest.fixture(scope="session")
def app(database_url):
    application = make_test_app(database_url)
    with application.app_context():
        upgrade()
        db.session.remove()
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def database_reset(app):
    """How a test leaves the database for the next one: with empty tables.

    A package whose tests share data built once overrides this fixture.
    """
    return lambda: _empty_tables(app)


@pytest.fixture(autouse=True)
def app_context(app, database_reset):
    """Each test runs in an app context; the database is reset afterwards."""
    context = app.app_context()
    context.push()
    yield context
    db.session.rollback()
    db.session.remove()
    context.pop()
    database_reset()
    limiter.reset()
    # Fragments drawn from the data (home panels) are keyed on the data's state, which an
    # emptied database can repeat with other records.
    app.extensions.pop("icc_fragments", None)


def _empty_tables(app) -> None:
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def make_client(app):
    """Several independent browsers (one per role, say)."""
    app.test_client_class = IsolatedClient
    return app.test_client


@pytest.fixture
def query_counter(app):
    return lambda: count_queries(app)


@pytest.fixture
def login_as(client):
    def _login(user, on=None):
        login(on or client, user)
        return on or client

    return _login
