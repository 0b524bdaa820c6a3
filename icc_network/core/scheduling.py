"""What an area's scheduled jobs look like, and where they are found.

Each area lists its jobs in ``<area>/jobs.py`` as ``JOBS``, a list of
:class:`JobSpec`. The scheduler (``icc_network.scheduler``) runs them and the
admin status page describes them; both find them through :func:`job_specs`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask import Flask

from .areas import area_modules


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: Callable[[], dict[str, Any] | None]  # returns figures of what it did
    trigger: str  # "interval" or "cron"
    # The trigger's arguments, or a function of the app's config that returns them
    # (read when the scheduler is built, so that a setting can change an interval).
    trigger_args: dict[str, Any] | Callable[[Mapping[str, Any]], dict[str, Any]] = field(
        default_factory=dict)
    description: Any = ""
    # Translated labels of the figures the job returns, for the status page.
    result_labels: dict[str, Any] = field(default_factory=dict)
    # How long a run may last before another process may take it for crashed and run the job.
    claim_for: timedelta = timedelta(minutes=30)

    def trigger_kwargs(self, config: Mapping[str, Any]) -> dict[str, Any]:
        args = self.trigger_args
        return dict(args(config) if callable(args) else args)


def job_specs(app: Flask) -> list[JobSpec]:
    """Every area's jobs, in the areas' order."""
    return [spec for module in area_modules("icc_network.{area}.jobs", app.config["AREAS"])
            for spec in module.JOBS]
