"""The intercultural support group: members, meetings and decisions."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ...core.forms import NONE_CHOICE, ConfirmForm
from ...core.mail import mail_enabled
from ...core.pagination import paginate
from ...core.permissions import require
from ...core.text import to_int
from ...core.transactions import commit_or_refuse, run_confirmed
from ...core.web import args_without, page_number, page_size
from ...extensions import db
from .. import bp
from ..forms import DecisionForm, MeetingForm, MemberForm
from ..models import Decision, Meeting, SupportGroupMember
from ..services import meeting_invitations, organisations, removals, support_group
from ..services.support_group import DecisionData, MeetingData, MemberData
from ..vocab import ATTENDANCE, GROUP_ROLES

DECISION_STATUSES = ("open", "overdue", "done", "all")


@bp.get("/support-group")
@require("support_group.view")
def support_group_home():
    meetings = paginate(support_group.meetings_query(), page_number(), page_size())
    overdue, overdue_count = support_group.overdue_decisions(limit=10)
    return render_template("network/support_group.html", members=support_group.members(),
                           meetings=meetings, overdue=overdue, overdue_count=overdue_count,
                           group_roles=GROUP_ROLES, pager_args=args_without("page"),
                           confirm=ConfirmForm())


@bp.route("/support-group/members/new", methods=["GET", "POST"])
@require("support_group.manage")
def member_new():
    return _member_form(None, MemberForm())


@bp.route("/support-group/members/<int:member_id>/edit", methods=["GET", "POST"])
@require("support_group.manage")
def member_edit(member_id: int):
    member = support_group.load_member(member_id) or abort(404)
    return _member_form(member, MemberForm(obj=member))


def _member_form(member, form):
    form.organisation_id.choices = [
        *NONE_CHOICE, *((str(i), name) for i, name in organisations.organisation_choices())]
    if form.validate_on_submit():
        data = MemberData(kind=form.kind.data, organisation_id=to_int(form.organisation_id.data),
                          person_name=form.person_name.data or "",
                          affiliation=form.affiliation.data or "", group_role=form.group_role.data,
                          joined_on=form.joined_on.data, left_on=form.left_on.data,
                          email=form.email.data or "")
        if commit_or_refuse(
            lambda: support_group.save_member(member, data, actor=current_user),
            form=form, success=_("The member has been saved.")):
            return redirect(url_for("network.support_group_home"))
    return render_template("network/member_form.html", form=form, member=member,
                           confirm=ConfirmForm(),
                           removal=removals.of_member(member) if member else None)


@bp.post("/support-group/members/<int:member_id>/delete")
@require("support_group.manage")
def member_delete(member_id: int):
    member = db.get_or_404(SupportGroupMember, member_id)
    run_confirmed(lambda: support_group.delete_member(member, actor=current_user),
                  _("The member has been removed from the group."))
    return redirect(url_for("network.support_group_home"))


@bp.route("/support-group/meetings/new", methods=["GET", "POST"])
@require("support_group.manage")
def meeting_new():
    return _meeting_form(None, MeetingForm())


@bp.route("/support-group/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@require("support_group.manage")
def meeting_edit(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    return _meeting_form(meeting, MeetingForm(obj=meeting))


def _meeting_form(meeting, form):
    if form.validate_on_submit():
        data = MeetingData(held_on=form.held_on.data, place=form.place.data or "",
                           starts_at=form.starts_at.data, ends_at=form.ends_at.data,
                           agenda=form.agenda.data, minutes=form.minutes.data)
        saved = commit_or_refuse(
            lambda: support_group.save_meeting(meeting, data, actor=current_user),
            form=form, success=_("The meeting has been saved."))
        if saved:
            return redirect(url_for("network.meeting_detail", meeting_id=saved.value.id))
    return render_template("network/meeting_form.html", form=form, meeting=meeting)


@bp.get("/support-group/meetings/<int:meeting_id>")
@require("support_group.view")
def meeting_detail(meeting_id: int):
    meeting = support_group.load_meeting(meeting_id) or abort(404)
    return render_template("network/meeting_detail.html", meeting=meeting, confirm=ConfirmForm(),
                           removal=removals.of_meeting(meeting),
                           attendance=support_group.attendance_of(meeting),
                           statuses=ATTENDANCE, hours=meeting_invitations.hours(meeting))


@bp.post("/support-group/meetings/<int:meeting_id>/attendance")
@require("support_group.manage")
def meeting_attendance(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    statuses = {member_id: request.form.get(f"status-{member_id}", "")
                for member_id in (to_int(v) for v in request.form.getlist("member"))
                if member_id is not None}
    run_confirmed(lambda: support_group.record_attendance(meeting, statuses, actor=current_user),
                  _("The attendance has been saved."))
    return redirect(url_for("network.meeting_detail", meeting_id=meeting.id) + "#attendance")


@bp.route("/support-group/meetings/<int:meeting_id>/invitation", methods=["GET", "POST"])
@require("support_group.manage")
def meeting_invitation(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        sent = commit_or_refuse(
            lambda: meeting_invitations.send_invitation(meeting, actor=current_user),
            success=_invitation_message)
        if sent:
            return redirect(url_for("network.meeting_detail", meeting_id=meeting.id))
    return render_template("network/meeting_invitation.html", meeting=meeting, form=form,
                           recipients=meeting_invitations.recipients(meeting),
                           hours=meeting_invitations.hours(meeting), mail_enabled=mail_enabled())


def _invitation_message(sent) -> str:
    message = ngettext("The invitation has been sent to %(num)d member.",
                       "The invitation has been sent to %(num)d members.", sent.sent)
    if sent.failed:
        message += " " + _("The mail server refused the address of: %(names)s.",
                           names=", ".join(sent.failed))
    return message


@bp.post("/support-group/meetings/<int:meeting_id>/delete")
@require("support_group.manage")
def meeting_delete(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    run_confirmed(lambda: support_group.delete_meeting(meeting, actor=current_user),
                  _("The meeting has been deleted."))
    return redirect(url_for("network.support_group_home"))


@bp.route("/support-group/meetings/<int:meeting_id>/decisions/new", methods=["GET", "POST"])
@require("support_group.manage")
def decision_new(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    return _decision_form(meeting, None, DecisionForm())


@bp.route("/support-group/decisions/<int:decision_id>/edit", methods=["GET", "POST"])
@require("support_group.manage")
def decision_edit(decision_id: int):
    decision = db.get_or_404(Decision, decision_id)
    meeting = db.session.get(Meeting, decision.meeting_id)
    return _decision_form(meeting, decision, DecisionForm(obj=decision))


def _decision_form(meeting, decision, form):
    form.owner_id.choices = [*NONE_CHOICE, *support_group.member_choices()]
    if form.validate_on_submit():
        data = DecisionData(text=form.text.data, owner_id=to_int(form.owner_id.data),
                            due_on=form.due_on.data)
        if commit_or_refuse(
            lambda: support_group.save_decision(decision, meeting, data, actor=current_user),
            form=form, success=_("The decision has been saved.")):
            return redirect(url_for("network.meeting_detail", meeting_id=meeting.id))
    return render_template("network/decision_form.html", form=form, meeting=meeting,
                           decision=decision)


@bp.post("/support-group/decisions/<int:decision_id>/done")
@require("support_group.manage")
def decision_done(decision_id: int):
    decision = db.get_or_404(Decision, decision_id)
    done = request.form.get("done") != "0"
    run_confirmed(lambda: support_group.set_decision_done(decision, done, actor=current_user),
                  _("The decision is marked as done.") if done else _("The decision is open again."))
    return redirect(request.form.get("back") == "list" and url_for("network.decisions")
                    or url_for("network.meeting_detail", meeting_id=decision.meeting_id))


@bp.get("/support-group/decisions")
@require("support_group.view")
def decisions():
    status = request.args.get("status") if request.args.get("status") in DECISION_STATUSES else "open"
    page = paginate(support_group.decisions_query(status), page_number(), page_size())
    return render_template("network/decisions.html", page=page, status=status,
                           statuses=DECISION_STATUSES, pager_args=args_without("page"),
                           confirm=ConfirmForm())
