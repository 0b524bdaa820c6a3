"""Benchmark data and pages of the shared kernel: districts, users, the audit log; and the
hostile uploads that the reader of imports must refuse quickly."""

from __future__ import annotations

import time
import tracemalloc

from flask_babel import force_locale

from icc_network.auth.models import User
from icc_network.auth.services.accounts import password_hasher
from icc_network.core.clock import utcnow
from icc_network.core.imports import read_table
from icc_network.core.models import AuditLog, District, Notification
from icc_network.core.rules import RuleViolation
from icc_network.core.uploads import read_json
from icc_network.extensions import db

from ..common import Context, Measure, Page, bulk_insert
from ..hostile_uploads import HOSTILE, Hostile

ROLES = ("admin", "coordinator", "trainer", "partner", "staff", "agent")
BENCH_PASSWORD = "bench-password"
HOSTILE_BUDGET_MS = 1000


def generate(ctx: Context) -> None:
    districts = ctx.pick({"small": 8, "city": 20, "metropolis": 40})
    users = ctx.pick({"small": 60, "city": 600, "metropolis": 6000})
    bulk_insert(District, [
        {"code": f"district-{n}", "name": {"fr": f"Quartier {n}", "en": f"District {n}"}, "position": n}
        for n in range(districts)
    ])
    hashed = password_hasher().hash(BENCH_PASSWORD)  # one hash for all: generation stays fast
    rows = []
    for n in range(users):
        role = ROLES[n % len(ROLES)]
        rows.append({"email": f"{role}{n}@bench.example", "name": f"{role.title()} {n}", "role": role,
                     "locale": "fr" if n % 3 else "en", "active": n % 17 != 0, "password_hash": hashed})
    bulk_insert(User, rows)
    db.session.flush()
    ctx.ids["district"] = list(db.session.scalars(db.select(District.id).order_by(District.id)))
    ctx.ids["user"] = list(db.session.scalars(db.select(User.id).order_by(User.id)))
    bulk_insert(AuditLog, [
        {"user_id": ctx.rng.choice(ctx.ids["user"]), "action": "bench.event", "entity_type": "district",
         "entity_id": str(ctx.rng.choice(ctx.ids["district"])), "details": {"n": n}}
        for n in range(users * 5)
    ])
    # Every user has a history of notifications, a few of them still unread: the badge
    # on every signed-in page counts those.
    now = utcnow()
    bulk_insert(Notification, [
        {"user_id": user_id, "kind": "auth.password_reset", "params": {"by": "Admin"},
         "link": "/account", "dedupe_key": f"bench-{user_id}-{n}",
         "read_at": None if n % 10 == 0 else now, "due_at": now, "created_at": now,
         "emailed_at": now}
        for user_id in ctx.ids["user"][:ctx.pick({"small": 60, "city": 300, "metropolis": 600})]
        for n in range(ctx.pick({"small": 20, "city": 100, "metropolis": 300}))
    ])


def pages(ctx: Context) -> list[Page]:
    return [
        Page("login page", "/login", None, floor_ratio=5),
        Page("home (anonymous)", "/", None, floor_ratio=5),
        Page("home (coordinator)", "/", "coordinator", budget_ms=200, floor_ratio=5),
        # Each role's dashboard: a few indexed queries with limits per panel.
        *(Page(f"home ({role})", "/", role, budget_ms=200)
          for role in ("admin", "trainer", "partner", "staff", "agent")),
        Page("users list", "/admin/users", "admin"),
        Page("audit log", "/admin/audit", "admin"),
        Page("translation worklist", "/translations/worklist", "coordinator"),
    ]


def extra(ctx: Context) -> list[Measure]:
    """Each hostile upload read once under tracemalloc for its peak, then once more to time it
    (tracemalloc slows everything down)."""
    measures = []
    for hostile in HOSTILE:
        data = hostile.build()
        tracemalloc.start()
        try:
            _read(hostile, data)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        started = time.perf_counter()
        outcome = _read(hostile, data)
        elapsed = (time.perf_counter() - started) * 1000
        measures.append(Measure(f"upload: {hostile.name} ({len(data) / 1024:,.0f} KB)", elapsed,
                                HOSTILE_BUDGET_MS, f"peak {peak / 2**20:.1f} MB; {outcome}"))
    return measures


def _read(hostile: Hostile, data: bytes) -> str:
    with force_locale("en"):
        try:
            if hostile.kind == "json":
                read_json(data)
                return "read"
            return f"read, {len(read_table(hostile.filename, data).rows)} rows"
        except RuleViolation as refused:
            return f"refused: {refused.message}"
