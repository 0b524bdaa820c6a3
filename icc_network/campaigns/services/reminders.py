"""Reminders of activities: planned from the configured offsets, re-planned when an
activity moves or is cancelled, delivered once each by the scheduler."""

from __future__ import annotations

from ..models import Activity


def replan(activity: Activity) -> int:
    """Plan the activity's reminders as it is now; how many are planned."""
    return 0


def activity_cancelled(activity: Activity) -> int:
    """Drop the unsent reminders of a cancelled activity and tell those taking part."""
    return 0
