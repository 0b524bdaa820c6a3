"""What the agents area puts on the trainers' home page: the month's sessions, how many
people are near their certificate and how many certificates expire soon (counts only)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icc_network.agents.services.certificates import expiring_by_programme
from icc_network.agents.services.certification import near_certification
from icc_network.agents.services.training import sessions_of_month

from . import factories


def test_the_months_sessions_are_those_not_cancelled_in_order_with_their_number():
    programme = factories.programme()
    first = factories.session(programme, starts_at=datetime(2026, 3, 2, 8, 0))
    second = factories.session(programme, starts_at=datetime(2026, 3, 20, 8, 0))
    factories.session(programme, starts_at=datetime(2026, 3, 25, 8, 0),
                      cancelled_at=datetime(2026, 3, 1))
    factories.session(programme, starts_at=datetime(2026, 4, 2, 8, 0))
    factories.session(programme, starts_at=datetime(2026, 2, 27, 8, 0))
    month = sessions_of_month(date(2026, 3, 14), limit=1)
    assert [s.id for s in month.sessions] == [first.id] and month.total == 2
    assert month.first_day == date(2026, 3, 1)
    assert [s.id for s in sessions_of_month(date(2026, 3, 31)).sessions] == [first.id, second.id]


def test_people_near_certification_are_counted_per_programme():
    programme = factories.programme(threshold_hours=8, modules=((8, True),))
    other = factories.programme(threshold_hours=20, modules=((20, True),))
    session = factories.session(programme, hours=8)
    for minutes, status in ((6 * 60, "in_training"), (7 * 60, "candidate"),
                            (5 * 60, "in_training"),  # below 75 %
                            (7 * 60, "certified"),  # certified already
                            (8 * 60, "in_training")):  # has it all: the job certifies
        factories.attendance(session, factories.agent(status=status), minutes=minutes)
    factories.attendance(factories.session(other, hours=20),
                         factories.agent(status="in_training"), minutes=16 * 60)
    rows = near_certification()
    assert [(r.programme_id, r.people) for r in rows] == [(programme.id, 2), (other.id, 1)]
    assert rows[0].programme_name == programme.name


def test_certificates_expiring_are_counted_per_programme_with_the_first_date():
    day = date(2026, 5, 1)
    programme, other = factories.programme(), factories.programme()
    for programme_row, days in ((programme, 10), (programme, 30), (other, 5), (other, 61)):
        factories.certificate(factories.agent(status="certified"), programme_row,
                              issued_on=day - timedelta(days=600),
                              expires_on=day + timedelta(days=days))
    renewed = factories.agent(status="certified")
    factories.certificate(renewed, programme, issued_on=day - timedelta(days=600),
                          expires_on=day + timedelta(days=3))
    factories.certificate(renewed, programme, issued_on=day, expires_on=day + timedelta(days=700))
    rows = expiring_by_programme(day, 60)
    assert [(p.id, n, first) for p, n, first in rows] == [
        (other.id, 1, day + timedelta(days=5)), (programme.id, 2, day + timedelta(days=10))]
