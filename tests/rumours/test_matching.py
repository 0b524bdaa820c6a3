"""Matching a report with the rumours the city knows, across French and English."""

from __future__ import annotations

from icc_network.extensions import db
from icc_network.rumours.services import matching
from icc_network.rumours.services.catalogue import bump_match_version
from icc_network.rumours.services.matching import normalise

from .. import factories as core
from ..support import count_queries, login
from . import factories

MOSQUES_FR = "La ville finance les lieux de culte musulmans avec l’argent public"


def test_an_english_report_finds_a_french_only_rumour_through_its_key_phrases():
    mosques = factories.rumour(MOSQUES_FR, None)
    factories.rumour("Les étrangers ont tous les logements sociaux", None)
    factories.key_phrase(mosques, "en", "mosques, taxes")
    factories.key_phrase(mosques, "fr", "mosquées, impôts")
    found = matching.suggest("The town hall pays for mosques with our taxes")
    assert found[0].rumour_id == mosques.id and found[0].score == 100


def test_an_english_report_finds_a_french_only_rumour_through_the_glossary():
    mosques = factories.rumour("La mairie paie les mosquées avec nos impôts", None)
    factories.rumour("Les réfugiés passent avant tout le monde pour les logements", None)
    found = matching.suggest("The town hall pays for mosques with our taxes")
    assert [s.rumour_id for s in found] == [mosques.id]


def test_a_french_report_finds_an_english_only_rumour():
    jobs = factories.rumour("à traduire", None)
    jobs.wording = {"en": "Refugees take our jobs"}
    db.session.flush()
    bump_match_version()
    assert matching.suggest("Les réfugiés prennent nos emplois")[0].rumour_id == jobs.id


def test_punctuation_case_and_accents_do_not_matter():
    assert normalise("MOSQUÉES… impôts !!!") == normalise("mosquees impots") == "mosque tax"
    rumour = factories.rumour("Les réfugiés ont des aides que nous n’avons pas", None)
    assert matching.suggest("REFUGIES, AIDES ?!")[0].rumour_id == rumour.id


def test_a_misspelt_word_still_matches_the_word_as_typed():
    rumour = factories.rumour("Les immigrés prennent le travail des gens d’ici", None)
    assert matching.suggest("immigres prenent le travai des gen")[0].rumour_id == rumour.id


def test_a_rumour_waiting_for_triage_is_offered_and_marked():
    reported = factories.rumour("La mairie paie les mosquées avec nos impôts", None,
                                status="reported")
    found = matching.suggest("the city hall pays for mosques with taxes")
    assert found[0].rumour_id == reported.id and found[0].untriaged


def test_at_equal_score_the_known_rumour_comes_before_the_untriaged_one():
    reported = factories.rumour("Les migrants volent les emplois", None, status="reported")
    known = factories.rumour("Les migrants volent les emplois", None, status="validated")
    found = matching.suggest("migrants steal jobs")
    assert [s.rumour_id for s in found] == [known.id, reported.id]
    assert [s.untriaged for s in found] == [False, True]


def test_archived_and_merged_rumours_are_not_offered():
    factories.rumour("Les migrants volent les emplois", None, status="archived")
    known = factories.rumour("Les migrants prennent les emplois", None)
    factories.rumour("Les migrants volent les emplois", None, status="reported",
                     merged_into_id=known.id)
    assert [s.rumour_id for s in matching.suggest("migrants steal jobs")] == [known.id]


def test_a_new_key_phrase_reaches_the_suggestions_at_once():
    rumour = factories.rumour("Ils ont tout gratuitement", None)
    assert all(s.rumour_id != rumour.id for s in matching.suggest("bus passes"))
    factories.key_phrase(rumour, "en", "free bus passes")
    assert matching.suggest("bus passes")[0].rumour_id == rumour.id


def test_the_suggestion_endpoint_marks_untriaged_rumours_in_a_single_query(client, app):
    reported = factories.rumour("La mairie paie les mosquées avec nos impôts", None,
                                status="reported")
    for n in range(20):
        factories.rumour(f"Rumeur {n} sur les logements", f"Rumour {n} about housing")
    login(client, core.user("partner", locale="en"))
    url = "/sightings/suggest.json?q=town+hall+mosques+taxes"
    client.get(url)  # builds this process's copy
    with count_queries(app) as queries:
        body = client.get(url).get_json()
    assert body["suggestions"][0]["id"] == reported.id
    assert body["suggestions"][0]["untriaged"] is True
    assert queries.count <= 4


def test_the_form_offers_the_untriaged_rumour_marked_and_a_partner_may_pick_it(client):
    reported = factories.rumour("La mairie paie les mosquées avec nos impôts", None,
                                status="reported")
    login(client, core.user("partner", locale="en"))
    data = factories.sighting_form(heard="The town hall pays for mosques with our taxes",
                                   language="en")
    page = client.post_form("/sightings/new", data).get_data(as_text=True)
    assert f'value="{reported.id}"' in page and "reported, not yet examined" in page
    done = client.post_form("/sightings/new", {**data, "rumour": str(reported.id)})
    assert done.status_code == 302
    db.session.refresh(reported)
    assert reported.sighting_count == 1


def test_an_untriaged_rumour_not_offered_for_what_was_typed_cannot_be_picked(client):
    reported = factories.rumour("La mairie paie les mosquées avec nos impôts", None,
                                status="reported")
    login(client, core.user("partner", locale="en"))
    data = factories.sighting_form(heard="They get free flats", rumour=str(reported.id))
    page = client.post_form("/sightings/new", data).get_data(as_text=True)
    assert "La mairie paie les mosquées" not in page
    db.session.refresh(reported)
    assert reported.sighting_count == 0
