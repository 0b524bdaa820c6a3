"""Home, health, language switch, districts, worklist, audit log and status."""

from __future__ import annotations

from flask import (
    Response,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from . import audit, boundaries, bp, exports, imports, maps, notifications, services
from .forms import ConfirmForm, DistrictForm, LanguageForm, UploadForm
from .http_cache import public_page
from .i18n import SESSION_LOCALE_KEY, current_language
from .models import District, Notification
from .nav import panels_for
from .pagination import paginate
from .permissions import authorize, require
from .scheduling import job_specs
from .security import is_safe_next
from .templating import home_cards
from .text import humanised, to_int
from .transactions import commit, commit_or_refuse, run_confirmed
from .translatable import registered_fields
from .web import args_without, page_number, page_size, redirect_back, search_text


@bp.get("/")
@require("home.view")
def home():
    # A panel with nothing to say to this user (an agent's record for an account without
    # one) gives None and is left out.
    panels = [(p, context) for p in panels_for(current_user)
              if (context := p.context(current_user)) is not None]
    page = render_template("core/home.html", cards=home_cards(), panels=panels)
    if current_user.is_authenticated:
        return page
    # The public's home page is the same for every visitor of a language (chosen by the
    # browser or the switcher's cookie): a visitor who has it is answered 304.
    return public_page(Response(page), per_language=True)


@bp.get("/healthz")
def healthz():
    healthy = services.database_ok()
    body = {"status": "ok" if healthy else "error", "database": "ok" if healthy else "unreachable"}
    return jsonify(body), 200 if healthy else 503


@bp.post("/language")
@require("home.view")
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            current_user.locale = form.locale.data
            commit()
        session[SESSION_LOCALE_KEY] = form.locale.data
    return redirect_back()


@bp.get("/admin/districts")
@require("districts.manage")
def districts():
    return render_template("core/districts.html", districts=services.districts(active_only=False),
                           drawn=boundaries.drawn_district_ids())


@bp.route("/admin/districts/new", methods=["GET", "POST"])
@require("districts.manage")
def district_new():
    return _district_form(None)


@bp.route("/admin/districts/<int:district_id>/edit", methods=["GET", "POST"])
@require("districts.manage")
def district_edit(district_id: int):
    return _district_form(db.get_or_404(District, district_id))


def _district_form(district: District | None):
    form = DistrictForm(obj=district)
    if form.validate_on_submit():
        saved = commit_or_refuse(
            lambda: services.save_district(
                district, code=form.code.data, name=form.name.data,
                position=form.position.data or 0, active=form.active.data, actor=current_user),
            form=form, success=_("District saved."))
        if saved:
            return redirect(url_for("core.districts"))
    return render_template("core/district_form.html", form=form, district=district)


@bp.route("/admin/districts/boundaries", methods=["GET", "POST"])
@require("districts.manage")
def district_boundaries():
    """Upload a GeoJSON file of boundaries; its preview shows the map it would draw."""
    form = UploadForm()
    upload = imports.check_upload(form, lambda name, data: boundaries.check_file(name, data),
                                  current_user.id)
    preview_map = maps.preview_map(upload.checked.preview.rows) if upload else None
    return render_template("core/district_boundaries.html", form=form, upload=upload,
                           preview_map=preview_map)


@bp.post("/admin/districts/boundaries/confirm")
@require("districts.manage")
def district_boundaries_confirm():
    imported = imports.confirm_upload(
        (boundaries.KIND,), lambda name, data: boundaries.check_file(name, data),
        lambda checked, _pending: boundaries.import_boundaries(checked.preview, actor=current_user),
        current_user.id,
        success=lambda _checked, added: _("%(n)s boundaries imported.", n=added))
    return redirect(url_for("core.districts" if imported else "core.district_boundaries"))


@bp.route("/admin/districts/<int:district_id>/boundary/remove", methods=["GET", "POST"])
@require("districts.manage")
def district_boundary_remove(district_id: int):
    """Ask first, then take the district's boundary off the maps."""
    district = db.get_or_404(District, district_id)
    if district.id not in boundaries.drawn_district_ids():
        flash(_("This district has no boundary to remove."), "info")
        return redirect(url_for("core.districts"))
    form = ConfirmForm()
    done = run_confirmed(lambda: boundaries.remove_boundary(district, actor=current_user),
                         _("The boundary has been removed."), form=form)
    if done:
        return redirect(url_for("core.districts"))
    return render_template("core/district_boundary_remove.html", district=district, form=form)


@bp.get("/translations/worklist")
@require("translations.worklist")
def worklist():
    locale = request.args.get("missing", "en" if current_app.config["BABEL_DEFAULT_LOCALE"] == "fr" else "fr")
    field_key = request.args.get("field") or None
    result = services.translation_worklist(locale, field_key, page_number(), page_size())
    return render_template(
        "core/worklist.html",
        worklist=result,
        fields=registered_fields(),
        missing=locale,
        field_key=field_key,
        pager_args=args_without("page"),
    )


def _audit_filters() -> services.AuditFilters:
    who = request.args.get("who") or None
    return services.AuditFilters(
        entity_type=request.args.get("entity") or None,
        entity_id=search_text("record", limit=64) or None,
        action=search_text("action", limit=64) or None,
        actor=services.SYSTEM_ACTOR if who == services.SYSTEM_ACTOR else to_int(who))


@bp.get("/admin/audit")
@require("audit.view")
def audit_log():
    filters = _audit_filters()
    page = services.audit_page(filters, page_size(), older_than=to_int(request.args.get("older")),
                               newer_than=to_int(request.args.get("newer")))
    return render_template(
        "core/audit.html",
        page=page,
        filters=filters,
        entity_types=services.audit_entity_types(),
        actors=services.audit_actors(),
        system_actor=services.SYSTEM_ACTOR,
        labels=audit,
        pager_args=args_without("page", "older", "newer"),
        export_args=args_without("page", "per_page", "older", "newer"),
    )


@bp.get("/admin/audit.<any(csv, xlsx):fmt>")
@require("audit.view")
def audit_export(fmt: str):
    """The log with the page's filters; the log itself has personal data (who saw whom)."""
    filters = _audit_filters()
    rows = services.audit_export_rows(filters)
    headers = [_("When (UTC)"), _("Who"), _("Action"), _("Kind of record"), _("Record"), _("Details")]
    return audit.personal_data_shown(exports.table_response(fmt, headers, rows, "audit-log"),
                                     current_user, "audit.export", entity_type="audit_log",
                                     count=len(rows), format=fmt, **filters.as_details())


@bp.get("/admin/status")
@require("system.status")
def status():
    statuses = {s.job_id: s for s in services.job_statuses()}
    jobs = [(spec, statuses.get(spec.id)) for spec in job_specs(current_app)]
    return render_template(
        "core/status.html",
        jobs=jobs,
        database_ok=services.database_ok(),
        engine=db.engine.dialect.name,
        humanised=humanised,
    )


@bp.get("/notifications")
@require("notifications.view")
def notifications_inbox():
    page = paginate(notifications.inbox_query(current_user.id), page_number(), page_size())
    locale = current_language()
    items = [(n, notifications.render(n, locale)) for n in page.items]
    return render_template("core/notifications.html", page=page, items=items,
                           pager_args=args_without("page"))


@bp.post("/notifications/<int:notification_id>/read")
@require("notifications.view")
def notification_read(notification_id: int):
    notification = db.get_or_404(Notification, notification_id)
    authorize("notifications.view", notification)
    commit(notifications.mark_read(current_user.id, notification_id))
    if notification.link and is_safe_next(notification.link):
        return redirect(notification.link)
    return redirect(url_for("core.notifications_inbox"))


@bp.post("/notifications/read-all")
@require("notifications.view")
def notifications_read_all():
    commit_or_refuse(lambda: notifications.mark_read(current_user.id),
                     success=_("All notifications are marked as read."))
    return redirect(url_for("core.notifications_inbox"))
