"""The figures of the home page's dashboards: the headline measures, each read from its
latest stored run (the measures job computes them; a request never does)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ...core.calendar import city_today
from ...extensions import db
from ..models import Measure, MeasureRun
from .curves import Curve, curves

HEADLINES_SHOWN = 6  # measures on the home page; the RBA overview lists every one
SPARK_POINTS = 12  # periods drawn in each sparkline


@dataclass(frozen=True)
class Headline:
    measure: Measure
    points: list[tuple[date, float | None]]  # the last periods, oldest first (sparkline)
    latest: float | None  # the last period with a figure
    latest_on: date | None
    previous: float | None  # the period with a figure before it
    change: float | None  # latest - previous
    verdict: str  # "better", "worse", "steady" or "" (not enough figures to say)


def headlines(limit: int = HEADLINES_SHOWN,
              spark_points: int = SPARK_POINTS) -> tuple[list[Headline], int]:
    """The first headline measures in their order, each with its latest figures, and how
    many headline measures there are (two queries, three when there are more than shown)."""
    measures = list(db.session.scalars(
        select(Measure).where(Measure.headline.is_(True))
        .order_by(Measure.position, Measure.id).limit(limit)))
    total = len(measures) if len(measures) < limit else db.session.scalar(
        select(func.count()).select_from(Measure).where(Measure.headline.is_(True)))
    shown = curves(measures, city_today())
    return [headline(m, shown[m.id], spark_points) for m in measures], int(total or 0)


def headlines_version() -> tuple:
    """What the headline panel shows changes only with the measures (titles, order,
    headline flag), their runs and the day (a running period): one query."""
    latest_edit = select(func.max(Measure.updated_at)).scalar_subquery()
    shown = select(func.count()).select_from(Measure).where(
        Measure.headline.is_(True)).scalar_subquery()
    latest_run = select(func.max(MeasureRun.id)).scalar_subquery()
    return (*db.session.execute(select(latest_edit, shown, latest_run)).one(), city_today())


def headline(measure: Measure, shown: Curve, spark_points: int = SPARK_POINTS) -> Headline:
    """One measure's figures from its curve: the last complete period with a figure (a
    period still running is not over: its figure would read as a fall), the one before,
    and the periods up to it for the sparkline."""
    complete = [row for row in shown.rows if row.value is not None and not row.partial]
    latest = complete[-1] if complete else None
    previous = complete[-2].value if len(complete) >= 2 else None
    points = [(row.period, row.value) for row in shown.rows
              if latest is not None and row.period <= latest.period]
    change = latest.value - previous if latest is not None and previous is not None else None
    return Headline(measure, points[-spark_points:], latest.value if latest else None,
                    latest.period if latest else None, previous, change,
                    verdict(change, measure.polarity))


def verdict(change: float | None, polarity: str) -> str:
    """Does the change move the way the measure wants (``polarity`` "up" or "down")?"""
    if change is None:
        return ""
    if abs(change) < 1e-9:
        return "steady"
    return "better" if (change > 0) == (polarity != "down") else "worse"
