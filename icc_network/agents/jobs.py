"""The agents area's scheduled jobs: messages to participants, refreshers, retention."""

from __future__ import annotations

from datetime import timedelta

from ..core.i18n import lazy_gettext as _l
from ..core.scheduling import JobSpec
from .services.messages import deliver_due

# --- register (retention of candidates who never trained) -------------------------

REGISTER_JOBS: list[JobSpec] = []


# --- training (invitations and reminders) -----------------------------------------

TRAINING_JOBS: list[JobSpec] = [
    JobSpec(
        "agents.deliver_messages", deliver_due, "interval", {"minutes": 5},
        _l("E-mail invitations, reminders and notices to training participants"),
        {"sent": _l("E-mails sent"), "failed": _l("E-mails that failed"),
         "dropped": _l("Messages no longer to be sent")},
        claim_for=timedelta(minutes=30),
    ),
]


# --- certification (expiry reminders, agents gone quiet) ---------------------------

CERTIFICATION_JOBS: list[JobSpec] = []


JOBS = [*TRAINING_JOBS, *CERTIFICATION_JOBS, *REGISTER_JOBS]
