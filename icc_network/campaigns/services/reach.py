"""The reach of an activity, recorded once it has started: people met and materials given.

Managers record it for any activity; a partner for the activities their organisation
runs (the object rule of "activities.reach" on the activity's organisation ids).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core import audit
from ...core.clock import utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.permissions import can
from ...core.rules import refuse_unless
from ...extensions import db
from ..models import REACH_COLUMNS, Activity
from .activities import organisation_ids

# A figure larger than this is a typing mistake, not an audience.
MAX_FIGURE = 10_000_000


@dataclass
class ReachData:
    attendees: int | None = None
    conversations: int | None = None
    materials: int | None = None
    online_views: int | None = None


def may_record(user: Any, activity: Activity) -> bool:
    """May ``user`` record the reach of ``activity`` (whatever its dates)?"""
    return can(user, "activities.reach", set(organisation_ids(activity.id)))


def has_started(activity: Activity) -> bool:
    return activity.starts_at <= utcnow()


def record_reach(activity: Activity, data: ReachData, *, actor: Any) -> Activity:
    """Keep the figures (totals over every date of the activity) and who gave them."""
    refuse_unless(may_record(actor, activity),
                  _l("Only the organisations running this activity may record its reach."))
    refuse_unless(activity.cancelled_at is None,
                  _l("This activity was cancelled: it has no reach to record."))
    refuse_unless(has_started(activity), _l(
        "The reach can be recorded once the activity has started."))
    figures = {name: getattr(data, name) for name in REACH_COLUMNS}
    for name, value in figures.items():
        refuse_unless(value is None or 0 <= value <= MAX_FIGURE, _l(
            "Enter a whole number, zero or more (at most ten million), or leave it empty."),
            name)
    refuse_unless(any(value is not None for value in figures.values()),
                  _l("Enter at least one figure."), REACH_COLUMNS[0])
    before = {name: getattr(activity, name) for name in REACH_COLUMNS}
    for name, value in figures.items():
        setattr(activity, name, value)
    activity.reach_recorded_at = utcnow()
    activity.reach_recorded_by_id = getattr(actor, "id", None)
    db.session.flush()
    audit.record(actor, "activity.reach", activity, campaign_id=activity.campaign_id,
                 before=before, after=figures)
    return activity
