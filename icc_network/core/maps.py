"""Choropleth maps of the districts, drawn on the server as inline SVG.

The districts' boundaries (GeoJSON Polygon or MultiPolygon, longitude/latitude) are
projected equirectangularly, longitudes scaled by the cosine of the city's mean latitude,
and fitted to the view box. No tile server and no script: the page carries the map, and
the table beside it is its accessible equivalent.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import func, select

from ..extensions import db
from .i18n import current_language, localised
from .models import District

WIDTH, HEIGHT, MARGIN = 600, 400, 6
# ColorBrewer's YlGnBu: sequential and safe for the common colour-vision deficiencies.
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
NONE_COLOUR = "#f2f2f2"  # a district with no figure at all
_CACHE: dict[tuple, Markup] = {}
_CACHE_SIZE = 64


@dataclass(frozen=True)
class MapRow:
    district_id: int
    name: str
    figure: int | None  # None on the preview of an import: the shapes alone
    colour: str
    drawn: bool  # has a boundary, so a shape on the map


@dataclass(frozen=True)
class Legend:
    colour: str
    low: int
    high: int


@dataclass(frozen=True)
class DistrictMap:
    svg: Markup | None  # None when no district has a boundary
    rows: list[MapRow]
    legend: list[Legend]


def district_map(figures: Mapping[int | None, int], label: str) -> DistrictMap:
    """The choropleth of ``figures`` (district id -> figure) over the active districts.

    Two queries whatever the number of districts; the drawing itself is kept, keyed on the
    boundaries' last change and the figures, so that a page shown again draws nothing.
    """
    districts = db.session.execute(
        select(District.id, District.code, District.name, District.boundary.is_not(None))
        .where(District.active.is_(True)).order_by(District.position, District.code)).all()
    classes = _classes([figures.get(d.id, 0) for d in districts])
    rows = [MapRow(d.id, localised(d.name).text or d.code, figures.get(d.id, 0),
                   _colour(figures.get(d.id, 0), classes), bool(d[3])) for d in districts]
    legend = [Legend(PALETTE[i], low, high) for i, (low, high) in enumerate(classes)]
    if not any(row.drawn for row in rows):
        return DistrictMap(None, rows, legend)
    version = db.session.scalar(select(func.max(District.updated_at))
                                .where(District.boundary.is_not(None)))
    key = (version, current_language(), label, tuple((r.district_id, r.name, r.figure, r.colour) for r in rows if r.drawn))
    svg = _CACHE.get(key)
    if svg is None:
        shapes = dict(db.session.execute(select(District.id, District.boundary).where(
            District.id.in_([r.district_id for r in rows if r.drawn]))).all())
        svg = render_svg([(r, shapes[r.district_id]) for r in rows if r.drawn], label)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = svg
    return DistrictMap(svg, rows, legend)


def preview_map(rows: list[Any]) -> Markup | None:
    """The shapes of an import's checked rows (``district_id`` and ``geometry`` each)."""
    if not rows:
        return None
    names = {d.id: localised(d.name).text or d.code for d in db.session.execute(
        select(District.id, District.code, District.name)
        .where(District.id.in_([row.district_id for row in rows])))}
    return render_svg([(MapRow(row.district_id, names.get(row.district_id, ""), None,
                               PALETTE[1], True), row.geometry) for row in rows],
                      _("The boundaries of the file"))


def totals_by_district(counts: Mapping[tuple[Any, Any], int]) -> dict[Any, int]:
    """{(district, anything): n} summed into {district: n}."""
    totals: dict[Any, int] = {}
    for (district_id, _other), n in counts.items():
        totals[district_id] = totals.get(district_id, 0) + n
    return totals


def _classes(values: list[int]) -> list[tuple[int, int]]:
    """Up to five classes of equal width from 0 to the largest figure: (low, high) each."""
    top = max(values, default=0)
    if top <= 0:
        return [(0, 0)]
    count = min(len(PALETTE), top + 1)
    bounds = [round(top * i / count) for i in range(count + 1)]
    classes, low = [], 0
    for high in bounds[1:]:
        if high >= low:
            classes.append((low, high))
            low = high + 1
    return classes


def _colour(value: int, classes: list[tuple[int, int]]) -> str:
    for i, (_low, high) in enumerate(classes):
        if value <= high:
            return PALETTE[i]
    return PALETTE[len(classes) - 1]


def rings(geometry: Mapping[str, Any]) -> Iterable[list[list[float]]]:
    """Every ring of a Polygon or MultiPolygon."""
    polygons = ([geometry["coordinates"]] if geometry.get("type") == "Polygon"
                else geometry.get("coordinates") or [])
    for polygon in polygons:
        yield from polygon


def render_svg(shapes: list[tuple[MapRow, Mapping[str, Any]]], label: str) -> Markup:
    """One ``<path>`` with its ``<title>`` per district, fitted to the view box."""
    points = [p for _row, shape in shapes for ring in rings(shape) for p in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((east - west) * squeeze, 1e-9), max(north - south, 1e-9)
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
    width, height = span_x * scale + 2 * MARGIN, span_y * scale + 2 * MARGIN

    def at(point: list[float]) -> str:
        x = MARGIN + (point[0] - west) * squeeze * scale
        y = MARGIN + (north - point[1]) * scale
        return f"{x:.1f},{y:.1f}"

    paths = []
    for row, shape in shapes:
        d = "".join("M" + "L".join(at(p) for p in ring[:-1]) + "Z" for ring in rings(shape))
        title = row.name if row.figure is None else f"{row.name}: {format_decimal(row.figure)}"
        paths.append(f'<path d="{d}" fill="{row.colour}" data-district="{row.district_id}">'
                     f"<title>{escape(title)}</title></path>")
    return Markup(
        f'<svg class="district-map" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        f'fill-rule="evenodd" stroke="#555" stroke-width="1" stroke-linejoin="round">'
        + "".join(paths) + "</svg>")
