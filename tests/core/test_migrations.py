"""Migrations build the schema from nothing, go down and up again, and match the models."""

from __future__ import annotations

import re
import shutil

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from icc_network.config import PROJECT_ROOT
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


# A revision that changes the rumour table (its verdict's check), which every sighting,
# argument and campaign target points at, and every one after it.
BEFORE_REBUILDS = "5d4b9a7836b2"


def test_changing_a_table_keeps_every_row_that_points_at_it(empty_database):
    """On SQLite a table is changed by copying it and dropping the old one: with foreign keys
    enforced, the drop would delete (ON DELETE CASCADE) or clear (SET NULL) what points at it."""
    from icc_network.cli import demo_modules

    app = make_test_app(empty_database)
    with app.app_context():
        upgrade()
        for module in demo_modules(app):
            module.load()
        db.session.commit()
        before = _rows(db.metadata.sorted_tables)
        assert before["rumour_sighting"] and before["counter_argument"]
        downgrade(revision=BEFORE_REBUILDS)
        # Tables added later hold what jobs derive from the others: they start again empty.
        kept = set(inspect(db.engine).get_table_names())
        upgrade()
        after = _rows(db.metadata.sorted_tables)
        assert {k: v for k, v in after.items() if k in kept} == {
            k: v for k, v in before.items() if k in kept}
        db.session.remove()
        db.engine.dispose()


def _rows(tables) -> dict:
    """Each table's rows, and how many of its foreign keys are set."""
    counts = {}
    with db.engine.connect() as connection:
        for table in tables:
            keys = [c.name for c in table.columns if c.foreign_keys]
            select = ", ".join(["count(*)", *(f'count("{k}")' for k in keys)])
            counts[table.name] = tuple(connection.exec_driver_sql(
                f'SELECT {select} FROM "{table.name}"').one())
    return counts


def test_constraint_names_follow_the_naming_convention(app):
    inspector = inspect(db.engine)
    for table in db.metadata.sorted_tables:
        for fk in inspector.get_foreign_keys(table.name):
            assert fk["name"] and fk["name"].startswith(f"fk_{table.name}_"), fk
        for unique in inspector.get_unique_constraints(table.name):
            assert unique["name"] and unique["name"].startswith(f"uq_{table.name}_"), unique


MIGRATIONS = PROJECT_ROOT / "migrations"


def test_the_history_has_one_head_and_unique_revision_ids():
    files = sorted((MIGRATIONS / "versions").glob("*.py"))
    declared = [re.search(r"^revision = ['\"](.+?)['\"]", path.read_text(), re.MULTILINE).group(1)
                for path in files]
    assert len(declared) == len(set(declared)), declared
    history = ScriptDirectory(str(MIGRATIONS))
    assert len(history.get_heads()) == 1
    assert len(list(history.walk_revisions())) == len(files)  # one chain, none shadowed


def test_a_new_revision_gets_a_random_id_after_the_head(tmp_path):
    copy = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, copy)
    config = Config(str(copy / "alembic.ini"))
    config.set_main_option("script_location", str(copy))
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    script = command.revision(config, message="add a table")
    assert re.fullmatch(r"[0-9a-f]{12}", script.revision) and script.down_revision == head
    assert re.search(rf"/\d{{8}}_{script.revision}_add_a_table\.py$", script.path)
