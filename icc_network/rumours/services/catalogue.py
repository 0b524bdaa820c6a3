"""Rules of the rumour catalogue: recording rumours, the status workflow, publication, lists.

Plain functions with explicit arguments; they flush and never commit.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, not_, or_, select, update
from sqlalchemy.orm import joinedload, selectinload

from ...auth.models import User
from ...core import audit
from ...core.clock import today, utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.permissions import roles_that_can
from ...core.rules import refuse_unless, valid_choice
from ...core.text import to_int
from ...core.translatable import is_missing, text_matches
from ...extensions import db
from ..models import (
    CounterArgument,
    MatchIndexVersion,
    Rumour,
    RumourStatusChange,
    Sighting,
    TargetGroup,
    Theme,
    current_argument,
)
from ..vocab import (
    ALERT_DELAYS,
    ASSESSED_VERDICTS,
    DETECTIONS,
    NEEDS_VALID_ARGUMENT,
    NOT_ASSESSED,
    RISK_ORDER,
    RISKS,
    SHORT_WORDING_MAX,
    SPHERES,
    STATUSES,
    TRANSITIONS,
    VERDICTS,
)
from . import review
from .aggregates import weeks_changed, weeks_heard
from .attention import overdue_condition

# Who may be put in charge of a rumour: those who may manage rumours.
ASSIGNABLE_ACTION = "rumours.manage"


# --- recording ---------------------------------------------------------------

def save_rumour(rumour: Rumour | None, *, actor: Any, wording: dict[str, str],
                theme_id: int | None, target_group_ids: list[int], spheres: list[str],
                detection: str, cause: dict[str, str], first_detected: date | None, risk: str,
                alert_deadline: date | None, assignee_id: int | None,
                verdict: str = NOT_ASSESSED, short_wording: dict[str, str] | None = None) -> Rumour:
    """Create or update a rumour; a new one starts as ``reported``. ``short_wording``
    None keeps the one the rumour has."""
    refuse_unless(wording, _l("Enter the wording of the rumour."), "wording")
    refuse_unless(all(len(text) <= SHORT_WORDING_MAX for text in (short_wording or {}).values()),
                  _l("A short wording has at most %(n)s characters.", n=SHORT_WORDING_MAX),
                  "short_wording")
    valid_choice(detection, DETECTIONS, "detection")
    valid_choice(risk, RISKS, "risk")
    valid_choice(verdict, VERDICTS, "verdict")
    # Once triaged a rumour keeps a verdict: the kit and the public catalogue show it.
    refuse_unless(verdict != NOT_ASSESSED or rumour is None
                  or rumour.status in ("reported", "archived"),
                  _l("A triaged rumour keeps a verdict: false, misleading or unproven."),
                  "verdict")
    for sphere in spheres:
        valid_choice(sphere, SPHERES, "spheres")
    refuse_unless(first_detected, _l("Enter the date it was first detected."), "first_detected")
    refuse_unless(first_detected <= today(), _l("This date is in the future."), "first_detected")
    deadline = alert_deadline or first_detected + ALERT_DELAYS[risk]
    refuse_unless(deadline >= first_detected,
                  _l("The alert deadline cannot come before the first detection."),
                  "alert_deadline")
    creating = rumour is None
    rumour = rumour or Rumour(status="reported", created_by_id=getattr(actor, "id", None))
    wording_changed = rumour.wording != wording
    rumour.wording, rumour.cause = wording, cause
    if short_wording is not None:
        rumour.short_wording = short_wording
    theme_id = _checked_term(Theme, theme_id, rumour.theme_id, "theme")
    if not creating and theme_id != rumour.theme_id:
        weeks_changed(weeks_heard(rumour.id))  # its sightings move to another theme's totals
    rumour.theme_id = theme_id
    rumour.target_groups = _target_groups(target_group_ids, rumour if not creating else None)
    rumour.spheres = sorted(set(spheres), key=list(SPHERES).index)
    rumour.detection, rumour.risk, rumour.verdict = detection, risk, verdict
    rumour.first_detected, rumour.alert_deadline = first_detected, deadline
    rumour.assignee_id = _checked_assignee(assignee_id)
    db.session.add(rumour)
    db.session.flush()
    if creating:
        _history(rumour, None, "reported", actor)
    if creating or wording_changed:
        bump_match_version()
    audit.record(actor, "rumour.create" if creating else "rumour.update", rumour,
                 risk=risk, theme_id=theme_id)
    return rumour


def _checked_term(model: type, term_id: int | None, current: int | None, field: str) -> int | None:
    if term_id is None:
        return None
    term = db.session.get(model, term_id)
    refuse_unless(term is not None and (term.active or term_id == current),
                  _l("Choose an entry of the list."), field)
    return term_id


def _target_groups(ids: list[int], rumour: Rumour | None) -> list[TargetGroup]:
    wanted = set(ids)
    if not wanted:
        return []
    groups = list(db.session.scalars(select(TargetGroup).where(TargetGroup.id.in_(wanted))))
    kept = set()
    if rumour is not None:
        kept = set(db.session.scalars(
            select(TargetGroup.id).join(Rumour.target_groups).where(Rumour.id == rumour.id)))
    usable = [g for g in groups if g.active or g.id in kept]
    refuse_unless(len(usable) == len(wanted), _l("Choose entries of the list."), "target_groups")
    return usable


def _checked_assignee(user_id: int | None) -> int | None:
    if user_id is None:
        return None
    user = db.session.get(User, user_id)
    refuse_unless(user is not None and user.active
                  and user.role in roles_that_can(ASSIGNABLE_ACTION),
                  _l("Choose an active coordinator."), "assignee_id")
    return user_id


def _history(rumour: Rumour, from_status: str | None, to_status: str, actor: Any,
             note: str = "") -> None:
    db.session.add(RumourStatusChange(rumour_id=rumour.id, from_status=from_status,
                                      to_status=to_status, user_id=getattr(actor, "id", None),
                                      note=note[:500]))


def surviving(rumour: Rumour | None) -> Rumour | None:
    """The rumour itself, or the one it was merged into: an old id keeps working everywhere."""
    if rumour is not None and rumour.merged_into_id:
        return db.session.get(Rumour, rumour.merged_into_id)
    return rumour


def bump_match_version() -> None:
    """Tell every app server that its in-memory copy of the wordings is stale."""
    updated = db.session.execute(
        update(MatchIndexVersion).where(MatchIndexVersion.id == 1)
        .values(version=MatchIndexVersion.version + 1))
    if not updated.rowcount:
        # A random start: a cache built on another copy of the database never looks current.
        db.session.add(MatchIndexVersion(id=1, version=secrets.randbelow(2**30)))
        db.session.flush()


def save_term(model: type, term: Any, *, name: dict[str, str], position: int, active: bool,
              actor: Any) -> Any:
    """Create or update an entry of a coordinators' list (theme, target group)."""
    refuse_unless(name, _l("Enter the name."), "name")
    creating = term is None
    term = term or model()
    term.name, term.position, term.active = name, position, active
    db.session.add(term)
    db.session.flush()
    audit.record(actor, f"{model.__tablename__}.{'create' if creating else 'update'}", term)
    return term


# --- workflow and publication ----------------------------------------------

def allowed_transitions(rumour: Rumour) -> tuple[str, ...]:
    if rumour.merged_into_id is not None:  # its sightings and arguments live elsewhere now
        return ()
    return TRANSITIONS.get(rumour.status, ())


def has_current_argument(rumour_id: int, on: date | None = None) -> bool:
    query = select(exists().where(CounterArgument.rumour_id == rumour_id,
                                  current_argument(on or today())))
    return bool(db.session.scalar(query))


def change_status(rumour: Rumour, to_status: str, *, actor: Any, note: str = "",
                  verdict: str | None = None) -> Rumour:
    """Move a rumour along the workflow; only the allowed moves are accepted.

    ``verdict`` (None keeps the current one) is chosen at triage: a rumour leaves
    "reported" for the workflow only once someone has said whether it is false,
    misleading or unproven. Archiving needs none.
    """
    valid_choice(to_status, STATUSES, "status")
    if verdict is not None:
        valid_choice(verdict, VERDICTS, "verdict")
        rumour.verdict = verdict
    if to_status != "archived":
        refuse_unless(rumour.verdict in ASSESSED_VERDICTS,
                      _l("Choose a verdict: false, misleading or unproven."), "verdict")
    refuse_unless(to_status in allowed_transitions(rumour),
                  _l("A rumour cannot go from “%(from)s” to “%(to)s”.",
                     **{"from": STATUSES[rumour.status], "to": STATUSES[to_status]}), "status")
    if to_status in NEEDS_VALID_ARGUMENT:
        refuse_unless(has_current_argument(rumour.id),
                      _l("Validate at least one current counter-argument first."), "status")
    from_status = rumour.status
    rumour.status = to_status
    if to_status == "archived":
        rumour.published_at = None
    _history(rumour, from_status, to_status, actor, note)
    bump_match_version()
    audit.record(actor, "rumour.status", rumour, **{"from": from_status, "to": to_status})
    db.session.flush()
    return rumour


def set_published(rumour: Rumour, published: bool, *, actor: Any) -> Rumour:
    """Put a rumour in (or take it out of) the public catalogue: a coordinator's decision."""
    if published:
        refuse_unless(rumour.status not in ("reported", "archived"),
                      _l("Triage the rumour before publishing it."), "publish")
        refuse_unless(rumour.verdict in ASSESSED_VERDICTS,
                      _l("Choose the rumour's verdict before publishing it."), "publish")
        refuse_unless(has_current_argument(rumour.id),
                      _l("A rumour is published only with at least one validated, current "
                         "counter-argument."), "publish")
        rumour.published_at = rumour.published_at or utcnow()
    else:
        rumour.published_at = None
    audit.record(actor, "rumour.publish" if published else "rumour.unpublish", rumour)
    db.session.flush()
    return rumour


def status_history(rumour_id: int) -> list[RumourStatusChange]:
    return list(db.session.scalars(
        select(RumourStatusChange).options(joinedload(RumourStatusChange.user))
        .where(RumourStatusChange.rumour_id == rumour_id)
        .order_by(RumourStatusChange.at.desc(), RumourStatusChange.id.desc())))


# --- the list ------------------------------------------------------------------

SORTS = {
    "first_detected": Rumour.first_detected,
    "risk": case(RISK_ORDER, value=Rumour.risk),
    "status": case({s: n for n, s in enumerate(STATUSES)}, value=Rumour.status),
    "sightings": Rumour.sighting_count,
    "last_sighted": Rumour.last_sighted_on,
    "deadline": Rumour.alert_deadline,
}
DEFAULT_SORT = "-last_sighted"
ATTENTION = {"overdue": _l("Alert deadline passed"),
             "expired": _l("Has an expired statistic"),
             "expiring": _l("Has a statistic close to its date")}


@dataclass
class RumourFilters:
    q: str = ""
    theme_id: int | None = None
    target_group_id: int | None = None
    status: str = ""
    risk: str = ""
    district_id: int | None = None
    seen_from: date | None = None
    seen_to: date | None = None
    needs_translation: bool = False
    attention: str = ""  # "overdue" alert, "expired" statistic or one "expiring" soon
    sort: str = DEFAULT_SORT


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def parse_filters(args: Mapping[str, Any]) -> RumourFilters:
    """Filters from query arguments; anything malformed is ignored rather than refused."""
    sort = str(args.get("sort") or DEFAULT_SORT)
    return RumourFilters(
        q=str(args.get("q") or "").strip()[:200],
        theme_id=to_int(args.get("theme")),
        target_group_id=to_int(args.get("target_group")),
        status=str(args.get("status") or "") if args.get("status") in STATUSES else "",
        risk=str(args.get("risk") or "") if args.get("risk") in RISKS else "",
        district_id=to_int(args.get("district")),
        seen_from=_date(args.get("from")),
        seen_to=_date(args.get("to")),
        needs_translation=str(args.get("translation") or "") == "missing",
        attention=str(args.get("attention")) if args.get("attention") in ATTENTION else "",
        sort=sort if sort.lstrip("-") in SORTS else DEFAULT_SORT,
    )


def rumour_query(filters: RumourFilters, *, reveal_withheld: bool = False) -> Select:
    """The list's query; a search by words finds a rumour worded by a hateful report and
    not yet triaged only for those who may read it (``reveal_withheld``)."""
    query = select(Rumour)
    if filters.q:
        query = query.where(text_matches(Rumour.wording, filters.q))
        if not reveal_withheld:
            query = query.where(~Rumour.wording_withheld)
    if filters.theme_id:
        query = query.where(Rumour.theme_id == filters.theme_id)
    if filters.target_group_id:
        query = query.where(Rumour.target_groups.any(TargetGroup.id == filters.target_group_id))
    if filters.status:
        query = query.where(Rumour.status == filters.status)
    if filters.risk:
        query = query.where(Rumour.risk == filters.risk)
    if filters.district_id or filters.seen_from or filters.seen_to:
        query = query.where(_heard_where(filters))
    if filters.needs_translation:
        query = query.where(_needs_translation())
    if filters.attention == "overdue":
        query = query.where(overdue_condition())
    elif filters.attention == "expired":
        query = query.where(Rumour.id.in_(
            select(CounterArgument.rumour_id).where(CounterArgument.status == "expired")))
    elif filters.attention == "expiring":
        query = query.where(Rumour.id.in_(select(CounterArgument.rumour_id).where(
            CounterArgument.status == "validated", CounterArgument.valid_until >= today(),
            CounterArgument.valid_until <= today() + timedelta(days=review.notice_days()))))
    key = filters.sort.lstrip("-")
    column = SORTS[key]
    order = column.desc() if filters.sort.startswith("-") else column.asc()
    return query.order_by(order.nulls_last(), Rumour.id.desc())


def _heard_where(filters: RumourFilters):
    """Heard in the district and period: one probe of the (rumour, district, date) index per
    rumour listed or counted, never a pass over all the sightings of a district."""
    conditions = [Sighting.rumour_id == Rumour.id]
    if filters.district_id:
        conditions.append(Sighting.district_id == filters.district_id)
    if filters.seen_from:
        conditions.append(Sighting.seen_on >= filters.seen_from)
    if filters.seen_to:
        conditions.append(Sighting.seen_on <= filters.seen_to)
    # OFFSET 0 keeps PostgreSQL from making it a join that hashes the district's sightings.
    return select(Sighting.id).where(*conditions).offset(0).exists()


def _needs_translation():
    """The rumour's own texts miss a language (its arguments are on the translation worklist;
    reading every argument's JSON here would cost more than the list's time budget)."""
    cause_fr, cause_en = is_missing(Rumour.cause, "fr"), is_missing(Rumour.cause, "en")
    return or_(is_missing(Rumour.wording, "fr"), is_missing(Rumour.wording, "en"),
               and_(cause_fr, not_(cause_en)), and_(not_(cause_fr), cause_en))


def with_list_relations(query: Select) -> Select:
    return query.options(joinedload(Rumour.theme), joinedload(Rumour.assignee),
                         selectinload(Rumour.target_groups))


def argument_counts(rumour_ids: list[int]) -> dict[int, tuple[int, int]]:
    """For each rumour: (current validated arguments, all arguments), in one query."""
    if not rumour_ids:
        return {}
    current = func.sum(case((current_argument(today()), 1), else_=0))
    rows = db.session.execute(
        select(CounterArgument.rumour_id, current, func.count())
        .where(CounterArgument.rumour_id.in_(rumour_ids))
        .group_by(CounterArgument.rumour_id))
    return {rumour_id: (int(valid or 0), int(total)) for rumour_id, valid, total in rows}


def managers() -> list[User]:
    """Who can be assigned a rumour: the active coordinators and administrators."""
    return list(db.session.scalars(
        select(User).where(User.role.in_(sorted(roles_that_can(ASSIGNABLE_ACTION))),
                           User.active.is_(True))
        .order_by(User.name)))
