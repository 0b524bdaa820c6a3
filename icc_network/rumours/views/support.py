"""What several views of the area need: list options and loading with relations."""

from __future__ import annotations

from flask import abort
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from ...core.forms import choices
from ...core.i18n import localised
from ...core.services import district_choices
from ...extensions import db
from ..models import Rumour, TargetGroup, Theme
from ..services.catalogue import ATTENTION


def term_pairs(model: type, keep: set[int] | frozenset = frozenset()) -> list[tuple[int, str]]:
    """Active entries of a list (and inactive ones still used by the record being edited)."""
    query = select(model).where(or_(model.active.is_(True), model.id.in_(keep))) \
        .order_by(model.position, model.id)
    return [(term.id, localised(term.name).text) for term in db.session.scalars(query)]


def filter_options() -> dict:
    return {"themes": term_pairs(Theme), "target_groups": term_pairs(TargetGroup),
            "districts": district_choices(), "attention": ATTENTION}


def load_rumour(rumour_id: int) -> Rumour:
    rumour = db.session.scalar(
        select(Rumour).where(Rumour.id == rumour_id)
        .options(joinedload(Rumour.theme), joinedload(Rumour.assignee),
                 selectinload(Rumour.target_groups)))
    if rumour is None:
        abort(404)
    return rumour


def option_choices(pairs) -> list:
    return choices([(str(value), label) for value, label in pairs])
