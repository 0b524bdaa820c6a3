"""Demonstration data of the shared kernel: the city's districts and one account per role."""

from __future__ import annotations

from dataclasses import dataclass

from ..auth.models import User
from ..auth.services import accounts
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


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    name: str
    locale: str
    password: str


DEMO_ACCOUNTS = [
    DemoAccount("admin", "admin@demo.example.org", "Claire Martin", "fr", "demo-admin-2026"),
    DemoAccount("coordinator", "coordination@demo.example.org", "Samira Benali", "fr",
                "demo-coordinator-2026"),
    DemoAccount("coordinator", "coordinator.en@demo.example.org", "Emma Wilson", "en",
                "demo-coordinator-2026"),
    DemoAccount("trainer", "trainer@demo.example.org", "James O'Connor", "en", "demo-trainer-2026"),
    DemoAccount("partner", "partenaire@demo.example.org", "Fatou Diop", "fr", "demo-partner-2026"),
    DemoAccount("staff", "staff@demo.example.org", "Tom Becker", "en", "demo-staff-2026"),
    DemoAccount("agent", "agent@demo.example.org", "Lucas Moreau", "fr", "demo-agent-2026"),
]


def load() -> None:
    for position, (code, fr, en) in enumerate(DISTRICTS):
        db.session.add(District(code=code, name={"fr": fr, "en": en}, position=position))
    for account in DEMO_ACCOUNTS:
        accounts.create_user(
            email=account.email,
            name=account.name,
            role=account.role,
            password=account.password,
            locale=account.locale,
        )
    db.session.flush()


def demo_user(role: str) -> User:
    """The first demo account with ``role`` (areas attach their demo data to it)."""
    email = next(a.email for a in DEMO_ACCOUNTS if a.role == role)
    user = accounts.find_by_email(email)
    assert user is not None, "core demo data must be loaded first"
    return user
