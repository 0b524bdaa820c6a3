"""Where a measure's curve goes if nothing changes: a straight line fitted to the baseline.

The method, in full, so that anyone can check a figure by hand:

- The baseline is a run of consecutive periods; its periods are numbered x = 0, 1, 2...
  from the first. Periods of the run without a value keep their number and are left out
  of the fit.
- An ordinary least-squares line ŷ = a + b·x is fitted to the n points that have a value:
  b = Sxy / Sxx and a = ȳ − b·x̄, with Sxx = Σ(x − x̄)² and Sxy = Σ(x − x̄)(y − ȳ).
- The residual spread is s = sqrt(Σ(y − ŷ)² / (n − 2)).
- The line is projected over the ``horizon`` periods that follow the baseline
  (x = length of the run, length + 1, ...), each with a 95 % prediction interval
  ŷ ± t(0.975, n − 2) · s · sqrt(1 + 1/n + (x − x̄)² / Sxx), where t is Student's
  quantile with n − 2 degrees of freedom. The interval says where one future period's
  figure is expected to fall, not only the line: it widens away from the baseline.
- At least three points are needed (two points always lie on a line: no spread to speak
  of). Otherwise there is no forecast and ``reason`` says why.
- Values and bounds are clamped to ``[lower, upper]`` when given (a share stays within
  0–100 %, a count is never negative).

Pure functions: no database, no Flask.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from scipy.stats import t as student_t

LEVEL = 0.95
MIN_POINTS = 3
METHOD = "ols_linear"

# Why there is no forecast (pages translate these codes).
TOO_FEW_POINTS = "too_few_points"
NO_BASELINE = "no_baseline"


@dataclass(frozen=True)
class Forecast:
    """The fitted line and its projection: ``points`` holds (value, low, high) for each
    period after the baseline; empty when ``reason`` says why there is none."""

    points: list[tuple[float, float, float]] = field(default_factory=list)
    slope: float | None = None
    intercept: float | None = None
    n: int = 0
    s: float | None = None
    reason: str = ""

    @property
    def fitted(self) -> bool:
        return self.slope is not None


def _clamp(value: float, lower: float | None, upper: float | None) -> float:
    if lower is not None:
        value = max(lower, value)
    if upper is not None:
        value = min(upper, value)
    return value


def fit(values: Sequence[float | None]) -> Forecast:
    """The least-squares line over the values that are given (x = their position)."""
    points = [(float(x), float(y)) for x, y in enumerate(values)
              if y is not None and math.isfinite(y)]
    n = len(points)
    if n < MIN_POINTS:
        return Forecast(n=n, reason=TOO_FEW_POINTS)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx
    intercept = mean_y - slope * mean_x
    sse = sum((y - (intercept + slope * x)) ** 2 for x, y in points)
    return Forecast(slope=slope, intercept=intercept, n=n, s=math.sqrt(sse / (n - 2)))


def prediction(line: Forecast, x: float, mean_x: float, sxx: float) -> tuple[float, float]:
    """The line's value at ``x`` and the half-width of its prediction interval."""
    assert line.slope is not None and line.intercept is not None and line.s is not None
    quantile = float(student_t.ppf(0.5 + LEVEL / 2, line.n - 2))
    spread = line.s * math.sqrt(1 + 1 / line.n + (x - mean_x) ** 2 / sxx)
    return line.intercept + line.slope * x, quantile * spread


def linear_forecast(values: Sequence[float | None], horizon: int, *,
                    lower: float | None = None, upper: float | None = None) -> Forecast:
    """Fit the baseline ``values`` (one per period, None where a period has none) and project
    the line over the ``horizon`` periods after them, with 95 % prediction intervals."""
    line = fit(values)
    if not line.fitted:
        return line
    xs = [float(x) for x, y in enumerate(values) if y is not None and math.isfinite(y)]
    mean_x = sum(xs) / len(xs)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    projected = []
    for x in range(len(values), len(values) + max(horizon, 0)):
        value, half = prediction(line, float(x), mean_x, sxx)
        projected.append((_clamp(value, lower, upper), _clamp(value - half, lower, upper),
                          _clamp(value + half, lower, upper)))
    return Forecast(projected, line.slope, line.intercept, line.n, line.s)
