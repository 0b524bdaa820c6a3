"""Reading the series the measures job keeps: each measure's latest run (its points,
baseline and forecast), for pages, dashboards and reports."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from ...extensions import db
from ..models import MeasureRun


def latest_runs(measure_ids: Iterable[int]) -> dict[int, MeasureRun]:
    """The latest run of each measure that has one, in one query."""
    ids = list(measure_ids)
    if not ids:
        return {}
    rows = db.session.scalars(select(MeasureRun).where(
        MeasureRun.measure_id.in_(ids), MeasureRun.latest.is_(True)))
    return {run.measure_id: run for run in rows}
