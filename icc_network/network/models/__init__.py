"""Models of the network area: members and ties, stored analytics, the support group."""

from .analytics import NetworkSnapshot, NetworkState, OrganisationMetrics
from .members import Contact, Organisation, OrganisationRole, Tie, name_key
from .support_group import Decision, Meeting, SupportGroupMember

__all__ = [
    "Contact", "Decision", "Meeting", "NetworkSnapshot", "NetworkState", "Organisation",
    "OrganisationMetrics", "OrganisationRole", "SupportGroupMember", "Tie", "name_key",
]
