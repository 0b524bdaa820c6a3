"""What the runner and the locustfile share: the one allowed target, the plan, the markers.

Plain standard library: the locustfile runs under gevent and never imports the application.
"""

from __future__ import annotations

import json
import re
import secrets
import string
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

OUT = Path(__file__).resolve().parent / "out"
# The only address load is ever sent to: a server started here, on this machine.
ALLOWED_HOST = "127.0.0.1"
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
SUBMISSION_KEY = re.compile(r'name="submission_key"[^>]*value="([^"]+)"')


class TargetRefused(ValueError):
    """A target other than a server on 127.0.0.1."""


def check_host(host: str) -> str:
    """The host itself when it is 127.0.0.1; anything else (a name, another address) is refused."""
    if host != ALLOWED_HOST:
        raise TargetRefused(f"load is only ever sent to {ALLOWED_HOST}, not to {host!r}")
    return host


def check_target(url: str) -> str:
    """A base URL such as http://127.0.0.1:8123, refused unless it names 127.0.0.1 over HTTP."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.username or parts.password or parts.path not in ("", "/"):
        raise TargetRefused(f"not a plain http://{ALLOWED_HOST}:PORT address: {url!r}")
    check_host(parts.hostname or "")
    if parts.port is None:
        raise TargetRefused(f"no port in {url!r}")
    return url.rstrip("/")


def new_run_id() -> str:
    """Letters only, so that no marker looks like a phone number the app would scrub."""
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))


def marker(run_id: str, writer: int, seq: int) -> str:
    """The words a load-test sighting carries: unique per submission and easy to find again.

    Every digit follows a letter, so no run of digits can be taken for a phone number.
    """
    return f"loadtest{run_id}w{writer}n{seq}"


def marker_prefix(run_id: str) -> str:
    return f"loadtest{run_id}w"


def form_field(pattern: re.Pattern, page: str) -> str:
    match = pattern.search(page)
    return match.group(1) if match else ""


def sign_in_form(page: str, email: str, password: str) -> dict[str, str]:
    """What the login form sends, with the CSRF token of ``page`` (the login page)."""
    return {"email": email, "password": password, "csrf_token": form_field(CSRF_META, page),
            "next": ""}


def sighting_form(page: str, rumour_id: int, words: str) -> dict[str, str]:
    """What the sighting form sends for a known rumour, with the CSRF token and the one-time
    submission key of ``page`` (the form as served) and ``words`` as the words heard."""
    return {
        "csrf_token": form_field(CSRF_META, page), "submission_key": form_field(SUBMISSION_KEY, page),
        "heard": "ils passent avant pour les logements", "rumour": str(rumour_id),
        # Yesterday: never "in the future", whatever the city's time zone.
        "seen_on": (date.today() - timedelta(days=1)).isoformat(), "district_id": "",
        "sphere": "market", "channel": "overheard", "people_count": "2", "language": "fr",
        "venue": "", "verbatim": words}


@dataclass
class PlanPage:
    name: str
    path: str
    role: str | None  # None: anonymous


@dataclass
class Plan:
    """Everything the locustfile needs, written by the runner as JSON."""

    run_id: str
    password: str
    accounts: dict[str, list[str]]  # role -> e-mail addresses of active users
    pages: list[PlanPage]
    rumours: list[int]  # rumours any reporter may pick
    accepted_path: str  # one line per accepted submission: its marker
    write_rate: float = 10.0
    writers: int = 20
    extra: dict = field(default_factory=dict)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=1))

    @classmethod
    def load(cls, path: Path) -> Plan:
        raw = json.loads(Path(path).read_text())
        raw["pages"] = [PlanPage(**page) for page in raw["pages"]]
        return cls(**raw)

    def page(self, name: str) -> PlanPage:
        for page in self.pages:
            if page.name == name:
                return page
        raise KeyError(name)
