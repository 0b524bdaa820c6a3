"""The support group's meetings: who came, and the invitation e-mailed with a calendar file."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale, gettext
from icalendar import Calendar
from sqlalchemy import select

from icc_network.core.models import AuditLog
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db
from icc_network.network.models import Meeting, MeetingAttendance
from icc_network.network.services import meeting_invitations, support_group

from .. import factories as core_factories
from ..support import login
from . import factories

PARIS = ZoneInfo("Europe/Paris")


def _in_french(message: str) -> str:
    with force_locale("fr"):
        return gettext(message)


def _statuses(meeting) -> dict[str, str]:
    return {row.member.display_name: row.status for row in support_group.attendance_of(meeting)}


def _group():
    library = factories.organisation("Médiathèque Nord")
    school = factories.organisation("École Jaurès")
    factories.contact(library, "Léa Martin", email="lea@mediatheque.example")
    factories.contact(school, "Sans accord", email="prive@ecole.example", consent=False)
    chair = factories.member(person="Fatou Diallo", group_role="chair", email="fatou@ville.example")
    by_contact = factories.member(library)
    without = factories.member(school)
    factories.member(person="Ancien membre", email="ancien@ville.example",
                     left_on=date(2026, 1, 1))
    return chair, by_contact, without


# --- attendance -------------------------------------------------------------------


def test_attendance_is_recorded_changed_and_forgotten():
    chair, library, school = _group()
    meeting = factories.meeting(date(2026, 3, 12))
    assert _statuses(meeting) == {"Fatou Diallo": "", "Médiathèque Nord": "",
                                  "École Jaurès": ""}  # who had left is not expected
    support_group.record_attendance(meeting, {chair.id: "present", library.id: "excused",
                                              school.id: "absent"}, actor=None)
    support_group.record_attendance(meeting, {library.id: "present", school.id: ""}, actor=None)
    assert _statuses(meeting) == {"Fatou Diallo": "present", "Médiathèque Nord": "present",
                                  "École Jaurès": ""}
    audits = db.session.scalars(select(AuditLog).where(AuditLog.action == "meeting.attendance")
                                .order_by(AuditLog.id)).all()
    assert [a.details for a in audits] == [{"present": 1, "excused": 1, "absent": 1},
                                           {"present": 1, "excused": 0, "absent": 0}]


def test_a_member_recorded_then_gone_stays_on_the_meeting():
    former = factories.member(person="Partie ensuite")
    meeting = factories.meeting(date(2026, 3, 12))
    support_group.record_attendance(meeting, {former.id: "present"}, actor=None)
    former.left_on = date(2026, 3, 1)  # recorded as leaving before the meeting, by mistake
    db.session.flush()
    assert _statuses(meeting) == {"Partie ensuite": "present"}


@pytest.mark.parametrize("statuses, message", [
    ({0: "present"}, "A member of this list is no longer in the group: reload the page."),
    (None, "Choose present, excused or absent for each member."),
])
def test_bad_attendance_is_refused_in_the_citys_language(statuses, message):
    member = factories.member(person="Fatou Diallo")
    meeting = factories.meeting()
    with pytest.raises(RuleViolation) as error:
        support_group.record_attendance(meeting, statuses or {member.id: "asleep"}, actor=None)
    assert str(error.value.message) == _in_french(message)
    assert db.session.scalar(select(MeetingAttendance.id)) is None


def test_attendance_is_saved_from_the_meeting_page(client):
    chair, library, school = _group()
    meeting = factories.meeting(date(2026, 3, 12))
    login(client, core_factories.user("coordinator", locale="en"))
    page = client.get(f"/network/support-group/meetings/{meeting.id}").get_data(as_text=True)
    assert f'name="status-{chair.id}" value="present"' in page
    response = client.post_form(f"/network/support-group/meetings/{meeting.id}/attendance", {
        "member": [chair.id, library.id, school.id], f"status-{chair.id}": "present",
        f"status-{library.id}": "excused", f"status-{school.id}": "absent"})
    assert response.status_code == 302
    saved = dict(db.session.execute(
        select(MeetingAttendance.member_id, MeetingAttendance.status)).all())
    assert saved == {chair.id: "present", library.id: "excused", school.id: "absent"}
    page = client.get(f"/network/support-group/meetings/{meeting.id}").get_data(as_text=True)
    assert "The attendance has been saved." in page
    assert f'name="status-{library.id}" value="excused" aria-label="Médiathèque Nord: Excused" checked' in page


def test_staff_read_the_attendance_without_the_form(client):
    chair = factories.member(person="Fatou Diallo")
    meeting = factories.meeting()
    support_group.record_attendance(meeting, {chair.id: "excused"}, actor=None)
    login(client, core_factories.user("staff", locale="en"))
    page = client.get(f"/network/support-group/meetings/{meeting.id}").get_data(as_text=True)
    assert "<td>Excused</td>" in page and 'type="radio"' not in page
    assert "Send the invitation" not in page
    forbidden = client.post_form(f"/network/support-group/meetings/{meeting.id}/attendance",
                                 {"member": [chair.id], f"status-{chair.id}": "present"})
    assert forbidden.status_code == 403


def test_the_meeting_page_uses_a_constant_number_of_queries(client, query_counter):
    meeting = factories.meeting()
    factories.decision(meeting, factories.member(person="Seule"))
    login(client, core_factories.user("coordinator"))
    with query_counter() as few:
        assert client.get(f"/network/support-group/meetings/{meeting.id}").status_code == 200
    for n in range(20):
        member = factories.member(factories.organisation(f"Membre {n}"))
        support_group.record_attendance(meeting, {member.id: "present"}, actor=None)
        factories.decision(meeting, member)
    with query_counter() as many:
        assert client.get(f"/network/support-group/meetings/{meeting.id}").status_code == 200
    assert many.count == few.count


# --- invitation --------------------------------------------------------------------


def test_recipients_are_the_members_with_an_address_or_a_listed_contact():
    chair, library, school = _group()
    found = meeting_invitations.recipients(factories.meeting(date(2026, 3, 12)))
    assert [(m.id, address) for m, address in found.addressed] == [
        (chair.id, "fatou@ville.example"), (library.id, "lea@mediatheque.example")]
    assert [m.id for m in found.without_email] == [school.id]  # its contact did not agree


def test_the_invitation_is_mailed_with_a_calendar_file_on_the_citys_clock(app, client, inbox):
    chair, library, _school = _group()
    meeting = factories.meeting(date(2026, 3, 12), starts_at=time(18, 30), ends_at=time(20, 0),
                                place="Salle du conseil, Hôtel de ville")
    meeting.agenda = {"fr": "1. Bilan de la campagne\n2. Rumeurs en hausse", "en": "1. Review"}
    coordinator = core_factories.user("coordinator", locale="en")
    login(client, coordinator)
    confirm = client.get(f"/network/support-group/meetings/{meeting.id}/invitation")
    text = confirm.get_data(as_text=True)
    assert "2 members will receive it." in text
    assert "1 member has no e-mail address and will not receive it:" in text
    assert "<li>École Jaurès</li>" in text

    response = client.post_form(f"/network/support-group/meetings/{meeting.id}/invitation")
    assert response.status_code == 302

    assert sorted(m["To"] for m in inbox.messages) == ["fatou@ville.example",
                                                       "lea@mediatheque.example"]
    assert inbox.sessions == 1  # one SMTP connection for the batch
    message = inbox.to("fatou@ville.example")[0]
    # In the city's language (French here), whoever sends it.
    assert message["Subject"] == _in_french("Support group meeting on %(date)s") % {
        "date": "12 mars 2026"}
    body = message.get_body(("plain",)).get_content()
    assert "jeudi 12 mars 2026, 18:30–20:00" in body and "Bilan de la campagne" in body
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "invitation.ics"
    calendar = Calendar.from_ical(attachment.get_content())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2026, 3, 12, 18, 30, tzinfo=PARIS)
    assert event.decoded("dtstart").utcoffset().total_seconds() == 3600  # winter time
    assert event.decoded("dtend") == datetime(2026, 3, 12, 20, 0, tzinfo=PARIS)
    assert event["dtstart"].params["TZID"] == "Europe/Paris"
    assert calendar.walk("VTIMEZONE")
    assert str(event["location"]) == "Salle du conseil, Hôtel de ville"
    assert "Rumeurs en hausse" in str(event["description"])
    assert int(event["sequence"]) == 1

    db.session.expire_all()
    sent = db.session.get(Meeting, meeting.id)
    assert sent.invitation_sent_at is not None and sent.invitations_sent == 1
    audit = db.session.scalars(select(AuditLog).where(AuditLog.action == "meeting.invitation")).one()
    assert audit.user_id == coordinator.id
    assert audit.details == {"sent": 2, "failed": 0, "without_email": 1}
    page = client.get(f"/network/support-group/meetings/{meeting.id}").get_data(as_text=True)
    assert "The invitation has been sent to 2 members." in page
    assert "Last sent on" in page and "Send the invitation again" in page


def test_sending_again_says_when_and_updates_the_event(client, inbox):
    chair = factories.member(person="Fatou Diallo", email="fatou@ville.example")
    meeting = factories.meeting(date(2026, 7, 2))
    login(client, core_factories.user("coordinator", locale="en"))
    client.post_form(f"/network/support-group/meetings/{meeting.id}/invitation")
    again = client.get(f"/network/support-group/meetings/{meeting.id}/invitation")
    assert "The invitation was last sent on" in again.get_data(as_text=True)
    client.post_form(f"/network/support-group/meetings/{meeting.id}/invitation")
    first, second = inbox.to(chair.email)
    events = [Calendar.from_ical(m.get_payload()[1].get_content()).walk("VEVENT")[0]
              for m in (first, second)]
    assert events[0]["uid"] == events[1]["uid"]
    assert [int(e["sequence"]) for e in events] == [1, 2]
    assert events[0].decoded("dtstart") == date(2026, 7, 2)  # no time: the whole day


def test_a_refused_address_does_not_stop_the_others(client, inbox):
    factories.member(person="Fatou Diallo", email="fatou@ville.example")
    factories.member(person="Boîte pleine", email="pleine@ville.example")
    inbox.refused = {"pleine@ville.example"}
    meeting = factories.meeting()
    login(client, core_factories.user("coordinator", locale="en"))
    client.post_form(f"/network/support-group/meetings/{meeting.id}/invitation")
    page = client.get(f"/network/support-group/meetings/{meeting.id}").get_data(as_text=True)
    assert "The invitation has been sent to 1 member." in page
    assert "The mail server refused the address of: Boîte pleine." in page
    assert [m["To"] for m in inbox.messages] == ["fatou@ville.example"]


def test_without_mail_or_addresses_nothing_is_sent_and_the_reason_is_given(app, client):
    meeting = factories.meeting()
    with pytest.raises(RuleViolation) as error:
        meeting_invitations.send_invitation(meeting, actor=None)
    assert str(error.value.message) == _in_french(
        "E-mail is not set up on this server: the invitation cannot be sent.")
    login(client, core_factories.user("coordinator", locale="en"))
    response = client.post_form(f"/network/support-group/meetings/{meeting.id}/invitation")
    assert response.status_code == 200
    assert "E-mail is not set up on this server" in response.get_data(as_text=True)
    assert db.session.get(Meeting, meeting.id).invitation_sent_at is None


def test_no_member_with_an_address_is_refused(inbox):
    factories.member(person="Sans adresse")
    with pytest.raises(RuleViolation) as error:
        meeting_invitations.send_invitation(factories.meeting(), actor=None)
    assert str(error.value.message) == _in_french("No member of the group has an e-mail address.")


# --- the meeting's time and the member's address, as typed in the forms ----------------


def test_a_meeting_ending_before_it_starts_is_refused_and_keeps_what_was_typed(client):
    login(client, core_factories.user("coordinator", locale="en"))
    response = client.post_form("/network/support-group/meetings/new", {
        "held_on": "2026-04-09", "starts_at": "19:00", "ends_at": "18:00",
        "place": "Salle Jean-Jaurès", "agenda-fr": "Ordre du jour gardé"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The meeting must end after it starts." in page
    assert 'value="19:00"' in page and "Salle Jean-Jaurès" in page and "Ordre du jour gardé" in page
    assert db.session.scalar(select(Meeting.id)) is None


def test_a_meetings_times_and_a_members_address_are_saved(client):
    login(client, core_factories.user("coordinator", locale="en"))
    response = client.post_form("/network/support-group/meetings/new", {
        "held_on": "2026-04-09", "starts_at": "18:30", "ends_at": "20:00",
        "agenda-fr": "Ordre du jour"})
    assert response.status_code == 302
    meeting = db.session.scalars(select(Meeting)).one()
    assert (meeting.starts_at, meeting.ends_at) == (time(18, 30), time(20, 0))
    page = client.get(f"/network/support-group/meetings/{meeting.id}").get_data(as_text=True)
    assert "18:30–20:00" in page
    bad = client.post_form("/network/support-group/members/new", {
        "kind": "person", "person_name": "Fatou Diallo", "group_role": "member",
        "email": "pas-une-adresse", "organisation_id": ""})
    assert bad.status_code == 200 and "pas-une-adresse" in bad.get_data(as_text=True)
    client.post_form("/network/support-group/members/new", {
        "kind": "person", "person_name": "Fatou Diallo", "group_role": "member",
        "email": " fatou@ville.example ", "organisation_id": ""})
    (address,) = [address for _m, address in meeting_invitations.recipients(meeting).addressed]
    assert address == "fatou@ville.example"
