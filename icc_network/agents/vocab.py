"""The fixed code lists of the agents area: statuses, participants, attendance, field work,
and the consent texts shown to people who join the register."""

from __future__ import annotations

from ..core.i18n import lazy_gettext as _l

STATUSES = {
    "candidate": _l("Candidate"),
    "in_training": _l("In training"),
    "certified": _l("Certified"),
    "active": _l("Active"),
    "inactive": _l("Inactive"),
}
# Moves a trainer may make by hand. Training and certification move people forward
# themselves (enrolment -> in training, enough hours -> certified, a conversation -> active).
TRANSITIONS = {
    "candidate": ("in_training", "inactive"),
    "in_training": ("candidate", "inactive"),
    "certified": ("active", "inactive"),
    "active": ("certified", "inactive"),
    "inactive": ("candidate", "in_training", "certified", "active"),
}
# Statuses that require a valid certificate.
NEEDS_CERTIFICATE = ("certified", "active")

PARTICIPANT_KINDS = {
    "volunteer": _l("Volunteer agent"),
    "staff": _l("Municipal staff"),
}

ORIGINS = {
    "partner": _l("Through a partner organisation"),
    "campaign": _l("At a campaign activity"),
    "word_of_mouth": _l("Word of mouth"),
    "social_media": _l("Social media"),
    "city_website": _l("The city's website"),
    "employer": _l("Sent by their service (staff)"),
    "other": _l("Other"),
}

# Languages a participant may speak or be trained in (ISO 639-1).
LANGUAGES = {
    "fr": _l("French"),
    "en": _l("English"),
    "ar": _l("Arabic"),
    "es": _l("Spanish"),
    "pt": _l("Portuguese"),
    "tr": _l("Turkish"),
    "ro": _l("Romanian"),
    "pl": _l("Polish"),
    "it": _l("Italian"),
    "de": _l("German"),
    "uk": _l("Ukrainian"),
    "ru": _l("Russian"),
    "zh": _l("Chinese"),
    "wo": _l("Wolof"),
    "ber": _l("Berber languages"),
    "other": _l("Other language"),
}
# The languages documents (certificates, invitations) are written in.
DOCUMENT_LANGUAGES = ("fr", "en")

AUDIENCES = {
    "volunteers": _l("Volunteer agents"),
    "staff": _l("Municipal staff"),
    "all": _l("Volunteers and staff"),
}

ENROLMENT_STATES = {
    "enrolled": _l("Enrolled"),
    "waiting": _l("On the waiting list"),
    "cancelled": _l("Cancelled"),
}

ATTENDANCE = {
    "present": _l("Present"),
    "partial": _l("Partly present"),
    "absent": _l("Absent"),
}

RESPONSE_MODES = {
    "correct": _l("Correct with facts"),
    "co_verify": _l("Check together"),
    "de_escalate": _l("De-escalate"),
    "empathise": _l("Empathise"),
    "not_respond": _l("Did not respond"),
}

OUTCOMES = {
    "open": _l("The person was open to another view"),
    "doubt": _l("The person started to doubt"),
    "changed": _l("The person changed their mind"),
    "unchanged": _l("No change"),
    "hostile": _l("The conversation turned hostile"),
}

MESSAGE_KINDS = {
    "invitation": _l("Invitation"),
    "reminder": _l("Reminder the day before"),
    "cancellation": _l("Cancellation"),
    "expiry": _l("Certificate expiry reminder"),
}

# The consent text each version showed; it is shown (and its translation kept) in the
# person's language. A new wording is a new version; an agent's record keeps the version
# and the language they agreed in.
CONSENT_VERSION = "2026-01"
CONSENT_TEXTS = {
    "2026-01": _l("I agree that the city keeps my name, contact details, languages, district "
                  "and training record to run the anti-rumour programme. Only trainers and the "
                  "coordinator see them. I can see, correct or erase them, or withdraw this "
                  "consent, at any time."),
}
