"""What several views of the area need: list options and loading with relations."""

from __future__ import annotations

from flask import abort, flash
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from ...core import imports
from ...core.forms import choices
from ...core.i18n import localised
from ...core.models import District
from ...extensions import db
from ..forms import ConfirmImportForm
from ..models import Rumour, TargetGroup, Theme
from ..services.catalogue import ATTENTION


def to_int(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def term_pairs(model: type, keep: set[int] | frozenset = frozenset()) -> list[tuple[int, str]]:
    """Active entries of a list (and inactive ones still used by the record being edited)."""
    query = select(model).where(or_(model.active.is_(True), model.id.in_(keep))) \
        .order_by(model.position, model.id)
    return [(term.id, localised(term.name).text) for term in db.session.scalars(query)]


def district_pairs() -> list[tuple[int, str]]:
    query = select(District).where(District.active.is_(True)).order_by(District.position,
                                                                       District.code)
    return [(d.id, localised(d.name).text or d.code) for d in db.session.scalars(query)]


def filter_options() -> dict:
    return {"themes": term_pairs(Theme), "target_groups": term_pairs(TargetGroup),
            "districts": district_pairs(), "attention": ATTENTION}


def load_rumour(rumour_id: int) -> Rumour:
    rumour = db.session.scalar(
        select(Rumour).where(Rumour.id == rumour_id)
        .options(joinedload(Rumour.theme), joinedload(Rumour.assignee),
                 selectinload(Rumour.target_groups)))
    if rumour is None:
        abort(404)
    return rumour


def confirmed_upload(kind: str):
    """The user's staged upload named by the confirmation form, or None (a message is flashed)."""
    form = ConfirmImportForm()
    pending = None
    if form.validate_on_submit():
        pending = imports.staged(to_int(form.pending_id.data) or 0, kind, current_user.id)
    if pending is None:
        flash(_("This upload is no longer available: upload the file again."), "danger")
    return pending


def option_choices(pairs) -> list:
    return choices([(str(value), label) for value, label in pairs])
