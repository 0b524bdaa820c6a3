"""What needs a coordinator's attention: rumours past their alert deadline (the overdue
rule and its alerts), and the delivery of such alerts, one by one or as a summary."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select, update

from ...auth.models import User
from ...core import notifications
from ...core.clock import today
from ...core.links import path_for
from ...core.permissions import roles_alerted
from ...extensions import db
from ..models import CounterArgument, Rumour
from ..vocab import RISKS, UNANSWERED
from . import hateful


def is_overdue(rumour: Rumour, on: date | None = None) -> bool:
    on = on or today()
    return (rumour.status in UNANSWERED and rumour.alert_deadline is not None
            and rumour.alert_deadline < on)


def overdue_condition(on: date | None = None):
    """Unanswered and past its alert deadline: the SQL side of ``is_overdue``."""
    return Rumour.status.in_(UNANSWERED) & (Rumour.alert_deadline < (on or today()))


def overdue_query(on: date | None = None) -> Select:
    return (select(Rumour).where(overdue_condition(on))
            .order_by(Rumour.alert_deadline, Rumour.id))


# From this many alerts of one kind in one run, a recipient gets one summary instead:
# a first run over an imported catalogue must not send hundreds of e-mails.
DIGEST_FROM = 4


@dataclass(frozen=True)
class Alert:
    recipients: tuple[int, ...]
    group: str  # "assigned" or "unassigned": digests of both may reach one coordinator
    params: dict[str, Any]
    endpoint: str  # with ``values``: the page the alert links to, built only if it is sent
    values: dict[str, Any]
    dedupe_key: str


def notify_overdue(on: date) -> dict[str, int]:
    """Tell the assignee (or every coordinator) about rumours past their alert deadline,
    once per deadline: a deadline moved and missed again alerts again."""
    pending = overdue_condition(on) & or_(Rumour.alert_sent_for.is_(None),
                                          Rumour.alert_sent_for != Rumour.alert_deadline)
    rows = db.session.execute(
        select(Rumour.id, Rumour.wording, Rumour.wording_withheld, Rumour.risk,
               Rumour.assignee_id, Rumour.alert_deadline)
        .where(pending)).all()
    coordinators = alerted_ids() if rows else ()
    labels = {risk: notifications.in_each_language(label) for risk, label in RISKS.items()}
    alerts = [
        Alert((assignee_id,) if assignee_id else coordinators,
               "assigned" if assignee_id else "unassigned",
               {"rumour": short(wording, withheld), "risk": labels[risk]},
               "rumours.detail", {"rumour_id": rumour_id},
               f"rumours.alert_overdue:{rumour_id}:{deadline.isoformat()}")
        for rumour_id, wording, withheld, risk, assignee_id, deadline in rows]
    notified = deliver(alerts, "rumours.alert_overdue", "rumours.alerts_overdue", "overdue", on)
    if rows:
        db.session.execute(update(Rumour).where(pending)
                           .values(alert_sent_for=Rumour.alert_deadline)
                           .execution_options(synchronize_session=False))
    return {"overdue": len(rows), "overdue_notified": notified}


def deliver(alerts: list[Alert], kind: str, digest_kind: str, attention: str,
             on: date) -> int:
    """One notification per alert, or one summary per recipient group when there are many;
    the summary links to the rumour list filtered on ``attention``."""
    groups: dict[tuple[tuple[int, ...], str], list[Alert]] = defaultdict(list)
    for alert in alerts:
        if alert.recipients:
            groups[alert.recipients, alert.group].append(alert)
    notified = 0
    for (recipients, group), batch in groups.items():
        if len(batch) < DIGEST_FROM:
            for alert in batch:
                notified += notifications.notify(
                    recipients, kind, alert.params, link=path_for(alert.endpoint, **alert.values),
                    dedupe_key=alert.dedupe_key)
        else:
            notified += notifications.notify(
                recipients, digest_kind, {"n": len(batch)},
                link=path_for("rumours.index", attention=attention),
                dedupe_key=f"{digest_kind}:{on.isoformat()}:{group}")
    return notified


def alerted_ids() -> tuple[int, ...]:
    """The active accounts told when a rumour or a statistic needs attention."""
    return tuple(db.session.scalars(
        select(User.id).where(User.role.in_(sorted(roles_alerted("rumours.attention"))),
                              User.active.is_(True))
        .order_by(User.id)))


def short(value: dict[str, str], withheld: bool = False) -> dict[str, str]:
    """A text cut for a notification. A wording ``withheld`` from all but coordinators (see
    services.hateful) is never sent, not even to them: a notification may go out by e-mail."""
    value = hateful.shown_wording(value, bool(withheld), reveal=False)
    return {k: (v if len(v) <= 100 else v[:99] + "…") for k, v in (value or {}).items()}


@dataclass(frozen=True)
class Attention:
    overdue: list[Rumour]  # the longest overdue first
    overdue_total: int
    expired_statistics: int  # rumours with a statistic past its date


def needing_attention(on: date | None = None, limit: int = 5) -> Attention:
    """What the coordinators' home page lists (three queries at most): rumours past their
    alert deadline without a validated answer, and how many rumours lost a statistic."""
    overdue = list(db.session.scalars(overdue_query(on).limit(limit)))
    total = (len(overdue) if len(overdue) < limit else db.session.scalar(
        select(func.count()).select_from(Rumour).where(overdue_condition(on))))
    expired = db.session.scalar(select(func.count(func.distinct(CounterArgument.rumour_id)))
                                .where(CounterArgument.status == "expired"))
    return Attention(overdue, int(total or 0), int(expired or 0))
