"""New reports waiting for triage: the coordinators are told, and their home page lists them.

A report of a rumour the city did not know lands as a rumour at "reported". Each coordinator
gets at most one notification (hence one e-mail) an hour about them, whatever the number of
reports: the triage inbox on their home page gives the count and the oldest ones.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from ...auth.models import User
from ...core import notifications
from ...core.clock import utcnow
from ...core.links import path_for
from ...core.models import Notification
from ...core.permissions import roles_alerted
from ...extensions import db
from ..models import Rumour

KIND = "rumours.to_triage"
# One notice per coordinator within this time, so e-mails come at most hourly.
QUIET_FOR = timedelta(hours=1)
INBOX_SHOWN = 5


def waiting_query():
    """The rumours waiting for triage, oldest report first."""
    return (select(Rumour).where(Rumour.status == "reported")
            .order_by(Rumour.created_at, Rumour.id))


def inbox(limit: int = INBOX_SHOWN) -> tuple[int, list[Rumour]]:
    """How many rumours wait for triage, and the oldest ``limit`` of them."""
    count = db.session.scalar(select(func.count()).select_from(Rumour)
                              .where(Rumour.status == "reported")) or 0
    oldest = list(db.session.scalars(waiting_query().limit(limit))) if count else []
    return count, oldest


def inbox_path() -> str:
    return path_for("rumours.index", status="reported", sort="first_detected")


def announce(rumour: Rumour, reporter: Any, now: datetime | None = None) -> int:
    """Tell the coordinators (not the reporter) that a new report waits for triage, unless
    they were told within the hour: the message names no words, only where to look."""
    now = now or utcnow()
    reporter_id = getattr(reporter, "id", None)
    coordinators = set(db.session.scalars(
        select(User.id).where(User.role.in_(sorted(roles_alerted("rumours.triage"))),
                              User.active.is_(True))))
    coordinators.discard(reporter_id)
    if not coordinators:
        return 0
    told = set(db.session.scalars(
        select(Notification.user_id).where(Notification.kind == KIND,
                                           Notification.created_at > now - QUIET_FOR,
                                           Notification.user_id.in_(sorted(coordinators)))))
    return notifications.notify(coordinators - told, KIND, {"rumour": rumour.id},
                                link=inbox_path())
