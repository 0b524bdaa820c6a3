"""The campaigns area's scheduled jobs: campaign statuses on their dates, derived ties in
the network, and reminders of activities."""

from __future__ import annotations

from datetime import timedelta

from ..core.i18n import lazy_gettext as _l
from ..core.scheduling import JobSpec
from .services import reminders

# --- campaigns (statuses on their dates, derived ties) ------------------------------

CAMPAIGN_JOBS: list[JobSpec] = []


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


JOBS = [*CAMPAIGN_JOBS, *REMINDER_JOBS]
