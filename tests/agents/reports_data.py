"""A small training record whose figures are known by hand (tests of reports and indicators)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from icc_network.core.clock import utcnow

from .. import factories as core
from . import factories


@dataclass
class TrainingRecord:
    north: Any
    south: Any
    basic: Any
    staff_course: Any
    people: list[Any]


def build() -> TrainingRecord:
    """Three sessions held (Jan fr north, Feb en south, Apr fr north, staff course), one
    cancelled (Feb, not counted); 17 hours; three people trained; two certified (a third
    certificate was revoked); three conversations (Mar x2, Apr)."""
    north, south = core.district(fr="Nord", en="North"), core.district(fr="Sud", en="South")
    basic = factories.programme("Formation de base")
    staff_course = factories.programme("Compétence interculturelle", threshold_hours=3,
                                       modules=((3, True),), audience="staff")
    awa = factories.agent("Awa", "Diallo", email="awa.diallo@example.org", status="certified",
                          district=north)
    jules = factories.agent("Jules", "Bernard", email="jules.bernard@example.org",
                            status="in_training", district=south)
    nadia = factories.agent("Nadia", "Haddad", email="nadia.haddad@example.org",
                            status="active", kind="staff", district=north)
    absent = factories.agent("Paul", "Absent", email="paul.absent@example.org", district=north)
    january = factories.session(basic, starts_at=datetime(2026, 1, 10, 8), district=north)
    factories.attendance(january, awa)
    factories.attendance(january, jules)
    factories.attendance(january, absent, "absent")
    february = factories.session(basic, starts_at=datetime(2026, 2, 5, 8), district=south,
                                 language="en")
    factories.attendance(february, awa)
    factories.attendance(february, jules, "partial", 120)
    cancelled = factories.session(basic, starts_at=datetime(2026, 2, 20, 8), district=north,
                                  cancelled_at=utcnow())
    factories.attendance(cancelled, nadia)
    april = factories.session(staff_course, starts_at=datetime(2026, 4, 15, 8), hours=3,
                              district=north)
    factories.attendance(april, nadia)
    factories.certificate(awa, basic, issued_on=date(2026, 2, 5))
    factories.certificate(jules, basic, issued_on=date(2026, 2, 5), revoked_at=utcnow())
    factories.certificate(nadia, staff_course, issued_on=date(2026, 4, 15))
    factories.conversation(awa, held_on=date(2026, 3, 1), district=north,
                           response_mode="correct", outcome="doubt")
    factories.conversation(awa, held_on=date(2026, 3, 15), district=south,
                           response_mode="empathise", outcome="open")
    factories.conversation(nadia, held_on=date(2026, 4, 20), district=north,
                           response_mode="correct", outcome="changed")
    return TrainingRecord(north, south, basic, staff_course, [awa, jules, nadia, absent])
