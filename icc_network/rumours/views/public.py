"""What partners and the public read: the kit, the public catalogue and its ClaimReview feed."""

from __future__ import annotations

import json

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from ...core import imports
from ...core.forms import UploadForm
from ...core.i18n import current_language
from ...core.pagination import paginate
from ...core.permissions import require
from ...core.text import to_int
from ...core.web import args_without, page_number, page_size, search_text
from ...extensions import db
from .. import bp
from ..models import Theme
from ..services import kit as kit_service
from ..services.arguments import (
    arguments_of,
    catalogue_query,
    current_arguments,
    group_by_kind,
    kit_query,
    lead_facts,
)
from ..services.claimreview import feed as claimreview_feed
from ..services.claimreview import page_json_ld
from ..services.feed_import import KIND, check_file, import_feed
from ..services.merging import absorbing_rumour
from .support import load_rumour, term_pairs


def _listing(template: str, query, endpoint: str):
    page = paginate(query, page_number(), page_size())
    return render_template(template, page=page, facts=lead_facts([r.id for r in page.items]),
                           q=request.args.get("q", ""), theme=to_int(request.args.get("theme")),
                           themes=term_pairs(Theme), endpoint=endpoint,
                           pager_args=args_without("page"))


def _search_args() -> tuple[str, int | None]:
    return search_text(), to_int(request.args.get("theme"))


def _moved(rumour, endpoint: str, **args):
    """Links to a merged duplicate lead for good to the rumour that absorbed it."""
    target = absorbing_rumour(rumour)
    if target is None:
        return None
    args = {k: v for k, v in args.items() if v}
    return redirect(url_for(endpoint, rumour_id=target.id, **args), 301)


@bp.get("/kit")
@require("kit.view")
def kit_index():
    return _listing("rumours/kit_index.html", kit_query(*_search_args()), "rumours.kit_index")


@bp.get("/kit/<int:rumour_id>")
@require("kit.view")
def kit(rumour_id: int):
    """The printable sheet of one rumour, in French or English, leading with the facts."""
    rumour = load_rumour(rumour_id)
    moved = _moved(rumour, "rumours.kit", lang=request.args.get("lang"))
    if moved is not None:
        return moved
    arguments = arguments_of(rumour.id, drafts=False)
    if rumour.status == "archived" or not arguments:
        abort(404)
    lang = _kit_language()
    with force_locale(lang):
        published = rumour.published_at is not None
        sheet = kit_service.Sheet(
            rumour, arguments[0], group_by_kind(arguments[1:]),
            kit_service.public_page(rumour.id) if published else "",
            kit_service.public_qr(rumour.id, _("Public page")) if published else None)
        return render_template("rumours/kit.html", sheet=sheet, lang=lang,
                               city=kit_service.city_name())


@bp.get("/kit/themes/<int:theme_id>/booklet")
@require("kit.view")
def booklet(theme_id: int):
    """The printable booklet of a theme: a table of contents, then one sheet per published
    rumour, each with a QR code to its public page."""
    theme = db.get_or_404(Theme, theme_id)
    lang = _kit_language()
    with force_locale(lang):
        return render_template("rumours/booklet.html", lang=lang, city=kit_service.city_name(),
                               booklet=kit_service.booklet(theme, _("Public page")),
                               max_sheets=kit_service.BOOKLET_MAX)


def _kit_language() -> str:
    lang = request.args.get("lang")
    return lang if lang in ("fr", "en") else current_language()


@bp.get("/catalogue")
@require("catalogue.view")
def catalogue():
    return _listing("rumours/catalogue.html", catalogue_query(*_search_args()),
                    "rumours.catalogue")


@bp.get("/catalogue/<int:rumour_id>")
@require("catalogue.view")
def public_detail(rumour_id: int):
    rumour = load_rumour(rumour_id)
    moved = _moved(rumour, "rumours.public_detail")
    if moved is not None:
        return moved
    arguments = arguments_of(rumour.id, drafts=False)
    if rumour.published_at is None or rumour.status == "archived" or not arguments:
        abort(404)
    json_ld = page_json_ld(rumour, arguments, current_language())
    return render_template("rumours/public_detail.html", rumour=rumour, lead=arguments[0],
                           grouped=group_by_kind(arguments[1:]), json_ld=json_ld)


@bp.get("/catalogue/claimreview.json")
@require("catalogue.view")
def feed():
    rumours = list(db.session.scalars(catalogue_query()))
    arguments = current_arguments([r.id for r in rumours])
    body = json.dumps(claimreview_feed(rumours, arguments), ensure_ascii=False, indent=1)
    # The whole catalogue is costly to build and changes rarely: let caches keep it a while.
    return Response(body, mimetype="application/ld+json",
                    headers={"Cache-Control": "public, max-age=600"})


@bp.route("/catalogue/import", methods=["GET", "POST"])
@require("catalogue.import")
def feed_import():
    form = UploadForm()
    upload = imports.check_upload(form, check_file, current_user.id)
    return render_template("rumours/feed_import.html", form=form,
                           claims=upload.checked.details[1] if upload else [],
                           preview=upload and upload.checked.preview,
                           confirm=upload and upload.confirm)


@bp.post("/catalogue/import/confirm")
@require("catalogue.import")
def feed_import_confirm():
    imported = imports.confirm_upload(
        (KIND,), check_file,
        lambda checked, pending: import_feed(*checked.details, pending.filename,
                                             actor=current_user),
        current_user.id,
        success=lambda checked, added: _("%(n)s arguments imported as drafts; %(present)s were "
                                         "already there.", n=added,
                                         present=checked.preview.already_present))
    if not imported:
        return redirect(url_for("rumours.feed_import"))
    return redirect(url_for("rumours.index", status="reported"))
