"""Reading the series the measures job keeps: each measure's latest run (its points,
baseline and forecast), for pages, dashboards and reports."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from ...extensions import db
from ..models import MeasureRun
from .series import period_start


def latest_runs(measure_ids: Iterable[int]) -> dict[int, MeasureRun]:
    """The latest run of each measure that has one, in one query."""
    ids = list(measure_ids)
    if not ids:
        return {}
    rows = db.session.scalars(select(MeasureRun).where(
        MeasureRun.measure_id.in_(ids), MeasureRun.latest.is_(True)))
    return {run.measure_id: run for run in rows}


# --- the curve a page shows ---------------------------------------------------------


@dataclass(frozen=True)
class CurveRow:
    """One period of a curve: the figure (None when the period had nothing to count), the
    forecast with its band where there is one, and whether the period is still running."""

    period: date
    value: float | None = None
    forecast: float | None = None
    low: float | None = None
    high: float | None = None
    partial: bool = False


@dataclass(frozen=True)
class Curve:
    rows: list[CurveRow]
    baseline: float | None
    target_value: float | None
    target_on: date | None
    polarity: str
    computed_at: datetime | None = None
    # How the measures job computed the run: the forecast's fit (n, slope, s, the baseline
    # periods) or the reason there is no forecast (services/series.py).
    method: dict = field(default_factory=dict)

    @property
    def has_values(self) -> bool:
        return any(row.value is not None for row in self.rows)

    @property
    def latest(self) -> CurveRow | None:
        """The last period with a figure, complete ones first: a running month is partial."""
        known = [row for row in self.rows if row.value is not None]
        complete = [row for row in known if not row.partial]
        return (complete or known or [None])[-1]

    @property
    def fit(self) -> dict | None:
        """The forecast's line as the job fitted it: its number of points, slope a period and
        baseline periods (dates); None when there is no forecast."""
        slope = _number(self.method.get("slope"))
        if slope is None:
            return None
        return {"n": int(self.method.get("n") or 0), "slope": slope,
                "first": _day(self.method.get("baseline_from")),
                "last": _day(self.method.get("baseline_to"))}

    @property
    def has_forecast(self) -> bool:
        return any(row.forecast is not None for row in self.rows)

    @property
    def trend(self) -> str | None:
        """"up", "down" or "flat" between the last two complete figures; None without two."""
        known = [row.value for row in self.rows if row.value is not None and not row.partial]
        if len(known) < 2:
            return None
        last, before = known[-1], known[-2]
        if math.isclose(last, before, rel_tol=1e-9, abs_tol=1e-12):
            return "flat"
        return "up" if last > before else "down"

    def spark(self, width: int = 80, height: int = 20, last: int = 12) -> str:
        """The points of an SVG polyline of the last figures (a sparkline); "" without two."""
        values = [row.value for row in self.rows if row.value is not None][-last:]
        if len(values) < 2:
            return ""
        low, high = min(values), max(values)
        spread = (high - low) or 1.0
        step = width / (len(values) - 1)
        return " ".join(f"{i * step:.1f},{height - (v - low) / spread * height:.1f}"
                        for i, v in enumerate(values))

    @property
    def turning(self) -> bool | None:
        """Whether the curve turns the right way: the latest figure beats the forecast of
        its period (or, before any forecast, moved the way the polarity wants)."""
        latest = self.latest
        if latest is None:
            return None
        if latest.forecast is not None and not math.isclose(latest.value, latest.forecast):
            better = latest.value > latest.forecast
            return better if self.polarity == "up" else not better
        trend = self.trend
        if trend in (None, "flat"):
            return None
        return (trend == "up") == (self.polarity == "up")


def _number(value) -> float | None:
    """A stored figure, or None for a missing or non-finite one (never a NaN on screen)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _day(text) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def curve(measure, run: MeasureRun | None, today: date) -> Curve:
    """The page's view of a measure's latest run: its points and forecast by period, the
    running period marked partial, and the measure's target."""
    rows: dict[date, dict] = {}
    for point in (run.points if run is not None else None) or []:
        day = _day(point[0]) if point else None
        if day is not None:
            rows.setdefault(day, {})["value"] = _number(point[1] if len(point) > 1 else None)
    for point in (run.forecast if run is not None else None) or []:
        day = _day(point[0]) if point else None
        if day is not None:
            values = [_number(v) for v in (list(point[1:4]) + [None] * 3)[:3]]
            rows.setdefault(day, {}).update(forecast=values[0], low=values[1], high=values[2])
    running = period_start(today, measure.frequency)
    return Curve(
        rows=[CurveRow(period=day, partial=day == running, **rows[day]) for day in sorted(rows)],
        baseline=_number(run.baseline) if run is not None else None,
        target_value=_number(measure.target_value), target_on=measure.target_on,
        polarity=measure.polarity, computed_at=run.computed_at if run is not None else None,
        method=dict(run.method or {}) if run is not None else {})


def curves(measures, today: date) -> dict[int, Curve]:
    """The curve of each measure, from their latest runs in one query."""
    runs = latest_runs(m.id for m in measures)
    return {m.id: curve(m, runs.get(m.id), today) for m in measures}


def run_history(measure_id: int, limit: int = 20) -> list[MeasureRun]:
    """The measure's runs, newest first: when the series was computed and what it said."""
    return list(db.session.scalars(
        select(MeasureRun).where(MeasureRun.measure_id == measure_id)
        .order_by(MeasureRun.computed_at.desc(), MeasureRun.id.desc()).limit(limit)))
