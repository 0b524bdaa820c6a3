"""What partners and the public read: the kit, the public catalogue and its ClaimReview feed."""

from __future__ import annotations

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ...core import imports
from ...core.forms import UploadForm
from ...core.http_cache import public_document, public_page
from ...core.i18n import LANGUAGE_ARG, current_language
from ...core.pagination import paginate
from ...core.permissions import require
from ...core.text import to_int
from ...core.translatable import LOCALES
from ...core.web import args_without, page_number, page_size, search_text
from ...extensions import db
from .. import bp
from ..models import Theme
from ..services import catalogue_feed, front_page
from ..services import kit as kit_service
from ..services.arguments import (
    arguments_of,
    catalogue_query,
    group_by_kind,
    kit_query,
    lead_facts,
)
from ..services.claimreview import page_json_ld
from ..services.feed_import import KIND, check_file, import_feed
from ..services.merging import absorbing_rumour
from .support import load_rumour, term_pairs


def _listing(template: str, query, endpoint: str, suggest: bool = False):
    """A page of answered rumours; with ``suggest``, a search that finds nothing offers
    the themes and the rumours heard most instead."""
    page = paginate(query, page_number(), page_size())
    q, theme = request.args.get("q", ""), to_int(request.args.get("theme"))
    suggestions = (front_page.front_page()
                   if suggest and not page.items and (q or theme) else None)
    return render_template(template, page=page, facts=lead_facts([r.id for r in page.items]),
                           q=q, theme=theme, themes=term_pairs(Theme), endpoint=endpoint,
                           suggestions=suggestions, pager_args=args_without("page"))


def _search_args() -> tuple[str, int | None]:
    return search_text(), to_int(request.args.get("theme"))


def _moved(rumour, endpoint: str, **args):
    """Links to a merged duplicate lead for good to the rumour that absorbed it (a value
    None is left out of the address: a public page keeps having a language or none)."""
    target = absorbing_rumour(rumour)
    if target is None:
        return None
    args = {k: v or None for k, v in args.items()}
    return redirect(url_for(endpoint, rumour_id=target.id, **args), 301)


def _language_asked():
    """``?lang=fr`` on a public page leads to its French address."""
    asked = request.args.get(LANGUAGE_ARG)
    if asked not in LOCALES:
        return None
    return redirect(url_for(request.endpoint, **{**(request.view_args or {}),
                                                 **args_without(LANGUAGE_ARG),
                                                 LANGUAGE_ARG: asked}))


def _public(page: str, lang: str | None) -> Response:
    """A public page; at its address without a language, it is shown in the reader's
    language (its canonical link names the address of that language)."""
    response = Response(page)
    if current_user.is_authenticated:
        return response
    return public_page(response, per_language=lang is None)


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
        content = _kit_content("rumours/_kit_sheet.html", sheet=sheet, level=1)
    return render_template("rumours/kit.html", sheet=sheet, lang=lang, content=content)


@bp.get("/kit/booklet")
@bp.get("/kit/themes/<int:theme_id>/booklet")
@require("kit.view")
def booklet(theme_id: int | None = None):
    """The printable booklet of a theme, or of the whole kit: a table of contents, then one
    sheet per published rumour, each with a QR code to its public page."""
    theme = db.get_or_404(Theme, theme_id) if theme_id is not None else None
    lang = _kit_language()
    with force_locale(lang):
        made = kit_service.booklet(theme, _("Public page"))
        content = _kit_content("rumours/_booklet.html", booklet=made,
                               max_sheets=kit_service.BOOKLET_MAX)
    return render_template("rumours/booklet.html", lang=lang, booklet=made, content=content)


def _kit_content(template: str, **context) -> Markup:
    """What the kit prints, in the kit's language (called inside ``force_locale``); the page
    around it stays in the reader's interface language."""
    return Markup(render_template(template, city=kit_service.city_name(), **context))


def _kit_language() -> str:
    lang = request.args.get("lang")
    return lang if lang in LOCALES else current_language()


# The public catalogue has one address per language (/fr/catalogue, /en/catalogue/12);
# the addresses without a language, printed on earlier kits, show the reader's language.
@bp.get("/catalogue")
@bp.get("/<lang:lang>/catalogue")
@require("catalogue.view")
def catalogue(lang: str | None = None):
    asked = _language_asked()
    if asked is not None:
        return asked
    return _public(_listing("rumours/catalogue.html", catalogue_query(*_search_args()),
                            "rumours.catalogue", suggest=True), lang)


@bp.get("/catalogue/<int:rumour_id>")
@bp.get("/<lang:lang>/catalogue/<int:rumour_id>")
@require("catalogue.view")
def public_detail(rumour_id: int, lang: str | None = None):
    rumour = load_rumour(rumour_id)
    moved = _moved(rumour, "rumours.public_detail", lang=lang)
    if moved is not None:
        return moved
    arguments = arguments_of(rumour.id, drafts=False)
    if rumour.published_at is None or rumour.status == "archived" or not arguments:
        abort(404)
    asked = _language_asked()
    if asked is not None:
        return asked
    json_ld = page_json_ld(rumour, arguments, current_language())
    return _public(render_template("rumours/public_detail.html", rumour=rumour,
                                   lead=arguments[0], grouped=group_by_kind(arguments[1:]),
                                   json_ld=json_ld), lang)


@bp.get("/catalogue/claimreview.json")
@require("catalogue.view")
def feed():
    # The whole catalogue is costly to build and changes rarely: built once per change,
    # and any cache may keep it a while.
    built = catalogue_feed.current_feed()
    return public_document(Response(built.body, mimetype="application/ld+json"),
                           etag=built.etag, changed_at=built.changed_at,
                           max_age=catalogue_feed.MAX_AGE)


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
