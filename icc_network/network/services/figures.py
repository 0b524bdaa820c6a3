"""Single figures of the network, published as indicator sources (registrations.py) for the
areas that may not import the network, such as the evaluation.

- Partners in the network: organisations that are members on the end day of the period:
  their "member since" date is not after it or, when that date was not given, their record
  was created by then (in the city's calendar). Organisations leave the network by being
  deleted, so a past figure counts only those still on the list today. By the
  organisation's district.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import and_, func, or_, select

from ...core.calendar import city_today, to_utc
from ...extensions import db
from ..models import Organisation


def partners(*, start: date | None = None, end: date | None = None,
             district_id: int | None = None) -> int:
    """Organisations that are members on ``end`` (the city's today when None); ``start`` is
    not used. In ``district_id`` when given."""
    day = end or city_today()
    member = or_(Organisation.member_since <= day,
                 and_(Organisation.member_since.is_(None),
                      Organisation.created_at < to_utc(day + timedelta(days=1), time.min)))
    query = select(func.count()).select_from(Organisation).where(member)
    if district_id is not None:
        query = query.where(Organisation.district_id == district_id)
    return int(db.session.scalar(query) or 0)
