"""Merging a duplicate into the rumour it repeats (coordinators, during triage)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.permissions import require
from ...core.text import to_int
from ...core.transactions import commit_or_refuse
from ...core.web import search_text
from .. import bp
from ..forms import MergeForm
from ..services.catalogue import argument_counts
from ..services.merging import can_be_merged, merge_candidates, merge_rumour
from .support import load_rumour


@bp.route("/rumours/<int:rumour_id>/merge", methods=["GET", "POST"])
@require("rumours.manage")
def merge(rumour_id: int):
    duplicate = load_rumour(rumour_id)
    if not can_be_merged(duplicate):
        flash(_("This rumour has already been merged."), "info")
        return redirect(url_for("rumours.detail", rumour_id=rumour_id))
    form = MergeForm()
    if request.method == "GET":
        form.q.data = search_text()
    candidates = merge_candidates(duplicate, form.q.data or "")
    form.into.choices = [(str(r.id), str(r.id)) for r, _score in candidates]
    if form.validate_on_submit():
        merged = commit_or_refuse(
            lambda: merge_rumour(duplicate, to_int(form.into.data), actor=current_user,
                                 note=form.note.data or ""),
            form=form,
            success=_("The rumour No. %(duplicate)s has been merged into this one.",
                      duplicate=rumour_id))
        if merged:
            return redirect(url_for("rumours.detail", rumour_id=merged.value.id))
    _current, arguments = argument_counts([duplicate.id]).get(duplicate.id, (0, 0))
    return render_template("rumours/merge.html", rumour=duplicate, form=form,
                           candidates=candidates, arguments=arguments)
