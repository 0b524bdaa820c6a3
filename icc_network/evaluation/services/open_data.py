"""Open data: the measures the coordinators publish, with their definitions and series,
for the public page and its CSV and JSON downloads. Only measures marked public, and only
their figures: nothing about survey respondents ever leaves through here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from ...core.translatable import localise
from ...extensions import db
from ..models import Measure
from ..vocab import FREQUENCIES, UNITS
from . import catalogue
from .curves import Curve, curves


@dataclass(frozen=True)
class PublishedMeasure:
    measure: Measure
    key: str
    title: str
    definition: str
    source: str
    curve: Curve


def published_query():
    return (select(Measure).where(Measure.public.is_(True))
            .order_by(Measure.position, Measure.id))


def definition_text(measure: Measure, locale: str, default: str) -> str:
    """What the figure counts: the catalogue's definition, or the measure's own."""
    found = catalogue.definition(measure.definition_key) \
        if measure.source_kind == "computed" else None
    if found is not None:
        return str(found.definition)
    return localise(measure.definition, locale, default).text


def published(measures: list[Measure], locale: str, default: str,
              today: date) -> list[PublishedMeasure]:
    shown = curves(measures, today)
    return [PublishedMeasure(
        measure=m, key=f"measure-{m.id}", title=localise(m.title, locale, default).text,
        definition=definition_text(m, locale, default),
        source=m.source if m.source_kind == "manual" else "", curve=shown[m.id])
        for m in measures]


def all_published(locale: str, default: str, today: date) -> list[PublishedMeasure]:
    return published(list(db.session.scalars(published_query())), locale, default, today)


CSV_HEADERS = ("key", "title", "definition", "unit", "period", "value", "baseline", "target")


def csv_rows(items: list[PublishedMeasure]):
    """One row per measure and period with a figure (complete periods only)."""
    for item in items:
        target = item.curve.target_value
        for row in item.curve.rows:
            if row.value is None or row.partial:
                continue
            yield (item.key, item.title, item.definition, item.measure.unit,
                   row.period.isoformat(), row.value, item.curve.baseline, target)


def json_document(items: list[PublishedMeasure], locale: str) -> dict[str, Any]:
    return {"language": locale, "measures": [_json_measure(item) for item in items]}


def _json_measure(item: PublishedMeasure) -> dict[str, Any]:
    measure, curve = item.measure, item.curve
    return {
        "key": item.key, "title": item.title, "definition": item.definition,
        "source": item.source or None,
        "unit": measure.unit, "unit_label": str(UNITS.get(measure.unit, measure.unit)),
        "frequency": measure.frequency,
        "frequency_label": str(FREQUENCIES.get(measure.frequency, measure.frequency)),
        "polarity": measure.polarity, "baseline": curve.baseline,
        "target": {"value": curve.target_value,
                   "on": curve.target_on.isoformat() if curve.target_on else None},
        "computed_at": curve.computed_at.isoformat() if curve.computed_at else None,
        "series": [{"period": row.period.isoformat(), "value": row.value,
                    "partial": row.partial} for row in curve.rows if row.value is not None],
        "forecast": [{"period": row.period.isoformat(), "value": row.forecast,
                      "low": row.low, "high": row.high}
                     for row in curve.rows if row.forecast is not None],
    }
