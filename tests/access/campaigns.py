"""Expected access to the campaigns area's routes: coordinators run campaigns; trainers
and staff read them; partners join for their own organisation; partners and agents see
the activities they take part in; personal calendar feeds answer to their secret."""

from __future__ import annotations

from datetime import date

from icc_network.core.clock import utcnow
from icc_network.core.permissions import ADMIN, AGENT, COORDINATOR, PARTNER, STAFF, TRAINER

from ..agents import factories as agent_factories
from ..campaigns import factories
from ..network import factories as network_factories
from . import EVERYONE, SIGNED_IN, Access, only

VIEW = only(ADMIN, COORDINATOR, TRAINER, STAFF)
MANAGE = only(ADMIN, COORDINATOR)
JOIN = only(ADMIN, PARTNER)
MINE = only(PARTNER, AGENT)
# The partner's personal feed: whoever holds its address reads it, signed in or not.
FEED_TOKEN = "access-matrix-calendar-feed-secret-0123456789abcdefghij"


def _campaign(w):
    return {"campaign_id": w.campaign.id}


def _open(w):
    return {"campaign_id": w.open_campaign.id}


def _own_join(w):
    return {"campaign_id": w.open_campaign.id, "organisation_id": w.organisation.id}

ACCESS = {
    "campaigns.static": Access(get=EVERYONE, params=lambda w: {"filename": "css/campaigns.css"}),
    # --- campaigns ----------------------------------------------------------------
    "campaigns.index": Access(get=VIEW),
    "campaigns.detail": Access(get=VIEW, params=_campaign),
    "campaigns.new": Access(get=MANAGE, post=MANAGE),
    "campaigns.edit": Access(get=MANAGE, post=MANAGE, params=_campaign),
    "campaigns.status": Access(post=MANAGE, params=_campaign,
                               post_data=lambda w: {"status": "draft"}),
    "campaigns.delete": Access(get=MANAGE, post=MANAGE,
                               params=lambda w: {"campaign_id": w.draft_campaign.id}),
    # --- participation ------------------------------------------------------------
    "campaigns.open_campaigns": Access(get=JOIN),
    # On the partner's own organisation; a partner naming another one is refused (403).
    "campaigns.join": Access(get=JOIN, post=JOIN, params=_own_join,
                             post_data=lambda w: {"contributions": ["venue"],
                                                  "commitment": "Notre salle"}),
    "campaigns.withdraw": Access(post=JOIN, params=_own_join),
    "campaigns.participants": Access(get=VIEW, params=_open),
    "campaigns.decide": Access(post=MANAGE, params=lambda w: {
        "participation_id": w.participation.id}, post_data=lambda w: {"decision": "accept"}),
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
    # A revoked or unknown address answers 404 to everyone: tests/campaigns/test_feed_views.py.
    "campaigns.my_feed": Access(get=SIGNED_IN),
    "campaigns.my_feed_create": Access(post=SIGNED_IN),
    "campaigns.my_feed_revoke": Access(post=SIGNED_IN),
    "campaigns.feed": Access(get=EVERYONE, params=lambda w: {"token": FEED_TOKEN}),
    "campaigns.feed_campaign": Access(
        get=EVERYONE, params=lambda w: {"token": FEED_TOKEN, "campaign_id": w.campaign.id}),
    "campaigns.campaign_ics": Access(get=VIEW, params=lambda w: {"campaign_id": w.campaign.id}),

    # --- summary --------------------------------------------------------------------
    "campaigns.summary": Access(get=VIEW, params=lambda w: {"campaign_id": w.campaign.id}),
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
    world.objects["draft_campaign"] = factories.campaign("Brouillon", status="draft")
    # --- participation ------------------------------------------------------------
    # Open whatever the day the suite runs; the partner's organisation has joined it.
    open_campaign = factories.campaign("Campagne ouverte", status="running",
                                       starts_on=date(2026, 1, 1), ends_on=date(2099, 12, 31),
                                       districts=[world.district])
    world.objects.update(open_campaign=open_campaign, participation=factories.participation(
        open_campaign, organisation, joined_by=world.users["partner"]))
    # --- activities and calendars ---------------------------------------------------

    # --- reminders and feeds ----------------------------------------------------------
    # Read a minute ago: fetching it again within the hour writes nothing (GETs change
    # nothing in this world).
    world.objects["calendar_feed"] = factories.calendar_feed(
        world.users["partner"], FEED_TOKEN, last_fetched_at=utcnow())

    # --- summary --------------------------------------------------------------------
    # A held workshop with its reach recorded, so the summary has figures to show.
    factories.activity(campaign, kind="workshop", district=world.district,
                       organisations=[organisation], attendees=18, conversations=6,
                       materials=40)
