"""Demonstration data of the shared kernel: the city's districts."""

from __future__ import annotations

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


def load() -> None:
    for position, (code, fr, en) in enumerate(DISTRICTS):
        db.session.add(District(code=code, name={"fr": fr, "en": en}, position=position))
    db.session.flush()

