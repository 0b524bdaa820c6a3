"""What the campaigns area plugs into the shared kernel: menus, the panel on a rumour's
page, translation worklist fields, notification kinds, and the figures other areas may
read (indicator sources). Each concept registers in its own section."""

from __future__ import annotations

# --- campaigns ------------------------------------------------------------------


# --- participation ----------------------------------------------------------------


# --- activities and calendars -----------------------------------------------------


# --- reminders and feeds ----------------------------------------------------------


# --- summary and figures ----------------------------------------------------------
# Every figure takes the keyword parameters start and end (dates, inclusive; None for no
# bound) and district_id (None for the whole city), and is a number (services/figures.py).


def _register_campaign_indicators() -> None:
    # Imported here: each section of this file keeps its imports to itself.
    from ..core.i18n import lazy_gettext as _l
    from ..core.registries import IndicatorSource, register_indicator
    from .services import figures

    for key, label, compute, description in (
            ("campaigns.activities_held", _l("Campaign activities held"),
             figures.activities_held,
             _l("Activities of campaigns not cancelled with a date before today, by their "
                "first date and their district.")),
            ("campaigns.people_reached", _l("People reached by campaign activities"),
             figures.people_reached,
             _l("Attendees recorded after those activities, added up, by the activity's "
                "first date and district.")),
            ("campaigns.conversations_held", _l("Conversations at campaign activities"),
             figures.conversations_held,
             _l("Conversations recorded in the reach of those activities (not agents' field "
                "log), by the activity's first date and district.")),
            ("campaigns.materials_handed_out", _l("Materials handed out"),
             figures.materials_handed_out,
             _l("Materials handed out at those activities, by the activity's first date and "
                "district.")),
            ("campaigns.online_views", _l("Online views of campaign activities"),
             figures.online_views,
             _l("Online views recorded for those activities, by the activity's first date "
                "and district.")),
            ("campaigns.partners_joined", _l("Partner organisations in campaigns"),
             figures.partners_joined,
             _l("Distinct organisations taking part (accepted or waiting for an answer) in "
                "published campaigns whose dates overlap the period, by the organisation's "
                "district.")),
            ("campaigns.campaigns_run", _l("Campaigns run"), figures.campaigns_run,
             _l("Campaigns running, completed or evaluated whose dates overlap the period; "
                "in a district, those working there or in the whole city."))):
        register_indicator(IndicatorSource(key, label, compute, description))


_register_campaign_indicators()
