"""The fixed code lists of the evaluation area: survey waves, answers and respondent groups,
and the results-based accountability quadrants, units, polarities and frequencies."""

from __future__ import annotations

from ..core.i18n import lazy_gettext as _l

# --- perception surveys -------------------------------------------------------------

WAVE_KINDS = {
    "baseline": _l("Baseline"),
    "follow_up": _l("Follow-up"),
    "final": _l("Final"),
}

# What each respondent answered to a statement, once mapped from the survey's scale.
ANSWERS = {
    "agree": _l("Agree"),
    "disagree": _l("Disagree"),
    "dont_know": _l("Don't know"),
}

AGE_BANDS = {
    "under_18": _l("Under 18"),
    "18_29": _l("18 to 29"),
    "30_44": _l("30 to 44"),
    "45_64": _l("45 to 64"),
    "65_plus": _l("65 and over"),
}

GENDERS = {
    "woman": _l("Woman"),
    "man": _l("Man"),
    "other": _l("Other or not said"),
}

# Cells with fewer respondents than this are not shown, so that nobody can be recognised.
SMALL_CELL = 10

# --- results-based accountability ----------------------------------------------------

QUADRANTS = {
    "how_much": _l("How much did we do?"),
    "how_well": _l("How well did we do it?"),
    "better_off": _l("Is anyone better off?"),
}

PROGRAMME_KINDS = {
    "network": _l("The anti-rumour network"),
    "training": _l("Agent training"),
    "campaign": _l("A campaign"),
    "other": _l("Other programme"),
}

UNITS = {
    "count": _l("Count"),
    "share": _l("Percentage"),
    "days": _l("Days"),
    "per_month": _l("Number per month"),
    "score": _l("Score"),
}

# Which way the curve should turn.
POLARITIES = {
    "up": _l("Higher is better"),
    "down": _l("Lower is better"),
}

FREQUENCIES = {
    "month": _l("Monthly"),
    "quarter": _l("Quarterly"),
}

MEASURE_SOURCES = {
    "computed": _l("Computed from the records"),
    "manual": _l("Entered by hand"),
}

# What a turn-the-curve worksheet links to, section by section.
WORKSHEET_SECTIONS = {
    "partner": _l("Partners with a role"),
    "what_works": _l("What works"),
    "action": _l("Action plan"),
}
