"""Reports marked hateful: their words stay with coordinators, who are told when one arrives,
record what was done about it, and the words are erased after a set period.

Where the words can appear:

- a sighting's verbatim: hidden by ``sightings.view_verbatim``'s object rule, never in a file;
- a rumour created by a hateful report (``Rumour.hateful_origin``): until a coordinator
  triages it, everyone else sees ``PLACEHOLDER`` instead of its wording, and it stays out of
  text searches, suggestions to reporters, the kit and the translation worklist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import joinedload

from ...auth.models import User
from ...core import audit, notifications
from ...core.clock import today, utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.links import path_for
from ...core.permissions import can, roles_alerted
from ...core.rules import refuse_unless, valid_choice
from ...extensions import db
from ..models import HatefulAction, Rumour, Sighting
from ..vocab import HATEFUL_OUTCOMES

PLACEHOLDER = _l("Report awaiting triage (hateful content hidden)")
REPORTED_KIND = "rumours.hateful_reported"
IMPORTED_KIND = "rumours.hateful_imported"
# Written once per page view that shows hateful words, whatever the number of rows.
READ_ACTION = "sighting.hateful_read"
STATES = ("open", "handled")
REFERENCE_MAX = 120
NOTE_MAX = 500
DEFAULT_RETENTION_DAYS = 180
MAX_RETENTION_DAYS = 3650


# --- what each reader sees ----------------------------------------------------------

def reveals(viewer: Any) -> bool:
    """May ``viewer`` read hateful words (a hateful verbatim, a withheld wording)?"""
    return can(viewer, "sightings.view_hateful")


def placeholder() -> dict[str, str]:
    """The neutral text shown instead of a withheld wording, in both languages."""
    return notifications.in_each_language(PLACEHOLDER)


def shown_wording(wording: dict[str, str], withheld: bool, reveal: bool) -> dict[str, str]:
    """The wording to show: the placeholder when it is withheld from this reader."""
    return placeholder() if withheld and not reveal else wording


def wording_for(rumour: Rumour, viewer: Any) -> dict[str, str]:
    return shown_wording(rumour.wording, rumour.wording_withheld, reveals(viewer))


def words_shown(rumour: Rumour | None, sightings: list[Sighting], viewer: Any) -> dict[str, Any]:
    """What a page shows ``viewer`` of hateful words: the details of its one audit entry, or
    an empty dict when it shows none (nothing to record)."""
    if not reveals(viewer):
        return {}
    ids = [s.id for s in sightings if s.hateful and s.verbatim]
    withheld = rumour is not None and rumour.wording_withheld
    if not ids and not withheld:
        return {}
    return {"sightings": ids, "rumour_wording": rumour.id if withheld else None}


# --- arrival -----------------------------------------------------------------------

def alerted_ids(except_id: int | None = None) -> list[int]:
    """The active coordinators told of a hateful report (not the one who made it)."""
    return [user_id for user_id in db.session.scalars(
        select(User.id).where(User.role.in_(sorted(roles_alerted("rumours.hateful"))),
                              User.active.is_(True)).order_by(User.id))
            if user_id != except_id]


def announce(sighting: Sighting, reporter: Any) -> int:
    """Tell the coordinators a hateful report arrived; the message carries no words
    (it may go out by e-mail), only where to read them."""
    return notifications.notify(
        alerted_ids(getattr(reporter, "id", None)), REPORTED_KIND,
        {"sighting": sighting.id, "rumour": sighting.rumour_id},
        link=path_for("rumours.hateful_report", sighting_id=sighting.id),
        dedupe_key=f"{REPORTED_KIND}:{sighting.id}")


def announce_imported(count: int, actor: Any) -> int:
    """One notice for the hateful reports an import brought in."""
    if not count:
        return 0
    return notifications.notify(
        alerted_ids(getattr(actor, "id", None)), IMPORTED_KIND, {"n": count},
        link=path_for("rumours.hateful_queue"))


# --- the queue ---------------------------------------------------------------------

def parse_state(value: Any) -> str:
    """The queue's filter: "open" (the default), "handled", or "all"."""
    return value if value in (*STATES, "all") else "open"


def queue_query(state: str) -> Select:
    """Hateful reports, newest first (the bare column, as the partial indexes are written)."""
    query = (select(Sighting).options(joinedload(Sighting.rumour), joinedload(Sighting.district))
             .where(Sighting.hateful))
    if state == "open":
        query = query.where(Sighting.hateful_handled_at.is_(None))
    elif state == "handled":
        query = query.where(Sighting.hateful_handled_at.is_not(None))
    return query.order_by(Sighting.seen_on.desc(), Sighting.id.desc())


def open_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Sighting).where(
        Sighting.hateful, Sighting.hateful_handled_at.is_(None))) or 0


def latest_actions(sighting_ids: list[int]) -> dict[int, HatefulAction]:
    """The last decision recorded on each of these reports, in one query."""
    if not sighting_ids:
        return {}
    latest: dict[int, HatefulAction] = {}
    for action in db.session.scalars(
            select(HatefulAction).options(joinedload(HatefulAction.user))
            .where(HatefulAction.sighting_id.in_(sighting_ids))
            .order_by(HatefulAction.at, HatefulAction.id)):
        latest[action.sighting_id] = action
    return latest


def actions_of(sighting_id: int) -> list[HatefulAction]:
    return list(db.session.scalars(
        select(HatefulAction).options(joinedload(HatefulAction.user))
        .where(HatefulAction.sighting_id == sighting_id)
        .order_by(HatefulAction.at.desc(), HatefulAction.id.desc())))


@dataclass
class ActionInput:
    outcome: str
    referred_on: date | None = None
    reference: str = ""
    note: str = ""


def record_action(sighting: Sighting, data: ActionInput, *, actor: Any) -> HatefulAction:
    """Record what was done about a hateful report: who, when, and for a referral to the
    authorities' reporting platform its date and reference. Audited."""
    refuse_unless(sighting.hateful, _l("This sighting is not marked hateful."), "outcome")
    valid_choice(data.outcome, HATEFUL_OUTCOMES, "outcome")
    referred = data.outcome == "referred"
    reference = (data.reference or "").strip()[:REFERENCE_MAX] if referred else ""
    referred_on = data.referred_on if referred else None
    if referred:
        refuse_unless(referred_on, _l("Enter the date it was referred."), "referred_on")
        refuse_unless(referred_on <= today(), _l("This date is in the future."), "referred_on")
        refuse_unless(reference, _l("Enter the reference the platform gave."), "reference")
    action = HatefulAction(sighting_id=sighting.id, outcome=data.outcome,
                           referred_on=referred_on, reference=reference,
                           note=(data.note or "").strip()[:NOTE_MAX],
                           user_id=getattr(actor, "id", None), at=utcnow())
    db.session.add(action)
    sighting.hateful_handled_at = action.at
    db.session.flush()
    audit.record(actor, "sighting.hateful_action", sighting, outcome=data.outcome,
                 referred_on=referred_on, reference=reference)
    return action


# --- retention -----------------------------------------------------------------------

def parse_retention_days(value: Any) -> int:
    """HATEFUL_VERBATIM_RETENTION_DAYS as days; ValueError naming the setting otherwise."""
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_RETENTION_DAYS:
        raise ValueError(f"HATEFUL_VERBATIM_RETENTION_DAYS: {value!r} is not a number of days "
                         f"from 1 to {MAX_RETENTION_DAYS}")
    return int(text)


def check_settings(config: Mapping[str, Any]) -> None:
    """Stop the application at start-up when the retention setting is wrong."""
    parse_retention_days(config.get("HATEFUL_VERBATIM_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def retention_days() -> int:
    return parse_retention_days(current_app.config.get("HATEFUL_VERBATIM_RETENTION_DAYS",
                                                       DEFAULT_RETENTION_DAYS))


def erase_expired_verbatims(now: datetime | None = None) -> dict[str, int]:
    """Erase the words of hateful reports received more than the retention period ago.

    The sightings stay, with their date, place and count: only the words go, and the day
    they went is kept for the report's page. Idempotent: erased words are not erased again.
    """
    now = now or utcnow()
    cutoff = now - timedelta(days=retention_days())
    erased = db.session.execute(
        update(Sighting).where(Sighting.hateful, Sighting.verbatim != "",
                               Sighting.created_at < cutoff)
        .values(verbatim="", verbatim_erased_on=today())
        .execution_options(synchronize_session=False)).rowcount or 0
    if erased:
        audit.record(None, "sighting.hateful_erased", entity_type="rumour_sighting",
                     erased=erased, received_before=cutoff.isoformat(timespec="seconds"))
    db.session.flush()
    return {"erased": erased}
