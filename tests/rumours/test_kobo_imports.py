"""KoboToolbox exports as they really come: XML values and labels, groups, Kobo's own
columns, and the mapping step remembered for the form's next export."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from icc_network.core.imports import find_header, form_key, read_table
from icc_network.extensions import db
from icc_network.rumours.models import Sighting, SightingImportMapping
from icc_network.rumours.services.import_mapping import save_step
from icc_network.rumours.services.sighting_import import LABELS, check_file, import_rows

from .. import factories as core
from . import factories

DATA = Path(__file__).parent / "data"


def _file(name: str) -> tuple[str, bytes]:
    return name, (DATA / name).read_bytes()


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Sighting))


@pytest.fixture
def city():
    coordinator = core.user("coordinator")
    centre = core.district("centre", "Centre-ville", "City centre")
    gare = core.district("gare", "Quartier de la Gare", "Station district")
    jobs = factories.rumour("Ils prennent nos emplois", "They take our jobs")
    housing = factories.rumour("Ils ont tous les logements sociaux", "They get all social housing")
    return coordinator, centre, gare, jobs, housing


def _choose(step, columns=None, answers=None) -> dict[str, str]:
    """The mapping form as posted: the offered choices, some of them changed."""
    chosen = {c.input_name: c.field for c in step.columns}
    chosen.update({a.input_name: a.chosen for a in step.answers.values()})
    for column in step.columns:
        if column.header in (columns or {}):
            chosen[column.input_name] = columns[column.header]
    for answer in step.answers.values():
        if (answer.field, answer.value) in (answers or {}):
            chosen[answer.input_name] = answers[(answer.field, answer.value)]
    return chosen


def test_kobo_meta_columns_are_skipped_and_the_form_is_known_by_its_uuid(city):
    table = read_table(*_file("kobo_xml_values.csv"))
    assert form_key(table) == "formhub:c2b5e1a07d3f4c6e9a18b0d4e7f21c35"
    assert form_key(read_table(*_file("kobo_labels.csv"))) == "version:vQ9mZ4t7Hs2KpLd5NcXa8e"
    plain = read_table("s.csv", b"rumour,date\n1,2026-01-02\n")
    assert form_key(plain).startswith("headers:")
    assert form_key(plain) == form_key(read_table("t.csv", b"date,rumour,_id\n2026-01-02,1,9\n"))
    # a group's question is found by its name; Kobo's own "formhub/uuid" is never a question
    assert find_header(table.headers, ("rumeur",)) == "signalement_rumeur"
    assert find_header(["formhub_uuid"], ("uuid",)) is None
    step = check_file(*_file("kobo_xml_values.csv"), city[0].id).details
    listed = [c.header for c in step.columns]
    assert "meta_instanceid" in listed  # Kobo's answer id keys each row
    assert not {"start", "end", "today", "id", "submission_time", "index", "version",
                "formhub_uuid", "status"} & set(listed)


def test_an_xml_values_export_is_mapped_once_then_imports_as_it_comes(city):
    coordinator, centre, gare, jobs, housing = city
    name, data = _file("kobo_xml_values.csv")
    checked = check_file(name, data, coordinator.id)
    step = checked.details
    assert checked.step_pending and not checked.importable and checked.revisable
    unknown = {c.header for c in step.columns if not c.field}
    assert unknown == {"signalement_lieu_type", "signalement_remarque"}
    answers = {(a.field, a.value): a for a in step.answers.values()}
    assert set(answers) == {("rumour", "emplois"), ("rumour", "logements"),
                            ("channel", "entendu"), ("channel", "publication"),
                            ("language", "ar")}
    assert answers[("language", "ar")].chosen == "other"  # a language the app does not know
    assert answers[("rumour", "emplois")].chosen == str(jobs.id)  # the closest rumour
    save_step(step, _choose(step, columns={"signalement_lieu_type": "sphere"},
                            answers={("rumour", "logements"): str(housing.id),
                                     ("channel", "entendu"): "overheard",
                                     ("channel", "publication"): "social_media"}),
              coordinator.id, LABELS)
    # the column now read, its own answers are asked: a guess for each
    step = check_file(name, data, coordinator.id).details
    spheres = {a.value: a.chosen for a in step.answers.values() if a.field == "sphere"}
    # ("reseaux_sociaux" is the app's own "Réseaux sociaux": known already)
    assert spheres == {"marche": "market", "transport_public": "transport"}
    save_step(step, _choose(step), coordinator.id, LABELS)
    checked = check_file(name, data, coordinator.id)
    assert checked.importable, checked.preview.errors
    rows = sorted(checked.preview.rows, key=lambda r: r["import_key"])
    assert {r["rumour_id"] for r in rows} == {jobs.id, housing.id}
    by_key = {r["import_key"].rsplit(":", 1)[1]: r for r in rows}
    second = by_key["0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d"]
    assert (second["sphere"], second["channel"], second["language"], second["district_id"],
            second["people_count"], second["venue"]) == (
        "transport", "overheard", "other", gare.id, 5, "")
    assert by_key["5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b"]["hateful"] is True
    assert import_rows(checked.preview) == 3
    # the same export again: remembered, nothing asked, nothing added
    again = check_file(name, data, coordinator.id)
    assert not again.step_pending and again.preview.already_present == 3
    assert again.preview.rows == [] and _count() == 3
    # the form's next export (one more answer) imports without a mapping step
    lines = data.decode().splitlines()
    extra = lines[1].replace("6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b",
                             "7a7a7a7a-4a5e-4f60-8a7b-9c0d1e2f3a4b")
    grown = check_file(name, "\n".join([*lines, extra]).encode(), coordinator.id)
    assert grown.importable and len(grown.preview.rows) == 1
    assert import_rows(grown.preview) == 1 and _count() == 4


def test_a_labels_export_is_read_and_its_mapping_can_be_changed_later(city):
    coordinator, centre, gare, jobs, housing = city
    name, data = _file("kobo_labels.csv")
    checked = check_file(name, data, coordinator.id)
    step = checked.details
    assert checked.step_pending
    columns = {c.header: c.field for c in step.columns}
    assert columns["signalement_rumeur"] == "rumour"
    assert columns["signalement_type_de_lieu"] == "sphere"
    assert columns["signalement_contenu_haineux"] == "hateful"
    assert columns["signalement_propos_entendus"] == ""
    answers = {(a.field, a.value): a.chosen for a in step.answers.values()}
    # the app's own labels ("Transports publics", "Entendue par hasard") need nothing
    assert answers == {("sphere", "Marché"): "market", ("language", "Arabe"): "other"}
    save_step(step, _choose(step, columns={"signalement_propos_entendus": "verbatim"}),
              coordinator.id, LABELS)
    checked = check_file(name, data, coordinator.id)
    assert checked.importable, checked.preview.errors
    first = checked.preview.rows[0]
    assert (first["rumour_id"], first["district_id"], first["sphere"], first["verbatim"]) == (
        jobs.id, centre.id, "market", "« Ils prennent tout le travail »")
    mapping = db.session.scalar(select(SightingImportMapping))
    assert mapping.form_key == "version:vQ9mZ4t7Hs2KpLd5NcXa8e"
    assert mapping.columns == {"signalement_propos_entendus": "verbatim"}
    # on the next preview the remembered answers are offered again, and may change
    step = checked.details
    kept = {a.value: a for a in step.answers.values()}
    assert kept["Arabe"].remembered and kept["Arabe"].chosen == "other"
    save_step(step, _choose(step, answers={("sphere", "Marché"): "street"},
                            columns={"signalement_propos_entendus": ""}),
              coordinator.id, LABELS)
    checked = check_file(name, data, coordinator.id)
    assert checked.preview.rows[0]["sphere"] == "street"
    assert checked.preview.rows[0]["verbatim"] == ""
    assert import_rows(checked.preview) == 3
    assert check_file(name, data, coordinator.id).preview.already_present == 3


def test_two_columns_for_one_field_are_refused(city):
    from icc_network.core.rules import RuleViolation

    coordinator = city[0]
    step = check_file(*_file("kobo_xml_values.csv"), coordinator.id).details
    with pytest.raises(RuleViolation) as refused:
        save_step(step, _choose(step, columns={"signalement_lieu_type": "channel"}),
                  coordinator.id, LABELS)
    assert "signalement_canal" in str(refused.value.message)
    assert db.session.scalar(select(func.count()).select_from(SightingImportMapping)) == 0


def test_kobo_xlsx_exports_read_like_csv_and_cost_the_same_queries_however_long(app, city):
    import csv
    import io

    from openpyxl import Workbook

    from ..support import count_queries

    coordinator = city[0]
    name, data = _file("kobo_xml_values.csv")
    rows = list(csv.reader(io.StringIO(data.decode()), delimiter=";"))
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    from_csv = check_file(name, data, coordinator.id).details
    from_xlsx = check_file("kobo.xlsx", out.getvalue(), coordinator.id).details
    assert from_xlsx.form_key == from_csv.form_key
    assert from_xlsx.answers.keys() == from_csv.answers.keys()
    # forty more submissions: each with its own instance id and uuid
    longer = [rows[0], *([*r[:15], f"{r[15]}-{n}", r[16], f"{r[17]}-{n}", *r[18:]]
                         for n in range(40) for r in rows[1:])]
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows(longer)
    with count_queries(app) as short:
        check_file(name, data, coordinator.id)
    with count_queries(app) as long:
        step = check_file(name, text.getvalue().encode(), coordinator.id).details
    assert step.answers[("rumour", "emplois")].count == 80 and not step.unlisted
    assert long.count == short.count  # no query per row


def test_a_form_without_a_date_question_may_take_kobos_own_date(city):
    coordinator, jobs = city[0], city[3]
    data = ("today;groupe/rumeur;_uuid;_submission_time\n"
            f"2026-02-03;{jobs.id};a1;2026-02-03T10:00:00\n").encode()
    checked = check_file("kobo.csv", data, coordinator.id)
    step = checked.details
    assert checked.step_pending and step.missing == ["seen_on"] and not checked.importable
    assert {"today", "submission_time", "uuid"} <= {c.header for c in step.columns}
    save_step(step, _choose(step, columns={"today": "seen_on"}), coordinator.id, LABELS)
    checked = check_file("kobo.csv", data, coordinator.id)
    assert checked.importable and str(checked.preview.rows[0]["seen_on"]) == "2026-02-03"
    # mapped, Kobo's other columns are no longer offered
    assert {c.header for c in checked.details.columns} == {"today", "groupe_rumeur", "uuid"}
