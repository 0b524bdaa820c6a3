"""A support group meeting's invitation: e-mailed to the members who have an address, with
the meeting as an iCalendar file on the city's clock (core.calendar).

The group is small (a few dozen members), so the messages go out at once over one SMTP
connection. Sending again is allowed (a changed agenda or time): the calendar file
keeps its UID and raises its SEQUENCE, so calendar clients update the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import force_locale, format_date, format_time
from flask_babel import gettext as _
from icalendar import Event
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...core import audit
from ...core import calendar as city_calendar
from ...core.clock import utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.mail import Attachment, MailBatch, mail_enabled
from ...core.rules import RuleViolation
from ...core.text import fold
from ...core.translatable import localise
from ...extensions import db
from ..models import Contact, Meeting, SupportGroupMember
from .support_group import member_on

PRODUCT_ID = "-//icc_network//support group//EN"


@dataclass(frozen=True)
class Recipients:
    addressed: list[tuple[SupportGroupMember, str]]  # (member, address)
    without_email: list[SupportGroupMember]


def recipients(meeting: Meeting) -> Recipients:
    """The group's members on the meeting's day and where to write to them (two queries).

    A member's own address comes first; an organisation without one is written to at its
    first contact who agreed to be listed and has an address."""
    members = [m for m in db.session.scalars(
        select(SupportGroupMember).options(joinedload(SupportGroupMember.organisation)))
        if member_on(m, meeting.held_on)]
    members.sort(key=lambda m: fold(m.display_name))
    needing = [m.organisation_id for m in members if not m.email and m.organisation_id]
    contact_email: dict[int, str] = {}
    if needing:
        for organisation_id, email in db.session.execute(
                select(Contact.organisation_id, Contact.email)
                .where(Contact.organisation_id.in_(needing), Contact.email != "",
                       Contact.consent_on.is_not(None))
                .order_by(Contact.name, Contact.id)):
            contact_email.setdefault(organisation_id, email)
    addressed, without = [], []
    for member in members:
        address = member.email or contact_email.get(member.organisation_id or 0, "")
        if address:
            addressed.append((member, address))
        else:
            without.append(member)
    return Recipients(addressed, without)


def event_uid(meeting_id: int, host: str) -> str:
    return f"support-group-meeting-{meeting_id}@{host}"


def meeting_event(meeting: Meeting, *, host: str, locale: str) -> Event:
    """The meeting as a VEVENT: local times with the city's zone, or the whole day."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    event = Event()
    event.add("uid", event_uid(meeting.id, host))
    event.add("dtstamp", utcnow().replace(tzinfo=UTC))
    if meeting.starts_at is None:
        event.add("dtstart", meeting.held_on)
        event.add("dtend", meeting.held_on + timedelta(days=1))
    else:
        zone = city_calendar.city_zone()
        starts = datetime.combine(meeting.held_on, meeting.starts_at, tzinfo=zone)
        ends = (datetime.combine(meeting.held_on, meeting.ends_at, tzinfo=zone)
                if meeting.ends_at else starts + timedelta(hours=2))
        event.add("dtstart", starts)
        event.add("dtend", ends)
    event.add("sequence", meeting.invitations_sent)
    with force_locale(locale):
        event.add("summary", _("Meeting of the intercultural support group"))
        if meeting.place:
            event.add("location", meeting.place)
        agenda = localise(meeting.agenda, locale, default).text
        if agenda:
            event.add("description", agenda)
    return event


def calendar_file(meeting: Meeting, locale: str) -> bytes:
    event = meeting_event(meeting, host=city_calendar.calendar_host(), locale=locale)
    return city_calendar.calendar_bytes([event], product_id=PRODUCT_ID)


def hours(meeting: Meeting) -> str:
    """"18:00–20:00" (or "18:00") in the current language; "" without a start."""
    if meeting.starts_at is None:
        return ""
    start = format_time(meeting.starts_at, "short", rebase=False)
    return start if meeting.ends_at is None else (
        f"{start}–{format_time(meeting.ends_at, 'short', rebase=False)}")


def _body(meeting: Meeting, locale: str) -> tuple[str, str]:
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        day = format_date(meeting.held_on, "full")
        when = day if meeting.starts_at is None else f"{day}, {hours(meeting)}"
        subject = _("Support group meeting on %(date)s", date=format_date(meeting.held_on))
        lines = [_("You are invited to the meeting of the intercultural support group."), "",
                 _("When: %(when)s", when=when)]
        if meeting.place:
            lines.append(_("Where: %(place)s", place=meeting.place))
        agenda = localise(meeting.agenda, locale, default).text
        if agenda:
            lines += ["", _("Agenda:"), agenda]
        lines += ["", _("The attached calendar file adds the meeting to your calendar.")]
    return subject, "\n".join(lines)


@dataclass(frozen=True)
class Sent:
    sent: int
    failed: list[str]  # names of the members whose address the server refused
    without_email: int


def send_invitation(meeting: Meeting, *, actor: Any) -> Sent:
    """E-mail the invitation to every member who has an address, and record that it was sent."""
    if not mail_enabled():
        raise RuleViolation(_l("E-mail is not set up on this server: the invitation cannot be "
                               "sent."))
    found = recipients(meeting)
    if not found.addressed:
        raise RuleViolation(_l("No member of the group has an e-mail address."))
    locale = current_app.config["BABEL_DEFAULT_LOCALE"]
    meeting.invitations_sent += 1  # the calendar file's SEQUENCE: clients update the event
    subject, body = _body(meeting, locale)
    ics = Attachment("invitation.ics", calendar_file(meeting, locale), "text/calendar",
                     (("method", "PUBLISH"), ("charset", "utf-8")))
    sent, failed = 0, []
    with MailBatch() as batch:
        for member, address in found.addressed:
            try:
                batch.send(address, subject, body, [ics])
                sent += 1
            except Exception:  # noqa: BLE001 - one refused address does not stop the others
                current_app.logger.warning("invitation to member %s refused", member.id)
                failed.append(member.display_name)
    if not sent:
        raise RuleViolation(_l("The mail server refused every message: nothing was sent."))
    meeting.invitation_sent_at = utcnow()
    db.session.flush()
    audit.record(actor, "meeting.invitation", meeting, sent=sent, failed=len(failed),
                 without_email=len(found.without_email))
    return Sent(sent, failed, len(found.without_email))
