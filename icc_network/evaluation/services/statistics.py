"""Intervals for the share agreeing with a statement and for its change between two waves,
and the plain-language verdict a coordinator reads.

Wilson's score interval without continuity correction, and Newcombe's hybrid score
interval for the difference of two independent proportions (Newcombe 1998, "Interval
estimation for the difference between independent proportions", method 10). Both are
well behaved for small samples and shares near 0 or 1, unlike the textbook normal
approximation. Pure functions: no database, no request.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import sqrt

from flask_babel import format_decimal
from flask_babel import gettext as _

# The normal quantile of a two-sided 95 % interval.
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float

    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def wilson(k: int, n: int, z: float = Z95) -> Interval | None:
    """The share ``k / n`` with its Wilson score interval; None when nobody answered."""
    if n <= 0 or k < 0 or k > n:
        return None
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # At k = 0 or k = n one bound is exactly 0 or 1: clamp away rounding noise.
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half))


def newcombe(k1: int, n1: int, k2: int, n2: int, z: float = Z95) -> Interval | None:
    """The difference ``k1/n1 - k2/n2`` with Newcombe's hybrid score interval; None when
    either sample is empty."""
    first, second = wilson(k1, n1, z), wilson(k2, n2, z)
    if first is None or second is None:
        return None
    d = first.estimate - second.estimate
    low = d - sqrt((first.estimate - first.low) ** 2 + (second.high - second.estimate) ** 2)
    high = d + sqrt((first.high - first.estimate) ** 2 + (second.estimate - second.low) ** 2)
    return Interval(d, low, high)


def points(value: float) -> int:
    """A share or a change as whole percentage points (half away from zero)."""
    scaled = abs(value) * 100
    whole = int(scaled + 0.5)
    return whole if value >= 0 else -whole


def _number(value: int) -> str:
    return format_decimal(value)


def _signed(value: int) -> str:
    if value > 0:
        return "+" + _number(value)
    if value < 0:
        return "\u2212" + _number(-value)
    return _number(0)


def verdict(change: Interval | None) -> str:
    """What the change between two waves says, in the user's language: "fell by 12
    points, 95 % interval 5 to 19 points", "rose by ...", or "no clear change (...)"."""
    if change is None:
        return _("not enough answers to compare")
    low, high = points(change.low), points(change.high)
    if change.high < 0:
        return _("fell by %(n)s points, 95 %% interval %(low)s to %(high)s points",
                 n=_number(-points(change.estimate)), low=_number(-high), high=_number(-low))
    if change.low > 0:
        return _("rose by %(n)s points, 95 %% interval %(low)s to %(high)s points",
                 n=_number(points(change.estimate)), low=_number(low), high=_number(high))
    return _("no clear change (95 %% interval %(low)s to %(high)s points)",
             low=_signed(low), high=_signed(high))
