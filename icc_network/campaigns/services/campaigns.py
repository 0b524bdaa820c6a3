"""Campaigns: what they say to whom, where and when, and where they stand.

A campaign is created as a draft; coordinators move it along ``vocab.TRANSITIONS``
and the scheduler starts planned campaigns on their first day and completes running
ones after their last (:func:`advance_statuses`). Drafts are plans, not joint work:
only published campaigns give derived ties in the network (``services.ties``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from flask import current_app
from sqlalchemy import Select, case, delete, func, select, update
from sqlalchemy.orm import selectinload

from ...core import audit
from ...core.clock import utcnow
from ...core.i18n import LANGUAGE_NAMES
from ...core.i18n import lazy_gettext as _l
from ...core.models import District
from ...core.rules import refuse_unless
from ...core.text import MAX_ID, fold, to_int
from ...extensions import db
from ...rumours.models import Rumour
from ...rumours.services.catalogue import RumourFilters, rumour_query
from ..models import Campaign, CampaignDistrict, CampaignPartner, CampaignRumour
from ..vocab import AUDIENCES, CHANNELS, STATUSES, TAKING_PART, TRANSITIONS
from . import ties

# The largest amount the budget column holds (NUMERIC(12, 2)).
MAX_BUDGET = Decimal("9999999999.99")
SCALAR_FIELDS = ("title", "objective", "starts_on", "ends_on", "budget", "audiences", "channels")
RUMOUR_OPTIONS = 30


# --- one campaign -------------------------------------------------------------------

@dataclass
class CampaignData:
    title: dict[str, str]
    objective: dict[str, str]
    starts_on: date | None
    ends_on: date | None
    budget: Decimal | None = None
    audiences: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    rumour_ids: list[int] = field(default_factory=list)
    district_ids: list[int] = field(default_factory=list)


def load_campaign(campaign_id: int | None) -> Campaign | None:
    if campaign_id is None:
        return None
    return db.session.scalar(select(Campaign).where(Campaign.id == campaign_id).options(
        selectinload(Campaign.rumours), selectinload(Campaign.districts)))


def save_campaign(campaign: Campaign | None, data: CampaignData, *, actor: Any) -> Campaign:
    """Create a draft, or change one campaign; its target rumours and districts follow
    ``data`` exactly."""
    _check(campaign, data)
    created = campaign is None
    if campaign is None:
        campaign = Campaign(status="draft", status_changed_at=utcnow(),
                            created_by_id=getattr(actor, "id", None))
        db.session.add(campaign)
        before: dict[str, Any] = {}
    else:
        before = {name: getattr(campaign, name) for name in SCALAR_FIELDS}
    for name in SCALAR_FIELDS:
        setattr(campaign, name, getattr(data, name))
    db.session.flush()
    changed = [name for name in SCALAR_FIELDS if not created and before[name] != getattr(
        campaign, name)]
    if _replace_links(CampaignRumour, CampaignRumour.rumour_id, campaign.id, data.rumour_ids):
        changed.append("rumours")
    if _replace_links(CampaignDistrict, CampaignDistrict.district_id, campaign.id,
                      data.district_ids):
        changed.append("districts")
    if not created:
        db.session.expire(campaign, ["rumours", "districts"])
    audit.record(actor, "campaign.create" if created else "campaign.update", campaign,
                 changed=changed)
    return campaign


def _replace_links(model: Any, column: Any, campaign_id: int, wanted_ids: Iterable[int]) -> bool:
    """Make the campaign's link rows exactly ``wanted_ids``; whether anything changed."""
    wanted = set(wanted_ids)
    current = set(db.session.scalars(select(column).where(model.campaign_id == campaign_id)))
    if current - wanted:
        db.session.execute(delete(model).where(model.campaign_id == campaign_id,
                                               column.in_(sorted(current - wanted))))
    db.session.add_all(model(campaign_id=campaign_id, **{column.key: value})
                       for value in sorted(wanted - current))
    db.session.flush()
    return current != wanted


def _check(campaign: Campaign | None, data: CampaignData) -> None:
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    for name in ("title", "objective"):
        refuse_unless((getattr(data, name) or {}).get(default), _l(
            "Enter the text in %(language)s.", language=LANGUAGE_NAMES[default]), name)
    refuse_unless(data.starts_on is not None, _l("Give the campaign's first day."), "starts_on")
    refuse_unless(data.ends_on is not None, _l("Give the campaign's last day."), "ends_on")
    refuse_unless(data.ends_on >= data.starts_on, _l(
        "The campaign would end before it starts: its last day must be on or after its "
        "first day."), "ends_on")
    if data.budget is not None:
        refuse_unless(data.budget.is_finite() and data.budget >= 0,
                      _l("The budget cannot be negative."), "budget")
        refuse_unless(data.budget <= MAX_BUDGET, _l("Enter a budget below ten billion."),
                      "budget")
    for name, vocabulary in (("audiences", AUDIENCES), ("channels", CHANNELS)):
        refuse_unless(set(getattr(data, name)) <= set(vocabulary),
                      _l("Choose entries of the list."), name)
    kept = _linked(campaign.id) if campaign is not None else (set(), set())
    _check_ids(set(data.rumour_ids) - kept[0], select(Rumour.id).where(
        Rumour.status != "archived", Rumour.merged_into_id.is_(None)), Rumour.id,
        _l("Choose rumours of the register that are not archived."), "rumour_ids")
    _check_ids(set(data.district_ids) - kept[1], select(District.id).where(
        District.active.is_(True)), District.id, _l("Choose districts of the list."),
        "district_ids")


def _linked(campaign_id: int) -> tuple[set[int], set[int]]:
    """The rumours and districts a campaign has now: they may stay even once archived or
    retired."""
    return (set(db.session.scalars(select(CampaignRumour.rumour_id).where(
        CampaignRumour.campaign_id == campaign_id))),
        set(db.session.scalars(select(CampaignDistrict.district_id).where(
            CampaignDistrict.campaign_id == campaign_id))))


def _check_ids(new: set[int], allowed: Select, column: Any, message: Any, name: str) -> None:
    """Refuse ids newly chosen that ``allowed`` does not offer (already linked ones stay)."""
    if not new:
        return
    refuse_unless(all(0 < i <= MAX_ID for i in new), message, name)
    found = set(db.session.scalars(allowed.where(column.in_(sorted(new)))))
    refuse_unless(found == new, message, name)


def allowed_transitions(campaign: Campaign) -> tuple[str, ...]:
    return TRANSITIONS.get(campaign.status, ())


def change_status(campaign: Campaign, to_status: str, *, actor: Any, on: date) -> Campaign:
    """A coordinator's move. Moves the scheduler would undo at once (back to planned
    after the first day, back to running after the last) are refused with the reason."""
    refuse_unless(to_status in allowed_transitions(campaign),
                  _l("A campaign cannot move from its status to that one."), "status")
    if campaign.status == "running" and to_status == "planned":
        refuse_unless(campaign.starts_on > on, _l(
            "The campaign's first day has passed: move its dates first, or it would be set "
            "running again."), "status")
    if campaign.status == "completed" and to_status == "running":
        refuse_unless(campaign.ends_on >= on, _l(
            "The campaign's last day has passed: extend it first, or it would be completed "
            "again."), "status")
    from_status = campaign.status
    campaign.status, campaign.status_changed_at = to_status, utcnow()
    db.session.flush()
    audit.record(actor, "campaign.status", campaign, from_status=from_status,
                 to_status=to_status)
    if "draft" in (from_status, to_status):
        ties.refresh_ties(campaign.id)
    return campaign


def delete_campaign(campaign: Campaign, *, actor: Any) -> None:
    refuse_unless(campaign.status == "draft", _l(
        "Only a draft can be deleted: this campaign has been planned. Set it back to draft "
        "first if it will not take place."))
    audit.record(actor, "campaign.delete", campaign, title=campaign.title)
    ties.forget_ties(campaign.id)
    db.session.delete(campaign)
    db.session.flush()


# --- the scheduler's moves ------------------------------------------------------------

def advance_statuses(on: date) -> dict[str, int]:
    """Start planned campaigns whose first day has come and complete running ones whose
    last day has passed: two statements, idempotent. A planned campaign whose dates are
    all past goes through both in one run."""
    now = utcnow()
    moved = {}
    for key, from_status, to_status, condition in (
            ("started", "planned", "running", Campaign.starts_on <= on),
            ("completed", "running", "completed", Campaign.ends_on < on)):
        ids = db.session.scalars(
            update(Campaign).where(Campaign.status == from_status, condition)
            .values(status=to_status, status_changed_at=now, updated_at=now)
            .returning(Campaign.id).execution_options(synchronize_session="fetch")).all()
        for campaign_id in ids:
            audit.record(None, "campaign.status", entity_type=Campaign.__tablename__,
                         entity_id=campaign_id, from_status=from_status, to_status=to_status,
                         scheduled=True)
        moved[key] = len(ids)
    return moved


# --- the list ---------------------------------------------------------------------

SORTS = ("title", "starts", "ends", "status", "updated")
DEFAULT_SORT = "-starts"


@dataclass(frozen=True)
class CampaignFilters:
    q: str = ""
    status: str = ""
    district_id: int | None = None
    rumour_id: int | None = None
    sort: str = DEFAULT_SORT


def parse_filters(args: Mapping[str, Any]) -> CampaignFilters:
    """Filters from query arguments; anything malformed is ignored rather than refused."""
    sort = str(args.get("sort") or DEFAULT_SORT)
    return CampaignFilters(
        q=str(args.get("q") or "").strip()[:100],
        status=str(args.get("status")) if args.get("status") in STATUSES else "",
        district_id=to_int(args.get("district")), rumour_id=to_int(args.get("rumour")),
        sort=sort if sort.lstrip("-") in SORTS else DEFAULT_SORT)


def campaign_query(filters: CampaignFilters, locale: str) -> Select:
    """Campaigns with the number of organisations taking part (one query a page, plus one
    each for the pages' rumours and districts)."""
    partners = (select(CampaignPartner.campaign_id, func.count().label("n"))
                .where(CampaignPartner.state.in_(TAKING_PART))
                .group_by(CampaignPartner.campaign_id).subquery())
    query = (select(Campaign, func.coalesce(partners.c.n, 0))
             .outerjoin(partners, partners.c.campaign_id == Campaign.id)
             .options(selectinload(Campaign.rumours), selectinload(Campaign.districts)))
    if filters.q:
        query = query.where(Campaign.id.in_(title_matches(filters.q)))
    if filters.status:
        query = query.where(Campaign.status == filters.status)
    if filters.district_id is not None:
        query = query.where(Campaign.id.in_(select(CampaignDistrict.campaign_id).where(
            CampaignDistrict.district_id == filters.district_id)))
    if filters.rumour_id is not None:
        query = query.where(Campaign.id.in_(select(CampaignRumour.campaign_id).where(
            CampaignRumour.rumour_id == filters.rumour_id)))
    return query.order_by(_sort_column(filters.sort, locale), Campaign.id.desc())


def _sort_column(sort: str, locale: str) -> Any:
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    columns = {
        "title": func.lower(func.coalesce(Campaign.title[locale].as_string(),
                                          Campaign.title[default].as_string())),
        "starts": Campaign.starts_on, "ends": Campaign.ends_on,
        "status": case({s: n for n, s in enumerate(STATUSES)}, value=Campaign.status),
        "updated": Campaign.updated_at}
    column = columns[sort.lstrip("-")]
    return column.desc() if sort.startswith("-") else column.asc()


def title_matches(text: str) -> list[int]:
    """The campaigns whose title holds every word typed, in either language, case and
    accents ignored ("refugies" finds "Réfugiés"). Titles are folded here rather than in
    SQL, which neither database does the same way; a city runs hundreds of campaigns."""
    words = fold(text).split()
    if not words:
        return []
    found = []
    for campaign_id, title in db.session.execute(select(Campaign.id, Campaign.title)):
        folded = [fold(value) for value in (title or {}).values()]
        if all(any(word in value for value in folded) for word in words):
            found.append(campaign_id)
    return found


def targeted_rumours() -> list[tuple[int, dict[str, str]]]:
    """The rumours some campaign targets (the list's rumour filter), in one query."""
    return list(db.session.execute(
        select(Rumour.id, Rumour.wording).where(Rumour.id.in_(select(CampaignRumour.rumour_id)))
        .order_by(Rumour.id)).all())


# --- what a campaign's page and form show ------------------------------------------

def rumours_of(campaign: Campaign) -> list[Rumour]:
    ids = [link.rumour_id for link in campaign.rumours]
    if not ids:
        return []
    return list(db.session.scalars(select(Rumour).where(Rumour.id.in_(ids)).order_by(Rumour.id)))


def districts_of(campaign: Campaign) -> list[District]:
    ids = [link.district_id for link in campaign.districts]
    if not ids:
        return []
    return list(db.session.scalars(select(District).where(District.id.in_(ids))
                                   .order_by(District.position, District.code)))


def rumour_options(chosen_ids: Iterable[Any], q: str = "") -> list[Rumour]:
    """The rumours a campaign form offers: those chosen already, then those of the
    register matching ``q`` (most heard first), never archived or merged ones."""
    chosen = sorted({i for i in (to_int(v) for v in chosen_ids) if i})
    shown = list(db.session.scalars(select(Rumour).where(Rumour.id.in_(chosen))
                                     .order_by(Rumour.id))) if chosen else []
    found = db.session.scalars(
        rumour_query(RumourFilters(q=q.strip()[:200], sort="-sightings"))
        .where(Rumour.status != "archived", Rumour.merged_into_id.is_(None),
               Rumour.id.not_in(chosen))
        .limit(RUMOUR_OPTIONS))
    return [*shown, *found]


def campaigns_targeting(rumour_id: int, limit: int = 50) -> list[Campaign]:
    """The campaigns that target a rumour, latest first (one query)."""
    return list(db.session.scalars(
        select(Campaign).where(Campaign.id.in_(select(CampaignRumour.campaign_id).where(
            CampaignRumour.rumour_id == rumour_id)))
        .order_by(Campaign.starts_on.desc(), Campaign.id.desc()).limit(limit)))


# --- the coordinators' home page --------------------------------------------------------

def running_campaigns(limit: int = 5) -> tuple[list[tuple[Campaign, int]], int]:
    """Running campaigns, those ending soonest first, with how many organisations take part
    in each, and how many run in all (two queries)."""
    partners = (select(func.count()).where(CampaignPartner.campaign_id == Campaign.id,
                                           CampaignPartner.state.in_(TAKING_PART))
                .correlate(Campaign).scalar_subquery())
    running = Campaign.status == "running"
    rows = db.session.execute(select(Campaign, partners).where(running)
                              .order_by(Campaign.ends_on, Campaign.id).limit(limit)).all()
    total = (len(rows) if len(rows) < limit
             else db.session.scalar(select(func.count()).select_from(Campaign).where(running)))
    return [(campaign, int(n)) for campaign, n in rows], int(total or 0)
