"""The certification rule at its edges: threshold, optional modules, renewals, corrections."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from icc_network.agents.models import Agent, Attendance, Certificate
from icc_network.agents.services.certification import evaluate, progress
from icc_network.extensions import db

from . import factories

LONG = 1200  # months: still valid whenever the suite runs, so statuses stay "certified"


def _certificates(agent) -> list[Certificate]:
    return list(db.session.scalars(select(Certificate).where(Certificate.agent_id == agent.id)
                                   .order_by(Certificate.issued_on, Certificate.id)))


def _full_day(programme, day: datetime, hours: float = 8, modules=None):
    return factories.session(programme, starts_at=day, hours=hours,
                             modules=modules if modules is not None
                             else factories.modules_of(programme))


def test_just_under_the_threshold_earns_nothing():
    programme = factories.programme(threshold_hours=8, valid_months=LONG)
    person = factories.agent(status="in_training")
    factories.attendance(_full_day(programme, datetime(2026, 3, 2, 8)), person, "partial", 479)
    assert evaluate([person.id]) == {"issued": 0, "revoked": 0}
    assert _certificates(person) == []
    assert db.session.get(Agent, person.id).status == "in_training"


def test_reaching_the_threshold_exactly_certifies_on_that_day():
    programme = factories.programme(threshold_hours=8, valid_months=24)
    person = factories.agent(status="candidate")
    factories.attendance(factories.session(programme, starts_at=datetime(2026, 3, 2, 8)), person)
    factories.attendance(factories.session(programme, starts_at=datetime(2026, 3, 9, 8),
                                           modules=factories.modules_of(programme)[1:]), person)
    assert evaluate([person.id]) == {"issued": 1, "revoked": 0}
    [certificate] = _certificates(person)
    assert certificate.issued_on == date(2026, 3, 9)  # the session that reached the threshold
    assert certificate.expires_on == date(2028, 3, 9)
    assert certificate.minutes_attended == 480


def test_over_the_threshold_certifies_once():
    programme = factories.programme(threshold_hours=8, valid_months=LONG)
    person = factories.agent(status="in_training")
    factories.attendance(_full_day(programme, datetime(2026, 3, 2, 8), hours=9), person)
    evaluate([person.id])
    [certificate] = _certificates(person)
    assert certificate.minutes_attended == 540


def test_sessions_on_optional_modules_count_nothing():
    programme = factories.programme(threshold_hours=4, modules=((4, True), (4, False)))
    required, optional = factories.modules_of(programme)
    person = factories.agent(status="in_training")
    factories.attendance(factories.session(programme, starts_at=datetime(2026, 3, 2, 8),
                                           modules=[optional]), person)
    evaluate([person.id])
    assert _certificates(person) == []
    assert progress(person.id)[0].credited_minutes == 0


def test_a_session_covering_required_and_optional_modules_counts_in_proportion():
    programme = factories.programme(threshold_hours=4, modules=((4, True), (4, False)))
    required, optional = factories.modules_of(programme)
    person = factories.agent(status="in_training")
    # 8 hours over one required and one optional module of equal length: 4 hours count.
    factories.attendance(factories.session(programme, starts_at=datetime(2026, 3, 2, 8), hours=8,
                                           modules=[required, optional]), person, "partial", 478)
    evaluate([person.id])
    assert _certificates(person) == []  # 478 minutes credit 239: one short
    db.session.execute(Attendance.__table__.update().values(minutes=480))
    evaluate([person.id])
    assert len(_certificates(person)) == 1


def test_a_renewal_takes_the_refresher_minutes():
    programme = factories.programme(threshold_hours=8, refresher_minutes=120, valid_months=12)
    person = factories.agent(status="in_training")
    factories.attendance(_full_day(programme, datetime(2026, 1, 5, 8)), person)
    refresher = factories.session(programme, starts_at=datetime(2026, 12, 1, 8), hours=2)
    factories.attendance(refresher, person, "partial", 119)
    evaluate([person.id])
    assert [c.issued_on for c in _certificates(person)] == [date(2026, 1, 5)]
    assert progress(person.id)[0].still_needed_minutes == 1
    db.session.execute(Attendance.__table__.update().where(Attendance.session_id == refresher.id)
                       .values(minutes=120))
    assert evaluate([person.id]) == {"issued": 1, "revoked": 0}
    assert [c.issued_on for c in _certificates(person)] == [date(2026, 1, 5), date(2026, 12, 1)]


def test_without_refresher_minutes_a_renewal_takes_the_threshold():
    programme = factories.programme(threshold_hours=4, modules=((4, True),))
    person = factories.agent(status="in_training")
    factories.attendance(factories.session(programme, starts_at=datetime(2026, 1, 5, 8)), person)
    factories.attendance(factories.session(programme, starts_at=datetime(2026, 6, 5, 8), hours=3),
                         person)
    evaluate([person.id])
    assert len(_certificates(person)) == 1
    assert progress(person.id)[0].still_needed_minutes == 60


def test_correcting_attendance_down_revokes_and_moves_the_status_back():
    programme = factories.programme(threshold_hours=8, valid_months=LONG)
    person = factories.agent(status="in_training")
    row = factories.attendance(_full_day(programme, datetime(2026, 3, 2, 8)), person)
    evaluate([person.id])
    assert db.session.get(Agent, person.id).status == "certified"
    db.session.get(Attendance, row.id).minutes = 300
    db.session.flush()
    assert evaluate([person.id]) == {"issued": 0, "revoked": 1}
    [certificate] = _certificates(person)
    assert certificate.revoked_at is not None
    assert db.session.get(Agent, person.id).status == "in_training"


def test_an_active_agent_whose_only_certificate_is_revoked_is_back_in_training():
    programme = factories.programme(threshold_hours=8, valid_months=LONG)
    person = factories.agent(status="in_training")
    row = factories.attendance(_full_day(programme, datetime(2026, 3, 2, 8)), person)
    evaluate([person.id])
    db.session.get(Agent, person.id).status = "active"
    db.session.get(Attendance, row.id).minutes = 0
    db.session.flush()
    evaluate([person.id])
    assert db.session.get(Agent, person.id).status == "in_training"


def test_evaluating_twice_changes_nothing():
    programme = factories.programme(threshold_hours=8, valid_months=LONG)
    people = [factories.agent(status="in_training") for _ in range(3)]
    session = _full_day(programme, datetime(2026, 3, 2, 8))
    for person in people:
        factories.attendance(session, person)
    assert evaluate() == {"issued": 3, "revoked": 0}
    codes = {c.id: c.code for c in db.session.scalars(select(Certificate))}
    assert evaluate() == {"issued": 0, "revoked": 0}
    assert {c.id: c.code for c in db.session.scalars(select(Certificate))} == codes


def test_a_candidate_is_certified_and_others_are_left_alone():
    programme = factories.programme(threshold_hours=8, valid_months=LONG)
    candidate = factories.agent(status="candidate")
    bystander = factories.agent(status="in_training")
    factories.attendance(_full_day(programme, datetime(2026, 3, 2, 8)), candidate)
    evaluate([candidate.id])
    assert db.session.get(Agent, candidate.id).status == "certified"
    assert db.session.get(Agent, bystander.id).status == "in_training"
    assert evaluate([]) == {"issued": 0, "revoked": 0}


def test_cancelled_sessions_count_nothing():
    programme = factories.programme(threshold_hours=8, valid_months=LONG)
    person = factories.agent(status="in_training")
    session = _full_day(programme, datetime(2026, 3, 2, 8))
    session.cancelled_at = datetime(2026, 3, 1, 8)
    factories.attendance(session, person)
    evaluate([person.id])
    assert _certificates(person) == []


def test_a_renewal_reached_on_the_day_of_the_first_certificate_keeps_the_first():
    programme = factories.programme(threshold_hours=4, modules=((4, True),), refresher_minutes=60,
                                    valid_months=LONG)
    person = factories.agent(status="in_training")
    factories.attendance(factories.session(programme, starts_at=datetime(2026, 3, 2, 8)), person)
    factories.attendance(factories.session(programme, starts_at=datetime(2026, 3, 2, 13),
                                           hours=1), person)
    assert evaluate([person.id]) == {"issued": 1, "revoked": 0}
    [certificate] = _certificates(person)
    assert certificate.minutes_attended == 240  # the minutes that earned it, not the renewal's
    assert evaluate([person.id]) == {"issued": 0, "revoked": 0}
