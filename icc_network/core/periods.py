"""Figures over many periods at once: an indicator source may take ``periods``, a list of
(first day, last day) pairs in order and not overlapping, and return one figure per period
from one query, rather than being called once per period (the evaluation's measures job
reads three years of months for every measure).

The helpers spread rows that carry a day over those periods.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

Period = tuple[date, date]


def span(periods: Sequence[Period]) -> Period:
    """The first day of the first period and the last day of the last."""
    return periods[0][0], periods[-1][1]


def index_of(day: date, periods: Sequence[Period], starts: Sequence[date] | None = None) -> int:
    """The position of the period holding ``day``, or -1 when none does."""
    starts = starts if starts is not None else [start for start, _ in periods]
    position = bisect_right(starts, day) - 1
    return position if position >= 0 and day <= periods[position][1] else -1


def sums(rows: Iterable[tuple[date, Any]], periods: Sequence[Period]) -> list[float]:
    """The values of (day, value) rows added up per period (0 for a period without rows)."""
    totals = [0.0] * len(periods)
    starts = [start for start, _ in periods]
    for day, value in rows:
        position = index_of(day, periods, starts)
        if position >= 0:
            totals[position] += float(value or 0)
    return totals


def distinct_counts(rows: Iterable[tuple[date, Any]], periods: Sequence[Period]) -> list[int]:
    """How many distinct keys of (day, key) rows fall in each period."""
    seen: list[set] = [set() for _ in periods]
    starts = [start for start, _ in periods]
    for day, key in rows:
        position = index_of(day, periods, starts)
        if position >= 0:
            seen[position].add(key)
    return [len(keys) for keys in seen]
