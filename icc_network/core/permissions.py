"""Who may do what: named actions, `can()` and the `@require()` view decorator.

Every permission of the product is decided here. Role rules say which roles
may perform an action at all; object rules refine that for one record (a
partner edits *their own* organisation). Administrators pass every role rule;
object rules still apply to them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from ..extensions import login_manager


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    TRAINER = "trainer"
    PARTNER = "partner"
    STAFF = "staff"
    AGENT = "agent"


ANONYMOUS = "anonymous"
ADMIN, COORDINATOR, TRAINER, PARTNER, STAFF, AGENT = tuple(Role)

SIGNED_IN = frozenset(Role)
EVERYONE = frozenset({ANONYMOUS, *Role})


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)


# Role rules. Keep one section per area, in the order of DESIGN.md.
ACTIONS: dict[str, frozenset[str]] = {
    # core
    "home.view": EVERYONE,
    "account.manage": SIGNED_IN,
    "notifications.view": SIGNED_IN,
    "districts.view": SIGNED_IN,
    "districts.manage": roles(ADMIN),
    "users.manage": roles(ADMIN),
    "audit.view": roles(ADMIN),
    "system.status": roles(ADMIN),
    "translations.worklist": roles(ADMIN, COORDINATOR, TRAINER),
    # rumours: municipal staff read the register like trainers (current validated arguments,
    # words heard unless hateful); never drafts, hateful words or who reported a sighting
    "rumours.view": roles(ADMIN, COORDINATOR, TRAINER, STAFF),
    "rumours.manage": roles(ADMIN, COORDINATOR),
    "rumours.export": roles(ADMIN, COORDINATOR),
    "rumours.dashboard": roles(ADMIN, COORDINATOR),
    "arguments.view": SIGNED_IN,
    "arguments.view_drafts": roles(ADMIN, COORDINATOR),
    "arguments.manage": roles(ADMIN, COORDINATOR),
    "arguments.validate": roles(ADMIN, COORDINATOR),
    "sightings.report": SIGNED_IN,
    "sightings.view_verbatim": roles(ADMIN, COORDINATOR, TRAINER, STAFF),
    # hateful words (a hateful report's verbatim, the wording a hateful report gave a rumour
    # not yet triaged) and the queue of hateful reports, where coordinators record what
    # was done about each
    "sightings.view_hateful": roles(ADMIN, COORDINATOR),
    "sightings.handle_hateful": roles(ADMIN, COORDINATOR),
    "sightings.import": roles(ADMIN, COORDINATOR),
    # the register of every sighting (and its export): hateful words stay behind
    # sightings.view_verbatim's object rule, and never leave in a file
    "sightings.register": roles(ADMIN, COORDINATOR, TRAINER),
    "sightings.correct": roles(ADMIN, COORDINATOR),
    "kit.view": SIGNED_IN,
    # the latest validated arguments on the home page of those who use the kit in the field
    "kit.latest": roles(PARTNER, STAFF, AGENT),
    "catalogue.view": EVERYONE,
    # the catalogue's front page is the home page of the public (signed-in users get theirs)
    "catalogue.front": roles(ANONYMOUS),
    "catalogue.import": roles(ADMIN, COORDINATOR),
    # other cities' feeds: administrators say which addresses may ever be fetched;
    # coordinators subscribe to them and decide on the source cities' changes
    "feeds.allow": roles(ADMIN),
    "feeds.subscribe": roles(ADMIN, COORDINATOR),
    # network
    "network.view": roles(ADMIN, COORDINATOR, TRAINER, PARTNER, STAFF),
    "network.manage": roles(ADMIN, COORDINATOR),
    "network.export": roles(ADMIN, COORDINATOR, TRAINER, STAFF),
    "organisation.edit": roles(ADMIN, COORDINATOR, PARTNER),
    "organisation.contacts": roles(ADMIN, COORDINATOR, PARTNER),
    "contacts.export": roles(ADMIN, COORDINATOR),
    "support_group.view": roles(ADMIN, COORDINATOR, TRAINER, STAFF),
    "support_group.manage": roles(ADMIN, COORDINATOR),
    # agents: personal data for trainers and coordinators; counts for partners and staff
    "agents.view": roles(ADMIN, COORDINATOR, TRAINER),
    "agents.manage": roles(ADMIN, TRAINER),
    "agents.export": roles(ADMIN, TRAINER),
    "agents.overview": roles(ADMIN, COORDINATOR, TRAINER, PARTNER, STAFF),
    "agents.reports": roles(ADMIN, COORDINATOR, TRAINER, PARTNER, STAFF),
    "agents.own_record": roles(AGENT),
    "training.view": roles(ADMIN, COORDINATOR, TRAINER),
    "training.manage": roles(ADMIN, TRAINER),
    "certificates.view": roles(ADMIN, COORDINATOR, TRAINER, AGENT),
    "certificates.verify": EVERYONE,
    "conversations.view": roles(ADMIN, COORDINATOR, TRAINER, AGENT),
    "conversations.log": roles(ADMIN, TRAINER, AGENT),
    # the trainers' home page: sessions of the month, agents near certification, expiries
    "training.dashboard": roles(TRAINER),
    # campaigns: coordinators run them; partners join for their organisation; partners and
    # agents see the activities they take part in
    "campaigns.view": roles(ADMIN, COORDINATOR, TRAINER, STAFF),
    "campaigns.manage": roles(ADMIN, COORDINATOR),
    "campaigns.join": roles(ADMIN, PARTNER),
    "activities.mine": roles(PARTNER, AGENT),
    "activities.reach": roles(ADMIN, COORDINATOR, PARTNER),
    "calendar.feed": SIGNED_IN,
    # a partner's home page: the campaigns their organisation takes part in
    "campaigns.own_organisation": roles(PARTNER),
    # evaluation: coordinators run surveys and measures; staff read the figures; answers
    # of single respondents never leave coordinators; published measures are open data
    "evaluation.view": roles(ADMIN, COORDINATOR, STAFF),
    "evaluation.manage": roles(ADMIN, COORDINATOR),
    "surveys.respondents": roles(ADMIN, COORDINATOR),
    "open_data.view": EVERYONE,
}


# Who is told when something needs attention. Not a permission: administrators may
# do everything, but they are not alerted about everything.
ALERTED: dict[str, frozenset[str]] = {
    # statistics past their date, rumours past their alert deadline
    "rumours.attention": roles(COORDINATOR),
    # a report marked hateful has arrived
    "rumours.hateful": roles(COORDINATOR),
    # a partner, an agent or a colleague reported a rumour the city did not know
    "rumours.triage": roles(COORDINATOR),
    # certificates about to expire, agents gone quiet
    "agents.refreshers": roles(TRAINER),
    # partner organisations joining or leaving a campaign
    "campaigns.partners": roles(COORDINATOR),
}


def acts_for_organisation(role: str) -> bool:
    """Does an account with ``role`` act for one organisation of the network (that one only)?"""
    return role == PARTNER


def _own_organisation(user: Any, organisation: Any) -> bool:
    """Partners act for their own organisation only; staff roles for every one."""
    if not acts_for_organisation(role_of(user)):
        return True
    return user.organisation_id is not None and user.organisation_id == organisation.id


def _own_agent_record(user: Any, agent: Any) -> bool:
    """An agent's account reaches the agent record it is linked to; trainers reach every one."""
    if role_of(user) != AGENT:
        return True
    return agent.user_id is not None and agent.user_id == user.id


# Object rules: (user, obj) -> bool, applied after the role rule passed.
OBJECT_RULES: dict[str, Callable[[Any, Any], bool]] = {
    "notifications.view": lambda user, notification: notification.user_id == user.id,
    # rumours: drafts and expired arguments only for those who may see drafts
    "arguments.view": lambda user, argument: (
        argument.status == "validated" or can(user, "arguments.view_drafts")),
    # hateful words stay with those who may see them, whoever else reads the register
    "sightings.view_verbatim": lambda user, sighting: (
        not sighting.hateful or can(user, "sightings.view_hateful")),
    # the rumours a reporter may pick or find prefilled: those who read the register, any
    # rumour still in use; everyone else, only rumours past triage (never reported or archived)
    "sightings.report": lambda user, rumour: rumour.status != "archived" and (
        can(user, "rumours.view") or rumour.known_to_reporters),
    # network
    "organisation.edit": lambda user, organisation: _own_organisation(user, organisation),
    "organisation.contacts": lambda user, organisation: _own_organisation(user, organisation),
    # agents: an agent reaches their own record only (obj is the Agent)
    "certificates.view": lambda user, agent: _own_agent_record(user, agent),
    "conversations.view": lambda user, agent: _own_agent_record(user, agent),
    "conversations.log": lambda user, agent: _own_agent_record(user, agent),
    # campaigns: a partner joins and withdraws for their own organisation (obj is the
    # Organisation), and records the reach of activities their organisation runs (obj is
    # the ids of the activity's organisations)
    "campaigns.join": lambda user, organisation: _own_organisation(user, organisation),
    "activities.reach": lambda user, organisation_ids: (
        not acts_for_organisation(role_of(user))
        or (user.organisation_id is not None and user.organisation_id in organisation_ids)),
}


def role_of(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    return user.role


def named_for(user: Any, action: str) -> bool:
    """Is the user's role named in ``action``'s role rule? For choosing what a page shows
    each role (the home page's panels: administrators get those naming them, the
    coordinators' dashboard, not every role's at once), never for refusing."""
    return role_of(user) in ACTIONS[action]


def roles_that_can(action: str) -> frozenset[str]:
    """The roles whose role rule allows ``action``, administrators included.

    For services that look accounts up by what they may do ("who may validate
    arguments") without naming roles. Object rules are not applied.
    """
    return frozenset({ADMIN, *ACTIONS[action]}) - {ANONYMOUS}


def roles_alerted(topic: str) -> frozenset[str]:
    """The roles told when ``topic`` needs attention (see ``ALERTED``)."""
    return ALERTED[topic]


def can(user: Any, action: str, obj: Any = None) -> bool:
    """May ``user`` perform ``action`` (on ``obj`` when given)?"""
    allowed = ACTIONS[action]  # an unknown action is a programming error
    role = role_of(user)
    if role not in allowed and role != ADMIN:
        return False
    rule = OBJECT_RULES.get(action)
    if obj is not None and rule is not None:
        return bool(rule(user, obj))
    return True


def deny() -> Any:
    """Send anonymous visitors to the login page; refuse everyone else."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    abort(403)


def authorize(action: str, obj: Any = None) -> None:
    """Abort the request unless the current user may perform ``action``."""
    if not can(current_user, action, obj):
        response = deny()
        abort(response)


def require(action: str) -> Callable:
    """View decorator: the role rule of ``action`` must pass."""
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not can(current_user, action):
                return deny()
            return view(*args, **kwargs)

        wrapped.required_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorator
