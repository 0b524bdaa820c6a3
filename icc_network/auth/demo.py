"""Demonstration accounts: one per role (two coordinators, one per language)."""

from __future__ import annotations

from dataclasses import dataclass

from ..extensions import db
from .models import User
from .services import accounts


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    name: str
    locale: str
    password: str


DEMO_ACCOUNTS = [
    DemoAccount("admin", "admin@demo.example.org", "Claire Martin", "fr", "blue-harbour-lantern"),
    DemoAccount("coordinator", "coordination@demo.example.org", "Samira Benali", "fr",
                "quiet-river-compass"),
    DemoAccount("coordinator", "coordinator.en@demo.example.org", "Emma Wilson", "en",
                "quiet-river-compass"),
    DemoAccount("trainer", "trainer@demo.example.org", "James O'Connor", "en", "green-window-teapot"),
    DemoAccount("partner", "partenaire@demo.example.org", "Fatou Diop", "fr", "orange-bridge-garden"),
    DemoAccount("staff", "staff@demo.example.org", "Tom Becker", "en", "silver-meadow-clock"),
    DemoAccount("agent", "agent@demo.example.org", "Lucas Moreau", "fr", "yellow-forest-kettle"),
]


def load() -> None:
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
    assert user is not None, "auth demo data must be loaded first"
    return user
