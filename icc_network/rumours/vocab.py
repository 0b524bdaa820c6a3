"""The fixed code lists of the rumours area, their labels and the status workflow."""

from __future__ import annotations

from datetime import timedelta

from ..core.i18n import lazy_gettext as _l

STATUSES = {
    "reported": _l("Reported"),
    "triaged": _l("Triaged"),
    "catalogued": _l("Catalogued"),
    "arguments_drafted": _l("Arguments drafted"),
    "validated": _l("Arguments validated"),
    "in_campaign": _l("In campaign"),
    "monitored": _l("Monitored"),
    "fading": _l("Fading"),
    "archived": _l("Archived"),
}

# Allowed moves of the workflow; going back one step is allowed where work must be redone.
TRANSITIONS = {
    "reported": ("triaged", "archived"),
    "triaged": ("catalogued", "archived"),
    "catalogued": ("arguments_drafted", "archived"),
    "arguments_drafted": ("validated", "catalogued", "archived"),
    "validated": ("in_campaign", "monitored", "arguments_drafted", "archived"),
    "in_campaign": ("monitored", "validated", "archived"),
    "monitored": ("in_campaign", "fading", "archived"),
    "fading": ("monitored", "archived"),
    "archived": ("triaged",),
}

# Until a rumour reaches "validated" the city has no answer ready: its alert deadline counts.
UNANSWERED = ("reported", "triaged", "catalogued", "arguments_drafted")
# Statuses offered to reporters as "known rumours" (untriaged and archived ones are not).
SUGGESTED = ("triaged", "catalogued", "arguments_drafted", "validated", "in_campaign",
             "monitored", "fading")
# Statuses that need a validated, current argument.
NEEDS_VALID_ARGUMENT = ("validated", "in_campaign")

RISKS = {"minor": _l("Minor"), "moderate": _l("Moderate"), "major": _l("Major")}
RISK_ORDER = {"minor": 1, "moderate": 2, "major": 3}
# Default time to have validated arguments ready, by potential harm.
ALERT_DELAYS = {"minor": timedelta(days=90), "moderate": timedelta(days=30),
                "major": timedelta(days=7)}

SPHERES = {
    "street": _l("Street and public space"),
    "market": _l("Market and shops"),
    "school": _l("School"),
    "workplace": _l("Workplace"),
    "transport": _l("Public transport"),
    "public_services": _l("Public services"),
    "neighbourhood": _l("Neighbourhood and housing"),
    "leisure": _l("Sport and leisure"),
    "worship": _l("Place of worship"),
    "family": _l("Family and friends"),
    "social_media": _l("Social media"),
    "messaging": _l("Messaging apps"),
    "press": _l("Press and media"),
    "other": _l("Other"),
}

DETECTIONS = {
    "survey": _l("Survey"),
    "workshop": _l("Workshop"),
    "agent_report": _l("Anti-rumour agent report"),
    "partner_report": _l("Partner report"),
    "sighting": _l("Reported sighting"),
    "media": _l("Media monitoring"),
    "social_media": _l("Social media monitoring"),
    "city_feed": _l("Another city's catalogue"),
    "other": _l("Other"),
}

CHANNELS = {
    "conversation": _l("Conversation"),
    "overheard": _l("Overheard"),
    "social_media": _l("Social media post"),
    "messaging": _l("Messaging app"),
    "press": _l("Press, radio or TV"),
    "flyer": _l("Flyer, poster or graffiti"),
    "meeting": _l("Public meeting"),
    "other": _l("Other"),
}

SIGHTING_LANGUAGES = {"fr": _l("French"), "en": _l("English"), "other": _l("Another language")}

KINDS = {
    "statistic": _l("Statistic or data"),
    "question": _l("Doubt-raising question"),
    "testimony": _l("Testimony"),
    "emotional": _l("Emotional argument"),
}
KIND_ORDER = tuple(KINDS)  # the kit leads with facts

ARGUMENT_STATUSES = {"draft": _l("Draft"), "validated": _l("Validated"), "expired": _l("Expired")}

# ClaimReview ratings: 1 is the worst (false), 5 would be true.
VERDICTS = {"false": _l("False"), "misleading": _l("Misleading"), "unproven": _l("Unproven")}
VERDICT_RATINGS = {"false": 1, "misleading": 2, "unproven": 3}
BEST_RATING, WORST_RATING = 5, 1
