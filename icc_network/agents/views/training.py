"""Programmes and their modules, training sessions, enrolment, the roll call and calendars."""

from __future__ import annotations

import re

from flask import Response, abort, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core import audit
from ...core.clock import utcnow
from ...core.forms import NONE_CHOICE, ConfirmForm
from ...core.i18n import current_language, localised
from ...core.pagination import paginate
from ...core.permissions import require
from ...core.services import district_choices
from ...core.text import to_int
from ...core.transactions import commit_or_refuse, run_confirmed
from ...core.web import args_without, page_number, page_size, search_text
from ...extensions import db
from .. import bp
from ..forms import EnrolForm, ModuleForm, ProgrammeForm, RollCallForm, SessionForm, parse_hours
from ..models import Agent, Enrolment, Module, TrainingSession
from ..services import calendar, enrolment, training
from ..services.roll_call import Mark, record_roll_call, recorded
from ..services.training import ModuleData, ProgrammeData, SessionData, SessionFilters
from ..vocab import ATTENDANCE, AUDIENCES, ENROLMENT_STATES, LANGUAGES

# --- programmes and modules -------------------------------------------------------


@bp.get("/programmes", endpoint="programmes")
@require("training.view")
def programme_list():
    return render_template("agents/programme_list.html", programmes=training.programmes(),
                           audiences=AUDIENCES, required_minutes=training.required_minutes)


@bp.get("/programmes/<int:programme_id>")
@require("training.view")
def programme_detail(programme_id: int):
    programme = training.load_programme(programme_id) or abort(404)
    return render_template("agents/programme_detail.html", programme=programme,
                           audiences=AUDIENCES, confirm=ConfirmForm(),
                           required=training.required_minutes(programme.modules))


@bp.route("/programmes/new", methods=["GET", "POST"])
@require("training.manage")
def programme_new():
    return _programme_form(None, ProgrammeForm())


@bp.route("/programmes/<int:programme_id>/edit", methods=["GET", "POST"])
@require("training.manage")
def programme_edit(programme_id: int):
    programme = training.load_programme(programme_id) or abort(404)
    return _programme_form(programme, ProgrammeForm(
        obj=programme, threshold_hours=programme.threshold_minutes,
        refresher_hours=programme.refresher_minutes))


def _programme_form(programme, form: ProgrammeForm):
    if form.validate_on_submit():
        data = ProgrammeData(
            name=form.name.data, description=form.description.data,
            audience=form.audience.data, threshold_minutes=form.threshold_hours.minutes or 0,
            refresher_minutes=form.refresher_hours.minutes, valid_months=form.valid_months.data,
            active=form.active.data)
        saved = commit_or_refuse(
            lambda: training.save_programme(programme, data, actor=current_user), form=form,
            success=_("The programme has been saved."))
        if saved:
            return redirect(url_for("agents.programme_detail", programme_id=saved.value.id))
    return render_template("agents/programme_form.html", form=form, programme=programme)


@bp.route("/programmes/<int:programme_id>/modules/new", methods=["GET", "POST"])
@require("training.manage")
def module_new(programme_id: int):
    programme = training.load_programme(programme_id) or abort(404)
    return _module_form(programme, None, ModuleForm(position=len(programme.modules)))


@bp.route("/modules/<int:module_id>/edit", methods=["GET", "POST"])
@require("training.manage")
def module_edit(module_id: int):
    module = db.get_or_404(Module, module_id)
    programme = training.load_programme(module.programme_id)
    return _module_form(programme, module, ModuleForm(obj=module, hours=module.minutes))


def _module_form(programme, module, form: ModuleForm):
    if form.validate_on_submit():
        data = ModuleData(name=form.name.data, minutes=form.hours.minutes or 0,
                          required=form.required.data, position=form.position.data or 0)
        saved = commit_or_refuse(
            lambda: training.save_module(module, programme, data, actor=current_user),
            form=form, success=_("The module has been saved."))
        if saved:
            return redirect(url_for("agents.programme_detail", programme_id=programme.id))
    return render_template("agents/programme_module_form.html", form=form, module=module,
                           programme=programme)


@bp.post("/modules/<int:module_id>/delete")
@require("training.manage")
def module_delete(module_id: int):
    module = db.get_or_404(Module, module_id)
    programme = training.load_programme(module.programme_id)
    run_confirmed(lambda: training.delete_module(module, programme, actor=current_user),
                  _("The module has been removed."))
    return redirect(url_for("agents.programme_detail", programme_id=programme.id))


# --- sessions -------------------------------------------------------------------

def _filters() -> SessionFilters:
    args = request.args
    when = args.get("when", "upcoming")
    return SessionFilters(
        programme_id=to_int(args.get("programme")), district_id=to_int(args.get("district")),
        language=args.get("language") if args.get("language") in LANGUAGES else "",
        trainer_id=to_int(args.get("trainer_id")),
        when=when if when in ("upcoming", "past", "all") else "upcoming")


@bp.get("/sessions", endpoint="sessions")
@require("training.view")
def session_list():
    filters = _filters()
    page = paginate(training.sessions_query(filters), page_number(), page_size(), scalars=False)
    return render_template(
        "agents/session_list.html", page=page, filters=filters, when=calendar.when,
        programmes=[(p.id, localised(p.name).text) for p in training.programmes()],
        districts=district_choices(), trainers=training.trainer_choices(), languages=LANGUAGES,
        pager_args=args_without("page"))


def _load_session(session_id: int) -> TrainingSession:
    return training.load_session(session_id) or abort(404)


@bp.get("/sessions/<int:session_id>")
@require("training.view")
def session_detail(session_id: int):
    session = _load_session(session_id)
    enrolments = enrolment.enrolments_of(session.id)
    text = search_text(limit=100)
    candidates = enrolment.enrol_candidates(session.id, text) if text else []
    marks = {agent_id: row.status for agent_id, row in recorded(session.id).items()}
    page = render_template(
        "agents/session_detail.html", session=session, enrolments=enrolments,
        candidates=candidates, q=text, marks=marks, attendance=ATTENDANCE,
        states=ENROLMENT_STATES, languages=LANGUAGES, when=calendar.when(session),
        modules=calendar.module_names([session.id]).get(session.id, []),
        enrolled=sum(1 for e in enrolments if e.state == "enrolled"),
        confirm=ConfirmForm(), started=session.starts_at <= utcnow())
    if not enrolments and not candidates:
        return page
    return audit.personal_data_shown(page, current_user, "training_session.participants_view",
                                     session, enrolments=len(enrolments), found=len(candidates))


@bp.route("/sessions/new", methods=["GET", "POST"])
@require("training.manage")
def session_new():
    choices = training.programmes(active_only=True)
    chosen = to_int(request.args.get("programme"))
    programme = next((p for p in choices if p.id == chosen), choices[0] if choices else None)
    form = SessionForm(trainer_id=str(current_user.id), language=current_language())
    if programme is None:
        return render_template("agents/session_form.html", form=None, session=None,
                               programme=None, programmes=[])
    return _session_form(None, programme, form, choices)


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@require("training.manage")
def session_edit(session_id: int):
    session = _load_session(session_id)
    start, end = calendar.to_local(session.starts_at), calendar.to_local(session.ends_at)
    form = SessionForm(obj=session, module_ids=session.module_ids, day=start.date(),
                       start_time=start.time(), end_time=end.time(),
                       district_id=str(session.district_id or ""),
                       trainer_id=str(session.trainer_id or ""))
    programme = training.load_programme(session.programme_id)
    return _session_form(session, programme, form, [])


def _session_form(session, programme, form: SessionForm, programmes):
    form.module_ids.choices = [(m.id, localised(m.name).text) for m in programme.modules]
    form.district_id.choices = [*NONE_CHOICE, *district_choices()]
    form.trainer_id.choices = [*NONE_CHOICE, *training.trainer_choices()]
    if form.validate_on_submit():
        data = SessionData(
            module_ids=list(form.module_ids.data or []),
            starts_at=calendar.to_utc(form.day.data, form.start_time.data),
            ends_at=calendar.to_utc(form.day.data, form.end_time.data),
            place=form.place.data or "", district_id=to_int(form.district_id.data),
            language=form.language.data, trainer_id=to_int(form.trainer_id.data),
            capacity=form.capacity.data, note=form.note.data or "")
        saved = commit_or_refuse(
            lambda: training.save_session(session, programme, data, actor=current_user),
            form=form, success=_("The session has been saved."))
        if saved:
            return redirect(url_for("agents.session_detail", session_id=saved.value.id))
    return render_template("agents/session_form.html", form=form, session=session,
                           programme=programme, programmes=programmes)


@bp.route("/sessions/<int:session_id>/cancel", methods=["GET", "POST"])
@require("training.manage")
def session_cancel(session_id: int):
    session = _load_session(session_id)
    form = ConfirmForm()
    if request.method == "POST":
        run_confirmed(lambda: training.cancel_session(session, actor=current_user),
                      _("The session has been cancelled; participants will be told."), form)
        return redirect(url_for("agents.session_detail", session_id=session_id))
    return render_template("agents/session_cancel.html", session=session, form=form,
                           when=calendar.when(session))


# --- enrolment ------------------------------------------------------------------

@bp.post("/sessions/<int:session_id>/enrol")
@require("training.manage")
def enrol(session_id: int):
    session = _load_session(session_id)
    form = EnrolForm()
    agent = db.session.get(Agent, to_int(form.agent_id.data) or 0)
    if not form.validate_on_submit() or agent is None:
        return redirect(url_for("agents.session_detail", session_id=session_id))

    def done(place: Enrolment) -> str:
        if place.state == "waiting":
            return _("The session is full: the person is on the waiting list.")
        return _("The person has a place in the session.")

    commit_or_refuse(lambda: enrolment.enrol(session, agent, actor=current_user), success=done)
    return redirect(url_for("agents.session_detail", session_id=session_id))


@bp.post("/enrolments/<int:enrolment_id>/unenrol")
@require("training.manage")
def unenrol(enrolment_id: int):
    place = db.get_or_404(Enrolment, enrolment_id)

    def done(promoted: list) -> str:
        if promoted:
            return _("The enrolment was withdrawn; the first person on the waiting list "
                     "has the place.")
        return _("The enrolment was withdrawn.")

    run_confirmed(lambda: enrolment.withdraw(place, actor=current_user), done)
    return redirect(url_for("agents.session_detail", session_id=place.session_id))


# --- roll call ------------------------------------------------------------------

_STATUS_FIELD = re.compile(r"^status-([0-9]{1,10})$")


def _marks(session: TrainingSession) -> tuple[list[Mark], dict[int, str]]:
    """What the roll call's form says, and the rows whose hours could not be read."""
    marks, errors = [], {}
    for name, status in request.form.items():
        match = _STATUS_FIELD.match(name)
        agent_id = to_int(match.group(1)) if match else None
        if agent_id is None:
            continue
        minutes = None
        if status == "partial":
            minutes = parse_hours(request.form.get(f"hours-{agent_id}"))
            if minutes is None:
                errors[agent_id] = _("Enter the hours attended, such as 1.5 or 1 h 30.")
        marks.append(Mark(agent_id, status, minutes))
    return marks, errors


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


@bp.route("/sessions/<int:session_id>/roll-call", methods=["GET", "POST"])
@require("training.manage")
def roll_call(session_id: int):
    session = _load_session(session_id)
    enrolments = [e for e in enrolment.enrolments_of(session.id) if e.state == "enrolled"]
    form, errors, outcome = RollCallForm(), {}, None
    if form.validate_on_submit():
        marks, errors = _marks(session)
        if not errors:
            outcome = commit_or_refuse(
                lambda: record_roll_call(session, marks, actor=current_user),
                form=form, success=_("The roll call has been recorded."))
            if outcome:
                if _wants_json():
                    return jsonify(ok=True, result=outcome.value,
                                   location=url_for("agents.session_detail", session_id=session.id))
                return redirect(url_for("agents.session_detail", session_id=session.id))
            field = outcome.violation.field or ""
            if field.startswith("minutes-"):
                errors[to_int(field.split("-", 1)[1])] = str(outcome.violation.message)
    if request.method == "POST" and _wants_json():
        messages = [str(m) for m in form.form_errors] or [_("The roll call could not be recorded.")]
        return jsonify(ok=False, errors={str(k): v for k, v in errors.items()},
                       message=" ".join(messages)), 422
    return _roll_call_page(session, enrolments, form, errors)


def _roll_call_page(session, enrolments, form, errors):
    marked = recorded(session.id)
    page = render_template(
        "agents/roll_call.html", session=session, enrolments=enrolments, form=form,
        errors=errors, recorded=marked, sent=request.form if request.method == "POST" else {},
        attendance=ATTENDANCE, when=calendar.when(session), hours=session.minutes / 60)
    if not enrolments:
        return page
    return audit.personal_data_shown(page, current_user, "training_session.participants_view",
                                     session, enrolments=len(enrolments))


# --- calendars ------------------------------------------------------------------

def _ics(sessions: list[TrainingSession], filename: str, name: str = "") -> Response:
    body = calendar.calendar_bytes(
        sessions, host=calendar.calendar_host(), locale=current_language(), name=name,
        module_names=calendar.module_names(s.id for s in sessions))
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/sessions/<int:session_id>.ics")
@require("training.view")
def session_ics(session_id: int):
    return _ics([_load_session(session_id)], f"training-session-{session_id}.ics")


@bp.get("/calendar/my-sessions.ics")
@require("training.view")
def trainer_calendar():
    sessions = training.upcoming_sessions_of(current_user.id)
    return _ics(sessions, "my-training-sessions.ics", _("My training sessions"))
