"""Network metrics: recomputed after changes (debounced) and every night."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l

from ..core.clock import utcnow
from ..core.scheduling import JobSpec
from ..extensions import db
from .services import analytics


def quiet_period() -> timedelta:
    return timedelta(seconds=current_app.config["NETWORK_RECOMPUTE_QUIET_SECONDS"])


def recompute_after_changes() -> dict:
    """Every minute: recompute only if the network changed and has been quiet since."""
    if not analytics.is_due(utcnow(), quiet_period()):
        return {"computed": 0}
    return _claimed_run("change")


def recompute_nightly() -> dict:
    return _claimed_run("nightly")


def _claimed_run(trigger: str) -> dict:
    """Claim, compute, release; the claim is committed first so another process sees it."""
    version = analytics.claim(utcnow())
    db.session.commit()
    if version is None:
        return {"computed": 0}
    try:
        if trigger == "change" and not analytics.is_due(utcnow(), quiet_period()):
            outcome = None  # another process computed while this one waited for the claim
        else:
            outcome = analytics.recompute(version, trigger)
        analytics.release()
        db.session.commit()
    except Exception:
        db.session.rollback()
        analytics.release()
        db.session.commit()
        raise
    if outcome is None:
        return {"computed": 0}
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
