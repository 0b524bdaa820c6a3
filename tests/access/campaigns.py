"""Expected access to the campaigns area's routes: coordinators run campaigns; trainers
and staff read them; partners join for their own organisation; partners and agents see
the activities they take part in; personal calendar feeds answer to their secret."""

from __future__ import annotations

from icc_network.core.permissions import ADMIN, AGENT, COORDINATOR, PARTNER, STAFF, TRAINER

from ..agents import factories as agent_factories
from ..campaigns import factories
from ..network import factories as network_factories
from . import EVERYONE, Access, only

VIEW = only(ADMIN, COORDINATOR, TRAINER, STAFF)
MANAGE = only(ADMIN, COORDINATOR)
JOIN = only(ADMIN, PARTNER)
MINE = only(PARTNER, AGENT)

ACCESS = {
    "campaigns.static": Access(get=EVERYONE, params=lambda w: {"filename": "css/campaigns.css"}),
    # --- campaigns ----------------------------------------------------------------

    # --- participation ------------------------------------------------------------

    # --- activities and calendars ---------------------------------------------------
    "campaigns.campaign_activities": Access(get=VIEW, params=lambda w: _campaign(w)),
    "campaigns.activity_new": Access(get=MANAGE, post=MANAGE, params=lambda w: _campaign(w)),
    # partners and agents see the activities they take part in (both do in this one)
    "campaigns.activity_detail": Access(get=VIEW | MINE, params=lambda w: _activity(w)),
    "campaigns.activity_edit": Access(get=MANAGE, post=MANAGE, params=lambda w: _activity(w)),
    "campaigns.activity_cancel": Access(get=MANAGE, post=MANAGE,
                                        params=lambda w: _activity(w)),
    # the partner's organisation runs the café
    "campaigns.activity_reach": Access(get=MANAGE | {PARTNER}, post=MANAGE | {PARTNER},
                                       params=lambda w: _activity(w),
                                       post_data=lambda w: {"attendees": "12"}),
    "campaigns.calendar": Access(get=VIEW, query={"on": "2026-03-14"},
                                 variants=({"view": "week"}, {"view": "day"},
                                           {"view": "list"})),
    "campaigns.campaign_calendar": Access(get=VIEW, params=lambda w: _campaign(w),
                                          query={"on": "2026-03-14"},
                                          variants=({"view": "week"}, {"view": "list"})),
    "campaigns.my_activities": Access(get=MINE | {ADMIN}, variants=({"when": "past"},)),

    # --- reminders and feeds ----------------------------------------------------------

    # --- summary --------------------------------------------------------------------
}


# --- activities and calendars (URL values) ---------------------------------------------

def _campaign(w) -> dict:
    return {"campaign_id": w.campaign.id}


def _activity(w) -> dict:
    return {"activity_id": w.activity.id}


def build(world) -> None:
    """A planned campaign targeting the published rumour in the world's district, with a
    café run by the partner's organisation and staffed by the agent's record."""
    organisation = world.organisation  # the partner's own (tests/access/network.py)
    campaign = factories.campaign("Campagne des marchés", rumours=[world.published],
                                  districts=[world.district])
    own_agent = world.own_agent if "own_agent" in world.objects else agent_factories.agent()
    cafe = factories.activity(campaign, organisations=[organisation], agents=[own_agent],
                              district=world.district)
    world.objects.update(campaign=campaign, activity=cafe,
                         other_organisation_for_campaigns=network_factories.organisation(
                             "Club de foot"))
    # --- campaigns ----------------------------------------------------------------

    # --- participation ------------------------------------------------------------

    # --- activities and calendars ---------------------------------------------------

    # --- reminders and feeds ----------------------------------------------------------

    # --- summary --------------------------------------------------------------------
