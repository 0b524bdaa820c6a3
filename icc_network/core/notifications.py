"""Notifications: kinds registered by the areas, created by services and jobs,
read in the application and delivered by e-mail by the scheduler."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import bindparam, func, insert, select, update

from ..extensions import db
from . import claims
from .clock import utcnow
from .links import absolute_url
from .mail import mail_enabled, send_mail
from .models import Notification
from .sql import insert_or_ignore
from .translatable import localise

MAX_EMAIL_ATTEMPTS = 5
EMAIL_BATCH = 100
# Longer than a batch can take: 100 messages at up to 15 s each (the SMTP timeout).
EMAIL_CLAIM_FOR = timedelta(minutes=30)


@dataclass(frozen=True)
class NotificationKind:
    key: str
    message: Any  # lazy string with %(name)s placeholders filled from params
    subject: Any  # lazy string: the e-mail subject


_KINDS: dict[str, NotificationKind] = {}


def register_kind(kind: NotificationKind) -> None:
    _KINDS[kind.key] = kind


def notify(
    user_ids: Iterable[int],
    kind: str,
    params: dict[str, Any] | None = None,
    *,
    link: str | None = None,
    dedupe_key: str | None = None,
    due_at: datetime | None = None,
) -> int:
    """Queue a notification for each user; with ``dedupe_key``, at most one per user.

    Returns how many were created. Translatable params are stored as
    ``{"fr": ..., "en": ...}`` and shown in each reader's language.
    """
    if kind not in _KINDS:
        raise KeyError(f"unknown notification kind {kind!r}")
    ids = sorted(set(user_ids))
    if not ids:
        return 0
    rows = [
        {"user_id": uid, "kind": kind, "params": params or {}, "link": link,
         "dedupe_key": dedupe_key, "due_at": due_at or utcnow(), "created_at": utcnow(),
         "email_attempts": 0}
        for uid in ids
    ]
    if dedupe_key is not None:
        return insert_or_ignore(Notification, rows, ["user_id", "dedupe_key"])
    result = db.session.execute(insert(Notification).values(rows))
    return max(result.rowcount or 0, 0)


def render(notification: Notification, locale: str) -> str:
    kind = _KINDS.get(notification.kind)
    if kind is None:
        return notification.kind
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    values = {
        key: localise(value, locale, default).text if isinstance(value, dict) else value
        for key, value in (notification.params or {}).items()
    }
    with force_locale(locale):
        try:
            return str(kind.message) % values
        except (KeyError, TypeError, ValueError):
            return str(kind.message)


def subject(notification: Notification, locale: str) -> str:
    kind = _KINDS.get(notification.kind)
    with force_locale(locale):
        return str(kind.subject) if kind else notification.kind


def _unread_where(user_id: Any) -> Any:
    return ((Notification.user_id == user_id) & Notification.read_at.is_(None)
            & (Notification.due_at <= bindparam("now", callable_=utcnow)))


def unread_count_subquery(user_id_column: Any) -> Any:
    """The unread count as a correlated column, to load it with the signed-in user."""
    return (select(func.count()).select_from(Notification)
            .where(_unread_where(user_id_column)).scalar_subquery())


@functools.cache
def _unread_count_statement():
    return select(func.count()).select_from(Notification).where(_unread_where(bindparam("user_id")))


def unread_count(user_id: int) -> int:
    return db.session.scalar(_unread_count_statement(), {"user_id": user_id}) or 0


def inbox_query(user_id: int):
    return (select(Notification)
            .where(Notification.user_id == user_id, Notification.due_at <= utcnow())
            .order_by(Notification.created_at.desc(), Notification.id.desc()))


def mark_read(user_id: int, notification_id: int | None = None) -> None:
    """Mark one (or, without an id, every) notification of the user as read."""
    query = update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    db.session.execute(query.values(read_at=utcnow()))


def deliver_emails() -> dict[str, int]:
    """E-mail due notifications. Rows are claimed for this transaction (core.claims),
    so two scheduler processes never send the same message twice."""
    if not mail_enabled():
        return {"emailed": 0, "failed": 0}
    from ..auth.models import User

    due = (
        select(Notification, User)
        .join(User, User.id == Notification.user_id)
        .where(Notification.emailed_at.is_(None), Notification.due_at <= utcnow(),
               Notification.email_attempts < MAX_EMAIL_ATTEMPTS, User.active.is_(True))
        .order_by(Notification.id)
        .limit(EMAIL_BATCH)
    )
    sent = failed = 0
    for notification, user in claims.rows_to_deliver(due, queue="core.notification_emails",
                                                     of=Notification, hold_for=EMAIL_CLAIM_FOR):
        body = render(notification, user.locale)
        if notification.link:
            body += "\n\n" + absolute_url(notification.link)
        try:
            send_mail(user.email, subject(notification, user.locale), body)
        except Exception as exc:  # noqa: BLE001 - retried on the next run, up to the limit
            notification.email_attempts += 1
            notification.last_email_error = str(exc)[:500]
            failed += 1
        else:
            notification.emailed_at = utcnow()
            sent += 1
    return {"emailed": sent, "failed": failed}
