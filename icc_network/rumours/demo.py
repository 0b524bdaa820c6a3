"""Demonstration data of the rumours area: themes, target groups, a bilingual
catalogue with arguments of every kind, and sightings over a year."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from ..core.clock import today
from ..core.demo import demo_user
from ..core.models import District
from ..extensions import db
from . import arguments, services
from .demo_catalogue import RISING, RUMOURS, SOURCE, TARGET_GROUPS, THEMES, VERBATIMS
from .models import TargetGroup, Theme
from .sightings import insert_sightings, week_of
from .stats import rebuild_aggregates
from .vocab import CHANNELS, TRANSITIONS

MAIN_PATH = ("reported", "triaged", "catalogued", "arguments_drafted", "validated",
             "in_campaign", "monitored", "fading")


def load() -> None:
    coordinator = demo_user("coordinator")
    themes = [_term(Theme, fr, en, n) for n, (fr, en) in enumerate(THEMES)]
    groups = [_term(TargetGroup, fr, en, n) for n, (fr, en) in enumerate(TARGET_GROUPS)]
    db.session.flush()
    rng = random.Random(2026)
    districts = list(db.session.scalars(select(District.id).order_by(District.position)))
    rows = []
    for number, spec in enumerate(RUMOURS):
        rumour, weight = _rumour(spec, themes, groups, coordinator, rng), spec[10]
        rows.extend(_sightings(rumour, weight, districts, rng, rising=number in RISING))
    insert_sightings(rows)
    db.session.flush()
    rebuild_aggregates()


def _term(model, fr: str, en: str, position: int):
    term = model(name={"fr": fr, "en": en}, position=position)
    db.session.add(term)
    return term


def _rumour(spec, themes, groups, coordinator, rng):
    theme, group_ids, fr, en, cause_fr, cause_en, risk, spheres, status, published, _w, args = spec
    first = today() - timedelta(days=rng.randint(200, 360))
    rumour = services.save_rumour(
        None, actor=coordinator, wording={"fr": fr, "en": en}, theme_id=themes[theme].id,
        target_group_ids=[groups[g].id for g in group_ids], spheres=spheres,
        detection=rng.choice(["survey", "workshop", "agent_report", "social_media"]),
        cause={"fr": cause_fr, "en": cause_en}, first_detected=first, risk=risk,
        alert_deadline=None, assignee_id=coordinator.id if status != "reported" else None)
    for argument_spec in args:
        _argument(rumour, argument_spec, coordinator)
    for step in MAIN_PATH[1:MAIN_PATH.index(status) + 1]:
        if step in TRANSITIONS[rumour.status]:
            services.change_status(rumour, step, actor=coordinator)
    if published:
        services.set_published(rumour, True, actor=coordinator)
    return rumour


def _argument(rumour, spec, coordinator) -> None:
    kind, fr, en, status, valid_days, sourced = spec
    valid_until = today() + timedelta(days=valid_days) if valid_days is not None else None
    argument = arguments.save_argument(
        None, rumour=rumour, actor=coordinator, kind=kind, text={"fr": fr, "en": en},
        source_publisher=SOURCE[coordinator.locale] if sourced else "",
        source_published_on=today() - timedelta(days=400) if sourced else None,
        source_area="Ville de démonstration" if sourced else "",
        valid_until=valid_until if (valid_until is None or valid_days > 0) else today())
    if status in ("validated", "expired"):
        arguments.validate_argument(argument, actor=coordinator)
    if status == "expired":
        argument.status, argument.valid_until = "expired", valid_until
    db.session.flush()


def _sightings(rumour, weight: int, districts: list[int], rng: random.Random,
               rising: bool = False) -> list[dict]:
    rows = []
    hot = rng.sample(districts, k=min(3, len(districts)))
    age = (today() - rumour.first_detected).days
    for _ in range(weight * 12):
        # A rising rumour is heard mostly in the last four weeks, so the dashboard shows one.
        recent = rising and rng.random() < 0.7
        seen_on = today() - timedelta(days=int(rng.triangular(0, 27, 3) if recent
                                               else rng.triangular(0, age, 30)))
        quoted = rng.random() < 0.3
        language, verbatim, hateful = rng.choice(VERBATIMS) if quoted else ("fr", "", False)
        district = rng.choice(hot if rng.random() < 0.6 else districts) if districts else None
        rows.append({
            "rumour_id": rumour.id, "seen_on": seen_on, "week_start": week_of(seen_on),
            "district_id": district, "sphere": rng.choice(rumour.spheres), "venue": "",
            "channel": rng.choice(list(CHANNELS)),
            "people_count": rng.randint(1, 6), "language": language, "verbatim": verbatim,
            "hateful": hateful, "reporter_id": None, "import_key": None,
        })
    return rows
