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
from .pagination import KeysetPage, Page, keyset_paginate
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


SYSTEM_ACTOR = "system"  # the actor filter's value for rows no account wrote (jobs, sign-in alerts)


@dataclass(frozen=True)
class AuditFilters:
    """What the audit log is narrowed to: a kind of record (and one record of it), actions
    starting with a prefix, and who did it (an account's id, or ``SYSTEM_ACTOR``)."""

    entity_type: str | None = None
    entity_id: str | None = None
    action: str | None = None
    actor: int | str | None = None

    def as_details(self) -> dict[str, Any]:
        """The filters set, as an audit row's details (what an export covered), named as
        on the page."""
        named = {"kind": self.entity_type, "record": self.entity_id,
                 "starts_with": self.action, "who": self.actor}
        return {key: value for key, value in named.items() if value not in (None, "")}


def _audit_conditions(filters: AuditFilters) -> list:
    conditions = []
    if filters.entity_type:
        conditions.append(AuditLog.entity_type == filters.entity_type)
        if filters.entity_id:
            conditions.append(AuditLog.entity_id == filters.entity_id)
    if filters.action:
        conditions.append(AuditLog.action.like(f"{filters.action}%"))
    if filters.actor == SYSTEM_ACTOR:
        conditions.append(AuditLog.user_id.is_(None))
    elif filters.actor is not None:
        conditions.append(AuditLog.user_id == filters.actor)
    return conditions


def audit_query(filters: AuditFilters | None = None):
    """The audit rows matching ``filters``, newest first. Filtering by actor walks the
    (user_id, id) index, so one person's rows come in order without scanning the log."""
    return (select(AuditLog).options(joinedload(AuditLog.user))
            .where(*_audit_conditions(filters or AuditFilters())).order_by(AuditLog.id.desc()))


def audit_page(filters: AuditFilters, per_page: int, *, older_than: int | None = None,
               newer_than: int | None = None) -> KeysetPage:
    """One page of the log, read by id: a log that gains a row for every sighting is never
    counted whole nor skipped through with OFFSET on a view."""
    return keyset_paginate(audit_query(filters), AuditLog.id, per_page, older_than=older_than,
                           newer_than=newer_than)


def audit_entity_types() -> list[str]:
    """The kinds of record the log names, found by skipping through the (entity_type,
    entity_id) index one kind at a time rather than reading every row of a long log."""
    step = text(
        "WITH RECURSIVE kinds(entity_type) AS ("
        " SELECT MIN(entity_type) FROM audit_log"
        " UNION ALL"
        " SELECT (SELECT MIN(a.entity_type) FROM audit_log a WHERE a.entity_type > kinds.entity_type)"
        " FROM kinds WHERE kinds.entity_type IS NOT NULL)"
        " SELECT entity_type FROM kinds WHERE entity_type IS NOT NULL")
    return list(db.session.scalars(step))


def audit_actors() -> list[tuple[int, str]]:
    """Every account as (id, name), to pick whose actions the log shows."""
    from ..auth.models import User

    return [(user_id, name) for user_id, name in
            db.session.execute(select(User.id, User.name).order_by(User.name, User.id))]


def audit_export_rows(filters: AuditFilters) -> list[list[Any]]:
    """The rows of an export of the log: when, who, action, record, details as text."""
    from ..auth.models import User

    rows = db.session.execute(
        select(AuditLog.at, User.name, AuditLog.action, AuditLog.entity_type,
               AuditLog.entity_id, AuditLog.details)
        .outerjoin(User, User.id == AuditLog.user_id)
        .where(*_audit_conditions(filters)).order_by(AuditLog.id.desc()))
    return [[at, name or "", action, entity_type, entity_id or "",
             "; ".join(f"{key}: {value}" for key, value in (details or {}).items())]
            for at, name, action, entity_type, entity_id, details in rows]
