"""Calendar feeds (RFC 5545): a campaign's activities, and a person's through a secret address.

Each activity is one VEVENT with a UID that never changes, its times on the city's
wall clock (TZID and the zone's VTIMEZONE), SEQUENCE raised on every change, and a
recurring activity as its RRULE and EXDATEs, not as copies. Cancelled activities
stay in the feed with STATUS:CANCELLED so that calendar clients take them away.

The secret of a personal feed is shown once; only its SHA-256 is kept, so the
address is looked up by hash and a revoked or unknown one is simply not found.

Writing VEVENTs with the icalendar library costs about a quarter of a millisecond
each, so each activity's VEVENT is kept (per language) until the activity, its
campaign or its district changes: in memory, and in the activity's row, where a
scheduled job writes it (feed_events.render_stale) so that a process just started
does not write them all again. A stored VEVENT is used only while its key is the one
of the activity, campaign and district as they are now. A feed's ETag names exactly
what it holds: a client polling an unchanged feed gets a 304 after one light query.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cachetools import LRUCache
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Event, vRecur
from sqlalchemy import ColumnElement, and_, select, update
from sqlalchemy.orm import joinedload

from ...auth.models import User
from ...core import audit
from ...core import calendar as city_calendar
from ...core.calendar import calendar_host, city_zone, to_local
from ...core.clock import utcnow
from ...core.models import District
from ...core.permissions import can
from ...core.translatable import localise
from ...extensions import db
from ..models import Activity, CalendarFeed, Campaign, CampaignPartner
from ..vocab import ACTIVITY_KINDS, PUBLISHED, TAKING_PART
from .audience import takes_part

PRODUCT_ID = "-//icc_network//campaign activities//EN"
# Activities over for longer than this leave the feed (a feed does not grow for ever).
WINDOW = timedelta(days=365)
# A fetch is noted at most this often (clients poll every few minutes).
FETCH_NOTED_EVERY = timedelta(hours=1)
TOKEN_MAX_LENGTH = 100
_EVENTS_KEPT = 50_000
_CHUNK = 500
# Raised whenever activity_event writes something else: every stored VEVENT is then stale.
_EVENT_SHAPE = 1


# --- the secret addresses -------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def active_feed(user_id: int) -> CalendarFeed | None:
    return db.session.scalar(select(CalendarFeed).where(
        CalendarFeed.user_id == user_id, CalendarFeed.revoked_at.is_(None))
        .order_by(CalendarFeed.id.desc()).limit(1))


def create_feed(user: Any) -> tuple[CalendarFeed, str]:
    """A new secret address for ``user`` (the feed and its token, to show once); the
    previous address, if any, stops working."""
    revoke_feed(user, replaced=True)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(user_id=user.id, token_hash=token_hash(token), created_at=utcnow())
    db.session.add(feed)
    db.session.flush()
    audit.record(user, "calendar_feed.create", feed)
    return feed, token


def revoke_feed(user: Any, *, replaced: bool = False) -> int:
    """Stop the user's feed addresses; how many there were."""
    ids = list(db.session.scalars(select(CalendarFeed.id).where(
        CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None))))
    if ids:
        db.session.execute(update(CalendarFeed).where(CalendarFeed.id.in_(ids))
                           .values(revoked_at=utcnow())
                           .execution_options(synchronize_session=False))
        for feed_id in ids:
            audit.record(user, "calendar_feed.revoke", entity_type=CalendarFeed.__tablename__,
                         entity_id=feed_id, replaced=replaced)
    return len(ids)


def feed_by_token(token: str) -> tuple[CalendarFeed, User] | None:
    """The live feed of this token and its owner; None for anything else (unknown,
    revoked, or its owner's account closed)."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    row = db.session.execute(
        select(CalendarFeed, User).join(User, User.id == CalendarFeed.user_id)
        .where(CalendarFeed.token_hash == token_hash(token), CalendarFeed.revoked_at.is_(None),
               User.active.is_(True))).first()
    return (row[0], row[1]) if row else None


def note_fetch(feed: CalendarFeed, now: datetime | None = None) -> bool:
    """Record that the feed was fetched, at most once an hour; whether it wrote."""
    now = now or utcnow()
    if feed.last_fetched_at is not None and now - feed.last_fetched_at < FETCH_NOTED_EVERY:
        return False
    feed.last_fetched_at = now
    db.session.flush()
    return True


# --- what a feed holds ----------------------------------------------------------------


def load_campaign(campaign_id: int) -> Campaign | None:
    return db.session.get(Campaign, campaign_id)


def may_view_campaign(user: Any, campaign: Campaign) -> bool:
    """Those who read campaigns see the published ones; drafts only those who run them."""
    return can(user, "campaigns.view") and (
        campaign.status in PUBLISHED or can(user, "campaigns.manage"))


def user_scope(user: Any) -> ColumnElement[bool]:
    """The activities of a person's feed: of published campaigns, those they take part
    in, and all of them for those who read campaigns."""
    published = Campaign.status.in_(PUBLISHED)
    if can(user, "campaigns.view"):
        return published
    return and_(published, takes_part(user))


def campaign_scope(user: Any, campaign: Campaign) -> ColumnElement[bool] | None:
    """The activities of one campaign ``user`` may see in a feed; None: the campaign is
    none of theirs (its feed is not found).

    Those who read campaigns see every activity; a person whose organisation joined
    the published campaign, or who takes part in one of its activities, sees the
    activities they take part in.
    """
    if may_view_campaign(user, campaign):
        return Activity.campaign_id == campaign.id
    if campaign.status not in PUBLISHED:
        return None
    theirs = and_(Activity.campaign_id == campaign.id, takes_part(user))
    organisation_id = getattr(user, "organisation_id", None)
    joined = organisation_id is not None and db.session.scalar(
        select(CampaignPartner.id).where(CampaignPartner.campaign_id == campaign.id,
                                         CampaignPartner.organisation_id == organisation_id,
                                         CampaignPartner.state.in_(TAKING_PART)).limit(1))
    if joined or db.session.scalar(select(Activity.id).where(theirs).limit(1)):
        return theirs
    return None


# --- the feed itself -------------------------------------------------------------------


@dataclass(frozen=True)
class Feed:
    """A feed ready to answer: its ETag now, its body when asked (built only then)."""

    etag: str
    locale: str
    name: str
    keys: tuple[tuple, ...]  # (activity id, its, its campaign's and its district's updated_at)

    def body(self) -> bytes:
        return _calendar(self.keys, self.locale, self.name)


def build_feed(scope: ColumnElement[bool], *, locale: str, name: str,
               now: datetime | None = None) -> Feed:
    """The feed of the activities in ``scope`` ending within the window, in ``locale``.

    One light query says what the feed holds and so its ETag; the body is built
    from kept VEVENTs, the missing ones loaded in a query per 500.
    """
    since = (now or utcnow()) - WINDOW
    keys = tuple(tuple(row) for row in db.session.execute(
        select(Activity.id, Activity.updated_at, Campaign.updated_at, District.updated_at)
        .join(Campaign, Campaign.id == Activity.campaign_id)
        .outerjoin(District, District.id == Activity.district_id)
        .where(scope, Activity.last_ends_at >= since)
        .order_by(Activity.starts_at, Activity.id)))
    fingerprint = repr((PRODUCT_ID, calendar_host(), city_zone().key, locale, name, keys))
    return Feed(hashlib.sha256(fingerprint.encode()).hexdigest()[:40], locale, name, keys)


def _calendar(keys: Iterable[tuple], locale: str, name: str) -> bytes:
    cache = _cache()
    blobs: dict[int, bytes] = {}
    missing: dict[int, tuple] = {}
    for key in keys:
        found = cache.get((locale, *key))
        if found is None:
            missing[key[0]] = key
        else:
            blobs[key[0]] = found
    for activity_id, blob in _stored(missing, locale):
        blobs[activity_id] = blob
        cache.put((locale, *missing.pop(activity_id)), blob)
    for activity in _load(missing):
        blob = activity_event(activity, locale).to_ical()
        blobs[activity.id] = blob
        # Kept under the key it was asked by: a change since then makes a new key.
        cache.put((locale, *missing[activity.id]), blob)
    head, tail = _envelope(name)
    return head + b"".join(blobs[key[0]] for key in keys if key[0] in blobs) + tail


def stored_key(activity_id: int, changed: datetime, campaign_changed: datetime,
               district_changed: datetime | None) -> str:
    """What a stored VEVENT was written from: the activity, its campaign's and its
    district's last changes, and what else goes into the text (the UID's host, the
    city's zone, the shape of the event). The id makes each activity's key its own."""
    seen = (_EVENT_SHAPE, calendar_host(), city_zone().key, activity_id, changed,
            campaign_changed, district_changed)
    return hashlib.sha256(repr(seen).encode()).hexdigest()[:40]


def _stored(keys: dict[int, tuple], locale: str) -> list[tuple[int, bytes]]:
    """The stored VEVENTs in ``locale`` still true to ``keys``; only those rows are read
    (a key names its activity, so the stale ones are left in the database)."""
    wanted = {activity_id: stored_key(*key) for activity_id, key in keys.items()}
    ids = sorted(wanted)
    text = Activity.feed_events[locale].as_string()
    found = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        rows = db.session.execute(
            select(Activity.id, Activity.feed_events_key, text)
            .where(Activity.id.in_(chunk),
                   Activity.feed_events_key.in_([wanted[i] for i in chunk])))
        found.extend((activity_id, event.encode()) for activity_id, key, event in rows
                     if event and key == wanted[activity_id])
    return found


def _load(keys: dict[int, tuple]) -> list[Activity]:
    ids = sorted(keys)
    found: list[Activity] = []
    for start in range(0, len(ids), _CHUNK):
        found.extend(db.session.scalars(
            select(Activity).where(Activity.id.in_(ids[start:start + _CHUNK]))
            .options(joinedload(Activity.campaign), joinedload(Activity.district))))
    return found


def _envelope(name: str) -> tuple[bytes, bytes]:
    """The VCALENDAR around the events, with the city's VTIMEZONE (core.calendar adds it
    for the zone the events' times refer to): written once per name and zone."""
    key = ("envelope", name, city_zone().key, PRODUCT_ID)
    cache = _cache()
    found = cache.get(key)
    if found is None:
        # A one-event calendar, cut around that event: what is left is the envelope.
        marker = Event()
        marker.add("uid", "marker")
        marker.add("dtstart", datetime(2000, 1, 1, tzinfo=city_zone()))
        whole = city_calendar.calendar_bytes([marker], product_id=PRODUCT_ID, name=name)
        head, _marker, tail = whole.partition(marker.to_ical())
        found = (head, tail)
        cache.put(key, found)
    return found


# --- one activity as a VEVENT ----------------------------------------------------------


def event_uid(activity_id: int) -> str:
    """The same for the activity's whole life: calendar clients update, never duplicate."""
    return f"activity-{activity_id}@{calendar_host()}"


def activity_event(activity: Activity, locale: str) -> Event:
    """One activity as a VEVENT in ``locale``; its campaign and district loaded."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    event = Event()
    event.add("uid", event_uid(activity.id))
    changed = activity.updated_at.replace(tzinfo=UTC)
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("dtstart", to_local(activity.starts_at))
    event.add("dtend", to_local(activity.ends_at))
    event.add("sequence", activity.sequence)
    if activity.rrule:
        event.add("rrule", recurrence_rule(activity.rrule))
        excepted = exception_times(activity)
        if excepted:
            event.add("exdate", excepted)
    with force_locale(locale):
        event.add("summary", localise(activity.title, locale, default).text)
        event.add("description", _description(activity, locale, default))
        event.add("categories", [str(ACTIVITY_KINDS.get(activity.kind, activity.kind))])
    location = location_of(activity, locale)
    if location:
        event.add("location", location)
    event.add("status", "CANCELLED" if activity.cancelled_at is not None else "CONFIRMED")
    return event


def _description(activity: Activity, locale: str, default: str) -> str:
    lines = [localise(activity.description, locale, default).text,
             _("Campaign: %(title)s", title=localise(activity.campaign.title, locale,
                                                     default).text)]
    if activity.cancelled_at is not None:
        lines.append(_("Cancelled.") + (f" {activity.cancel_reason}" if activity.cancel_reason
                                        else ""))
    return "\n\n".join(line for line in lines if line)


def location_of(activity: Activity, locale: str) -> str:
    district = localise(activity.district.name, locale).text if activity.district else ""
    return ", ".join(part for part in ((activity.place or "").strip(), district) if part)


def recurrence_rule(rule: str) -> vRecur:
    """The stored RRULE, with an UNTIL in UTC as RFC 5545 wants beside a DTSTART with TZID
    (a date or a wall-clock time is read as the end of that day or that time in the city)."""
    recur = vRecur.from_ical(rule)
    until = (recur.get("UNTIL") or [None])[0]
    if until is not None:
        if not isinstance(until, datetime):
            until = datetime.combine(until, datetime.max.time().replace(microsecond=0))
        if until.tzinfo is None:
            until = until.replace(tzinfo=city_zone())
        recur["UNTIL"] = [until.astimezone(UTC)]
    return recur


def exception_times(activity: Activity) -> list[datetime]:
    """The excepted dates at the activity's wall-clock start time, in the city's zone."""
    start = to_local(activity.starts_at)
    times = []
    for text in activity.exdates or []:
        try:
            day = date.fromisoformat(str(text)[:10])
        except ValueError:
            continue  # not a date: nothing to except
        times.append(datetime.combine(day, start.time(), tzinfo=start.tzinfo))
    return sorted(times)


# --- kept VEVENTs ------------------------------------------------------------------------


class _Kept:
    """A bounded map, least recently used out first, safe across a server's threads."""

    def __init__(self, size: int) -> None:
        self.items, self.lock = LRUCache(maxsize=size), threading.Lock()

    def get(self, key: tuple) -> Any:
        with self.lock:
            return self.items.get(key)

    def put(self, key: tuple, value: Any) -> None:
        with self.lock:
            self.items[key] = value


def _cache() -> _Kept:
    """This application's kept VEVENTs (one per app: tests build several)."""
    return current_app.extensions.setdefault("campaigns.feed_events", _Kept(_EVENTS_KEPT))
