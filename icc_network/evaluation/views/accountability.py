"""Results-based accountability: the overview (results, programmes, measures), the
catalogue of computed measures, the forms, a measure's page and its hand-entered values."""

from __future__ import annotations

from datetime import date

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.calendar import city_today
from ...core.forms import ConfirmForm, choices, with_empty
from ...core.i18n import localised
from ...core.pagination import paginate
from ...core.permissions import require
from ...core.services import district_choices
from ...core.text import to_int
from ...core.transactions import commit_or_refuse, run_confirmed
from ...core.web import page_number
from .. import bp
from ..forms import MeasureForm, MeasureValueForm, ProgrammeForm, ResultForm
from ..models import Measure
from ..services import accountability, catalogue, curves, series
from ..services.accountability import PARAMS, MeasureData, ProgrammeData, ResultData
from ..vocab import FREQUENCIES, MEASURE_SOURCES, POLARITIES, PROGRAMME_KINDS, QUADRANTS, UNITS

PROGRAMMES_PER_PAGE = 10
VALUES_PER_PAGE = 24


def labels(mapping: dict) -> dict[str, str]:
    """Lazy labels resolved once per request, not once per table cell."""
    return {code: str(label) for code, label in mapping.items()}


def vocabularies() -> dict:
    return {"quadrants": labels(QUADRANTS), "units": labels(UNITS),
            "polarities": labels(POLARITIES), "frequencies": labels(FREQUENCIES),
            "sources": labels(MEASURE_SOURCES), "kinds": labels(PROGRAMME_KINDS)}


def load_measure(measure_id: int) -> Measure:
    return accountability.load_measure(measure_id) or abort(404)


@bp.get("/", endpoint="index")
@require("evaluation.view")
def overview():
    results = accountability.results()
    page = paginate(accountability.programmes_query(), page_number(), PROGRAMMES_PER_PAGE)
    measures = accountability.measures_of([r.id for r in results], [p.id for p in page.items])
    by_result: dict[int, list[Measure]] = {}
    by_programme: dict[tuple[int, str], list[Measure]] = {}
    for measure in measures:
        if measure.result_id is not None:
            by_result.setdefault(measure.result_id, []).append(measure)
        else:
            by_programme.setdefault((measure.programme_id, measure.quadrant or ""), []) \
                .append(measure)
    return render_template(
        "evaluation/index.html", results=results, page=page, by_result=by_result,
        by_programme=by_programme, curves=curves.curves(measures, city_today()),
        **vocabularies())


@bp.get("/catalogue", endpoint="catalogue")
@require("evaluation.view")
def catalogue_page():
    return render_template("evaluation/catalogue.html", definitions=catalogue.definitions(),
                           **vocabularies())


@bp.route("/results/new", methods=["GET", "POST"], endpoint="result_new")
@require("evaluation.manage")
def result_new():
    return _result_form(None, ResultForm())


@bp.route("/results/<int:result_id>/edit", methods=["GET", "POST"], endpoint="result_edit")
@require("evaluation.manage")
def result_edit(result_id: int):
    result = accountability.load_result(result_id) or abort(404)
    return _result_form(result, ResultForm(obj=result))


def _result_form(result, form: ResultForm):
    if form.validate_on_submit():
        data = ResultData(title=form.title.data, description=form.description.data,
                          position=form.position.data or 0)
        if commit_or_refuse(lambda: accountability.save_result(result, data, actor=current_user),
                            form=form, success=_("The result has been saved.")):
            return redirect(url_for("evaluation.index"))
    return render_template("evaluation/result_form.html", form=form, result=result)


@bp.route("/programmes/new", methods=["GET", "POST"], endpoint="programme_new")
@require("evaluation.manage")
def programme_new():
    return _programme_form(None, ProgrammeForm(result_id=request.args.get("result_id", "")))


@bp.route("/programmes/<int:programme_id>/edit", methods=["GET", "POST"],
          endpoint="programme_edit")
@require("evaluation.manage")
def programme_edit(programme_id: int):
    programme = accountability.load_programme(programme_id) or abort(404)
    form = ProgrammeForm(obj=programme, result_id=str(programme.result_id or ""),
                         campaign_id=str(programme.campaign_id or ""))
    return _programme_form(programme, form)


def _programme_form(programme, form: ProgrammeForm):
    form.result_id.choices = with_empty(
        (rid, localised(title).text) for rid, title in accountability.result_choices())
    form.campaign_id.choices = with_empty(
        (cid, localised(title).text)
        for cid, title in accountability.campaign_options(_id(form.campaign_id.data)))
    if form.validate_on_submit():
        data = ProgrammeData(
            title=form.title.data, kind=form.kind.data, description=form.description.data,
            result_id=_id(form.result_id.data), campaign_id=_id(form.campaign_id.data),
            position=form.position.data or 0)
        if commit_or_refuse(
                lambda: accountability.save_programme(programme, data, actor=current_user),
                form=form, success=_("The programme has been saved.")):
            return redirect(url_for("evaluation.index"))
    return render_template("evaluation/programme_form.html", form=form, programme=programme)


def _id(value) -> int | None:
    return to_int(value)


@bp.route("/measures/new", methods=["GET", "POST"], endpoint="measure_new")
@require("evaluation.manage")
def measure_new():
    form = MeasureForm(result_id=request.args.get("result_id", ""),
                       programme_id=request.args.get("programme_id", ""),
                       series_start=city_today().replace(day=1))
    return _measure_form(None, form)


@bp.route("/measures/<int:measure_id>/edit", methods=["GET", "POST"], endpoint="measure_edit")
@require("evaluation.manage")
def measure_edit(measure_id: int):
    measure = load_measure(measure_id)
    params = {name: str((measure.params or {}).get(name) or "") for name in PARAMS}
    form = MeasureForm(obj=measure, result_id=str(measure.result_id or ""),
                       programme_id=str(measure.programme_id or ""),
                       quadrant=measure.quadrant or "",
                       definition_key=measure.definition_key or "", **params)
    return _measure_form(measure, form)


def _offer(form: MeasureForm) -> None:
    form.result_id.choices = with_empty(
        (rid, localised(title).text) for rid, title in accountability.result_choices())
    form.programme_id.choices = with_empty(
        (pid, localised(title).text) for pid, title in accountability.programme_choices())
    form.quadrant.choices = with_empty(QUADRANTS.items())
    form.definition_key.choices = with_empty(
        (d.key, d.label) for d in catalogue.definitions())
    form.district_id.choices = with_empty(district_choices())
    form.campaign_id.choices = with_empty(
        (cid, localised(title).text)
        for cid, title in accountability.campaign_options(_id(form.campaign_id.data)))
    form.statement_id.choices = with_empty(
        (sid, f"{localised(survey).text} · {localised(text).text}")
        for sid, survey, text in accountability.statement_options(_id(form.statement_id.data)))


def _measure_data(form: MeasureForm) -> MeasureData:
    target = form.target_value.number
    return MeasureData(
        title=form.title.data, series_start=form.series_start.data,
        result_id=_id(form.result_id.data), programme_id=_id(form.programme_id.data),
        quadrant=form.quadrant.data or None, source_kind=form.source_kind.data,
        definition_key=form.definition_key.data or None,
        params={name: _id(getattr(form, name).data) for name in PARAMS
                if _id(getattr(form, name).data)},
        definition=form.definition.data, source=form.source.data or "",
        unit=form.unit.data, polarity=form.polarity.data, frequency=form.frequency.data,
        baseline_start=form.baseline_start.data, baseline_end=form.baseline_end.data,
        target_value=target, target_on=form.target_on.data, public=form.public.data,
        headline=form.headline.data)


def _measure_form(measure: Measure | None, form: MeasureForm):
    _offer(form)
    if form.validate_on_submit():
        data = _measure_data(form)

        def save():
            saved = accountability.save_measure(measure, data, actor=current_user,
                                                today=city_today())
            series.recompute(saved)  # the curve is there when the page opens
            return saved

        done = commit_or_refuse(save, form=form, success=_("The measure has been saved."))
        if done:
            return redirect(url_for("evaluation.measure_detail", measure_id=done.value.id))
    return render_template("evaluation/measure_form.html", form=form, measure=measure,
                           definitions=catalogue.definitions(), **vocabularies())


@bp.get("/measures/<int:measure_id>", endpoint="measure_detail")
@require("evaluation.view")
def measure_detail(measure_id: int):
    measure = load_measure(measure_id)
    run = curves.latest_runs([measure.id]).get(measure.id)
    curve = curves.curve(measure, run, city_today())
    return render_template(
        "evaluation/measure_detail.html", measure=measure, curve=curve,
        forecast_reason=series.REASONS.get(curve.method.get("reason") or ""),
        found=catalogue.definition(measure.definition_key)
        if measure.source_kind == "computed" else None,
        history=curves.run_history(measure.id), owner=_owner(measure), **vocabularies())


def _owner(measure: Measure):
    if measure.result_id is not None:
        return accountability.load_result(measure.result_id)
    return accountability.load_programme(measure.programme_id)


@bp.route("/measures/<int:measure_id>/values", methods=["GET", "POST"],
          endpoint="measure_values")
@require("evaluation.manage")
def measure_values(measure_id: int):
    measure = load_measure(measure_id)
    form = MeasureValueForm()
    periods = accountability.periods(measure, city_today())
    form.period.choices = choices((p.isoformat(), p) for p in periods)
    if request.form.get("remove"):
        return _remove_value(measure, request.form["remove"])
    if measure.source_kind == "manual" and form.validate_on_submit():
        value = form.value.number

        def enter():
            row = accountability.set_value(
                measure, _period(form.period.data), value, form.note.data or "",
                actor=current_user, today=city_today())
            series.recompute(measure)
            return row

        if commit_or_refuse(enter, form=form, success=_("The figure has been recorded.")):
            return redirect(url_for("evaluation.measure_values", measure_id=measure.id))
    page = paginate(accountability.values_query(measure), page_number(), VALUES_PER_PAGE)
    return render_template("evaluation/measure_values.html", measure=measure, form=form,
                           page=page, periods=periods, confirm=ConfirmForm(),
                           **vocabularies())


def _period(text: str) -> date:
    return date.fromisoformat(text)


def _remove_value(measure: Measure, text: str):
    try:
        period = _period(text)
    except ValueError:
        abort(400)

    def remove():
        accountability.delete_value(measure, period, actor=current_user)
        series.recompute(measure)

    run_confirmed(remove, _("The figure has been removed."))
    return redirect(url_for("evaluation.measure_values", measure_id=measure.id))
