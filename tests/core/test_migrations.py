"""Migrations build the schema from nothing, go down and up again, and match the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from icc_network.extensions import db

from ..conftest import fresh_database, make_test_app


@pytest.fixture
def empty_database(tmp_path):
    with fresh_database(tmp_path) as url:
        yield url


def _differences(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_upgrade_downgrade_upgrade_and_models_match(empty_database):
    app = make_test_app(empty_database)
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables
        assert _differences(app) == []

        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}

        upgrade()
        assert _differences(app) == []
        db.session.remove()
        db.engine.dispose()


def test_constraint_names_follow_the_naming_convention(app):
    inspector = inspect(db.engine)
    for table in db.metadata.sorted_tables:
        for fk in inspector.get_foreign_keys(table.name):
            assert fk["name"] and fk["name"].startswith(f"fk_{table.name}_"), fk
        for unique in inspector.get_unique_constraints(table.name):
            assert unique["name"] and unique["name"].startswith(f"uq_{table.name}_"), unique
