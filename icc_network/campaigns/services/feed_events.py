"""The VEVENTs kept in the activities' rows, so that the first fetch of a calendar feed
after a process starts does not write every event again with the icalendar library.

A scheduled job writes them, never a request: a fetch only reads. Each stored text
carries the key of what it was written from (feeds.stored_key); once the activity,
its campaign or its district changes, the key no longer matches, feeds build the
event themselves, and the next run writes it again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from ...core.clock import utcnow
from ...core.models import District
from ...core.translatable import LOCALES
from ...extensions import db
from ..models import Activity, Campaign
from . import feeds

CHUNK = 500


def render_stale(now: datetime | None = None, chunk: int = CHUNK) -> dict[str, int]:
    """Write the VEVENTs (in every language) of the activities still in the feeds' window
    whose stored ones are missing or stale; how many activities were written.

    The scheduler's entry point: commits after each chunk, so that the rows read are
    let go (memory stays bounded) and a crash loses only the chunk under way.
    """
    since = (now or utcnow()) - feeds.WINDOW
    rendered, after = 0, 0
    while True:
        rows = db.session.execute(
            select(Activity.id, Activity.updated_at, Campaign.updated_at, District.updated_at,
                   Activity.feed_events_key)
            .join(Campaign, Campaign.id == Activity.campaign_id)
            .outerjoin(District, District.id == Activity.district_id)
            .where(Activity.last_ends_at >= since, Activity.id > after)
            .order_by(Activity.id).limit(chunk)).all()
        if not rows:
            return {"rendered": rendered}
        after = rows[-1][0]
        stale = [row[0] for row in rows if row[4] != feeds.stored_key(*row[:4])]
        if stale:
            rendered += _write(stale)
            db.session.commit()


def _write(ids: list[int]) -> int:
    """Write the events of these activities, each under the key of the very rows they
    were written from (a change made meanwhile leaves a stale key, written again later)."""
    activities = db.session.scalars(
        select(Activity).where(Activity.id.in_(ids))
        .options(joinedload(Activity.campaign), joinedload(Activity.district))).all()
    values = [{
        "b_id": activity.id,
        "b_events": {locale: feeds.activity_event(activity, locale).to_ical().decode()
                     for locale in LOCALES},
        "b_key": feeds.stored_key(activity.id, activity.updated_at,
                                  activity.campaign.updated_at,
                                  activity.district.updated_at if activity.district else None),
    } for activity in activities]
    if values:
        table = Activity.__table__
        # updated_at set to itself: otherwise its onupdate would mark the activity changed
        # (a new feed ETag, a stale key) when nothing in it did.
        db.session.execute(
            table.update().where(table.c.id == bindparam("b_id"))
            .values(feed_events=bindparam("b_events"), feed_events_key=bindparam("b_key"),
                    updated_at=table.c.updated_at), values)
    return len(values)
