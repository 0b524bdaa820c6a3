"""Network metrics: recomputed after changes (debounced) and every night."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from ..core import claims
from ..core.clock import utcnow
from ..core.i18n import lazy_gettext as _l
from ..core.scheduling import JobSpec
from ..extensions import db
from .services import analytics


def quiet_period() -> timedelta:
    return timedelta(seconds=current_app.config["NETWORK_RECOMPUTE_QUIET_SECONDS"])


# The computation is claimed apart from each job's own claim: both jobs run it.
METRICS_CLAIM = "network.metrics"
CLAIM_FOR = timedelta(minutes=15)


def recompute_after_changes() -> dict:
    """Every minute: recompute only if the network changed and has been quiet since."""
    return _claimed_run("change")


def recompute_nightly() -> dict:
    return _claimed_run("nightly")


def _claimed_run(trigger: str) -> dict:
    """Claim, compute, commit, let go. The claim comes before any write of the session
    (SQLite), and the results are committed before it is let go, so that the next holder
    finds them."""
    with claims.held(METRICS_CLAIM, CLAIM_FOR) as claim:
        if claim is None:
            return {"computed": 0}
        if trigger == "change" and not analytics.is_due(utcnow(), quiet_period()):
            return {"computed": 0}
        outcome = analytics.recompute(analytics.state().version, trigger)
        db.session.commit()
    return {"computed": 1, "organisations": outcome.organisations, "ties": outcome.ties,
            "communities": outcome.communities, "brokers": outcome.brokers,
            "duration_ms": outcome.duration_ms}


RESULT_LABELS = {
    "computed": _l("Computations"),
    "organisations": _l("Organisations"),
    "ties": _l("Ties"),
    "communities": _l("Communities"),
    "brokers": _l("Brokers"),
    "duration_ms": _l("Duration (ms)"),
}

JOBS = [
    JobSpec("network.recompute_after_changes", recompute_after_changes, "interval",
            {"minutes": 1}, _l("Recompute network metrics after changes"), RESULT_LABELS),
    JobSpec("network.recompute_nightly", recompute_nightly, "cron", {"hour": 2, "minute": 40},
            _l("Recompute network metrics every night"), RESULT_LABELS),
]
