"""The survey form for KoboToolbox: its answers are the app's codes, so its exports import
without a mapping step; the import page walks through the mapping step otherwise."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from icc_network.extensions import db
from icc_network.rumours.models import Sighting, SightingImportMapping
from icc_network.rumours.services.sighting_import import check_file
from icc_network.rumours.vocab import CHANNELS, SIGHTING_LANGUAGES, SPHERES

from .. import factories as core
from ..support import login
from . import factories

DATA = Path(__file__).parent / "data"
KOBO_META = ["__version__", "formhub/uuid", "meta/instanceID", "_id", "_uuid",
             "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
             "_tags", "_index"]


def _count(model=Sighting) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _download(client) -> dict:
    response = client.get("/sightings/import/xlsform.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('icc_sightings.xlsx"')
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["survey", "choices", "settings"]
    sheets = {name: [list(r) for r in book[name].iter_rows(values_only=True)]
              for name in book.sheetnames}
    return sheets


def _rows(sheet: list[list]) -> list[dict]:
    return [dict(zip(sheet[0], row, strict=False)) for row in sheet[1:]]


def _export(survey: list[dict], answers: list[dict[str, str]], label: str | None) -> bytes:
    """A Kobo export of the form: XML names (label None) or one language's labels, the
    questions inside their group, Kobo's own columns around them."""
    group = next(q for q in survey if q["type"] == "begin_group")
    questions = [q for q in survey if q["name"] in answers[0]]

    def header(q):
        if label is None:
            return f"{group['name']}/{q['name']}"
        return f"{group[label]}/{q[label]}"

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL)
    writer.writerow(["start", "end", *(header(q) for q in questions), *KOBO_META])
    for n, row in enumerate(answers, start=1):
        uuid = f"00000000-0000-4000-8000-{n:012d}"
        writer.writerow(["2026-05-04T10:00:00.000+02:00", "2026-05-04T10:03:00.000+02:00",
                         *(row[q["name"]] for q in questions),
                         "vAbC123", "f0e1d2c3b4a5", f"uuid:{uuid}", str(500 + n), uuid,
                         "2026-05-04T08:03:10", "", "", "submitted_via_web", "", "", str(n)])
    return out.getvalue().encode()


def test_the_xlsform_round_trip_imports_without_mapping(client):
    coordinator = core.user("coordinator", locale="en")
    north = core.district("nord", "Quartier Nord", "North district")
    known = factories.rumour("Ils prennent nos emplois", "They take our jobs")
    factories.rumour("Une rumeur pas encore examinée", None, status="reported")
    login(client, coordinator)
    sheets = _download(client)
    survey, choices = _rows(sheets["survey"]), _rows(sheets["choices"])
    assert {"label::Français (fr)", "label::English (en)"} <= set(sheets["survey"][0])
    assert _rows(sheets["settings"])[0]["form_id"] == "icc_sightings"
    names = {}
    for choice in choices:
        names.setdefault(choice["list_name"], []).append(choice["name"])
    assert names["rumours"] == [str(known.id)]  # only rumours a reporter may pick
    assert names["districts"] == ["nord"]
    assert names["spheres"] == list(SPHERES) and names["channels"] == list(CHANNELS)
    assert names["languages"] == list(SIGHTING_LANGUAGES)
    labels = {c["name"]: c for c in choices if c["list_name"] == "rumours"}
    assert labels[str(known.id)]["label::English (en)"] == "They take our jobs"
    answers = [
        {"rumour": str(known.id), "seen_on": "2026-05-03", "district": "nord",
         "sphere": "transport", "venue": "Tram 2", "channel": "overheard",
         "people_count": "4", "language": "other", "verbatim": "", "hateful": "no"},
        {"rumour": str(known.id), "seen_on": "2026-05-04", "district": "",
         "sphere": "social_media", "venue": "", "channel": "social_media",
         "people_count": "30", "language": "fr", "verbatim": "Partagé 30 fois",
         "hateful": "yes"},
    ]
    checked = check_file("kobo.csv", _export(survey, answers, None), coordinator.id)
    assert checked.importable and not checked.details.answers, checked.preview.errors
    assert [(r["district_id"], r["sphere"], r["hateful"]) for r in checked.preview.rows] == [
        (north.id, "transport", False), (None, "social_media", True)]
    # the labels export of the same form, in English: the form's own wordings
    by_name = {(c["list_name"], c["name"]): c["label::English (en)"] for c in choices}
    lists = {q["name"]: q["type"].split()[-1] for q in survey if q["type"].startswith("select")}
    labelled = [{k: (by_name.get((lists[k], v), v) if k in lists else v) for k, v in row.items()}
                for row in answers]
    assert labelled[0]["sphere"] == "Public transport"
    checked = check_file("kobo-labels.csv", _export(survey, labelled, "label::English (en)"),
                         coordinator.id)
    assert checked.importable and not checked.details.answers, checked.preview.errors
    # through the page: no mapping step, straight to the confirmation
    page = client.post_form("/sightings/import", {
        "file": (io.BytesIO(_export(survey, answers, None)), "kobo.csv")},
        content_type="multipart/form-data").get_data(as_text=True)
    assert "2 new sightings are ready" in page and "Import these sightings" in page
    pending = page.split('name="pending_id" type="hidden" value="')[1].split('"')[0]
    client.post_form("/sightings/import/confirm", {"pending_id": pending, "action": "import"})
    assert _count() == 2


def test_the_page_asks_for_the_mapping_then_remembers_it(client):
    coordinator = core.user("coordinator", locale="en")
    core.district("centre", "Centre-ville", "City centre")
    core.district("gare", "Quartier de la Gare", "Station district")
    factories.rumour("Ils prennent nos emplois", "They take our jobs")
    factories.rumour("Ils ont tous les logements sociaux", "They get all social housing")
    login(client, coordinator)
    data = (DATA / "kobo_labels.csv").read_bytes()
    assert "Download the survey form" in client.get("/sightings/import").get_data(as_text=True)
    page = client.post_form("/sightings/import", {"file": (io.BytesIO(data), "kobo.csv")},
                            content_type="multipart/form-data").get_data(as_text=True)
    assert "Tell what this form" in page and "Import these sightings" not in page
    assert "Arabe" in page and "signalement_propos_entendus" in page
    step = check_file("kobo.csv", data, coordinator.id).details
    pending = page.split('name="pending_id" type="hidden" value="')[1].split('"')[0]
    chosen = {c.input_name: c.field for c in step.columns}
    chosen.update({a.input_name: a.chosen for a in step.answers.values()})
    page = client.post_form("/sightings/import/mapping", {"pending_id": pending, **chosen})
    text = page.get_data(as_text=True)
    assert "The mapping of this form has been saved" in text
    assert "3 new sightings are ready" in text and "Import these sightings" in text
    assert _count(SightingImportMapping) == 1
    client.post_form("/sightings/import/confirm", {"pending_id": pending, "action": "import"})
    assert _count() == 3
    again = client.post_form("/sightings/import", {"file": (io.BytesIO(data), "kobo.csv")},
                             content_type="multipart/form-data").get_data(as_text=True)
    assert "Tell what this form" not in again
    assert "0 new sightings" in again and "Import these sightings" not in again
    # the form's next export: imported as it comes, its remembered mapping open to change
    lines = data.decode().splitlines()
    grown = "\n".join([*lines, lines[1].replace("9b8a7c6d", "9b8a7c6e")]).encode()
    page = client.post_form("/sightings/import", {"file": (io.BytesIO(grown), "kobo.csv")},
                            content_type="multipart/form-data").get_data(as_text=True)
    assert "Tell what this form" not in page and "Mapping remembered for this form" in page
    assert "1 new sightings are ready" in page and "Import these sightings" in page
    stale = client.post_form("/sightings/import/mapping", {"pending_id": "999999"},
                             follow_redirects=True).get_data(as_text=True)
    assert "no longer available" in stale
