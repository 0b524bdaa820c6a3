"""What the campaigns area plugs into the shared kernel: menus, the panel on a rumour's
page, translation worklist fields, notification kinds, and the figures other areas may
read (indicator sources). Each concept registers in its own section."""

from __future__ import annotations

from ..core.i18n import lazy_gettext as _l
from ..core.nav import DetailPanel, NavItem, register_detail_panel, register_nav
from ..core.notifications import NotificationKind, register_kind
from ..core.translatable import RegisteredField, localise, register_field
from .models import Campaign
from .services import participation
from .services.campaigns import campaigns_targeting
from .vocab import STATUSES

# --- campaigns ------------------------------------------------------------------


def _register_campaigns() -> None:
    register_nav(NavItem("campaigns.index", _l("Campaigns"), "campaigns.view", order=70,
                         group=_l("Campaigns"),
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
                         order=71, group=_l("Campaigns"),
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


# --- reminders and feeds ----------------------------------------------------------


# --- summary and figures ----------------------------------------------------------
