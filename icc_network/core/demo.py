"""Demonstration data of the shared kernel: the city's districts and their made-up map."""

from __future__ import annotations

import math
from typing import Any

from ..extensions import db
from .models import District

DISTRICTS = [
    ("centre", "Centre historique", "Historic centre"),
    ("gare", "Quartier de la Gare", "Station district"),
    ("les-moulins", "Les Moulins", "Les Moulins"),
    ("port", "Le Port", "The Harbour"),
    ("universite", "Campus universitaire", "University campus"),
    ("nord", "Quartiers Nord", "Northern estates"),
    ("rives", "Les Rives", "Riverside"),
    ("belair", "Bel-Air", "Bel-Air"),
]
# A fictional city: its centre, and the radii (in km) of the old town and of the outskirts.
CENTRE = (2.9, 46.6)
INNER_KM, OUTER_KM = 1.4, 4.2
STEPS = 6  # points along each arc of a ring sector


def load() -> None:
    shapes = boundaries(len(DISTRICTS) - 1)
    for position, (code, fr, en) in enumerate(DISTRICTS):
        db.session.add(District(code=code, name={"fr": fr, "en": en}, position=position,
                                boundary=shapes[position]))
    db.session.flush()


def boundaries(sectors: int) -> list[dict[str, Any]]:
    """The old town as a disc, then ``sectors`` slices of the ring around it, with a wobbly
    outer edge so that the city does not look drawn with a compass."""
    angles = [2 * math.pi * i / (sectors * STEPS) for i in range(sectors * STEPS)]

    def point(angle: float, km: float) -> list[float]:
        lat = CENTRE[1] + km * math.sin(angle) / 111.0
        lon = CENTRE[0] + km * math.cos(angle) / (111.0 * math.cos(math.radians(CENTRE[1])))
        return [round(lon, 6), round(lat, 6)]

    def outer(i: int) -> float:
        return OUTER_KM * (1 + 0.18 * math.sin(3 * angles[i % len(angles)])
                           + 0.08 * math.cos(7 * angles[i % len(angles)]))

    old_town = [point(a, INNER_KM * (1 + 0.1 * math.sin(5 * a))) for a in angles]
    shapes = [_polygon(old_town)]
    for s in range(sectors):
        arc = range(s * STEPS, (s + 1) * STEPS + 1)
        inner = [old_town[i % len(angles)] for i in arc]
        edge = [point(angles[i % len(angles)], outer(i)) for i in arc]
        shapes.append(_polygon(inner + edge[::-1]))
    return shapes


def _polygon(ring: list[list[float]]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [ring + [ring[0]]]}
