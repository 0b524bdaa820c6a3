"""Partner organisations taking part in campaigns: joining with a commitment, withdrawing,
and the coordinators' answer.

An organisation has at most one participation row per campaign: withdrawing keeps it,
and joining again brings the same row back to "pending". Coordinators are told when an
organisation joins or leaves; the organisation's people are told the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import joinedload, selectinload

from ...auth.models import User
from ...core import audit
from ...core.clock import utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.links import path_for
from ...core.notifications import notify
from ...core.permissions import roles_alerted, roles_that_can
from ...core.rules import refuse_unless
from ...core.sql import insert_or_ignore
from ...extensions import db
from ...network.models import Organisation
from ..models import Campaign, CampaignPartner
from ..vocab import CONTRIBUTIONS, OPEN_TO_PARTNERS, PARTICIPATION_STATES, TAKING_PART

JOINED_KIND = "campaigns.partner_joined"
WITHDRAWN_KIND = "campaigns.partner_withdrew"
ACCEPTED_KIND = "campaigns.participation_accepted"
DECLINED_KIND = "campaigns.participation_declined"
ALERT_TOPIC = "campaigns.partners"
JOIN_ACTION = "campaigns.join"
# Campaigns over: their partners stay as they were.
CLOSED = ("completed", "evaluated")
MAX_COMMITMENT = 2000
MAX_NOTE = 1000


@dataclass
class JoinData:
    commitment: str
    contributions: list[str] = field(default_factory=list)


# --- what partners see --------------------------------------------------------------

def is_open(campaign: Campaign, on: date) -> bool:
    """Partners may still join: planned or running, and not over."""
    return campaign.status in OPEN_TO_PARTNERS and campaign.ends_on >= on


def open_campaigns_query(on: date) -> Select:
    """Campaigns partners may join on ``on``, the soonest first."""
    return (select(Campaign)
            .where(Campaign.status.in_(OPEN_TO_PARTNERS), Campaign.ends_on >= on)
            .options(selectinload(Campaign.districts))
            .order_by(Campaign.starts_on, Campaign.id))


def participations_of(organisation_id: int | None,
                      campaign_ids: list[int]) -> dict[int, CampaignPartner]:
    """The organisation's participation in each of the campaigns (one query)."""
    if organisation_id is None or not campaign_ids:
        return {}
    rows = db.session.scalars(select(CampaignPartner).where(
        CampaignPartner.organisation_id == organisation_id,
        CampaignPartner.campaign_id.in_(campaign_ids)))
    return {row.campaign_id: row for row in rows}


def participation_of(campaign_id: int, organisation_id: int) -> CampaignPartner | None:
    return participations_of(organisation_id, [campaign_id]).get(campaign_id)


# --- joining and withdrawing ----------------------------------------------------------

def join(campaign: Campaign, organisation: Organisation, data: JoinData, *, actor: Any,
         on: date) -> CampaignPartner:
    """Join on behalf of ``organisation`` (the view checked the actor acts for it), or
    change the commitment of a participation still standing."""
    _check_join(campaign, data, on)
    insert_or_ignore(CampaignPartner, {
        "campaign_id": campaign.id, "organisation_id": organisation.id, "state": "withdrawn",
        "contributions": [], "commitment": "", "decision_note": "",
        "created_at": utcnow(), "updated_at": utcnow()}, ["campaign_id", "organisation_id"])
    row = db.session.scalars(select(CampaignPartner).where(
        CampaignPartner.campaign_id == campaign.id,
        CampaignPartner.organisation_id == organisation.id)
        .execution_options(populate_existing=True)).one()
    refuse_unless(row.state != "declined", _l(
        "The coordinators declined your organisation's participation in this campaign. "
        "Contact them if things have changed."))
    rejoining = row.state not in TAKING_PART
    row.contributions = sorted(set(data.contributions), key=list(CONTRIBUTIONS).index)
    row.commitment = data.commitment.strip()
    if rejoining:
        row.state, row.joined_at, row.joined_by_id = "pending", utcnow(), getattr(
            actor, "id", None)
        row.decided_at = row.decided_by_id = None
        row.decision_note = ""
    db.session.flush()
    audit.record(actor, "campaign_partner.join" if rejoining else "campaign_partner.update",
                 row, campaign_id=campaign.id, organisation_id=organisation.id,
                 contributions=row.contributions)
    if rejoining:
        _tell_coordinators(row, campaign, organisation, JOINED_KIND, "joined")
    return row


def _check_join(campaign: Campaign, data: JoinData, on: date) -> None:
    refuse_unless(is_open(campaign, on), _l(
        "This campaign is no longer open to partners."))
    refuse_unless(data.contributions, _l("Choose at least one thing your organisation "
                                         "brings."), "contributions")
    refuse_unless(set(data.contributions) <= set(CONTRIBUTIONS),
                  _l("Choose entries of the list."), "contributions")
    commitment = (data.commitment or "").strip()
    refuse_unless(commitment, _l("Say in a few words what your organisation will do."),
                  "commitment")
    refuse_unless(len(commitment) <= MAX_COMMITMENT, _l(
        "Keep the commitment under %(n)s characters.", n=MAX_COMMITMENT), "commitment")


def withdraw(participation: CampaignPartner, *, actor: Any) -> CampaignPartner:
    """The organisation leaves the campaign; it may join again while the campaign is open."""
    refuse_unless(participation.state in TAKING_PART, _l(
        "Your organisation does not take part in this campaign."))
    campaign = db.session.get(Campaign, participation.campaign_id)
    refuse_unless(campaign.status not in CLOSED, _l(
        "The campaign is over: its partners stay on record."))
    from_state = participation.state
    participation.state = "withdrawn"
    db.session.flush()
    audit.record(actor, "campaign_partner.withdraw", participation,
                 campaign_id=participation.campaign_id,
                 organisation_id=participation.organisation_id, from_state=from_state)
    organisation = db.session.get(Organisation, participation.organisation_id)
    _tell_coordinators(participation, campaign, organisation, WITHDRAWN_KIND, "withdrew")
    return participation


# --- the coordinators' answer ---------------------------------------------------------

def decide(participation: CampaignPartner, accept: bool, note: str = "", *,
           actor: Any) -> CampaignPartner:
    refuse_unless(participation.state != "withdrawn", _l(
        "This organisation has withdrawn: there is nothing to answer."))
    note = (note or "").strip()
    refuse_unless(len(note) <= MAX_NOTE, _l("Keep the note under %(n)s characters.",
                                            n=MAX_NOTE), "note")
    state = "accepted" if accept else "declined"
    unchanged = participation.state == state and participation.decision_note == note
    participation.state, participation.decision_note = state, note
    participation.decided_at, participation.decided_by_id = utcnow(), getattr(actor, "id", None)
    db.session.flush()
    audit.record(actor, f"campaign_partner.{'accept' if accept else 'decline'}", participation,
                 campaign_id=participation.campaign_id,
                 organisation_id=participation.organisation_id)
    if not unchanged:
        _tell_partner(participation, ACCEPTED_KIND if accept else DECLINED_KIND, state)
    return participation


def participants_query(campaign_id: int, state: str = "") -> Select:
    """The campaign's participations with their organisation, those waiting first."""
    order = case({s: n for n, s in enumerate(PARTICIPATION_STATES)}, value=CampaignPartner.state)
    query = (select(CampaignPartner).join(Organisation,
                                          Organisation.id == CampaignPartner.organisation_id)
             .where(CampaignPartner.campaign_id == campaign_id)
             .options(joinedload(CampaignPartner.organisation)))
    if state in PARTICIPATION_STATES:
        query = query.where(CampaignPartner.state == state)
    return query.order_by(order, Organisation.name_key, CampaignPartner.id)


# --- who is told ------------------------------------------------------------------------

def _params(campaign: Campaign, organisation: Organisation) -> dict[str, Any]:
    return {"campaign": dict(campaign.title), "organisation": organisation.name}


def _stamp(moment: Any) -> str:
    return moment.strftime("%Y%m%d%H%M%S%f") if moment else "0"


def _tell_coordinators(row: CampaignPartner, campaign: Campaign, organisation: Organisation,
                       kind: str, event: str) -> int:
    recipients = db.session.scalars(select(User.id).where(
        User.active.is_(True), User.role.in_(sorted(roles_alerted(ALERT_TOPIC)))))
    return notify(recipients, kind, _params(campaign, organisation),
                  link=path_for("campaigns.participants", campaign_id=campaign.id),
                  dedupe_key=f"campaigns:partner:{row.id}:{event}:{_stamp(utcnow())}")


def _tell_partner(row: CampaignPartner, kind: str, state: str) -> int:
    campaign = db.session.get(Campaign, row.campaign_id)
    organisation = db.session.get(Organisation, row.organisation_id)
    recipients = db.session.scalars(select(User.id).where(
        User.active.is_(True), User.organisation_id == row.organisation_id,
        User.role.in_(sorted(roles_that_can(JOIN_ACTION)))))
    params = {**_params(campaign, organisation), "note": row.decision_note}
    return notify(recipients, kind, params, link=path_for("campaigns.open_campaigns"),
                  dedupe_key=f"campaigns:partner:{row.id}:{state}:{_stamp(row.decided_at)}")


# --- a partner's home page ---------------------------------------------------------------

def organisation_campaigns(organisation_id: int, on: date,
                           limit: int = 5) -> tuple[list[CampaignPartner], int]:
    """The campaigns not over that the organisation takes part in (or waits to), the
    soonest first, with the campaign loaded, and how many there are (two queries)."""
    where = (CampaignPartner.organisation_id == organisation_id,
             CampaignPartner.state.in_(TAKING_PART), Campaign.status != "draft",
             Campaign.ends_on >= on)
    rows = list(db.session.scalars(
        select(CampaignPartner).join(Campaign, Campaign.id == CampaignPartner.campaign_id)
        .where(*where).options(joinedload(CampaignPartner.campaign))
        .order_by(Campaign.starts_on, Campaign.id).limit(limit)))
    total = (len(rows) if len(rows) < limit else db.session.scalar(
        select(func.count()).select_from(CampaignPartner)
        .join(Campaign, Campaign.id == CampaignPartner.campaign_id).where(*where)))
    return rows, int(total or 0)
