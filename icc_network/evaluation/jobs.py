"""The evaluation area's scheduled jobs: every measure's series, baseline and forecast."""

from __future__ import annotations

from datetime import timedelta

from ..core.i18n import lazy_gettext as _l
from ..core.scheduling import JobSpec
from .services import series

# --- measures -----------------------------------------------------------------------


def compute_measures() -> dict:
    """Hourly: every measure's series from the records (or the values entered), its
    baseline and forecast; a run is stored only for the measures whose series changed."""
    return series.recompute_all()


MEASURE_JOBS: list[JobSpec] = [
    JobSpec("evaluation.compute_measures", compute_measures, "cron", {"minute": 40},
            _l("Compute every measure's series, baseline and forecast, and keep those that "
               "changed"),
            {"measures": _l("Measures computed"), "changed": _l("Measures whose series changed"),
             "failed": _l("Measures that could not be computed")},
            # Seconds even at a metropolis' scale: a run still going after this crashed.
            claim_for=timedelta(minutes=20)),
]

JOBS: list[JobSpec] = [*MEASURE_JOBS]
