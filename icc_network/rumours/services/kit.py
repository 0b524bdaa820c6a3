"""The printed kit: what a sheet carries beyond its arguments (the city, a QR code to the
rumour's public page, the date it goes stale) and the booklet of a theme's published
rumours or of the whole kit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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

    @property
    def valid_until(self) -> date | None:
        """The first date one of its arguments (a statistic) goes stale: a printed sheet
        should be replaced by then."""
        dates = [a.valid_until for a in (self.lead, *(a for _, items in self.grouped
                                                      for a in items)) if a.valid_until]
        return min(dates, default=None)


@dataclass
class Booklet:
    theme: Theme | None  # None: the whole kit
    sheets: list[Sheet] = field(default_factory=list)
    cut_short: bool = False  # more published rumours than BOOKLET_MAX
    unpublished: int = 0  # answered rumours of the theme left out: not in the catalogue

    @property
    def sections(self) -> list[tuple[Theme | None, list[Sheet]]]:
        """The sheets by theme, in the themes' order (those without a theme last)."""
        by_theme: dict[int | None, list[Sheet]] = {}
        for sheet in self.sheets:
            by_theme.setdefault(sheet.rumour.theme_id, []).append(sheet)
        themes = {s.rumour.theme_id: s.rumour.theme for s in self.sheets}
        order = sorted(by_theme, key=lambda t: (t is None, (themes[t].position, t)
                                                if t is not None else (0, 0)))
        return [(themes[t], by_theme[t]) for t in order]


def booklet(theme: Theme | None, qr_title: str, limit: int = BOOKLET_MAX) -> Booklet:
    """A theme's published rumours (every theme's without one) with their current
    validated arguments (three queries): the kit sheets whose QR codes lead somewhere,
    in the kit's order; the whole kit's are then grouped by theme."""
    theme_id = theme.id if theme is not None else None
    rumours = list(db.session.scalars(catalogue_query(theme_id=theme_id).limit(limit + 1)))
    cut_short = len(rumours) > limit
    rumours = rumours[:limit]
    by_rumour = current_arguments([r.id for r in rumours])
    answered = db.session.scalar(
        select(func.count()).select_from(kit_query(theme_id=theme_id).order_by(None).subquery()))
    sheets = []
    for rumour in rumours:
        arguments = by_rumour.get(rumour.id) or []
        if arguments:
            sheets.append(Sheet(rumour, arguments[0], group_by_kind(arguments[1:]),
                                public_page(rumour.id), public_qr(rumour.id, qr_title)))
    published = db.session.scalar(
        select(func.count()).select_from(catalogue_query(theme_id=theme_id).order_by(None)
                                         .subquery())) if cut_short else len(rumours)
    return Booklet(theme, sheets, cut_short, max(int(answered or 0) - int(published or 0), 0))
