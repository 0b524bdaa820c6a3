"""Who takes part in an activity: the accounts of its assigned agents, and the accounts of
its partner organisations. Reminders go to them; "my activities" and personal calendar
feeds show a person the activities they take part in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from ...agents.models import Agent
from ...auth.models import User
from ...extensions import db
from ..models import Activity, ActivityAgent, ActivityOrganisation


def participants(activity_ids: Iterable[int]) -> dict[int, set[int]]:
    """The active accounts taking part in each activity (two queries whatever the count)."""
    ids = sorted(set(activity_ids))
    found: dict[int, set[int]] = defaultdict(set)
    if not ids:
        return found
    for activity_id, user_id in db.session.execute(
            select(ActivityAgent.activity_id, Agent.user_id)
            .join(Agent, Agent.id == ActivityAgent.agent_id)
            .join(User, User.id == Agent.user_id)
            .where(ActivityAgent.activity_id.in_(ids), Agent.erased_at.is_(None),
                   User.active.is_(True))):
        found[activity_id].add(user_id)
    for activity_id, user_id in db.session.execute(
            select(ActivityOrganisation.activity_id, User.id)
            .join(User, User.organisation_id == ActivityOrganisation.organisation_id)
            .where(ActivityOrganisation.activity_id.in_(ids), User.active.is_(True))):
        found[activity_id].add(user_id)
    return found


def takes_part(user: Any) -> ColumnElement[bool]:
    """A condition on ``Activity``: the user is assigned to it as an agent, or their
    organisation runs it."""
    as_agent = (select(ActivityAgent.activity_id)
                .join(Agent, Agent.id == ActivityAgent.agent_id)
                .where(Agent.user_id == user.id))
    conditions = [Activity.id.in_(as_agent)]
    if getattr(user, "organisation_id", None) is not None:
        conditions.append(Activity.id.in_(
            select(ActivityOrganisation.activity_id)
            .where(ActivityOrganisation.organisation_id == user.organisation_id)))
    return or_(*conditions)
