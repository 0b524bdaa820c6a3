"""Survey pages through the client, CSRF on: the form, waves, the import's preview and
confirmation, totals, the results in French, and who may see respondent-level pages."""

from __future__ import annotations

import io
import re

from sqlalchemy import func, select

from icc_network.core.models import AuditLog
from icc_network.evaluation.models import (
    Survey,
    SurveyRespondent,
    SurveyTally,
    SurveyWave,
    SurveyWaveTotal,
)
from icc_network.extensions import db

from .. import factories as core
from ..campaigns import factories as campaign_factories
from ..rumours import factories as rumour_factories
from ..support import login
from . import factories


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _coordinator(client, locale="en"):
    user = core.user("coordinator", locale=locale)
    login(client, user)
    return user


def _survey_with_wave():
    rumour = rumour_factories.rumour("Ils prennent nos emplois", "They take our jobs")
    survey = factories.survey(rumours=[rumour])
    wave = factories.wave(survey, "Avant")
    return survey, wave


def _upload(client, wave_id, text, name="wave.csv"):
    return client.post_form(f"/evaluation/waves/{wave_id}/import", {
        "file": (io.BytesIO(text.encode("utf-8")), name)}, content_type="multipart/form-data")


def test_a_coordinator_creates_a_survey_whose_statement_is_the_rumours_wording(client):
    _coordinator(client)
    rumour = rumour_factories.rumour("Ils prennent nos emplois", "They take our jobs")
    campaign = campaign_factories.campaign("Campagne")
    page = client.get(f"/evaluation/surveys/new?campaign_id={campaign.id}").get_data(
        as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post_form("/evaluation/surveys/new", {
        "title-fr": "Baromètre", "title-en": "Barometer", "rumour_ids": [str(rumour.id)],
        "campaign_id": str(campaign.id), "submission_key": key})
    assert response.status_code == 302
    survey = db.session.scalar(select(Survey))
    assert survey.campaign_id == campaign.id
    page = client.get(response.location).get_data(as_text=True)
    assert "They take our jobs" in page and "q1" in page


def test_a_survey_without_rumour_is_refused_with_what_was_typed_kept(client):
    _coordinator(client)
    page = client.get("/evaluation/surveys/new").get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post_form("/evaluation/surveys/new", {
        "title-fr": "Baromètre", "submission_key": key})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Choose at least one rumour" in page and "Baromètre" in page
    assert _count(Survey) == 0


def test_a_wave_ending_before_it_starts_is_refused(client):
    _coordinator(client)
    survey, _wave = _survey_with_wave()
    response = client.post_form(f"/evaluation/surveys/{survey.id}/waves/new", {
        "name": "Après", "kind": "follow_up", "starts_on": "2026-05-10",
        "ends_on": "2026-05-01"})
    assert response.status_code == 200
    assert "on or after its first day" in response.get_data(as_text=True)
    assert _count(SurveyWave) == 1


def test_the_import_previews_errors_by_line_and_imports_nothing(client):
    _coordinator(client)
    _survey, wave = _survey_with_wave()
    response = _upload(client, wave.id, "id,district,q1\n1,Atlantis,maybe\n1,,agree\n")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="import-errors"' in page
    assert "Atlantis" in page and "maybe" in page and "appears already on line 2" in page
    assert "NaN" not in page and 'name="action" value="import"' not in page
    assert _count(SurveyRespondent) == 0


def test_a_clean_import_is_confirmed_once_and_again_adds_nothing(client):
    _coordinator(client)
    _survey, wave = _survey_with_wave()
    text = "id;q1\n" + "".join(f"r{i};{'agree' if i % 3 else 'disagree'}\n" for i in range(30))
    page = _upload(client, wave.id, text).get_data(as_text=True)
    pending = re.search(r'name="pending_id" type="hidden" value="(\d+)"', page).group(1)
    response = client.post_form(f"/evaluation/waves/{wave.id}/import/confirm",
                                {"pending_id": pending, "action": "import"})
    assert response.status_code == 302 and _count(SurveyRespondent) == 30
    page = _upload(client, wave.id, text).get_data(as_text=True)
    assert "0 new respondents" in page and "30 were imported before" in page
    assert _count(SurveyRespondent) == 30


def test_a_waves_answers_are_removed_after_a_confirmation_and_the_wave_stays(client):
    _coordinator(client)
    survey, wave = _survey_with_wave()
    statement = factories.first_statement(survey)
    factories.respondents(wave, statement, agree=12, disagree=8)
    page = client.get(f"/evaluation/waves/{wave.id}/clear").get_data(as_text=True)
    assert "20 respondents" in page and _count(SurveyRespondent) == 20
    response = client.post_form(f"/evaluation/waves/{wave.id}/clear", {})
    assert response.status_code == 302
    assert _count(SurveyRespondent) == 0 and _count(SurveyTally) == 0
    assert db.session.get(SurveyWave, wave.id) is not None
    assert db.session.scalar(select(AuditLog.action).where(
        AuditLog.action == "survey.wave_cleared")) is not None


def test_a_waves_answers_stay_without_the_confirmation_token(client):
    _coordinator(client)
    survey, wave = _survey_with_wave()
    factories.respondents(wave, factories.first_statement(survey), agree=3)
    response = client.post(f"/evaluation/waves/{wave.id}/clear", data={})
    assert response.status_code in (302, 400) and _count(SurveyRespondent) == 3


def test_totals_refuse_negative_counts_and_keep_what_was_typed(client):
    _coordinator(client)
    survey, wave = _survey_with_wave()
    statement = factories.first_statement(survey)
    response = client.post_form(f"/evaluation/waves/{wave.id}/totals", {
        "totals-0-statement_id": str(statement.id), "totals-0-agree": "-4",
        "totals-0-disagree": "12", "source": "Institut"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "cannot be negative" in page and "Institut" in page
    assert _count(SurveyWaveTotal) == 0
    response = client.post_form(f"/evaluation/waves/{wave.id}/totals", {
        "totals-0-statement_id": str(statement.id), "totals-0-agree": "40",
        "totals-0-disagree": "60", "source": "Institut"})
    assert response.status_code == 302 and _count(SurveyWaveTotal) == 1


def test_totals_are_refused_for_a_statement_the_waves_respondents_answered(client):
    _coordinator(client)
    survey, wave = _survey_with_wave()
    statement = factories.first_statement(survey)
    factories.respondents(wave, statement, agree=3)
    response = client.post_form(f"/evaluation/waves/{wave.id}/totals", {
        "totals-0-statement_id": str(statement.id), "totals-0-agree": "40"})
    assert "cannot also get totals" in response.get_data(as_text=True)
    assert _count(SurveyWaveTotal) == 0


def test_results_show_the_change_and_its_interval_in_french(client):
    _coordinator(client, locale="fr")
    survey, before = _survey_with_wave()
    statement = factories.first_statement(survey)
    after = factories.wave(survey, "Après", kind="follow_up")
    factories.wave_total(before, statement, agree=48, disagree=32)
    factories.wave_total(after, statement, agree=56, disagree=14)
    page = client.get(f"/evaluation/surveys/{survey.id}/results").get_data(as_text=True)
    assert 'id="change-' in page and "20" in page and "33" in page
    assert 'data-chart-for="shares-' in page and "NaN" not in page and "None" not in page


def test_results_page_costs_the_same_queries_however_many_respondents(client, query_counter):
    _coordinator(client)
    survey, before = _survey_with_wave()
    statement = factories.first_statement(survey)
    after = factories.wave(survey, "Après", kind="follow_up")
    district = core.district(fr="Nord")
    factories.respondents(before, statement, agree=5, disagree=5, district=district)
    factories.respondents(after, statement, agree=3, disagree=8, age_band="18_29")
    url = f"/evaluation/surveys/{survey.id}/results"
    with query_counter() as few:
        assert client.get(url).status_code == 200
    factories.respondents(after, statement, agree=40, disagree=30, gender="woman")
    with query_counter() as many:
        assert client.get(url).status_code == 200
    assert many.count == few.count


def test_small_groups_are_hidden_on_the_results_page(client):
    _coordinator(client)
    survey, wave = _survey_with_wave()
    statement = factories.first_statement(survey)
    north, south = core.district(fr="Nord"), core.district(fr="Sud")
    factories.respondents(wave, statement, agree=30, disagree=10, district=north)
    factories.respondents(wave, statement, agree=2, disagree=7, district=south)
    page = client.get(f"/evaluation/surveys/{survey.id}/results").get_data(as_text=True)
    assert page.count('class="suppressed"') >= 2


def test_staff_read_results_but_never_the_respondent_level_import(client):
    survey, wave = _survey_with_wave()
    login(client, core.user("staff"))
    assert client.get(f"/evaluation/surveys/{survey.id}/results").status_code == 200
    assert client.get(f"/evaluation/waves/{wave.id}/import").status_code in (302, 403)
    page = client.get(f"/evaluation/surveys/{survey.id}").get_data(as_text=True)
    assert "Import responses" not in page


def test_the_campaign_summary_shows_its_surveys_before_and_after(client):
    _coordinator(client)
    rumour = rumour_factories.rumour("Ils prennent nos emplois", "They take our jobs")
    campaign = campaign_factories.campaign("Campagne", rumours=[rumour])
    survey = factories.survey(rumours=[rumour], campaign=campaign)
    statement = factories.first_statement(survey)
    factories.wave_total(factories.wave(survey, "Avant"), statement, agree=48, disagree=32)
    factories.wave_total(factories.wave(survey, "Après"), statement, agree=56, disagree=14)
    page = client.get(f"/campaigns/{campaign.id}/summary").get_data(as_text=True)
    assert "Perception surveys" in page and "rose by 20 points" in page


def test_the_campaign_summary_offers_to_create_a_survey_when_none_measures_it(client):
    _coordinator(client)
    campaign = campaign_factories.campaign("Campagne")
    page = client.get(f"/campaigns/{campaign.id}/summary").get_data(as_text=True)
    assert "No perception survey measures this campaign yet" in page
    assert f"/evaluation/surveys/new?campaign_id={campaign.id}" in page


def test_editing_a_survey_changes_its_statement_text_and_code(client):
    _coordinator(client)
    survey, _wave = _survey_with_wave()
    statement = factories.first_statement(survey)
    page = client.get(f"/evaluation/surveys/{survey.id}/edit").get_data(as_text=True)
    assert 'name="statements-0-text-fr"' in page and "Affirmation" in page
    response = client.post_form(f"/evaluation/surveys/{survey.id}/edit", {
        "title-fr": "Baromètre", "rumour_ids": [str(statement.rumour_id)],
        "statements-0-rumour_id": str(statement.rumour_id), "statements-0-code": "Q_EMPLOI",
        "statements-0-text-fr": "Les migrants prennent nos emplois",
        "statements-0-text-en": "Migrants take our jobs"})
    assert response.status_code == 302
    db.session.expire_all()
    statement = factories.first_statement(survey)
    assert statement.code == "q_emploi"
    assert statement.text == {"fr": "Les migrants prennent nos emplois",
                              "en": "Migrants take our jobs"}


def test_results_of_a_survey_without_waves_show_a_clear_empty_state(client):
    _coordinator(client)
    rumour = rumour_factories.rumour("Ils prennent nos emplois", "They take our jobs")
    survey = factories.survey(rumours=[rumour])
    page = client.get(f"/evaluation/surveys/{survey.id}/results").get_data(as_text=True)
    assert "No results yet" in page and "NaN" not in page


def test_the_survey_list_is_paginated_and_counts_waves_in_one_query(client, query_counter):
    _coordinator(client)
    for n in range(3):
        factories.wave(factories.survey(f"Enquête {n}"))
    with query_counter() as few:
        page = client.get("/evaluation/surveys").get_data(as_text=True)
    assert 'id="survey-list"' in page and page.count("/results\"") == 3
    for n in range(30):
        factories.wave(factories.survey(f"Autre {n}"))
    with query_counter() as many:
        page = client.get("/evaluation/surveys?page=2").get_data(as_text=True)
    assert many.count == few.count
    assert "Previous" in page and page.count("/results\"") == 8  # 33 surveys, 25 a page
