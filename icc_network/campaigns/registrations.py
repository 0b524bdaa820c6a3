"""What the campaigns area plugs into the shared kernel: menus, the panel on a rumour's
page, translation worklist fields, notification kinds, and the figures other areas may
read (indicator sources). Each concept registers in its own section."""

from __future__ import annotations

from sqlalchemy import or_

from ..core.audit import register_labels
from ..core.calendar import city_today
from ..core.i18n import lazy_gettext as _l
from ..core.nav import (
    DetailPanel,
    HomePanel,
    NavItem,
    register_detail_panel,
    register_home_panel,
    register_nav,
)
from ..core.notifications import NotificationKind, register_kind
from ..core.registries import IndicatorSource, register_indicator
from ..core.translatable import LOCALES, RegisteredField, is_missing, localise, register_field
from . import bp
from .models import Activity, Campaign
from .services import calendar_views, figures, participation, reminders
from .services.campaigns import campaigns_targeting, running_campaigns
from .vocab import PARTICIPATION_STATES, STATUSES

# The menu's drop-down every page of the area is reached from.
CAMPAIGNS_GROUP = _l("Campaigns")

# --- campaigns ------------------------------------------------------------------


def _register_campaigns() -> None:
    register_nav(NavItem("campaigns.index", _l("Campaigns"), "campaigns.view", order=70,
                         group=CAMPAIGNS_GROUP,
                         description=_l("Awareness campaigns, their target rumours and the "
                                        "partners who join them.")))
    for attribute, label in (("title", _l("Title")), ("objective", _l("Objective"))):
        register_field(RegisteredField(
            key=f"campaigns.campaign.{attribute}", model=Campaign, attribute=attribute,
            label=label, kind_label=_l("Campaign"),
            title=lambda row, loc: localise(row.title, loc).text[:80],
            edit_endpoint="campaigns.edit", edit_args=lambda c: {"campaign_id": c.id},
            edit_action="campaigns.manage"))
    register_detail_panel(DetailPanel("campaigns.rumour_campaigns", "rumours.detail",
                                      "campaigns/_rumour_panel.html", "campaigns.view",
                                      _rumour_panel, order=50))


def _rumour_panel(rumour, user) -> dict:
    """The campaigns that target the rumour shown (one query)."""
    return {"campaigns": campaigns_targeting(rumour.id),
            "statuses": {code: str(label) for code, label in STATUSES.items()}}


_register_campaigns()


# --- participation ----------------------------------------------------------------


def _register_participation() -> None:
    register_nav(NavItem("campaigns.open_campaigns", _l("Open campaigns"), "campaigns.join",
                         order=71, group=CAMPAIGNS_GROUP,
                         description=_l("Campaigns your organisation may join, and those it "
                                        "has joined.")))
    for key, message, subject in (
            (participation.JOINED_KIND,
             _l("%(organisation)s joined the campaign “%(campaign)s”: answer them on the "
                "participants' page."),
             _l("An organisation joined a campaign")),
            (participation.WITHDRAWN_KIND,
             _l("%(organisation)s withdrew from the campaign “%(campaign)s”."),
             _l("An organisation withdrew from a campaign")),
            (participation.ACCEPTED_KIND,
             _l("The coordinators accepted %(organisation)s in the campaign “%(campaign)s”. "
                "%(note)s"),
             _l("Your organisation takes part in a campaign")),
            (participation.DECLINED_KIND,
             _l("The coordinators declined %(organisation)s in the campaign “%(campaign)s”. "
                "%(note)s"),
             _l("Your organisation's participation in a campaign was declined"))):
        register_kind(NotificationKind(key, message, subject))


_register_participation()


# --- activities and calendars -----------------------------------------------------


def _register_activities() -> None:
    register_nav(NavItem("campaigns.calendar", _l("City calendar"), "campaigns.view", 66,
                         group=CAMPAIGNS_GROUP,
                         description=_l("Every activity of the campaigns, by month, week or "
                                        "day.")))
    register_nav(NavItem("campaigns.my_activities", _l("My activities"), "activities.mine", 67,
                         group=CAMPAIGNS_GROUP,
                         description=_l("The activities you are assigned to or your "
                                        "organisation runs.")))
    for attribute, label, scope in (("title", _l("Title"), _not_cancelled),
                                    ("description", _l("Description"), _described)):
        register_field(RegisteredField(
            key=f"campaigns.activity.{attribute}", model=Activity, attribute=attribute,
            label=label, kind_label=_l("Campaign activity"),
            title=lambda row, loc: localise(row.title, loc).text[:80],
            edit_endpoint="campaigns.activity_edit",
            edit_args=lambda row: {"activity_id": row.id}, edit_action="campaigns.manage",
            scope=scope))
    register_home_panel(HomePanel("campaigns.next_activities",
                                  "campaigns/activity_next_panel.html", "activities.mine",
                                  _next_activities_panel, order=25))


def _not_cancelled(query):
    # A cancelled activity can no longer be edited: nothing left to translate.
    return query.where(Activity.cancelled_at.is_(None))


def _described(query):
    # A description is optional: only one written in some language waits for the other.
    return _not_cancelled(query).where(or_(*(~is_missing(Activity.description, locale)
                                             for locale in LOCALES)))


def _next_activities_panel(user) -> dict:
    """Partners' and agents' home page: the next dates of what they take part in."""
    return {"dates": calendar_views.next_dates(user), "when": calendar_views.when}


_register_activities()


# --- reminders and feeds ----------------------------------------------------------


def _register_reminders_and_feeds() -> None:
    register_kind(NotificationKind(
        reminders.REMINDER_KIND,
        _l("Reminder: “%(title)s”, %(when)s, %(place)s."),
        _l("Reminder: %(title)s")))
    register_kind(NotificationKind(
        reminders.CANCELLED_KIND,
        _l("“%(title)s”, planned %(when)s, is cancelled. %(reason)s"),
        _l("Cancelled: %(title)s")))
    register_nav(NavItem("campaigns.my_feed", _l("Calendar feed"), "calendar.feed", 88,
                         group=CAMPAIGNS_GROUP,
                         description=_l("Your activities in your own calendar application, "
                                        "through a private address.")))
    # A wrong reminder setting stops the application at start-up, with the reason.
    bp.record_once(lambda state: reminders.parse_offsets(
        state.app.config.get("CAMPAIGNS_REMINDER_OFFSETS", "")))


_register_reminders_and_feeds()


# --- summary and figures ----------------------------------------------------------
# Every figure takes the keyword parameters start and end (dates, inclusive; None for no
# bound) and district_id (None for the whole city), and is a number (services/figures.py).


def _register_campaign_indicators() -> None:
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


# --- home panels -------------------------------------------------------------------


def _running_panel(_user) -> dict:
    """The coordinators' home page: the campaigns running, those ending soonest first."""
    campaigns, total = running_campaigns(limit=5)
    return {"campaigns": campaigns, "total": total}


def _organisation_panel(user) -> dict | None:
    """A partner's home page: the campaigns their organisation takes part in."""
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None:  # an account not linked to an organisation yet
        return None
    rows, total = participation.organisation_campaigns(organisation_id, city_today(), limit=5)
    return {"participations": rows, "total": total, "organisation_id": organisation_id,
            "statuses": STATUSES}


def _register_home_panels() -> None:
    register_home_panel(HomePanel("campaigns.running", "campaigns/_home_running.html",
                                  "campaigns.manage", _running_panel, order=30))
    register_home_panel(HomePanel("campaigns.own_organisation",
                                  "campaigns/_home_organisation.html",
                                  "campaigns.own_organisation", _organisation_panel, order=20))


_register_home_panels()


def _register_audit_labels() -> None:
    register_labels(
        actions={
            "campaign.create": _l("Campaign created"),
            "campaign.update": _l("Campaign changed"),
            "campaign.status": _l("Campaign status changed"),
            "campaign.delete": _l("Campaign deleted"),
            "campaign_partner.join": _l("Organisation joined a campaign"),
            "campaign_partner.update": _l("Organisation's participation changed"),
            "campaign_partner.withdraw": _l("Organisation withdrew from a campaign"),
            "campaign_partner.accept": _l("Organisation's participation accepted"),
            "campaign_partner.decline": _l("Organisation's participation declined"),
            "activity.create": _l("Activity planned"),
            "activity.update": _l("Activity changed"),
            "activity.cancel": _l("Activity cancelled"),
            "activity.reach": _l("Activity reach recorded"),
            "activity.agents_view": _l("Agents of an activity viewed"),
            "activity.agent_choices_view": _l("Agents to assign viewed"),
            "calendar_feed.create": _l("Calendar link created"),
            "calendar_feed.revoke": _l("Calendar link revoked"),
        },
        kinds={
            "campaign": _l("Campaign"), "campaign_partner": _l("Campaign participation"),
            "activity": _l("Activity"), "calendar_feed": _l("Calendar link"),
            "reminder": _l("Reminder"),
        },
        fields={
            "objective": _l("Objective"), "starts_on": _l("Starts on"), "ends_on": _l("Ends on"),
            "budget": _l("Budget"), "audiences": _l("Audiences"), "channels": _l("Channels"),
            "rumours": _l("Rumours"), "districts": _l("Districts"),
            "from_status": _l("Status before"), "to_status": _l("Status after"),
            "scheduled": _l("Scheduled"), "contributions": _l("Contributions"),
            "from_state": _l("State before"), "people_changed": _l("People changed"),
            "rrule": _l("Repetition"), "exdates": _l("Dates left out"),
            "replaced": _l("Replaced"), "attendees": _l("Attendees"),
            "conversations": _l("Conversations"), "materials": _l("Materials"),
            "online_views": _l("Online views"),
        },
        kind_values={
            "campaign": {"status": STATUSES, "from_status": STATUSES, "to_status": STATUSES},
            "campaign_partner": {"state": PARTICIPATION_STATES, "from_state": PARTICIPATION_STATES},
        },
    )


_register_audit_labels()
