"""Factories for the shared kernel; each area keeps its own beside its tests."""

from __future__ import annotations

import itertools

from icc_network.auth.models import User
from icc_network.auth.services import accounts
from icc_network.core.models import District
from icc_network.extensions import db

_sequence = itertools.count(1)
PASSWORD = "correct horse battery"


def user(role: str = "coordinator", *, email: str | None = None, name: str | None = None,
         locale: str = "en", active: bool = True, password: str = PASSWORD) -> User:
    n = next(_sequence)
    created = accounts.create_user(
        email=email or f"{role}{n}@example.org",
        name=name or f"{role.title()} {n}",
        role=role,
        password=password,
        locale=locale,
        active=active,
    )
    db.session.flush()
    return created


def notification(recipient: User, kind: str = "auth.password_reset", **params):
    from sqlalchemy import select

    from icc_network.core import notifications
    from icc_network.core.models import Notification

    notifications.notify([recipient.id], kind, params or {"by": "Admin"}, link="/account")
    return db.session.scalar(select(Notification).where(Notification.user_id == recipient.id)
                             .order_by(Notification.id.desc()))


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
