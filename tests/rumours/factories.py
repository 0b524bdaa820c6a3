"""Factories of the rumours area (the style is described in tests/factories.py)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from icc_network.core.clock import today, utcnow
from icc_network.core.text import fold
from icc_network.extensions import db
from icc_network.rumours.models import (
    CounterArgument,
    HatefulAction,
    Rumour,
    RumourKeyPhrase,
    Sighting,
    TargetGroup,
    Theme,
)
from icc_network.rumours.services.aggregates import week_of, weeks_changed
from icc_network.rumours.services.catalogue import bump_match_version

_sequence = itertools.count(1)


def sighting_form(**overrides) -> dict:
    """What the sighting form sends, filled in; ``overrides`` change or add fields."""
    data = {"heard": "ils prennent le travail", "seen_on": today().isoformat(), "district_id": "",
            "sphere": "market", "venue": "", "channel": "overheard", "people_count": "2",
            "language": "fr", "verbatim": ""}
    data.update(overrides)
    return data


def theme(fr: str | None = None, en: str | None = None, **kwargs) -> Theme:
    n = next(_sequence)
    row = Theme(name={"fr": fr or f"Thème {n}", "en": en or f"Theme {n}"}, position=n, **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


def target_group(fr: str | None = None, en: str | None = None, **kwargs) -> TargetGroup:
    n = next(_sequence)
    row = TargetGroup(name={"fr": fr or f"Groupe {n}", "en": en or f"Group {n}"}, position=n,
                      **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


def rumour(fr: str | None = None, en: str | None = "", *, status: str = "catalogued",
           published: bool = False, risk: str = "moderate", theme_id: int | None = None,
           first_detected: date | None = None, alert_deadline: date | None = None,
           **kwargs) -> Rumour:
    n = next(_sequence)
    wording = {"fr": fr or f"Rumeur numéro {n}"}
    if en is not None:
        wording["en"] = en or f"Rumour number {n}"
    first = first_detected or today() - timedelta(days=10)
    # Past triage a rumour has its verdict; a fresh report is not assessed yet.
    kwargs.setdefault("verdict", "not_assessed" if status == "reported" else "false")
    row = Rumour(wording=wording, status=status, risk=risk, theme_id=theme_id,
                 first_detected=first, alert_deadline=alert_deadline or first + timedelta(days=30),
                 published_at=utcnow() if published else None, spheres=["street"], **kwargs)
    db.session.add(row)
    db.session.flush()
    bump_match_version()
    return row


def argument(of: Rumour, *, kind: str = "statistic", status: str = "validated",
             fr: str | None = None, en: str | None = "", valid_until: date | None = None,
             **kwargs) -> CounterArgument:
    n = next(_sequence)
    text = {"fr": fr or f"Un fait vérifié numéro {n}"}
    if en is not None:
        text["en"] = en or f"A checked fact number {n}"
    if kind == "statistic":
        kwargs.setdefault("source_publisher", "Observatoire de démonstration")
        valid_until = valid_until or today() + timedelta(days=100)
    row = CounterArgument(rumour_id=of.id, kind=kind, text=text, status=status,
                          valid_until=valid_until, **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


def sighting(of: Rumour, *, seen_on: date | None = None, district_id: int | None = None,
             hateful: bool = False, verbatim: str = "", **kwargs) -> Sighting:
    seen_on = seen_on or today()
    row = Sighting(rumour_id=of.id, seen_on=seen_on, week_start=week_of(seen_on),
                   district_id=district_id, sphere="street", channel="conversation",
                   people_count=kwargs.pop("people_count", 1), language="fr", verbatim=verbatim,
                   hateful=hateful, **kwargs)
    db.session.add(row)
    of.sighting_count += 1
    of.last_sighted_on = max(of.last_sighted_on or seen_on, seen_on)
    db.session.flush()
    weeks_changed([row.week_start])  # as every way of reporting one does
    return row


def key_phrase(rumour: Rumour, locale: str, phrase: str) -> RumourKeyPhrase:
    row = RumourKeyPhrase(rumour_id=rumour.id, locale=locale, phrase=phrase, folded=fold(phrase))
    db.session.add(row)
    db.session.flush()
    bump_match_version()
    return row


def hateful_action(of: Sighting, *, outcome: str = "referred", **kwargs) -> HatefulAction:
    if outcome == "referred":
        kwargs.setdefault("referred_on", today())
        kwargs.setdefault("reference", f"PH-{next(_sequence)}")
    row = HatefulAction(sighting_id=of.id, outcome=outcome, at=utcnow(), **kwargs)
    of.hateful_handled_at = row.at
    db.session.add(row)
    db.session.flush()
    return row
