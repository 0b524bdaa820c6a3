"""Sightings: the quick report, privacy of the speaker, matching known rumours."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from icc_network.core.clock import today
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db
from icc_network.rumours.models import Rumour, Sighting
from icc_network.rumours.services import catalogue, matching
from icc_network.rumours.services.sightings import SightingInput, record_sighting, scrub

from .. import factories as core
from . import factories


def _input(**overrides) -> SightingInput:
    values = dict(seen_on=today(), district_id=None, sphere="market", channel="overheard",
                  people_count=3, language="fr")
    values.update(overrides)
    return SightingInput(**values)


def test_a_sighting_of_a_known_rumour_updates_its_counters():
    partner = core.user("partner")
    rumour = factories.rumour()
    record_sighting(_input(seen_on=today() - timedelta(days=2)), reporter=partner,
                    rumour_id=rumour.id)
    record_sighting(_input(), reporter=partner, rumour_id=rumour.id)
    db.session.refresh(rumour)
    assert rumour.sighting_count == 2 and rumour.last_sighted_on == today()


def test_a_new_rumour_lands_as_reported_in_the_reporters_language():
    agent = core.user("agent", locale="en")
    sighting = record_sighting(_input(), reporter=agent, new_wording="They get free flats")
    rumour = db.session.get(Rumour, sighting.rumour_id)
    assert rumour.status == "reported" and rumour.wording == {"en": "They get free flats"}
    assert rumour.detection == "sighting" and rumour.sighting_count == 1


def test_nothing_is_kept_that_identifies_the_speaker():
    text = "Mme Durand (jdurand@mail.example, 06 12 34 56 78) disait qu’ils volent"
    assert scrub(text) == "Mme Durand ([…], […]) disait qu’ils volent"
    assert not hasattr(Sighting, "speaker")


@pytest.mark.parametrize("overrides, field", [
    ({"seen_on": today() + timedelta(days=1)}, "seen_on"),
    ({"people_count": 0}, "people_count"),
    ({"sphere": "mars"}, "sphere"),
    ({"district_id": 999999}, "district_id"),
])
def test_a_bad_report_is_refused_and_creates_no_rumour(overrides, field):
    with pytest.raises(RuleViolation) as refused:
        record_sighting(_input(**overrides), reporter=core.user("staff"), new_wording="Nouveau")
    assert refused.value.field == field
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Rumour)) == 0


def test_suggestions_match_french_and_english_wordings_fuzzily():
    jobs = factories.rumour("Les immigrés prennent le travail des gens d’ici",
                            "Immigrants take local people’s jobs")
    factories.rumour("Les réfugiés passent avant tout le monde pour les logements",
                     "Refugees jump the queue for housing")
    factories.rumour("Ils prennent le travail de tout le monde", status="reported")
    assert matching.suggest("immigres prenent le travai")[0].rumour_id == jobs.id
    assert matching.suggest("they take our jobs")[0].rumour_id == jobs.id
    assert matching.suggest("ab") == []
    assert all(s.rumour_id != jobs.id for s in matching.suggest("refugees housing queue")[:1])


def test_the_cache_follows_changes_made_by_any_server():
    rumour = factories.rumour("Les étrangers ont tous les logements sociaux", None)
    assert matching.suggest("logements sociaux")[0].rumour_id == rumour.id
    coordinator = core.user("coordinator")
    catalogue.change_status(rumour, "archived", actor=coordinator)
    assert matching.suggest("logements sociaux") == []
