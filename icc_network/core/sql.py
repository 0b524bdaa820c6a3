"""SQL that is written differently on PostgreSQL and SQLite, written once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, or_
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db


def check_constraint(column: str, values) -> str:
    """The CHECK clause that keeps ``column`` within a code list (a vocabulary's keys)."""
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def insert_or_ignore(model: Any, rows: dict | list[dict], conflict_columns: list[str]) -> int:
    """Insert ``rows``, skipping those that would repeat a unique key; how many were inserted.

    Safe when two processes insert the same row at once.
    """
    rows = [rows] if isinstance(rows, dict) else list(rows)
    if not rows:
        return 0
    dialect = db.session.get_bind().dialect.name
    table = getattr(model, "__table__", model)
    # Counted from the rows the statement returns: the drivers' row count is not reliable
    # for an INSERT (psycopg gives none when the statement hands back rows, as here).
    statement = ((postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
                 .on_conflict_do_nothing(index_elements=conflict_columns)
                 .returning(table.c[conflict_columns[0]]))
    # The rows go as parameters of one compiled statement, which SQLAlchemy sends as
    # pages of many VALUES ("insertmanyvalues"): thousands of rows cost a few round
    # trips and none of the compiling a statement with thousands of VALUES would.
    return len(db.session.execute(statement, rows).all())


def insert_all(model: Any, rows: list[dict]) -> int:
    """Insert ``rows``; how many were inserted, which is every one of them (a plain INSERT
    writes them all or raises).

    Never the driver's row count: psycopg reports -1 for an INSERT of many rows or of a
    SELECT, so a figure read from it says 0 on PostgreSQL however many rows went in.
    """
    if not rows:
        return 0
    db.session.execute(insert(getattr(model, "__table__", model)), rows)
    return len(rows)


def upsert(model: Any, rows: list[dict], conflict: list[Any], update: list[str]) -> int:
    """Insert ``rows``, or update the columns ``update`` of the row already holding the key
    ``conflict`` (columns or the expressions of a unique index); how many rows were sent.

    A row is rewritten only when one of those values differs: on PostgreSQL every update
    leaves a dead row version behind, and most rows a job sends again have not changed.
    """
    if not rows:
        return 0
    dialect = db.session.get_bind().dialect.name
    table = getattr(model, "__table__", model)
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    changed = or_(*(table.c[name].is_distinct_from(statement.excluded[name]) for name in update))
    statement = statement.on_conflict_do_update(
        index_elements=conflict, set_={name: statement.excluded[name] for name in update},
        where=changed)
    db.session.execute(statement, rows)
    return len(rows)
