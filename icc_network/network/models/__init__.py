"""Models of the network area: members and ties, stored analytics, the support group."""

from .analytics import (
    NetworkSnapshot,
    NetworkState,
    OrganisationMetrics,
    OrganisationMetricsMonth,
)
from .members import Contact, Organisation, OrganisationRole, Tie, name_key
from .support_group import Decision, Meeting, MeetingAttendance, SupportGroupMember

__all__ = [
    "Contact", "Decision", "Meeting", "MeetingAttendance", "NetworkSnapshot", "NetworkState",
    "Organisation", "OrganisationMetrics", "OrganisationMetricsMonth", "OrganisationRole",
    "SupportGroupMember", "Tie", "name_key",
]
