"""Notifications: kinds registered by the areas, created by services and jobs,
read in the application and delivered by e-mail by the scheduler.

Each user chooses on their account page whether notifications reach them by e-mail too
(``User.email_notifications``). Those who do get at most one e-mail an hour: what arrived
since the last one, still unread, is gathered in one message.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import bindparam, func, or_, select, update

from ..extensions import db
from . import claims
from .clock import utcnow
from .links import absolute_url, path_for
from .mail import MailBatch, mail_enabled
from .models import EMAIL_HOURLY, Notification
from .sql import insert_all, insert_or_ignore
from .translatable import LOCALES, localise

MAX_EMAIL_ATTEMPTS = 5
EMAIL_BATCH = 100
# Longer than a batch can take: 100 messages at up to 15 s each (the SMTP timeout).
EMAIL_CLAIM_FOR = timedelta(minutes=30)
# A run goes through the queue batch after batch until it is empty or this time is spent,
# so that a burst (thousands of reminders due at once) leaves within minutes, not hours.
EMAIL_RUN_SECONDS = 300

EMAIL_EVERY = timedelta(hours=1)
# A digest lists this many notifications, then says how many more wait in the application.
DIGEST_SHOWN = 20


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
    """E-mail the users who chose it their unread due notifications, over one SMTP connection.

    A user gets at most one e-mail an hour: one notification goes as it is, several as one
    digest. Each batch's users are claimed for its transaction (core.claims), their
    notifications marked as e-mailed in it, then committed: two scheduler processes never
    write to the same person twice, and a crash loses at most the marks of the batch under
    way. The run walks the users once in id order, so a message that failed waits for the
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


def _to_email(now: datetime) -> tuple[Any, ...]:
    """Notifications that wait for an e-mail: due, unread (one read in the application
    needs no e-mail) and not given up on."""
    return (Notification.emailed_at.is_(None), Notification.read_at.is_(None),
            Notification.due_at <= now, Notification.email_attempts < MAX_EMAIL_ATTEMPTS)


def _email_batch(mail: MailBatch, after_id: int) -> tuple[int | None, int, int]:
    """Write to one batch of users; the last user id it took (None when all are walked),
    e-mails sent, e-mails failed."""
    from ..auth.models import User

    now = utcnow()
    waiting = select(Notification.id).where(Notification.user_id == User.id, *_to_email(now))
    due = (
        select(User)
        .where(User.active.is_(True), User.email_notifications == EMAIL_HOURLY,
               or_(User.notifications_emailed_at.is_(None),
                   User.notifications_emailed_at <= now - EMAIL_EVERY),
               User.id > after_id, waiting.exists())
        .order_by(User.id)
        .limit(EMAIL_BATCH)
    )
    users = [row[0] for row in claims.rows_to_deliver(
        due, queue="core.notification_emails", of=User, hold_for=EMAIL_CLAIM_FOR)]
    pending: dict[int, list[Notification]] = {}
    if users:
        for note in db.session.scalars(
                select(Notification).where(Notification.user_id.in_([u.id for u in users]),
                                           *_to_email(now)).order_by(Notification.id)):
            pending.setdefault(note.user_id, []).append(note)
    sent = failed = 0
    for user in users:
        notes = pending.get(user.id)
        if not notes:
            continue  # read in the application since the batch was chosen
        try:
            mail.send(user.email, *_message(notes, user.locale))
        except Exception as exc:  # noqa: BLE001 - retried on the next run, up to the limit
            for note in notes:
                note.email_attempts += 1
                note.last_email_error = str(exc)[:500]
            failed += 1
        else:
            for note in notes:
                note.emailed_at = now
            user.notifications_emailed_at = now
            sent += 1
    db.session.flush()
    last_id = users[-1].id if len(users) == EMAIL_BATCH else None
    return last_id, sent, failed


def _message(notes: list[Notification], locale: str) -> tuple[str, str]:
    """The subject and body of one e-mail: a lone notification as it is, several as a digest."""
    entries = [_entry(note, locale) for note in notes[:DIGEST_SHOWN]]
    with force_locale(locale):
        if len(notes) == 1:
            title = subject(notes[0], locale)
        else:
            title = ngettext("%(num)d new notification", "%(num)d new notifications", len(notes))
        if len(notes) > DIGEST_SHOWN:
            entries.append(_("%(count)d more in the application: %(url)s",
                             count=len(notes) - DIGEST_SHOWN,
                             url=absolute_url(path_for("core.notifications_inbox"))))
        footer = _("You receive at most one e-mail an hour about your notifications. "
                   "To receive none, change your choice on your account page: %(url)s",
                   url=absolute_url(path_for("auth.account")))
    return title, "\n\n".join(entries) + "\n\n-- \n" + footer


def _entry(note: Notification, locale: str) -> str:
    text = render(note, locale)
    return f"{text}\n{absolute_url(note.link)}" if note.link else text
