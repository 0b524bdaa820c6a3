"""The fixed code lists of the campaigns area: statuses, audiences, channels, what
partners bring, activity types and languages, and how reminders are spaced."""

from __future__ import annotations

from ..agents.vocab import LANGUAGES as SPOKEN
from ..core.i18n import lazy_gettext as _l

STATUSES = {
    "draft": _l("Draft"),
    "planned": _l("Planned"),
    "running": _l("Running"),
    "completed": _l("Completed"),
    "evaluated": _l("Evaluated"),
}
# Moves a coordinator makes by hand. The scheduler moves planned campaigns to running on
# their first day and running ones to completed after their last.
TRANSITIONS = {
    "draft": ("planned",),
    "planned": ("draft", "running"),
    "running": ("planned", "completed"),
    "completed": ("running", "evaluated"),
    "evaluated": ("completed",),
}
# Campaigns partners may join, and whose activities appear in calendars and feeds.
PUBLISHED = ("planned", "running", "completed", "evaluated")
OPEN_TO_PARTNERS = ("planned", "running")

AUDIENCES = {
    "general_public": _l("General public"),
    "young_people": _l("Young people"),
    "parents": _l("Parents"),
    "older_people": _l("Older people"),
    "workers": _l("Workers and employers"),
    "public_servants": _l("Public servants"),
    "newcomers": _l("Newcomers"),
    "religious_communities": _l("Religious communities"),
    "media": _l("Journalists and media"),
    "other": _l("Other"),
}

CHANNELS = {
    "face_to_face": _l("Face to face"),
    "events": _l("Events"),
    "social_media": _l("Social media"),
    "press": _l("Press, radio and TV"),
    "posters": _l("Posters and flyers"),
    "schools": _l("Schools"),
    "website": _l("Website and newsletter"),
    "other": _l("Other"),
}

# What a partner organisation brings when it joins a campaign.
CONTRIBUTIONS = {
    "venue": _l("A venue"),
    "people": _l("People to run activities"),
    "communication": _l("Communication to its public"),
    "materials": _l("Materials"),
    "expertise": _l("Expertise"),
    "funding": _l("Funding"),
}

PARTICIPATION_STATES = {
    "pending": _l("Waiting for an answer"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"),
}
# A participation that counts: its organisation takes part in the campaign.
TAKING_PART = ("pending", "accepted")

ACTIVITY_KINDS = {
    "cafe": _l("Anti-rumour café"),
    "workshop": _l("Workshop"),
    "street_action": _l("Street action"),
    "living_library": _l("Living library"),
    "theatre": _l("Participatory theatre"),
    "social_media": _l("Social-media action"),
    "training": _l("Training"),
    "other": _l("Other"),
}

# Languages an activity is held in: those the agents speak (ISO 639-1), or several at once.
LANGUAGES = {**{code: label for code, label in SPOKEN.items() if code != "other"},
             "multi": _l("Several languages"), "other": SPOKEN["other"]}

# Recurrence: how often a recurring activity comes back (RFC 5545 FREQ values).
FREQUENCIES = {
    "DAILY": _l("Every day"),
    "WEEKLY": _l("Every week"),
    "MONTHLY": _l("Every month"),
}
WEEKDAYS = {
    "MO": _l("Monday"), "TU": _l("Tuesday"), "WE": _l("Wednesday"), "TH": _l("Thursday"),
    "FR": _l("Friday"), "SA": _l("Saturday"), "SU": _l("Sunday"),
}
# A recurring activity ends, by a count or a date, within these bounds.
MAX_OCCURRENCES = 366
