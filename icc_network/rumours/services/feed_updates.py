"""A coordinator's decision on a change another city made to an argument imported from it.

Accepting applies the source's version (through the same rules as an edit by hand;
an expired or removed argument leaves the kit); rejecting keeps the argument as it
is, and the rejected version is never proposed again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from ...core import audit
from ...core.clock import utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.rules import refuse_unless
from ...core.translatable import clean
from ...extensions import db
from ..models import CounterArgument, FeedItem, FeedSubscription, FeedUpdate, Rumour
from .arguments import save_argument


def pending_query(subscription_id: int | None = None):
    """Proposed updates still to decide, with their argument (one query)."""
    query = (select(FeedUpdate).join(FeedUpdate.item).join(FeedItem.argument)
             .options(contains_eager(FeedUpdate.item).contains_eager(FeedItem.argument))
             .where(FeedUpdate.status == "pending").order_by(FeedUpdate.id))
    if subscription_id is not None:
        query = query.where(FeedItem.subscription_id == subscription_id)
    return query


def pending_counts() -> dict[int, int]:
    return dict(db.session.execute(
        select(FeedItem.subscription_id, func.count(FeedUpdate.id))
        .join(FeedUpdate, FeedUpdate.item_id == FeedItem.id)
        .where(FeedUpdate.status == "pending").group_by(FeedItem.subscription_id)).all())


def subscription_of(update: FeedUpdate) -> int:
    return db.session.scalar(select(FeedItem.subscription_id).where(FeedItem.id == update.item_id))


def accept(update: FeedUpdate, *, actor: Any) -> CounterArgument:
    """Apply the source city's version to the imported argument."""
    refuse_unless(update.status == "pending", _l("This update was already decided."), "status")
    item = db.session.get(FeedItem, update.item_id)
    argument = db.session.get(CounterArgument, item.argument_id)
    # Gone from the feed (removed, or expired there and so left out of it), not just changed.
    gone = update.change == "removed" or (
        update.changes == ["expired"] and update.valid_until == item.source_valid_until)
    if gone or "expired" in update.changes:
        _retire(argument, update, actor)
    else:
        rumour = db.session.get(Rumour, argument.rumour_id)
        save_argument(argument, rumour=rumour, actor=actor, kind=argument.kind,
                      text=clean({**argument.text, **update.text}),
                      source_publisher=argument.source_publisher,
                      source_url=argument.source_url,
                      source_published_on=argument.source_published_on,
                      source_area=argument.source_area, valid_until=update.valid_until)
    item.source_text, item.source_valid_until = update.text, update.valid_until
    item.removed = gone
    _decide(update, "accepted", actor)
    return argument


def _retire(argument: CounterArgument, update: FeedUpdate, actor: Any) -> None:
    """The source no longer vouches for it: it leaves the kit and cannot be validated."""
    if "text" in update.changes:
        argument.text = clean({**argument.text, **update.text})
    argument.valid_until = update.valid_until
    argument.status = "expired"
    audit.record(actor, "argument.expire", argument, rumour_id=argument.rumour_id,
                 reason=update.change)


def reject(update: FeedUpdate, *, actor: Any) -> FeedUpdate:
    """Keep the argument as it is; the same version will not be proposed again."""
    refuse_unless(update.status == "pending", _l("This update was already decided."), "status")
    _decide(update, "rejected", actor)
    return update


def _decide(update: FeedUpdate, status: str, actor: Any) -> None:
    update.status, update.decided_at = status, utcnow()
    update.decided_by_id = getattr(actor, "id", None)
    audit.record(actor, f"feed_update.{status}", update, change=update.change)
    db.session.flush()


def imported_from(rumour_ids: list[int]) -> dict[int, str]:
    """The source city of each rumour that a subscription brought in (one query)."""
    if not rumour_ids:
        return {}
    return dict(db.session.execute(
        select(FeedItem.created_rumour_id, FeedSubscription.city_name)
        .join(FeedSubscription, FeedSubscription.id == FeedItem.subscription_id)
        .where(FeedItem.created_rumour_id.in_(rumour_ids))
        .distinct()).all())
