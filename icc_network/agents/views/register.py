"""The register: the list of participants, their record, adding, editing and merging them,
and their personal data (export, erasure, consent).

Every page that shows who a participant is goes through ``audit.personal_data_shown``.
"""

from __future__ import annotations

import json

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core import audit, exports
from ...core.forms import ConfirmForm, choices, with_empty
from ...core.i18n import localised
from ...core.pagination import paginate
from ...core.permissions import require
from ...core.registries import choices_for
from ...core.services import district_choices, districts
from ...core.text import to_int
from ...core.transactions import commit_or_refuse, run_confirmed
from ...core.web import args_without, page_number, page_size, search_text
from ...extensions import db
from ...network.services.organisations import organisation_names
from .. import bp
from ..forms import AgentForm, NewAgentForm, StatusForm
from ..models import Agent
from ..services import personal_data, register, training
from ..services.certification import current_certificates
from ..services.register import AgentData, RegisterFilters
from ..vocab import (
    CONSENT_TEXTS,
    CONSENT_VERSION,
    ENROLMENT_STATES,
    LANGUAGES,
    ORIGINS,
    PARTICIPANT_KINDS,
    STATUSES,
)


def _labels(labels: dict) -> dict[str, str]:
    """Lazy labels resolved once per request, not once per table cell."""
    return {code: str(label) for code, label in labels.items()}


def _filters() -> RegisterFilters:
    args = request.args
    return RegisterFilters(
        q=search_text(limit=100), status=args.get("status", "") if args.get("status") in STATUSES
        else "", district_id=to_int(args.get("district")),
        language=args.get("language", "") if args.get("language") in LANGUAGES else "",
        organisation_id=to_int(args.get("organisation")),
        organisation_name=search_text("organisation_name", limit=100),
        programme_id=to_int(args.get("programme")),
        kind=args.get("kind", "") if args.get("kind") in PARTICIPANT_KINDS else "",
        sort=args.get("sort") or "name")


def _programme_choices() -> list[tuple[int, str]]:
    return [(pid, localised(name).text) for pid, name in training.programme_names().items()]


def _load(agent_id: int) -> Agent:
    return register.load_agent(agent_id) or abort(404)


def _list_context(filters: RegisterFilters) -> dict:
    return {
        "filters": filters, "statuses": _labels(STATUSES), "kinds": _labels(PARTICIPANT_KINDS),
        "languages": _labels(LANGUAGES), "districts": districts(active_only=False),
        "organisation": organisation_names([filters.organisation_id]).get(
            filters.organisation_id or 0),
        "programmes": _programme_choices(),
        "pager_args": args_without("page"), "sort_args": args_without("page", "sort")}


@bp.get("/", endpoint="index")
@require("agents.view")
def register_list():
    filters = _filters()
    page = paginate(register.register_query(filters), page_number(), page_size())
    erased = register.erased_count(filters) if request.args.get("erased") else None
    html = render_template("agents/register_list.html", page=page, erased=erased,
                           **_list_context(filters))
    return audit.personal_data_shown(html, current_user, "agent.list", entity_type=Agent.__tablename__,
                                     count=len(page.items))


@bp.get("/agents.<any(csv, xlsx):fmt>", endpoint="export")
@require("agents.export")
def register_export(fmt: str):
    agents = db.session.scalars(register.register_query(_filters())).unique().all()
    organisations = organisation_names(a.organisation_id for a in agents)
    kinds, statuses, origins = _labels(PARTICIPANT_KINDS), _labels(STATUSES), _labels(ORIGINS)
    headers = [_("Last name"), _("First name"), _("E-mail address"), _("Phone"),
               _("Participant"), _("Status"), _("District"), _("Organisation"),
               _("Languages spoken"), _("How they came to the programme"),
               _("Consent given on"), _("Consent version")]
    rows = [[a.last_name, a.first_name, a.email, a.phone, kinds.get(a.kind, a.kind),
             statuses.get(a.status, a.status), a.district.code if a.district else "",
             organisations.get(a.organisation_id, ""), a.languages,
             origins.get(a.came_through, a.came_through), a.consent_on, a.consent_version]
            for a in agents]
    return audit.personal_data_shown(exports.table_response(fmt, headers, rows, "agents"),
                                     current_user, "agent.export", entity_type=Agent.__tablename__,
                                     count=len(rows))


@bp.get("/<int:agent_id>", endpoint="detail")
@require("agents.view")
def register_detail(agent_id: int):
    agent = _load(agent_id)
    if agent.erased_at is not None:
        return render_template("agents/register_detail.html", agent=agent, erased=True,
                               statuses=_labels(STATUSES))
    status_form = StatusForm()
    status_form.status.choices = choices((s, STATUSES[s]) for s in register.allowed_moves(agent))
    html = render_template(
        "agents/register_detail.html", agent=agent, erased=False,
        statuses=_labels(STATUSES), kinds=_labels(PARTICIPANT_KINDS), origins=_labels(ORIGINS),
        languages=_labels(LANGUAGES), status_form=status_form,
        enrolment_states=_labels(ENROLMENT_STATES),
        organisation=organisation_names([agent.organisation_id]).get(agent.organisation_id or 0),
        consent=personal_data.consent_text(agent.consent_version, agent.consent_locale),
        enrolments=register.enrolments_of(agent.id), attendance=register.attendance_of(agent.id),
        certificates=current_certificates(agent.id),
        conversations=register.conversation_count(agent.id),
        account=register.linked_account(agent))
    return audit.personal_data_shown(html, current_user, "agent.view", agent)


@bp.route("/new", methods=["GET", "POST"], endpoint="new")
@require("agents.manage")
def register_new():
    return _agent_form(None, NewAgentForm(data={"languages": ["fr"]}))


@bp.route("/<int:agent_id>/edit", methods=["GET", "POST"], endpoint="edit")
@require("agents.manage")
def register_edit(agent_id: int):
    agent = _load(agent_id)
    if agent.erased_at is not None:
        abort(404)
    form = AgentForm(obj=agent, data={"languages": agent.languages})
    if request.method == "GET":
        form.district_id.data = str(agent.district_id or "")
        form.organisation_id.data = str(agent.organisation_id or "")
        form.user_id.data = str(agent.user_id or "")
    html = _agent_form(agent, form)
    if request.method == "GET":
        return audit.personal_data_shown(html, current_user, "agent.edit_form", agent)
    return html


def _agent_form(agent: Agent | None, form: AgentForm):
    options = district_choices()
    if agent is not None and agent.district is not None and agent.district_id not in dict(options):
        # A district since retired stays possible for the people already in it.
        options.append((agent.district_id, localised(agent.district.name).text or agent.district.code))
    form.district_id.choices = with_empty(options)
    form.organisation_id.choices = with_empty(choices_for("organisations"))
    form.user_id.choices = with_empty(register.account_choices(agent))
    duplicate = None
    if form.validate_on_submit():
        data = _agent_data(form)
        saved = commit_or_refuse(
            lambda: register.save_agent(agent, data, actor=current_user), form=form,
            success=_("The participant has been saved."))
        if saved:
            return redirect(url_for("agents.detail", agent_id=saved.value.id))
        duplicate = register.find_duplicate(form.email.data or "", agent.id if agent else None)
    return render_template("agents/register_form.html", form=form, agent=agent,
                           duplicate=duplicate, consent_version=CONSENT_VERSION,
                           consent_text=CONSENT_TEXTS[CONSENT_VERSION])


def _agent_data(form: AgentForm) -> AgentData:
    return AgentData(
        first_name=form.first_name.data or "", last_name=form.last_name.data or "",
        email=form.email.data or "", phone=form.phone.data or "",
        languages=list(form.languages.data or []), district_id=to_int(form.district_id.data),
        organisation_id=to_int(form.organisation_id.data), kind=form.kind.data or "",
        came_through=form.came_through.data or "", locale=form.locale.data or "",
        consent=bool(form.consent.data), notes=form.notes.data or "",
        user_id=to_int(form.user_id.data))


@bp.post("/<int:agent_id>/status", endpoint="status")
@require("agents.manage")
def register_status(agent_id: int):
    agent = _load(agent_id)
    form = StatusForm()
    if form.validate_on_submit():
        commit_or_refuse(lambda: register.change_status(agent, form.status.data or "",
                                                        actor=current_user),
                         success=_("The status has been changed."))
    return redirect(url_for("agents.detail", agent_id=agent_id))


@bp.route("/<int:agent_id>/merge", methods=["GET", "POST"], endpoint="merge")
@require("agents.manage")
def register_merge(agent_id: int):
    duplicate = _load(agent_id)
    kept = register.load_agent(to_int(request.args.get("into")) or 0) or abort(404)
    if kept.id == duplicate.id or kept.erased_at or duplicate.erased_at:
        abort(404)
    form = ConfirmForm()
    if request.method == "POST":
        done = run_confirmed(lambda: register.merge_agents(duplicate, kept, actor=current_user),
                             _("The two records have been merged."), form=form)
        if done:
            return redirect(url_for("agents.detail", agent_id=kept.id))
    html = render_template("agents/register_merge.html", duplicate=duplicate, kept=kept,
                           form=form, statuses=_labels(STATUSES),
                           languages=_labels(LANGUAGES))
    return audit.personal_data_shown(html, current_user, "agent.merge_view", duplicate,
                                     into=kept.id)


# --- personal data ---------------------------------------------------------------

def _record_labels() -> dict[str, str]:
    """Readable names of the keys of the personal-data record (the JSON keeps the keys)."""
    return {
        "id": _("Number"), "first_name": _("First name"), "last_name": _("Last name"),
        "email": _("E-mail address"), "phone": _("Phone"), "kind": _("Participant"),
        "district_id": _("District (number)"), "organisation_id": _("Organisation (number)"),
        "came_through": _("How they came to the programme"),
        "locale": _("Language of their documents"), "status": _("Status"), "notes": _("Notes"),
        "user_id": _("Linked account (number)"), "last_activity_on": _("Last activity"),
        "created_at": _("Registered"), "updated_at": _("Last changed"),
        "erased_at": _("Erased"), "given_on": _("Consent given on"),
        "version": _("Consent version"), "language": _("Language"), "text": _("Text"),
        "withdrawn_on": _("Consent withdrawn on"), "session_id": _("Session (number)"),
        "programme_id": _("Programme (number)"), "starts_at": _("Starts"),
        "state": _("State"), "queued_at": _("Enrolled on"), "minutes": _("Minutes attended"),
        "code": _("Code"), "issued_on": _("Issued on"), "expires_on": _("Expires on"),
        "minutes_attended": _("Minutes attended"), "revoked_at": _("Revoked"),
        "held_on": _("Date"), "rumour_id": _("Rumour (number)"),
        "response_mode": _("Response"), "outcome": _("Outcome"), "note": _("Note"),
        "due_at": _("Due"), "sent_at": _("Sent"), "dropped_at": _("Dropped")}


@bp.get("/<int:agent_id>/personal-data", endpoint="personal_data")
@require("agents.view")
def personal_data_page(agent_id: int):
    agent = _load(agent_id)
    html = render_template("agents/register_personal_data.html", agent=agent,
                           record=personal_data.agent_record(agent), labels=_record_labels())
    return audit.personal_data_shown(html, current_user, "agent.personal_data", agent)


@bp.get("/<int:agent_id>/personal-data.json", endpoint="personal_data_json")
@require("agents.view")
def personal_data_json(agent_id: int):
    agent = _load(agent_id)
    body = json.dumps(personal_data.agent_record(agent), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="agent-{agent_id}.json"'})
    return audit.personal_data_shown(response, current_user, "agent.personal_data_export",
                                     agent)


@bp.route("/<int:agent_id>/erase", methods=["GET", "POST"], endpoint="erase")
@require("agents.manage")
def register_erase(agent_id: int):
    return _erasure(agent_id, "erase")


@bp.route("/<int:agent_id>/withdraw-consent", methods=["GET", "POST"],
          endpoint="withdraw_consent")
@require("agents.manage")
def register_withdraw_consent(agent_id: int):
    return _erasure(agent_id, "withdraw")


def _erasure(agent_id: int, kind: str):
    """Both erasure and withdrawn consent: a page that says what happens, then the change."""
    agent = _load(agent_id)
    if agent.erased_at is not None:
        return redirect(url_for("agents.detail", agent_id=agent_id))
    form = ConfirmForm()
    if request.method == "POST":
        work = (personal_data.withdraw_consent if kind == "withdraw"
                else personal_data.erase_agent)
        done = run_confirmed(lambda: work(agent, actor=current_user),
                             _("The participant's personal data has been erased."), form=form)
        if done:
            return redirect(url_for("agents.detail", agent_id=agent_id))
    html = render_template("agents/register_erase.html", agent=agent, form=form, kind=kind)
    return audit.personal_data_shown(html, current_user, "agent.view", agent)
