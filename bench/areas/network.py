"""Benchmark data and pages of the network: organisations, ties, the explorer and the metrics job.

Metropolis: 5,000 organisations and 25,000 ties. Ties are clustered the way
real partner networks are (mostly inside a district, some across the city),
so that communities, brokers and the layout have the shape they have in use.
Lumpy data (``--skew``): the first organisation holds 12 % of all ties (3,000 at
metropolis), each with a different organisation.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from sqlalchemy import func, select

from icc_network.extensions import db
from icc_network.network import graph, jobs
from icc_network.network.layout import layout
from icc_network.network.models import Contact, Organisation, OrganisationRole, Tie
from icc_network.network.services import analytics
from icc_network.network.services.organisations import oriented
from icc_network.network.vocab import ROLES, SECTORS, TIE_KINDS

from ..common import Context, Measure, Page, bulk_insert

JOB_BUDGET_MS = 10_000
SKEW_HUB_SHARE = 0.12


def generate(ctx: Context) -> None:
    count = ctx.pick({"small": 150, "city": 1000, "metropolis": 5000})
    tie_count = ctx.pick({"small": 600, "city": 5000, "metropolis": 25000})
    districts = ctx.ids["district"]
    sectors, roles = list(SECTORS), list(ROLES)
    rng = ctx.rng
    start = date(2020, 1, 1)
    bulk_insert(Organisation, [
        {"name": f"Organisation {n}", "name_key": f"organisation {n}", "sector": rng.choice(sectors),
         "district_id": rng.choice(districts), "member_since": start + timedelta(days=rng.randrange(2000)),
         "description": {"fr": f"Membre {n} du réseau", "en": f"Network member {n}"}}
        for n in range(count)])
    rows = db.session.execute(select(Organisation.id, Organisation.district_id)
                              .order_by(Organisation.id)).all()
    ids = [oid for oid, _ in rows]
    ctx.ids["organisation"] = ids
    by_district: dict[int, list[int]] = {}
    for oid, district in rows:
        by_district.setdefault(district, []).append(oid)
    bulk_insert(OrganisationRole, [
        {"organisation_id": oid, "role": role} for oid in ids
        for role in rng.sample(roles, k=rng.randrange(3))])
    bulk_insert(Contact, [
        {"organisation_id": oid, "name": f"Contact {oid}", "function": "", "email": f"c{oid}@bench.example",
         "phone": "", "consent_on": date(2024, 1, 1) if oid % 4 else None} for oid in ids])
    district_of = dict(rows)
    bulk_insert(Tie, _ties(ctx, ids, by_district, district_of, tie_count))
    db.session.flush()
    analytics.recompute(analytics.state().version, "bench")


def _ties(ctx: Context, ids, by_district, district_of, wanted: int) -> list[dict]:
    rng, kinds = ctx.rng, list(TIE_KINDS)
    seen: set[tuple[int, int, str]] = set()
    ties = _hub_ties(ctx, ids, round(wanted * SKEW_HUB_SHARE), seen) if ctx.skew else []
    while len(ties) < wanted:
        a = rng.choice(ids)
        local = rng.random() < 0.8
        b = rng.choice(by_district[district_of[a]]) if local else rng.choice(ids)
        kind = rng.choice(kinds) if rng.random() < 0.3 else "collaborates"
        if a == b:
            continue
        pair = oriented(a, b, kind)
        if (*pair, kind) in seen:
            continue
        seen.add((*pair, kind))
        ties.append({"from_organisation_id": pair[0], "to_organisation_id": pair[1], "kind": kind,
                     "weight": float(rng.randint(1, 5)), "origin": "import", "origin_key": "",
                     "note": ""})
    return ties


def _hub_ties(ctx: Context, ids, count: int, seen: set) -> list[dict]:
    """The hub: the lowest id, so that it is the stored "from" side of every undirected tie."""
    hub = ids[0]
    ties = []
    for other in ctx.rng.sample(ids[1:], min(count, len(ids) - 1)):
        seen.add((hub, other, "collaborates"))
        ties.append({"from_organisation_id": hub, "to_organisation_id": other,
                     "kind": "collaborates", "weight": float(ctx.rng.randint(1, 5)),
                     "origin": "import", "origin_key": "", "note": ""})
    return ties


def _busiest_organisation() -> int:
    return db.session.scalar(
        select(Tie.from_organisation_id).group_by(Tie.from_organisation_id)
        .order_by(func.count().desc()).limit(1))


def pages(ctx: Context) -> list[Page]:
    busiest = _busiest_organisation()
    return [
        Page("organisation list", "/network/", "staff", budget_ms=50),
        Page("organisation list, filtered, by betweenness", "/network/?sector=association&sort=-betweenness",
             "coordinator", budget_ms=50),
        Page("organisation list, 100 per page (queries stay 8)", "/network/?per_page=100&sort=-degree",
             "staff"),
        Page("organisation detail (most ties, with contacts)", f"/network/organisations/{busiest}",
             "coordinator", budget_ms=50),
        Page("organisation detail (most ties)", f"/network/organisations/{busiest}", "staff",
             budget_ms=50),
        Page("explorer data (JSON)", "/network/explorer.json", "staff", budget_ms=100),
        Page("explorer page", "/network/explorer", "staff", budget_ms=50),
        Page("analytics page", "/network/analytics", "coordinator"),
        Page("ties list", "/network/ties", "coordinator", budget_ms=50),
        Page("support group", "/network/support-group", "coordinator", budget_ms=50),
    ]


def extra(ctx: Context) -> list[Measure]:
    """The full metrics job as the scheduler runs it, and where its time goes."""
    measures = []
    started = time.perf_counter()
    figures = jobs.recompute_nightly()
    total = (time.perf_counter() - started) * 1000
    ties = db.session.scalar(select(func.count()).select_from(Tie))
    measures.append(Measure(
        f"metrics job, full ({figures.get('organisations')} organisations, {ties} ties "
        f"= {figures.get('ties')} linked pairs)",
        total, JOB_BUDGET_MS, "claim, load, analyse, lay out, store, explorer JSON, commit"))
    clock = time.perf_counter()
    network = analytics.load_graph()
    measures.append(Measure("  of which: load the graph", (time.perf_counter() - clock) * 1000))
    phases = [
        ("betweenness (sampled above 1,000 nodes)", lambda: graph.betweenness(network)),
        ("PageRank", lambda: graph.pagerank(network)),
        ("Louvain communities", lambda: graph.communities(network)),
    ]
    for label, run in phases:
        clock = time.perf_counter()
        result = run()
        measures.append(Measure(f"  of which: {label}", (time.perf_counter() - clock) * 1000))
    clock = time.perf_counter()
    layout(network, result)
    measures.append(Measure("  of which: layout (communities, then each community)",
                            (time.perf_counter() - clock) * 1000))
    db.session.rollback()
    return measures
