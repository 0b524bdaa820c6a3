"""The annual report for the intercultural support group and the ICC programme: one
year's figures gathered once (``gather``), then written as a PDF or an editable DOCX in
French or English (report_pdf.build_pdf, report_docx.build_docx).

Every section is read with grouped queries or the indicator sources the lower areas
publish: the report never walks the sightings or activities one by one, so a city with
hundreds of thousands of sightings gets its report in seconds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from sqlalchemy import func, select

from ...campaigns.models import Activity, Campaign
from ...campaigns.services.summary import held_before
from ...campaigns.vocab import PUBLISHED
from ...core.calendar import city_today, to_utc
from ...core.registries import indicator, indicator_source
from ...extensions import db
from ...network.models import Decision, Meeting, NetworkSnapshot, Organisation
from ...rumours.models import Rumour, Sighting
from ...rumours.services.hateful import shown_wording
from ..models import Measure, Result, StrategyProgramme
from .curves import latest_runs

MAX_CHARTS = 6  # measures drawn as curves; the others are listed with their figures
TOP_RUMOURS = 10
MAX_JOINED = 30  # organisations named; the count covers them all
MAX_CAMPAIGNS = 40

TRAINING_KEYS = ("agents.hours_delivered", "agents.sessions_held", "agents.people_trained",
                 "agents.people_certified", "agents.active_agents", "agents.conversations")
CAMPAIGN_KEYS = ("campaigns.campaigns_run", "campaigns.activities_held",
                 "campaigns.people_reached", "campaigns.conversations_held",
                 "campaigns.materials_handed_out", "campaigns.online_views",
                 "campaigns.partners_joined")
# Figures the network and rumours areas publish; a line is left out while nobody does.
NETWORK_KEYS = ("network.partners",)
RUMOUR_KEYS = ("rumours.sightings_recorded", "rumours.arguments_validated")


@dataclass
class Figure:
    """A figure of the year beside the previous year's."""

    key: str
    label: Any  # lazy string, shown in the report's language
    value: float
    previous: float


@dataclass
class MeasureSection:
    measure_id: int
    title: dict[str, str]
    owner: dict[str, str]  # the result or programme it belongs to
    result_id: int | None  # its result, directly or through its programme
    quadrant: str | None
    unit: str
    polarity: str
    frequency: str
    headline: bool
    points: list[tuple[date, float | None]]  # up to the end of the year
    forecast: list[tuple[date, float, float, float]]
    baseline: float | None
    target_value: float | None
    target_on: date | None
    charted: bool = False

    def year_points(self, year: int) -> list[tuple[date, float | None]]:
        return [(day, value) for day, value in self.points if day.year == year]

    def forecast_on(self, day: date) -> tuple[float, float, float] | None:
        return next(((v, lo, hi) for d, v, lo, hi in self.forecast if d == day), None)

    def last_value(self, year: int) -> float | None:
        values = [v for d, v in self.points if d.year == year and v is not None]
        return values[-1] if values else None


@dataclass
class ResultSection:
    id: int
    title: dict[str, str]
    programmes: list[dict[str, str]]


@dataclass
class CampaignRow:
    title: dict[str, str]
    starts_on: date
    ends_on: date
    status: str
    activities: int
    people: int


@dataclass
class NetworkGrowth:
    members_at_start: int
    members_at_end: int
    joined: list[tuple[str, str, date | None]]  # (name, sector, member since)
    joined_count: int
    ties_at_start: int | None  # from the network job's snapshots, when it kept some
    ties_at_end: int | None
    meetings: int
    decisions: int
    extra: list[Figure] = field(default_factory=list)


@dataclass
class RumourTrends:
    months: list[tuple[date, int]]  # first of each month of the year, sightings
    total: int
    previous_total: int
    top: list[tuple[dict[str, str], int]]
    new_rumours: int
    extra: list[Figure] = field(default_factory=list)


@dataclass
class AnnualReport:
    year: int
    start: date
    end: date
    results: list[ResultSection]
    measures: list[MeasureSection]
    campaigns: list[CampaignRow]
    campaign_count: int
    campaign_figures: list[Figure]
    training: list[Figure]
    network: NetworkGrowth
    rumours: RumourTrends


def first_year() -> int:
    """The year of the oldest record the report can speak of (this year when none)."""
    firsts = [db.session.scalar(select(func.min(column))) for column in (
        Sighting.seen_on, Rumour.first_detected, Campaign.starts_on, Measure.series_start,
        Organisation.member_since, Meeting.held_on)]
    years = [day.year for day in firsts if day is not None]
    return min(years, default=city_today().year)


def default_year(first: int | None = None) -> int:
    """The last complete year, unless the records start this year (``first``: the year of
    the oldest record, when the caller already has it)."""
    this_year = city_today().year
    return this_year - 1 if (first if first is not None else first_year()) < this_year \
        else this_year


def gather(year: int) -> AnnualReport:
    start, end = date(year, 1, 1), date(year, 12, 31)
    campaigns, campaign_count = _campaigns(start, end)
    results, measures = _strategy(end)
    return AnnualReport(
        year=year, start=start, end=end, results=results, measures=measures,
        campaigns=campaigns, campaign_count=campaign_count,
        campaign_figures=_figures(CAMPAIGN_KEYS, year), training=_figures(TRAINING_KEYS, year),
        network=_network(start, end), rumours=_rumours(start, end))


# --- figures published by the areas ---------------------------------------------------------


def _figures(keys: tuple[str, ...], year: int) -> list[Figure]:
    """The year's and the previous year's value of each published figure that is a number."""
    figures = []
    for key in keys:
        source = indicator_source(key)
        if source is None:
            continue
        value = indicator(key, None, start=date(year, 1, 1), end=date(year, 12, 31))
        previous = indicator(key, None, start=date(year - 1, 1, 1), end=date(year - 1, 12, 31))
        if isinstance(value, (int, float)) and isinstance(previous, (int, float)):
            figures.append(Figure(key, source.label, float(value), float(previous)))
    return figures


# --- the strategy: results, programmes and measures --------------------------------------


def _strategy(end: date) -> tuple[list[ResultSection], list[MeasureSection]]:
    results = list(db.session.scalars(select(Result).order_by(Result.position, Result.id)))
    programmes = list(db.session.scalars(
        select(StrategyProgramme).order_by(StrategyProgramme.position, StrategyProgramme.id)))
    measures = list(db.session.scalars(select(Measure).order_by(
        Measure.headline.desc(), Measure.public.desc(), Measure.position, Measure.id)))
    titles = {("r", r.id): r.title for r in results}
    titles.update({("p", p.id): p.title for p in programmes})
    result_of = {p.id: p.result_id for p in programmes}
    runs = latest_runs(m.id for m in measures)
    sections = []
    for measure in measures:
        run = runs.get(measure.id)
        owner = titles.get(("p", measure.programme_id)) or titles.get(("r", measure.result_id))
        section = MeasureSection(
            measure_id=measure.id, title=measure.title, owner=owner or {},
            result_id=measure.result_id or result_of.get(measure.programme_id),
            quadrant=measure.quadrant, unit=measure.unit,
            polarity=measure.polarity, frequency=measure.frequency, headline=measure.headline,
            points=_points(run.points if run else [], end),
            forecast=_forecast(run.forecast if run else [], end),
            baseline=run.baseline if run else None, target_value=measure.target_value,
            target_on=measure.target_on)
        section.charted = ((measure.headline or measure.public) and run is not None
                           and sum(1 for s in sections if s.charted) < MAX_CHARTS
                           and any(v is not None for _d, v in section.points))
        sections.append(section)
    tree = [ResultSection(r.id, r.title, [p.title for p in programmes if p.result_id == r.id])
            for r in results]
    return tree, sections


def _day(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _points(raw: list, end: date) -> list[tuple[date, float | None]]:
    """The series up to the end of the year, its last three years at most."""
    points = []
    first = date(end.year - 2, 1, 1)
    for item in raw or []:
        day = _day(item[0]) if item else None
        if day is not None and first <= day <= end:
            value = item[1] if len(item) > 1 else None
            points.append((day, float(value) if isinstance(value, (int, float)) else None))
    return points


def _forecast(raw: list, end: date) -> list[tuple[date, float, float, float]]:
    rows = []
    for item in raw or []:
        day = _day(item[0]) if item else None
        if (day is not None and date(end.year - 2, 1, 1) <= day <= end and len(item) >= 4
                and all(isinstance(v, (int, float)) for v in item[1:4])):
            rows.append((day, float(item[1]), float(item[2]), float(item[3])))
    return rows


# --- campaigns ------------------------------------------------------------------------------


def _campaigns(start: date, end: date) -> tuple[list[CampaignRow], int]:
    """Published campaigns whose dates overlap the year, with their activities of the year
    (held, not cancelled, counted by first date) and the people they reached."""
    overlapping = (Campaign.status.in_(PUBLISHED), Campaign.starts_on <= end,
                   Campaign.ends_on >= start)
    count = int(db.session.scalar(select(func.count()).select_from(Campaign)
                                  .where(*overlapping)) or 0)
    campaigns = db.session.execute(
        select(Campaign.id, Campaign.title, Campaign.starts_on, Campaign.ends_on, Campaign.status)
        .where(*overlapping).order_by(Campaign.starts_on, Campaign.id).limit(MAX_CAMPAIGNS)).all()
    reach = _campaign_reach([row.id for row in campaigns], start, end)
    return [CampaignRow(row.title, row.starts_on, row.ends_on, row.status,
                        *reach.get(row.id, (0, 0))) for row in campaigns], count


def _campaign_reach(ids: list[int], start: date, end: date) -> dict[int, tuple[int, int]]:
    if not ids:
        return {}
    first, after = to_utc(start, time.min), to_utc(date(end.year + 1, 1, 1), time.min)
    rows = db.session.execute(
        select(Activity.campaign_id, func.count(), func.coalesce(func.sum(Activity.attendees), 0))
        .where(Activity.campaign_id.in_(ids), Activity.cancelled_at.is_(None),
               Activity.starts_at >= first, Activity.starts_at < after,
               Activity.starts_at < held_before(city_today()))
        .group_by(Activity.campaign_id))
    return {cid: (int(n), int(people)) for cid, n, people in rows}


# --- network --------------------------------------------------------------------------------


def _network(start: date, end: date) -> NetworkGrowth:
    def members_by(day: date) -> int:
        return int(db.session.scalar(select(func.count()).select_from(Organisation).where(
            func.coalesce(Organisation.member_since, func.date(Organisation.created_at)) <= day))
            or 0)

    joined_where = (Organisation.member_since >= start, Organisation.member_since <= end)
    joined = db.session.execute(
        select(Organisation.name, Organisation.sector, Organisation.member_since)
        .where(*joined_where).order_by(Organisation.member_since, Organisation.name)
        .limit(MAX_JOINED)).all()
    joined_count = int(db.session.scalar(select(func.count()).select_from(Organisation)
                                         .where(*joined_where)) or 0)
    meetings = int(db.session.scalar(select(func.count()).select_from(Meeting).where(
        Meeting.held_on >= start, Meeting.held_on <= end)) or 0)
    decisions = int(db.session.scalar(
        select(func.count()).select_from(Decision).join(Meeting, Meeting.id == Decision.meeting_id)
        .where(Meeting.held_on >= start, Meeting.held_on <= end)) or 0)
    return NetworkGrowth(
        members_at_start=members_by(date(start.year - 1, 12, 31)), members_at_end=members_by(end),
        joined=[tuple(row) for row in joined], joined_count=joined_count,
        ties_at_start=_ties_on(start), ties_at_end=_ties_on(date(end.year + 1, 1, 1)),
        meetings=meetings, decisions=decisions, extra=_figures(NETWORK_KEYS, start.year))


def _ties_on(before: date) -> int | None:
    return db.session.scalar(
        select(NetworkSnapshot.ties).where(NetworkSnapshot.computed_at < to_utc(before, time.min))
        .order_by(NetworkSnapshot.computed_at.desc()).limit(1))


# --- rumours --------------------------------------------------------------------------------


def _rumours(start: date, end: date) -> RumourTrends:
    """Sightings per month (read per day from the index on the day seen), the most heard
    rumours of the year and the rumours first detected in it."""
    months: Counter[date] = Counter()
    for day, count in db.session.execute(
            select(Sighting.seen_on, func.count()).where(Sighting.seen_on >= start,
                                                         Sighting.seen_on <= end)
            .group_by(Sighting.seen_on)):
        months[day.replace(day=1)] += int(count)
    previous = int(db.session.scalar(select(func.count()).select_from(Sighting).where(
        Sighting.seen_on >= date(start.year - 1, 1, 1), Sighting.seen_on < start)) or 0)
    heard = (select(Sighting.rumour_id, func.count().label("n"))
             .where(Sighting.seen_on >= start, Sighting.seen_on <= end)
             .group_by(Sighting.rumour_id).order_by(func.count().desc(), Sighting.rumour_id)
             .limit(TOP_RUMOURS).subquery())
    # A wording a hateful report gave a rumour not yet triaged never goes into a report.
    top = [(shown_wording(wording, bool(withheld), reveal=False), n)
           for wording, withheld, n in db.session.execute(
               select(Rumour.wording, Rumour.wording_withheld, heard.c.n)
               .join(heard, heard.c.rumour_id == Rumour.id)
               .order_by(heard.c.n.desc(), Rumour.id))]
    new = int(db.session.scalar(select(func.count()).select_from(Rumour).where(
        Rumour.first_detected >= start, Rumour.first_detected <= end,
        Rumour.merged_into_id.is_(None))) or 0)
    firsts = [date(start.year, month, 1) for month in range(1, 13)]
    return RumourTrends(months=[(first, months[first]) for first in firsts],
                        total=sum(months.values()), previous_total=previous,
                        top=[(wording, int(n)) for wording, n in top], new_rumours=new,
                        extra=_figures(RUMOUR_KEYS, start.year))

