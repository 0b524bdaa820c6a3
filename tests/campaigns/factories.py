"""Factories of the campaigns area (the style is described in tests/factories.py)."""

from __future__ import annotations

import hashlib
import itertools
import secrets
from datetime import date, datetime, timedelta

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
from icc_network.core.clock import utcnow
from icc_network.extensions import db

_sequence = itertools.count(1)


def campaign(title: str | None = None, *, status: str = "planned",
             starts_on: date = date(2026, 3, 1), ends_on: date = date(2026, 6, 30),
             rumours=(), districts=(), **kwargs) -> Campaign:
    n = next(_sequence)
    row = Campaign(title={"fr": title or f"Campagne {n}", "en": f"Campaign {n}"},
                   objective=kwargs.pop("objective", {"fr": "Déconstruire", "en": "Take apart"}),
                   status=status, starts_on=starts_on, ends_on=ends_on,
                   audiences=kwargs.pop("audiences", ["general_public"]),
                   channels=kwargs.pop("channels", ["face_to_face"]), **kwargs)
    db.session.add(row)
    db.session.flush()
    db.session.add_all(CampaignRumour(campaign_id=row.id, rumour_id=r.id) for r in rumours)
    db.session.add_all(CampaignDistrict(campaign_id=row.id, district_id=d.id) for d in districts)
    db.session.flush()
    return row


def participation(campaign_row: Campaign, organisation, *, state: str = "pending",
                  contributions=("venue",), commitment: str = "Notre salle le samedi",
                  joined_by=None, **kwargs) -> CampaignPartner:
    row = CampaignPartner(campaign_id=campaign_row.id, organisation_id=organisation.id,
                          state=state, contributions=list(contributions), commitment=commitment,
                          joined_by_id=joined_by.id if joined_by is not None else None,
                          joined_at=utcnow(), **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


def activity(campaign_row: Campaign, *, kind: str = "cafe", title: str | None = None,
             starts_at: datetime = datetime(2026, 3, 14, 9, 0), minutes: int = 120,
             occurrences: list[datetime] | None = None, rrule: str = "", exdates=(),
             organisations=(), agents=(), district=None, **kwargs) -> Activity:
    """An activity with its occurrence rows: ``occurrences`` (UTC starts) when it recurs,
    else its one start. The rows are given, not expanded from ``rrule``."""
    n = next(_sequence)
    starts = occurrences or [starts_at]
    length = timedelta(minutes=minutes)
    row = Activity(campaign_id=campaign_row.id, kind=kind,
                   title={"fr": title or f"Café {n}", "en": f"Café {n}"},
                   description=kwargs.pop("description", {"fr": "Échanger", "en": "Talk"}),
                   starts_at=starts[0], ends_at=starts[0] + length, rrule=rrule,
                   exdates=list(exdates), last_ends_at=starts[-1] + length,
                   place=kwargs.pop("place", "Médiathèque"),
                   district_id=district.id if district is not None else None,
                   language=kwargs.pop("language", "fr"), **kwargs)
    db.session.add(row)
    db.session.flush()
    db.session.add_all(ActivityOccurrence(activity_id=row.id, campaign_id=row.campaign_id, starts_at=s,
                                          ends_at=s + length)
                       for s in starts)
    db.session.add_all(ActivityOrganisation(activity_id=row.id, organisation_id=o.id)
                       for o in organisations)
    db.session.add_all(ActivityAgent(activity_id=row.id, agent_id=a.id) for a in agents)
    db.session.flush()
    return row


# --- reminders and feeds ----------------------------------------------------------


def calendar_feed(owner, token: str | None = None, **kwargs) -> CalendarFeed:
    """A personal feed whose secret is ``token`` (made up when not given: read it back
    from ``row.token``, which the model does not keep)."""
    token = token or secrets.token_urlsafe(32)
    row = CalendarFeed(user_id=owner.id, token_hash=hashlib.sha256(token.encode()).hexdigest(),
                       created_at=kwargs.pop("created_at", utcnow()), **kwargs)
    db.session.add(row)
    db.session.flush()
    row.token = token
    return row


def reminder(activity_row: Activity, user, occurrence_starts_at: datetime, *,
             offset_minutes: int = 1440, **kwargs) -> Reminder:
    row = Reminder(activity_id=activity_row.id, user_id=user.id,
                   occurrence_starts_at=occurrence_starts_at, offset_minutes=offset_minutes,
                   due_at=occurrence_starts_at - timedelta(minutes=offset_minutes),
                   attempts=0, last_error="", **kwargs)
    db.session.add(row)
    db.session.flush()
    return row
