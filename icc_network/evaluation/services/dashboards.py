"""The figures of the home page's dashboards: the headline measures, each read from its
latest stored run (the measures job computes them; a request never does)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ...extensions import db
from ..models import Measure
from .curves import latest_runs

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
    runs = latest_runs(m.id for m in measures)
    return [headline(m, runs[m.id].points if m.id in runs else [], spark_points)
            for m in measures], int(total or 0)


def headline(measure: Measure, stored_points: list, spark_points: int = SPARK_POINTS) -> Headline:
    """One measure's figures from its stored points ``[[iso, value or null], ...]``."""
    points = [(date.fromisoformat(str(iso)[:10]), _number(value))
              for iso, value, *_rest in (stored_points or [])]
    known = [(day, value) for day, value in points if value is not None]
    latest_on, latest = known[-1] if known else (None, None)
    previous = known[-2][1] if len(known) >= 2 else None
    change = latest - previous if latest is not None and previous is not None else None
    return Headline(measure, points[-spark_points:], latest, latest_on, previous, change,
                    verdict(change, measure.polarity))


def verdict(change: float | None, polarity: str) -> str:
    """Does the change move the way the measure wants (``polarity`` "up" or "down")?"""
    if change is None:
        return ""
    if abs(change) < 1e-9:
        return "steady"
    return "better" if (change > 0) == (polarity != "down") else "worse"


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number  # NaN is no figure
