"""Merging a duplicate rumour into the one it repeats: the rules, then the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from icc_network.core.clock import today
from icc_network.core.models import AuditLog
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db
from icc_network.rumours.models import (
    CounterArgument,
    Rumour,
    RumourStatusChange,
    RumourTrend,
    Sighting,
    SightingWeek,
)
from icc_network.rumours.services import stats
from icc_network.rumours.services.catalogue import allowed_transitions
from icc_network.rumours.services.merging import (
    absorbing_rumour,
    merge_candidates,
    merge_rumour,
)

from .. import factories as core_factories
from ..support import login
from . import factories


@pytest.fixture()
def pair():
    known = factories.rumour("Les migrants prennent nos emplois", en=None, status="validated",
                             risk="minor", published=True)
    factories.argument(known)
    group = factories.target_group("Travailleurs étrangers", "Foreign workers")
    duplicate = factories.rumour("Les immigrés volent le travail des gens d'ici",
                                 en="Immigrants steal local people's jobs", status="reported",
                                 risk="major", first_detected=today() - timedelta(days=200),
                                 alert_deadline=today() - timedelta(days=193),
                                 target_groups=[group])
    duplicate.spheres = ["market", "social_media"]
    factories.argument(duplicate, kind="testimony", status="draft")
    for days in (3, 10, 40):
        factories.sighting(duplicate, seen_on=today() - timedelta(days=days))
    factories.sighting(known, seen_on=today() - timedelta(days=20))
    stats.rebuild_aggregates()
    db.session.flush()
    return known, duplicate


def _weeks(rumour_id: int) -> int:
    return sum(db.session.scalars(select(SightingWeek.sightings)
                                  .where(SightingWeek.rumour_id == rumour_id)))


def test_merging_moves_sightings_and_arguments_and_keeps_what_the_duplicate_knew(pair):
    known, duplicate = pair
    coordinator = core_factories.user("coordinator")
    into = merge_rumour(duplicate, known.id, actor=coordinator, note="Même rumeur")
    assert into is known
    assert db.session.scalar(select(Sighting.rumour_id).distinct()) == known.id
    assert {a.rumour_id for a in db.session.scalars(select(CounterArgument))} == {known.id}
    assert known.sighting_count == 4 and known.last_sighted_on == today() - timedelta(days=3)
    assert duplicate.sighting_count == 0 and duplicate.last_sighted_on is None
    # what the known rumour gains
    assert known.wording == {"fr": "Les migrants prennent nos emplois",
                             "en": "Immigrants steal local people's jobs"}
    assert set(known.spheres) == {"street", "market", "social_media"}
    assert [g.name["en"] for g in known.target_groups] == ["Foreign workers"]
    assert known.first_detected == today() - timedelta(days=200)
    assert known.risk == "major" and known.status == "validated" and known.published
    # the duplicate, archived with a pointer and a history line
    assert duplicate.status == "archived" and duplicate.merged_into_id == known.id
    change = db.session.scalar(select(RumourStatusChange).where(
        RumourStatusChange.rumour_id == duplicate.id, RumourStatusChange.to_status == "archived"))
    assert change.note == "Même rumeur" and change.user_id == coordinator.id
    assert allowed_transitions(duplicate) == ()
    assert absorbing_rumour(duplicate) is known and absorbing_rumour(known) is None
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "rumour.merge"))
    assert audit.details == {"into": known.id, "sightings": 3, "arguments": 1}


def test_the_figures_of_both_rumours_follow_at_once(pair):
    known, duplicate = pair
    assert (_weeks(known.id), _weeks(duplicate.id)) == (1, 3)
    merge_rumour(duplicate, known.id, actor=core_factories.user("coordinator"))
    assert (_weeks(known.id), _weeks(duplicate.id)) == (4, 0)
    trend = db.session.get(RumourTrend, known.id)
    assert trend.last_4 == 3 and trend.last_13 == 4
    assert db.session.get(RumourTrend, duplicate.id) is None


@pytest.mark.parametrize("target, message", [
    (None, "Choose the rumour to merge into."),
    ("self", "A rumour cannot be merged into itself."),
    (999_999, "Choose one of the rumours offered."),
    ("reported", "Merge into a rumour that has been triaged and is not archived."),
    ("archived", "Merge into a rumour that has been triaged and is not archived."),
])
def test_bad_targets_are_refused_and_nothing_moves(pair, target, message):
    _known, duplicate = pair
    if target == "self":
        target = duplicate.id
    elif target in ("reported", "archived"):
        target = factories.rumour(status=target).id
    with pytest.raises(RuleViolation) as error:
        merge_rumour(duplicate, target, actor=core_factories.user("coordinator"))
    with force_locale("en"):
        assert str(error.value.message) == message and error.value.field == "into"
    assert duplicate.sighting_count == 3 and duplicate.merged_into_id is None


def test_a_merged_rumour_cannot_be_merged_again_and_chains_are_followed(pair):
    known, duplicate = pair
    coordinator = core_factories.user("coordinator")
    merge_rumour(duplicate, known.id, actor=coordinator)
    with pytest.raises(RuleViolation):
        merge_rumour(duplicate, known.id, actor=coordinator)
    original = factories.rumour("Ils prennent le travail", status="monitored")
    merge_rumour(known, original.id, actor=coordinator)
    assert absorbing_rumour(duplicate) is original
    assert original.sighting_count == 4


def test_candidates_are_known_rumours_that_look_alike(pair):
    known, duplicate = pair
    factories.rumour("Les réfugiés sont logés avant nous", status="catalogued")
    found = [r.id for r, _score in merge_candidates(duplicate, "migrants emplois")]
    assert found[0] == known.id and duplicate.id not in found
    assert [r.id for r, score in merge_candidates(duplicate, str(known.id))] == [known.id]
    assert merge_candidates(duplicate, str(duplicate.id)) == []


# --- pages --------------------------------------------------------------------

def test_a_coordinator_merges_from_the_rumours_page(client, pair):
    known, duplicate = pair
    login(client, core_factories.user("coordinator", locale="en"))
    detail = client.get(f"/rumours/{duplicate.id}").get_data(as_text=True)
    assert f"/rumours/{duplicate.id}/merge" in detail
    page = client.get(f"/rumours/{duplicate.id}/merge?q=migrants+emplois").get_data(as_text=True)
    assert f'value="{known.id}"' in page and "its 3 sightings move there;" in page
    assert "its 1 counter-argument moves there too;" in page
    response = client.post_form(f"/rumours/{duplicate.id}/merge",
                                {"into": str(known.id), "note": "Doublon", "q": "migrants emplois"})
    assert response.status_code == 302 and response.headers["Location"] == f"/rumours/{known.id}"
    db.session.expire_all()
    assert db.session.get(Rumour, duplicate.id).merged_into_id == known.id
    after = client.get(f"/rumours/{duplicate.id}").get_data(as_text=True)
    assert "This rumour was merged into another one" in after
    assert f"/rumours/{duplicate.id}/merge" not in after
    assert client.get(f"/rumours/{duplicate.id}/merge").status_code == 302


def test_a_refused_merge_keeps_what_was_typed(client, pair):
    _known, duplicate = pair
    login(client, core_factories.user("coordinator", locale="en"))
    page = client.post_form(f"/rumours/{duplicate.id}/merge",
                            {"note": "Vu au marché", "q": "emplois"}).get_data(as_text=True)
    assert "Choose the rumour to merge into." in page and 'value="Vu au marché"' in page
    assert 'value="emplois"' in page
    page = client.post_form(f"/rumours/{duplicate.id}/merge",
                            {"into": str(duplicate.id), "note": "x"}).get_data(as_text=True)
    assert "A rumour cannot be merged into itself." in page
    db.session.expire_all()
    assert db.session.get(Rumour, duplicate.id).merged_into_id is None


def test_the_merge_page_speaks_french(client, pair):
    _known, duplicate = pair
    login(client, core_factories.user("coordinator", locale="fr"))
    page = client.get(f"/rumours/{duplicate.id}/merge").get_data(as_text=True)
    assert "Fusionner un doublon" in page


def test_public_links_to_a_merged_rumour_lead_to_the_one_that_absorbed_it(client, pair):
    known, duplicate = pair
    factories.argument(duplicate)
    duplicate.status, duplicate.published_at = "validated", known.published_at
    merge_rumour(duplicate, known.id, actor=core_factories.user("coordinator"))
    db.session.commit()
    response = client.get(f"/catalogue/{duplicate.id}")
    assert response.status_code == 301 and response.headers["Location"] == f"/catalogue/{known.id}"
    login(client, core_factories.user("partner"))
    response = client.get(f"/kit/{duplicate.id}?lang=en")
    assert response.status_code == 301
    assert response.headers["Location"] == f"/kit/{known.id}?lang=en"
