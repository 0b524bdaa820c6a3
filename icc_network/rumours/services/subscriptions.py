"""Subscriptions to other cities' ClaimReview feeds.

An administrator keeps the list of feed addresses that may be fetched; a
coordinator subscribes to one of them. Every day (or at once, on request) each
feed is read again through core.fetch: claims not seen before come in as drafts,
exactly as an uploaded feed does, and for arguments brought in before the source
city's changes (new text, new valid-until date, expiry, removal) become proposed
updates that a coordinator accepts or rejects. A rejected version is remembered
and never proposed again.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import delete, select

from ...core import audit
from ...core.clock import today, utcnow
from ...core.fetch import FetchRefused, Limits, fetch
from ...core.i18n import lazy_gettext as _l
from ...core.rules import RuleViolation, refuse_unless
from ...core.translatable import LOCALES, clean
from ...extensions import db
from ..models import AllowedFeed, CounterArgument, FeedItem, FeedSubscription, FeedUpdate
from .arguments import check_url
from .feed_import import FeedArgument, FeedClaim, add_arguments, match_claims, parse_feed

ERRORS = {
    "bad_address": _l("The address %(detail)s cannot be fetched."),
    "not_allowed": _l("This address is no longer on the list of allowed feeds."),
    "unknown_host": _l("The host %(detail)s could not be found."),
    "private_address": _l("The feed's host points to a private address (%(detail)s); an "
                          "administrator must allow that exact address."),
    "redirect_elsewhere": _l("The feed redirects to another host (%(detail)s), which is "
                             "never followed."),
    "too_many_redirects": _l("The feed redirects too many times."),
    "timeout": _l("The feed took longer than %(detail)s seconds to answer."),
    "too_large": _l("The feed is larger than the limit of %(detail)s bytes."),
    "http_status": _l("The feed's server answered with the error %(detail)s."),
    "tls": _l("The feed's secure connection failed: %(detail)s"),
    "connection": _l("The feed's server could not be reached: %(detail)s"),
    "unreadable": _l("The feed could not be read: %(detail)s"),
}


def error_message(subscription: FeedSubscription) -> str:
    """The last reading's failure in the reader's language, or an empty string."""
    if not subscription.error_code:
        return ""
    template = ERRORS.get(subscription.error_code, ERRORS["connection"])
    return str(template) % {"detail": subscription.error_detail}


# --- the administrator's list of allowed feeds -----------------------------------------

def allow_feed(url: str, address: str, *, actor: Any) -> AllowedFeed:
    """Allow a feed address; ``address``: the one private address its host may have."""
    url = check_url(url, "url")
    refuse_unless(url, _l("Enter the feed's web address."), "url")
    refuse_unless(db.session.scalar(select(AllowedFeed.id).where(AllowedFeed.url == url)) is None,
                  _l("This address is already allowed."), "url")
    address = address.strip()
    if address:
        try:
            address = str(ipaddress.ip_address(address.strip("[]")))
        except ValueError:
            refuse_unless(False, _l("Enter an IPv4 or IPv6 address, such as 10.0.0.5."),
                          "address")
    allowed = AllowedFeed(url=url, address=address)
    db.session.add(allowed)
    db.session.flush()
    audit.record(actor, "feed.allow", allowed, url=url, address=address)
    return allowed


def forbid_feed(allowed: AllowedFeed, *, actor: Any) -> None:
    """Take an address off the list: its subscriptions stay but are no longer fetched."""
    audit.record(actor, "feed.forbid", allowed, url=allowed.url)
    db.session.delete(allowed)
    db.session.flush()


def allowed_feeds_query():
    return select(AllowedFeed).order_by(AllowedFeed.url, AllowedFeed.id)


def _allowance(url: str) -> AllowedFeed | None:
    return db.session.scalar(select(AllowedFeed).where(AllowedFeed.url == url))


# --- subscriptions ------------------------------------------------------------------------

def subscribe(url: str, language: str | None, *, actor: Any) -> FeedSubscription:
    url = (url or "").strip()
    refuse_unless(url, _l("Enter the feed's web address."), "url")
    refuse_unless(_allowance(url) is not None,
                  _l("Only the addresses an administrator allowed can be subscribed to."), "url")
    refuse_unless(db.session.scalar(select(FeedSubscription.id)
                                    .where(FeedSubscription.url == url)) is None,
                  _l("The city already subscribes to this feed."), "url")
    refuse_unless(language in (None, *LOCALES), _l("Choose an entry of the list."), "language")
    subscription = FeedSubscription(url=url, language=language,
                                    city_name=urlsplit(url).hostname or "",
                                    created_by_id=getattr(actor, "id", None))
    db.session.add(subscription)
    db.session.flush()
    audit.record(actor, "feed.subscribe", subscription, url=url)
    return subscription


def set_language(subscription: FeedSubscription, language: str | None, *,
                 actor: Any) -> FeedSubscription:
    refuse_unless(language in (None, *LOCALES), _l("Choose an entry of the list."), "language")
    subscription.language = language
    audit.record(actor, "feed.update", subscription, language=language)
    db.session.flush()
    return subscription


def unsubscribe(subscription: FeedSubscription, *, actor: Any) -> None:
    """Stop reading a feed; what it brought in stays, with its origin."""
    audit.record(actor, "feed.unsubscribe", subscription, url=subscription.url)
    db.session.delete(subscription)
    db.session.flush()


def subscriptions_query():
    return select(FeedSubscription).order_by(FeedSubscription.city_name, FeedSubscription.id)


def limits() -> Limits:
    config = current_app.config
    return Limits(max_bytes=int(config.get("FEED_FETCH_MAX_BYTES", 5 * 1024 * 1024)),
                  timeout=float(config.get("FEED_FETCH_TIMEOUT", 10)))


# --- reading the feeds ------------------------------------------------------------------

@dataclass
class Reading:
    added: int = 0
    proposed: int = 0
    failed: bool = False


def refresh(subscription: FeedSubscription, *, actor: Any = None) -> Reading:
    """Read one feed again. A failure is recorded on the subscription, never raised."""
    # Nothing is written before the answer: no write lock is held while the network waits.
    try:
        data = _fetch(subscription)
    except FetchRefused as refusal:
        subscription.fetched_at = utcnow()
        return _failed(subscription, refusal.code, refusal.detail)
    subscription.fetched_at = utcnow()
    return take_in(subscription, data, actor=actor)


def take_in(subscription: FeedSubscription, data: bytes, *, actor: Any = None) -> Reading:
    """Bring in what a feed's document holds: new arguments, and the changes to decide."""
    feed = parse_feed(data, subscription.language)
    if not feed.preview.clean:
        first = feed.preview.errors[0]
        return _failed(subscription, "unreadable", str(first.message))
    match_claims(feed.claims, feed.preview)
    _known_rumours(subscription, feed.claims)
    subscription.city_name = (feed.name or subscription.city_name)[:200]
    added = add_arguments(feed.claims, subscription.city_name, actor=actor)
    for new in added:
        db.session.add(FeedItem(subscription_id=subscription.id, argument_id=new.argument.id,
                                created_rumour_id=new.created_rumour_id,
                                source_text=clean(new.item.text),
                                source_valid_until=new.item.valid_until))
    proposed = _propose_updates(subscription, {
        a.key: a for claim in feed.claims for a in claim.arguments.values()})
    subscription.succeeded_at, subscription.last_added = utcnow(), len(added)
    subscription.error_code = subscription.error_detail = ""
    db.session.flush()
    return Reading(added=len(added), proposed=proposed)


def refresh_all() -> dict[str, int]:
    """The daily job: every subscription, each in its own savepoint."""
    figures = {"read": 0, "failed": 0, "added": 0, "proposed": 0}
    for subscription_id in db.session.scalars(select(FeedSubscription.id)
                                              .order_by(FeedSubscription.id)).all():
        try:
            with db.session.begin_nested():
                reading = refresh(db.session.get(FeedSubscription, subscription_id))
        except RuleViolation as violation:  # one feed's refusal does not stop the others
            reading = _failed(db.session.get(FeedSubscription, subscription_id),
                              "unreadable", str(violation.message))
        figures["failed" if reading.failed else "read"] += 1
        figures["added"] += reading.added
        figures["proposed"] += reading.proposed
    return figures


def _fetch(subscription: FeedSubscription) -> bytes:
    allowance = _allowance(subscription.url)
    if allowance is None:
        raise FetchRefused("not_allowed")
    addresses = [allowance.address] if allowance.address else []
    return fetch(subscription.url, allowed_addresses=addresses, limits=limits())


def _failed(subscription: FeedSubscription, code: str, detail: str) -> Reading:
    subscription.error_code, subscription.error_detail = code[:30], detail[:300]
    db.session.flush()
    return Reading(failed=True)


def _known_rumours(subscription: FeedSubscription, claims: list[FeedClaim]) -> None:
    """A claim this feed brought in before joins the rumour it joined then."""
    urls = [claim.origin_url for claim in claims]
    known = dict(db.session.execute(
        select(CounterArgument.origin_url, CounterArgument.rumour_id)
        .join(FeedItem, FeedItem.argument_id == CounterArgument.id)
        .where(FeedItem.subscription_id == subscription.id,
               CounterArgument.origin_url.in_(urls))).all()) if urls else {}
    for claim in claims:
        if claim.origin_url in known:
            claim.rumour_id = known[claim.origin_url]


def _propose_updates(subscription: FeedSubscription, in_feed: dict[str, FeedArgument]) -> int:
    rows = db.session.execute(
        select(FeedItem, CounterArgument.import_key)
        .join(CounterArgument, CounterArgument.id == FeedItem.argument_id)
        .where(FeedItem.subscription_id == subscription.id)).all()
    proposed = 0
    on = today()
    for item, key in rows:
        change = _change(item, in_feed.get(key), on)
        if change is not None and _propose(item, *change):
            proposed += 1
    return proposed


def _change(item: FeedItem, source: FeedArgument | None,
            on: date) -> tuple[list[str], dict[str, str], date | None, bool] | None:
    """What the source changed since the version taken: (changes, text, valid until, gone)."""
    if source is None:
        if item.removed:
            return None
        stale = item.source_valid_until is not None and item.source_valid_until < on
        return ["expired" if stale else "removed"], item.source_text, item.source_valid_until, True
    text, changes = clean(source.text), []
    if text != item.source_text:
        changes.append("text")
    if source.valid_until != item.source_valid_until:
        expired = source.valid_until is not None and source.valid_until < on
        changes.append("expired" if expired else "valid_until")
    if not changes and not item.removed:
        return None
    return changes, text, source.valid_until, False


def _propose(item: FeedItem, changes: list[str], text: dict[str, str],
             valid_until: date | None, gone: bool) -> bool:
    """Propose the source's version unless it was proposed before (and maybe rejected)."""
    if not changes:  # back in the feed unchanged after a removal: nothing to decide
        item.removed = False
        return False
    fingerprint = hashlib.sha256(json.dumps(
        {"text": text, "valid_until": valid_until and valid_until.isoformat(), "gone": gone},
        sort_keys=True).encode()).hexdigest()
    if db.session.scalar(select(FeedUpdate.id).where(FeedUpdate.item_id == item.id,
                                                     FeedUpdate.fingerprint == fingerprint)):
        return False
    # An older proposal still waiting is out of date: the source has moved on.
    db.session.execute(delete(FeedUpdate).where(FeedUpdate.item_id == item.id,
                                                FeedUpdate.status == "pending"))
    db.session.add(FeedUpdate(item_id=item.id, change=changes[0], changes=changes, text=text,
                              valid_until=valid_until, fingerprint=fingerprint))
    return True
