"""Rules of counter-arguments: drafting, validation, expiry, and what the kit shows."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from flask_babel import format_date
from sqlalchemy import exists, select, update
from sqlalchemy.orm import joinedload

from ...core import audit, notifications
from ...core.clock import today, utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.rules import refuse_unless, valid_choice
from ...core.translatable import text_matches
from ...extensions import db
from ..models import CounterArgument, Rumour, current_argument
from ..vocab import KIND_ORDER, KINDS
from . import review
from .attention import Alert, alerted_ids, deliver, short


def check_url(url: str, field: str = "source_url") -> str:
    url = (url or "").strip()
    if url:
        parts = urlsplit(url)
        refuse_unless(parts.scheme in ("http", "https") and parts.netloc,
                      _l("Enter a web address starting with http:// or https://."), field)
    return url


def save_argument(argument: CounterArgument | None, *, rumour: Rumour, actor: Any, kind: str,
                  text: dict[str, str], source_publisher: str = "", source_url: str = "",
                  source_published_on: date | None = None, source_area: str = "",
                  valid_until: date | None = None) -> CounterArgument:
    """Create or update an argument. A changed validated argument goes back to draft."""
    valid_choice(kind, KINDS, "kind")
    refuse_unless(text, _l("Enter the text of the argument."), "text")
    if kind == "statistic":
        refuse_unless(source_publisher.strip(), _l("A statistic needs its source."),
                      "source_publisher")
        refuse_unless(valid_until, _l("A statistic goes stale: enter the date it is valid until."),
                      "valid_until")
    if source_published_on and valid_until:
        refuse_unless(valid_until >= source_published_on,
                      _l("It cannot be valid until a date before its publication."), "valid_until")
    if source_published_on:
        refuse_unless(source_published_on <= today(), _l("This date is in the future."),
                      "source_published_on")
    creating = argument is None
    argument = argument or CounterArgument(rumour_id=rumour.id, status="draft",
                                           created_by_id=getattr(actor, "id", None))
    values = dict(kind=kind, text=text, source_publisher=source_publisher.strip(),
                  source_url=check_url(source_url), source_published_on=source_published_on,
                  source_area=source_area.strip(), valid_until=valid_until)
    changed = any(getattr(argument, key) != value for key, value in values.items())
    for key, value in values.items():
        setattr(argument, key, value)
    if creating or changed:
        argument.edited_by_id = getattr(actor, "id", None)
        review.clear_return(argument)
    if not creating and changed and argument.status != "draft":
        argument.status, argument.validated_by_id, argument.validated_at = "draft", None, None
    db.session.add(argument)
    db.session.flush()
    audit.record(actor, "argument.create" if creating else "argument.update", argument,
                 rumour_id=rumour.id, kind=kind, status=argument.status)
    return argument


def validate_argument(argument: CounterArgument, *, actor: Any) -> CounterArgument:
    """A coordinator vouches for a draft: it joins the kit (and, if published, the catalogue)."""
    refuse_unless(argument.status == "draft", _l("Only a draft can be validated."), "status")
    review.refuse_own_validation(argument, actor)
    if argument.kind == "statistic":
        refuse_unless(argument.source_publisher and argument.valid_until,
                      _l("A statistic needs its source and the date it is valid until."),
                      "valid_until")
    refuse_unless(argument.valid_until is None or argument.valid_until >= today(),
                  _l("This argument is past its date: update it before validating."),
                  "valid_until")
    argument.status, argument.validated_by_id = "validated", actor.id
    argument.validated_at = utcnow()
    review.clear_return(argument)
    audit.record(actor, "argument.validate", argument, rumour_id=argument.rumour_id)
    db.session.flush()
    return argument


def withdraw_argument(argument: CounterArgument, *, actor: Any) -> CounterArgument:
    """Take a validated argument back to draft (it leaves the kit at once)."""
    refuse_unless(argument.status == "validated", _l("Only a validated argument can be withdrawn."),
                  "status")
    argument.status, argument.validated_by_id, argument.validated_at = "draft", None, None
    audit.record(actor, "argument.withdraw", argument, rumour_id=argument.rumour_id)
    db.session.flush()
    return argument


def expire_stale_arguments(on: date | None = None) -> dict[str, int]:
    """Expire validated arguments past their date and tell the coordinators, once each."""
    on = on or today()
    stale = db.session.execute(
        select(CounterArgument.id, CounterArgument.text, Rumour.wording,
               Rumour.wording_withheld, Rumour.assignee_id)
        .join(Rumour, Rumour.id == CounterArgument.rumour_id)
        .where(CounterArgument.status == "validated", CounterArgument.valid_until < on)
        .with_for_update(of=CounterArgument)).all()
    if stale:
        db.session.execute(update(CounterArgument)
                           .where(CounterArgument.id.in_([row[0] for row in stale]))
                           .values(status="expired", updated_at=utcnow()))
    coordinators = alerted_ids() if stale else ()
    alerts = [
        # The coordinator in charge of the rumour, or every coordinator when nobody is.
        Alert((assignee_id,) if assignee_id else coordinators,
               "assigned" if assignee_id else "unassigned",
               {"argument": short(text), "rumour": short(wording, withheld)},
               "rumours.argument_edit", {"argument_id": argument_id},
               f"rumours.argument_expired:{argument_id}")
        for argument_id, text, wording, withheld, assignee_id in stale]
    notified = deliver(alerts, "rumours.argument_expired", "rumours.arguments_expired",
                        "expired", on)
    return {"expired": len(stale), "notified": notified}


def notify_expiring(on: date | None = None, days: int | None = None) -> dict[str, int]:
    """Tell the coordinators ``days`` ahead that a validated argument reaches its date, once
    per date: an argument given a later date and approaching it again is signalled again."""
    on = on or today()
    days = review.notice_days() if days is None else days
    if days <= 0:
        return {"expiring": 0, "expiring_notified": 0}
    rows = db.session.execute(
        select(CounterArgument.id, CounterArgument.text, CounterArgument.valid_until,
               Rumour.wording, Rumour.wording_withheld, Rumour.assignee_id)
        .join(Rumour, Rumour.id == CounterArgument.rumour_id)
        .where(CounterArgument.status == "validated", CounterArgument.valid_until >= on,
               CounterArgument.valid_until <= on + timedelta(days=days))
        .order_by(CounterArgument.valid_until, CounterArgument.id)).all()
    coordinators = alerted_ids() if rows else ()
    alerts = [
        Alert((assignee_id,) if assignee_id else coordinators,
              "assigned" if assignee_id else "unassigned",
              {"argument": short(text), "rumour": short(wording, withheld),
               "date": notifications.in_each_language(
                   lambda until=until: format_date(until, "long"))},
              "rumours.argument_edit", {"argument_id": argument_id},
              f"rumours.argument_expiring:{argument_id}:{until.isoformat()}")
        for argument_id, text, until, wording, withheld, assignee_id in rows]
    notified = deliver(alerts, "rumours.argument_expiring", "rumours.arguments_expiring",
                       "expiring", on)
    return {"expiring": len(rows), "expiring_notified": notified}


# --- reading -----------------------------------------------------------------

def arguments_of(rumour_id: int, *, drafts: bool) -> list[CounterArgument]:
    """The rumour's arguments in kit order; without ``drafts`` only current validated ones."""
    query = (select(CounterArgument).options(joinedload(CounterArgument.validated_by),
                                             joinedload(CounterArgument.returned_by))
             .where(CounterArgument.rumour_id == rumour_id))
    if not drafts:
        query = query.where(current_argument(today()))
    rows = list(db.session.scalars(query))
    return sorted(rows, key=lambda a: (KIND_ORDER.index(a.kind), a.id))


def group_by_kind(arguments: list[CounterArgument]) -> list[tuple[str, list[CounterArgument]]]:
    grouped: dict[str, list[CounterArgument]] = defaultdict(list)
    for argument in arguments:
        grouped[argument.kind].append(argument)
    return [(kind, grouped[kind]) for kind in KIND_ORDER if grouped.get(kind)]


def lead_fact(arguments: list[CounterArgument]) -> CounterArgument | None:
    """What the kit and the public page open with: a fact rather than the rumour."""
    return arguments[0] if arguments else None


def answered(on: date | None = None):
    """SQL condition on Rumour: it has at least one current validated argument."""
    return exists().where(CounterArgument.rumour_id == Rumour.id, current_argument(on or today()))


def kit_query(q: str = "", theme_id: int | None = None):
    # A rumour worded by a hateful report joins the kit once triaged (and reworded).
    query = select(Rumour).where(Rumour.status != "archived", ~Rumour.wording_withheld,
                                 answered())
    if q:
        query = query.where(text_matches(Rumour.wording, q))
    if theme_id:
        query = query.where(Rumour.theme_id == theme_id)
    return query.options(joinedload(Rumour.theme)).order_by(Rumour.sighting_count.desc(),
                                                            Rumour.id)


def catalogue_query(q: str = "", theme_id: int | None = None):
    """The public catalogue: published rumours that have a current validated argument."""
    return kit_query(q, theme_id).where(Rumour.published_at.is_not(None))


def current_arguments(rumour_ids: list[int]) -> dict[int, list[CounterArgument]]:
    """The current validated arguments of several rumours, in kit order, in one query."""
    if not rumour_ids:
        return {}
    rows = db.session.scalars(select(CounterArgument).where(
        CounterArgument.rumour_id.in_(rumour_ids), current_argument(today())))
    grouped: dict[int, list[CounterArgument]] = defaultdict(list)
    for argument in sorted(rows, key=lambda a: (KIND_ORDER.index(a.kind), a.id)):
        grouped[argument.rumour_id].append(argument)
    return grouped


def lead_facts(rumour_ids: list[int]) -> dict[int, CounterArgument]:
    """The opening fact of each listed rumour."""
    return {rumour_id: args[0] for rumour_id, args in current_arguments(rumour_ids).items()}


def latest_validated(limit: int = 5) -> list[CounterArgument]:
    """The arguments most recently validated that are still in the kit, with their rumour
    (one query): what partners, staff and agents learn on their home page."""
    return list(db.session.scalars(
        select(CounterArgument).join(Rumour, Rumour.id == CounterArgument.rumour_id)
        .where(current_argument(today()), Rumour.status != "archived", ~Rumour.wording_withheld)
        .options(joinedload(CounterArgument.rumour))
        .order_by(CounterArgument.validated_at.desc().nulls_last(), CounterArgument.id.desc())
        .limit(limit)))
