"""Certificates once issued: looking them up, verifying them in public, their QR code, and
the refreshers (certificates about to expire, agents gone quiet)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from flask_babel import force_locale, format_date
from markupsafe import Markup
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import aliased, joinedload

from ...auth.models import User
from ...core import links
from ...core.links import path_for
from ...core.notifications import notify
from ...core.permissions import roles_alerted
from ...core.translatable import LOCALES
from ...extensions import db
from ..models import Agent, Certificate, Programme
from ..vocab import NEEDS_CERTIFICATE
from . import messages
from .certification import CODE_ALPHABET, CODE_LENGTH, normalise_code

EXPIRING_KIND = "agents.certificates_expiring"
OWN_EXPIRING_KIND = "agents.own_certificate_expiring"
QUIET_KIND = "agents.agents_quiet"


# --- one certificate ----------------------------------------------------------------

def load_certificate(certificate_id: int) -> Certificate | None:
    """A certificate with its person and programme, ready for its page."""
    return db.session.scalar(select(Certificate).where(Certificate.id == certificate_id)
                             .options(joinedload(Certificate.agent),
                                      joinedload(Certificate.programme)))


def find_by_code(text: str) -> Certificate | None:
    """The certificate a typed or scanned code names, if any."""
    # A complete code only: extra characters would otherwise be cut off and still match.
    if sum(ch in CODE_ALPHABET for ch in (text or "").upper()) != CODE_LENGTH:
        return None
    code = normalise_code(text)
    return db.session.scalar(select(Certificate).where(Certificate.code == code)
                             .options(joinedload(Certificate.agent),
                                      joinedload(Certificate.programme)))


def state_of(certificate: Certificate, day: date) -> str:
    """"valid", "expired" or "revoked" on ``day``: what the public page tells."""
    if certificate.revoked_at is not None:
        return "revoked"
    if day >= certificate.expires_on:
        return "expired"
    if day < certificate.issued_on:
        return "revoked"  # never the case for a certificate the rule issued; shown as not valid
    return "valid"


def qr_svg(url: str, title: str) -> Markup:
    """The QR code of ``url`` (core's drawing), styled as a certificate's."""
    return links.qr_svg(url, title, "certificate-qr")


# --- refreshers -------------------------------------------------------------------------

def _superseded() -> object:
    """A later certificate of the same person and programme exists: the renewal happened."""
    later = aliased(Certificate)
    return (select(later.id).where(later.agent_id == Certificate.agent_id,
                                   later.programme_id == Certificate.programme_id,
                                   later.revoked_at.is_(None),
                                   later.expires_on > Certificate.expires_on).exists())


def _current_scope() -> list:
    return [Certificate.revoked_at.is_(None), Agent.erased_at.is_(None), ~_superseded()]


def expiring_query(day: date, notice_days: int) -> Select:
    """Certificates still valid on ``day`` that expire within ``notice_days``, not renewed."""
    return (select(Certificate).join(Agent, Agent.id == Certificate.agent_id)
            .where(*_current_scope(), Certificate.expires_on > day,
                   Certificate.expires_on <= day + timedelta(days=notice_days))
            .options(joinedload(Certificate.agent), joinedload(Certificate.programme))
            .order_by(Certificate.expires_on, Certificate.id))


def expired_query(day: date) -> Select:
    """Certificates expired on ``day`` and never renewed, most recently expired first."""
    return (select(Certificate).join(Agent, Agent.id == Certificate.agent_id)
            .where(*_current_scope(), Certificate.expires_on <= day)
            .options(joinedload(Certificate.agent), joinedload(Certificate.programme))
            .order_by(Certificate.expires_on.desc(), Certificate.id))


def quiet_since(day: date, months: int) -> date:
    return day - relativedelta(months=months)


def quiet_agents_query(day: date, months: int) -> Select:
    """Certified or active people with no training or conversation for ``months`` (or ever)."""
    cutoff = quiet_since(day, months)
    return (select(Agent).where(Agent.erased_at.is_(None), Agent.status.in_(NEEDS_CERTIFICATE),
                                or_(Agent.last_activity_on.is_(None),
                                    Agent.last_activity_on < cutoff))
            .order_by(Agent.last_activity_on.is_not(None), Agent.last_activity_on, Agent.id))


def _alerted_ids() -> list[int]:
    return list(db.session.scalars(
        select(User.id).where(User.role.in_(sorted(roles_alerted("agents.refreshers"))),
                              User.active.is_(True)).order_by(User.id)))


def _dates(day: date) -> dict[str, str]:
    """A date written out in each language (each reader sees it in theirs)."""
    written = {}
    for locale in LOCALES:
        with force_locale(locale):
            written[locale] = format_date(day, "long")
    return written


def expiry_key(agent_id: int, certificate_id: int) -> str:
    return f"agents:{agent_id}:expiry:{certificate_id}"


def notify_expiring(day: date, notice_days: int) -> dict[str, int]:
    """Tell trainers, and each person (in the app and by e-mail), once per certificate.

    Every notice carries a dedupe key, so a daily run repeats nothing it already said."""
    trainers = _alerted_ids()
    rows = db.session.execute(
        select(Certificate.id, Certificate.agent_id, Certificate.expires_on, Agent.user_id)
        .join(Agent, Agent.id == Certificate.agent_id)
        .where(*_current_scope(), Certificate.expires_on > day,
               Certificate.expires_on <= day + timedelta(days=notice_days))
        .order_by(Certificate.id)).all()
    figures = {"certificates": len(rows), "notified": 0, "planned": 0}
    for certificate_id, agent_id, expires_on, user_id in rows:
        key = expiry_key(agent_id, certificate_id)
        params = {"certificate_id": certificate_id, "expires_on": _dates(expires_on)}
        figures["notified"] += notify(trainers, EXPIRING_KIND, params,
                                      link=path_for("agents.refreshers"), dedupe_key=key)
        if user_id is not None:
            figures["notified"] += notify(
                [user_id], OWN_EXPIRING_KIND, params,
                link=path_for("agents.certificate", certificate_id=certificate_id),
                dedupe_key=key)
        due_at = datetime.combine(day, time(8, 0))
        if messages.plan(agent_id, "expiry", key, due_at, certificate_id=certificate_id):
            figures["planned"] += 1
    return figures


def notify_quiet(day: date, months: int) -> dict[str, int]:
    """Tell trainers how many people have gone quiet, at most once a week (counts only)."""
    count = db.session.scalar(select(db.func.count()).select_from(
        quiet_agents_query(day, months).order_by(None).subquery())) or 0
    if not count:
        return {"quiet": 0, "quiet_notified": 0}
    year, week, _ = day.isocalendar()
    sent = notify(_alerted_ids(), QUIET_KIND, {"n": count, "months": months},
                  link=path_for("agents.refreshers"), dedupe_key=f"agents:quiet:{year}-W{week:02d}")
    return {"quiet": count, "quiet_notified": sent}


def run_refreshers(day: date, notice_days: int, inactive_months: int) -> dict[str, int]:
    """The daily refresher round. Flushes."""
    figures = notify_expiring(day, notice_days)
    figures.update(notify_quiet(day, inactive_months))
    db.session.flush()
    return figures


def latest_by_agent(agent_ids: list[int]) -> dict[int, Certificate]:
    """Each person's most recent unrevoked certificate (for lists of people)."""
    if not agent_ids:
        return {}
    rows = db.session.scalars(select(Certificate).where(
        and_(Certificate.agent_id.in_(agent_ids), Certificate.revoked_at.is_(None)))
        .options(joinedload(Certificate.programme))
        .order_by(Certificate.agent_id, Certificate.expires_on))
    return {row.agent_id: row for row in rows}


def expiring_by_programme(day: date, notice_days: int) -> list[tuple[Programme, int, date]]:
    """Certificates about to expire (as ``expiring_query``) per programme: the programme,
    how many, the first expiry (one query; counts only, the refreshers page names people)."""
    return [(programme, int(n), first) for programme, n, first in db.session.execute(
        select(Programme, func.count(), func.min(Certificate.expires_on))
        .join(Certificate, Certificate.programme_id == Programme.id)
        .join(Agent, Agent.id == Certificate.agent_id)
        .where(*_current_scope(), Certificate.expires_on > day,
               Certificate.expires_on <= day + timedelta(days=notice_days))
        .group_by(Programme.id).order_by(func.min(Certificate.expires_on), Programme.id))]
