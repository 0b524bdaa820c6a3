"""Counter-arguments: draft, edit, validate and withdraw (coordinators)."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.forms import ConfirmForm
from ...core.permissions import require
from ...core.transactions import commit_or_refuse, run_confirmed
from ...extensions import db
from .. import bp
from ..forms import ArgumentForm, SendBackForm
from ..models import CounterArgument
from ..services import arguments, review
from .support import load_rumour


@bp.route("/rumours/<int:rumour_id>/arguments/new", methods=["GET", "POST"])
@require("arguments.manage")
def argument_new(rumour_id: int):
    return _argument_form(load_rumour(rumour_id), None)


@bp.route("/arguments/<int:argument_id>/edit", methods=["GET", "POST"])
@require("arguments.manage")
def argument_edit(argument_id: int):
    argument = db.get_or_404(CounterArgument, argument_id)
    return _argument_form(load_rumour(argument.rumour_id), argument)


def _argument_form(rumour, argument):
    form = ArgumentForm(obj=argument)
    if form.validate_on_submit():
        saved = commit_or_refuse(
            lambda: arguments.save_argument(
                argument, rumour=rumour, actor=current_user, kind=form.kind.data,
                text=form.text.data, source_publisher=form.source_publisher.data or "",
                source_url=form.source_url.data or "",
                source_published_on=form.source_published_on.data,
                source_area=form.source_area.data or "", valid_until=form.valid_until.data),
            form=form,
            success=lambda saved: _("The argument has been saved as a draft.")
            if saved.status == "draft" else _("The argument has been saved."))
        if saved:
            return redirect(url_for("rumours.detail", rumour_id=rumour.id) + "#arguments")
    return render_template("rumours/argument_form.html", form=form, rumour=rumour,
                           argument=argument, action_form=ConfirmForm())


@bp.post("/arguments/<int:argument_id>/validate")
@require("arguments.validate")
def argument_validate(argument_id: int):
    return _act(argument_id, arguments.validate_argument, _("The argument is validated."))


@bp.post("/arguments/<int:argument_id>/withdraw")
@require("arguments.validate")
def argument_withdraw(argument_id: int):
    return _act(argument_id, arguments.withdraw_argument,
                _("The argument is back to draft and has left the kit."))


@bp.route("/arguments/<int:argument_id>/send-back", methods=["GET", "POST"])
@require("arguments.validate")
def argument_send_back(argument_id: int):
    """A validator returns a draft to its author, saying what to change."""
    argument = db.get_or_404(CounterArgument, argument_id)
    rumour = load_rumour(argument.rumour_id)
    form = SendBackForm()
    if form.validate_on_submit():
        sent = commit_or_refuse(
            lambda: review.send_back(argument, actor=current_user, reason=form.reason.data),
            form=form, success=_("The argument has been sent back to its author."))
        if sent:
            return redirect(url_for("rumours.detail", rumour_id=rumour.id) + "#arguments")
    return render_template("rumours/argument_send_back.html", form=form, rumour=rumour,
                           argument=argument)


def _act(argument_id: int, action, done: str):
    argument = db.get_or_404(CounterArgument, argument_id)
    rumour_id = argument.rumour_id
    run_confirmed(lambda: action(argument, actor=current_user), done)
    return redirect(url_for("rumours.detail", rumour_id=rumour_id) + "#arguments")
