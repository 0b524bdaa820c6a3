"""Each measure's series, baseline and forecast, computed and kept as history.

- Periods are calendar months or quarters (the measure's frequency), from the one holding
  ``series_start`` to the one holding the city's today. The current period is partial: its
  figure counts up to today; it is kept, marked (``method["partial_from"]``), and never
  part of the baseline.
- A computed measure's figure for a period comes from its catalogue definition (the
  period's first and last day; today for the current one); a manual measure's from the
  values entered for the period (none: no figure).
- The baseline is the periods within [baseline_start, baseline_end] when the measure sets
  them; otherwise its first 12 monthly (4 quarterly) periods that have a figure, from
  ``baseline_start`` when set. The stored ``baseline`` is the mean of their figures.
- The forecast is services/forecast.py's least-squares line over the baseline, projected
  over every period after it up to the last period or the target date, whichever is
  later; shares are kept within 0–100, other figures at 0 or more (scores are unbounded).
- A run is stored only when the fingerprint (sha256 of points, forecast and baseline)
  differs from the latest run's; the new run takes the ``latest`` flag, earlier runs stay
  as history.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError

from ...core.calendar import city_today
from ...core.i18n import lazy_gettext as _l
from ...extensions import db
from ..models import Measure, MeasureRun, MeasureValue
from . import catalogue, forecast

log = logging.getLogger(__name__)

MONTHS = {"month": 1, "quarter": 3}
BASELINE_PERIODS = {"month": 12, "quarter": 4}
DIGITS = 6  # figures are rounded so that float noise never looks like a change
BOUNDS = {"share": (0.0, 100.0), "score": (None, None)}
NO_DEFINITION = "no_definition"
# What pages say when a run has no forecast (``method["reason"]``).
REASONS = {
    forecast.TOO_FEW_POINTS: _l("No forecast: fewer than three baseline periods have a "
                                "figure."),
    forecast.NO_BASELINE: _l("No forecast: no baseline period has a figure yet."),
    NO_DEFINITION: _l("No figures: this measure's definition is no longer in the "
                      "catalogue."),
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # the last day counted: the period's last day, or today for the current one
    partial: bool = False


@dataclass
class Series:
    points: list[list]  # [[ISO start, value or None], ...]
    baseline: float | None
    forecast: list[list]  # [[ISO start, value, low, high], ...]
    method: dict

    @property
    def fingerprint(self) -> str:
        payload = json.dumps({"points": self.points, "forecast": self.forecast,
                              "baseline": self.baseline}, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()


# --- periods ------------------------------------------------------------------------------


def period_start(day: date, frequency: str) -> date:
    """The first day of the month or quarter holding ``day``."""
    month = day.month if frequency == "month" else (day.month - 1) // 3 * 3 + 1
    return date(day.year, month, 1)


def next_start(start: date, frequency: str) -> date:
    index = start.year * 12 + start.month - 1 + MONTHS[frequency]
    return date(index // 12, index % 12 + 1, 1)


def periods(measure: Measure, today: date | None = None) -> list[Period]:
    """The measure's periods up to the one holding ``today`` (the city's), which is partial."""
    today = today or city_today()
    frequency = measure.frequency if measure.frequency in MONTHS else "month"
    start, found = period_start(measure.series_start, frequency), []
    while start <= today:
        after = next_start(start, frequency)
        last = after - timedelta(days=1)
        found.append(Period(start, min(last, today), partial=last >= today))
        start = after
    return found


def _following(after: date, until: date, frequency: str) -> list[date]:
    """Period starts after ``after`` up to the one holding ``until``."""
    starts, start = [], next_start(after, frequency)
    while start <= until:
        starts.append(start)
        start = next_start(start, frequency)
    return starts


# --- values -------------------------------------------------------------------------------


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), DIGITS)


def values(measure: Measure, spans: list[Period],
           entered: dict[date, float] | None = None) -> list[float | None]:
    """The measure's figure for each period: from the catalogue, or from the values entered
    by hand (``entered`` by period start, read here when not given)."""
    if measure.source_kind == "manual":
        if entered is None:
            entered = manual_values([measure.id]).get(measure.id, {})
        frequency = measure.frequency if measure.frequency in MONTHS else "month"
        by_period = {period_start(day, frequency): value for day, value in entered.items()}
        return [_rounded(by_period.get(span.start)) for span in spans]
    figures = catalogue.compute_series(measure.definition_key or "",
                                       [(span.start, span.end) for span in spans],
                                       measure.params or {})
    return [_rounded(value) for value in figures]


def manual_values(measure_ids: list[int]) -> dict[int, dict[date, float]]:
    """The values entered for each measure, by period start, in one query."""
    found: dict[int, dict[date, float]] = {}
    if measure_ids:
        for row in db.session.scalars(select(MeasureValue).where(
                MeasureValue.measure_id.in_(measure_ids))):
            found.setdefault(row.measure_id, {})[row.period_start] = row.value
    return found


# --- baseline and forecast ----------------------------------------------------------------


def baseline_indexes(measure: Measure, spans: list[Period],
                     figures: list[float | None]) -> list[int]:
    """Positions of the baseline periods in ``spans`` (never the partial one)."""
    frequency = measure.frequency if measure.frequency in MONTHS else "month"
    first = period_start(measure.baseline_start, frequency) if measure.baseline_start else None
    candidates = [i for i, span in enumerate(spans)
                  if not span.partial and (first is None or span.start >= first)]
    if measure.baseline_end is not None:
        return [i for i in candidates if spans[i].start <= measure.baseline_end]
    with_value = [i for i in candidates if figures[i] is not None]
    return with_value[:BASELINE_PERIODS[frequency]]


def _bounds(unit: str) -> tuple[float | None, float | None]:
    return BOUNDS.get(unit, (0.0, None))


def build(measure: Measure, spans: list[Period], figures: list[float | None]) -> Series:
    """Points, baseline and forecast of the measure from its periods' figures."""
    frequency = measure.frequency if measure.frequency in MONTHS else "month"
    points = [[span.start.isoformat(), value] for span, value in zip(spans, figures, strict=True)]
    partial = next((span.start.isoformat() for span in spans if span.partial), None)
    method: dict = {"name": forecast.METHOD, "level": forecast.LEVEL, "frequency": frequency,
                    "partial_from": partial}
    chosen = baseline_indexes(measure, spans, figures)
    given = [figures[i] for i in chosen if figures[i] is not None]
    baseline = _rounded(sum(given) / len(given)) if given else None  # type: ignore[arg-type]
    if not chosen:
        method.update(reason=forecast.NO_BASELINE, n=0)
        return Series(points, baseline, [], method)
    # The fit runs over the consecutive stretch from the first baseline period to the last.
    first, last = chosen[0], chosen[-1]
    stretch = [figures[i] if i in chosen else None for i in range(first, last + 1)]
    method.update(baseline_from=spans[first].start.isoformat(),
                  baseline_to=spans[last].start.isoformat())
    until = max(spans[-1].start, measure.target_on or spans[-1].start)
    following = _following(spans[last].start, until, frequency)
    lower, upper = _bounds(measure.unit)
    line = forecast.linear_forecast(stretch, len(following), lower=lower, upper=upper)
    method.update(n=line.n, slope=_rounded(line.slope), intercept=_rounded(line.intercept),
                  s=_rounded(line.s), reason=line.reason)
    projected = [[start.isoformat(), *(_rounded(v) for v in point)]
                 for start, point in zip(following, line.points, strict=False)]
    return Series(points, baseline, projected, method)


def series(measure: Measure, today: date | None = None,
           entered: dict[date, float] | None = None) -> Series:
    """The measure's series as of ``today`` (the city's)."""
    spans = periods(measure, today)
    if measure.source_kind != "manual" and catalogue.definition(measure.definition_key) is None:
        return Series([[span.start.isoformat(), None] for span in spans], None, [],
                      {"name": forecast.METHOD, "reason": NO_DEFINITION, "n": 0})
    return build(measure, spans, values(measure, spans, entered))


# --- runs ---------------------------------------------------------------------------------


def _store(measure: Measure, computed: Series, latest: MeasureRun | None) -> MeasureRun | None:
    fingerprint = computed.fingerprint
    if latest is not None and latest.fingerprint == fingerprint:
        return None
    db.session.execute(update(MeasureRun).where(
        MeasureRun.measure_id == measure.id, MeasureRun.latest.is_(True)).values(latest=False))
    run = MeasureRun(measure_id=measure.id, points=computed.points, baseline=computed.baseline,
                     forecast=computed.forecast, method=computed.method,
                     fingerprint=fingerprint, latest=True)
    db.session.add(run)
    db.session.flush()
    return run


def recompute(measure: Measure, today: date | None = None) -> MeasureRun | None:
    """Compute the measure's series now; store and return a run when it changed, else None."""
    latest = db.session.scalar(select(MeasureRun).where(
        MeasureRun.measure_id == measure.id, MeasureRun.latest.is_(True))
        .order_by(MeasureRun.id.desc()).limit(1))
    return _store(measure, series(measure, today), latest)


def recompute_all(today: date | None = None) -> dict[str, int]:
    """Every measure's series; figures for the job report."""
    today = today or city_today()
    measures = list(db.session.scalars(select(Measure).order_by(Measure.id)))
    ids = [m.id for m in measures]
    latest: dict[int, MeasureRun] = {}
    if ids:
        for run in db.session.scalars(select(MeasureRun).where(
                MeasureRun.measure_id.in_(ids), MeasureRun.latest.is_(True))
                .order_by(MeasureRun.id)):
            latest[run.measure_id] = run
    entered = manual_values([m.id for m in measures if m.source_kind == "manual"])
    changed = failed = 0
    for measure in measures:
        # One measure that cannot be computed (a parameter gone bad) leaves the others be.
        try:
            with db.session.begin_nested():
                computed = series(measure, today, entered.get(measure.id, {}))
                changed += _store(measure, computed, latest.get(measure.id)) is not None
        except (ValueError, TypeError, SQLAlchemyError):
            log.exception("measure %s could not be computed", measure.id)
            failed += 1
    return {"measures": len(measures), "changed": changed, "failed": failed}
