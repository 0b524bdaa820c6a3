"""A measure's turn-the-curve worksheet: partners with a role, what works and the action
plan, each line a link to a record of a lower area (an organisation, a validated
argument, a campaign, an activity, a decision of the support group)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from ...campaigns.models import Activity, Campaign
from ...core import audit
from ...core.i18n import lazy_gettext as _l
from ...core.rules import RuleViolation, refuse_unless, valid_choice
from ...core.text import fold
from ...core.translatable import text_matches
from ...extensions import db
from ...network.models import Organisation
from ...network.models.support_group import Decision
from ...rumours.models import CounterArgument
from ..models import Measure, WorksheetLink
from ..vocab import WORKSHEET_SECTIONS

# What each section may link to, in the order of vocab.WORKSHEET_SECTIONS: partners with a
# role (organisations), what works, the action plan.
TARGETS = dict(zip(WORKSHEET_SECTIONS, (("organisation",),
                                        ("argument", "campaign", "activity"),
                                        ("campaign", "decision")), strict=True))
TARGET_LABELS = {
    "organisation": _l("Partner organisation"),
    "argument": _l("Validated argument"),
    "campaign": _l("Campaign"),
    "activity": _l("Campaign activity"),
    "decision": _l("Decision of the support group"),
}
MODELS = {"organisation": Organisation, "argument": CounterArgument, "campaign": Campaign,
          "activity": Activity, "decision": Decision}
# Options offered in a list: the most recent ones, or those matching the search.
OPTIONS_SHOWN = 50


@dataclass(frozen=True)
class Line:
    """One line of the worksheet: the link, what it points at and that record."""

    link: WorksheetLink
    kind: str
    target: Any


def kind_of(link: WorksheetLink) -> str:
    return next(kind for kind in MODELS if getattr(link, f"{kind}_id") is not None)


def load_link(link_id: int) -> WorksheetLink | None:
    return db.session.get(WorksheetLink, link_id)


def worksheet(measure: Measure) -> dict[str, list[Line]]:
    """The worksheet's lines by section; one query per kind of record linked."""
    links = list(db.session.scalars(select(WorksheetLink)
                                    .where(WorksheetLink.measure_id == measure.id)
                                    .order_by(WorksheetLink.position, WorksheetLink.id)))
    wanted: dict[str, set[int]] = {}
    for link in links:
        kind = kind_of(link)
        wanted.setdefault(kind, set()).add(getattr(link, f"{kind}_id"))
    records = {kind: {row.id: row for row in db.session.scalars(
        select(MODELS[kind]).where(MODELS[kind].id.in_(ids)))} for kind, ids in wanted.items()}
    sections: dict[str, list[Line]] = {section: [] for section in WORKSHEET_SECTIONS}
    for link in links:
        kind = kind_of(link)
        target = records[kind].get(getattr(link, f"{kind}_id"))
        if target is not None:
            sections[link.section].append(Line(link, kind, target))
    return sections


def add_link(measure: Measure, section: str, kind: str, target_id: int | None, note: str, *,
             actor: Any) -> WorksheetLink:
    valid_choice(section, WORKSHEET_SECTIONS, "section")
    refuse_unless(kind in TARGETS[section],
                  _l("This section does not take this kind of record."), "kind")
    target = db.session.get(MODELS[kind], target_id) if target_id else None
    refuse_unless(target is not None, _l("Choose a record of the list."), "target_id")
    if kind == "argument" and target.status != "validated":
        raise RuleViolation(_l("Only a validated argument can be said to work."), "target_id")
    exists = db.session.scalar(select(WorksheetLink.id).where(
        WorksheetLink.measure_id == measure.id, WorksheetLink.section == section,
        getattr(WorksheetLink, f"{kind}_id") == target.id))
    refuse_unless(exists is None, _l("This record is already in this section."), "target_id")
    position = db.session.scalar(select(func.coalesce(func.max(WorksheetLink.position), 0))
                                 .where(WorksheetLink.measure_id == measure.id)) or 0
    link = WorksheetLink(measure_id=measure.id, section=section, note=note.strip(),
                         position=position + 1, **{f"{kind}_id": target.id})
    db.session.add(link)
    db.session.flush()
    audit.record(actor, "rba_worksheet.link_add", measure, section=section, kind=kind,
                 target_id=target.id)
    return link


def remove_link(link: WorksheetLink, *, actor: Any) -> int:
    measure_id = link.measure_id
    audit.record(actor, "rba_worksheet.link_remove", entity_type="rba_measure",
                 entity_id=measure_id, section=link.section, kind=kind_of(link))
    db.session.delete(link)
    db.session.flush()
    return measure_id


def options(kind: str, q: str = "") -> list[tuple[int, Any, date | None]]:
    """(id, label, date) of the records of ``kind`` a line may point at: the most recent
    ones, or those whose name contains ``q``."""
    q = (q or "").strip()[:100]
    if kind == "organisation":
        query = select(Organisation.id, Organisation.name, Organisation.created_at) \
            .order_by(Organisation.created_at.desc())
        if q:
            query = query.where(Organisation.name_key.contains(fold(q)))
    elif kind == "argument":
        query = select(CounterArgument.id, CounterArgument.text, CounterArgument.created_at) \
            .where(CounterArgument.status == "validated") \
            .order_by(CounterArgument.created_at.desc())
    elif kind == "campaign":
        query = select(Campaign.id, Campaign.title, Campaign.starts_on) \
            .order_by(Campaign.starts_on.desc())
    elif kind == "activity":
        query = select(Activity.id, Activity.title, Activity.starts_at) \
            .order_by(Activity.starts_at.desc())
    else:
        query = select(Decision.id, Decision.text, Decision.due_on) \
            .order_by(Decision.created_at.desc())
    if q and kind != "organisation":
        column = {"argument": CounterArgument.text, "campaign": Campaign.title,
                  "activity": Activity.title, "decision": Decision.text}[kind]
        query = query.where(text_matches(column, q))
    return [tuple(row) for row in db.session.execute(query.limit(OPTIONS_SHOWN))]
