"""Forgotten passwords: a link sent by e-mail lets its reader choose a new password.

The link carries a signed token (itsdangerous, with its own salt) naming the account
and a fingerprint of its password hash and last sign-in: it stops working once the
password is changed or the account is signed in to, and after
``PASSWORD_RESET_MAX_AGE_SECONDS``. Nothing is stored. Whoever asks gets the same
answer whether or not an account has the address; asking is rate-limited per address
asked for and per connection, in Flask-Limiter's storage, as failed sign-ins are.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from limits import parse

from ...core import audit
from ...core.i18n import lazy_gettext as _l
from ...core.links import absolute_url, path_for
from ...core.mail import mail_enabled, send_mail
from ...core.rules import RuleViolation
from ...extensions import db, limiter
from ..models import User
from .accounts import find_by_email, normalise_email, set_password
from .login_throttle import address_key

log = logging.getLogger(__name__)

SALT = "icc-network/password-reset"
EXPIRED_LINK = _l("This link has expired or has already been used. Ask for a new one.")


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(user: User) -> str:
    """Changes when the password does or the account is signed in to: a used link is dead."""
    state = "|".join([user.password_hash, user.password_changed_at.isoformat(),
                      user.last_login_at.isoformat() if user.last_login_at else ""])
    return hashlib.sha256(state.encode()).hexdigest()[:32]


def reset_token(user: User) -> str:
    return _serializer().dumps({"user": user.id, "state": _fingerprint(user)})


def user_for_token(token: str) -> User | None:
    """The active account a still-valid token names, or None."""
    try:
        payload = _serializer().loads(
            token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE_SECONDS"])
        user_id, state = int(payload["user"]), str(payload["state"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or not hmac.compare_digest(state, _fingerprint(user)):
        return None
    return user


def may_ask(email: str, address: str) -> bool:
    """Count one request for a link; False once the address asked for or the connection
    asking is past its limit (the same for addresses with or without an account)."""
    config = current_app.config
    prefix = config.get("RATELIMIT_KEY_PREFIX") or ""
    account = hashlib.sha256(normalise_email(email).encode()).hexdigest()[:32]
    per_email = parse(config["PASSWORD_RESET_RATE_LIMIT_PER_EMAIL"])
    per_address = parse(config["PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS"])
    email_key = (prefix, "icc-reset", "email", account)
    address_keys = (prefix, "icc-reset", "address", address_key(address))
    if not (limiter.limiter.test(per_address, *address_keys)
            and limiter.limiter.test(per_email, *email_key)):
        return False
    limiter.limiter.hit(per_address, *address_keys)
    limiter.limiter.hit(per_email, *email_key)
    return True


def send_reset_link(email: str) -> None:
    """E-mail a reset link to the active account with this address, if there is one.

    Adds an audit entry (the caller commits). A message the server refuses is logged,
    never shown: the answer to whoever asked stays the same.
    """
    user = find_by_email(email)
    if user is None or not user.active or not mail_enabled():
        return
    link = absolute_url(path_for("auth.password_reset", token=reset_token(user)))
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE_SECONDS"] // 60
    with force_locale(user.locale):
        subject = _("Choose a new password")
        body = _(
            "Hello %(name)s,\n\nSomeone, probably you, asked to reset the password of your "
            "account. To choose a new password, open this link within %(minutes)d minutes:\n\n"
            "%(link)s\n\nThe link works once. If you did not ask for it, ignore this message: "
            "your password stays as it is.\n", name=user.name, minutes=minutes, link=link)
    try:
        send_mail(user.email, subject, body)
    except Exception:  # noqa: BLE001 - the page must not tell whether an account exists
        log.warning("Could not send a password reset link to user %s", user.id, exc_info=True)
        return
    audit.record(None, "user.password_reset_sent", user)


def reset_password(token: str, new_password: str) -> User:
    """Set the password of the account the token names; every browser is signed out."""
    user = user_for_token(token)
    if user is None:
        raise RuleViolation(EXPIRED_LINK)
    set_password(user, new_password, actor=user, action="user.password_reset")
    return user


def support_contact() -> Any:
    """Who to ask about an account when no link can be e-mailed."""
    return current_app.config.get("SUPPORT_CONTACT") or _l("an administrator of the app")
