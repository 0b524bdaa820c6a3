"""The shares of the training record other areas read through core's registry: certified
agents who are active, the attendance rate, field conversations with a positive outcome."""

from __future__ import annotations

from datetime import date, datetime

from icc_network.agents.services.figures import months_before
from icc_network.core.clock import utcnow
from icc_network.core.registries import indicator, indicator_source

from .. import factories as core
from . import factories

KEYS = ("agents.active_share", "agents.attendance_rate", "agents.positive_outcomes")
JUNE = {"start": date(2026, 6, 1), "end": date(2026, 6, 30)}


def test_every_share_is_published_with_a_label_and_a_description():
    for key in KEYS:
        source = indicator_source(key)
        assert source is not None, key
        assert str(source.label) and str(source.description)


def test_six_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(date(2026, 6, 30), 6) == date(2025, 12, 30)
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 15), 6) == date(2025, 9, 15)


def test_active_share_counts_certified_people_who_talked_or_trained_in_six_months():
    north, south = core.district(fr="Nord"), core.district(fr="Sud")
    programme = factories.programme()
    talker = factories.agent(status="active", district=north)
    trainee = factories.agent(status="certified", district=north)
    idle = factories.agent(status="certified", district=south)
    lately = factories.agent(status="certified", district=south)
    revoked = factories.agent(status="certified", district=north)
    erased = factories.agent(status="certified", district=north, erased_at=utcnow())
    for person in (talker, trainee, idle, erased):
        factories.certificate(person, programme, issued_on=date(2026, 1, 10))
    factories.certificate(lately, programme, issued_on=date(2026, 6, 1))
    factories.certificate(revoked, programme, issued_on=date(2026, 1, 10),
                          revoked_at=datetime(2026, 2, 1))
    factories.conversation(talker, held_on=date(2026, 3, 1))
    factories.conversation(idle, held_on=date(2025, 12, 29))  # a day before the six months
    factories.conversation(revoked, held_on=date(2026, 3, 1))
    factories.conversation(erased, held_on=date(2026, 3, 1))
    session = factories.session(programme, starts_at=datetime(2026, 2, 2, 9))
    factories.attendance(session, trainee, "present")
    factories.attendance(session, idle, "absent")  # no minutes: not active
    # Certified on June 30: talker, trainee, idle, lately; active: talker, trainee.
    assert indicator("agents.active_share", **JUNE) == 50
    assert indicator("agents.active_share", end=date(2026, 6, 30), district_id=north.id) == 100
    assert indicator("agents.active_share", end=date(2026, 6, 30), district_id=south.id) == 0
    # On December 31, 2025 nobody was certified yet: no figure, not 0 %.
    assert indicator("agents.active_share", end=date(2025, 12, 31)) is None


def test_attendance_rate_is_people_who_came_out_of_people_expected_at_sessions_held():
    north = core.district(fr="Nord")
    programme = factories.programme()
    came, partly, absent, waiting, walk_in = (factories.agent() for _ in range(5))
    held = factories.session(programme, starts_at=datetime(2026, 3, 2, 9), district=north)
    for person in (came, partly, absent):
        factories.enrolment(held, person)
    factories.enrolment(held, waiting, state="waiting")
    factories.attendance(held, came, "present")
    factories.attendance(held, partly, "partial", minutes=60)
    factories.attendance(held, absent, "absent")
    factories.attendance(held, walk_in, "present")
    no_roll_call = factories.session(programme, starts_at=datetime(2026, 3, 9, 9))
    factories.enrolment(no_roll_call, absent)
    cancelled = factories.session(programme, starts_at=datetime(2026, 3, 16, 9),
                                  cancelled_at=datetime(2026, 3, 1))
    factories.enrolment(cancelled, absent)
    factories.attendance(cancelled, absent, "absent")
    march = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}
    # Expected: the three enrolled and the walk-in; came: present, partly present, walk-in.
    assert indicator("agents.attendance_rate", **march) == 75
    assert indicator("agents.attendance_rate", district_id=north.id, **march) == 75
    assert indicator("agents.attendance_rate", start=date(2026, 4, 1),
                     end=date(2026, 4, 30)) is None


def test_positive_outcomes_are_open_doubt_and_changed_out_of_every_conversation():
    north, south = core.district(fr="Nord"), core.district(fr="Sud")
    person = factories.agent(status="active")
    for outcome, district in (("open", north), ("doubt", north), ("changed", south),
                              ("unchanged", north), ("hostile", south)):
        factories.conversation(person, held_on=date(2026, 6, 10), outcome=outcome,
                               district=district)
    factories.conversation(person, held_on=date(2026, 7, 1), outcome="hostile")
    assert indicator("agents.positive_outcomes", **JUNE) == 60
    assert indicator("agents.positive_outcomes", district_id=south.id, **JUNE) == 50
    assert indicator("agents.positive_outcomes", start=date(2026, 1, 1),
                     end=date(2026, 1, 31)) is None


def test_training_figures_over_many_periods_match_them_period_by_period(query_counter):
    north = core.district(fr="Nord")
    programme = factories.programme()
    people = [factories.agent(status="certified", district=north) for _ in range(3)]
    for month, person in zip((1, 2, 2), people, strict=True):
        factories.certificate(person, programme, issued_on=date(2026, month, 10))
        session = factories.session(programme, starts_at=datetime(2026, month, 20, 9),
                                    district=north if month == 1 else None)
        factories.attendance(session, person)
    factories.conversation(people[2], held_on=date(2026, 7, 20))
    months = [(date(2026, m, 1), date(2026, m + 1, 1) - date.resolution) for m in range(1, 9)]
    for key in ("agents.people_trained", "agents.people_certified", "agents.hours_delivered",
                "agents.active_share"):
        for district_id in (None, north.id):
            expected = [indicator(key, start=start, end=end, district_id=district_id)
                        for start, end in months]
            with query_counter() as counted:
                found = indicator(key, periods=months, district_id=district_id)
            assert found == expected, key
            assert counted.count <= 3, key
    # July 31: the February trainees are within six months; August 31: only the one who
    # talked in July.
    assert indicator("agents.active_share", periods=months)[-2:] == [200 / 3, 100 / 3]
    assert indicator("agents.people_certified", periods=[]) == []
