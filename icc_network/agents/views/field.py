"""Field work: conversations agents log (or trainers for them), and an agent's own record."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core import audit
from ...core.clock import today
from ...core.forms import choices
from ...core.i18n import localised
from ...core.pagination import paginate
from ...core.permissions import authorize, can, require
from ...core.services import district_choices
from ...core.text import to_int
from ...core.transactions import commit_or_refuse, run_confirmed
from ...core.web import page_number, page_size
from ...extensions import db
from .. import bp
from ..forms import ConversationForm
from ..models import Agent, Conversation
from ..services import certification, conversations, training
from ..services.conversations import ConversationData
from ..vocab import OUTCOMES, RESPONSE_MODES, STATUSES
from .certificates import is_own


def _own_agent() -> Agent | None:
    return conversations.agent_of_user(current_user.id)


def _not_linked():
    return render_template("agents/my_record_missing.html")


def _load_agent(agent_id: int) -> Agent:
    agent = db.session.get(Agent, agent_id)
    if agent is None or agent.erased_at is not None:
        abort(404)
    return agent


def _conversation_form(agent: Agent, back: str):
    form = ConversationForm(held_on=today())
    form.district_id.choices = choices([("", _("Not given")), *district_choices()])
    form.rumour_id.choices = choices([("", _("None of these / not known")),
                                      *[(r.id, localised(r.wording).text[:120])
                                        for r in conversations.reportable_rumours()]])
    if form.validate_on_submit():
        data = ConversationData(
            held_on=form.held_on.data, district_id=to_int(form.district_id.data),
            rumour_id=to_int(form.rumour_id.data), response_mode=form.response_mode.data,
            outcome=form.outcome.data, note=form.note.data or "")
        saved = commit_or_refuse(
            lambda: conversations.log_conversation(agent, data, logged_by=current_user),
            form=form, success=_("The conversation has been recorded."))
        if saved:
            # The page after saving offers to report a sighting of the rumour met.
            rumour_id = saved.value.rumour_id if saved.value is not None else None
            args = {"agent_id": agent.id} if back == "agents.conversations" else {}
            return redirect(url_for(back, saved=1, rumour=rumour_id, **args))
    page = render_template("agents/conversation_form.html", form=form, agent=agent,
                           own=is_own(agent), back=back)
    if is_own(agent):
        return page
    return audit.personal_data_shown(page, current_user, "agent.conversation_form", agent)


@bp.route("/<int:agent_id>/conversations/new", methods=["GET", "POST"])
@require("conversations.log")
def conversation_new(agent_id: int):
    agent = _load_agent(agent_id)
    authorize("conversations.log", agent)
    return _conversation_form(agent, "agents.conversations")


@bp.route("/me/conversations/new", methods=["GET", "POST"])
@require("agents.own_record")
def my_conversation_new():
    agent = _own_agent()
    if agent is None:
        return _not_linked()
    authorize("conversations.log", agent)
    return _conversation_form(agent, "agents.my_record")


def _saved_rumour():
    """The rumour of the conversation just saved, if the reader may report a sighting of it."""
    if not request.args.get("saved"):
        return None
    rumour_id = to_int(request.args.get("rumour"))
    rumour = conversations.load_rumour(rumour_id) if rumour_id else None
    return rumour if rumour is not None and can(current_user, "sightings.report", rumour) else None


def _conversation_page(agent_id: int, per_page: int | None = None):
    page = paginate(conversations.conversations_query(agent_id), page_number(),
                    per_page or page_size())
    wordings = conversations.rumour_wordings([c.rumour_id for c in page.items])
    return page, wordings


@bp.get("/<int:agent_id>/conversations", endpoint="conversations")
@require("conversations.view")
def conversations_list(agent_id: int):
    agent = _load_agent(agent_id)
    authorize("conversations.view", agent)
    page, wordings = _conversation_page(agent.id)
    response = render_template(
        "agents/conversations.html", agent=agent, page=page, wordings=wordings,
        modes=RESPONSE_MODES, outcomes=OUTCOMES,
        may_log=can(current_user, "conversations.log", agent), saved_rumour=_saved_rumour(),
        manages=can(current_user, "agents.manage"))
    if is_own(agent):
        return response
    return audit.personal_data_shown(response, current_user, "agent.conversations_view", agent)


@bp.post("/conversations/<int:conversation_id>/delete")
@require("conversations.log")
def conversation_delete(conversation_id: int):
    conversation = db.session.get(Conversation, conversation_id) or abort(404)
    agent = _load_agent(conversation.agent_id)
    authorize("conversations.log", agent)
    if not conversations.may_delete(conversation, current_user.id,
                                    can(current_user, "agents.manage")):
        abort(403)
    run_confirmed(lambda: conversations.delete_conversation(conversation),
                  success=_("The conversation has been deleted."))
    if is_own(agent):
        return redirect(url_for("agents.my_record"))
    return redirect(url_for("agents.conversations", agent_id=agent.id))


@bp.get("/me")
@require("agents.own_record")
def my_record():
    agent = _own_agent()
    if agent is None:
        return _not_linked()
    progress = certification.progress(agent.id)
    programmes = training.programme_names()
    page, wordings = _conversation_page(agent.id, per_page=20)
    return render_template(
        "agents/my_record.html", agent=agent, statuses=STATUSES, progress=progress,
        programmes=programmes, enrolments=conversations.enrolments_of(agent.id),
        certificates=certification.current_certificates(agent.id), page=page,
        wordings=wordings, modes=RESPONSE_MODES, outcomes=OUTCOMES,
        today=today(), saved_rumour=_saved_rumour())
