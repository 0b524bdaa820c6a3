"""The printed kit: what a sheet carries beyond its arguments (the city, a QR code to the
rumour's public page) and the booklet of a theme's published rumours."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from markupsafe import Markup
from sqlalchemy import func, select

from ...core.links import public_url_for, qr_svg
from ...extensions import db
from ..models import CounterArgument, Rumour, Theme
from .arguments import catalogue_query, current_arguments, group_by_kind, kit_query

# A booklet is one printed document, not a list to page through: past this many sheets
# it says it was cut short and which theme filter would make it smaller.
BOOKLET_MAX = 100


def city_name() -> str:
    return current_app.config.get("CITY_NAME") or ""


def public_page(rumour_id: int) -> str:
    """The rumour's public page on PUBLIC_URL, whatever host the kit was opened on."""
    return public_url_for("rumours.public_detail", rumour_id=rumour_id)


def public_qr(rumour_id: int, title: str) -> Markup:
    """The QR code of the rumour's public page (core draws it as safe SVG markup)."""
    return qr_svg(public_page(rumour_id), title, "kit-qr")


@dataclass
class Sheet:
    rumour: Rumour
    lead: CounterArgument
    grouped: list[tuple[str, list[CounterArgument]]]
    public_url: str
    qr: Markup


@dataclass
class Booklet:
    theme: Theme
    sheets: list[Sheet] = field(default_factory=list)
    cut_short: bool = False  # more published rumours than BOOKLET_MAX
    unpublished: int = 0  # answered rumours of the theme left out: not in the catalogue


def booklet(theme: Theme, qr_title: str, limit: int = BOOKLET_MAX) -> Booklet:
    """A theme's published rumours with their current validated arguments (three queries):
    the kit sheets whose QR codes lead somewhere, in the kit's order."""
    rumours = list(db.session.scalars(catalogue_query(theme_id=theme.id).limit(limit + 1)))
    cut_short = len(rumours) > limit
    rumours = rumours[:limit]
    by_rumour = current_arguments([r.id for r in rumours])
    answered = db.session.scalar(
        select(func.count()).select_from(kit_query(theme_id=theme.id).order_by(None).subquery()))
    sheets = []
    for rumour in rumours:
        arguments = by_rumour.get(rumour.id) or []
        if arguments:
            sheets.append(Sheet(rumour, arguments[0], group_by_kind(arguments[1:]),
                                public_page(rumour.id), public_qr(rumour.id, qr_title)))
    published = db.session.scalar(
        select(func.count()).select_from(catalogue_query(theme_id=theme.id).order_by(None)
                                         .subquery())) if cut_short else len(rumours)
    return Booklet(theme, sheets, cut_short, max(int(answered or 0) - int(published or 0), 0))
