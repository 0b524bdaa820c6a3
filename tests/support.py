"""Test helpers shared by every area: clients, logins, CSRF tokens, query counts, saved data."""

from __future__ import annotations

import contextvars
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, event, insert, select

from icc_network.extensions import db

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class IsolatedClient(FlaskClient):
    """A test client whose requests never share the test's app context.

    Each request runs in an empty context, exactly as in production: its own
    app context, its own database session, its own `g`. The test's session is
    committed before the request (so the request sees the test's data) and
    expired after it (so the test sees what the request changed).
    """

    def open(self, *args, **kwargs):
        _sync_test_session(commit=True)
        try:
            return contextvars.Context().run(super().open, *args, **kwargs)
        finally:
            _sync_test_session(commit=False)

    def csrf_token(self, path: str = "/") -> str:
        response = self.get(path)
        match = CSRF_META.search(response.get_data(as_text=True))
        assert match, f"no CSRF token on {path} ({response.status_code})"
        return match.group(1)

    def post_form(self, path: str, data: dict | None = None, **kwargs):
        """POST with a valid CSRF token, as a browser submitting the page's form would."""
        payload = dict(data or {})
        payload.setdefault("csrf_token", self.csrf_token())
        return self.post(path, data=payload, **kwargs)


def _sync_test_session(*, commit: bool) -> None:
    from flask import has_app_context

    if not has_app_context():
        return
    if commit:
        db.session.commit()
    else:
        db.session.expire_all()


def login(client: FlaskClient, user) -> str:
    """Sign ``user`` in on ``client`` without going through the form."""
    from icc_network.auth.services import accounts

    token = accounts.start_session(user, "pytest")
    db.session.commit()
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = token
        session["_fresh"] = True
    return token


@dataclass
class QueryLog:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def count_queries(app: Flask):
    """Count the SQL statements the application sends while the block runs."""
    log = QueryLog()
    _sync_test_session(commit=True)  # the test's own pending writes are not the page's queries
    with app.app_context():
        engine = db.engine

    def before(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "PRAGMA")):
            log.statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield log
    finally:
        event.remove(engine, "before_cursor_execute", before)


_WRITE = re.compile(r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)'
                    r'\s+"?(\w+)"?', re.IGNORECASE)
_NOT_A_WRITE = re.compile(r'^\s*(?:SELECT|PRAGMA|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|SHOW|SET'
                          r'|EXPLAIN)\b', re.IGNORECASE)


class SavedDatabase:
    """The rows of every table, put back after whatever wrote to them.

    Built once, a data set serves many tests: the application's engine is
    watched, and after each test only the tables something wrote to (with
    every table whose foreign keys point at them, since a cascade or a
    SET NULL changes those without a statement of their own) are emptied
    and refilled from the saved rows. A test that only reads costs nothing.
    """

    def __init__(self, app: Flask) -> None:
        self.app = app
        with app.app_context():
            self.engine = db.engine
            self.tables = list(db.metadata.sorted_tables)
            self.rows = {table.name: [dict(row._mapping) for row in
                                      db.session.execute(select(table).order_by(*table.primary_key))]
                         for table in self.tables}
            db.session.remove()
        self._dependents = _dependents(self.tables)
        self.written: set[str] = set()
        self._watching = True
        event.listen(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if not self._watching:
            return
        write = _WRITE.match(statement)
        if write:
            self.written.add(write.group(1))
        elif not _NOT_A_WRITE.match(statement):
            self.written.update(table.name for table in self.tables)  # unknown: assume the worst

    def restore(self) -> None:
        """Put the saved rows back into every table written to since the last restore."""
        stale = self._closure(self.written)
        if not stale:
            return
        self._watching = False
        try:
            with self.app.app_context():
                for table in reversed(self.tables):
                    if table.name in stale:
                        db.session.execute(delete(table))
                for table in self.tables:
                    if table.name in stale and self.rows[table.name]:
                        db.session.execute(insert(table), self.rows[table.name])
                db.session.commit()
                db.session.remove()
        finally:
            self._watching = True
        self.written.clear()

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)

    def _closure(self, names: set[str]) -> set[str]:
        stale, todo = set(), list(names)
        while todo:
            name = todo.pop()
            if name not in stale:
                stale.add(name)
                todo.extend(self._dependents.get(name, ()))
        return stale


def _dependents(tables) -> dict[str, set[str]]:
    dependents: dict[str, set[str]] = {}
    for table in tables:
        for key in table.foreign_keys:
            dependents.setdefault(key.column.table.name, set()).add(table.name)
    return dependents


def race(app: Flask, work, processes: int = 2, timeout: float = 120) -> list:
    """Run ``work()`` in ``processes`` threads at once, each with its own app context and
    database connection, as several scheduler processes would; their results, in the
    order they finished. An exception in any of them fails the test."""
    start, results, errors = threading.Barrier(processes), [], []

    def process():
        with app.app_context():
            try:
                start.wait()
                results.append(work())
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=process) for _ in range(processes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not errors, errors
    return results
