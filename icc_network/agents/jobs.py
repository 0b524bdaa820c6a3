"""The agents area's scheduled jobs: messages to participants, refreshers, retention."""

from __future__ import annotations

from ..core.scheduling import JobSpec

# --- register (retention of candidates who never trained) -------------------------

REGISTER_JOBS: list[JobSpec] = []


# --- training (invitations and reminders) -----------------------------------------

TRAINING_JOBS: list[JobSpec] = []


# --- certification (expiry reminders, agents gone quiet) ---------------------------

CERTIFICATION_JOBS: list[JobSpec] = []


JOBS = [*TRAINING_JOBS, *CERTIFICATION_JOBS, *REGISTER_JOBS]
