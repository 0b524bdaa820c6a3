"""Benchmark data and pages of the shared kernel: districts, users, the audit log."""

from __future__ import annotations

from sqlalchemy import insert

from icc_network.auth.models import User
from icc_network.auth.services.accounts import password_hasher
from icc_network.core.clock import utcnow
from icc_network.core.models import AuditLog, District, Notification
from icc_network.extensions import db

from ..common import Context, Page

ROLES = ("admin", "coordinator", "trainer", "partner", "staff", "agent")
BENCH_PASSWORD = "bench-password"


def generate(ctx: Context) -> None:
    districts = ctx.pick({"small": 8, "city": 20, "metropolis": 40})
    users = ctx.pick({"small": 60, "city": 600, "metropolis": 6000})
    db.session.execute(insert(District), [
        {"code": f"district-{n}", "name": {"fr": f"Quartier {n}", "en": f"District {n}"}, "position": n}
        for n in range(districts)
    ])
    hashed = password_hasher().hash(BENCH_PASSWORD)  # one hash for all: generation stays fast
    rows = []
    for n in range(users):
        role = ROLES[n % len(ROLES)]
        rows.append({"email": f"{role}{n}@bench.example", "name": f"{role.title()} {n}", "role": role,
                     "locale": "fr" if n % 3 else "en", "active": n % 17 != 0, "password_hash": hashed})
    db.session.execute(insert(User), rows)
    db.session.flush()
    ctx.ids["district"] = list(db.session.scalars(db.select(District.id).order_by(District.id)))
    ctx.ids["user"] = list(db.session.scalars(db.select(User.id).order_by(User.id)))
    db.session.execute(insert(AuditLog), [
        {"user_id": ctx.rng.choice(ctx.ids["user"]), "action": "bench.event", "entity_type": "district",
         "entity_id": str(ctx.rng.choice(ctx.ids["district"])), "details": {"n": n}}
        for n in range(users * 5)
    ])
    # Every user has a history of notifications, a few of them still unread: the badge
    # on every signed-in page counts those.
    now = utcnow()
    db.session.execute(insert(Notification), [
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
        Page("home (coordinator)", "/", "coordinator", floor_ratio=5),
        Page("users list", "/admin/users", "admin"),
        Page("audit log", "/admin/audit", "admin"),
        Page("translation worklist", "/translations/worklist", "coordinator"),
    ]
