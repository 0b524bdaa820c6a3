"""Importing a wave's responses: the validating preview with each problem by row, all or
nothing, and importing the same file again adds nothing."""

from __future__ import annotations

import io

from flask_babel import force_locale
from openpyxl import Workbook
from sqlalchemy import func, select

from icc_network.evaluation.models import Survey, SurveyAnswer, SurveyRespondent
from icc_network.evaluation.services.survey_import import check_file, import_rows
from icc_network.extensions import db

from .. import factories as core
from ..rumours import factories as rumour_factories
from . import factories


def _wave():
    core.district("N", fr="Nord-Est", en="North-East")
    first = rumour_factories.rumour("Ils prennent nos emplois", "They take our jobs")
    second = rumour_factories.rumour("Ils ne paient pas d'impôts", "They pay no taxes")
    survey = factories.survey(rumours=[first, second])
    return factories.wave(survey, "Avant")


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


GOOD = ("id;district;age;genre;q1;q2\n"
        "r1;nord-est;18-29;Femme;Tout à fait d'accord;Pas du tout d'accord\n"
        "r2;N;65 and over;man;plutôt pas d'accord;NSP\n"
        "r3;;;;Strongly agree;\n")


def test_a_clean_file_previews_then_imports_every_respondent_and_answer():
    wave = _wave()
    checked = check_file("wave.csv", _csv("\ufeff" + GOOD), wave)
    preview = checked.preview
    assert preview.clean and len(preview.rows) == 3
    first = preview.rows[0]
    assert first["age_band"] == "18_29" and first["gender"] == "woman"
    assert sorted(first["answers"].values()) == ["agree", "disagree"]
    assert preview.rows[1]["answers"] and "dont_know" in preview.rows[1]["answers"].values()
    assert len(preview.rows[2]["answers"]) == 1  # a blank cell is not an answer
    assert import_rows(wave, preview) == 3
    assert _count(SurveyRespondent) == 3 and _count(SurveyAnswer) == 5


def test_importing_the_same_file_again_adds_nothing():
    wave = _wave()
    import_rows(wave, check_file("wave.csv", _csv(GOOD), wave).preview)
    again = check_file("wave.csv", _csv(GOOD), wave).preview
    assert again.clean and again.rows == [] and again.already_present == 3
    assert import_rows(wave, again) == 0
    assert _count(SurveyRespondent) == 3


def test_each_problem_is_listed_by_its_line_and_nothing_is_imported():
    wave = _wave()
    data = ("respondent,district,q1,q2\n"
            "a,Nord-Est,agree,peut-être\n"
            "b,Atlantis,disagree,agree\n"
            "a,,agree,agree\n"
            ",,agree,\n")
    with force_locale("en"):
        preview = check_file("wave.csv", _csv(data), wave).preview
    assert not preview.clean
    problems = {(e.line, str(e.column)) for e in preview.errors}
    assert (2, "q2") in problems  # unknown answer
    assert (3, "district") in problems  # unknown district
    assert (4, "respondent") in problems  # duplicated respondent
    assert (5, "respondent") in problems  # no identifier
    assert "ligne 2" in " ".join(str(e.message) for e in preview.errors if e.line == 4)
    assert _count(SurveyRespondent) == 0


def test_a_file_without_an_identifier_or_statement_column_says_so():
    wave = _wave()
    preview = check_file("wave.csv", _csv("name;age\nAnne;30\n"), wave).preview
    messages = " ".join(str(e.message) for e in preview.errors)
    assert not preview.clean and "q1" in messages


def test_a_kobo_export_with_groups_and_choice_names_is_understood():
    wave = _wave()
    book = Workbook()
    sheet = book.active
    sheet.append(["_id", "_uuid", "profil/district", "opinions/q1", "opinions/q2"])
    sheet.append([101, "u-1", "North-East", "tout_a_fait_d_accord", "ne_sait_pas"])
    sheet.append([102, "u-2", "", "pas_d_accord", "plutot_d_accord"])
    buffer = io.BytesIO()
    book.save(buffer)
    preview = check_file("kobo.xlsx", buffer.getvalue(), wave).preview
    assert preview.clean, preview.errors
    assert [row["reference"] for row in preview.rows] == ["101", "102"]
    assert sorted(preview.rows[1]["answers"].values()) == ["agree", "disagree"]


def test_a_wave_with_totals_for_a_statement_refuses_respondents_for_it():
    wave = _wave()
    statement = factories.first_statement(db.session.get(Survey, wave.survey_id))
    factories.wave_total(wave, statement, agree=10, disagree=10)
    preview = check_file("wave.csv", _csv(GOOD), wave).preview
    assert not preview.clean
    assert "q1" in " ".join(str(e.message) for e in preview.errors)
