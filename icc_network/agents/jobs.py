"""The agents area's scheduled jobs: messages to participants, refreshers, retention."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from ..core.clock import today
from ..core.i18n import lazy_gettext as _l
from ..core.scheduling import JobSpec
from ..extensions import db
from .services import personal_data
from .services.messages import deliver_due

# --- register (retention of candidates who never trained) -------------------------


def purge_candidates() -> dict:
    """Remove candidates who never trained once the retention period is over."""
    days = current_app.config["AGENTS_CANDIDATE_RETENTION_DAYS"]
    removed = personal_data.purge_candidates(days)
    db.session.commit()
    return {"purged": len(removed)}


REGISTER_JOBS: list[JobSpec] = [
    JobSpec("agents.purge_candidates", purge_candidates, "cron", {"hour": 3, "minute": 40},
            _l("Removes candidates who were never enrolled nor at a session, once the "
               "retention period has passed."),
            {"purged": _l("Candidates removed")}),
]


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


def refreshers() -> dict:
    """Daily: expiry notices (each told once) and the weekly count of agents gone quiet."""
    from .services.certificates import run_refreshers

    config = current_app.config
    return run_refreshers(today(), config["AGENTS_EXPIRY_NOTICE_DAYS"],
                          config["AGENTS_INACTIVE_MONTHS"])


REFRESHER_LABELS = {
    "certificates": _l("Certificates expiring soon"),
    "notified": _l("Notifications"),
    "planned": _l("E-mails planned"),
    "quiet": _l("Agents gone quiet"),
    "quiet_notified": _l("Notifications about agents gone quiet"),
}

CERTIFICATION_JOBS: list[JobSpec] = [
    JobSpec("agents.refreshers", refreshers, "cron", {"hour": 6, "minute": 20},
            _l("Remind trainers and agents of certificates about to expire; count agents "
               "gone quiet"), REFRESHER_LABELS),
]


JOBS = [*TRAINING_JOBS, *CERTIFICATION_JOBS, *REGISTER_JOBS]
