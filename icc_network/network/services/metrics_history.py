"""Each organisation's metrics month by month: written by the metrics job, read by its page.

One row per organisation and month. Every computation rewrites the current month's
rows, so the last computation of a month is the one that stays; earlier months are
never touched again.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from sqlalchemy import delete, insert, select

from ...core.calendar import to_local
from ...extensions import db
from .. import graph
from ..models import OrganisationMetricsMonth

MONTHS_SHOWN = 24  # on an organisation's page
BATCH = 1000


def month_of(moment: datetime) -> date:
    """The first day of the month of a stored (naive UTC) time, on the city's calendar."""
    return to_local(moment).date().replace(day=1)


def record_month(analysis: graph.Analysis, now: datetime) -> date:
    """Store the computation as this month's snapshot, replacing one made earlier this month."""
    month = month_of(now)
    db.session.execute(delete(OrganisationMetricsMonth)
                       .where(OrganisationMetricsMonth.month == month))
    rows = [{"organisation_id": node, "month": month, "computed_at": now,
             **asdict(metrics)} for node, metrics in analysis.metrics.items()]
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(OrganisationMetricsMonth), rows[start:start + BATCH])
    return month


def of_organisation(organisation_id: int,
                    months: int = MONTHS_SHOWN) -> list[OrganisationMetricsMonth]:
    """The organisation's last ``months`` snapshots, oldest first (one query)."""
    rows = list(db.session.scalars(
        select(OrganisationMetricsMonth)
        .where(OrganisationMetricsMonth.organisation_id == organisation_id)
        .order_by(OrganisationMetricsMonth.month.desc()).limit(months)))
    return rows[::-1]
