"""Activities of a campaign: creating, changing and cancelling them, and their dates.

Saving writes the activity's occurrences out as rows (calendars and reminders read a
date range through an index), raises ``sequence`` when a calendar client must see the
change, then re-plans reminders and the ties joint work creates in the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from flask_babel import format_date
from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload

from ...agents.models import Agent
from ...core import audit
from ...core.calendar import city_zone, to_local, to_utc
from ...core.clock import utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.models import District
from ...core.rules import RuleViolation, refuse_unless, valid_choice
from ...extensions import db
from ...network.models import Organisation
from ..models import (
    Activity,
    ActivityAgent,
    ActivityOccurrence,
    ActivityOrganisation,
    Campaign,
)
from ..vocab import ACTIVITY_KINDS, LANGUAGES, MAX_OCCURRENCES
from . import recurrence, reminders, ties
from .audience import takes_part
from .recurrence import Recurrence, RecurrenceError

# What a calendar shows: a change to any of these raises the activity's sequence.
CALENDAR_FIELDS = ("starts_at", "ends_at", "rrule", "exdates", "place", "district_id", "title",
                   "description")
YEARS = (2000, 2100)


@dataclass
class ActivityData:
    kind: str
    title: dict[str, str]
    day: date
    start_time: time
    end_time: time
    description: dict[str, str] = field(default_factory=dict)
    recurrence: Recurrence = field(default_factory=Recurrence)
    exdates: list[date] = field(default_factory=list)
    place: str = ""
    district_id: int | None = None
    language: str = "fr"
    capacity: int | None = None
    organisation_ids: list[int] = field(default_factory=list)
    agent_ids: list[int] = field(default_factory=list)


# --- reading ----------------------------------------------------------------------

def load_activity(activity_id: int | None) -> Activity | None:
    """An activity with its campaign and district (one query)."""
    if activity_id is None:
        return None
    return db.session.scalar(select(Activity).where(Activity.id == activity_id)
                             .options(joinedload(Activity.campaign),
                                      joinedload(Activity.district)))


def organisation_ids(activity_id: int) -> list[int]:
    return list(db.session.scalars(select(ActivityOrganisation.organisation_id)
                                   .where(ActivityOrganisation.activity_id == activity_id)
                                   .order_by(ActivityOrganisation.organisation_id)))


def organisations_by_activity(activity_ids: list[int]) -> dict[int, set[int]]:
    """The organisations running each of the activities (one query for a page of them)."""
    found: dict[int, set[int]] = {activity_id: set() for activity_id in activity_ids}
    if activity_ids:
        for activity_id, organisation_id in db.session.execute(
                select(ActivityOrganisation.activity_id, ActivityOrganisation.organisation_id)
                .where(ActivityOrganisation.activity_id.in_(activity_ids))):
            found[activity_id].add(organisation_id)
    return found


def agent_ids(activity_id: int) -> list[int]:
    """The agents assigned; an erased person no longer counts (nor blocks a save)."""
    return list(db.session.scalars(
        select(ActivityAgent.agent_id).join(Agent, Agent.id == ActivityAgent.agent_id)
        .where(ActivityAgent.activity_id == activity_id, Agent.erased_at.is_(None))
        .order_by(ActivityAgent.agent_id)))


def assigned_agents(activity_id: int) -> list[Agent]:
    """The agents assigned, erased ones left out (their names are gone)."""
    return list(db.session.scalars(
        select(Agent).join(ActivityAgent, ActivityAgent.agent_id == Agent.id)
        .where(ActivityAgent.activity_id == activity_id, Agent.erased_at.is_(None))
        .order_by(Agent.name_key, Agent.id)))


def dates_after_period(activity: Activity, campaign: Campaign) -> int:
    """How many of the activity's dates fall after the campaign's last day."""
    after = to_utc(campaign.ends_on + timedelta(days=1), time())
    return db.session.scalar(select(func.count()).select_from(ActivityOccurrence).where(
        ActivityOccurrence.activity_id == activity.id,
        ActivityOccurrence.starts_at >= after)) or 0


def campaign_activities_query(campaign_id: int):
    """The campaign's activities, first dates first, with their district."""
    return (select(Activity).where(Activity.campaign_id == campaign_id)
            .options(joinedload(Activity.district))
            .order_by(Activity.starts_at, Activity.id))


def form_values(activity: Activity) -> dict[str, Any]:
    """What the edit form shows for ``activity``, on the city's clock."""
    local_start, local_end = local_time(activity.starts_at), local_time(activity.ends_at)
    try:
        rule = recurrence.parse_rule(activity.rrule, city_zone())
    except RecurrenceError:
        rule = Recurrence()
    return {"day": local_start.date(), "start_time": local_start.time(),
            "end_time": local_end.time(), "frequency": rule.frequency,
            "interval": rule.interval, "weekdays": list(rule.weekdays), "count": rule.count,
            "until": rule.until, "exdates": [date.fromisoformat(d) for d in activity.exdates]}


def local_time(moment: datetime) -> datetime:
    """A stored (naive UTC) time as a naive time on the city's clock."""
    return to_local(moment).replace(tzinfo=None)


# --- saving -----------------------------------------------------------------------

def save_activity(activity: Activity | None, campaign: Campaign, data: ActivityData, *,
                  actor: Any) -> Activity:
    """Create or change an activity of ``campaign``; refuses with a message on the field."""
    _check(activity, campaign, data)
    rule, occurrences = _occurrences(campaign, data)
    created = activity is None
    if activity is None:
        activity = Activity(campaign_id=campaign.id, sequence=0)
        db.session.add(activity)
        before: dict[str, Any] = {}
    else:
        before = {name: getattr(activity, name) for name in CALENDAR_FIELDS}
    _apply(activity, data, rule, occurrences)
    db.session.flush()
    _write_occurrences(activity, occurrences)
    people = _set_links(activity, data)
    changed = [] if created else [n for n in CALENDAR_FIELDS if before[n] != getattr(activity, n)]
    if changed:
        activity.sequence += 1
    db.session.flush()
    _after_change(activity)
    audit.record(actor, "activity.create" if created else "activity.update", activity,
                 campaign_id=campaign.id, changed=changed, people_changed=people)
    return activity


def _apply(activity: Activity, data: ActivityData, rule: str,
           occurrences: list[tuple[datetime, datetime]]) -> None:
    activity.kind, activity.language = data.kind, data.language
    activity.title, activity.description = data.title, data.description
    activity.starts_at, activity.ends_at = occurrences[0]
    activity.last_ends_at = max(end for _start, end in occurrences)
    activity.rrule = rule
    activity.exdates = [d.isoformat() for d in sorted(set(data.exdates))]
    activity.place, activity.district_id = data.place.strip(), data.district_id
    activity.capacity = data.capacity


def _check(activity: Activity | None, campaign: Campaign, data: ActivityData) -> None:
    refuse_unless(campaign.status != "evaluated", _l(
        "This campaign has been evaluated: its activities can no longer change."))
    refuse_unless(activity is None or activity.cancelled_at is None,
                  _l("This activity was cancelled: it can no longer be changed."))
    valid_choice(data.kind, ACTIVITY_KINDS, "kind")
    valid_choice(data.language, LANGUAGES, "language")
    refuse_unless(any(data.title.values()), _l("Give the activity a title."), "title")
    refuse_unless(YEARS[0] <= data.day.year <= YEARS[1], _l(
        "Enter a date between %(first)s and %(last)s.", first=YEARS[0], last=YEARS[1]), "day")
    refuse_unless(data.end_time > data.start_time, _l(
        "The activity must end after it starts: give an end time later than the start "
        "time."), "end_time")
    refuse_unless(data.capacity is None or data.capacity > 0, _l(
        "Enter a number of places above zero, or leave it empty when there is no limit."),
        "capacity")
    if data.district_id is not None:
        refuse_unless(db.session.get(District, data.district_id) is not None,
                      _l("Choose an entry of the list."), "district_id")
    _check_people(data)


def _check_people(data: ActivityData) -> None:
    wanted = set(data.organisation_ids)
    found = set(db.session.scalars(select(Organisation.id).where(Organisation.id.in_(wanted))))
    refuse_unless(wanted <= found, _l("Choose organisations of the network."),
                  "organisation_ids")
    wanted = set(data.agent_ids)
    found = set(db.session.scalars(select(Agent.id).where(
        Agent.id.in_(wanted), Agent.erased_at.is_(None))))
    refuse_unless(wanted <= found, _l("Choose agents of the register."), "agent_ids")


def _occurrences(campaign: Campaign,
                 data: ActivityData) -> tuple[str, list[tuple[datetime, datetime]]]:
    """The rule and the dates the activity takes place on (naive UTC), checked against
    the exceptions and the campaign's period."""
    zone = city_zone()
    start = datetime.combine(data.day, data.start_time)
    end = datetime.combine(data.day, data.end_time)
    try:
        rule = recurrence.build_rule(data.recurrence, first_day=data.day, zone=zone,
                                     limit=MAX_OCCURRENCES)
        refuse_unless(rule or not data.exdates, _l(
            "Dates without the activity apply to a recurring activity only: choose how "
            "often it comes back, or empty the list."), "exdates")
        strays = recurrence.unmatched_exdates(start, rule, data.exdates, zone,
                                              limit=MAX_OCCURRENCES)
        refuse_unless(not strays, _l(
            "These dates are not dates of the activity, so they cannot be left out: "
            "%(dates)s.", dates=", ".join(format_date(d) for d in strays)), "exdates")
        occurrences = recurrence.expand(start, end, rule, data.exdates, zone,
                                        limit=MAX_OCCURRENCES)
    except RecurrenceError as error:
        raise _refusal(error) from error
    refuse_unless(occurrences, _l("Every date is left out: the activity would never take "
                                  "place."), "exdates")
    # Only a time in the hour skipped when the clocks go forward can end before it starts.
    refuse_unless(all(end > start for start, end in occurrences), _l(
        "These times do not exist on the city's clock that day (the clocks change): choose "
        "other times."), "start_time")
    first_day = local_time(occurrences[0][0]).date()
    refuse_unless(campaign.starts_on <= first_day <= campaign.ends_on, _l(
        "The first date, %(day)s, is outside the campaign's period (%(start)s to %(end)s).",
        day=format_date(first_day), start=format_date(campaign.starts_on),
        end=format_date(campaign.ends_on)), "day")
    return rule, occurrences


# Each refusal of the recurrence rules: its message (from the error's details) and field.
_RECURRENCE_MESSAGES: dict[str, tuple[Any, str]] = {
    "unknown_frequency": (lambda d: _l("Choose an entry of the list."), "frequency"),
    "bad_interval": (lambda d: _l("Enter a number between 1 and %(maximum)s.", **d),
                     "interval"),
    "unknown_weekday": (lambda d: _l("Choose an entry of the list."), "weekdays"),
    "not_on_weekdays": (lambda d: _l(
        "The first date, %(day)s, must be one of the days chosen: tick its day of the week "
        "or change the date.", **d), "weekdays"),
    "no_end": (lambda d: _l(
        "A recurring activity must end: give a number of times or a last date."), "count"),
    "two_ends": (lambda d: _l("Give either a number of times or a last date, not both."),
                 "count"),
    "bad_count": (lambda d: _l("Enter a number of times between 1 and %(maximum)s.", **d),
                  "count"),
    "until_before_start": (lambda d: _l(
        "The last date must not be before the first date, %(day)s.", **d), "until"),
    "too_many": (lambda d: _l(
        "This rule gives more than %(maximum)s dates: choose an earlier last date or a "
        "larger interval.", **d), "until"),
    "unreadable": (lambda d: _l("This recurrence cannot be read: choose it again."),
                   "frequency"),
}


def _refusal(error: RecurrenceError) -> RuleViolation:
    message, field_name = _RECURRENCE_MESSAGES[error.code]
    details = {key: format_date(value) if isinstance(value, date) else value
               for key, value in error.details.items()}
    return RuleViolation(message(details), field_name)


def _write_occurrences(activity: Activity, occurrences: list[tuple[datetime, datetime]]) -> None:
    """Make the occurrence rows exactly ``occurrences``, keeping the rows that stay."""
    existing = dict(db.session.execute(
        select(ActivityOccurrence.starts_at, ActivityOccurrence.ends_at)
        .where(ActivityOccurrence.activity_id == activity.id)).all())
    wanted = dict(occurrences)
    stale = [start for start, end in existing.items() if wanted.get(start) != end]
    if stale:
        db.session.execute(delete(ActivityOccurrence).where(
            ActivityOccurrence.activity_id == activity.id,
            ActivityOccurrence.starts_at.in_(stale)))
    db.session.add_all(ActivityOccurrence(activity_id=activity.id, campaign_id=activity.campaign_id,
                                          starts_at=start, ends_at=end)
                       for start, end in occurrences if existing.get(start) != end)


def _set_links(activity: Activity, data: ActivityData) -> bool:
    """Make the activity's organisations and agents those chosen; whether any changed."""
    changed = False
    for model, column, wanted in (
            (ActivityOrganisation, ActivityOrganisation.organisation_id, data.organisation_ids),
            (ActivityAgent, ActivityAgent.agent_id, data.agent_ids)):
        have = set(db.session.scalars(select(column).where(model.activity_id == activity.id)))
        wanted_set = set(wanted)
        if have - wanted_set:
            db.session.execute(delete(model).where(model.activity_id == activity.id,
                                                   column.in_(have - wanted_set)))
        db.session.add_all(model(activity_id=activity.id, **{column.key: one})
                           for one in sorted(wanted_set - have))
        changed = changed or have != wanted_set
    return changed


def _after_change(activity: Activity) -> None:
    """Reminders follow the new dates and people; joint work feeds the network's ties."""
    reminders.replan(activity)
    ties.refresh_ties(activity.campaign_id)


def cancel_activity(activity: Activity, campaign: Campaign, reason: str, *,
                    actor: Any) -> Activity:
    """Cancel every date of the activity; those taking part are told by the reminders."""
    refuse_unless(campaign.status != "evaluated", _l(
        "This campaign has been evaluated: its activities can no longer change."))
    refuse_unless(activity.cancelled_at is None, _l("This activity was already cancelled."))
    activity.cancelled_at = utcnow()
    activity.cancel_reason = (reason or "").strip()
    activity.sequence += 1
    db.session.flush()
    reminders.activity_cancelled(activity)
    ties.refresh_ties(activity.campaign_id)
    audit.record(actor, "activity.cancel", activity, campaign_id=campaign.id)
    return activity


def takes_part_in(user: Any, activity_id: int) -> bool:
    """Is ``user`` assigned to the activity as an agent, or does their organisation run it?"""
    return db.session.scalar(select(func.count()).select_from(Activity).where(
        Activity.id == activity_id, takes_part(user))) == 1

