"""Factories for the shared kernel, and the one style every area's factories follow.

- Plain module functions, one per record: ``tests/factories.py`` for core and
  accounts, ``tests/<area>/factories.py`` beside each area's tests. Call them
  from a test, a fixture or a data set built once (tests/access); no fixture
  is needed to reach them.
- Each builds its row directly through the models, with defaults that make it
  valid and unique (a module counter) and keyword overrides for what a test
  cares about. It never goes through the area's services: a factory may build
  any state, even one the rules would refuse (an expired statistic, an overdue
  decision), and a test of a service never rests on that same service. A test
  that exercises a rule calls the service itself.
- Derived data is kept as the application keeps it, with the area's own small
  helpers (folded names, the order of an undirected tie, counters, the
  "something changed" markers): ``name_key``, ``oriented``, ``mark_changed``,
  ``bump_match_version``.
- They flush, never commit, and add nothing beside their own rows (no audit
  trail, no notification).
"""

from __future__ import annotations

import itertools

from icc_network.auth.models import User
from icc_network.auth.services.accounts import password_hasher
from icc_network.core.clock import utcnow
from icc_network.core.models import District, Notification
from icc_network.extensions import db

_sequence = itertools.count(1)
PASSWORD = "correct horse battery"
_hashes: dict[tuple, str] = {}


def _password_hash(password: str) -> str:
    """Hash as the application does; one hash per password and settings is enough for tests."""
    hasher = password_hasher()
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism, password)
    if key not in _hashes:
        _hashes[key] = hasher.hash(password)
    return _hashes[key]


def user(role: str = "coordinator", *, email: str | None = None, name: str | None = None,
         locale: str = "en", active: bool = True, password: str = PASSWORD) -> User:
    n = next(_sequence)
    row = User(email=(email or f"{role}{n}@example.org").strip().lower(),
               name=name or f"{role.title()} {n}", role=role, locale=locale, active=active,
               password_hash=_password_hash(password))
    db.session.add(row)
    db.session.flush()
    return row


def notification(recipient: User, kind: str = "auth.password_reset", **params) -> Notification:
    now = utcnow()
    row = Notification(user_id=recipient.id, kind=kind, params=params or {"by": "Admin"},
                       link="/account", created_at=now, due_at=now, email_attempts=0)
    db.session.add(row)
    db.session.flush()
    return row


def district(code: str | None = None, fr: str | None = None, en: str | None = "",
             **kwargs) -> District:
    n = next(_sequence)
    code = code or f"district-{n}"
    name = {"fr": fr or f"Quartier {n}"}
    if en is not None:
        name["en"] = en or f"District {n}"
    row = District(code=code, name=name, **kwargs)
    db.session.add(row)
    db.session.flush()
    return row
