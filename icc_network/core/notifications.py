"""Notifications: kinds registered by the areas, created by services and jobs,
read in the application and delivered by e-mail by the scheduler."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import bindparam, func, select, update

from ..extensions import db
from . import claims
from .clock import utcnow
from .links import absolute_url
from .mail import MailBatch, mail_enabled
from .models import Notification
from .sql import insert_all, insert_or_ignore
from .translatable import LOCALES, localise

MAX_EMAIL_ATTEMPTS = 5
EMAIL_BATCH = 100
# Longer than a batch can take: 100 messages at up to 15 s each (the SMTP timeout).
EMAIL_CLAIM_FOR = timedelta(minutes=30)
# A run goes through the queue batch after batch until it is empty or this time is spent,
# so that a burst (thousands of reminders due at once) leaves within minutes, not hours.
EMAIL_RUN_SECONDS = 300


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
    return insert_all(Notification, rows)


def notify_each(kind: str, entries: Iterable[tuple[int, dict[str, Any], str | None, str]]) -> int:
    """Queue many notifications of one kind, each with its own params, in one statement.

    ``entries`` are (user id, params, link, dedupe key); a key already notified to
    that user is skipped. Returns how many were created.
    """
    if kind not in _KINDS:
        raise KeyError(f"unknown notification kind {kind!r}")
    now = utcnow()
    rows = [{"user_id": user_id, "kind": kind, "params": params, "link": link,
             "dedupe_key": dedupe_key, "due_at": now, "created_at": now, "email_attempts": 0}
            for user_id, params, link, dedupe_key in entries]
    return insert_or_ignore(Notification, rows, ["user_id", "dedupe_key"])


def _values(notification: Notification, locale: str) -> dict[str, Any]:
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    return {key: localise(value, locale, default).text if isinstance(value, dict) else value
            for key, value in (notification.params or {}).items()}


def in_each_language(label) -> dict[str, str]:
    """A label (or a function making a text) in each language, as a notification's params
    keep their texts: whoever reads it later reads it in their own language."""
    texts = {}
    for locale in LOCALES:
        with force_locale(locale):
            texts[locale] = label() if callable(label) else str(label)
    return texts


def render(notification: Notification, locale: str) -> str:
    kind = _KINDS.get(notification.kind)
    if kind is None:
        return notification.kind
    values = _values(notification, locale)
    with force_locale(locale):
        try:
            return str(kind.message) % values
        except (KeyError, TypeError, ValueError):
            return str(kind.message)


def subject(notification: Notification, locale: str) -> str:
    """The e-mail subject; it may name the params too ("Reminder: %(title)s")."""
    kind = _KINDS.get(notification.kind)
    if kind is None:
        return notification.kind
    with force_locale(locale):
        try:
            return str(kind.subject) % _values(notification, locale)
        except (KeyError, TypeError, ValueError):
            return str(kind.subject)


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
    """E-mail due notifications over one SMTP connection, batch after batch.

    Each batch's rows are claimed for its transaction (core.claims) and marked as
    e-mailed in it, then committed: two scheduler processes never send the same
    message twice, and a crash loses at most the marks of the batch under way. The
    run walks the queue once in id order, so a message that failed waits for the
    next run instead of being tried again at once.
    """
    if not mail_enabled():
        return {"emailed": 0, "failed": 0}
    totals = {"emailed": 0, "failed": 0}
    after_id, deadline = 0, time.monotonic() + EMAIL_RUN_SECONDS
    with MailBatch() as mail:
        while time.monotonic() < deadline:
            last_id, sent, failed = _email_batch(mail, after_id)
            db.session.commit()  # the batch's claim ends here; the next takes its own
            totals["emailed"] += sent
            totals["failed"] += failed
            if last_id is None:
                break
            after_id = last_id
    return totals


def _email_batch(mail: MailBatch, after_id: int) -> tuple[int | None, int, int]:
    """Send one batch; the last id it took (None when the queue is walked), sent, failed."""
    from ..auth.models import User

    due = (
        select(Notification, User)
        .join(User, User.id == Notification.user_id)
        .where(Notification.emailed_at.is_(None), Notification.due_at <= utcnow(),
               Notification.email_attempts < MAX_EMAIL_ATTEMPTS, User.active.is_(True),
               Notification.id > after_id)
        .order_by(Notification.id)
        .limit(EMAIL_BATCH)
    )
    rows = claims.rows_to_deliver(due, queue="core.notification_emails", of=Notification,
                                  hold_for=EMAIL_CLAIM_FOR)
    sent = failed = 0
    for notification, user in rows:
        body = render(notification, user.locale)
        if notification.link:
            body += "\n\n" + absolute_url(notification.link)
        try:
            mail.send(user.email, subject(notification, user.locale), body)
        except Exception as exc:  # noqa: BLE001 - retried on the next run, up to the limit
            notification.email_attempts += 1
            notification.last_email_error = str(exc)[:500]
            failed += 1
        else:
            notification.emailed_at = utcnow()
            sent += 1
    db.session.flush()
    last_id = rows[-1][0].id if len(rows) == EMAIL_BATCH else None
    return last_id, sent, failed
