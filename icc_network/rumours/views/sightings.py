"""Reporting sightings (everyone signed in, built for a phone) and importing them."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core import imports
from ...core.clock import today
from ...core.forms import choices
from ...core.i18n import localised
from ...core.permissions import require
from ...core.rules import RuleViolation
from ...extensions import db
from .. import bp
from ..forms import ConfirmImportForm, SightingForm, UploadForm
from ..models import Rumour
from ..services.matching import suggest as suggest_rumours
from ..services.sighting_import import KIND, import_rows, preview_import
from ..services.sightings import SightingInput, record_sighting
from .support import confirmed_upload, district_pairs, to_int

NEW = "new"


@bp.route("/sightings/new", methods=["GET", "POST"])
@require("sightings.report")
def sighting_new():
    form = SightingForm(seen_on=today(), language=current_user.locale,
                        rumour=request.args.get("rumour", ""))
    form.district_id.choices = choices([("", _("Online or unknown")), *district_pairs()])
    chosen = _chosen_rumour(form.rumour.data)
    suggestions = []
    if form.validate_on_submit():
        if chosen is None and form.rumour.data != NEW:
            suggestions = suggest_rumours(form.heard.data)
            form.form_errors.append(
                _("Choose the rumour you heard among those offered, or propose it as a new one.")
                if suggestions else
                _("No known rumour looks like this one. Confirm to propose it as a new rumour."))
        else:
            response = _record(form, chosen)
            if response is not None:
                return response
    elif request.method == "POST" and form.heard.data:
        suggestions = suggest_rumours(form.heard.data)
    return render_template("rumours/sighting_form.html", form=form, chosen=chosen,
                           suggestions=suggestions, new_choice=NEW)


def _chosen_rumour(value: str | None) -> Rumour | None:
    rumour_id = to_int(value)
    return db.session.get(Rumour, rumour_id) if rumour_id else None


def _record(form: SightingForm, chosen: Rumour | None):
    data = SightingInput(
        seen_on=form.seen_on.data, district_id=to_int(form.district_id.data),
        sphere=form.sphere.data, channel=form.channel.data, people_count=form.people_count.data,
        language=form.language.data, venue=form.venue.data or "",
        verbatim=form.verbatim.data or "", hateful=form.hateful.data)
    try:
        record_sighting(data, reporter=current_user, rumour_id=chosen.id if chosen else None,
                        new_wording=form.heard.data)
    except RuleViolation as violation:
        db.session.rollback()
        form.add_violation(violation)
        return None
    db.session.commit()
    flash(_("Thank you: your sighting has been recorded.") if chosen else
          _("Thank you: the rumour has been recorded for the coordinators to examine."), "success")
    return redirect(url_for("rumours.sighting_new"))


@bp.get("/sightings/suggest.json")
@require("sightings.report")
def suggest():
    """Known rumours like what is being typed (the form calls it while the reporter types)."""
    text = (request.args.get("q") or "")[:500]
    return jsonify(suggestions=[
        {"id": s.rumour_id, "wording": localised(s.wording).text, "score": s.score}
        for s in suggest_rumours(text)])


@bp.route("/sightings/import", methods=["GET", "POST"])
@require("sightings.import")
def sighting_import():
    form, preview, pending = UploadForm(), None, None
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read()
        try:
            table = imports.read_table(upload.filename or "", data)
        except RuleViolation as violation:
            form.add_violation(violation)
        else:
            preview = preview_import(table, current_user.id)
            if preview.clean and preview.rows:
                pending = imports.stage(KIND, current_user.id, upload.filename or "", data)
                db.session.commit()
    return render_template("rumours/sighting_import.html", form=form, preview=preview,
                           confirm=ConfirmImportForm(pending_id=pending.id) if pending else None)


@bp.post("/sightings/import/confirm")
@require("sightings.import")
def sighting_import_confirm():
    pending = confirmed_upload(KIND)
    if pending is None:
        return redirect(url_for("rumours.sighting_import"))
    preview = preview_import(imports.read_table(pending.filename, pending.content), current_user.id)
    if not preview.clean:
        flash(_("The file no longer passes the checks: upload it again."), "danger")
        return redirect(url_for("rumours.sighting_import"))
    added = import_rows(preview)
    imports.discard(pending)
    db.session.commit()
    flash(_("%(n)s sightings imported; %(present)s were already there.",
            n=added, present=preview.already_present), "success")
    return redirect(url_for("rumours.sighting_import"))
