"""Expected access to the campaigns area's routes: coordinators run campaigns; trainers
and staff read them; partners join for their own organisation; partners and agents see
the activities they take part in; personal calendar feeds answer to their secret."""

from __future__ import annotations

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

ACCESS = {
    "campaigns.static": Access(get=EVERYONE, params=lambda w: {"filename": "css/campaigns.css"}),
    # --- campaigns ----------------------------------------------------------------

    # --- participation ------------------------------------------------------------

    # --- activities and calendars ---------------------------------------------------

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
}


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
    # Read a minute ago: fetching it again within the hour writes nothing (GETs change
    # nothing in this world).
    world.objects["calendar_feed"] = factories.calendar_feed(
        world.users["partner"], FEED_TOKEN, last_fetched_at=utcnow())

    # --- summary --------------------------------------------------------------------
