"""A measure's turn-the-curve worksheet: the printable page, the story behind the curve,
and adding or removing its lines (partners, what works, the action plan)."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.calendar import city_today
from ...core.forms import ConfirmForm, choices
from ...core.i18n import localised
from ...core.permissions import require
from ...core.text import to_int
from ...core.transactions import commit_or_refuse, run_confirmed
from .. import bp
from ..forms import StoryForm, WorksheetLinkForm
from ..services import accountability, catalogue, curves, worksheets
from ..vocab import WORKSHEET_SECTIONS
from .accountability import labels, load_measure, vocabularies


def _page_data(measure) -> dict:
    run = curves.latest_runs([measure.id]).get(measure.id)
    return {"measure": measure, "curve": curves.curve(measure, run, city_today()),
            "found": catalogue.definition(measure.definition_key)
            if measure.source_kind == "computed" else None,
            "sections": worksheets.worksheet(measure), "section_labels": labels(WORKSHEET_SECTIONS),
            "target_labels": labels(worksheets.TARGET_LABELS), "today": city_today(),
            **vocabularies()}


@bp.get("/measures/<int:measure_id>/worksheet", endpoint="worksheet")
@require("evaluation.view")
def worksheet(measure_id: int):
    return render_template("evaluation/worksheet.html", **_page_data(load_measure(measure_id)))


def _link_form(form: WorksheetLinkForm) -> WorksheetLinkForm:
    """The kinds the chosen section takes, and the records of the chosen kind: the most
    recent ones, or those matching the search."""
    section = form.section.data
    if section not in worksheets.TARGETS:
        section = next(iter(worksheets.TARGETS))
    kinds = worksheets.TARGETS[section]
    form.kind.choices = choices((k, worksheets.TARGET_LABELS[k]) for k in kinds)
    kind = form.kind.data if form.kind.data in kinds else kinds[0]
    form.kind.data = kind
    form.target_id.choices = choices(
        (row_id, _option_label(kind, label, when))
        for row_id, label, when in worksheets.options(kind, form.q.data or ""))
    return form


def _option_label(kind: str, label, when) -> str:
    text = label if isinstance(label, str) else localised(label).text
    return text[:120] or f"#{kind}"


@bp.route("/measures/<int:measure_id>/worksheet/edit", methods=["GET", "POST"],
          endpoint="worksheet_edit")
@require("evaluation.manage")
def worksheet_edit(measure_id: int):
    measure = load_measure(measure_id)
    story = StoryForm(obj=measure)
    if story.validate_on_submit():
        if commit_or_refuse(lambda: accountability.save_story(measure, story.story.data,
                                                              actor=current_user), form=story,
                            success=_("The story behind the curve has been saved.")):
            return redirect(url_for("evaluation.worksheet_edit", measure_id=measure.id))
    link_form = _link_form(WorksheetLinkForm(request.args, meta={"csrf": False}))
    return render_template("evaluation/worksheet_edit.html", story=story, link_form=link_form,
                           confirm=ConfirmForm(), **_page_data(measure))


@bp.route("/measures/<int:measure_id>/worksheet/links", methods=["GET", "POST"],
          endpoint="worksheet_link_add")
@require("evaluation.manage")
def worksheet_link_add(measure_id: int):
    measure = load_measure(measure_id)
    form = _link_form(WorksheetLinkForm())
    choosing = "choose" in request.form or request.method == "GET"
    if not choosing and form.validate_on_submit():
        target_id = to_int(form.target_id.data)
        if commit_or_refuse(lambda: worksheets.add_link(
                measure, form.section.data, form.kind.data, target_id, form.note.data or "",
                actor=current_user), form=form, success=_("The line has been added.")):
            return redirect(url_for("evaluation.worksheet_edit", measure_id=measure.id))
    return render_template("evaluation/worksheet_edit.html", story=StoryForm(obj=measure),
                           link_form=form, confirm=ConfirmForm(), **_page_data(measure))


@bp.post("/worksheet-links/<int:link_id>/remove", endpoint="worksheet_link_remove")
@require("evaluation.manage")
def worksheet_link_remove(link_id: int):
    link = worksheets.load_link(link_id) or abort(404)
    measure_id = link.measure_id
    run_confirmed(lambda: worksheets.remove_link(link, actor=current_user),
                  _("The line has been removed."))
    return redirect(url_for("evaluation.worksheet_edit", measure_id=measure_id))
