"""The register's rules: finding people, adding and editing them, their status, merging
two records of the same person.

Audit rows carry ids and the names of the fields changed, never their values: an
erased participant must leave no personal data behind (see ``personal_data``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, delete, exists, func, or_, select, update
from sqlalchemy.orm import joinedload, selectinload

from ...auth.models import User
from ...core import audit
from ...core.clock import today, utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.models import District
from ...core.permissions import roles_that_can
from ...core.rules import RuleViolation
from ...core.text import fold
from ...extensions import db
from ...network.services.organisations import organisations_named
from ..models import (
    Agent,
    AgentLanguage,
    AgentMessage,
    Attendance,
    Certificate,
    Conversation,
    Enrolment,
    TrainingSession,
    agent_name_key,
    email_key,
)
from ..vocab import (
    CONSENT_VERSION,
    DOCUMENT_LANGUAGES,
    LANGUAGES,
    NEEDS_CERTIFICATE,
    ORIGINS,
    PARTICIPANT_KINDS,
    STATUSES,
    TRANSITIONS,
)
from .certification import evaluate

# Sort keys of the list -> the columns they order by (a leading "-" reverses).
SORTS = {
    "name": (Agent.name_key, Agent.id),
    "status": (Agent.status, Agent.name_key, Agent.id),
    "created": (Agent.created_at, Agent.id),
}


# --- the list ----------------------------------------------------------------

@dataclass
class RegisterFilters:
    q: str = ""
    status: str = ""
    district_id: int | None = None
    language: str = ""
    organisation_id: int | None = None
    organisation_name: str = ""  # a part of the name, when no organisation is chosen by id
    programme_id: int | None = None
    kind: str = ""
    sort: str = "name"


def in_programme(programme_id: int) -> Any:
    """People enrolled in, attending or certified in a programme."""
    enrolled = (select(Enrolment.id).join(TrainingSession, TrainingSession.id == Enrolment.session_id)
                .where(Enrolment.agent_id == Agent.id, Enrolment.state == "enrolled",
                       TrainingSession.programme_id == programme_id))
    attended = (select(Attendance.id)
                .join(TrainingSession, TrainingSession.id == Attendance.session_id)
                .where(Attendance.agent_id == Agent.id,
                       TrainingSession.programme_id == programme_id))
    certified = select(Certificate.id).where(Certificate.agent_id == Agent.id,
                                             Certificate.programme_id == programme_id)
    return or_(enrolled.exists(), attended.exists(), certified.exists())


def _conditions(filters: RegisterFilters) -> list[Any]:
    where: list[Any] = []
    if filters.status in STATUSES:
        where.append(Agent.status == filters.status)
    if filters.kind in PARTICIPANT_KINDS:
        where.append(Agent.kind == filters.kind)
    if filters.district_id is not None:
        where.append(Agent.district_id == filters.district_id)
    if filters.organisation_id is not None:
        where.append(Agent.organisation_id == filters.organisation_id)
    elif filters.organisation_name:
        where.append(Agent.organisation_id.in_(organisations_named(filters.organisation_name)))
    if filters.language in LANGUAGES:
        where.append(exists().where(AgentLanguage.agent_id == Agent.id,
                                    AgentLanguage.language == filters.language))
    if filters.programme_id is not None:
        where.append(in_programme(filters.programme_id))
    if filters.q:
        folded, mail = fold(filters.q), filters.q.strip().lower()
        matches = [Agent.email_key.contains(mail, autoescape=True)]
        if folded:
            matches.append(Agent.name_key.contains(folded, autoescape=True))
        where.append(or_(*matches))
    return where


def register_query(filters: RegisterFilters) -> Select:
    """Participants not erased, filtered and sorted, with district and languages loaded."""
    key = filters.sort.lstrip("-")
    columns = SORTS.get(key, SORTS["name"])
    order = [c.desc() for c in columns] if filters.sort.startswith("-") else list(columns)
    return (select(Agent).where(Agent.erased_at.is_(None), *_conditions(filters))
            .options(joinedload(Agent.district), selectinload(Agent.language_rows))
            .order_by(*order))


def erased_count(filters: RegisterFilters) -> int:
    """Erased participants matching the filters: counted, never listed."""
    return db.session.scalar(select(func.count(Agent.id)).where(
        Agent.erased_at.is_not(None), *_conditions(filters))) or 0


def load_agent(agent_id: int) -> Agent | None:
    return db.session.scalar(select(Agent).where(Agent.id == agent_id)
                             .options(joinedload(Agent.district),
                                      selectinload(Agent.language_rows)))


# --- adding and editing ----------------------------------------------------------

@dataclass
class AgentData:
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    languages: Sequence[str] = field(default_factory=list)
    district_id: int | None = None
    organisation_id: int | None = None
    kind: str = "volunteer"
    came_through: str = "other"
    locale: str = "fr"
    consent: bool = False
    notes: str = ""
    user_id: int | None = None


def find_duplicate(email: str, excluding: int | None = None) -> Agent | None:
    """Another (not erased) record with the same e-mail: the same person."""
    key = email_key(email)
    if not key:
        return None
    query = select(Agent).where(Agent.email_key == key, Agent.erased_at.is_(None))
    if excluding is not None:
        query = query.where(Agent.id != excluding)
    return db.session.scalars(query.order_by(Agent.id).limit(1)).first()


def account_choices(agent: Agent | None = None) -> list[tuple[int, str]]:
    """Accounts that may hold an agent's own record and are not linked to someone else."""
    taken = select(Agent.user_id).where(Agent.user_id.is_not(None))
    if agent is not None and agent.id is not None:
        taken = taken.where(Agent.id != agent.id)
    return list(db.session.execute(
        select(User.id, User.name).where(User.role.in_(roles_that_can("agents.own_record")),
                                         User.active.is_(True), User.id.not_in(taken))
        .order_by(User.name, User.id)).all())


def check_agent(data: AgentData, agent: Agent | None) -> None:
    if not data.first_name.strip() and not data.last_name.strip():
        raise RuleViolation(_l("Enter the person's first or last name."), "first_name")
    if data.email.strip() and find_duplicate(data.email, agent.id if agent else None):
        raise RuleViolation(_l("Another person of the register already has this e-mail "
                               "address: merge the two records instead."), "email")
    unknown = [code for code in data.languages if code not in LANGUAGES]
    if unknown:
        raise RuleViolation(_l("Choose languages from the list."), "languages")
    for value, allowed, name in ((data.kind, PARTICIPANT_KINDS, "kind"),
                                 (data.came_through, ORIGINS, "came_through"),
                                 (data.locale, DOCUMENT_LANGUAGES, "locale")):
        if value not in allowed:
            raise RuleViolation(_l("Choose a value from the list."), name)
    if data.district_id is not None and db.session.get(District, data.district_id) is None:
        raise RuleViolation(_l("Choose a district from the list."), "district_id")
    if data.user_id is not None and data.user_id not in dict(account_choices(agent)):
        raise RuleViolation(_l("Choose an agent account that is not linked to someone else."),
                            "user_id")
    needs_consent = agent is None or agent.consent_on is None
    if needs_consent and not data.consent:
        raise RuleViolation(_l("A person can only be registered with their consent: tick the "
                               "box once they have agreed to the text."), "consent")


def save_agent(agent: Agent | None, data: AgentData, *, actor: Any) -> Agent:
    """Create or update a participant; consent is recorded with today's date and version."""
    check_agent(data, agent)
    creating = agent is None
    agent = agent or Agent(status="candidate")
    values = {
        "first_name": data.first_name.strip(), "last_name": data.last_name.strip(),
        "email": data.email.strip(), "phone": data.phone.strip(), "kind": data.kind,
        "district_id": data.district_id, "organisation_id": data.organisation_id,
        "came_through": data.came_through, "locale": data.locale,
        "notes": (data.notes or "").strip(), "user_id": data.user_id}
    changed = sorted(k for k, v in values.items() if getattr(agent, k, None) != v)
    for name, value in values.items():
        setattr(agent, name, value)
    agent.name_key = agent_name_key(agent.first_name, agent.last_name)
    agent.email_key = email_key(agent.email)
    if agent.consent_on is None and data.consent:
        agent.consent_on, agent.consent_version = today(), CONSENT_VERSION
        agent.consent_locale = data.locale
        changed.append("consent")
    db.session.add(agent)
    db.session.flush()
    if set_languages(agent, data.languages):
        changed.append("languages")
    audit.record(actor, "agent.create" if creating else "agent.update", agent, fields=changed)
    return agent


def languages_of(agent_id: int) -> list[str]:
    return list(db.session.scalars(select(AgentLanguage.language)
                                   .where(AgentLanguage.agent_id == agent_id)
                                   .order_by(AgentLanguage.language)))


def set_languages(agent: Agent, languages: Sequence[str]) -> bool:
    wanted = set(languages)
    current = set(languages_of(agent.id))
    if wanted == current:
        return False
    db.session.execute(delete(AgentLanguage).where(AgentLanguage.agent_id == agent.id,
                                                   AgentLanguage.language.not_in(wanted)))
    db.session.add_all(AgentLanguage(agent_id=agent.id, language=code)
                       for code in sorted(wanted - current))
    db.session.flush()
    db.session.refresh(agent, ["language_rows"])
    return True


# --- status --------------------------------------------------------------------

def allowed_moves(agent: Agent) -> tuple[str, ...]:
    return () if agent.erased_at is not None else TRANSITIONS.get(agent.status, ())


def has_valid_certificate(agent_id: int, on: date | None = None) -> bool:
    day = on or today()
    return bool(db.session.scalar(select(func.count(Certificate.id)).where(
        Certificate.agent_id == agent_id, Certificate.revoked_at.is_(None),
        Certificate.issued_on <= day, Certificate.expires_on > day)))


def change_status(agent: Agent, status: str, *, actor: Any) -> Agent:
    if status not in allowed_moves(agent):
        raise RuleViolation(_l("This change of status is not allowed."), "status")
    if status in NEEDS_CERTIFICATE and not has_valid_certificate(agent.id):
        raise RuleViolation(_l("Only a person with a valid certificate can be certified or "
                               "active."), "status")
    before, agent.status = agent.status, status
    db.session.flush()
    audit.record(actor, "agent.status", agent, before=before, after=status)
    return agent


# --- merging two records of one person -----------------------------------------

KEPT_IF_EMPTY = ("first_name", "last_name", "email", "phone", "district_id", "organisation_id",
                 "notes", "consent_on", "consent_version", "consent_locale",
                 "last_activity_on")


def merge_agents(duplicate: Agent, kept: Agent, *, actor: Any) -> Agent:
    """Move everything of ``duplicate`` onto ``kept``, then delete ``duplicate``.

    Where both were in the same session, the kept record keeps one enrolment and
    the attendance with more minutes. Empty fields of the kept record take the
    duplicate's values; languages are the union of both.
    """
    if duplicate.id == kept.id or duplicate.erased_at or kept.erased_at:
        raise RuleViolation(_l("These two records cannot be merged."))
    _move_attendance(duplicate.id, kept.id)
    _move_enrolments(duplicate.id, kept.id)
    for model in (Certificate, Conversation, AgentMessage):
        db.session.execute(update(model).where(model.agent_id == duplicate.id)
                           .values(agent_id=kept.id).execution_options(synchronize_session=False))
    _revoke_twin_certificates(kept.id)
    languages = {*languages_of(duplicate.id), *languages_of(kept.id)}
    user_id = duplicate.user_id
    for name in KEPT_IF_EMPTY:
        if not getattr(kept, name) and getattr(duplicate, name):
            setattr(kept, name, getattr(duplicate, name))
    duplicate.user_id = None  # the unique link moves to the kept record
    db.session.flush()
    if kept.user_id is None and user_id is not None:
        kept.user_id = user_id
    kept.name_key = agent_name_key(kept.first_name, kept.last_name)
    kept.email_key = email_key(kept.email)
    duplicate_id = duplicate.id
    db.session.delete(duplicate)
    db.session.flush()
    set_languages(kept, sorted(languages))
    evaluate([kept.id])
    audit.record(actor, "agent.merge", entity_type=Agent.__tablename__, entity_id=kept.id,
                 merged=duplicate_id)
    return kept


def _move_attendance(from_id: int, to_id: int) -> None:
    theirs = {a.session_id: a for a in db.session.scalars(
        select(Attendance).where(Attendance.agent_id == from_id))}
    ours = {a.session_id: a for a in db.session.scalars(
        select(Attendance).where(Attendance.agent_id == to_id, Attendance.session_id.in_(theirs)))}
    for session_id, row in theirs.items():
        mine = ours.get(session_id)
        if mine is None:
            row.agent_id = to_id
            continue
        if row.minutes > mine.minutes:
            mine.minutes, mine.status = row.minutes, row.status
        db.session.delete(row)
    db.session.flush()


def _revoke_twin_certificates(agent_id: int) -> None:
    """Both records held the same certificate: the older code stays, the other is revoked."""
    seen: set[tuple[int, date]] = set()
    for cert in db.session.scalars(select(Certificate).where(
            Certificate.agent_id == agent_id, Certificate.revoked_at.is_(None))
            .order_by(Certificate.id)):
        key = (cert.programme_id, cert.issued_on)
        if key in seen:
            cert.revoked_at = utcnow()
        seen.add(key)
    db.session.flush()


def _move_enrolments(from_id: int, to_id: int) -> None:
    held = set(db.session.scalars(select(Enrolment.session_id).where(Enrolment.agent_id == to_id)))
    for row in db.session.scalars(select(Enrolment).where(Enrolment.agent_id == from_id)):
        if row.session_id in held:
            db.session.delete(row)
        else:
            row.agent_id = to_id
    db.session.flush()


# --- the record's page -------------------------------------------------------------

def enrolments_of(agent_id: int) -> list[Enrolment]:
    return list(db.session.scalars(
        select(Enrolment).where(Enrolment.agent_id == agent_id)
        .options(joinedload(Enrolment.session).joinedload(TrainingSession.programme))
        .join(TrainingSession, TrainingSession.id == Enrolment.session_id)
        .order_by(TrainingSession.starts_at.desc())))


def attendance_of(agent_id: int) -> list[Attendance]:
    return list(db.session.scalars(
        select(Attendance).where(Attendance.agent_id == agent_id)
        .options(joinedload(Attendance.session).joinedload(TrainingSession.programme))
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .order_by(TrainingSession.starts_at.desc())))


def conversation_count(agent_id: int) -> int:
    return db.session.scalar(select(func.count(Conversation.id))
                             .where(Conversation.agent_id == agent_id)) or 0


def linked_account(agent: Agent) -> User | None:
    return db.session.get(User, agent.user_id) if agent.user_id else None
