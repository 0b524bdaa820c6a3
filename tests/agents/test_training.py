"""Programmes, modules and sessions: the rules, the waiting list, and the pages."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from icc_network.agents.forms import parse_hours
from icc_network.agents.models import (
    AgentMessage,
    Certificate,
    Enrolment,
    Module,
    Programme,
    TrainingSession,
)
from icc_network.agents.services import enrolment, roll_call, training
from icc_network.agents.services.training import ModuleData, ProgrammeData, SessionData
from icc_network.core.clock import utcnow
from icc_network.core.models import AuditLog
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db

from .. import factories as core_factories
from ..support import login
from . import factories


def _future(days: int = 10) -> datetime:
    return (utcnow() + timedelta(days=days)).replace(hour=8, minute=0, second=0, microsecond=0)


def _states(session) -> list[tuple[int, str]]:
    return [(e.agent_id, e.state) for e in enrolment.enrolments_of(session.id)]


# --- waiting list ---------------------------------------------------------------

def test_a_full_session_puts_people_on_the_waiting_list_in_order():
    session = factories.session(factories.programme(), starts_at=_future(), capacity=2)
    a, b, c, d = (factories.agent() for _ in range(4))
    states = [enrolment.enrol(session, person, actor=None).state for person in (a, b, c, d)]
    assert states == ["enrolled", "enrolled", "waiting", "waiting"]
    assert _states(session) == [(a.id, "enrolled"), (b.id, "enrolled"), (c.id, "waiting"),
                                (d.id, "waiting")]


def test_withdrawing_a_place_promotes_the_first_waiting_person_who_is_invited():
    session = factories.session(factories.programme(), starts_at=_future(), capacity=1)
    first, second, third = (factories.agent() for _ in range(3))
    place = enrolment.enrol(session, first, actor=None)
    enrolment.enrol(session, second, actor=None)
    enrolment.enrol(session, third, actor=None)
    promoted = enrolment.withdraw(place, actor=None)
    assert [e.agent_id for e in promoted] == [second.id]
    assert _states(session) == [(second.id, "enrolled"), (third.id, "waiting"),
                                (first.id, "cancelled")]
    invited = db.session.scalars(select(AgentMessage.agent_id).where(
        AgentMessage.kind == "invitation", AgentMessage.dropped_at.is_(None))).all()
    assert sorted(invited) == [second.id]


def test_withdrawing_from_the_waiting_list_promotes_nobody():
    session = factories.session(factories.programme(), starts_at=_future(), capacity=1)
    first, second = factories.agent(), factories.agent()
    enrolment.enrol(session, first, actor=None)
    turn = enrolment.enrol(session, second, actor=None)
    assert enrolment.withdraw(turn, actor=None) == []
    assert _states(session)[0] == (first.id, "enrolled")


def test_raising_the_capacity_promotes_the_queue_in_its_order():
    programme = factories.programme()
    session = training.load_session(factories.session(programme, starts_at=_future(),
                                                      capacity=1).id)
    people = [factories.agent() for _ in range(4)]
    for person in people:
        enrolment.enrol(session, person, actor=None)
    data = _data(session, capacity=3)
    training.save_session(session, training.load_programme(programme.id), data, actor=None)
    assert _states(session) == [(people[0].id, "enrolled"), (people[1].id, "enrolled"),
                                (people[2].id, "enrolled"), (people[3].id, "waiting")]


def test_the_capacity_cannot_go_below_the_places_taken():
    programme = factories.programme()
    session = training.load_session(factories.session(programme, starts_at=_future(),
                                                      capacity=3).id)
    for _ in range(2):
        enrolment.enrol(session, factories.agent(), actor=None)
    with pytest.raises(RuleViolation) as refused:
        training.save_session(session, training.load_programme(programme.id),
                              _data(session, capacity=1), actor=None)
    assert refused.value.field == "capacity"


def test_enrolling_a_candidate_moves_them_into_training_and_twice_is_refused():
    session = factories.session(factories.programme(), starts_at=_future())
    person = factories.agent(status="candidate")
    enrolment.enrol(session, person, actor=None)
    assert person.status == "in_training"
    with pytest.raises(RuleViolation):
        enrolment.enrol(session, person, actor=None)


def test_nobody_is_enrolled_in_a_cancelled_session_or_from_an_erased_record():
    session = factories.session(factories.programme(), starts_at=_future())
    erased = factories.agent(erased_at=utcnow())
    with pytest.raises(RuleViolation):
        enrolment.enrol(session, erased, actor=None)
    training.cancel_session(session, actor=None)
    with pytest.raises(RuleViolation):
        enrolment.enrol(session, factories.agent(), actor=None)


def test_a_withdrawn_person_can_enrol_again_and_queues_at_the_end():
    session = factories.session(factories.programme(), starts_at=_future(), capacity=1)
    first, second = factories.agent(), factories.agent()
    place = enrolment.enrol(session, first, actor=None)
    enrolment.enrol(session, second, actor=None)
    enrolment.withdraw(place, actor=None)
    assert enrolment.enrol(session, first, actor=None).state == "waiting"


# --- programmes and modules -------------------------------------------------------

def _programme_data(**changes) -> ProgrammeData:
    values = {"name": {"fr": "Formation", "en": "Course"}, "description": {},
              "audience": "volunteers", "threshold_minutes": 480, "refresher_minutes": None,
              "valid_months": 24, "active": True, **changes}
    return ProgrammeData(**values)


def test_a_threshold_above_the_required_modules_is_refused_with_the_reachable_hours():
    programme = training.load_programme(factories.programme(modules=((4, True), (2, False))).id)
    with pytest.raises(RuleViolation) as refused:
        training.save_programme(programme, _programme_data(threshold_minutes=300), actor=None)
    assert refused.value.field == "threshold_hours"
    with force_locale("en"):
        assert "4 h" in str(refused.value.message)
    training.save_programme(programme, _programme_data(threshold_minutes=240), actor=None)
    assert programme.threshold_minutes == 240


def test_a_new_programme_is_built_before_its_modules():
    programme = training.save_programme(None, _programme_data(threshold_minutes=450), actor=None)
    programme = training.load_programme(programme.id)
    module = training.save_module(None, programme, ModuleData({"fr": "Un"}, 240, True, 0),
                                  actor=None)
    assert module.programme_id == programme.id


def test_a_module_change_that_would_make_the_threshold_unreachable_is_refused():
    programme = training.load_programme(factories.programme(modules=((4, True), (4, True))).id)
    module = programme.modules[0]
    with pytest.raises(RuleViolation) as refused:
        training.save_module(module, programme, ModuleData({"fr": "Un"}, 240, False, 0),
                             actor=None)
    with force_locale("en"):
        assert "Lower the threshold first" in str(refused.value.message)
    with pytest.raises(RuleViolation):
        training.delete_module(module, programme, actor=None)


def test_a_module_that_sessions_cover_is_kept():
    programme = factories.programme(threshold_hours=4, modules=((4, True), (4, True)))
    factories.session(programme)
    programme = training.load_programme(programme.id)
    with pytest.raises(RuleViolation):
        training.delete_module(programme.modules[0], programme, actor=None)
    training.delete_module(programme.modules[1], programme, actor=None)
    assert db.session.scalar(select(func.count()).select_from(Module)) == 1


@pytest.mark.parametrize(("typed", "minutes"), [
    ("8", 480), ("7.5", 450), ("7,5", 450), ("7h30", 450), ("7 h 30", 450), ("7 h", 420),
    ("0,25", 15), ("", None), ("abc", None), ("7h75", None), ("NaN", None), ("1e309", None),
    ("-1", None), ("٣", None)])
def test_hours_are_read_as_people_type_them(typed, minutes):
    assert parse_hours(typed) == minutes


# --- sessions -------------------------------------------------------------------

def _data(session, **changes) -> SessionData:
    values = {"module_ids": session.module_ids, "starts_at": session.starts_at,
              "ends_at": session.ends_at, "place": session.place,
              "district_id": session.district_id, "language": session.language,
              "trainer_id": session.trainer_id, "capacity": session.capacity, **changes}
    return SessionData(**values)


def test_moving_a_session_raises_its_sequence_but_a_new_capacity_does_not():
    programme = factories.programme()
    session = training.load_session(factories.session(programme, starts_at=_future()).id)
    programme = training.load_programme(programme.id)
    training.save_session(session, programme, _data(session, capacity=30), actor=None)
    assert session.sequence == 0
    training.save_session(session, programme, _data(
        session, starts_at=session.starts_at + timedelta(hours=1),
        ends_at=session.ends_at + timedelta(hours=1)), actor=None)
    assert session.sequence == 1
    training.save_session(session, programme, _data(
        session, module_ids=[m.id for m in programme.modules]), actor=None)
    assert session.sequence == 2 and len(session.module_ids) == 2


def test_a_session_covers_at_least_one_module_of_its_own_programme():
    programme = factories.programme()
    other = factories.modules_of(factories.programme())[0]
    session = training.load_session(factories.session(programme, starts_at=_future()).id)
    programme = training.load_programme(programme.id)
    for module_ids in ([], [other.id]):
        with pytest.raises(RuleViolation) as refused:
            training.save_session(session, programme, _data(session, module_ids=module_ids),
                                  actor=None)
        assert refused.value.field == "module_ids"


def test_only_accounts_that_may_run_training_are_offered_as_trainers():
    trainer, coordinator = core_factories.user("trainer"), core_factories.user("coordinator")
    offered = {user_id for user_id, _name in training.trainer_choices()}
    assert trainer.id in offered and coordinator.id not in offered


# --- pages ----------------------------------------------------------------------

def test_a_trainer_creates_a_programme_with_decimal_hours_and_its_module(client):
    login(client, core_factories.user("trainer"))
    response = client.post_form("/agents/programmes/new", {
        "name-fr": "Formation de base", "name-en": "Basic course", "audience": "volunteers",
        "threshold_hours": "7,5", "valid_months": "24", "active": "y"})
    assert response.status_code == 302
    programme = db.session.scalar(select(Programme))
    assert programme.threshold_minutes == 450 and programme.refresher_minutes is None
    response = client.post_form(f"/agents/programmes/{programme.id}/modules/new", {
        "name-fr": "Rumeurs", "hours": "7.5", "required": "y", "position": "0"})
    assert response.status_code == 302
    page = client.get(f"/agents/programmes/{programme.id}").get_data(as_text=True)
    assert "Rumeurs" in page and "not reachable" not in page


def test_unreadable_hours_are_explained_on_the_form_and_what_was_typed_is_kept(client):
    login(client, core_factories.user("trainer"))
    response = client.post_form("/agents/programmes/new", {
        "name-fr": "Formation", "audience": "volunteers", "threshold_hours": "huit",
        "valid_months": "24"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Enter hours as a number" in page
    assert 'value="huit"' in page and 'value="Formation"' in page
    assert db.session.scalar(select(func.count()).select_from(Programme)) == 0


def test_a_session_typed_on_the_city_clock_is_stored_in_utc(client):
    trainer = core_factories.user("trainer")
    programme = factories.programme()
    module = factories.modules_of(programme)[0]
    login(client, trainer)
    form = client.get(f"/agents/sessions/new?programme={programme.id}").get_data(as_text=True)
    assert 'name="module_ids"' in form
    response = client.post_form(f"/agents/sessions/new?programme={programme.id}", {
        "module_ids": str(module.id), "day": "2030-07-01", "start_time": "18:00",
        "end_time": "21:30", "place": "Bibliothèque", "district_id": "", "language": "ar",
        "trainer_id": str(trainer.id), "capacity": "12"})
    assert response.status_code == 302
    session = training.load_session(db.session.scalar(select(TrainingSession.id)))
    # Paris is two hours ahead of UTC in summer.
    assert (session.starts_at, session.ends_at) == (datetime(2030, 7, 1, 16, 0),
                                                    datetime(2030, 7, 1, 19, 30))
    assert session.module_ids == [module.id] and session.language == "ar"


def test_a_session_that_ends_before_it_starts_is_refused_on_the_form(client):
    login(client, core_factories.user("trainer"))
    programme = factories.programme()
    module = factories.modules_of(programme)[0]
    response = client.post_form("/agents/sessions/new", {
        "module_ids": str(module.id), "day": "2030-07-01", "start_time": "18:00",
        "end_time": "17:00", "language": "fr", "trainer_id": "", "capacity": "12",
        "district_id": ""})
    assert response.status_code == 200
    assert "must end after it starts" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(TrainingSession)) == 0


def test_the_session_page_enrols_through_search_and_records_who_saw_the_participants(client):
    trainer = core_factories.user("trainer")
    session = factories.session(factories.programme(), starts_at=_future(), capacity=1)
    enrolled = factories.agent("Awa", "Diallo")
    factories.enrolment(session, enrolled)
    candidate = factories.agent("Jules", "Bernard")
    login(client, trainer)
    page = client.get(f"/agents/sessions/{session.id}?q=bern").get_data(as_text=True)
    assert "Awa Diallo" in page and "Jules Bernard" in page
    entry = db.session.scalar(select(AuditLog).where(
        AuditLog.action == "training_session.participants_view"))
    assert entry.user_id == trainer.id and "Diallo" not in str(entry.details)
    response = client.post_form(f"/agents/sessions/{session.id}/enrol",
                                {"agent_id": str(candidate.id)})
    assert response.status_code == 302
    assert db.session.scalar(select(Enrolment.state).where(
        Enrolment.agent_id == candidate.id)) == "waiting"


def test_the_session_list_filters_and_keeps_its_query_count(client, query_counter):
    trainer = core_factories.user("trainer")
    programme = factories.programme()
    login(client, trainer)
    factories.session(programme, starts_at=_future(), trainer=trainer)
    with query_counter() as few:
        assert client.get("/agents/sessions").status_code == 200
    for days in range(2, 12):
        row = factories.session(programme, starts_at=_future(days), trainer=trainer,
                                district=core_factories.district())
        factories.enrolment(row, factories.agent())
    with query_counter() as many:
        page = client.get("/agents/sessions").get_data(as_text=True)
    assert many.count == few.count
    assert page.count('href="/agents/sessions/') >= 11
    past = client.get("/agents/sessions?when=past").get_data(as_text=True)
    assert "No session matches" in past


def test_the_session_and_roll_call_pages_keep_their_query_count(client, query_counter):
    trainer = core_factories.user("trainer")
    login(client, trainer)
    counts = []
    for size in (2, 12):
        session = factories.session(factories.programme(), capacity=size)
        for _ in range(size):
            factories.enrolment(session, factories.agent())
        factories.attendance(session, factories.agent())
        for path in (f"/agents/sessions/{session.id}", f"/agents/sessions/{session.id}/roll-call"):
            with query_counter() as log:
                assert client.get(path).status_code == 200
            counts.append(log.count)
    assert counts[:2] == counts[2:]


def test_the_session_list_filters_by_trainer(client):
    trainer, colleague = core_factories.user("trainer"), core_factories.user("trainer")
    programme = factories.programme()
    mine = factories.session(programme, starts_at=_future(), trainer=trainer, place="Chez moi")
    factories.session(programme, starts_at=_future(), trainer=colleague, place="Ailleurs")
    login(client, trainer)
    page = client.get(f"/agents/sessions?trainer_id={trainer.id}").get_data(as_text=True)
    assert f"/agents/sessions/{mine.id}" in page and "Ailleurs" not in page


def test_withdrawing_on_the_page_gives_the_place_to_the_first_waiting(client):
    session = factories.session(factories.programme(), starts_at=_future(), capacity=1)
    first, second = factories.agent(), factories.agent()
    place = factories.enrolment(session, first)
    factories.enrolment(session, second, state="waiting")
    login(client, core_factories.user("trainer"))
    response = client.post_form(f"/agents/enrolments/{place.id}/unenrol", follow_redirects=True)
    assert "the first person on the waiting list has the place" in response.get_data(as_text=True)
    assert _states(session) == [(second.id, "enrolled"), (first.id, "cancelled")]


def test_cancelling_on_the_page_asks_first_and_then_refuses_changes(client):
    session = factories.session(factories.programme(), starts_at=_future())
    login(client, core_factories.user("trainer"))
    assert "will be told by e-mail" in client.get(
        f"/agents/sessions/{session.id}/cancel").get_data(as_text=True)
    client.post_form(f"/agents/sessions/{session.id}/cancel")
    assert db.session.get(TrainingSession, session.id).cancelled_at is not None
    page = client.get(f"/agents/sessions/{session.id}").get_data(as_text=True)
    assert "This session was cancelled" in page and "/roll-call" not in page


def test_a_session_whose_attendance_was_recorded_cannot_be_cancelled():
    session = factories.session(factories.programme())
    factories.attendance(session, factories.agent())
    with pytest.raises(RuleViolation):
        training.cancel_session(session, actor=None)


def test_changing_the_modules_of_a_session_recounts_certificates():
    programme = factories.programme(threshold_hours=4, modules=((4, True), (4, False)))
    required, optional = factories.modules_of(programme)
    session = factories.session(programme, modules=[required], hours=4)
    person = factories.agent()
    factories.enrolment(session, person)
    roll_call.record_roll_call(session, [roll_call.Mark(person.id, "present")], actor=None)
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 1
    session = training.load_session(session.id)
    training.save_session(session, training.load_programme(programme.id),
                          _data(session, module_ids=[optional.id]), actor=None)
    assert db.session.scalar(select(Certificate.revoked_at)) is not None
