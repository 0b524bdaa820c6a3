"""With RATELIMIT_STORAGE_URI pointing at Redis, failed logins are counted there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

SCRIPT = r"""
import re, sys
from flask_migrate import upgrade
from icc_network import create_app
from icc_network.config import TestConfig
from icc_network.extensions import db
from icc_network.auth.services import accounts

config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
config.update(SQLALCHEMY_DATABASE_URI=sys.argv[1], RATELIMIT_STORAGE_URI=sys.argv[2],
              RATELIMIT_KEY_PREFIX=sys.argv[3], LOGIN_RATE_LIMIT_PER_ADDRESS="2 per minute")
app = create_app(config)
with app.app_context():
    upgrade()
    accounts.create_user(email="r@example.org", name="R", role="staff", password="a-long-password")
    db.session.commit()
    from icc_network.extensions import limiter
    print(type(limiter.storage).__name__)
codes = []
for _ in range(3):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    codes.append(client.post("/login", data={"email": "r@example.org", "password": "bad",
                                             "csrf_token": token}).status_code)
print(codes)
"""


def _redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001
        return False


@pytest.mark.skipif(not _redis_available(), reason="no Redis server answers")
def test_failed_logins_are_counted_in_redis(tmp_path):
    import secrets

    prefix = f"icc-test-{secrets.token_hex(4)}"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, f"sqlite:///{tmp_path / 'r.sqlite'}", REDIS_URL, prefix],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "ICC_ENV": "testing"},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-2] == "RedisStorage"
    assert lines[-1] == "[200, 200, 429]"
