"""The campaigns area's scheduled jobs: campaign statuses on their dates, derived ties in
the network, reminders of activities, and the VEVENTs kept for calendar feeds."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ..core.calendar import city_today
from ..core.i18n import lazy_gettext as _l
from ..core.models import JobStatus
from ..core.scheduling import JobSpec
from ..extensions import db
from .services import campaigns, feed_events, reminders, ties

# --- campaigns (statuses on their dates, derived ties) ------------------------------

DERIVE_TIES = "campaigns.derive_ties"
# Changes committed while the previous run was reading are caught by looking back a little
# before it started.
TIES_OVERLAP = timedelta(minutes=5)


def advance_statuses() -> dict:
    """Start the campaigns whose first day has come, complete those whose last has passed."""
    return campaigns.advance_statuses(city_today())


def derive_ties() -> dict:
    """Refresh the derived ties of campaigns changed since the last run (all of them on the
    first run); the nightly run refreshes every campaign, for activities deleted outright."""
    last = db.session.scalar(select(JobStatus.last_success_at).where(
        JobStatus.job_id == DERIVE_TIES))
    if last is None:
        return ties.refresh()
    return ties.refresh(ties.changed_since(last - TIES_OVERLAP))


def derive_all_ties() -> dict:
    return ties.refresh()


TIES_LABELS = {"campaigns": _l("Campaigns compared"),
               "changed": _l("Campaigns whose ties changed")}

CAMPAIGN_JOBS: list[JobSpec] = [
    # Hourly rather than once after midnight: a scheduler that was down at midnight
    # catches up within the hour.
    JobSpec("campaigns.advance_statuses", advance_statuses, "cron", {"minute": 2},
            _l("Set planned campaigns running on their first day and complete running ones "
               "after their last"),
            {"started": _l("Campaigns started"), "completed": _l("Campaigns completed")}),
    JobSpec(DERIVE_TIES, derive_ties, "interval", {"minutes": 15},
            _l("Ties between organisations that run campaign activities together, for "
               "campaigns changed since the last run"), TIES_LABELS),
    JobSpec("campaigns.derive_all_ties", derive_all_ties, "cron", {"hour": 2, "minute": 50},
            _l("Ties between organisations that run campaign activities together, for every "
               "campaign"), TIES_LABELS),
]


# --- reminders ----------------------------------------------------------------------


def deliver_reminders() -> dict:
    """Every minute: the reminders now due, as notifications (e-mailed by core's job)."""
    return reminders.deliver_due()


def _every_minute(config) -> dict:
    # Read when the scheduler is built: a wrong offset setting stops it with a clear message.
    reminders.parse_offsets(config.get("CAMPAIGNS_REMINDER_OFFSETS", ""))
    return {"minutes": 1}


REMINDER_JOBS: list[JobSpec] = [
    JobSpec(
        "campaigns.deliver_reminders", deliver_reminders, "interval", _every_minute,
        _l("Deliver the reminders of campaign activities now due"),
        {"sent": _l("Reminders sent"),
         "dropped": _l("Reminders no longer to be sent"),
         "batches": _l("Batches")},
        # A run takes seconds (ten thousand reminders in a few); a crashed one is taken
        # over soon, and its rows were never marked sent.
        claim_for=timedelta(minutes=15),
    ),
]


# --- feeds --------------------------------------------------------------------------


def render_feed_events() -> dict:
    """Every five minutes: the stored VEVENTs of activities changed since they were written
    (a feed meanwhile builds those itself, so it is never out of date)."""
    return feed_events.render_stale()


FEED_JOBS: list[JobSpec] = [
    JobSpec("campaigns.render_feed_events", render_feed_events, "interval", {"minutes": 5},
            _l("Write the calendar-feed events of activities changed since they were last "
               "written"),
            {"rendered": _l("Activities written")}),
]


JOBS = [*CAMPAIGN_JOBS, *REMINDER_JOBS, *FEED_JOBS]
