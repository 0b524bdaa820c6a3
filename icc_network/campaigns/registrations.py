"""What the campaigns area plugs into the shared kernel: menus, the panel on a rumour's
page, translation worklist fields, notification kinds, and the figures other areas may
read (indicator sources). Each concept registers in its own section."""

from __future__ import annotations

from sqlalchemy import or_

from ..core.i18n import lazy_gettext as _l
from ..core.nav import HomePanel, NavItem, register_home_panel, register_nav
from ..core.translatable import LOCALES, RegisteredField, is_missing, localise, register_field
from .models import Activity
from .services import calendar_views

# --- campaigns ------------------------------------------------------------------


# --- participation ----------------------------------------------------------------


# --- activities and calendars -----------------------------------------------------

CAMPAIGNS_GROUP = _l("Campaigns")


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


# --- summary and figures ----------------------------------------------------------
