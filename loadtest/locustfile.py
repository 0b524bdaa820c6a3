"""Locust users for `python -m loadtest.run` (never run on its own: the runner writes the plan).

- ``PageUser``: signs in as the page's role and asks for that one page as fast as it can.
- ``ReaderUser``: the same, each reader on one page of the plan in turn (the mixed run).
- ``WriterUser``: opens the sighting form and sends it, each submission carrying a unique
  marker in its words; every accepted one (the form answers with its redirect) is written
  to the plan's accepted file, which the runner then looks for in the database.

Each request's time is kept (from a short warm-up after every user has signed in) and written
to LOADTEST_SAMPLES when Locust quits, for the runner's exact percentiles; failures count
from the first request on, sign-ins included.

Environment: LOADTEST_PLAN (the plan's JSON), LOADTEST_PAGE (the page of PageUser),
LOADTEST_SAMPLES (where the times go), LOADTEST_USERS (how many users sign in) and
LOADTEST_WARMUP (seconds, default 2).
"""

from __future__ import annotations

import itertools
import json
import os
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, constant, constant_throughput, events, task
from locust.exception import StopUser

from loadtest.common import Plan, check_target, marker, sighting_form, sign_in_form

PLAN = Plan.load(Path(os.environ["LOADTEST_PLAN"]))
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_accounts = {role: itertools.cycle(emails) for role, emails in PLAN.accounts.items()}
_readers = itertools.count()
_writers = itertools.count()
WARMUP = float(os.environ.get("LOADTEST_WARMUP", "2"))
USERS = int(os.environ.get("LOADTEST_USERS", "1"))
_ready = itertools.count(1)
_times: dict[str, list[float]] = defaultdict(list)
_failures: dict[str, Counter] = defaultdict(Counter)
_window = {"from": None, "to": None}


@events.init.add_listener
def refuse_other_targets(environment, **_kwargs) -> None:
    """Load goes to the server the runner started on 127.0.0.1, never anywhere else."""
    check_target(environment.host or "")


def start_counting() -> None:
    """Once the last user has signed in: sign-ins are not what the pages are measured on."""
    if next(_ready) >= USERS:
        _window["from"] = time.time() + WARMUP


@events.request.add_listener
def count(name, response_time, exception, start_time=None, **_kwargs) -> None:
    if exception is not None:
        _failures[name][str(exception)[:200]] += 1
    begun = _window["from"]
    if begun is not None and (start_time or time.time()) >= begun:
        _times[name].append(response_time)


@events.test_stop.add_listener
def stop_counting(**_kwargs) -> None:
    _window["to"] = _window["to"] or time.time()


@events.quitting.add_listener
def write_samples(**_kwargs) -> None:
    stop_counting()
    Path(os.environ["LOADTEST_SAMPLES"]).write_text(json.dumps({
        "from": _window["from"], "to": _window["to"], "times": _times,
        "failures": {name: dict(counter) for name, counter in _failures.items()}}))


class SignedIn(FastHttpUser):
    abstract = True
    # A page that does not answer in this long counts as an error.
    network_timeout = 30.0
    connection_timeout = 10.0

    def sign_in(self, role: str | None) -> None:
        """Through the real login form, with its CSRF token, as the next account of ``role``."""
        if role is None:
            return
        email = next(_accounts[role])
        page = self.client.get("/login", name="[sign in] form")
        body = urlencode(sign_in_form(page.text or "", email, PLAN.password))
        with self.client.post("/login", data=body, headers=FORM, name="[sign in]",
                              allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 302 or "/login" in (answer.headers.get("Location") or ""):
                answer.failure(f"sign-in as {email} refused ({answer.status_code})")
                raise StopUser()

    def read(self, page) -> None:
        with self.client.get(page.path, name=page.name, allow_redirects=False,
                             catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code} {answer.headers.get('Location') or ''}")


class PageUser(SignedIn):
    """One page, as fast as the server answers (closed loop: no think time)."""

    wait_time = constant(0)

    def choose(self):
        return PLAN.page(os.environ["LOADTEST_PAGE"])

    def on_start(self) -> None:
        self.page = self.choose()
        self.sign_in(self.page.role)
        start_counting()

    @task
    def ask(self) -> None:
        self.read(self.page)


class ReaderUser(PageUser):
    """The mixed run's readers: each on one page of the plan (the floor aside), in turn."""

    def choose(self):
        pages = [page for page in PLAN.pages if page.path != "/healthz"]
        return pages[next(_readers) % len(pages)]


class WriterUser(SignedIn):
    """Reports sightings through the form; together the writers send PLAN.write_rate a second."""

    fixed_count = PLAN.writers
    wait_time = constant_throughput(PLAN.write_rate / max(1, PLAN.writers))

    def on_start(self) -> None:
        self.number = next(_writers)
        self.sent = itertools.count()
        self.accepted = open(PLAN.accepted_path, "a", buffering=1)
        self.sign_in("partner")
        start_counting()

    def on_stop(self) -> None:
        self.accepted.close()

    @task
    def report(self) -> None:
        seq = next(self.sent)
        rumour = PLAN.rumours[(self.number + seq) % len(PLAN.rumours)]
        form = self.client.get(f"/sightings/new?rumour={rumour}", name="sighting form")
        words = marker(PLAN.run_id, self.number, seq)
        body = urlencode(sighting_form(form.text or "", rumour, words))
        with self.client.post("/sightings/new", data=body, headers=FORM, name="sighting submission",
                              allow_redirects=False, catch_response=True) as answer:
            if answer.status_code == 302 and (answer.headers.get("Location") or "").endswith(
                    "/sightings/new"):
                self.accepted.write(words + "\n")
            else:
                answer.failure(f"submission not accepted ({answer.status_code})")
