"""The coordinators' rumour catalogue: list, export, record, detail, workflow, publication."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core import audit
from ...core.clock import today
from ...core.exports import table_response
from ...core.forms import choices, with_empty
from ...core.i18n import current_language
from ...core.nav import detail_panels_for
from ...core.pagination import paginate
from ...core.permissions import can, require
from ...core.text import to_int
from ...core.transactions import commit_or_refuse
from ...core.web import args_without, page_number, page_size
from ...extensions import db
from .. import bp
from ..forms import PublishForm, RumourForm, StatusForm
from ..models import TargetGroup, Theme
from ..services import attention, catalogue, hateful, review, stats
from ..services.arguments import arguments_of, group_by_kind
from ..services.exports import export_table
from ..services.feed_updates import imported_from
from ..services.key_phrases import key_phrases_of
from ..services.merging import absorbing_rumour
from ..services.sightings import recent_sightings_query
from ..vocab import PHRASE_LANGUAGES, STATUSES
from .support import filter_options, load_rumour, option_choices, term_pairs

# The detail page lists the latest sightings; the figures above them cover them all.
LATEST = 20


@bp.get("/rumours")
@require("rumours.view")
def index():
    filters = catalogue.parse_filters(request.args)
    query = catalogue.with_list_relations(
        catalogue.rumour_query(filters, reveal_withheld=hateful.reveals(current_user)))
    page = paginate(query, page_number(), page_size())
    return render_template(
        "rumours/index.html", page=page, filters=filters, options=filter_options(),
        counts=catalogue.argument_counts([r.id for r in page.items]), today=today(),
        origins=imported_from([r.id for r in page.items]),
        trends=stats.trends_of([r.id for r in page.items]),
        pager_args=args_without("page"), sort_args=args_without("page", "sort"),
        export_args=args_without("page", "per_page", "format"))


@bp.get("/rumours/export")
@require("rumours.export")
def export():
    fmt = "xlsx" if request.args.get("format") == "xlsx" else "csv"
    headers, rows = export_table(catalogue.parse_filters(request.args), current_language())
    return table_response(fmt, headers, rows, "rumours")


@bp.route("/rumours/new", methods=["GET", "POST"])
@require("rumours.manage")
def create():
    return _rumour_form(None)


@bp.route("/rumours/<int:rumour_id>/edit", methods=["GET", "POST"])
@require("rumours.manage")
def edit(rumour_id: int):
    return _rumour_form(load_rumour(rumour_id))


def _rumour_form(rumour):
    form = RumourForm(obj=rumour) if rumour else RumourForm(first_detected=today())
    groups = {g.id for g in rumour.target_groups} if rumour else set()
    form.theme_id.choices = with_empty(term_pairs(Theme, {rumour.theme_id} if rumour else set()))
    form.target_groups.choices = option_choices(term_pairs(TargetGroup, groups))
    form.assignee_id.choices = with_empty((u.id, u.name) for u in catalogue.managers())
    if rumour is not None and request.method == "GET":
        form.theme_id.data = str(rumour.theme_id or "")
        form.target_groups.data = [str(g) for g in groups]
        form.assignee_id.data = str(rumour.assignee_id or "")
    if form.validate_on_submit():
        saved = commit_or_refuse(
            lambda: catalogue.save_rumour(
                rumour, actor=current_user, wording=form.wording.data,
                theme_id=to_int(form.theme_id.data),
                target_group_ids=[int(v) for v in form.target_groups.data],
                spheres=form.spheres.data, detection=form.detection.data, cause=form.cause.data,
                first_detected=form.first_detected.data, risk=form.risk.data,
                alert_deadline=form.alert_deadline.data,
                assignee_id=to_int(form.assignee_id.data), verdict=form.verdict.data,
                short_wording=form.short_wording.data),
            form=form, success=_("The rumour has been saved."))
        if saved:
            return redirect(url_for("rumours.detail", rumour_id=saved.value.id))
    return render_template("rumours/form.html", form=form, rumour=rumour)


@bp.get("/rumours/<int:rumour_id>")
@require("rumours.view")
def detail(rumour_id: int):
    return _render_detail(load_rumour(rumour_id))


def _render_detail(rumour, status_form: StatusForm | None = None):
    arguments = arguments_of(rumour.id, drafts=can(current_user, "arguments.view_drafts"))
    if status_form is None:
        status_form = StatusForm(verdict=rumour.verdict)
    status_form.status.choices = _status_choices(rumour)
    sightings = db.session.scalars(recent_sightings_query(rumour.id).limit(LATEST)).all()
    shown = hateful.words_shown(rumour, sightings, current_user)
    figures = stats.rumour_figures(rumour.id)
    page = render_template(
        "rumours/detail.html", rumour=rumour, grouped=group_by_kind(arguments),
        history=catalogue.status_history(rumour.id), months=figures.months,
        districts=figures.districts, sightings=sightings,
        overdue=attention.is_overdue(rumour), status_form=status_form,
        publish_form=PublishForm(), archivable=catalogue.allowed_transitions(rumour),
        answered=catalogue.has_current_argument(rumour.id),
        merged_into=absorbing_rumour(rumour), today=today(), four_eyes=review.four_eyes(),
        key_phrases=key_phrases_of(rumour.id), PHRASE_LANGUAGES=PHRASE_LANGUAGES,
        origin=imported_from([rumour.id]).get(rumour.id),
        panels=detail_panels_for("rumours.detail", current_user, rumour))
    if not shown:
        return page
    # One entry per view of the page, naming every hateful text it showed.
    return audit.personal_data_shown(page, current_user, hateful.READ_ACTION, rumour,
                                     page="rumour", **shown)


def _status_choices(rumour):
    """The moves offered on the status control, in workflow order; archiving is apart."""
    allowed = catalogue.allowed_transitions(rumour)
    return choices((s, STATUSES[s]) for s in STATUSES if s in allowed and s != "archived")


@bp.post("/rumours/<int:rumour_id>/status")
@require("rumours.manage")
def change_status(rumour_id: int):
    rumour = load_rumour(rumour_id)
    form = StatusForm()
    form.status.choices = _status_choices(rumour)
    if form.validate_on_submit():
        changed = commit_or_refuse(
            lambda: catalogue.change_status(rumour, form.status.data, actor=current_user,
                                            note=form.note.data or "",
                                            verdict=form.verdict.data),
            form=form,
            success=_("The status is now “%(status)s”.", status=STATUSES[form.status.data]))
        if not changed:
            return _render_detail(load_rumour(rumour_id), form)
        return redirect(url_for("rumours.detail", rumour_id=rumour_id))
    return _render_detail(rumour, form)


@bp.post("/rumours/<int:rumour_id>/publish")
@require("rumours.manage")
def publish(rumour_id: int):
    rumour = load_rumour(rumour_id)
    form = PublishForm()
    if form.validate_on_submit():
        wanted = form.publish.data == "1"
        commit_or_refuse(lambda: catalogue.set_published(rumour, wanted, actor=current_user),
                         success=_("The rumour is in the public catalogue.") if wanted
                         else _("The rumour has left the public catalogue."))
    return redirect(url_for("rumours.detail", rumour_id=rumour_id))
