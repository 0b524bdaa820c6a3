"""Importing the districts' boundaries from a GeoJSON FeatureCollection.

Each feature names its district by a ``code`` or ``name`` property (the district's code or
its name in either language) and carries a Polygon or MultiPolygon in longitude/latitude.
The file goes through ``core.imports``: checked into a preview, staged, confirmed. An admin
may also take one district's boundary away; both changes are written to the audit log.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..extensions import db
from . import audit
from .i18n import lazy_gettext as _l
from .imports import Checked, Preview
from .maps import rings
from .models import District
from .rules import RuleViolation
from .services import district_lookup
from .text import fold

KIND = "district_boundaries"
MAX_BYTES = 5 * 2**20
MAX_FEATURES = 500
MAX_POINTS = 200_000  # in the whole file
NAME_PROPERTIES = ("code", "district", "quartier", "name", "nom", "name_fr", "name_en")
DIGITS = 6  # about 10 cm: more is noise


@dataclass
class BoundaryRow:
    line: int  # the feature's number in the file, from 1
    district_id: int
    label: str  # what the file called it
    geometry: dict[str, Any]
    points: int
    replaces: bool  # the district had a boundary already


def check_file(filename: str, data: bytes) -> Checked[BoundaryRow]:
    """Every feature matched to a district and its geometry checked; refuses a file that is
    not a FeatureCollection within the limits."""
    features = _features(data)
    lookup = district_lookup()
    having = set(db.session.scalars(select(District.id).where(District.boundary.is_not(None))))
    preview: Preview[BoundaryRow] = Preview()
    seen: dict[int, int] = {}
    total = 0
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            preview.error(number, None, _l("This is not a GeoJSON Feature."))
            continue
        label, district_id = _district_of(feature.get("properties"), lookup)
        if district_id is None:
            preview.error(number, "properties", _l("No district has the code or name “%(label)s”.",
                                                   label=label) if label else
                          _l("The feature has no “code” or “name” property."))
        elif district_id in seen:
            preview.error(number, "properties", _l("The district “%(label)s” is already drawn by "
                                                   "feature %(n)d.", label=label, n=seen[district_id]))
        geometry, problem = clean_geometry(feature.get("geometry"))
        if problem is not None:
            preview.error(number, "geometry", problem)
            continue
        points = sum(len(ring) for ring in rings(geometry))
        total += points
        if total > MAX_POINTS:
            raise RuleViolation(_l("The file has more than %(n)d points.", n=MAX_POINTS), "file")
        if district_id is not None and district_id not in seen:
            seen[district_id] = number
            preview.rows.append(BoundaryRow(number, district_id, label, geometry, points,
                                            district_id in having))
    return Checked(KIND, preview)


def import_boundaries(preview: Preview[BoundaryRow], *, actor: Any = None) -> int:
    """Write the checked boundaries; the districts the file does not name keep theirs."""
    districts = {d.id: d for d in db.session.scalars(
        select(District).where(District.id.in_([row.district_id for row in preview.rows])))}
    for row in preview.rows:
        districts[row.district_id].boundary = row.geometry
    db.session.flush()
    audit.record(actor, "district.boundary_import", entity_type=District.__tablename__,
                 count=len(preview.rows),
                 districts=sorted(districts[row.district_id].code for row in preview.rows))
    return len(preview.rows)


def drawn_district_ids() -> set[int]:
    """The districts that have a boundary (without reading the boundaries themselves)."""
    return set(db.session.scalars(select(District.id).where(District.boundary.is_not(None))))


def remove_boundary(district: District, *, actor: Any) -> District:
    """Take the district's boundary away: the maps no longer draw it, nothing else changes."""
    if district.id not in drawn_district_ids():
        raise RuleViolation(_l("This district has no boundary to remove."))
    district.boundary = None
    db.session.flush()
    audit.record(actor, "district.boundary_remove", district, code=district.code)
    return district


def _features(data: bytes) -> list[Any]:
    if not data:
        raise RuleViolation(_l("The file is empty."), "file")
    if len(data) > MAX_BYTES:
        raise RuleViolation(_l("The file is larger than %(mb)d MB.", mb=MAX_BYTES // 2**20), "file")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise RuleViolation(_l("The file is not GeoJSON (JSON text in UTF-8)."), "file") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" \
            or not isinstance(document.get("features"), list):
        raise RuleViolation(_l("The file is not a GeoJSON FeatureCollection."), "file")
    features = document["features"]
    if not features:
        raise RuleViolation(_l("The file has no feature."), "file")
    if len(features) > MAX_FEATURES:
        raise RuleViolation(_l("The file has more than %(n)d features.", n=MAX_FEATURES), "file")
    return features


def _district_of(properties: Any, lookup: dict[str, int]) -> tuple[str, int | None]:
    if not isinstance(properties, dict):
        return "", None
    keys = {fold(str(k)): v for k, v in properties.items()}
    label = ""
    for key in NAME_PROPERTIES:
        value = keys.get(key)
        if isinstance(value, (str, int)) and str(value).strip():
            label = label or str(value).strip()[:80]
            if (found := lookup.get(fold(str(value)))) is not None:
                return str(value).strip()[:80], found
    return label, None


def clean_geometry(geometry: Any) -> tuple[dict[str, Any], Any]:
    """The geometry reduced to its type and rounded coordinates, or the reason it is refused."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return {}, _l("The geometry must be a Polygon or a MultiPolygon.")
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        return {}, _l("The geometry has no coordinates.")
    cleaned = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return {}, _l("A polygon has no ring.")
        rings = []
        for ring in polygon:
            positions, problem = _ring(ring)
            if problem is not None:
                return {}, problem
            rings.append(positions)
        cleaned.append(rings)
    return ({"type": "Polygon", "coordinates": cleaned[0]} if geometry["type"] == "Polygon"
            else {"type": "MultiPolygon", "coordinates": cleaned}), None


def _ring(ring: Any) -> tuple[list[list[float]], Any]:
    if not isinstance(ring, list) or len(ring) < 4:
        return [], _l("A ring needs at least four positions.")
    positions = []
    for position in ring:
        if not isinstance(position, list) or len(position) < 2 or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                for v in position[:2]):
            return [], _l("A position is not a pair of numbers (longitude, latitude).")
        lon, lat = float(position[0]), float(position[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return [], _l("A position is outside longitudes -180 to 180 and latitudes -90 to 90.")
        positions.append([round(lon, DIGITS), round(lat, DIGITS)])
    if positions[0] != positions[-1]:
        return [], _l("A ring is not closed (its last position must repeat its first).")
    return positions, None

