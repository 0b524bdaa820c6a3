"""The coordinators' lists: themes and target groups, translatable."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ...core.i18n import lazy_gettext as _l
from ...core.permissions import require
from ...core.transactions import commit_or_refuse
from ...extensions import db
from .. import bp
from ..forms import TermForm
from ..models import TargetGroup, Theme
from ..services import catalogue

KINDS = {
    "themes": (Theme, _l("Themes"), _l("New theme")),
    "target-groups": (TargetGroup, _l("Target groups"), _l("New target group")),
}


def _kind(kind: str):
    if kind not in KINDS:
        abort(404)
    return KINDS[kind]


@bp.get("/rumours/lists/<kind>")
@require("rumours.manage")
def terms(kind: str):
    model, title, new_label = _kind(kind)
    rows = list(db.session.scalars(select(model).order_by(model.position, model.id)))
    return render_template("rumours/terms.html", kind=kind, title=title, new_label=new_label,
                           terms=rows, kinds=KINDS)


@bp.route("/rumours/lists/<kind>/new", methods=["GET", "POST"])
@require("rumours.manage")
def term_new(kind: str):
    return _term_form(kind, None)


@bp.route("/rumours/lists/<kind>/<int:term_id>/edit", methods=["GET", "POST"])
@require("rumours.manage")
def term_edit(kind: str, term_id: int):
    return _term_form(kind, db.get_or_404(_kind(kind)[0], term_id))


def _term_form(kind: str, term):
    model, title, new_label = _kind(kind)
    form = TermForm(obj=term)
    if form.validate_on_submit():
        saved = commit_or_refuse(
            lambda: catalogue.save_term(model, term, name=form.name.data,
                                        position=form.position.data or 0,
                                        active=form.active.data, actor=current_user),
            form=form, success=_("Saved."))
        if saved:
            return redirect(url_for("rumours.terms", kind=kind))
    return render_template("rumours/term_form.html", form=form, kind=kind, title=title,
                           heading=new_label if term is None else None, term=term)
