"""The demonstration catalogue, and the translation worklist fed by the rumours area."""

from __future__ import annotations

from sqlalchemy import func, select

from icc_network.core.services import translation_worklist
from icc_network.extensions import db
from icc_network.rumours.demo import SOURCE
from icc_network.rumours.models import (
    CounterArgument,
    HatefulAction,
    Rumour,
    Sighting,
    SightingWeek,
    Theme,
)

from . import factories


def test_demo_catalogue_is_bilingual_varied_and_attributes_its_figures(app):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    themes = db.session.scalars(select(Theme)).all()
    assert {t.name["en"] for t in themes} >= {"Jobs", "Social benefits", "Housing", "Health",
                                              "Security", "Living together"}
    rumours = db.session.scalars(select(Rumour)).all()
    # Except the reports typed in French by an agent (marked hateful) and a partner, both
    # waiting for triage.
    assert [r.wording_withheld for r in rumours].count(True) == 1
    assert all(r.wording.get("fr") and r.wording.get("en") for r in rumours
               if r.detection != "sighting")
    assert [r.status for r in rumours if r.detection == "sighting"] == ["reported"] * 2
    assert {r.status for r in rumours} >= {"reported", "triaged", "validated", "monitored"}
    arguments = db.session.scalars(select(CounterArgument)).all()
    assert {a.kind for a in arguments} == {"statistic", "emotional", "testimony", "question"}
    assert {a.status for a in arguments} == {"draft", "validated", "expired"}
    for statistic in (a for a in arguments if a.kind == "statistic"):
        assert statistic.source_publisher in SOURCE.values()
    districts = db.session.scalar(select(func.count(func.distinct(Sighting.district_id))))
    months = {d.strftime("%Y-%m") for d in db.session.scalars(select(Sighting.seen_on))}
    assert districts >= 6 and len(months) >= 6
    assert db.session.scalar(select(func.count()).select_from(SightingWeek)) > 0
    outcomes = set(db.session.scalars(select(HatefulAction.outcome)))
    assert outcomes == {"referred", "removed"}
    assert db.session.scalar(select(Sighting).where(Sighting.verbatim_erased_on.is_not(None)))


def test_rumours_and_arguments_missing_a_language_are_on_the_worklist():
    rumour = factories.rumour("Seulement en français", None)
    factories.argument(rumour, fr="Un fait", en=None)
    factories.argument(rumour, fr="Périmé", en=None, status="expired")
    factories.rumour("Archivée", None, status="archived")
    entries = translation_worklist("en", None, 1, 50).page.items
    found = {(e.field.key, e.field.title(e.record, "fr")) for e in entries}
    assert ("rumours.rumour.wording", "Seulement en français") in found
    assert ("rumours.argument.text", "Un fait") in found
    assert not any(title in ("Périmé", "Archivée") for _key, title in found)
