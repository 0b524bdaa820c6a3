"""Benchmark data and pages of the rumours area.

Metropolis: 2,000 rumours, 10,000 counter-arguments, 500,000 sightings over
three years, skewed towards a few much-heard rumours as in real life. Lumpy data
(``--skew``): one rumour with 40 % of the sightings (200,000 at metropolis) and the first
district with half of them.
"""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

from sqlalchemy import select

from icc_network.auth.models import User
from icc_network.core.clock import today, utcnow
from icc_network.core.models import District
from icc_network.core.text import fold
from icc_network.extensions import db
from icc_network.rumours.jobs import expire_and_alert
from icc_network.rumours.models import (
    CounterArgument,
    MatchIndexVersion,
    Rumour,
    RumourKeyPhrase,
    RumourStatusChange,
    Sighting,
    TargetGroup,
    Theme,
    rumour_target_group,
)
from icc_network.rumours.services import catalogue_feed, matching
from icc_network.rumours.services.sightings import week_of
from icc_network.rumours.services.stats import rebuild_aggregates
from icc_network.rumours.vocab import CHANNELS, KINDS, RISKS, SPHERES, STATUSES

from ..common import Context, Measure, Page, bulk_insert

SUBJECTS = [("Les immigrés", "Immigrants"), ("Les réfugiés", "Refugees"),
            ("Les étrangers", "Foreigners"), ("Les nouveaux arrivants", "Newcomers"),
            ("Les Roms", "Roma people"), ("Les demandeurs d’asile", "Asylum seekers")]
CLAIMS = [("prennent le travail des gens d’ici", "take local people’s jobs"),
          ("touchent plus d’aides sociales", "get more social benefits"),
          ("passent avant tout le monde pour les logements", "jump the housing queue"),
          ("apportent des maladies", "bring diseases"),
          ("rendent le quartier moins sûr", "make the neighbourhood less safe"),
          ("ne veulent pas s’intégrer", "don’t want to integrate"),
          ("sont mieux soignés que nous", "get better healthcare than us"),
          ("font baisser le niveau à l’école", "lower standards at school")]
# Key phrases coordinators would keep for each claim, in French and English.
PHRASES = [(("prennent le travail", "emplois"), ("take our jobs", "jobs")),
           (("aides sociales", "allocations"), ("benefits", "welfare")),
           (("logements sociaux", "passent avant"), ("social housing", "jump the queue")),
           (("maladies", "santé"), ("diseases", "health")),
           (("insécurité", "délinquance"), ("crime", "unsafe")),
           (("intégration", "communautarisme"), ("integrate", "integration")),
           (("soins gratuits", "hôpital"), ("free healthcare", "hospital")),
           (("niveau scolaire", "école"), ("school standards", "school"))]
PLACES = [("au marché", "at the market"), ("dans le bus", "on the bus"), ("à l’usine", "at the factory"),
          ("sur les réseaux", "online"), ("près de la gare", "near the station")]
SCALE = {
    "rumours": {"small": 100, "city": 500, "metropolis": 2000},
    "arguments": {"small": 500, "city": 2500, "metropolis": 10000},
    "sightings": {"small": 10000, "city": 100000, "metropolis": 500000},
}
CHUNK = 20000
FEED = "/catalogue/claimreview.json"
# Lumpy data (--skew): one rumour with this share of all sightings, and the first district
# (the one the pages filter on) with this share of them.
SKEW_TOP_SHARE = 0.4
SKEW_HOT_DISTRICT_SHARE = 0.5


def generate(ctx: Context) -> None:
    rng = ctx.rng
    themes = _terms(Theme, 8)
    groups = _terms(TargetGroup, 10)
    n_rumours = ctx.pick(SCALE["rumours"])
    n_sightings = ctx.pick(SCALE["sightings"])
    weights = [1 / (rank + 1) ** 0.8 for rank in range(n_rumours)]
    rng.shuffle(weights)
    total = sum(weights)
    counts = [max(1, round(n_sightings * w / total)) for w in weights]
    if ctx.skew:
        counts = _skewed(counts, n_sightings)
    statuses = list(STATUSES)
    coordinators = list(db.session.scalars(select(User.id).where(User.role == "coordinator")
                                           .order_by(User.id).limit(12)))
    rumours, claims = [], []
    for n in range(n_rumours):
        subject, claim, place = rng.choice(SUBJECTS), rng.choice(CLAIMS), rng.choice(PLACES)
        claims.append(CLAIMS.index(claim))
        status = rng.choice(statuses)
        first = today() - timedelta(days=rng.randint(30, 1095))
        rumours.append({
            "wording": {"fr": f"{subject[0]} {claim[0]} {place[0]} ({n})",
                        "en": f"{subject[1]} {claim[1]} {place[1]} ({n})"} if n % 9
            else {"fr": f"{subject[0]} {claim[0]} {place[0]} ({n})"},
            "theme_id": rng.choice(themes), "spheres": rng.sample(list(SPHERES), 2),
            "detection": "survey", "cause": {}, "first_detected": first,
            "risk": rng.choice(list(RISKS)), "alert_deadline": first + timedelta(days=30),
            "assignee_id": rng.choice(coordinators) if status != "reported" else None,
            "status": status, "verdict": "not_assessed" if status == "reported" else "false",
            "published_at": utcnow() if status in ("validated", "in_campaign", "monitored") else None,
            "sighting_count": counts[n], "last_sighted_on": today() - timedelta(days=rng.randint(0, 60)),
            "created_at": utcnow(), "updated_at": utcnow(),
        })
    bulk_insert(Rumour, rumours)
    ids = list(db.session.scalars(select(Rumour.id).order_by(Rumour.id)))
    ctx.ids["rumour"] = ids
    bulk_insert(rumour_target_group, [
        {"rumour_id": rid, "target_group_id": gid} for rid in ids for gid in rng.sample(groups, 2)])
    bulk_insert(RumourStatusChange, [
        {"rumour_id": rid, "at": utcnow(), "from_status": None, "to_status": "reported", "note": ""}
        for rid in ids])
    bulk_insert(RumourKeyPhrase, [
        {"rumour_id": rid, "locale": locale, "phrase": phrase, "folded": fold(phrase)}
        for rid, claim in zip(ids, claims, strict=True)
        for locale, phrases in zip(("fr", "en"), PHRASES[claim], strict=True)
        for phrase in phrases])
    db.session.add(MatchIndexVersion(id=1, version=1))
    _arguments(ctx, ids)
    _sightings(ctx, ids, counts, rumours)
    db.session.flush()
    rebuild_aggregates()


def _skewed(counts: list[int], n_sightings: int) -> list[int]:
    """Lumpy data: the most heard rumour takes 40 % of all sightings (200,000 at metropolis),
    the others share the rest in the same proportions as before."""
    top = counts.index(max(counts))
    rest = sum(counts) - counts[top]
    share = (n_sightings - round(n_sightings * SKEW_TOP_SHARE)) / rest
    skewed = [max(1, round(count * share)) for count in counts]
    skewed[top] = round(n_sightings * SKEW_TOP_SHARE)
    return skewed


def _terms(model, count: int) -> list[int]:
    bulk_insert(model, [{"name": {"fr": f"Thème {n}", "en": f"Theme {n}"},
                                        "position": n, "active": True,
                                        "created_at": utcnow(), "updated_at": utcnow()}
                                       for n in range(count)])
    return list(db.session.scalars(select(model.id)))


def _arguments(ctx: Context, ids: list[int]) -> None:
    rng, rows = ctx.rng, []
    for n in range(ctx.pick(SCALE["arguments"])):
        kind = rng.choice(list(KINDS))
        status = rng.choices(["validated", "draft", "expired"], [7, 2, 1])[0]
        rows.append({
            "rumour_id": ids[n % len(ids)] if n < len(ids) else rng.choice(ids), "kind": kind,
            "text": {"fr": f"Un fait vérifié numéro {n}", "en": f"A checked fact number {n}"},
            "source_publisher": "Observatoire de démonstration" if kind == "statistic" else "",
            "source_url": "", "source_area": "", "origin_feed": "", "origin_url": "",
            "valid_until": today() + timedelta(days=rng.randint(-30, 700)) if kind == "statistic"
            else None, "status": status, "created_at": utcnow(), "updated_at": utcnow()})
    bulk_insert(CounterArgument, rows)


def _sightings(ctx: Context, ids: list[int], counts: list[int], rumours: list[dict]) -> None:
    rng, districts = ctx.rng, ctx.ids["district"]
    hot = districts[0] if ctx.skew else None
    spheres, channels, rows = list(SPHERES), list(CHANNELS), []
    # Most sightings come through partners, staff and agents; imports carry no reporter.
    reporters = list(db.session.scalars(select(User.id).where(
        User.role.in_(("partner", "staff", "agent"))).order_by(User.id)))
    for rid, count, rumour in zip(ids, counts, rumours, strict=True):
        age = (today() - rumour["first_detected"]).days
        for _ in range(count):
            seen_on = today() - timedelta(days=int(rng.triangular(0, age, age * 0.2)))
            rows.append({"rumour_id": rid, "seen_on": seen_on, "week_start": week_of(seen_on),
                         "district_id": hot if hot and rng.random() < SKEW_HOT_DISTRICT_SHARE
                         else rng.choice(districts) if rng.random() < 0.9 else None,
                         "sphere": rng.choice(spheres), "venue": "", "channel": rng.choice(channels),
                         "people_count": rng.randint(1, 8), "language": "fr",
                         "verbatim": "des mots entendus" if rng.random() < 0.2 else "",
                         "hateful": rng.random() < 0.03, "created_at": utcnow(),
                         "reporter_id": rng.choice(reporters) if rng.random() < 0.7 else None})
            if len(rows) >= CHUNK:
                bulk_insert(Sighting, rows)
                rows = []
    if rows:
        bulk_insert(Sighting, rows)


def pages(ctx: Context) -> list[Page]:
    top = db.session.scalar(select(Rumour.id).order_by(Rumour.sighting_count.desc()).limit(1))
    published = db.session.scalar(
        select(Rumour.id).where(Rumour.published_at.is_not(None)).join(
            CounterArgument, (CounterArgument.rumour_id == Rumour.id)
            & (CounterArgument.status == "validated") & CounterArgument.valid_until.is_(None))
        .order_by(Rumour.sighting_count.desc()).limit(1))
    district = db.session.scalar(select(District.id).order_by(District.id).limit(1))
    since = (today() - timedelta(days=90)).isoformat()
    return [
        Page("rumour list", "/rumours", "coordinator", budget_ms=50),
        Page("rumour list, 100 per page (same queries)", "/rumours?per_page=100", "coordinator"),
        Page("rumour list, district and period", f"/rumours?district={district}&from={since}",
             "coordinator", budget_ms=50),
        Page("rumour list, text search", "/rumours?q=logements", "coordinator", budget_ms=50),
        Page("rumour list, needs translation", "/rumours?translation=missing", "coordinator",
             budget_ms=50),
        Page("rumour detail (most heard)", f"/rumours/{top}", "coordinator", budget_ms=50),
        Page("rumour detail (trainer)", f"/rumours/{top}", "trainer", budget_ms=50),
        Page("merge page (candidates for the most heard)", f"/rumours/{top}/merge",
             "coordinator", budget_ms=50),
        Page("kit index", "/kit", "partner", budget_ms=50),
        Page("kit sheet", f"/kit/{published}", "partner", budget_ms=50),
        Page("public catalogue", "/catalogue", None, budget_ms=50),
        Page("public page with ClaimReview", f"/catalogue/{published}", None, budget_ms=50),
        Page("dashboard", "/rumours/dashboard", "coordinator", budget_ms=200),
        Page("dashboard, 52 weeks", "/rumours/dashboard?weeks=52", "coordinator", budget_ms=200),
        Page("sighting submission", "/sightings/new", "partner", method="POST",
             data=lambda c: _sighting_form(top), budget_ms=50),
        Page("match suggestion", "/sightings/suggest.json?q=les+refugies+passent+avant", "partner",
             budget_ms=30),
        Page("match suggestion, English words for French-only rumours",
             "/sightings/suggest.json?q=the+town+hall+pays+for+mosques+with+our+taxes", "partner",
             budget_ms=30),
        Page("ClaimReview feed (whole catalogue)", FEED, None),
        Page("hateful reports queue (open)", "/rumours/hateful", "coordinator", budget_ms=50),
        Page("hateful reports queue (all)", "/rumours/hateful?state=all", "coordinator",
             budget_ms=50),
        Page("other cities' feeds", "/feeds", "coordinator", budget_ms=50),
        *_register_pages(top, district, since),
    ]


def _register_pages(top: int, district: int, since: str) -> list[Page]:
    """The sightings register unfiltered, deep into the list, and with each one filter."""
    organisation = db.session.scalar(select(User.organisation_id).where(
        User.role == "partner", User.organisation_id.is_not(None)).order_by(User.id).limit(1))
    rare = db.session.scalar(select(Rumour.id).order_by(Rumour.sighting_count, Rumour.id).limit(1))
    deep = db.session.execute(select(Sighting.seen_on, Sighting.id)
                              .order_by(Sighting.seen_on, Sighting.id).limit(1)).one()
    filters = {"most heard rumour": f"rumour={top}", "least heard rumour": f"rumour={rare}",
               "district": f"district={district}", "sphere": "sphere=school",
               "channel": "channel=press", "period": f"from={since}",
               "reporter's organisation": f"organisation={organisation}",
               "hateful": "hateful=yes"}
    return [
        Page("sightings register", "/sightings", "coordinator", budget_ms=50),
        Page("sightings register, oldest page (by key)",
             f"/sightings?older={deep[0].isoformat()}.{deep[1] + 1}", "coordinator", budget_ms=50),
        Page("sightings register (trainer)", "/sightings", "trainer", budget_ms=50),
        *(Page(f"sightings register, {name}", f"/sightings?{query}", "coordinator", budget_ms=50)
          for name, query in filters.items()),
    ]


def _sighting_form(rumour_id: int) -> dict:
    return {"heard": "ils passent avant pour les logements", "rumour": str(rumour_id),
            "seen_on": today().isoformat(), "district_id": "", "sphere": "market",
            "channel": "overheard", "people_count": "2", "language": "fr", "venue": "",
            "verbatim": ""}


def extra(ctx: Context) -> list[Measure]:
    measures = []
    started = time.perf_counter()
    rebuild_aggregates()
    db.session.commit()
    measures.append(Measure("job: rebuild sighting aggregates", (time.perf_counter() - started) * 1000,
                            note="runs every 30 minutes in the scheduler"))
    for run in ("first run", "rerun"):
        started = time.perf_counter()
        figures = expire_and_alert()
        db.session.commit()
        measures.append(Measure(f"job: expire arguments and overdue alerts, {run}",
                                (time.perf_counter() - started) * 1000,
                                note=f"{figures['notified'] + figures['overdue_notified']} "
                                     "notifications created"))
    matching.forget_cache()
    started = time.perf_counter()
    matching.suggest("les refugies passent avant")
    measures.append(Measure("match suggestion, cache rebuilt after a change",
                            (time.perf_counter() - started) * 1000))
    measures.extend(_feed_measures(ctx))
    return measures


def _feed_measures(ctx: Context) -> list[Measure]:
    """The ClaimReview feed built after a change of the catalogue (the page above times it
    kept), and answered 304 to a reader who has it: medians."""
    client = ctx.app.test_client()
    built = []
    for _ in range(5):
        catalogue_feed.forget()
        started = time.perf_counter()
        response = client.get(FEED)
        built.append((time.perf_counter() - started) * 1000)
    etag = response.headers["ETag"]
    unchanged = []
    for _ in range(50):
        started = time.perf_counter()
        status = client.get(FEED, headers={"If-None-Match": etag}).status_code
        unchanged.append((time.perf_counter() - started) * 1000)
    return [Measure("ClaimReview feed, built after a change", statistics.median(built),
                    note=f"{len(response.get_data()) // 1024} KB"),
            Measure("ClaimReview feed, reader who has it (If-None-Match)",
                    statistics.median(unchanged), note=f"status {status}")]
