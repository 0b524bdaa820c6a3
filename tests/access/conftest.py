"""One world per test module, put back as built after each case that changed it."""

from __future__ import annotations

import pytest

from ..conftest import _empty_tables
from ..support import IsolatedClient, SavedDatabase
from . import build_world


@pytest.fixture(scope="module")
def world(app):
    app.test_client_class = IsolatedClient
    yield build_world(app, app.test_client)
    _empty_tables(app)


@pytest.fixture(scope="module")
def saved_world(app, world):
    saved = SavedDatabase(app)
    yield saved
    saved.close()


@pytest.fixture
def database_reset(saved_world):
    """Instead of emptying the tables, put back the ones this case wrote to."""
    return saved_world.restore
