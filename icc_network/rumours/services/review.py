"""Review of counter-arguments: the city's settings (four-eyes validation, how early a
coordinator hears of an argument about to go stale) and sending a draft back to its author."""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlalchemy import select

from ...auth.models import User
from ...core import audit, notifications
from ...core.clock import utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.links import path_for
from ...core.rules import refuse_unless
from ...extensions import db
from ..models import CounterArgument, Rumour
from .attention import short

RETURNED_KIND = "rumours.argument_returned"
MAX_NOTICE_DAYS = 366
REASON_MAX = 1000
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def parse_four_eyes(value: Any) -> bool:
    """ARGUMENTS_FOUR_EYES as a boolean; ValueError naming the setting when it is neither."""
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValueError(f"ARGUMENTS_FOUR_EYES: {value!r} is neither true nor false "
                     "(true/false, 1/0, yes/no, on/off)")


def parse_notice_days(value: Any) -> int:
    """ARGUMENTS_EXPIRY_NOTICE_DAYS as days; ValueError naming the setting when it is not
    a whole number from 0 to 366."""
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or int(text) > MAX_NOTICE_DAYS:
        raise ValueError(f"ARGUMENTS_EXPIRY_NOTICE_DAYS: {value!r} is not a number of days "
                         f"from 0 to {MAX_NOTICE_DAYS}")
    return int(text)


def check_settings(config: dict) -> None:
    """Stop the application at start-up when a setting of this module is wrong."""
    parse_four_eyes(config.get("ARGUMENTS_FOUR_EYES", "false"))
    parse_notice_days(config.get("ARGUMENTS_EXPIRY_NOTICE_DAYS", "30"))


def four_eyes() -> bool:
    return parse_four_eyes(current_app.config.get("ARGUMENTS_FOUR_EYES", "false"))


def notice_days() -> int:
    return parse_notice_days(current_app.config.get("ARGUMENTS_EXPIRY_NOTICE_DAYS", "30"))


def may_validate(argument: CounterArgument, user_id: int | None) -> bool:
    """Under four-eyes validation, not the person who wrote or last changed it."""
    return not (four_eyes() and argument.authored_by(user_id))


def refuse_own_validation(argument: CounterArgument, actor: Any) -> None:
    refuse_unless(may_validate(argument, getattr(actor, "id", None)),
                  _l("You wrote or last changed this argument: another coordinator must "
                     "validate it."), "status")


def send_back(argument: CounterArgument, *, actor: Any, reason: str) -> CounterArgument:
    """A validator returns a draft to its author with a reason; the author is told and sees
    the reason on the argument until it is changed."""
    reason = (reason or "").strip()
    refuse_unless(argument.status == "draft", _l("Only a draft can be sent back."), "reason")
    refuse_unless(not argument.authored_by(actor.id),
                  _l("You wrote or last changed this argument: change it yourself instead."),
                  "reason")
    refuse_unless(reason, _l("Say what the author should change."), "reason")
    refuse_unless(len(reason) <= REASON_MAX,
                  _l("Keep the reason under %(n)s characters.", n=REASON_MAX), "reason")
    argument.returned_reason, argument.returned_by_id = reason, actor.id
    argument.returned_at = utcnow()
    db.session.flush()
    audit.record(actor, "argument.send_back", argument, rumour_id=argument.rumour_id)
    authors = {argument.created_by_id, argument.edited_by_id} - {None, actor.id}
    recipients = db.session.scalars(select(User.id).where(User.id.in_(authors),
                                                          User.active.is_(True))).all()
    wording, withheld = db.session.execute(select(Rumour.wording, Rumour.wording_withheld)
                                           .where(Rumour.id == argument.rumour_id)).one()
    notifications.notify(
        recipients, RETURNED_KIND,
        {"argument": short(argument.text), "rumour": short(wording, withheld), "reason": reason,
         "by": actor.name},
        link=path_for("rumours.argument_edit", argument_id=argument.id),
        dedupe_key=f"{RETURNED_KIND}:{argument.id}:{argument.returned_at.isoformat()}")
    return argument


def clear_return(argument: CounterArgument) -> None:
    """Changed or validated: the reason it was sent back no longer applies."""
    argument.returned_reason, argument.returned_at, argument.returned_by_id = "", None, None
