"""Reminders of activities: planned from the configured offsets, re-planned when an
activity moves or is cancelled, delivered once each by the scheduler.

A reminder is a row per person, occurrence and offset (unique), due that long
before the occurrence. Planning inserts the rows the activity needs now and drops
the unsent ones it no longer needs; delivery claims the due rows (core.claims),
turns them into in-app notifications and marks them sent in the same transaction,
so each reminder goes out once whatever the downtime or the number of scheduler
processes. E-mails follow through core's notification e-mails, which claim their
rows the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import lru_cache

from flask import current_app
from flask_babel import force_locale, format_date, format_time
from flask_babel import gettext as _
from sqlalchemy import exists, select, update
from sqlalchemy.orm import aliased

from ...auth.models import User
from ...core import claims
from ...core.clock import utcnow
from ...core.links import path_for
from ...core.models import District
from ...core.notifications import notify, notify_each
from ...core.sql import insert_or_ignore
from ...core.translatable import localise
from ...extensions import db
from ..models import Activity, ActivityOccurrence, Reminder
from .audience import participants

REMINDER_KIND = "campaigns.activity_reminder"
CANCELLED_KIND = "campaigns.activity_cancelled"
QUEUE = "campaigns.reminders"
BATCH = 1000
# Longer than a batch can take (a thousand rows, a few statements).
CLAIM_FOR = timedelta(minutes=10)
_CHUNK = 500  # ids per UPDATE while planning (SQLite's bound parameters)

_OFFSET = re.compile(r"(\d{1,6})([dhm])")
_MINUTES = {"d": 24 * 60, "h": 60, "m": 1}
MAX_OFFSET_MINUTES = 366 * 24 * 60


# --- offsets ------------------------------------------------------------------------


@lru_cache(maxsize=8)
def parse_offsets(text: str) -> tuple[int, ...]:
    """"7d,1d,2h,30m" as minutes before an occurrence, the longest first.

    Raises ValueError naming the part that is not an offset, so that a wrong
    setting stops the application at start-up rather than planning nothing.
    An empty setting plans no reminder.
    """
    minutes: set[int] = set()
    for part in (text or "").split(","):
        part = part.strip().lower()
        if not part:
            continue
        match = _OFFSET.fullmatch(part)
        if match is None:
            raise ValueError(f"CAMPAIGNS_REMINDER_OFFSETS: {part!r} is not an offset such as "
                             "7d, 1d, 2h or 30m (days, hours, minutes before the activity)")
        value = int(match.group(1)) * _MINUTES[match.group(2)]
        if not 0 < value <= MAX_OFFSET_MINUTES:
            raise ValueError(f"CAMPAIGNS_REMINDER_OFFSETS: {part!r} must be more than nothing "
                             "and at most 366 days")
        minutes.add(value)
    return tuple(sorted(minutes, reverse=True))


def configured_offsets() -> tuple[int, ...]:
    return parse_offsets(current_app.config.get("CAMPAIGNS_REMINDER_OFFSETS", ""))


# --- planning -----------------------------------------------------------------------

Key = tuple[int, datetime, int]  # user, occurrence start, offset in minutes


def replan(activity: Activity) -> int:
    """Plan the activity's reminders as it is now; how many are planned.

    Call it after the activity's occurrences, agents or organisations changed
    (and after a cancellation): reminders it needs are planned (or planned again
    if they had been dropped), unsent ones it no longer needs are dropped, and
    sent ones stay as they were.
    """
    now = utcnow()
    wanted = _wanted(activity, now)
    planned: dict[Key, tuple[int, bool]] = {
        (user_id, starts_at, offset): (reminder_id, dropped_at is not None)
        for reminder_id, user_id, starts_at, offset, dropped_at in db.session.execute(
            select(Reminder.id, Reminder.user_id, Reminder.occurrence_starts_at,
                   Reminder.offset_minutes, Reminder.dropped_at)
            .where(Reminder.activity_id == activity.id, Reminder.sent_at.is_(None)))}
    _set_dropped([rid for key, (rid, dropped) in planned.items()
                  if not dropped and key not in wanted], now)
    _set_dropped([rid for key, (rid, dropped) in planned.items()
                  if dropped and key in wanted], None)
    rows = [{"activity_id": activity.id, "user_id": user_id, "occurrence_starts_at": starts_at,
             "offset_minutes": offset, "due_at": due_at, "created_at": now, "attempts": 0,
             "last_error": ""}
            for (user_id, starts_at, offset), due_at in sorted(wanted.items())
            if (user_id, starts_at, offset) not in planned]
    # A reminder already sent has the same key: it is ignored, never sent again.
    insert_or_ignore(Reminder, rows,
                     ["activity_id", "user_id", "occurrence_starts_at", "offset_minutes"])
    return len(wanted)


def _wanted(activity: Activity, now: datetime) -> dict[Key, datetime]:
    """The reminders the activity needs now, with their due times (none already past)."""
    if activity.cancelled_at is not None:
        return {}
    offsets = configured_offsets()
    people = participants([activity.id]).get(activity.id, set())
    if not offsets or not people:
        return {}
    starts = db.session.scalars(
        select(ActivityOccurrence.starts_at)
        .where(ActivityOccurrence.activity_id == activity.id, ActivityOccurrence.starts_at > now))
    wanted: dict[Key, datetime] = {}
    for starts_at in starts:
        for offset in offsets:
            due_at = starts_at - timedelta(minutes=offset)
            if due_at > now:
                wanted.update({(user_id, starts_at, offset): due_at for user_id in people})
    return wanted


def _set_dropped(ids: list[int], when: datetime | None) -> None:
    for start in range(0, len(ids), _CHUNK):
        db.session.execute(update(Reminder).where(Reminder.id.in_(ids[start:start + _CHUNK]))
                           .values(dropped_at=when).execution_options(synchronize_session=False))


def activity_cancelled(activity: Activity) -> int:
    """Drop the unsent reminders of a cancelled activity and tell those taking part;
    how many were told (once per cancellation, however often this is called)."""
    now = utcnow()
    db.session.execute(update(Reminder)
                       .where(Reminder.activity_id == activity.id, Reminder.sent_at.is_(None),
                              Reminder.dropped_at.is_(None))
                       .values(dropped_at=now).execution_options(synchronize_session=False))
    if activity.last_ends_at <= now:
        return 0  # over already: nobody needs telling
    people = participants([activity.id]).get(activity.id, set())
    next_start = db.session.scalar(
        select(ActivityOccurrence.starts_at)
        .where(ActivityOccurrence.activity_id == activity.id, ActivityOccurrence.starts_at > now)
        .order_by(ActivityOccurrence.starts_at).limit(1)) or activity.starts_at
    params = {"title": dict(activity.title or {}), "when": when_texts([next_start])[next_start],
              "reason": (activity.cancel_reason or "").strip()[:500]}
    return notify(people, CANCELLED_KIND, params, link=_activity_link(activity.id),
                  dedupe_key=f"campaigns:activity:{activity.id}:cancelled:{activity.sequence}")


# --- delivery -----------------------------------------------------------------------


def deliver_due(now: datetime | None = None, batch: int = BATCH) -> dict[str, int]:
    """Deliver every due reminder, a batch at a time, until none is left; the counts.

    The scheduler's entry point, and so the one place of the area that commits:
    each batch is claimed for its own transaction, which marks its rows sent and
    commits, so a crash loses no more than the batch under way (sent again by the
    next run, its notifications once each by their keys) and another process takes
    the rows this one has not claimed.
    """
    totals = {"sent": 0, "dropped": 0, "batches": 0}
    while True:
        moment = now or utcnow()
        claimed, sent, dropped = deliver_batch(moment, batch)
        db.session.commit()
        if not claimed:
            return totals
        totals["sent"] += sent
        totals["dropped"] += dropped
        totals["batches"] += 1


def deliver_batch(now: datetime, size: int = BATCH) -> tuple[int, int, int]:
    """Claim up to ``size`` due reminders, notify, mark them: (claimed, sent, dropped).

    A reminder is dropped instead of sent when its occurrence has begun or is gone,
    its activity was cancelled or the person's account was closed, and when a
    reminder of the same occurrence with a shorter offset is due too (after
    downtime: one message, not one per missed offset). Flushes, never commits.
    """
    rows = claims.rows_to_deliver(_due(now, size), queue=QUEUE, of=Reminder,
                                  hold_for=CLAIM_FOR)
    if not rows:
        return 0, 0, 0
    keep = [row for row in rows if row.occurs and not row.superseded and row.active
            and row.cancelled_at is None and row.occurrence_starts_at > now]
    whens = when_texts(row.occurrence_starts_at for row in keep)
    places = {row.activity_id: place_texts(row.place, row.name)
              for row in {row.activity_id: row for row in keep}.values()}
    notify_each(REMINDER_KIND, (
        (row.user_id, {"title": dict(row.title or {}), "when": whens[row.occurrence_starts_at],
                       "place": places[row.activity_id]},
         _activity_link(row.activity_id), f"campaigns:reminder:{row.id}")
        for row in keep))
    sent_ids = {row.id for row in keep}
    stamp = utcnow()
    _mark(sorted(sent_ids), sent_at=stamp)
    _mark(sorted(row.id for row in rows if row.id not in sent_ids), dropped_at=stamp)
    return len(rows), len(sent_ids), len(rows) - len(sent_ids)


def _due(now: datetime, size: int):
    """The oldest due reminders, with what deciding to send them needs (one query)."""
    occurs = exists().where(ActivityOccurrence.activity_id == Reminder.activity_id,
                            ActivityOccurrence.starts_at == Reminder.occurrence_starts_at)
    shorter = aliased(Reminder)
    superseded = exists().where(
        shorter.activity_id == Reminder.activity_id, shorter.user_id == Reminder.user_id,
        shorter.occurrence_starts_at == Reminder.occurrence_starts_at,
        shorter.offset_minutes < Reminder.offset_minutes, shorter.due_at <= now,
        shorter.dropped_at.is_(None))
    return (select(Reminder.id, Reminder.user_id, Reminder.activity_id,
                   Reminder.occurrence_starts_at, Activity.title, Activity.place,
                   Activity.cancelled_at, District.name, User.active,
                   occurs.label("occurs"), superseded.label("superseded"))
            .join(Activity, Activity.id == Reminder.activity_id)
            .join(User, User.id == Reminder.user_id)
            .outerjoin(District, District.id == Activity.district_id)
            .where(Reminder.sent_at.is_(None), Reminder.dropped_at.is_(None),
                   Reminder.due_at <= now)
            .order_by(Reminder.due_at, Reminder.id).limit(size))


def _mark(ids: list[int], **values) -> None:
    if ids:
        db.session.execute(update(Reminder).where(Reminder.id.in_(ids)).values(**values)
                           .execution_options(synchronize_session=False))


# --- texts --------------------------------------------------------------------------


def when_texts(starts: Iterable[datetime]) -> dict[datetime, dict[str, str]]:
    """Each start (naive UTC) as "Saturday 14 March 2026 at 10:00" on the city's clock, in
    every language, for notifications shown in each reader's language."""
    distinct = sorted(set(starts))
    texts: dict[datetime, dict[str, str]] = {start: {} for start in distinct}
    for locale in current_app.config["LANGUAGES"]:
        with force_locale(locale):
            for start in distinct:
                texts[start][locale] = _("%(day)s at %(time)s", day=format_date(start, "full"),
                                         time=format_time(start, "short"))
    return texts


def place_texts(place: str, district_name: dict[str, str] | None) -> dict[str, str]:
    """Where the activity happens, in every language (the district's name is translated)."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    texts = {}
    for locale in current_app.config["LANGUAGES"]:
        district = localise(district_name, locale, default).text if district_name else ""
        where = ", ".join(part for part in ((place or "").strip(), district) if part)
        if not where:
            with force_locale(locale):
                where = _("place to be announced")
        texts[locale] = where
    return texts


def _activity_link(activity_id: int) -> str:
    return path_for("campaigns.activity_detail", activity_id=activity_id)
