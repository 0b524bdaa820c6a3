"""Failed sign-ins: slow guessing down without letting anyone lock an account out.

Three counts, in Flask-Limiter's storage (``RATELIMIT_STORAGE_URI``: memory:// for
one process, redis:// shared by every worker):

- per account *and* address: the first ``LOGIN_FAILURES_BEFORE_DELAY`` failures are
  free; from then on each attempt waits ``LOGIN_DELAY_SECONDS``, doubled with every
  further failure up to ``LOGIN_MAX_DELAY_SECONDS``. Only that pair waits: the right
  password from another address always gets through, so guessing someone's
  password from one address cannot lock them out. The pair's count is forgotten a
  day after its first failure, or at once on a successful sign-in.
- per address, the accounts it failed on (password spraying):
  ``LOGIN_RATE_LIMIT_PER_ADDRESS``, e.g. "10 per 15 minutes"; past it the address
  waits for the window to end.
- per account, from every address: never refused (that would be the lock-out), but
  reaching ``LOGIN_ALERT_PER_ACCOUNT`` writes an audit entry once per window.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from limits import parse

from ...core import audit
from ...extensions import limiter
from .accounts import find_by_email, normalise_email

PAIR_MEMORY_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Refusal:
    """An attempt refused before the password is checked, and how long to wait."""

    wait: timedelta
    spraying: bool  # the address failed on too many accounts (else: this account from it)


def begin_attempt(email: str, address: str) -> Refusal | None:
    """Refuse the attempt while its address or its (account, address) pair must wait.

    Otherwise the attempt counts as a failure until ``succeeded`` says otherwise, and
    once past the free failures it sets the next wait before the password is checked:
    parallel requests cannot slip many guesses in before the first failure is counted.
    """
    keys = _Keys(email, address)
    spraying = parse(current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"])
    if not limiter.limiter.test(spraying, *keys.address):
        reset_at = limiter.limiter.get_window_stats(spraying, *keys.address).reset_time
        return Refusal(_until(reset_at), spraying=True)
    storage = limiter.storage
    if storage.get(keys.wait):
        return Refusal(_until(storage.get_expiry(keys.wait)), spraying=False)
    failures = storage.incr(keys.failures, PAIR_MEMORY_SECONDS)
    free = current_app.config["LOGIN_FAILURES_BEFORE_DELAY"]
    if failures >= free and storage.incr(keys.wait, _delay(failures - free)) != 1:
        return Refusal(_until(storage.get_expiry(keys.wait)), spraying=False)  # a parallel one
    return None


def failed(email: str, address: str) -> timedelta | None:
    """Count a failed attempt; the wait before this pair's next one, if any.

    May add an audit entry to the session (the caller commits it).
    """
    keys = _Keys(email, address)
    storage = limiter.storage
    if storage.get(keys.failures) == 1:  # this account's first failure from this address
        limiter.limiter.hit(parse(current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"]),
                            *keys.address)
    _count_for_account(email, keys)
    return _until(storage.get_expiry(keys.wait)) if storage.get(keys.wait) else None


def succeeded(email: str, address: str) -> None:
    """The right password: this pair starts afresh."""
    keys = _Keys(email, address)
    limiter.storage.clear(keys.failures)
    limiter.storage.clear(keys.wait)


def _count_for_account(email: str, keys: _Keys) -> None:
    alert = parse(current_app.config["LOGIN_ALERT_PER_ACCOUNT"])
    failures = limiter.storage.incr(keys.account, alert.get_expiry())
    if failures == alert.amount:
        user = find_by_email(email)
        if user is not None:
            audit.record(None, "user.login_failures", user, failures=failures, limit=str(alert))


def _delay(step: int) -> int:
    config = current_app.config
    return min(config["LOGIN_DELAY_SECONDS"] * 2 ** min(step, 32),
               config["LOGIN_MAX_DELAY_SECONDS"])


def _until(timestamp: float) -> timedelta:
    return timedelta(seconds=max(1, math.ceil(timestamp - time.time())))


def address_key(address: str) -> str:
    """An IPv6 client counts by its /64, the block one subscriber usually holds."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


class _Keys:
    """Storage keys; the e-mail address is hashed, so the storage holds no personal data."""

    def __init__(self, email: str, address: str) -> None:
        prefix = "/".join(filter(None, [current_app.config.get("RATELIMIT_KEY_PREFIX"),
                                        "icc-login"]))
        account = hashlib.sha256(normalise_email(email).encode()).hexdigest()[:32]
        where = address_key(address)
        self.failures = f"{prefix}/failures/{account}/{where}"
        self.wait = f"{prefix}/wait/{account}/{where}"
        self.account = f"{prefix}/account/{account}"
        self.address = (prefix, "address", where)
