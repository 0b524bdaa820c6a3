"""What a removal takes with it, counted before the user confirms it.

The confirmation of a destructive move says what will go ("its 12 ties and
3 contacts will be removed"), so the counts are read here, in a few light
queries, and the page words them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from ...extensions import db
from ..models import Contact, Organisation, Tie
from ..models.support_group import Decision, Meeting, MeetingAttendance, SupportGroupMember


@dataclass(frozen=True)
class OrganisationRemoval:
    ties: int
    contacts: int
    in_support_group: bool


@dataclass(frozen=True)
class MeetingRemoval:
    decisions: int
    attendances: int


@dataclass(frozen=True)
class MemberRemoval:
    attendances: int
    decisions: int  # decisions that name the member as responsible: they stay, unassigned


def of_organisation(organisation: Organisation) -> OrganisationRemoval:
    ties = db.session.scalar(
        select(func.count()).select_from(Tie)
        .where(or_(Tie.from_organisation_id == organisation.id,
                   Tie.to_organisation_id == organisation.id))) or 0
    contacts = db.session.scalar(select(func.count()).select_from(Contact)
                                 .where(Contact.organisation_id == organisation.id)) or 0
    member = db.session.scalar(select(func.count()).select_from(SupportGroupMember)
                               .where(SupportGroupMember.organisation_id == organisation.id))
    return OrganisationRemoval(ties, contacts, bool(member))


def of_meeting(meeting: Meeting) -> MeetingRemoval:
    decisions = db.session.scalar(select(func.count()).select_from(Decision)
                                  .where(Decision.meeting_id == meeting.id)) or 0
    attendances = db.session.scalar(select(func.count()).select_from(MeetingAttendance)
                                    .where(MeetingAttendance.meeting_id == meeting.id)) or 0
    return MeetingRemoval(decisions, attendances)


def of_member(member: SupportGroupMember) -> MemberRemoval:
    attendances = db.session.scalar(select(func.count()).select_from(MeetingAttendance)
                                    .where(MeetingAttendance.member_id == member.id)) or 0
    decisions = db.session.scalar(select(func.count()).select_from(Decision)
                                  .where(Decision.owner_id == member.id)) or 0
    return MemberRemoval(attendances, decisions)
