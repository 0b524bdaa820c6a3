"""What the activity form offers to choose from: the organisations and agents already
chosen, the campaign's partners and what a search found, never the whole network or
register (a big city has thousands of each)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import case, select

from ...agents.models import Agent
from ...core.text import fold, to_int
from ...extensions import db
from ...network.models import Organisation, name_key
from ...network.services.organisations import organisations_named
from ..models import Campaign, CampaignPartner
from ..vocab import TAKING_PART

# Agents the form offers first: trained and available.
PREFERRED_AGENTS = ("certified", "active")
# How many partners, and how many organisations or agents found, the form offers.
PARTNER_OPTIONS = 100
OPTIONS = 30


class Option(NamedTuple):
    """One checkbox of the activity form; ``found`` when a search brought it."""

    id: int
    name: str
    detail: Any  # takes part in the campaign (organisations), status (agents)
    found: bool = False


def organisation_options(campaign: Campaign, chosen_ids: Iterable[Any] = (),
                         q: str = "") -> list[Option]:
    """The organisations the activity form offers (detail: takes part in the campaign):
    those chosen, then those taking part, then those whose name matches ``q``.
    At most three queries and a bounded list, however large the network."""
    chosen = _ids(chosen_ids)
    joined = (select(CampaignPartner.organisation_id)
              .where(CampaignPartner.campaign_id == campaign.id,
                     CampaignPartner.state.in_(TAKING_PART)))
    taking_part = Organisation.id.in_(joined)
    offered = select(Organisation.id, Organisation.name, taking_part)
    rows = [Option(*row) for row in db.session.execute(
        offered.where(Organisation.id.in_(chosen))
        .order_by(case((taking_part, 0), else_=1), Organisation.name_key))] if chosen else []
    rows += [Option(*row) for row in db.session.execute(
        offered.where(taking_part, Organisation.id.not_in(chosen))
        .order_by(Organisation.name_key).limit(PARTNER_OPTIONS))]
    text = q.strip()[:200]
    if name_key(text):
        rows += [Option(*row, found=True) for row in db.session.execute(
            offered.where(Organisation.id.in_(organisations_named(text)),
                          Organisation.id.not_in([row.id for row in rows]))
            .order_by(Organisation.name_key).limit(OPTIONS))]
    return [row._replace(detail=bool(row.detail)) for row in rows]


def agent_options(chosen_ids: Iterable[Any] = (), q: str = "",
                  district_id: int | None = None) -> list[Option]:
    """The agents the activity form offers (detail: status), never erased ones: those
    chosen, then those whose name holds every word of ``q`` or, without a search,
    certified and active agents of ``district_id`` first. Two queries, a bounded list.
    Names are personal data: for those who may see agents only."""
    chosen = _ids(chosen_ids)
    offered = select(Agent.id, Agent.first_name, Agent.last_name, Agent.status).where(
        Agent.erased_at.is_(None))
    rows = list(db.session.execute(offered.where(Agent.id.in_(chosen))
                                   .order_by(Agent.name_key, Agent.id))) if chosen else []
    words = fold(q[:200]).split()
    if words:
        preferred = case((Agent.status.in_(PREFERRED_AGENTS), 0), else_=1)
        found = offered.where(*(Agent.name_key.contains(word, autoescape=True)
                                for word in words)).order_by(preferred, Agent.name_key)
    else:
        nearby = case((Agent.district_id == district_id, 0), else_=1)
        found = offered.where(Agent.status.in_(PREFERRED_AGENTS)).order_by(
            nearby, Agent.name_key)
    more = list(db.session.execute(found.where(Agent.id.not_in(chosen)).order_by(Agent.id)
                                   .limit(OPTIONS)))
    return [Option(row.id, f"{row.first_name} {row.last_name}".strip(), row.status,
                   bool(words) and index >= len(rows))
            for index, row in enumerate([*rows, *more])]


def _ids(values: Iterable[Any]) -> list[int]:
    """Ids as the form sends them, bad ones left out."""
    return sorted({number for number in (to_int(value) for value in values) if number})


def _ids(values: Iterable[Any]) -> list[int]:
    """Ids as the form sends them, bad ones left out."""
    return sorted({number for number in (to_int(value) for value in values) if number})
