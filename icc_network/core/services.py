"""Shared-kernel rules: districts, the translation worklist, system status."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import joinedload

from ..extensions import db
from . import audit
from .i18n import lazy_gettext as _l
from .i18n import localised
from .models import AuditLog, District, JobStatus
from .pagination import Page
from .rules import RuleViolation
from .text import fold
from .translatable import LOCALES, RegisteredField, registered_fields

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


# --- districts -------------------------------------------------------------

def districts(active_only: bool = True) -> list[District]:
    query = select(District).order_by(District.position, District.code)
    if active_only:
        query = query.where(District.active.is_(True))
    return list(db.session.scalars(query))


def district_choices() -> list[tuple[int, str]]:
    """The active districts as (id, name in the reader's language) for a form's options."""
    return [(d.id, localised(d.name).text or d.code) for d in districts()]


def district_lookup() -> dict[str, int]:
    """Every district reachable by its code or its name in either language, folded (imports)."""
    lookup: dict[str, int] = {}
    for district_id, code, name in db.session.execute(
            select(District.id, District.code, District.name).order_by(District.id)):
        lookup.setdefault(fold(code), district_id)
        for label in (name or {}).values():
            lookup.setdefault(fold(label), district_id)
    return lookup


def save_district(
    district: District | None,
    *,
    code: str,
    name: dict[str, str],
    position: int,
    active: bool,
    actor: Any,
) -> District:
    code = (code or "").strip().lower()
    if not CODE_PATTERN.match(code):
        raise RuleViolation(
            _l("Use lower-case letters, digits and hyphens (at most 40)."), "code"
        )
    taken = select(func.count()).select_from(District).where(District.code == code)
    if district is not None and district.id is not None:
        taken = taken.where(District.id != district.id)
    if db.session.scalar(taken):
        raise RuleViolation(_l("Another district already uses this code."), "code")
    creating = district is None
    district = district or District()
    district.code, district.name, district.position, district.active = code, name, position, active
    db.session.add(district)
    db.session.flush()
    audit.record(actor, "district.create" if creating else "district.update", district,
                 code=code, active=active)
    return district


# --- translation worklist ---------------------------------------------------

@dataclass
class WorklistEntry:
    field: RegisteredField
    record: Any
    missing: str  # the locale still missing


@dataclass
class Worklist:
    counts: list[tuple[RegisteredField, int]]
    page: Page  # of WorklistEntry


def translation_worklist(locale: str, field_key: str | None, page: int, per_page: int) -> Worklist:
    """Records missing ``locale`` in a registered field, paginated across fields.

    One count query per registered field, then only the fields that overlap the
    requested page are fetched, with LIMIT/OFFSET.
    """
    if locale not in LOCALES:
        locale = LOCALES[1]
    fields = [f for f in registered_fields() if field_key in (None, "", f.key)]
    counts = []
    for registered in fields:
        query = registered.missing_query(locale)
        count = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
        counts.append((registered, count))
    total = sum(c for _, c in counts)
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    start, wanted = (page - 1) * per_page, per_page
    entries: list[WorklistEntry] = []
    for registered, count in counts:
        if wanted <= 0:
            break
        if start >= count:
            start -= count
            continue
        query = registered.missing_query(locale).order_by(registered.model.id)
        rows = db.session.scalars(query.offset(start).limit(wanted)).all()
        entries.extend(WorklistEntry(registered, row, locale) for row in rows)
        wanted -= len(rows)
        start = 0
    return Worklist(counts, Page(items=entries, page=page, per_page=per_page, total=total))


# --- status and audit -------------------------------------------------------

def database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        db.session.rollback()
        return False


def job_statuses() -> list[JobStatus]:
    return list(db.session.scalars(select(JobStatus).order_by(JobStatus.job_id)))


def audit_query(entity_type: str | None = None, action: str | None = None):
    query = select(AuditLog).options(joinedload(AuditLog.user)).order_by(AuditLog.id.desc())
    if entity_type:
        query = query.where(AuditLog.entity_type == entity_type)
    if action:
        query = query.where(AuditLog.action.like(f"{action}%"))
    return query


def audit_entity_types() -> list[str]:
    return list(db.session.scalars(select(AuditLog.entity_type).distinct().order_by(AuditLog.entity_type)))
