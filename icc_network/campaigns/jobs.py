"""The campaigns area's scheduled jobs: campaign statuses on their dates, derived ties in
the network, and reminders of activities."""

from __future__ import annotations

from ..core.scheduling import JobSpec

# --- campaigns (statuses on their dates, derived ties) ------------------------------

CAMPAIGN_JOBS: list[JobSpec] = []


# --- reminders ----------------------------------------------------------------------

REMINDER_JOBS: list[JobSpec] = []


JOBS = [*CAMPAIGN_JOBS, *REMINDER_JOBS]
