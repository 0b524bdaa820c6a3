"""Exchanging the network with Gephi and with another database: exports keep each tie's
direction, date, note and origin; Gephi's tables and the network's own export import back."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import networkx as nx
from sqlalchemy import delete, select

from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.network.models import Organisation, OrganisationMetrics, OrganisationRole, Tie
from icc_network.scheduler import run_job

from .. import factories as core_factories
from ..support import login
from . import factories
from .test_import_export import PENDING, _confirm, _staged, _upload

FIXTURES = Path(__file__).parent / "fixtures"


def _network(app):
    port = core_factories.district("port", "Le Port", "The Harbour")
    cafe = factories.organisation("Café des langues", district=port, roles=["venue", "multiplier"],
                                  member_since=date(2023, 5, 1),
                                  description={"fr": "Rencontres", "en": "Meetings"})
    radio = factories.organisation("=Radio", sector="media")
    fund = factories.organisation("Fondation Solidaire", sector="business",
                                  commitment_signed_on=date(2024, 2, 1))
    factories.tie(cafe, radio, weight=2, since=date(2024, 9, 1), note="Émission « mensuelle »",
                  origin="manual")
    factories.tie(fund, cafe, "funds", weight=3.5, since=date(2025, 1, 15), note="Subvention",
                  origin="import")
    factories.tie(radio, fund, "refers", origin="manual")
    db.session.add(Tie(from_organisation_id=min(cafe.id, radio.id),
                       to_organisation_id=max(cafe.id, radio.id), kind="collaborates",
                       weight=1.0, origin="derived", origin_key="campaign:7"))
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "network.recompute_nightly"))
    return cafe, radio, fund


def _ties_by_name() -> set[tuple]:
    names = dict(db.session.execute(select(Organisation.id, Organisation.name)).all())
    return {(names[t.from_organisation_id], names[t.to_organisation_id], t.kind, t.weight,
             t.since, t.note) for t in db.session.scalars(select(Tie))}


def _organisations() -> set[tuple]:
    roles = {}
    for oid, role in db.session.execute(select(OrganisationRole.organisation_id,
                                               OrganisationRole.role)):
        roles.setdefault(oid, set()).add(role)
    return {(o.name, o.sector, o.district_id, frozenset(roles.get(o.id, ())), o.member_since,
             o.commitment_signed_on, tuple(sorted(o.description.items())))
            for o in db.session.scalars(select(Organisation))}


def _empty_the_network():
    for model in (Tie, OrganisationRole, OrganisationMetrics, Organisation):
        db.session.execute(delete(model))
    db.session.commit()


def test_the_csv_exports_import_back_into_an_empty_network(app, client):
    _network(app)
    organisations, ties = _organisations(), _ties_by_name()
    login(client, core_factories.user("coordinator"))
    nodes_csv = client.get("/network/export/nodes.csv").get_data()
    edges_csv = client.get("/network/export/edges.csv").get_data()
    _empty_the_network()

    page = _upload(client, nodes_csv, "network-nodes.csv").get_data(as_text=True)
    assert "3 rows to add" in page
    _confirm(client, page)
    assert _organisations() == organisations  # "=Radio" comes back without its formula guard

    page = _upload(client, edges_csv, "network-edges.csv").get_data(as_text=True)
    assert "3 rows to add" in page and "1 tie derived from joint work repeats a tie" in page
    _confirm(client, page)
    assert _ties_by_name() == ties - {("Café des langues", "=Radio", "collaborates", 1.0, None, "")}
    funds = db.session.scalar(select(Tie).where(Tie.kind == "funds"))
    names = dict(db.session.execute(select(Organisation.id, Organisation.name)).all())
    assert (names[funds.from_organisation_id], names[funds.to_organisation_id]) == (
        "Fondation Solidaire", "Café des langues")  # the direction survived
    assert {t.origin for t in db.session.scalars(select(Tie))} == {"import"}

    # Both files again: everything is already there.
    for data, name in ((nodes_csv, "n.csv"), (edges_csv, "e.csv")):
        again = _upload(client, data, name).get_data(as_text=True)
        assert "0 rows to add" in again and not _staged(again)


def test_gephi_node_table_and_edge_list_import_with_direction_and_weight(client):
    login(client, core_factories.user("coordinator"))
    page = _upload(client, (FIXTURES / "gephi_nodes.csv").read_bytes(), "nodes.csv")
    assert "4 rows to add" in page.get_data(as_text=True)
    _confirm(client, page.get_data(as_text=True))
    assert {o.name for o in db.session.scalars(select(Organisation))} == {
        "Café des langues", "Radio Quartiers", "Fondation Solidaire", "Bibliothèque Nord"}

    page = _upload(client, (FIXTURES / "gephi_edges.csv").read_bytes(), "edges.csv")
    text = page.get_data(as_text=True)
    assert "4 rows to add" in text
    # Directed rows with no kind: imported as collaborations, and the preview says so.
    assert "2 rows say Directed but their kind of tie has no direction" in text
    assert 'id="import-sample"' in text and "Fondation Solidaire" in text
    _confirm(client, text)
    weights = {(t.kind, t.weight) for t in db.session.scalars(select(Tie))}
    assert weights == {("collaborates", 2.5), ("collaborates", 1.0), ("collaborates", 3.0)}


def test_a_gephi_edge_list_with_kinds_keeps_its_directions(client):
    a, b = factories.organisation("Alpha"), factories.organisation("Beta")
    data = (b"Source,Target,Type,Weight,Kind\n"
            b"Beta,Alpha,Directed,2,funds\n"
            b"Alpha,Beta,Undirected,1,refers\n"
            b"Beta,Alpha,Undirected,1,collaborates\n")
    login(client, core_factories.user("coordinator"))
    page = _upload(client, data, "edges.csv").get_data(as_text=True)
    assert "1 row says Undirected but its kind of tie always has a direction" in page
    _confirm(client, page)
    ties = {(t.from_organisation_id, t.to_organisation_id, t.kind, t.weight)
            for t in db.session.scalars(select(Tie))}
    assert ties == {(b.id, a.id, "funds", 2.0), (a.id, b.id, "refers", 1.0),
                    (min(a.id, b.id), max(a.id, b.id), "collaborates", 1.0)}


def test_unknown_nodes_and_types_are_named_in_french(client):
    factories.organisation("Alpha"), factories.organisation("Bêta")
    login(client, core_factories.user("coordinator", locale="fr"))
    data = (b"Source,Target,Type,Weight\n"
            b"Alpha,n42,Directed,1\n"
            b"Alpha,Alpha,Undirected,1\n")
    page = _upload(client, data, "edges.csv").get_data(as_text=True)
    # The new messages are translated with the next catalogue; the value is named either way.
    assert "n42" in page.split('id="import-errors"')[1]
    assert "Un lien relie deux organisations différentes." in page
    assert not _staged(page)
    bad_type = "Source,Target,Type,Kind\nAlpha,Bêta,sideways,amitié\n".encode()
    page = _upload(client, bad_type, "edges.csv").get_data(as_text=True)
    assert "sideways" in page and "Nature de lien inconnue «\u00a0amitié\u00a0»." in page
    assert not _staged(page)
    assert db.session.scalar(select(Tie.id)) is None


def test_gephi_ids_of_this_networks_export_are_read_as_its_organisations(client):
    a, b = factories.organisation("Alpha"), factories.organisation("Beta")
    login(client, core_factories.user("coordinator"))
    page = _upload(client, f"Source,Target\n{a.id},{b.id}\n".encode(), "edges.csv")
    text = page.get_data(as_text=True)
    assert "1 end was not a name" not in text and "2 ends were not names" in text
    assert PENDING.search(text) and "Alpha" in text and "Beta" in text
    _confirm(client, text)
    assert db.session.scalar(select(Tie.kind)) == "collaborates"


def test_gexf_and_graphml_keep_each_ties_direction_date_note_and_origin(app, client):
    cafe, radio, fund = _network(app)
    login(client, core_factories.user("staff"))
    c, r, f = str(cafe.id), str(radio.id), str(fund.id)
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        graph = reader(io.BytesIO(client.get(f"/network/export.{fmt}").get_data()))
        assert graph.is_directed(), fmt
        edges = {(a, b, d["kind"]): d for a, b, d in graph.edges(data=True)}
        # The directed ties go one way only; the others both ways.
        assert (f, c, "funds") in edges and (c, f, "funds") not in edges
        assert (r, f, "refers") in edges and (f, r, "refers") not in edges
        assert (c, r, "collaborates") in edges and (r, c, "collaborates") in edges
        funds = edges[f, c, "funds"]
        assert funds["directed"] is True and float(funds["weight"]) == 3.5
        assert funds["since"] == "2025-01-15" and funds["note"] == "Subvention"
        assert funds["origin"] == "import"
        origins = {(d["origin"], d["origin_detail"]) for d in edges.values()}
        assert ("derived", "campaign:7") in origins and ("manual", "") in origins
        assert edges[c, r, "collaborates"]["directed"] is False
        node = graph.nodes[c]
        assert node["label"] == "Café des langues" and node["roles"] == "multiplier;venue"
        assert node["member_since"] == "2023-05-01" and node["district"] == "port"


def test_an_undirected_network_exports_an_undirected_graph(app, client):
    a, b = factories.organisation("Alpha"), factories.organisation("Beta")
    factories.tie(a, b, since=date(2025, 3, 1), note="Café mensuel")
    login(client, core_factories.user("staff"))
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        graph = reader(io.BytesIO(client.get(f"/network/export.{fmt}").get_data()))
        assert not graph.is_directed() and graph.number_of_edges() == 1
        (_a, _b, data), = graph.edges(data=True)
        assert data["since"] == "2025-03-01" and data["note"] == "Café mensuel"


def test_the_edge_csv_speaks_gephi(app, client):
    cafe, radio, fund = _network(app)
    login(client, core_factories.user("coordinator"))
    rows = list(csv.DictReader(io.StringIO(
        client.get("/network/export/edges.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 4
    funds = next(row for row in rows if row["Kind"] == "funds")
    assert (funds["Source"], funds["Target"], funds["Type"]) == (str(fund.id), str(cafe.id),
                                                                 "Directed")
    assert funds["Since"] == "2025-01-15" and funds["Note"] == "Subvention"
    assert funds["Origin"] == "import" and funds["Target label"] == "Café des langues"
    assert {row["Type"] for row in rows} == {"Directed", "Undirected"}
    assert {row["Origin detail"] for row in rows} == {"", "campaign:7"}


def test_a_gephi_node_table_whose_ids_are_not_labels_is_told_so(client):
    data = b"Id,Label\nn0,Alpha\nn1,Beta\n2,Gamma\nDelta,delta\n"
    login(client, core_factories.user("coordinator"))
    page = _upload(client, data, "nodes.csv").get_data(as_text=True)
    assert "4 rows to add" in page
    assert "2 organisations have an Id that is not their label. The Id is not kept" in page
    _confirm(client, page)
    assert {o.name for o in db.session.scalars(select(Organisation))} == {
        "Alpha", "Beta", "Gamma", "delta"}
