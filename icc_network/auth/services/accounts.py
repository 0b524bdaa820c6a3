"""Accounts: creation, authentication, passwords and login sessions."""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from zxcvbn import zxcvbn

from ...core import audit, notifications
from ...core.clock import utcnow
from ...core.i18n import lazy_gettext as _l
from ...core.models import EMAIL_CHOICES
from ...core.permissions import Role, acts_for_organisation
from ...core.rules import RuleViolation
from ...core.text import fold
from ...extensions import db
from ..models import LoginSession, User, hash_token

log = logging.getLogger(__name__)


def password_hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST_KIB"],
        parallelism=cfg["ARGON2_PARALLELISM"],
    )


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


COMMON_PASSWORD = _l("This password is one of the most common ones. Choose another.")
PERSONAL_PASSWORD = _l("The password must not be built from the account's name or e-mail address.")
GUESSABLE_PASSWORD = _l(
    "This password is too easy to guess: avoid repeated characters, sequences, keyboard rows "
    "and dates. A few unrelated words make a strong password.")
# The strength estimator reads this much of a password (its own limit); the rest only adds.
STRENGTH_CHECKED_LENGTH = 72


def check_password_rules(password: str, field: str = "password", *, name: str = "",
                         email: str = "") -> None:
    """Refuse short passwords, common ones, guessable ones and ones built from the
    account's name or e-mail address (zxcvbn's lists and estimate: ASVS V6.2)."""
    password = password or ""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise RuleViolation(
            _l("The password must have at least %(n)d characters.", n=minimum), field
        )
    weakness = _password_weakness(password, _personal_words(name, email))
    if weakness is not None:
        raise RuleViolation(weakness, field)


def _personal_words(name: str, email: str) -> list[str]:
    """The words of the name and of the e-mail address (its local part and its domain)."""
    words = fold(name).split() + fold(normalise_email(email)).split()
    return sorted({word for word in words if len(word) >= 3}, key=len, reverse=True)


def _estimate(password: str, words: Sequence[str] = ()) -> dict[str, Any]:
    return zxcvbn(password[:STRENGTH_CHECKED_LENGTH], user_inputs=list(words))


def _strong(estimate: dict[str, Any]) -> bool:
    return estimate["score"] >= current_app.config["PASSWORD_MIN_SCORE"]


def _password_weakness(password: str, words: Sequence[str]) -> Any:
    """The message refusing ``password``, or None when it is strong enough."""
    estimate = _estimate(password, words)
    if not _strong(estimate):
        found = {match.get("dictionary_name") for match in estimate["sequence"]}
        if "user_inputs" in found:
            return PERSONAL_PASSWORD
        return COMMON_PASSWORD if "passwords" in found else GUESSABLE_PASSWORD
    # "claire.martin" or "martin-claire-1980" may score well: what is left once the
    # account's own words are taken out must be strong by itself.
    remainder = folded = fold(password)
    for word in words:
        remainder = remainder.replace(word, " ")
    remainder = " ".join(remainder.split())
    if remainder != folded and not (remainder and _strong(_estimate(remainder))):
        return PERSONAL_PASSWORD
    return None


def _ensure_email_free(email: str, user: User | None = None) -> None:
    query = select(func.count()).select_from(User).where(User.email == email)
    if user is not None and user.id is not None:
        query = query.where(User.id != user.id)
    if db.session.scalar(query):
        raise RuleViolation(_l("An account with this e-mail address already exists."), "email")


def create_user(
    *,
    email: str,
    name: str,
    role: str,
    password: str,
    locale: str = "fr",
    active: bool = True,
    actor: Any = None,
    organisation_id: int | None = None,
) -> User:
    email = normalise_email(email)
    Role(role)  # an unknown role is a programming error, forms offer known ones
    _ensure_email_free(email)
    check_password_rules(password, name=name, email=email)
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        locale=locale,
        active=active,
        password_hash=password_hasher().hash(password),
        organisation_id=organisation_id if acts_for_organisation(role) else None,
    )
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", user, role=role, email=email)
    return user


def update_user(user: User, *, actor: Any, **changes: Any) -> User:
    """Change an account's profile fields; deactivation signs it out everywhere."""
    if "email" in changes:
        changes["email"] = normalise_email(changes["email"])
        _ensure_email_free(changes["email"], user)
    if actor is not None and actor.id == user.id:
        if changes.get("active") is False:
            raise RuleViolation(_l("You cannot deactivate your own account."), "active")
        if changes.get("role", user.role) != user.role:
            raise RuleViolation(_l("You cannot change your own role."), "role")
    before = {key: getattr(user, key) for key in changes}
    for key, value in changes.items():
        setattr(user, key, value)
    diff = {k: [before[k], v] for k, v in changes.items() if before[k] != v}
    if diff:
        audit.record(actor, "user.update", user, changes=diff)
    if changes.get("active") is False:
        end_all_sessions(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None. Rehashes outdated hashes."""
    hasher = password_hasher()
    user = find_by_email(email)
    if user is None:
        # Spend the same effort as for a real account, so timing reveals nothing.
        _verify(hasher, _dummy_hash(hasher), password)
        return None
    if not _verify(hasher, user.password_hash, password) or not user.active:
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return user


def _verify(hasher: PasswordHasher, hashed: str, password: str) -> bool:
    try:
        return hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_DUMMY_HASHES: dict[tuple, str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = hasher.hash(secrets.token_hex(16))
    return _DUMMY_HASHES[key]


def start_session(user: User, user_agent: str = "") -> str:
    """Open a login session for ``user``; returns the token for the cookie."""
    token, now = secrets.token_urlsafe(32), utcnow()
    db.session.add(LoginSession(token_hash=hash_token(token), user_id=user.id, created_at=now,
                                last_seen_at=now, user_agent=user_agent[:200]))
    user.last_login_at = now
    user.session_token = token
    db.session.flush()
    return token


def end_session(token: str | None) -> None:
    if token:
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == hash_token(token)))


def end_all_sessions(user: User) -> None:
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))


# Noting that a session is in use costs a write: once a minute per session is enough.
ACTIVITY_RESOLUTION = timedelta(minutes=1)


@functools.cache
def _session_user_statement():
    # Built once: it runs on every signed-in request, and brings the unread
    # notifications badge in the same round trip.
    return (select(User, notifications.unread_count_subquery(User.id),
                   LoginSession.id, LoginSession.last_seen_at)
            .join(LoginSession, LoginSession.user_id == User.id)
            .where(LoginSession.token_hash == bindparam("token_hash"), User.active.is_(True),
                   LoginSession.created_at > bindparam("started_after"),
                   LoginSession.last_seen_at > bindparam("seen_after")))


def session_limits() -> tuple[timedelta, timedelta]:
    """How long a sign-in lasts at most, and how long it may stay unused."""
    config = current_app.config
    return (timedelta(seconds=config["PERMANENT_SESSION_LIFETIME"]),
            timedelta(minutes=config["SESSION_IDLE_MINUTES"]))


def user_for_session(token: str) -> User | None:
    """The active user signed in with ``token`` and their unread count (one query), while
    the session is within its lifetime and has not been left unused too long."""
    now = utcnow()
    lifetime, idle = session_limits()
    row = db.session.execute(_session_user_statement(), {
        "token_hash": hash_token(token), "started_after": now - lifetime,
        "seen_after": now - idle}).first()
    if row is None:
        return None
    user, user.unread_notifications, session_id, last_seen_at = row
    if now - last_seen_at >= ACTIVITY_RESOLUTION:
        _note_activity(session_id, now)
    user.session_token = token
    return user


def _note_activity(session_id: int, now: datetime) -> None:
    """Record that a session is in use, in a transaction of its own: loading the user must
    neither commit nor roll back the request's work. A missed note is taken next time."""
    try:
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql("SET LOCAL lock_timeout = '2s'")
            connection.execute(update(LoginSession).where(LoginSession.id == session_id)
                               .values(last_seen_at=now))
    except SQLAlchemyError:
        log.warning("Could not note the use of login session %s", session_id, exc_info=True)


def set_password(user: User, new_password: str, *, actor: Any,
                 action: str = "user.password") -> None:
    """Set a new password and sign the account out of every browser."""
    check_password_rules(new_password, "new_password", name=user.name, email=user.email)
    user.password_hash = password_hasher().hash(new_password)
    user.password_changed_at = utcnow()
    end_all_sessions(user)
    audit.record(actor, action, user)
    actor_id = getattr(actor, "id", None)
    if actor_id is not None and actor_id != user.id:
        notifications.notify([user.id], "auth.password_reset", {"by": actor.name}, link="/account")
    db.session.flush()


def change_own_password(user: User, current: str, new: str, user_agent: str = "") -> str:
    """The user changes their password; returns the token of a fresh session."""
    if not _verify(password_hasher(), user.password_hash, current):
        raise RuleViolation(_l("The current password is not correct."), "current_password")
    if current == new:
        raise RuleViolation(_l("Choose a password different from the current one."), "new_password")
    set_password(user, new, actor=user)
    return start_session(user, user_agent)


def set_locale(user: User, locale: str) -> None:
    if locale not in current_app.config["LANGUAGES"]:
        raise RuleViolation(_l("Unknown language."), "locale")
    user.locale = locale


def set_email_notifications(user: User, choice: str) -> None:
    """The user's own choice of notifications by e-mail (core.notifications), audited."""
    if choice not in EMAIL_CHOICES:
        raise RuleViolation(_l("Choose how notifications reach you."), "email_notifications")
    if choice != user.email_notifications:
        audit.record(user, "user.email_notifications", user,
                     changes={"email_notifications": [user.email_notifications, choice]})
        user.email_notifications = choice


def own_data(user: User) -> dict[str, Any]:
    """Everything the application keeps about the user's account."""
    sessions = db.session.scalars(
        select(LoginSession).where(LoginSession.user_id == user.id).order_by(LoginSession.id)
    )
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "role": user.role,
            "locale": user.locale,
            "email_notifications": user.email_notifications,
            "active": user.active,
            "created_at": user.created_at.isoformat(),
            "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
            "password_changed_at": user.password_changed_at.isoformat(),
        },
        "sessions": [
            {"created_at": s.created_at.isoformat(), "last_seen_at": s.last_seen_at.isoformat(),
             "user_agent": s.user_agent} for s in sessions
        ],
    }
