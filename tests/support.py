"""Test helpers shared by every area: clients, logins, CSRF tokens, query counts."""

from __future__ import annotations

import contextvars
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

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
