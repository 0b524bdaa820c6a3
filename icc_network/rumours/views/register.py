"""The sightings register: every sighting with filters and export; a coordinator corrects or
removes one."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...core import audit
from ...core.exports import csv_separator, table_response
from ...core.forms import ConfirmForm, choices
from ...core.i18n import current_language
from ...core.permissions import require
from ...core.services import district_choices
from ...core.text import to_int
from ...core.transactions import commit_or_refuse, run_confirmed
from ...core.translatable import localise
from ...core.web import page_size
from ...extensions import db
from .. import bp
from ..forms import SightingCorrectionForm
from ..models import Rumour, Sighting
from ..services import hateful, register
from ..services.sightings import SightingInput


@bp.get("/sightings")
@require("sightings.register")
def sighting_register():
    filters = register.parse_filters(request.args)
    page = register.register_page(
        filters, page_size(), older_than=register.parse_key(request.args.get("older")),
        newer_than=register.parse_key(request.args.get("newer")))
    rumour = db.session.get(Rumour, filters.rumour_id) if filters.rumour_id else None
    html = render_template(
        "rumours/register.html", page=page, filters=filters, districts=district_choices(),
        organisations=register.reporting_organisations(), rumour=rumour,
        filter_args=filters.args(), per_page=request.args.get("per_page"))
    return _audited(html, rumour, [s for s, _organisation in page.items], "register")


def _audited(html, rumour, sightings, page: str):
    """The page, after one audit entry when it showed hateful words (never one per row)."""
    shown = hateful.words_shown(rumour, sightings, current_user)
    if not shown:
        return html
    return audit.personal_data_shown(html, current_user, hateful.READ_ACTION,
                                     entity_type="rumour_sighting", page=page, **shown)


@bp.get("/sightings/export")
@require("sightings.register")
def sighting_export():
    filters = register.parse_filters(request.args)
    locale = current_language()
    verbatims = register.export_words_count(filters, current_user)
    rows = stream_with_context(register.export_rows(filters, current_user, locale))
    commit_or_refuse(lambda: register.record_export(current_user, filters, verbatims))
    return table_response("xlsx" if request.args.get("format") == "xlsx" else "csv",
                          register.export_headers(locale), rows, "sightings",
                          csv_separator(locale))


def _load(sighting_id: int) -> Sighting:
    sighting = db.session.scalar(select(Sighting).options(joinedload(Sighting.rumour))
                                 .where(Sighting.id == sighting_id))
    if sighting is None:
        abort(404)
    return sighting


def _rumour_choices(current: int) -> list:
    rows = db.session.execute(select(Rumour.id, Rumour.wording).where(
        (Rumour.merged_into_id.is_(None)) | (Rumour.id == current)).order_by(Rumour.id))
    language = current_language()
    return [(str(i), f"{i} — {localise(w, language).text[:90]}") for i, w in rows]


@bp.route("/sightings/<int:sighting_id>/edit", methods=["GET", "POST"])
@require("sightings.correct")
def sighting_edit(sighting_id: int):
    sighting = _load(sighting_id)
    form = SightingCorrectionForm(obj=sighting)
    form.rumour_id.choices = _rumour_choices(sighting.rumour_id)
    form.district_id.choices = choices([("", _("Online or unknown")), *district_choices()])
    if request.method == "GET":
        form.rumour_id.data = str(sighting.rumour_id)
        form.district_id.data = str(sighting.district_id or "")
    if form.validate_on_submit():
        data = SightingInput(
            seen_on=form.seen_on.data, district_id=to_int(form.district_id.data),
            sphere=form.sphere.data, channel=form.channel.data,
            people_count=form.people_count.data, language=form.language.data,
            venue=form.venue.data or "", verbatim=form.verbatim.data or "",
            hateful=form.hateful.data)
        if commit_or_refuse(
                lambda: register.correct_sighting(sighting, data,
                                                  rumour_id=to_int(form.rumour_id.data) or 0,
                                                  actor=current_user),
                form=form, success=_("The sighting has been corrected.")):
            return redirect(url_for("rumours.sighting_register", rumour=sighting.rumour_id))
    html = render_template("rumours/register_edit.html", form=form, sighting=sighting)
    return _audited(html, None, [sighting], "correction")


@bp.route("/sightings/<int:sighting_id>/delete", methods=["GET", "POST"])
@require("sightings.correct")
def sighting_delete(sighting_id: int):
    sighting = _load(sighting_id)
    form = ConfirmForm()
    if request.method == "POST":
        done = run_confirmed(lambda: register.delete_sighting(sighting, actor=current_user),
                             _("The sighting has been removed."), form)
        if done:
            return redirect(url_for("rumours.sighting_register", rumour=done.value))
        return redirect(url_for("rumours.sighting_delete", sighting_id=sighting_id))
    return render_template("rumours/register_delete.html", form=form, sighting=sighting)
