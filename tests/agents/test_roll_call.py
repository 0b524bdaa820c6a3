"""The roll call: a whole session at once, sent twice without counting twice, in constant
queries, then certification."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from icc_network.agents.models import Agent, Attendance, Certificate
from icc_network.agents.services import roll_call
from icc_network.agents.services.roll_call import Mark
from icc_network.core.clock import utcnow
from icc_network.core.models import FormSubmission
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db

from .. import factories as core_factories
from ..support import login
from . import factories

STARTS = datetime(2026, 3, 2, 8, 0)  # a Monday; 09:00 in Paris


def _session_with(count: int, *, hours: float = 4, threshold_hours: float = 8):
    programme = factories.programme(threshold_hours=threshold_hours)
    session = factories.session(programme, starts_at=STARTS, hours=hours, capacity=count)
    people = [factories.agent(status="in_training") for _ in range(count)]
    for person in people:
        factories.enrolment(session, person)
    return session, people


def _attendance(session) -> dict[int, tuple[str, int]]:
    return {row.agent_id: (row.status, row.minutes) for row in db.session.scalars(
        select(Attendance).where(Attendance.session_id == session.id))}


def test_the_whole_session_is_recorded_at_once():
    session, (a, b, c) = _session_with(3)
    result = roll_call.record_roll_call(session, [
        Mark(a.id, "present"), Mark(b.id, "partial", 90), Mark(c.id, "absent")], actor=None)
    assert result["marked"] == 3 and result["recorded"] == 3
    assert _attendance(session) == {a.id: ("present", 240), b.id: ("partial", 90),
                                    c.id: ("absent", 0)}


def test_the_same_marks_sent_again_record_nothing_twice():
    session, (a, b) = _session_with(2)
    marks = [Mark(a.id, "present"), Mark(b.id, "partial", 60)]
    roll_call.record_roll_call(session, marks, actor=None)
    again = roll_call.record_roll_call(session, marks, actor=None)
    assert again["recorded"] == 0
    assert db.session.scalar(select(func.count()).select_from(Attendance)) == 2


def test_a_corrected_mark_updates_the_row_it_replaces():
    session, (a,) = _session_with(1)
    roll_call.record_roll_call(session, [Mark(a.id, "absent")], actor=None)
    roll_call.record_roll_call(session, [Mark(a.id, "partial", 30)], actor=None)
    assert _attendance(session) == {a.id: ("partial", 30)}


@pytest.mark.parametrize("minutes", [None, 0, 240, 500, -5])
def test_partial_presence_takes_minutes_within_the_session(minutes):
    session, (a,) = _session_with(1)
    with pytest.raises(RuleViolation) as refused:
        roll_call.record_roll_call(session, [Mark(a.id, "partial", minutes)], actor=None)
    assert refused.value.field == f"minutes-{a.id}"
    with force_locale("en"):
        assert "fewer than 4 hours" in str(refused.value.message)


def test_people_without_a_place_unknown_statuses_and_repeats_are_refused():
    session, (a,) = _session_with(1)
    outsider = factories.agent()
    for marks in ([Mark(outsider.id, "present")], [Mark(a.id, "late")],
                  [Mark(a.id, "present"), Mark(a.id, "absent")], []):
        with pytest.raises(RuleViolation):
            roll_call.record_roll_call(session, marks, actor=None)
    assert _attendance(session) == {}


def test_a_session_to_come_or_cancelled_has_no_roll_call():
    programme = factories.programme()
    later = factories.session(programme, starts_at=utcnow() + timedelta(days=3))
    person = factories.agent()
    factories.enrolment(later, person)
    with pytest.raises(RuleViolation):
        roll_call.record_roll_call(later, [Mark(person.id, "present")], actor=None)


def test_the_roll_call_certifies_through_the_rule_and_dates_the_last_activity():
    session, (a, b) = _session_with(2, hours=8, threshold_hours=8)
    result = roll_call.record_roll_call(session, [Mark(a.id, "present"),
                                                  Mark(b.id, "partial", 420)], actor=None)
    assert result["issued"] == 1
    certificate = db.session.scalar(select(Certificate))
    assert certificate.agent_id == a.id and certificate.issued_on == date(2026, 3, 2)
    assert db.session.get(Agent, a.id).status == "certified"
    assert db.session.get(Agent, b.id).status == "in_training"
    assert db.session.get(Agent, b.id).last_activity_on == date(2026, 3, 2)


def _count_roll_call(app, query_counter, count: int) -> int:
    session, people = _session_with(count, hours=8, threshold_hours=8)
    marks = [Mark(p.id, ("present", "partial", "absent")[i % 3], 60 if i % 3 == 1 else None)
             for i, p in enumerate(people)]
    db.session.commit()
    with query_counter() as log:
        roll_call.record_roll_call(session, marks, actor=None)
        db.session.flush()
    db.session.rollback()
    return len(log.statements)


def test_a_roll_call_takes_as_many_queries_for_thirty_people_as_for_three(app, query_counter):
    assert _count_roll_call(app, query_counter, 3) == _count_roll_call(app, query_counter, 30)


# --- the page -------------------------------------------------------------------

def _form(client, session, marks: dict) -> dict:
    page = client.get(f"/agents/sessions/{session.id}/roll-call").get_data(as_text=True)
    key = page.split('name="submission_key"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    return {"submission_key": key, **marks}


def test_the_page_records_the_roll_call_once_when_the_same_form_is_sent_twice(client):
    session, (a, b) = _session_with(2)
    login(client, core_factories.user("trainer"))
    data = _form(client, session, {f"status-{a.id}": "present", f"status-{b.id}": "partial",
                                   f"hours-{b.id}": "1,5"})
    first = client.post_form(f"/agents/sessions/{session.id}/roll-call", data)
    second = client.post_form(f"/agents/sessions/{session.id}/roll-call", data)
    assert first.status_code == second.status_code == 302
    assert _attendance(session) == {a.id: ("present", 240), b.id: ("partial", 90)}
    assert db.session.scalar(select(func.count()).select_from(FormSubmission)) == 1


def test_the_page_answers_json_to_the_script(client):
    session, (a, b) = _session_with(2)
    login(client, core_factories.user("trainer"))
    data = _form(client, session, {f"status-{a.id}": "present"})
    response = client.post_form(f"/agents/sessions/{session.id}/roll-call", data,
                                headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.json["ok"] is True
    assert response.json["location"] == f"/agents/sessions/{session.id}"
    refused = client.post_form(f"/agents/sessions/{session.id}/roll-call", {
        f"status-{b.id}": "partial", f"hours-{b.id}": "9"}, headers={"Accept": "application/json"})
    assert refused.status_code == 422 and refused.json["ok"] is False
    assert str(b.id) in refused.json["errors"]


def test_bad_partial_hours_are_explained_next_to_the_person_and_kept(client):
    session, (a, b) = _session_with(2)
    login(client, core_factories.user("trainer"))
    for typed, message in (("deux", "Enter the hours attended"),
                           ("6", "fewer than 4 hours")):
        response = client.post_form(f"/agents/sessions/{session.id}/roll-call", {
            f"status-{a.id}": "present", f"status-{b.id}": "partial", f"hours-{b.id}": typed})
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and message in page
        assert f'value="{typed}"' in page and f'id="hours-{b.id}-errors"' in page
    assert _attendance(session) == {}


def test_the_page_is_built_for_a_tablet_and_loads_its_script_from_a_file(client):
    session, _people = _session_with(3)
    login(client, core_factories.user("trainer"))
    page = client.get(f"/agents/sessions/{session.id}/roll-call").get_data(as_text=True)
    assert "js/roll-call." in page and "<script>" not in page  # a versioned file
    assert page.count('type="radio"') == 9 and 'data-storage-key="roll-call:' in page
