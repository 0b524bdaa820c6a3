"""With RATELIMIT_STORAGE_URI pointing at Redis, failed sign-ins are counted there, and
every process (every gunicorn worker) applies the same waits.

Two processes take turns on one database and one Redis: the second sees the wait
that the first one's failures started.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

SCRIPT = r"""
import json, re, sys
import redis
from flask_migrate import upgrade
from icc_network import create_app
from icc_network.config import TestConfig
from icc_network.extensions import db, limiter
from icc_network.auth.services import accounts

database_url, redis_url, prefix, step = sys.argv[1:5]
ATTACKER, VICTIM, SPRAYER, PASSWORD = "203.0.113.9", "198.51.100.7", "192.0.2.44", "yellow-forest-kettle"
config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
config.update(SQLALCHEMY_DATABASE_URI=database_url, RATELIMIT_STORAGE_URI=redis_url,
              RATELIMIT_KEY_PREFIX=prefix, LOGIN_FAILURES_BEFORE_DELAY=3, LOGIN_DELAY_SECONDS=600,
              LOGIN_MAX_DELAY_SECONDS=4800, LOGIN_RATE_LIMIT_PER_ADDRESS="3 per 15 minutes")
app = create_app(config)
store = redis.Redis.from_url(redis_url)


def sign_in(email, password, address):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token},
                       environ_base={"REMOTE_ADDR": address}, headers={"Accept-Language": "en"})


def let_the_waits_pass():
    for key in store.scan_iter(f"*{prefix}/icc-login/wait/*"):
        store.delete(key)


def next_wait():
    let_the_waits_pass()
    failed = sign_in("r@example.org", "bad", ATTACKER)
    refused = sign_in("r@example.org", "bad", ATTACKER)
    return [failed.status_code, refused.status_code, int(refused.headers["Retry-After"])]


out = {"storage": type(limiter.storage).__name__}
if step == "first":
    with app.app_context():
        upgrade()
        accounts.create_user(email="r@example.org", name="R", role="staff", password=PASSWORD)
        db.session.commit()
    out["failures"] = [sign_in("r@example.org", "bad", ATTACKER).status_code for _ in range(3)]
else:
    refused = sign_in("r@example.org", "bad", ATTACKER)
    out["attacker"] = [refused.status_code, int(refused.headers["Retry-After"])]
    out["victim"] = sign_in("r@example.org", PASSWORD, VICTIM).status_code
    out["waits"] = [next_wait() for _ in range(4)]
    let_the_waits_pass()
    out["reset"] = [sign_in("r@example.org", PASSWORD, ATTACKER).status_code] + [
        sign_in("r@example.org", "bad", ATTACKER).status_code for _ in range(2)]
    out["spraying"] = [sign_in(f"u{n}@example.org", "bad", SPRAYER).status_code for n in range(4)]
    out["spraying"].append(sign_in("r@example.org", PASSWORD, SPRAYER).status_code)
    out["keys"] = len(list(store.scan_iter(f"*{prefix}*")))
    for key in store.scan_iter(f"*{prefix}*"):
        store.delete(key)
print(json.dumps(out))
"""


def _redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001
        return False


def _run(step: str, database: str, prefix: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, database, REDIS_URL, prefix, step],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "ICC_ENV": "testing"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _about(seconds: int, expected: int) -> bool:
    return expected - 10 <= seconds <= expected


@pytest.mark.skipif(not _redis_available(), reason="no Redis server answers")
def test_failed_sign_ins_are_counted_in_redis_and_shared_by_every_process(tmp_path):
    database, prefix = f"sqlite:///{tmp_path / 'r.sqlite'}", f"icc-test-{secrets.token_hex(4)}"
    first = _run("first", database, prefix)
    assert first == {"storage": "RedisStorage", "failures": [200, 200, 200]}

    second = _run("second", database, prefix)
    assert second["storage"] == "RedisStorage"
    code, retry_after = second["attacker"]
    # The wait the other process started (long, so that a slow start of this process on a
    # loaded machine still finds it running).
    assert code == 429 and 0 < retry_after <= 600
    assert second["victim"] == 302  # the owner, from home, is never locked out
    assert [(failed, refused) for failed, refused, _ in second["waits"]] == [(200, 429)] * 4
    assert all(_about(wait, expected)
               for (_, _, wait), expected in zip(second["waits"], [1200, 2400, 4800, 4800], strict=True))
    assert second["reset"] == [302, 200, 200]  # the right password cleared the pair
    assert second["spraying"] == [200, 200, 200, 429, 429]
    assert second["keys"] > 0
