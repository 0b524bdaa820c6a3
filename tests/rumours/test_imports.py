"""Bulk import of sightings: every row checked, nothing half-imported, nothing twice."""

from __future__ import annotations

import io
from datetime import timedelta

from flask_babel import force_locale
from openpyxl import Workbook
from sqlalchemy import func, select

from icc_network.core.clock import today
from icc_network.core.imports import read_table
from icc_network.extensions import db
from icc_network.rumours.models import Sighting
from icc_network.rumours.services.sighting_import import (
    check_table,
    import_rows,
    preview_import,
)

from .. import factories as core
from . import factories


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Sighting))


def _preview(text: str, user_id: int, name: str = "survey.csv"):
    with force_locale("en"):
        return preview_import(read_table(name, text.encode("utf-8")), user_id)


def test_a_clean_file_is_imported_once(app):
    coordinator = core.user("coordinator")
    core.district("centre", "Centre historique", "Historic centre")
    rumour = factories.rumour("Ils prennent nos emplois", "They take our jobs")
    text = ("rumour,date,district,sphere,channel,people,language,verbatim,hateful\n"
            f"{rumour.id},2026-01-05,centre,market,overheard,3,fr,,no\n"
            "they take our jobs,06/01/2026,Historic centre,Marché et commerces,Conversation,1,French,"
            "écrit à jean@mail.example,oui\n")
    preview = _preview(text, coordinator.id)
    assert preview.clean and len(preview.rows) == 2
    assert preview.rows[1]["sphere"] == "market" and preview.rows[1]["hateful"] is True
    assert preview.rows[1]["verbatim"] == "écrit à […]"
    assert import_rows(preview) == 2
    again = _preview(text, coordinator.id)
    assert again.rows == [] and again.already_present == 2
    assert import_rows(again) == 0 and _count() == 2
    db.session.refresh(rumour)
    assert rumour.sighting_count == 2


def test_french_headers_and_kobo_answer_ids(app):
    coordinator = core.user("coordinator")
    rumour = factories.rumour()
    text = ("_uuid;Rumeur;Date;Quartier;Nombre de personnes;Langue\n"
            f"a1;{rumour.id};2026-02-01T10:00:00.000+01:00;;2;Anglais\n"
            f"a2;{rumour.id};2026-02-02;;1;\n")
    preview = _preview(text, coordinator.id)
    assert preview.clean, preview.errors
    assert [r["import_key"] for r in preview.rows] == ["uuid:a1", "uuid:a2"]
    assert preview.rows[0]["language"] == "en" and preview.rows[1]["language"] == "other"
    import_rows(preview)
    grown = text + f"a3;{rumour.id};2026-02-03;;1;fr\n"
    assert len(_preview(grown, coordinator.id).rows) == 1


def test_broken_rows_are_named_and_unknown_answers_wait_for_the_mapping(app):
    coordinator = core.user("coordinator")
    rumour = factories.rumour("Les migrants apportent des maladies", None)
    future = (today() + timedelta(days=3)).isoformat()
    text = ("rumour,date,district,sphere,people,hateful\n"
            f"{rumour.id},2026-01-05,,market,2,no\n"
            f"les migrants aportent des maladie,2026-01-05,,market,2,no\n"
            f"{rumour.id},{future},nowhere,moon,0,maybe\n"
            f",31-31-2026,,,,\n")
    with force_locale("en"):
        checked = check_table(read_table("survey.csv", text.encode()), coordinator.id)
    preview = checked.preview
    assert not preview.clean and checked.step_pending and not checked.importable
    by_line = {}
    with force_locale("en"):
        for error in preview.errors:
            by_line.setdefault(error.line, []).append(str(error.column))
    assert sorted(by_line[4]) == ["date", "people"]
    assert sorted(by_line[5]) == ["date", "rumour"]
    # a misspelt wording, an unknown district, sphere or flag are asked in the mapping step,
    # the closest rumour offered
    answers = {(a.field, a.value): a.chosen for a in checked.details.answers.values()}
    assert answers == {("rumour", "les migrants aportent des maladie"): str(rumour.id),
                       ("district", "nowhere"): "", ("sphere", "moon"): "other",
                       ("hateful", "maybe"): ""}
    assert [r["rumour_id"] for r in preview.rows] == [rumour.id]
    assert _count() == 0


def test_missing_required_columns_are_reported(app):
    preview = _preview("district,people\ncentre,2\n", core.user("coordinator").id)
    with force_locale("en"):
        assert not preview.clean and "rumour" in str(preview.errors[0].message)


def test_xlsx_exports_are_read(app):
    coordinator = core.user("coordinator")
    rumour = factories.rumour()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Rumour", "Date", "People"])
    sheet.append([rumour.id, today(), 4])
    out = io.BytesIO()
    workbook.save(out)
    preview = preview_import(read_table("kobo.xlsx", out.getvalue()), coordinator.id)
    assert preview.clean and preview.rows[0]["people_count"] == 4
