"""The evaluation area's scheduled jobs: every measure's series, baseline and forecast."""

from __future__ import annotations

from ..core.scheduling import JobSpec

JOBS: list[JobSpec] = []
