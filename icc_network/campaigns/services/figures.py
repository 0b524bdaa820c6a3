"""Single figures of the campaigns, published as indicator sources (registrations.py) for
the areas that may not import campaigns, such as the evaluation.

Each takes the keyword parameters ``start`` and ``end`` (dates, inclusive; None: no bound)
and ``district_id`` (None: the whole city), and returns one number.

- An activity counts in the period of its first occurrence (a recurring café started in
  December counts in December, all its dates and its reach with it), in its own district,
  unless it was cancelled. It was held when one of its dates started before today.
- Reach (people, conversations, materials, online views) is what was recorded after the
  activities, added up.
- Partners joined: distinct organisations taking part (accepted or waiting for an answer)
  in a published campaign whose dates overlap the period, in the organisation's district.
- Activities held and people reached also take ``periods``, a list of (first day, last day)
  pairs, and then return one figure per period from one query (core/periods.py).
- Campaigns run: campaigns running, completed or evaluated whose dates overlap the period;
  with a district, those working in it or city-wide (no district of their own).
"""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import ColumnElement, Select, distinct, func, literal, or_, select

from ...core.calendar import city_today, to_local, to_utc
from ...core.periods import Period, span, sums
from ...extensions import db
from ...network.models import Organisation
from ..models import Activity, ActivityOccurrence, Campaign, CampaignDistrict, CampaignPartner
from ..vocab import PUBLISHED, TAKING_PART
from .summary import held_before

RUN = ("running", "completed", "evaluated")


def _activities(columns: list, start: date | None, end: date | None,
                district_id: int | None) -> Select:
    """Activities not cancelled whose first date falls between the city's days ``start``
    and ``end``, and that were held."""
    held = (select(ActivityOccurrence.id)
            .where(ActivityOccurrence.activity_id == Activity.id,
                   ActivityOccurrence.starts_at < held_before(city_today())).exists())
    query = select(*columns).select_from(Activity).where(Activity.cancelled_at.is_(None), held)
    if start is not None:
        query = query.where(Activity.starts_at >= to_utc(start, time.min))
    if end is not None:
        query = query.where(Activity.starts_at < to_utc(end + timedelta(days=1), time.min))
    if district_id is not None:
        query = query.where(Activity.district_id == district_id)
    return query


def _number(query: Select) -> int:
    return int(db.session.scalar(query) or 0)


def _reach(column, start: date | None, end: date | None, district_id: int | None) -> int:
    return _number(_activities([func.coalesce(func.sum(column), 0)], start, end, district_id))


def _per_period(value, periods: list[Period], district_id: int | None) -> list[float]:
    """``value`` of the activities held, added up per period of their first date."""
    if not periods:
        return []
    rows = db.session.execute(_activities([Activity.starts_at, value], *span(periods),
                                          district_id))
    return sums(((to_local(starts_at).date(), amount) for starts_at, amount in rows), periods)


def activities_held(*, start: date | None = None, end: date | None = None,
                    district_id: int | None = None,
                    periods: list[Period] | None = None) -> int | list[float]:
    """Activities held (not cancelled, a date before today), by first date and district."""
    if periods is not None:
        return _per_period(literal(1), periods, district_id)
    return _number(_activities([func.count()], start, end, district_id))


def people_reached(*, start: date | None = None, end: date | None = None,
                   district_id: int | None = None,
                   periods: list[Period] | None = None) -> int | list[float]:
    """Attendees recorded at those activities."""
    if periods is not None:
        return _per_period(Activity.attendees, periods, district_id)
    return _reach(Activity.attendees, start, end, district_id)


def conversations_held(*, start: date | None = None, end: date | None = None,
                       district_id: int | None = None) -> int:
    """Conversations recorded at those activities (their reach, not agents' field log)."""
    return _reach(Activity.conversations, start, end, district_id)


def materials_handed_out(*, start: date | None = None, end: date | None = None,
                         district_id: int | None = None) -> int:
    """Materials handed out at those activities."""
    return _reach(Activity.materials, start, end, district_id)


def online_views(*, start: date | None = None, end: date | None = None,
                 district_id: int | None = None) -> int:
    """Online views recorded for those activities."""
    return _reach(Activity.online_views, start, end, district_id)


def _overlapping(start: date | None, end: date | None) -> list[ColumnElement[bool]]:
    conditions = []
    if start is not None:
        conditions.append(Campaign.ends_on >= start)
    if end is not None:
        conditions.append(Campaign.starts_on <= end)
    return conditions


def partners_joined(*, start: date | None = None, end: date | None = None,
                    district_id: int | None = None) -> int:
    """Distinct organisations taking part in published campaigns overlapping the period."""
    query = (select(func.count(distinct(CampaignPartner.organisation_id)))
             .join(Campaign, Campaign.id == CampaignPartner.campaign_id)
             .where(CampaignPartner.state.in_(TAKING_PART), Campaign.status.in_(PUBLISHED),
                    *_overlapping(start, end)))
    if district_id is not None:
        query = query.join(Organisation, Organisation.id == CampaignPartner.organisation_id) \
            .where(Organisation.district_id == district_id)
    return _number(query)


def campaigns_run(*, start: date | None = None, end: date | None = None,
                  district_id: int | None = None) -> int:
    """Campaigns running, completed or evaluated overlapping the period; in a district:
    those working there or city-wide."""
    query = select(func.count()).select_from(Campaign).where(Campaign.status.in_(RUN),
                                                             *_overlapping(start, end))
    if district_id is not None:
        listed = select(CampaignDistrict.campaign_id).where(
            CampaignDistrict.campaign_id == Campaign.id)
        query = query.where(or_(
            listed.where(CampaignDistrict.district_id == district_id).exists(),
            ~listed.exists()))
    return _number(query)
