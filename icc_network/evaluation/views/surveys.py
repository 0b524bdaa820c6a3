"""Perception surveys: the list, a survey's form and page, its waves, importing a wave's
responses or entering its totals, and the results."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ...campaigns.services.campaigns import load_campaign, rumour_options
from ...core import imports
from ...core.forms import ConfirmForm, UploadForm
from ...core.i18n import localised
from ...core.pagination import paginate
from ...core.permissions import can, require
from ...core.services import district_choices, districts
from ...core.text import to_int
from ...core.transactions import commit_or_refuse, run_confirmed
from ...core.web import page_number, page_size
from ...extensions import db
from .. import bp
from ..forms import NewSurveyForm, ResultsChoiceForm, SurveyForm, WaveForm, WaveTotalsForm
from ..models import Survey, SurveyWave
from ..services import accountability, survey_import, survey_results, surveys
from ..services.surveys import StatementData, SurveyData, WaveData
from ..vocab import AGE_BANDS, ANSWERS, GENDERS, SMALL_CELL, WAVE_KINDS

# Campaigns a survey's form offers, latest first.


def labels(pairs: dict) -> dict[str, str]:
    return {code: str(label) for code, label in pairs.items()}


def _survey(survey_id: int) -> Survey:
    return surveys.load_survey(survey_id) or abort(404)


def _wave(wave_id: int) -> SurveyWave:
    return db.session.get(SurveyWave, wave_id) or abort(404)


# --- surveys -------------------------------------------------------------------------

@bp.get("/surveys", endpoint="surveys")
@require("evaluation.view")
def survey_list():
    page = paginate(surveys.survey_query(), page_number(), page_size())
    return render_template("evaluation/survey_list.html", page=page,
                           waves=surveys.wave_counts_by_survey([s.id for s in page.items]))


@bp.route("/surveys/new", methods=["GET", "POST"], endpoint="survey_new")
@require("evaluation.manage")
def survey_new():
    form = NewSurveyForm()
    if request.method == "GET":
        form.campaign_id.data = request.args.get("campaign_id", "")
    return _survey_form(None, form)


@bp.route("/surveys/<int:survey_id>/edit", methods=["GET", "POST"], endpoint="survey_edit")
@require("evaluation.manage")
def survey_edit(survey_id: int):
    survey = _survey(survey_id)
    form = SurveyForm(obj=survey, rumour_ids=[s.rumour_id for s in survey.statements],
                      district_ids=[d.district_id for d in survey.districts],
                      campaign_id=str(survey.campaign_id or ""))
    if request.method == "GET":
        for statement in survey.statements:
            form.statements.append_entry({"rumour_id": statement.rumour_id,
                                          "code": statement.code, "text": statement.text})
    return _survey_form(survey, form)


def _survey_form(survey: Survey | None, form: SurveyForm):
    searching = "find_rumours" in request.form
    if form.is_submitted() and not searching and form.validate():
        saved = commit_or_refuse(
            lambda: surveys.save_survey(survey, _survey_data(form), actor=current_user),
            form=form, success=_("The survey has been saved."))
        if saved:
            return redirect(url_for("evaluation.survey_detail", survey_id=saved.value.id))
    _offer(form)
    wordings = surveys.rumour_wordings([to_int(e.form.rumour_id.data) or 0
                                        for e in form.statements])
    return render_template("evaluation/survey_form.html", form=form, survey=survey,
                           searched=searching,
                           wordings={k: localised(v).text for k, v in wordings.items()})


def _survey_data(form: SurveyForm) -> SurveyData:
    typed = {to_int(e.form.rumour_id.data): e.form for e in form.statements}
    statements = []
    for rumour_id in form.rumour_ids.data or []:
        entry = typed.get(rumour_id)
        statements.append(StatementData(
            rumour_id, code=(entry.code.data or "") if entry else "",
            text=entry.text.data if entry else {}))
    return SurveyData(title=form.title.data, description=form.description.data,
                      campaign_id=to_int(form.campaign_id.data),
                      district_ids=list(form.district_ids.data or []), statements=statements)


def _offer(form: SurveyForm) -> None:
    chosen = list(form.rumour_ids.data or [])
    form.rumour_ids.choices = [(r.id, localised(r.wording).text)
                               for r in rumour_options(chosen, form.rumour_q.data or "")]
    offered = district_choices()
    shown = {d for d, _name in offered}
    form.district_ids.choices = offered + [
        (d.id, localised(d.name).text or d.code) for d in districts(active_only=False)
        if d.id in set(form.district_ids.data or []) and d.id not in shown]
    form.campaign_id.choices = [("", _("No campaign"))] + [
        (str(cid), localised(title).text)
        for cid, title in accountability.campaign_options(to_int(form.campaign_id.data))]


@bp.get("/surveys/<int:survey_id>", endpoint="survey_detail")
@require("evaluation.view")
def survey_detail(survey_id: int):
    survey = _survey(survey_id)
    wordings = surveys.rumour_wordings([s.rumour_id for s in survey.statements])
    names = {d.id: localised(d.name).text or d.code for d in districts(active_only=False)}
    return render_template(
        "evaluation/survey_detail.html", survey=survey, kinds=labels(WAVE_KINDS),
        respondents=surveys.respondent_counts([w.id for w in survey.waves]),
        wordings={k: localised(v).text for k, v in wordings.items()}, district_names=names,
        campaign=_campaign_of(survey))


def _campaign_of(survey: Survey):
    return load_campaign(survey.campaign_id) if survey.campaign_id is not None else None


# --- waves ---------------------------------------------------------------------------

@bp.route("/surveys/<int:survey_id>/waves/new", methods=["GET", "POST"], endpoint="wave_new")
@require("evaluation.manage")
def wave_new(survey_id: int):
    return _wave_form(_survey(survey_id), None, WaveForm())


@bp.route("/waves/<int:wave_id>/edit", methods=["GET", "POST"], endpoint="wave_edit")
@require("evaluation.manage")
def wave_edit(wave_id: int):
    wave = _wave(wave_id)
    return _wave_form(_survey(wave.survey_id), wave, WaveForm(obj=wave))


def _wave_form(survey: Survey, wave: SurveyWave | None, form: WaveForm):
    if form.validate_on_submit():
        data = WaveData(form.name.data, form.kind.data, form.starts_on.data, form.ends_on.data)
        saved = commit_or_refuse(
            lambda: surveys.save_wave(survey, wave, data, actor=current_user), form=form,
            success=_("The wave has been saved."))
        if saved:
            return redirect(url_for("evaluation.survey_detail", survey_id=survey.id))
    return render_template("evaluation/wave_form.html", form=form, survey=survey, wave=wave)


@bp.route("/waves/<int:wave_id>/import", methods=["GET", "POST"], endpoint="wave_import")
@require("surveys.respondents")
def wave_import(wave_id: int):
    wave = _wave(wave_id)
    survey = _survey(wave.survey_id)
    codes = {s.id: s.code for s in survey.statements}  # read now: staging commits
    form = UploadForm()
    upload = imports.check_upload(form, lambda name, data: survey_import.check_file(
        name, data, wave), current_user.id)
    return render_template("evaluation/wave_import.html", form=form, wave=wave, survey=survey,
                           preview=upload and upload.checked.preview,
                           confirm=upload and upload.confirm, answers=labels(ANSWERS),
                           codes=codes)


@bp.post("/waves/<int:wave_id>/import/confirm", endpoint="wave_import_confirm")
@require("surveys.respondents")
def wave_import_confirm(wave_id: int):
    wave = _wave(wave_id)
    done = imports.confirm_upload(
        (survey_import.KIND,),
        lambda name, data: survey_import.check_file(name, data, wave),
        lambda checked, _pending: survey_import.import_rows(wave, checked.preview),
        current_user.id,
        success=lambda checked, added: _(
            "%(n)s respondents imported; %(present)s were already there.", n=added,
            present=checked.preview.already_present))
    if done:
        return redirect(url_for("evaluation.survey_results", survey_id=wave.survey_id))
    return redirect(url_for("evaluation.wave_import", wave_id=wave.id))


@bp.route("/waves/<int:wave_id>/clear", methods=["GET", "POST"], endpoint="wave_clear")
@require("surveys.respondents")
def wave_clear(wave_id: int):
    wave = _wave(wave_id)
    form = ConfirmForm()
    if request.method == "POST":
        run_confirmed(lambda: surveys.clear_wave(wave, actor=current_user), lambda removed: ngettext(
            "The answers of %(num)d respondent have been removed from the wave.",
            "The answers of %(num)d respondents have been removed from the wave.", removed),
            form)
        return redirect(url_for("evaluation.survey_detail", survey_id=wave.survey_id))
    return render_template("evaluation/wave_clear.html", wave=wave, form=form,
                           survey=_survey(wave.survey_id),
                           respondents=surveys.respondent_counts([wave.id]).get(wave.id, 0))


@bp.route("/waves/<int:wave_id>/totals", methods=["GET", "POST"], endpoint="wave_totals")
@require("evaluation.manage")
def wave_totals(wave_id: int):
    wave = _wave(wave_id)
    survey = _survey(wave.survey_id)
    form = WaveTotalsForm()
    current = surveys.wave_totals(wave.id)
    answered = surveys.statements_with_respondents(wave.id)
    statements = {s.id: s for s in survey.statements}  # read now: a refusal rolls back
    if request.method == "GET":
        form.source.data = next((t.source for t in current.values() if t.source), "")
        for statement in survey.statements:
            total = current.get(statement.id)
            form.totals.append_entry({
                "statement_id": statement.id, "agree": total and total.agree,
                "disagree": total and total.disagree, "dont_know": total and total.dont_know})
    elif form.validate_on_submit():
        typed = {to_int(e.form.statement_id.data): (e.form.agree.data, e.form.disagree.data,
                                                    e.form.dont_know.data)
                 for e in form.totals}
        saved = commit_or_refuse(lambda: surveys.save_wave_totals(
            wave, typed, form.source.data or "", actor=current_user), form=form,
            success=_("The wave's totals have been saved."))
        if saved:
            return redirect(url_for("evaluation.survey_results", survey_id=survey.id))
    return render_template("evaluation/wave_totals.html", form=form, wave=wave, survey=survey,
                           statements=statements, answered=answered)


# --- results -------------------------------------------------------------------------

@bp.get("/surveys/<int:survey_id>/results", endpoint="survey_results")
@require("evaluation.view")
def survey_results_page(survey_id: int):
    survey = _survey(survey_id)
    waves = list(survey.waves)
    form = ResultsChoiceForm(request.args)
    options = [(str(w.id), w.name) for w in waves]
    for field in (form.first, form.second, form.breakdown):
        field.choices = options
    ids = {w.id for w in waves}
    first, second = to_int(form.first.data), to_int(form.second.data)
    first, second = (first if first in ids else None), (second if second in ids else None)
    results = survey_results.statement_results(list(survey.statements), waves, first, second)
    if waves:
        form.first.data = str(first or waves[0].id)
        form.second.data = str(second or waves[-1].id)
    shown = _breakdown_wave(form, waves, results)
    statement_ids = [s.id for s in survey.statements]
    breakdowns = survey_results.breakdowns(shown.id, statement_ids) if shown else {}
    names = {d.id: localised(d.name).text or d.code for d in districts(active_only=False)}
    return render_template(
        "evaluation/survey_results.html", survey=survey, results=results, form=form,
        breakdowns=breakdowns, shown_wave=shown, small_cell=SMALL_CELL,
        group_labels={"district": names, "age_band": labels(AGE_BANDS),
                      "gender": labels(GENDERS)},
        may_manage=can(current_user, "evaluation.manage"))


def _breakdown_wave(form: ResultsChoiceForm, waves: list[SurveyWave],
                    results) -> SurveyWave | None:
    by_id = {w.id: w for w in waves}
    chosen = by_id.get(to_int(form.breakdown.data) or 0)
    if chosen is None:
        latest = [r.change.later.wave for r in results if r.change is not None]
        chosen = latest[0] if latest else (waves[-1] if waves else None)
        form.breakdown.data = str(chosen.id) if chosen else ""
    return chosen

