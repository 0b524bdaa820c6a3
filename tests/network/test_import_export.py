"""Import from spreadsheets (broken rows named, all or nothing, idempotent) and graph exports."""

from __future__ import annotations

import csv
import io
import re

import networkx as nx
from openpyxl import Workbook
from sqlalchemy import func, select

from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.network.models import Organisation, OrganisationRole, Tie
from icc_network.scheduler import run_job

from .. import factories as core_factories
from ..support import login
from . import factories

ORGANISATIONS_CSV = (
    "Label,Type,District,Roles,Member since,Description\n"
    "Café des langues,Association,centre,venue; multiplier,2024-03-01,Rencontres\n"
    "Radio Quartiers,média,Le Port,,01/02/2025,\n"
    "Bibliothèque Nord,library,,Lieu d’accueil,,\n"
)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _upload(client, data: bytes, name: str = "kumu.csv"):
    return client.post_form("/network/import", {"file": (io.BytesIO(data), name)},
                            content_type="multipart/form-data")


PENDING = re.compile(r'name="pending_id" type="hidden" value="(\d+)"')


def _staged(page: str) -> bool:
    return PENDING.search(page) is not None


def _confirm(client, page: str):
    match = PENDING.search(page)
    assert match, "the upload was not staged"
    return client.post_form("/network/import/confirm",
                            {"pending_id": match.group(1), "action": "import"})


def _import(client, data: bytes, name: str = "kumu.csv"):
    return _confirm(client, _upload(client, data, name).get_data(as_text=True))


def _districts():
    core_factories.district("centre", "Centre", "Centre")
    core_factories.district("port", "Le Port", "The Harbour")


def test_organisations_import_is_idempotent(client):
    _districts()
    login(client, core_factories.user("coordinator"))
    page = _upload(client, ORGANISATIONS_CSV.encode()).get_data(as_text=True)
    assert "3 rows to add" in page and _count(Organisation) == 0  # nothing before confirmation
    response = _confirm(client, page)
    assert response.status_code == 302 and _count(Organisation) == 3
    cafe = db.session.scalar(select(Organisation).where(Organisation.name == "Café des langues"))
    assert cafe.sector == "association" and cafe.description == {"fr": "Rencontres"}
    roles = set(db.session.scalars(select(OrganisationRole.role)
                                   .where(OrganisationRole.organisation_id == cafe.id)))
    assert roles == {"venue", "multiplier"}
    radio = db.session.scalar(select(Organisation).where(Organisation.name == "Radio Quartiers"))
    assert radio.sector == "media" and radio.member_since.isoformat() == "2025-02-01"
    again = _upload(client, ORGANISATIONS_CSV.encode()).get_data(as_text=True)
    assert "0 rows to add" in again and "3 rows already in the network" in again
    assert not _staged(again)  # nothing new: nothing to confirm
    assert _count(Organisation) == 3


def test_broken_organisation_rows_are_each_named_and_nothing_is_imported(client):
    _districts()
    login(client, core_factories.user("coordinator", locale="fr"))
    data = ("Label,Type,District,Roles,Member since\n"
            "Bon,association,centre,,\n"
            ",association,centre,,\n"
            "Mauvais secteur,cirque,centre,,\n"
            "Mauvais quartier,association,atlantide,,\n"
            "Mauvais rôle,association,,empereur,\n"
            "Mauvaise date,association,,,hier\n"
            "bon,association,,,\n").encode()
    response = _upload(client, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for expected in ("Le nom de l’organisation manque.", "Secteur inconnu «\u00a0cirque\u00a0».",
                     "Quartier inconnu «\u00a0atlantide\u00a0».", "Rôle inconnu «\u00a0empereur\u00a0».",
                     "«\u00a0hier\u00a0» n’est pas une date", "Même organisation qu’à la ligne 2."):
        assert expected in page, expected
    for line in range(3, 9):
        assert f"<td>{line}</td>" in page
    assert not _staged(page)  # a file with errors is never kept for confirmation
    assert _count(Organisation) == 0


def test_ties_import_from_a_kumu_workbook(client):
    a, b, c = (factories.organisation(n) for n in ("Alpha", "Beta", "Gamma"))
    factories.tie(a, b)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["From", "To", "Type", "Strength", "Since"])
    sheet.append(["Alpha", "Beta", "collaborates", 2, None])  # already there
    sheet.append(["beta", "GAMMA", "Funds", 3, "2025-04-01"])
    sheet.append(["Gamma", "Alpha", "co-organises with", None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    login(client, core_factories.user("coordinator"))
    page = _upload(client, buffer.getvalue(), "kumu.xlsx").get_data(as_text=True)
    assert "2 rows to add" in page and "1 row already in the network" in page
    _confirm(client, page)
    ties = db.session.scalars(select(Tie).order_by(Tie.id)).all()
    assert [(t.kind, t.origin, t.weight) for t in ties] == [
        ("collaborates", "manual", 1.0), ("funds", "import", 3.0), ("co_organises", "import", 1.0)]
    assert (ties[1].from_organisation_id, ties[1].to_organisation_id) == (b.id, c.id)


def test_broken_tie_rows_are_named(client):
    factories.organisation("Alpha"), factories.organisation("Beta")
    data = (b"From,To,Type,Weight\n"
            b"Alpha,Alpha,collaborates,1\n"
            b"Alpha,Nobody,collaborates,1\n"
            b"Alpha,Beta,loves,1\n"
            b"Alpha,Beta,collaborates,-2\n"
            b"Alpha,Beta,collaborates,1\n"
            b"Beta,Alpha,collaborates,1\n")
    login(client, core_factories.user("coordinator"))
    page = _upload(client, data).get_data(as_text=True)
    for expected in ("A tie joins two different organisations.", "Unknown organisation “Nobody”",
                     "Unknown kind of tie “loves”.", "The weight must be above 0",
                     "Same tie as line 6."):
        assert expected in page, expected
    assert not _staged(page)
    assert _count(Tie) == 0


def test_unreadable_or_unknown_files_get_a_message(client):
    login(client, core_factories.user("coordinator"))
    for data, name in ((b"", "x.csv"), (b"PK\x03\x04junk", "x.xlsx"), (b"Colour,Size\nred,3\n", "x.csv")):
        response = _upload(client, data, name)
        assert response.status_code == 200 and "invalid-feedback" in response.get_data(as_text=True)
    response = client.post_form("/network/import", {})
    assert "Choose a file." in response.get_data(as_text=True)


def test_another_users_upload_cannot_be_confirmed(client, make_client):
    _districts()
    owner = make_client()
    login(owner, core_factories.user("coordinator"))
    page = _upload(owner, ORGANISATIONS_CSV.encode()).get_data(as_text=True)
    login(client, core_factories.user("coordinator"))
    response = _confirm(client, page)
    assert response.status_code == 302 and _count(Organisation) == 0


def _computed_network(app):
    port = core_factories.district("port", "Le Port", "The Harbour")
    a = factories.organisation("Café « Babel »", district=port, roles=["venue", "multiplier"])
    b = factories.organisation("=Radio", sector="media")
    c = factories.organisation("Bibliothèque", sector="library")
    factories.tie(a, b, weight=2)
    factories.tie(a, b, "funds")
    factories.tie(b, c)
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "network.recompute_nightly"))
    return a, b, c


def test_gexf_and_graphml_exports_read_back_with_attributes_and_metrics(app, client):
    a, b, c = _computed_network(app)
    login(client, core_factories.user("staff"))
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        response = client.get(f"/network/export.{fmt}")
        assert response.status_code == 200
        graph = reader(io.BytesIO(response.get_data()))
        assert graph.number_of_nodes() == 3
        node = graph.nodes[str(a.id)]
        assert node["label"] == "Café « Babel »" and node["sector"] == "association"
        assert node["district"] == "port" and node["roles"] == "multiplier;venue"
        assert node["degree"] == 1 and float(graph.nodes[str(b.id)]["betweenness"]) == 1.0
        # One edge per tie: "funds" has a direction, the collaborations go both ways.
        kinds = sorted((u, v, d["kind"], float(d["weight"])) for u, v, d in graph.edges(data=True))
        ab = sorted([str(a.id), str(b.id)])
        assert (str(a.id), str(b.id), "funds", 1.0) in kinds
        assert (str(b.id), str(a.id), "funds", 1.0) not in kinds
        assert (ab[0], ab[1], "collaborates", 2.0) in kinds
        assert (ab[1], ab[0], "collaborates", 2.0) in kinds


def test_csv_node_and_edge_exports(app, client):
    a, b, c = _computed_network(app)
    login(client, core_factories.user("coordinator"))
    nodes = list(csv.DictReader(io.StringIO(
        client.get("/network/export/nodes.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert {row["Label"] for row in nodes} == {"Café « Babel »", "'=Radio", "Bibliothèque"}
    assert next(r for r in nodes if r["Id"] == str(b.id))["degree"] == "2"
    edges = list(csv.DictReader(io.StringIO(
        client.get("/network/export/edges.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert len(edges) == 3 and sorted(e["Kind"] for e in edges) == [
        "collaborates", "collaborates", "funds"]


def test_organisation_list_exports_and_contacts_export_only_consented(client):
    org = factories.organisation("=cmd", roles=["venue"])
    factories.contact(org, "Awa", consent=True)
    factories.contact(org, "Bruno", consent=False, email="b@example.org")
    login(client, core_factories.user("coordinator"))
    body = client.get("/network/organisations.csv").get_data(as_text=True)
    assert "'=cmd" in body and "venue" in body
    assert client.get("/network/organisations.xlsx").status_code == 200
    contacts = client.get("/network/contacts.csv").get_data(as_text=True)
    assert "Awa" in contacts and "Bruno" not in contacts
