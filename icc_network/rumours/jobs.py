"""Scheduled jobs of the rumours area (each idempotent)."""

from __future__ import annotations

from ..core.clock import today
from ..core.i18n import lazy_gettext as _l
from ..core.scheduling import JobSpec
from ..extensions import db
from .services import aggregates, stats
from .services.arguments import expire_stale_arguments, notify_expiring
from .services.attention import notify_overdue
from .services.hateful import erase_expired_verbatims
from .services.subscriptions import refresh_all


def expire_and_alert() -> dict:
    """Every night: statistics past their date leave the kit, those close to it and rumours
    past their alert deadline are signalled; each alert goes out once."""
    on = today()
    return {**expire_stale_arguments(on), **notify_expiring(on), **notify_overdue(on)}


def aggregate_sightings() -> dict:
    """Every half hour: take in the weeks whose sightings changed since the last run, a few
    weeks per transaction (on SQLite a sighting being reported waits for one batch at most,
    never for the whole run), then the trends. Weeks listed while it runs wait for the next."""
    pending = aggregates.pending_changes(aggregates.last_change_id())
    weeks = sorted(pending)
    written = deleted = 0
    for start in range(0, len(weeks), aggregates.WEEK_BATCH):
        batch = weeks[start:start + aggregates.WEEK_BATCH]
        figures = aggregates.take_in(batch)
        aggregates.forget_changes([ident for week in batch for ident in pending[week]])
        db.session.commit()
        written, deleted = written + figures["written"], deleted + figures["deleted"]
    stats.refresh_trends()
    return {**stats.counted(), "weeks": len(weeks), "written": written, "deleted": deleted}


JOBS = [
    JobSpec(
        "rumours.expire_arguments", expire_and_alert, "cron", {"hour": 2, "minute": 30},
        _l("Expire statistics past their date; warn of those close to it; alert on overdue "
           "rumours"),
        {"expired": _l("Arguments expired"), "notified": _l("Coordinators notified"),
         "expiring": _l("Arguments close to their date"),
         "expiring_notified": _l("Expiry notices sent"),
         "overdue": _l("Overdue rumours"), "overdue_notified": _l("Overdue alerts sent")},
    ),
    JobSpec(
        "rumours.aggregate_sightings", aggregate_sightings, "interval", {"minutes": 30},
        _l("Weekly sighting totals for the rumours dashboard and pages, for the weeks that "
           "changed"),
        {"rumour_weeks": _l("Rumour-weeks"), "area_weeks": _l("Theme and district weeks"),
         "weeks": _l("Weeks taken in"), "written": _l("Totals written"),
         "deleted": _l("Totals removed")},
    ),
    JobSpec(
        "rumours.read_feeds", refresh_all, "cron", {"hour": 4, "minute": 20},
        _l("Read other cities' feeds: new claims as drafts, their changes to decide"),
        {"read": _l("Feeds read"), "failed": _l("Feeds that failed"),
         "added": _l("Arguments added as drafts"), "proposed": _l("Updates proposed")},
    ),
    JobSpec(
        "rumours.erase_hateful_words", erase_expired_verbatims, "cron", {"hour": 3, "minute": 10},
        _l("Erase the words of hateful reports past the retention period (the sightings and "
           "their counts stay)"),
        {"erased": _l("Hateful reports whose words were erased")},
    ),
]
