"""The moves of a rumour that are hard to undo, each behind a page that says what will happen
and asks to confirm: archiving it, taking it out of the public catalogue."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.forms import ConfirmForm
from ...core.permissions import require
from ...core.transactions import run_confirmed
from .. import bp
from ..forms import ArchiveForm
from ..services import catalogue
from .support import load_rumour


@bp.route("/rumours/<int:rumour_id>/archive", methods=["GET", "POST"])
@require("rumours.manage")
def archive(rumour_id: int):
    rumour = load_rumour(rumour_id)
    if "archived" not in catalogue.allowed_transitions(rumour):
        flash(_("This rumour cannot be archived."), "info")
        return redirect(url_for("rumours.detail", rumour_id=rumour_id))
    form = ArchiveForm()
    done = run_confirmed(
        lambda: catalogue.change_status(rumour, "archived", actor=current_user,
                                        note=form.note.data or ""),
        _("The rumour has been archived."), form=form)
    if done:
        return redirect(url_for("rumours.detail", rumour_id=rumour_id))
    return render_template("rumours/confirm_archive.html", rumour=rumour, form=form)


@bp.route("/rumours/<int:rumour_id>/withdraw", methods=["GET", "POST"])
@require("rumours.manage")
def withdraw(rumour_id: int):
    rumour = load_rumour(rumour_id)
    if not rumour.published:
        flash(_("This rumour is not in the public catalogue."), "info")
        return redirect(url_for("rumours.detail", rumour_id=rumour_id))
    form = ConfirmForm()
    done = run_confirmed(
        lambda: catalogue.set_published(rumour, False, actor=current_user),
        _("The rumour has left the public catalogue."), form=form)
    if done:
        return redirect(url_for("rumours.detail", rumour_id=rumour_id))
    return render_template("rumours/confirm_withdraw.html", rumour=rumour, form=form)
