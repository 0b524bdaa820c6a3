"""Benchmark data and pages of the campaigns area: campaigns, activities, calendars, feeds,
the summary and the reminder job.

Metropolis: 500 campaigns over three years and 20,000 activities (a tenth recurring
weekly, with their occurrence rows and now and then an excepted date), partners joining,
agents assigned, reach on past activities; one partner's organisation runs 1,000
activities (their personal feed: 1,000 events) and 10,000 reminders are due.
Measured: the city's month calendar as a coordinator (p95 ≤ 50 ms), the 1,000-event
personal iCalendar feed (p95 ≤ 200 ms, and its first fetch after a start, once the
scheduled job has stored the events), a campaign's summary, and the reminder job
delivering the 10,000 due reminders (≤ 10 s).

Pages are found by endpoint name; a page whose endpoint the application does not have is
reported as skipped rather than failing the run. The names and query strings are the
constants below.
"""

from __future__ import annotations

import hashlib
import time
from datetime import date, datetime, timedelta

from flask import url_for
from sqlalchemy import delete, func, select, text, update
from werkzeug.routing import BuildError

from icc_network.auth.models import User
from icc_network.campaigns.models import (
    Activity,
    ActivityAgent,
    ActivityOccurrence,
    ActivityOrganisation,
    CalendarFeed,
    Campaign,
    CampaignDistrict,
    CampaignPartner,
    CampaignRumour,
    Reminder,
)
from icc_network.campaigns.services import feed_events, reminders
from icc_network.campaigns.vocab import ACTIVITY_KINDS, AUDIENCES, CHANNELS, PUBLISHED
from icc_network.core.calendar import to_utc
from icc_network.core.clock import today, utcnow
from icc_network.core.models import Notification
from icc_network.core.sql import insert_or_ignore
from icc_network.extensions import db
from icc_network.rumours.models import Rumour

from ..common import Context, Measure, Page, bulk_insert

SCALE = {
    "campaigns": {"small": 20, "city": 100, "metropolis": 500},
    "activities": {"small": 800, "city": 4000, "metropolis": 20000},
    "feed_events": {"small": 100, "city": 500, "metropolis": 1000},
    "reminders": {"small": 1000, "city": 4000, "metropolis": 10000},
}
CHUNK = 20000
MONTH_BUDGET_MS = 50
FEED_BUDGET_MS = 200
REMINDERS_BUDGET_MS = 10_000
# The secret of the bench partner's personal feed (only its hash is stored).
FEED_TOKEN = "bench-feed-token-0123456789abcdef"
FEED_ORGANISATION = "Organisation 0"
# Endpoints measured, and their URL values: adjust here if a route is named otherwise.
MONTH_CALENDAR = ("campaigns.calendar", lambda: {"view": "month", "on": today().isoformat()})
USER_FEED = ("campaigns.feed", lambda: {"token": FEED_TOKEN})
SUMMARY = ("campaigns.summary", None)  # campaign_id added from the data


def generate(ctx: Context) -> None:
    campaigns = _campaigns(ctx)
    activities = _activities(ctx, campaigns)
    _feed(ctx, activities)
    _reminders(ctx, activities)
    # What the running scheduler does within minutes: the activities' VEVENTs stored, so
    # that a feed's first fetch after a start reads them rather than writing them.
    feed_events.render_stale()
    _analyse()


def _analyse() -> None:
    """What autovacuum does on PostgreSQL after large inserts: table statistics (see
    bench/areas/agents.py), and the visibility map without which the summary's index-only
    scan of the sightings still reads every row it counts."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in ("campaign", "campaign_rumour", "campaign_district", "campaign_partner",
                      "activity", "activity_occurrence", "activity_organisation",
                      "activity_agent", "reminder", "calendar_feed", "rumour_sighting"):
            connection.execute(text(f"VACUUM ANALYZE {table}"))


def _status(starts_on: date, ends_on: date, n: int) -> str:
    if ends_on < today():
        return "evaluated" if n % 4 == 0 else "completed"
    if starts_on > today():
        return "draft" if n % 5 == 0 else "planned"
    return "running"


def _campaigns(ctx: Context) -> list[tuple[int, date, date, str]]:
    """Campaigns of four to sixteen weeks between two and a half years ago and next year;
    the first is the one whose summary is measured: its rumours are the most heard."""
    rng, now = ctx.rng, utcnow()
    rows = []
    for n in range(ctx.pick(SCALE["campaigns"])):
        starts = today() + timedelta(days=rng.randint(-900, 300)) if n else (
            today() - timedelta(days=150))
        ends = starts + timedelta(weeks=rng.randint(4, 16) if n else 13)
        rows.append({"title": {"fr": f"Campagne {n}", "en": f"Campaign {n}"},
                     "objective": {"fr": "Déconstruire", "en": "Take apart"},
                     "status": "completed" if n == 0 else _status(starts, ends, n),
                     "starts_on": starts, "ends_on": ends,
                     "audiences": rng.sample(list(AUDIENCES), 2),
                     "channels": rng.sample(list(CHANNELS), 2), "created_at": now,
                     "updated_at": now, "status_changed_at": now})
    bulk_insert(Campaign, rows)
    ids = list(db.session.scalars(select(Campaign.id).order_by(Campaign.id)))
    heard = list(db.session.scalars(select(Rumour.id).order_by(Rumour.sighting_count.desc(),
                                                               Rumour.id).limit(3)))
    rumours, organisations = ctx.ids.get("rumour", []), ctx.ids.get("organisation", [])
    links, places, partners = [], [], []
    for n, campaign_id in enumerate(ids):
        for rumour_id in (heard if n == 0 else rng.sample(rumours, min(2, len(rumours)))):
            links.append({"campaign_id": campaign_id, "rumour_id": rumour_id})
        for district_id in rng.sample(ctx.ids["district"], 2 if n % 3 else 1):
            places.append({"campaign_id": campaign_id, "district_id": district_id})
        for organisation_id in rng.sample(organisations, min(len(organisations),
                                                             rng.randint(4, 12))):
            partners.append({"campaign_id": campaign_id, "organisation_id": organisation_id,
                             "state": rng.choice(("accepted", "accepted", "pending",
                                                  "declined", "withdrawn")),
                             "contributions": ["venue"], "commitment": "", "joined_at": now,
                             "decision_note": "", "created_at": now, "updated_at": now})
    for table, batch in ((CampaignRumour, links), (CampaignDistrict, places),
                         (CampaignPartner, partners)):
        if batch:
            bulk_insert(table, batch)
    ctx.ids["campaign"] = ids
    return [(cid, row["starts_on"], row["ends_on"], row["status"])
            for cid, row in zip(ids, rows, strict=True)]


def _activity_row(ctx: Context, campaign, n: int) -> tuple[dict, list[datetime]]:
    """One activity in its campaign's period at a wall-clock hour; a tenth recur weekly."""
    rng, now = ctx.rng, utcnow()
    campaign_id, starts_on, ends_on, _status_ = campaign
    day = starts_on + timedelta(days=rng.randint(0, (ends_on - starts_on).days))
    at = datetime.min.time().replace(hour=rng.randint(9, 20))
    weeks = rng.randint(4, 12) if n % 10 == 0 else 0
    excepted = [day + timedelta(weeks=2)] if weeks and n % 20 == 0 else []
    days = [d for d in (day + timedelta(weeks=k) for k in range(max(1, weeks)))
            if d not in excepted]
    starts = [to_utc(d, at) for d in days]
    length = timedelta(hours=2)
    past = starts[-1] + length < now
    return {"campaign_id": campaign_id, "kind": rng.choice(list(ACTIVITY_KINDS)),
            "title": {"fr": f"Activité {n}", "en": f"Activity {n}"}, "description": {},
            "starts_at": starts[0], "ends_at": starts[0] + length,
            "rrule": f"FREQ=WEEKLY;COUNT={weeks}" if weeks else "",
            "exdates": [d.isoformat() for d in excepted], "last_ends_at": starts[-1] + length,
            "place": f"Salle {n % 50}", "district_id": rng.choice(ctx.ids["district"]),
            "language": "fr", "capacity": 40, "sequence": 0, "cancel_reason": "",
            "cancelled_at": now if n % 33 == 0 else None,
            "attendees": rng.randint(5, 80) if past else None,
            "conversations": rng.randint(0, 30) if past else None,
            "materials": rng.randint(0, 200) if past else None,
            "online_views": rng.randint(0, 5000) if past and n % 7 == 0 else None,
            "reach_recorded_at": now if past else None,
            "created_at": now, "updated_at": now}, starts


def _activities(ctx: Context, campaigns) -> list[tuple[int, int, datetime, str]]:
    """(activity id, campaign id, first start, campaign status) of every activity."""
    rng = ctx.rng
    rows, starts = [], []
    for n in range(ctx.pick(SCALE["activities"])):
        row, dates = _activity_row(ctx, campaigns[n % len(campaigns)], n)
        rows.append(row)
        starts.append(dates)
    for first in range(0, len(rows), CHUNK):
        bulk_insert(Activity, rows[first:first + CHUNK])
    ids = list(db.session.scalars(select(Activity.id).order_by(Activity.id)))
    occurrences, runs, staff = [], [], []
    organisations, agents = ctx.ids.get("organisation", []), ctx.ids.get("agent", [])
    for activity_id, dates, row in zip(ids, starts, rows, strict=True):
        occurrences += [{"activity_id": activity_id, "campaign_id": row["campaign_id"],
                         "starts_at": s, "ends_at": s + timedelta(hours=2)} for s in dates]
        runs += [{"activity_id": activity_id, "organisation_id": o}
                 for o in rng.sample(organisations[1:], min(len(organisations) - 1, 2))]
        staff += [{"activity_id": activity_id, "agent_id": a}
                  for a in rng.sample(agents, min(len(agents), rng.randint(0, 3)))]
    for table, batch in ((ActivityOccurrence, occurrences), (ActivityOrganisation, runs),
                         (ActivityAgent, staff)):
        for first in range(0, len(batch), CHUNK):
            bulk_insert(table, batch[first:first + CHUNK])
    status = {c[0]: c[3] for c in campaigns}
    return [(aid, row["campaign_id"], row["starts_at"], status[row["campaign_id"]])
            for aid, row in zip(ids, rows, strict=True)]


def _feed_user(ctx: Context) -> int:
    """The first active partner account, now of the feed's organisation, with a feed."""
    organisation_id = ctx.ids["organisation"][0]
    user_id = db.session.scalar(select(User.id).where(User.role == "partner",
                                                      User.active.is_(True)).order_by(User.id))
    db.session.execute(update(User).where(User.id == user_id)
                       .values(organisation_id=organisation_id))
    db.session.add(CalendarFeed(user_id=user_id,
                                token_hash=hashlib.sha256(FEED_TOKEN.encode()).hexdigest()))
    return organisation_id


def _feed(ctx: Context, activities) -> None:
    """The feed's organisation runs the published activities closest to today: its
    partner's personal feed has that many events."""
    organisation_id = _feed_user(ctx)
    published = [a for a in activities if a[3] in PUBLISHED]
    now = utcnow()
    published.sort(key=lambda a: abs((a[2] - now).total_seconds()))
    chosen = published[:ctx.pick(SCALE["feed_events"])]
    bulk_insert(ActivityOrganisation, [
        {"activity_id": a[0], "organisation_id": organisation_id} for a in chosen])


def _reminders(ctx: Context, activities) -> None:
    """Due reminders (the day before) of upcoming activities, to the partner accounts of
    organisations running them: each one to deliver, none superseded by a shorter one."""
    rng, now = ctx.rng, utcnow()
    partners = list(db.session.scalars(
        select(User.id).where(User.role == "partner", User.active.is_(True),
                              User.organisation_id.is_(None)).order_by(User.id).limit(50)))
    organisations = rng.sample(ctx.ids["organisation"][1:], len(partners))
    for user_id, organisation_id in zip(partners, organisations, strict=True):
        db.session.execute(update(User).where(User.id == user_id)
                           .values(organisation_id=organisation_id))
    upcoming = [a for a in activities if a[2] > now and a[3] in PUBLISHED]
    wanted = ctx.pick(SCALE["reminders"])
    runs, rows = [], []
    for n, (activity_id, _campaign, starts, _status) in enumerate(upcoming * 8):
        if n >= wanted:
            break
        # Each further pass over the activities reminds another partner of each.
        index = (n % len(upcoming) + 7 * (n // len(upcoming))) % len(partners)
        runs.append({"activity_id": activity_id, "organisation_id": organisations[index]})
        rows.append({"activity_id": activity_id, "user_id": partners[index],
                     "occurrence_starts_at": starts, "offset_minutes": 24 * 60,
                     "due_at": now - timedelta(minutes=rng.randint(1, 600)),
                     "created_at": now, "attempts": 0, "last_error": ""})
    for first in range(0, len(runs), 5000):  # an activity may already be run by it
        insert_or_ignore(ActivityOrganisation, runs[first:first + 5000],
                         ["activity_id", "organisation_id"])
    for first in range(0, len(rows), CHUNK):
        bulk_insert(Reminder, rows[first:first + CHUNK])


# --- what is measured ---------------------------------------------------------------------


def _url(ctx: Context, endpoint: str, values: dict) -> str | None:
    with ctx.app.test_request_context():
        try:
            return url_for(endpoint, **values)
        except BuildError:
            return None


def _summary_campaign() -> int | None:
    """The first campaign generated: completed, thirteen weeks, the most-heard rumours."""
    return db.session.scalar(select(func.min(Campaign.id)))


def _wanted(ctx: Context) -> list[tuple[str, str, str | None, str | None, float | None]]:
    """(name, endpoint, URL or None when the endpoint is missing, role, p95 budget)."""
    summary_id = _summary_campaign()
    return [
        ("city calendar, month view", MONTH_CALENDAR[0],
         _url(ctx, MONTH_CALENDAR[0], MONTH_CALENDAR[1]()), "coordinator", MONTH_BUDGET_MS),
        (f"personal iCalendar feed ({ctx.pick(SCALE['feed_events'])} events)", USER_FEED[0],
         _url(ctx, USER_FEED[0], USER_FEED[1]()), None, FEED_BUDGET_MS),
        ("campaign summary (13 weeks, 3 most-heard rumours)", SUMMARY[0],
         _url(ctx, SUMMARY[0], {"campaign_id": summary_id}) if summary_id else None,
         "coordinator", None),
    ]


def pages(ctx: Context) -> list[Page]:
    return [Page(name, url, role, budget_ms=budget)
            for name, _endpoint, url, role, budget in _wanted(ctx) if url is not None]


def extra(ctx: Context) -> list[Measure]:
    skipped = [Measure(f"{name}: SKIPPED", 0.0, note=f"endpoint missing: {endpoint}")
               for name, endpoint, url, _role, _budget in _wanted(ctx) if url is None]
    return [*skipped, *_feed_size(ctx), _reminder_job()]


def _feed_size(ctx: Context) -> list[Measure]:
    url = _url(ctx, USER_FEED[0], USER_FEED[1]())
    if url is None:
        return []
    # The first fetch after the application starts reads every event from its row (written
    # by the scheduled job); later ones reuse the events kept in memory.
    ctx.app.extensions.pop("campaigns.feed_events", None)
    started = time.perf_counter()
    body = ctx.app.test_client().get(url).get_data()
    took = (time.perf_counter() - started) * 1000
    return [Measure("personal iCalendar feed, first fetch after a start", took, FEED_BUDGET_MS,
                    f"{body.count(b'BEGIN:VEVENT')} events, {len(body) // 1024} KiB")]


def _reminder_job() -> Measure:
    """The job's delivery of every due reminder, once, timed; then put back as it was."""
    deliver = getattr(reminders, "deliver_due", None)
    if deliver is None:
        return Measure("reminder job: SKIPPED", 0.0,
                       note="missing: icc_network.campaigns.services.reminders.deliver_due")
    _reset_reminders()
    due = db.session.scalar(select(func.count()).select_from(Reminder)
                            .where(Reminder.sent_at.is_(None), Reminder.due_at <= utcnow()))
    db.session.commit()
    began = utcnow()
    started = time.perf_counter()
    deliver()
    db.session.commit()
    took = (time.perf_counter() - started) * 1000
    sent = db.session.scalar(select(func.count()).select_from(Reminder)
                             .where(Reminder.sent_at.is_not(None)))
    db.session.execute(delete(Notification).where(Notification.created_at >= began))
    _reset_reminders()
    db.session.commit()
    return Measure(f"reminder job delivering {due} due reminders", took, REMINDERS_BUDGET_MS,
                   f"{sent} sent (in-app; no SMTP configured); reset afterwards")


def _reset_reminders() -> None:
    db.session.execute(update(Reminder).values(sent_at=None, dropped_at=None, attempts=0,
                                               last_error=""))
