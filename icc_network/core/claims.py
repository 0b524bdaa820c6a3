"""Only one process does this: named claims that expire, and rows claimed for delivery.

The mechanism. A claim is a row of the ``claim`` table (name, holder,
claimed_until), taken by one atomic statement::

    INSERT INTO claim (name, holder, claimed_until) VALUES (:name, :me, :until)
    ON CONFLICT (name) DO UPDATE SET holder = :me, claimed_until = :until
    WHERE claim.claimed_until < :now

Of several claimants exactly one changes a row: PostgreSQL locks the row while
it decides, SQLite writes one transaction at a time. This holds whether the
claimants are several scheduler processes on PostgreSQL or threads of the one
development process (``make run`` runs the scheduler inside the web server),
with a ``flask scheduler run-job`` beside them. The claim is written on a
connection of its own and committed at once: other processes see it while the
work goes on, and the work's own session is never committed or rolled back by
it. It is let go when that session has committed or rolled back what it did
under the claim (at once if nothing is pending), so the next holder finds the
work done. A holder that crashed leaves its row behind; the claim expires at
``claimed_until`` and the next claimant takes it over, so ``hold_for`` must
exceed the longest run. Letting go deletes the row only while this holder
still has it.

Why not PostgreSQL advisory locks, used before: SQLite has none, which left the
development server's threads unprotected; a session lock ties up a pooled
connection for the whole job; and nobody can see who holds it or until when.

Rows to deliver exactly once (e-mailed notifications, campaign reminders) are
taken with :func:`rows_to_deliver` and marked as sent in the same transaction.
On PostgreSQL they are locked ``FOR UPDATE SKIP LOCKED`` until that transaction
ends, so several processes share the queue and none sends a row another has
taken. On SQLite a named claim on the whole queue is held until the
transaction ends.

On SQLite, take a claim before the session writes anything: its connection
would wait for the session's own write lock. :func:`take` refuses at once.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import Row, Select, delete, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ..extensions import db
from .clock import utcnow
from .models import Claim

log = logging.getLogger(__name__)

_CLAIMS_TO_RELEASE = "core.claims.release_at_transaction_end"


def take(name: str, hold_for: timedelta) -> Claim | None:
    """Claim ``name`` for ``hold_for``; None while someone else holds it.

    Returns the claim (a row not added to any session) to give to :func:`release`.
    """
    _refuse_after_sqlite_writes()
    now = utcnow()
    claim = Claim(name=name, holder=_holder(), claimed_until=now + hold_for)
    table = Claim.__table__
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(table).values(name=name, holder=claim.holder,
                                          claimed_until=claim.claimed_until)
    statement = insert.on_conflict_do_update(
        index_elements=[table.c.name],
        set_={"holder": insert.excluded.holder, "claimed_until": insert.excluded.claimed_until},
        where=table.c.claimed_until < now).returning(table.c.name)
    with db.engine.begin() as connection:
        # A row comes back when this claimant inserted or took over an expired claim
        # (the driver's rowcount is not reliable for an INSERT on every engine).
        taken = connection.execute(statement).first() is not None
    return claim if taken else None


def release(claim: Claim) -> None:
    """Let the work go once the session has committed or rolled back what it did under
    the claim (at once when it has nothing pending), unless another holder took it over."""
    session = db.session()
    if session.in_transaction():
        _release_when_transaction_ends(session, claim)
    else:
        _delete(claim)


@contextmanager
def held(name: str, hold_for: timedelta) -> Iterator[Claim | None]:
    """``with held(name, hold_for) as claim:`` -- None when another holds it; released after."""
    claim = take(name, hold_for)
    try:
        yield claim
    finally:
        if claim is not None:
            release(claim)


def rows_to_deliver(statement: Select, *, queue: str, of: Any, hold_for: timedelta) -> list[Row]:
    """The rows of ``statement`` that this transaction alone delivers.

    ``of`` is the model whose rows are delivered (locked on PostgreSQL); ``queue``
    names the claim that stands for them on SQLite, held until the transaction ends.
    """
    if db.engine.dialect.name == "postgresql":
        return list(db.session.execute(statement.with_for_update(skip_locked=True, of=of)).all())
    claim = take(f"deliver:{queue}", hold_for)
    if claim is None:
        return []
    rows = list(db.session.execute(statement).all())
    release(claim)  # when this transaction ends: the rows are then marked as sent
    return rows


def _holder() -> str:
    """Who takes a claim: host, process and thread, and a token telling its takes apart."""
    return (f"{socket.gethostname()[:120]}:{os.getpid()}:{threading.get_ident()}:"
            f"{secrets.token_hex(4)}")


def _refuse_after_sqlite_writes() -> None:
    session = db.session()
    if db.engine.dialect.name != "sqlite" or not session.in_transaction():
        return
    if session.connection().connection.dbapi_connection.in_transaction:
        raise RuntimeError("On SQLite a claim must be taken before the session writes: "
                           "its connection would wait for the session's own lock.")


def _release_when_transaction_ends(session: Session, claim: Claim) -> None:
    session.info.setdefault(_CLAIMS_TO_RELEASE, []).append(claim)
    if not event.contains(session, "after_transaction_end", _release_claims):
        event.listen(session, "after_transaction_end", _release_claims)


def _release_claims(session: Session, transaction: Any) -> None:
    if transaction.parent is None:  # the transaction itself, not a savepoint inside it
        for claim in session.info.pop(_CLAIMS_TO_RELEASE, []):
            try:
                _delete(claim)
            except SQLAlchemyError:  # the session's own work is done; the claim expires
                log.exception("claim %s not let go; it expires at %s", claim.name,
                              claim.claimed_until)


def _delete(claim: Claim) -> None:
    table = Claim.__table__
    with db.engine.begin() as connection:
        connection.execute(delete(table).where(table.c.name == claim.name,
                                               table.c.holder == claim.holder))
