"""Certificates: the printable page, public verification by code, and the refreshers list."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ...core import audit
from ...core.clock import today
from ...core.links import public_url_for
from ...core.pagination import paginate
from ...core.permissions import authorize, require
from ...core.web import page_number, page_size
from .. import bp
from ..models import Agent, Certificate
from ..services import certificates
from ..services.certification import normalise_code

REFRESHER_LISTS = ("expiring", "expired", "quiet")


def is_own(agent) -> bool:
    """Is the signed-in account the person the record is about? (Their own views of their
    own data are not audited.)"""
    return agent.user_id is not None and agent.user_id == current_user.id


def _hours(minutes: int) -> float:
    return round(minutes / 60, 1)


@bp.get("/certificates/<int:certificate_id>")
@require("certificates.view")
def certificate(certificate_id: int):
    row = certificates.load_certificate(certificate_id) or abort(404)
    agent = row.agent
    authorize("certificates.view", agent)
    if agent.erased_at is not None:
        abort(404)
    verify_url = public_url_for("agents.verify", code=row.code)
    locale = agent.locale if agent.locale in current_app.config["LANGUAGES"] else None
    # The body is rendered apart, in the agent's language, by an autoescaping template: markup
    # the application made, never text a person typed. The QR code is core's safe SVG.
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        body = render_template(
            "agents/_certificate_body.html", certificate=row, agent=agent,
            hours=_hours(row.minutes_attended), verify_url=verify_url,
            city=current_app.config.get("CITY_NAME") or "",
            qr=certificates.qr_svg(verify_url, _("Verification address")),
            locale=locale or current_app.config["BABEL_DEFAULT_LOCALE"])
    page = render_template("agents/certificate.html", certificate=row, agent=agent,
                           body=Markup(body), state=certificates.state_of(row, today()))
    if is_own(agent):
        return page
    return audit.personal_data_shown(page, current_user, "agent.certificate_view", agent,
                                     certificate_id=row.id)


@bp.get("/verify")
@require("certificates.verify")
def verify_form():
    typed = request.args.get("code")
    if typed is not None:
        code = normalise_code(typed)
        if code:
            return redirect(url_for("agents.verify", code=code))
    return render_template("agents/verify_form.html", typed=typed,
                           error=_("Type the code printed on the certificate.")
                           if typed is not None else None)


@bp.get("/verify/<code>")
@require("certificates.verify")
def verify(code: str):
    row = certificates.find_by_code(code[:60])
    if row is None:
        return render_template("agents/verify.html", certificate=None,
                               code=normalise_code(code[:60])), 404
    erased = row.agent.erased_at is not None
    return render_template("agents/verify.html", certificate=row, code=row.code,
                           name="" if erased else row.agent.public_name,
                           state=certificates.state_of(row, today()))


@bp.get("/refreshers")
@require("agents.view")
def refreshers():
    shown = request.args.get("show")
    shown = shown if shown in REFRESHER_LISTS else "expiring"
    config = current_app.config
    day = today()
    query = {
        "expiring": lambda: certificates.expiring_query(day, config["AGENTS_EXPIRY_NOTICE_DAYS"]),
        "expired": lambda: certificates.expired_query(day),
        "quiet": lambda: certificates.quiet_agents_query(day, config["AGENTS_INACTIVE_MONTHS"]),
    }[shown]()
    page = paginate(query, page_number(), page_size())
    agent_ids = [item.id if shown == "quiet" else item.agent_id for item in page.items]
    latest = certificates.latest_by_agent(agent_ids) if shown == "quiet" else {}
    response = render_template(
        "agents/refreshers.html", page=page, shown=shown, lists=REFRESHER_LISTS, latest=latest,
        notice_days=config["AGENTS_EXPIRY_NOTICE_DAYS"],
        months=config["AGENTS_INACTIVE_MONTHS"],
        quiet_since=certificates.quiet_since(day, config["AGENTS_INACTIVE_MONTHS"]))
    if not page.items:
        return response
    return audit.personal_data_shown(response, current_user, "agent.refreshers_view",
                                     entity_type=Certificate.__tablename__ if shown != "quiet"
                                     else Agent.__tablename__, list=shown, agent_ids=agent_ids)
