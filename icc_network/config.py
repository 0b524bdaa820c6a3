"""Configuration read from the environment.

Every setting a deployment may change has an environment variable; the
defaults suit `make run` on a laptop. Outside development and tests the
application refuses to start without a real SECRET_KEY.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"

# Values that are obviously not secrets; a deployment using one is refused.
WEAK_SECRET_KEYS = {"", "dev", "changeme", "change-me", "secret", "development", "test"}
MIN_SECRET_KEY_LENGTH = 32


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str) -> list[str] | None:
    """A comma-separated setting; None when it is not set (or empty)."""
    items = [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]
    return items or None


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw and raw.strip().isdigit() else default


def development_secret_key() -> str:
    """A random key kept under instance/ so development sessions survive restarts."""
    path = INSTANCE_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


class Config:
    ENV_NAME = os.environ.get("ICC_ENV", "production")
    SECRET_KEY = os.environ.get("SECRET_KEY", "")

    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'icc_network.sqlite'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = _int("SQLITE_BUSY_TIMEOUT_MS", 5000)

    # The city: default language of its content and its time zone.
    BABEL_DEFAULT_LOCALE = os.environ.get("ICC_DEFAULT_LOCALE", "fr")
    BABEL_DEFAULT_TIMEZONE = os.environ.get("ICC_TIMEZONE", "Europe/Paris")
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
    LANGUAGES = ("fr", "en")
    CITY_NAME = os.environ.get("ICC_CITY_NAME", "")
    # The name the city's anti-rumours network signs its public fact checks with (the
    # ClaimReview's author); empty: "Anti-rumours network of <city>".
    NETWORK_NAME = os.environ.get("ICC_NETWORK_NAME", "")

    # Sessions and cookies. Secure is added per request when served over HTTPS.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_NAME = "icc_session"
    PERMANENT_SESSION_LIFETIME = _int("SESSION_LIFETIME_HOURS", 12) * 3600
    # A sign-in left unused this long ends, whatever its lifetime.
    SESSION_IDLE_MINUTES = _int("SESSION_IDLE_MINUTES", 180)
    TRUST_PROXY_HEADERS = _bool("TRUST_PROXY_HEADERS", False)

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    MAX_CONTENT_LENGTH = _int("MAX_UPLOAD_MB", 10) * 1024 * 1024
    # A spreadsheet that would unpack larger, or any upload that takes longer to read, is
    # refused. The time stays under gunicorn's 30 s worker timeout: a message, not a killed worker.
    UPLOAD_MAX_UNPACKED_MB = _int("UPLOAD_MAX_UNPACKED_MB", 50)
    UPLOAD_READ_SECONDS = _int("UPLOAD_READ_SECONDS", 20)

    # Failed sign-ins (see auth/services/login_throttle.py), counted in the limiter's storage.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    # One account from one address: free failures, then a wait doubling up to a ceiling.
    LOGIN_FAILURES_BEFORE_DELAY = _int("LOGIN_FAILURES_BEFORE_DELAY", 5)
    LOGIN_DELAY_SECONDS = _int("LOGIN_DELAY_SECONDS", 30)
    LOGIN_MAX_DELAY_SECONDS = _int("LOGIN_MAX_DELAY_SECONDS", 900)
    # One address failing on many accounts (password spraying): accounts per window.
    LOGIN_RATE_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_RATE_LIMIT", "10 per 15 minutes")
    # One account failing from any address: an audit entry, never a lock-out.
    LOGIN_ALERT_PER_ACCOUNT = os.environ.get("LOGIN_ALERT_PER_ACCOUNT", "20 per hour")
    # Forgotten passwords (auth/services/password_reset.py): how long an e-mailed link
    # works, and how many links may be asked for one address and from one connection.
    PASSWORD_RESET_MAX_AGE_SECONDS = _int("PASSWORD_RESET_MAX_AGE_SECONDS", 3600)
    PASSWORD_RESET_RATE_LIMIT_PER_EMAIL = os.environ.get("PASSWORD_RESET_RATE_LIMIT_PER_EMAIL",
                                                         "3 per hour")
    PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS = os.environ.get(
        "PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS", "10 per hour")
    # Who to ask for help with an account, as the login page says it when no e-mail can be
    # sent (e.g. "the IT desk, 01 23 45 67 89"); empty: "an administrator of the app".
    SUPPORT_CONTACT = os.environ.get("SUPPORT_CONTACT", "")

    # argon2id parameters (OWASP recommendation by default).
    ARGON2_TIME_COST = _int("ARGON2_TIME_COST", 3)
    ARGON2_MEMORY_COST_KIB = _int("ARGON2_MEMORY_COST_KIB", 65536)
    ARGON2_PARALLELISM = _int("ARGON2_PARALLELISM", 2)
    PASSWORD_MIN_LENGTH = _int("PASSWORD_MIN_LENGTH", 10)
    # zxcvbn's score (0-4) a password needs; 3 means about 10^8 guesses or more.
    PASSWORD_MIN_SCORE = _int("PASSWORD_MIN_SCORE", 3)

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _int("MAIL_PORT", 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "")
    # The address people use to reach the application: links in e-mails and from jobs.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    # Host names requests may name (Flask answers 400 to others); see trusted_host_settings.
    TRUSTED_HOSTS = _list("TRUSTED_HOSTS")

    BOOTSTRAP_SERVE_LOCAL = True
    # Pages and JSON (Flask-Compress) go out with brotli or gzip when the browser accepts
    # it and they are worth it; static files have their own precompressed copies
    # (core/assets.py). Streamed answers (file downloads, the register's CSV) go out as
    # they are: compressing them would hold no Content-Length and break byte ranges.
    COMPRESS_MIMETYPES = ["text/html", "text/plain", "application/json", "application/ld+json"]
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_STREAMS = False
    COMPRESS_MIN_SIZE = 500
    # gzip 6 spends 160 ms on the explorer's 0.5 MB of figures for 4 % fewer bytes than 4
    # (20 ms); on a page the levels differ by a few hundred bytes.
    COMPRESS_LEVEL = 4
    COMPRESS_BR_LEVEL = 4
    PAGE_SIZE = _int("PAGE_SIZE", 25)
    MAX_PAGE_SIZE = 200

    SCHEDULER_HEARTBEAT_SECONDS = _int("SCHEDULER_HEARTBEAT_SECONDS", 60)
    # Network metrics are recomputed once the network has had no change for this long.
    NETWORK_RECOMPUTE_QUIET_SECONDS = _int("NETWORK_RECOMPUTE_QUIET_SECONDS", 120)
    # Coverage gaps: a district where a rumour is rising with fewer members than this.
    COVERAGE_MIN_PARTNERS = _int("COVERAGE_MIN_PARTNERS", 3)
    # Agents: candidates who never trained are removed after this many days; trainers and
    # agents are told this many days before a certificate expires; agents without training
    # or conversation for this many months are listed for a refresher.
    AGENTS_CANDIDATE_RETENTION_DAYS = _int("AGENTS_CANDIDATE_RETENTION_DAYS", 365)
    AGENTS_EXPIRY_NOTICE_DAYS = _int("AGENTS_EXPIRY_NOTICE_DAYS", 60)
    AGENTS_INACTIVE_MONTHS = _int("AGENTS_INACTIVE_MONTHS", 6)
    # Counter-arguments: coordinators are told this many days before a validated argument's
    # "valid until" date (0: only once it has passed); with four-eyes validation on, the
    # person who wrote or last changed an argument cannot validate it. Checked at start-up.
    ARGUMENTS_EXPIRY_NOTICE_DAYS = os.environ.get("ARGUMENTS_EXPIRY_NOTICE_DAYS", "30")
    ARGUMENTS_FOUR_EYES = os.environ.get("ARGUMENTS_FOUR_EYES", "false")
    # Other cities' feeds: the longest wait for one (seconds) and its largest size (bytes).
    FEED_FETCH_TIMEOUT = _int("FEED_FETCH_TIMEOUT", 10)
    FEED_FETCH_MAX_BYTES = _int("FEED_FETCH_MAX_BYTES", 5 * 1024 * 1024)
    # Hateful reports: their words are erased this many days after they arrived (1 to 3650);
    # the sightings and their counts stay. Checked at start-up.
    HATEFUL_VERBATIM_RETENTION_DAYS = os.environ.get("HATEFUL_VERBATIM_RETENTION_DAYS", "180")
    # Reminders of campaign activities, as offsets before each occurrence: "7d,1d,2h".
    CAMPAIGNS_REMINDER_OFFSETS = os.environ.get("CAMPAIGNS_REMINDER_OFFSETS", "7d,1d")


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    # The demonstration city (`make run`), unless the environment names another.
    CITY_NAME = os.environ.get("ICC_CITY_NAME", "Villeneuve-sur-Rives")
    NETWORK_NAME = os.environ.get("ICC_NETWORK_NAME", "Réseau anti-rumeurs de Villeneuve")


class TestConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key-that-is-long-enough-0123456789"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    # The test client's address, which Flask takes from SERVER_NAME (derived from this).
    PUBLIC_URL = "http://localhost"
    # Cheap hashes keep the suite fast; the algorithm is the same.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST_KIB = 1024
    ARGON2_PARALLELISM = 1


def config_for_environment() -> type[Config]:
    env = os.environ.get("ICC_ENV", "production")
    return {"development": DevelopmentConfig, "testing": TestConfig}.get(env, Config)


def check_secret_key(app_config: dict) -> None:
    """Refuse a missing or trivial SECRET_KEY outside development and tests."""
    if app_config.get("ENV_NAME") in {"development", "testing"}:
        if not app_config.get("SECRET_KEY"):
            app_config["SECRET_KEY"] = development_secret_key()
        return
    key = app_config.get("SECRET_KEY") or ""
    if key.strip().lower() in WEAK_SECRET_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
        raise RuntimeError(
            "SECRET_KEY must be set to a random value of at least "
            f"{MIN_SECRET_KEY_LENGTH} characters (for example: "
            "python -c 'import secrets; print(secrets.token_hex(32))')."
        )


def url_settings(app_config: dict) -> None:
    """Derive from PUBLIC_URL what Flask builds URLs from outside requests (jobs, e-mails).

    Since Flask 3.1 SERVER_NAME does not restrict the Host of requests while
    subdomain and host matching stay off, as here (TRUSTED_HOSTS does, see
    trusted_host_settings), and local links follow the request. Inside a request
    ``url_for(..., _external=True)`` takes its host from SERVER_NAME but its scheme
    and path prefix from the request, so addresses that leave the application
    (e-mails, the ClaimReview feed) are built by core.links from PUBLIC_URL alone.
    An explicit SERVER_NAME is left alone.
    """
    public_url = app_config.get("PUBLIC_URL") or ""
    if app_config.get("SERVER_NAME") or not public_url:
        return
    parts = urlsplit(public_url)
    app_config["SERVER_NAME"] = parts.netloc
    app_config["APPLICATION_ROOT"] = parts.path.rstrip("/") or "/"
    app_config["PREFERRED_URL_SCHEME"] = parts.scheme or "http"


def trusted_host_settings(app_config: dict) -> None:
    """In production, answer only requests for the host of PUBLIC_URL unless TRUSTED_HOSTS
    names the hosts: a forged Host header then gets 400 instead of reaching the pages.

    Development and tests answer on any host unless TRUSTED_HOSTS is set.
    """
    if app_config.get("TRUSTED_HOSTS") or app_config.get("ENV_NAME") in {"development", "testing"}:
        return
    host = urlsplit(app_config.get("PUBLIC_URL") or "").hostname
    if host:
        app_config["TRUSTED_HOSTS"] = [host]
