"""Importing sightings from a survey export: upload, preview with its mapping step, confirm;
and the survey form itself (an XLSForm) for KoboToolbox."""

from __future__ import annotations

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core import imports
from ...core.exports import XLSX_MIMETYPE
from ...core.forms import ConfirmImportForm, UploadForm
from ...core.permissions import require
from ...core.services import district_choices
from ...core.text import to_int
from ...core.transactions import commit_or_refuse
from .. import bp
from ..services.import_mapping import NO_DISTRICT, save_step
from ..services.sighting_import import KIND, LABELS, check_file, import_rows
from ..services.xlsform import FORM_ID, xlsform_bytes
from ..vocab import CHANNELS, SIGHTING_LANGUAGES, SPHERES


@bp.route("/sightings/import", methods=["GET", "POST"])
@require("sightings.import")
def sighting_import():
    form = UploadForm()
    return _page(form, imports.check_upload(form, _check, current_user.id))


@bp.post("/sightings/import/mapping")
@require("sightings.import")
def sighting_import_mapping():
    """Remember what the staged file's columns and answers mean, then check it again."""
    form = ConfirmImportForm()
    pending = None
    if form.validate_on_submit():
        pending = imports.staged(to_int(form.pending_id.data), (KIND,), current_user.id)
    if pending is None:
        flash(_("This upload is no longer available: upload the file again."), "danger")
        return redirect(url_for("rumours.sighting_import"))
    upload = imports.recheck_staged(pending, _check)
    if upload is None:
        return redirect(url_for("rumours.sighting_import"))
    chosen = {k: v for k, v in request.form.items() if k.startswith(("column-", "answer-"))}
    saved = commit_or_refuse(
        lambda: save_step(upload.checked.details, chosen, current_user.id, LABELS),
        success=_("The mapping of this form has been saved; it will be used for its next "
                  "exports too."))
    if saved:
        upload = imports.recheck_staged(pending, _check)
    return _page(UploadForm(), upload)


@bp.post("/sightings/import/confirm")
@require("sightings.import")
def sighting_import_confirm():
    imports.confirm_upload(
        (KIND,), _check,
        lambda checked, _pending: import_rows(checked.preview, current_user), current_user.id,
        success=lambda checked, added: _("%(n)s sightings imported; %(present)s were already "
                                         "there.", n=added,
                                         present=checked.preview.already_present))
    return redirect(url_for("rumours.sighting_import"))


@bp.get("/sightings/import/xlsform.xlsx")
@require("sightings.import")
def sighting_xlsform():
    """The survey form for KoboToolbox, its choices read from the catalogue now."""
    body = xlsform_bytes(current_app.config["BABEL_DEFAULT_LOCALE"])
    return Response(body, mimetype=XLSX_MIMETYPE, headers={
        "Content-Disposition": f'attachment; filename="{FORM_ID}.xlsx"'})


def _check(filename: str, data: bytes):
    return check_file(filename, data, current_user.id)


def _page(form: UploadForm, upload):
    step = upload.checked.details if upload else None
    return render_template(
        "rumours/sighting_import.html", form=form, preview=upload and upload.checked.preview,
        confirm=upload and upload.confirm, step=step, pending=upload and upload.pending,
        mapping_form=ConfirmImportForm(pending_id=upload.pending.id)
        if step is not None and upload.pending is not None else None,
        field_labels=LABELS, options=_options() if step is not None else None)


def _options() -> dict[str, list[tuple[str, str]]]:
    """The codes an unknown answer may be mapped to, per field."""
    return {
        "sphere": list(SPHERES.items()), "channel": list(CHANNELS.items()),
        "language": list(SIGHTING_LANGUAGES.items()),
        "district": [(NO_DISTRICT, _("Online or unknown")),
                     *((str(i), name) for i, name in district_choices())],
        "hateful": [("yes", _("Yes")), ("no", _("No"))],
    }
