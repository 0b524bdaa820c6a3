"""Models of the campaigns area: campaigns and partners, activities, reminders and feeds."""

from .activity import (
    REACH_COLUMNS,
    Activity,
    ActivityAgent,
    ActivityOccurrence,
    ActivityOrganisation,
)
from .campaign import Campaign, CampaignDistrict, CampaignPartner, CampaignRumour
from .reminders import CalendarFeed, Reminder

__all__ = [
    "REACH_COLUMNS", "Activity", "ActivityAgent", "ActivityOccurrence", "ActivityOrganisation",
    "CalendarFeed", "Campaign", "CampaignDistrict", "CampaignPartner", "CampaignRumour", "Reminder",
]
