"""The hateful reports queue: coordinators read each report marked hateful and record what
was done about it. Every page that shows hateful words is audited, once per view."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...core import audit
from ...core.clock import today
from ...core.pagination import paginate
from ...core.permissions import require
from ...core.transactions import commit_or_refuse
from ...core.web import page_number, page_size
from ...extensions import db
from .. import bp
from ..forms import HatefulActionForm
from ..models import Sighting
from ..services import hateful
from ..vocab import HATEFUL_OUTCOMES


@bp.get("/rumours/hateful")
@require("sightings.view_hateful")
def hateful_queue():
    """The reports, newest first, without their words (they are read one by one)."""
    state = hateful.parse_state(request.args.get("state"))
    page = paginate(hateful.queue_query(state), page_number(), page_size())
    return render_template(
        "rumours/hateful_queue.html", page=page, state=state,
        latest=hateful.latest_actions([s.id for s in page.items]),
        outcomes=HATEFUL_OUTCOMES, placeholder=hateful.placeholder(),
        retention_days=hateful.retention_days(), pager_args={"state": state})


def _load(sighting_id: int) -> Sighting:
    sighting = db.session.scalar(
        select(Sighting).options(joinedload(Sighting.rumour), joinedload(Sighting.district))
        .where(Sighting.id == sighting_id))
    if sighting is None or not sighting.hateful:
        abort(404)
    return sighting


def _report_page(sighting: Sighting, form: HatefulActionForm):
    html = render_template(
        "rumours/hateful_report.html", sighting=sighting, form=form,
        actions=hateful.actions_of(sighting.id), outcomes=HATEFUL_OUTCOMES)
    # Opening the report reads its words: one entry per view.
    return audit.personal_data_shown(
        html, current_user, hateful.READ_ACTION, sighting, page="report",
        words=bool(sighting.verbatim), rumour_wording=sighting.rumour.wording_withheld)


@bp.get("/rumours/hateful/<int:sighting_id>")
@require("sightings.view_hateful")
def hateful_report(sighting_id: int):
    return _report_page(_load(sighting_id), HatefulActionForm(referred_on=today()))


@bp.post("/rumours/hateful/<int:sighting_id>/action")
@require("sightings.handle_hateful")
def hateful_action(sighting_id: int):
    sighting = _load(sighting_id)
    form = HatefulActionForm()
    if form.validate_on_submit():
        data = hateful.ActionInput(outcome=form.outcome.data, referred_on=form.referred_on.data,
                                   reference=form.reference.data or "",
                                   note=form.note.data or "")
        if commit_or_refuse(lambda: hateful.record_action(sighting, data, actor=current_user),
                            form=form, success=_("What was done has been recorded.")):
            return redirect(url_for("rumours.hateful_queue"))
        sighting = _load(sighting_id)
    return _report_page(sighting, form)
