"""One campaign in figures, for the support group: how often its target rumours were heard
before, during and after it, what its activities reached, who took part, and the
conversations agents logged about those rumours.

The sightings come from the rumours area's weekly totals, rebuilt by its job: the city's
series from the per-rumour weekly totals, the target districts' series from the sightings
of the target rumours in those districts (read through their index, one grouped query),
counted up to the day of the same rebuild so the two series agree. Everything is counted
in whole weeks (Monday to Sunday, as the rumours area groups them): the campaign's weeks,
the same number of weeks before it (at most ``MAX_BEFORE_WEEKS``), and the weeks after it
up to today. About a dozen queries, whatever the number of sightings or activities.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, distinct, func, select

from ...agents.models import Conversation
from ...agents.services.reports import ReportFilters, conversation_select
from ...core.calendar import city_today, to_utc
from ...core.models import District
from ...extensions import db
from ...network.models import Organisation
from ...rumours.models import Rumour, RumourTrend, Sighting, SightingWeek
from ...rumours.services.sightings import week_of
from ..models import (
    Activity,
    ActivityAgent,
    ActivityOccurrence,
    ActivityOrganisation,
    Campaign,
    CampaignDistrict,
    CampaignPartner,
    CampaignRumour,
)
from ..vocab import TAKING_PART

# The "before" phase is as long as the campaign, but no longer than about six months.
MAX_BEFORE_WEEKS = 26
# Beyond this many weeks the trend is shown month by month.
MAX_WEEKLY_ROWS = 30
PHASES = ("before", "during", "after")
WEEK = timedelta(weeks=1)


# --- the trend of the target rumours' sightings ------------------------------------------


@dataclass
class Phase:
    key: str  # "before", "during" or "after"
    first: date | None = None  # Monday of its first week
    last: date | None = None  # Monday of its last week
    weeks: int = 0
    city: int = 0
    districts: int = 0

    @property
    def city_per_week(self) -> float | None:
        return self.city / self.weeks if self.weeks else None

    @property
    def districts_per_week(self) -> float | None:
        return self.districts / self.weeks if self.weeks else None


@dataclass
class TrendRow:
    start: date  # Monday of the week, or first day of the month
    phase: str
    city: int = 0
    districts: int = 0


@dataclass
class Trend:
    by: str  # "week" or "month"
    rows: list[TrendRow]
    phases: dict[str, Phase]
    has_districts: bool  # False: the campaign works city-wide
    counted_up_to: date | None  # the day the rumours area last rebuilt its weekly totals

    def change(self, phase: str, where: str = "city") -> float | None:
        """How the weekly average of ``phase`` compares with before the campaign (0.25 is a
        quarter more); None when there is nothing to compare with."""
        before = getattr(self.phases["before"], f"{where}_per_week")
        now = getattr(self.phases[phase], f"{where}_per_week")
        if not before or now is None:
            return None
        return now / before - 1


def _weeks(starts_on: date, ends_on: date, on: date) -> tuple[list[date], date, date]:
    """Mondays of the weeks shown (oldest first), and of the campaign's first and last week."""
    first_during, last_during = week_of(starts_on), week_of(ends_on)
    length = (last_during - first_during).days // 7 + 1
    first = first_during - min(length, MAX_BEFORE_WEEKS) * WEEK
    last = week_of(on)
    count = (last - first).days // 7 + 1
    return [first + n * WEEK for n in range(max(0, count))], first_during, last_during


def _phase_of(week: date, first_during: date, last_during: date) -> str:
    if week < first_during:
        return "before"
    return "during" if week <= last_during else "after"


def _city_counts(rumour_ids: list[int], first: date, last: date) -> dict[date, int]:
    return {week: int(total) for week, total in db.session.execute(
        select(SightingWeek.week_start, func.sum(SightingWeek.sightings))
        .where(SightingWeek.rumour_id.in_(rumour_ids), SightingWeek.week_start >= first,
               SightingWeek.week_start <= last)
        .group_by(SightingWeek.week_start))}


def _district_counts(rumour_ids: list[int], district_ids: list[int], first: date,
                     last: date) -> dict[date, int]:
    # Grouped by day, which the (district, day, rumour) index gives without reading the rows.
    counts: dict[date, int] = defaultdict(int)
    for day, total in db.session.execute(
            select(Sighting.seen_on, func.count())
            .where(Sighting.district_id.in_(district_ids), Sighting.rumour_id.in_(rumour_ids),
                   Sighting.seen_on >= first, Sighting.seen_on <= last)
            .group_by(Sighting.seen_on)):
        counts[week_of(day)] += int(total)
    return counts


def trend(rumour_ids: list[int], district_ids: list[int], starts_on: date, ends_on: date,
          on: date | None = None) -> Trend:
    """The target rumours' sightings week by week (or month by month) around the campaign."""
    on = on or city_today()
    weeks, first_during, last_during = _weeks(starts_on, ends_on, on)
    counted_up_to = db.session.scalar(select(func.max(RumourTrend.computed_on)))
    phases = {key: Phase(key) for key in PHASES}
    if not weeks or not rumour_ids:
        return Trend("week", [], phases, bool(district_ids), counted_up_to)
    city = _city_counts(rumour_ids, weeks[0], weeks[-1])
    districts = _district_counts(rumour_ids, district_ids, weeks[0],
                                 min(on, counted_up_to or on)) if district_ids else {}
    by = "week" if len(weeks) <= MAX_WEEKLY_ROWS else "month"
    rows: dict[tuple[date, str], TrendRow] = {}
    for week in weeks:
        phase = phases[_phase_of(week, first_during, last_during)]
        phase.first, phase.last = phase.first or week, week
        phase.weeks += 1
        phase.city += city.get(week, 0)
        phase.districts += districts.get(week, 0)
        start = week if by == "week" else week.replace(day=1)
        row = rows.setdefault((start, phase.key), TrendRow(start, phase.key))
        row.city += city.get(week, 0)
        row.districts += districts.get(week, 0)
    return Trend(by, list(rows.values()), phases, bool(district_ids), counted_up_to)


# --- what the activities reached ----------------------------------------------------------


@dataclass
class Reach:
    planned: int = 0  # activities not cancelled
    cancelled: int = 0
    held: int = 0  # not cancelled, with an occurrence before today
    occurrences_held: int = 0
    recorded: int = 0  # activities whose reach was recorded
    attendees: int = 0
    conversations: int = 0
    materials: int = 0
    online_views: int = 0


def held_before(on: date) -> datetime:
    """Occurrences starting before this moment (midnight of ``on`` in the city) were held."""
    return to_utc(on, time.min)


def reach(campaign_id: int, on: date | None = None) -> Reach:
    """Reach totals over the campaign's activities that were not cancelled. Two queries."""
    live = Activity.cancelled_at.is_(None)

    def total(column):
        return func.coalesce(func.sum(case((live, column), else_=0)), 0)

    row = db.session.execute(
        select(func.count(case((live, Activity.id))), func.count(Activity.cancelled_at),
               func.count(case((live, Activity.reach_recorded_at))),
               total(Activity.attendees), total(Activity.conversations),
               total(Activity.materials), total(Activity.online_views))
        .where(Activity.campaign_id == campaign_id)).one()
    held = db.session.execute(
        select(func.count(distinct(ActivityOccurrence.activity_id)), func.count())
        .join(Activity, Activity.id == ActivityOccurrence.activity_id)
        .where(Activity.campaign_id == campaign_id, live,
               ActivityOccurrence.starts_at < held_before(on or city_today()))).one()
    return Reach(planned=int(row[0]), cancelled=int(row[1]), recorded=int(row[2]),
                 attendees=int(row[3]), conversations=int(row[4]), materials=int(row[5]),
                 online_views=int(row[6]), held=int(held[0]), occurrences_held=int(held[1]))


# --- who took part ---------------------------------------------------------------------


@dataclass
class PartnerRow:
    organisation_id: int
    name: str
    state: str | None = None  # the campaign_partner state when the organisation joined
    activities: int = 0  # activities it runs (not cancelled)


def partners(campaign_id: int) -> list[PartnerRow]:
    """Organisations taking part (joined, accepted or waiting) or running an activity, by
    name. Two queries."""
    found: dict[int, PartnerRow] = {}
    for organisation_id, name, state in db.session.execute(
            select(CampaignPartner.organisation_id, Organisation.name, CampaignPartner.state)
            .join(Organisation, Organisation.id == CampaignPartner.organisation_id)
            .where(CampaignPartner.campaign_id == campaign_id,
                   CampaignPartner.state.in_(TAKING_PART))):
        found[organisation_id] = PartnerRow(organisation_id, name, state)
    for organisation_id, name, count in db.session.execute(
            select(ActivityOrganisation.organisation_id, Organisation.name,
                   func.count(distinct(ActivityOrganisation.activity_id)))
            .join(Activity, Activity.id == ActivityOrganisation.activity_id)
            .join(Organisation, Organisation.id == ActivityOrganisation.organisation_id)
            .where(Activity.campaign_id == campaign_id, Activity.cancelled_at.is_(None))
            .group_by(ActivityOrganisation.organisation_id, Organisation.name)):
        found.setdefault(organisation_id, PartnerRow(organisation_id, name)).activities = int(
            count)
    return sorted(found.values(), key=lambda row: (row.name.casefold(), row.organisation_id))


def agents_involved(campaign_id: int) -> int:
    """Distinct agents assigned to activities of the campaign that were not cancelled."""
    return int(db.session.scalar(
        select(func.count(distinct(ActivityAgent.agent_id)))
        .join(Activity, Activity.id == ActivityAgent.activity_id)
        .where(Activity.campaign_id == campaign_id, Activity.cancelled_at.is_(None))) or 0)


# --- conversations agents logged about the target rumours -----------------------------------


@dataclass
class Conversations:
    total: int = 0
    in_districts: int = 0  # of which in the campaign's districts
    by_outcome: dict[str, int] = field(default_factory=dict)
    by_mode: dict[str, int] = field(default_factory=dict)


def conversations(rumour_ids: list[int], district_ids: list[int], starts_on: date,
                  ends_on: date, on: date | None = None) -> Conversations:
    """Field conversations about the target rumours held during the campaign (up to today).
    One query."""
    end = min(ends_on, on or city_today())
    tally = Conversations()
    if not rumour_ids or end < starts_on:
        return tally
    inside = (Conversation.district_id.in_(district_ids) if district_ids
              else Conversation.id.is_not(None))
    query = conversation_select(
        ReportFilters(start=starts_on, end=end),
        [Conversation.response_mode, Conversation.outcome, func.count(),
         func.count(case((inside, Conversation.id)))],
    ).where(Conversation.rumour_id.in_(rumour_ids)).group_by(
        Conversation.response_mode, Conversation.outcome)
    outcomes: dict[str, int] = defaultdict(int)
    modes: dict[str, int] = defaultdict(int)
    for mode, outcome, count, in_districts in db.session.execute(query):
        tally.total += int(count)
        tally.in_districts += int(in_districts)
        outcomes[outcome] += int(count)
        modes[mode] += int(count)
    tally.by_outcome, tally.by_mode = dict(outcomes), dict(modes)
    return tally


# --- the whole summary --------------------------------------------------------------------


@dataclass
class Summary:
    campaign: Campaign
    rumours: list[tuple[int, dict[str, str]]]  # (id, wording), by id
    districts: list[tuple[int, dict[str, str]]]  # (id, name), in the city's order
    trend: Trend
    reach: Reach
    partners: list[PartnerRow]
    agents: int
    conversations: Conversations
    on: date


def targets(campaign_id: int) -> tuple[list[tuple[int, dict]], list[tuple[int, dict]]]:
    """The campaign's target rumours (id, wording) and districts (id, name). Two queries."""
    rumours = [tuple(row) for row in db.session.execute(
        select(Rumour.id, Rumour.wording)
        .join(CampaignRumour, and_(CampaignRumour.rumour_id == Rumour.id,
                                   CampaignRumour.campaign_id == campaign_id))
        .order_by(Rumour.id))]
    districts = [tuple(row) for row in db.session.execute(
        select(District.id, District.name)
        .join(CampaignDistrict, and_(CampaignDistrict.district_id == District.id,
                                     CampaignDistrict.campaign_id == campaign_id))
        .order_by(District.position, District.id))]
    return rumours, districts


def summary(campaign: Campaign, on: date | None = None) -> Summary:
    """Everything the summary page shows about ``campaign``, as of ``on`` (today)."""
    on = on or city_today()
    rumours, districts = targets(campaign.id)
    rumour_ids, district_ids = [r[0] for r in rumours], [d[0] for d in districts]
    return Summary(
        campaign=campaign, rumours=rumours, districts=districts,
        trend=trend(rumour_ids, district_ids, campaign.starts_on, campaign.ends_on, on),
        reach=reach(campaign.id, on), partners=partners(campaign.id),
        agents=agents_involved(campaign.id),
        conversations=conversations(rumour_ids, district_ids, campaign.starts_on,
                                    campaign.ends_on, on),
        on=on)
