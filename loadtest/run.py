"""Load the application as it runs in production: `python -m loadtest.run --scale city`.

gunicorn (gunicorn.conf.py, workers from the core count) serves the benchmark database on
127.0.0.1; Locust drives it over HTTP with signed-in sessions (the real login form, with its
CSRF token). First each page alone, for a fixed time, at N concurrent clients, next to the
floor (/healthz) measured in the same run: requests per second and p50/p95/p99. Then a mixed
run: readers on those pages while writers report sightings through the real form at a fixed
rate, each carrying a unique marker; afterwards every accepted sighting is looked for in the
database. `--soak-minutes` runs only the mixed load, that long, beside the scheduler process,
and reports each process's memory at the start and the end.

Every run stops by itself; it exits non-zero on any error or lost write. On SQLite the run
works on a copy of the benchmark database, so the benchmark's data stays as generated.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from bench.common import SCALES, Context, bench_modules
from bench.generate import make_app
from bench.run import ensure_database
from icc_network.auth.models import User
from icc_network.extensions import db
from icc_network.rumours.models import Rumour, Sighting
from icc_network.rumours.vocab import SUGGESTED

from .common import OUT, Plan, PlanPage, TargetRefused, check_host, marker_prefix, new_run_id
from .report import (
    FLOOR,
    Row,
    check_writes,
    failure_lines,
    page_table,
    rss_lines,
    summarise,
    write_lines,
)
from .server import BIN, cores, serve

# The pages loaded one by one, named as in the benchmark (bench/areas/*.py).
PAGES = ("public catalogue", "rumour list", "rumour detail (most heard)", "organisation list",
         "sightings register", "kit index", "dashboard", "home (coordinator)")
BENCH_PASSWORD = "bench-password"  # bench/areas/core.py gives every generated user this one
ROLES = ("admin", "coordinator", "trainer", "partner", "staff", "agent")


def database_for_load(scale: str, url: str | None, out: Path) -> tuple[str, str]:
    """The database the server will use, and its engine's name for the report."""
    url = ensure_database(scale, url, regenerate=False, skew=False)
    if not url.startswith("sqlite:///"):
        return url, "PostgreSQL" if url.startswith("postgresql") else url.split(":", 1)[0]
    copy = out / f"load-{scale}.sqlite"
    source = sqlite3.connect(url.removeprefix("sqlite:///"))
    target = sqlite3.connect(copy)
    with target:
        source.backup(target)  # consistent even while the benchmark's file is open elsewhere
    source.close()
    target.close()
    return f"sqlite:///{copy}", "SQLite"


def make_plan(scale: str, url: str, out: Path, names: list[str], write_rate: float) -> Plan:
    app = make_app(url)
    ctx = Context(scale=scale, app=app)
    with app.app_context():
        specs = {}
        for module in bench_modules(app):
            specs.update({page.name: page for page in module.pages(ctx)})
        missing = [name for name in names if name not in specs]
        if missing:
            raise SystemExit(f"no such page in the benchmark: {', '.join(missing)}")
        pages = [PlanPage(FLOOR, "/healthz", None)]
        for name in names:
            spec = specs[name]
            path = spec.path(ctx) if callable(spec.path) else spec.path
            pages.append(PlanPage(name, path, spec.role))
        accounts = {role: list(db.session.scalars(
            select(User.email).where(User.role == role, User.active.is_(True)).order_by(User.id)
            .limit(64))) for role in ROLES}
        rumours = list(db.session.scalars(
            select(Rumour.id).where(Rumour.status.in_(SUGGESTED), Rumour.merged_into_id.is_(None))
            .order_by(Rumour.sighting_count.desc(), Rumour.id).limit(32)))
        db.session.remove()
    # Enough writers that each sends one every three seconds: the rate holds while pages queue.
    writers = max(1, round(write_rate * 3))
    return Plan(run_id=new_run_id(), password=BENCH_PASSWORD, accounts=accounts, pages=pages,
                rumours=rumours, accepted_path=str(out / "accepted.txt"), write_rate=write_rate,
                writers=writers)


def locust(server_url: str, plan_path: Path, users: list[str], clients: int, seconds: int,
           samples: Path, page: str = "", watch=None) -> dict:
    """One headless Locust run against the server; its samples (see locustfile.py)."""
    env = {**os.environ, "LOADTEST_PLAN": str(plan_path), "LOADTEST_PAGE": page,
           "LOADTEST_SAMPLES": str(samples), "LOADTEST_USERS": str(clients)}
    command = [str(BIN / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")), *users,
               "--headless", "--host", server_url, "-u", str(clients), "-r", str(clients),
               "-t", f"{seconds}s", "--stop-timeout", "10", "--only-summary",
               "--loglevel", "WARNING"]
    with (samples.with_suffix(".log")).open("w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        while process.poll() is None:
            if watch is not None:
                watch()
            time.sleep(1)
    if not samples.exists():
        raise RuntimeError(f"Locust wrote no samples: see {samples.with_suffix('.log')}")
    return json.loads(samples.read_text())


def stored_markers(run_id: str) -> list[str]:
    """The words of every sighting this run's writers sent that the database holds."""
    return list(db.session.scalars(
        select(Sighting.verbatim).where(Sighting.verbatim.startswith(marker_prefix(run_id)))))


def found_markers(url: str, run_id: str) -> list[str]:
    app = make_app(url)
    with app.app_context():
        words = stored_markers(run_id)
        db.session.remove()
    return words


class MemoryWatch:
    """Each process's resident memory: first reading after the warm-up, and the last."""

    def __init__(self, server, after: float) -> None:
        self.server, self.after, self.started = server, after, time.monotonic()
        self.first: dict[str, int] = {}
        self.last: dict[str, int] = {}

    def __call__(self) -> None:
        if time.monotonic() - self.started < self.after:
            return
        self.last = self.server.memory()
        self.first = self.first or self.last

    def table(self) -> dict[str, tuple[int, int]]:
        return {name: (size, self.last.get(name, 0)) for name, size in self.first.items()}

    def restarted(self) -> list[str]:
        return sorted(set(self.first) ^ set(self.last))


def _load() -> str:
    """The machine's load (1, 5, 15 minutes): other work on it weighs on every figure."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def pages_alone(server, plan: Plan, plan_path: Path, args, roles: dict) -> tuple[list[str], bool]:
    """Each page of the plan alone, the floor first."""
    rows, lines, ok = [], [], True
    for number, page in enumerate(plan.pages):
        samples = locust(server.url, plan_path, ["PageUser"], args.clients, args.seconds,
                         plan_path.parent / f"page-{number}.json", page=page.name)
        measured = [row for row in summarise(samples, roles) if row.name == page.name]
        ok &= bool(measured and measured[0].requests) and not failure_lines(samples)
        rows += measured or [Row(page.name, 0, 0, 0.0, 0.0, 0.0, 0.0, roles[page.name])]
        lines += failure_lines(samples)
    return ["", f"Each page alone for {args.seconds} s:", "", *page_table(rows, rows[0]),
            *lines], ok


def mixed(server, plan: Plan, plan_path: Path, args, roles: dict, url: str,
          seconds: int) -> tuple[list[str], bool]:
    """Readers beside writers, then every accepted write looked for in the database."""
    # The first memory reading once every process has started and served a while.
    watch = MemoryWatch(server, after=min(120, max(30, seconds / 4)))
    samples = locust(server.url, plan_path, ["ReaderUser", "WriterUser"],
                     args.clients + plan.writers, seconds, plan_path.parent / "mixed.json",
                     watch=watch)
    watch()
    alive = server.alive()
    accepted = Path(plan.accepted_path)
    check = check_writes(accepted.read_text().split() if accepted.exists() else [],
                         found_markers(url, plan.run_id))
    lines = ["", f"Mixed run, {seconds} s: {args.clients} readers (one page each, in turn) and "
             f"{plan.writers} writers sending {args.write_rate:g} sightings/s in all:", "",
             *page_table(summarise(samples, roles), None), "", *write_lines(check, seconds),
             *failure_lines(samples)]
    if watch.table():  # runs shorter than the warm-up have no reading
        lines += ["", "Memory (VmRSS) of each process:", "", *rss_lines(watch.table())]
    if watch.restarted():
        lines.append(f"Processes that came or went during the run: {', '.join(watch.restarted())}")
    if not alive:
        lines.append("A server process stopped during the run: see its log.")
    ok = check.ok and not check.unconfirmed and not failure_lines(samples) and alive
    return lines, ok and not watch.restarted()


def run(args: argparse.Namespace) -> tuple[str, bool]:
    check_host(args.host)
    out = OUT / time.strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    url, engine = database_for_load(args.scale, args.database_url, out)
    plan = make_plan(args.scale, url, out, [name.strip() for name in args.pages.split(",")
                                            if name.strip()], args.write_rate)
    plan_path = out / "plan.json"
    plan.save(plan_path)
    roles = {page.name: page.role or "" for page in plan.pages}
    roles.update({"sighting form": "partner", "sighting submission": "partner"})
    soak = args.soak_minutes is not None
    workers = args.workers or (4 if soak else 2 * cores())
    lines = [f"Scale: {args.scale}; {engine}; gunicorn, {workers} sync workers "
             f"(gunicorn.conf.py){', and the scheduler' if soak or args.scheduler else ''}; "
             f"{cores()} cores shared with the load generator; Locust, {args.clients} concurrent "
             f"clients; times in ms (client side). Load average at the start: {_load()}."]
    ok = True
    with serve(url, workers, out, scheduler=soak or args.scheduler) as server:
        if not soak:
            found, ok = pages_alone(server, plan, plan_path, args, roles)
            lines += found
        found, mixed_ok = mixed(server, plan, plan_path, args, roles, url,
                                int(args.soak_minutes * 60) if soak else args.mixed_seconds)
        lines += found
    ok &= mixed_ok
    if url.startswith("sqlite:///"):  # the copy: the figures and logs stay
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    lines += ["", f"Load average at the end: {_load()}.",
              f"Result: {'no errors, no lost writes' if ok else 'FAILED'}; logs in {out}."]
    report = "\n".join(lines)
    (out / "report.md").write_text(report + "\n")
    return report, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL") or None,
                        help="default: BENCH_DATABASE_URL, else bench/out/bench-SCALE.sqlite")
    parser.add_argument("--host", default="127.0.0.1", help="only 127.0.0.1 is accepted")
    parser.add_argument("--workers", type=int, default=0, help="default: 2 per core (soak: 4)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent signed-in clients")
    parser.add_argument("--seconds", type=int, default=30, help="per page")
    parser.add_argument("--pages", default=",".join(PAGES), help="benchmark page names, comma-separated")
    parser.add_argument("--mixed-seconds", type=int, default=60)
    parser.add_argument("--write-rate", type=float, default=10.0, help="sightings per second")
    parser.add_argument("--soak-minutes", type=float, default=None)
    parser.add_argument("--scheduler", action="store_true", help="run the scheduler beside")
    args = parser.parse_args(argv)
    try:
        check_host(args.host)
    except TargetRefused as refused:
        parser.error(str(refused))
    report, ok = run(args)
    print(report)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
