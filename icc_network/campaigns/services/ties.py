"""Ties the network derives from joint campaign work.

Two organisations that run an activity of a campaign together co-organise: each pair
gets one "co_organises" tie per campaign (origin key ``campaign:<id>``), weighted by
the number of activities they share that were not cancelled. Draft campaigns give
none: they are plans, not work. The ties are written through the network's
``replace_derived_ties``, which tells the metrics job to recompute; a campaign whose
ties did not change is left alone, so a refresh that finds nothing new costs the
network nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from ...extensions import db
from ...network.models import Tie
from ...network.services.organisations import replace_derived_ties
from ...network.vocab import ORIGIN_DERIVED
from ..models import Activity, ActivityOrganisation, Campaign

KIND = "co_organises"
PREFIX = "campaign:"

TieSet = dict[tuple[int, int], float]


def origin_key(campaign_id: int) -> str:
    return f"{PREFIX}{campaign_id}"


def joint_activities(campaign_ids: Iterable[int] | None = None) -> dict[int, TieSet]:
    """For each campaign, (lower organisation id, higher id) -> activities they share
    (not cancelled), in one query; ``None`` reads every campaign."""
    first, second = aliased(ActivityOrganisation), aliased(ActivityOrganisation)
    query = (select(Activity.campaign_id, first.organisation_id, second.organisation_id,
                    func.count())
             .join(first, first.activity_id == Activity.id)
             .join(second, (second.activity_id == Activity.id)
                   & (second.organisation_id > first.organisation_id))
             .join(Campaign, Campaign.id == Activity.campaign_id)
             .where(Activity.cancelled_at.is_(None), Campaign.status != "draft")
             .group_by(Activity.campaign_id, first.organisation_id, second.organisation_id))
    if campaign_ids is not None:
        query = query.where(Activity.campaign_id.in_(sorted(set(campaign_ids))))
    found: dict[int, TieSet] = defaultdict(dict)
    for campaign_id, a, b, count in db.session.execute(query):
        found[campaign_id][(a, b)] = float(count)
    return found


def stored_ties(campaign_ids: Iterable[int] | None = None) -> dict[int, TieSet]:
    """The derived ties each campaign has in the network now, in one query."""
    query = select(Tie.origin_key, Tie.from_organisation_id, Tie.to_organisation_id,
                   Tie.weight).where(Tie.origin == ORIGIN_DERIVED, Tie.kind == KIND)
    if campaign_ids is None:
        query = query.where(Tie.origin_key.startswith(PREFIX))
    else:
        query = query.where(Tie.origin_key.in_([origin_key(i) for i in sorted(set(campaign_ids))]))
    found: dict[int, TieSet] = defaultdict(dict)
    for key, a, b, weight in db.session.execute(query):
        campaign_id = int(key.removeprefix(PREFIX))
        found[campaign_id][(min(a, b), max(a, b))] = float(weight)
    return found


def refresh(campaign_ids: Iterable[int] | None = None) -> dict[str, int]:
    """Bring the derived ties of the given campaigns (all when ``None``) in line with their
    activities: two queries to compare, and writes only for campaigns that changed."""
    ids = None if campaign_ids is None else sorted(set(campaign_ids))
    if ids is not None and not ids:
        return {"campaigns": 0, "changed": 0}
    wanted, stored = joint_activities(ids), stored_ties(ids)
    seen = set(ids or ()) | set(wanted) | set(stored)
    changed = sum(_write(campaign_id, wanted.get(campaign_id, {}), stored.get(campaign_id, {}))
                  for campaign_id in sorted(seen))
    return {"campaigns": len(seen), "changed": changed}


def refresh_ties(campaign_id: int) -> int:
    """Recompute one campaign's derived ties (after one of its activities is saved or
    cancelled); how many it has now."""
    wanted = joint_activities([campaign_id]).get(campaign_id, {})
    _write(campaign_id, wanted, stored_ties([campaign_id]).get(campaign_id, {}))
    return len(wanted)


def _write(campaign_id: int, wanted: TieSet, stored: TieSet) -> bool:
    if wanted == stored:
        return False
    replace_derived_ties(origin_key(campaign_id),
                         [(a, b, KIND, weight) for (a, b), weight in sorted(wanted.items())])
    return True


def forget_ties(campaign_id: int) -> None:
    """Remove a campaign's derived ties (the campaign is deleted)."""
    if stored_ties([campaign_id]).get(campaign_id):
        replace_derived_ties(origin_key(campaign_id), [])


def changed_since(moment: datetime) -> list[int]:
    """Campaigns whose own row or one of whose activities changed after ``moment``."""
    return list(db.session.scalars(
        select(Campaign.id).where(or_(
            Campaign.updated_at >= moment,
            Campaign.id.in_(select(Activity.campaign_id).where(Activity.updated_at >= moment))))
        .order_by(Campaign.id)))
