"""What the explorer opens on: communities drawn apart, few names, arrows on directed ties."""

from __future__ import annotations

import json
import math

import networkx as nx

from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.network import graph as g
from icc_network.network.layout import (
    ALL_NAMED_UP_TO,
    FORMAT,
    labelled_first,
    layout,
    separate,
    unpack,
)
from icc_network.network.services import analytics, explorer
from icc_network.scheduler import run_job

from .. import factories as core_factories
from . import factories


def test_separated_circles_never_overlap_and_stay_put_when_apart():
    centres = [(0.0, 0.0), (0.5, 0.0), (0.0, 0.0), (40.0, 40.0)]
    radii = [3.0, 2.0, 1.0, 1.0]
    moved = separate(centres, radii)
    for i in range(4):
        for j in range(i + 1, 4):
            assert math.dist(moved[i], moved[j]) >= radii[i] + radii[j]
    assert math.dist(moved[3], centres[3]) < 1.0  # far from the others: barely moved
    assert separate([(1.0, 2.0)], [5.0]) == [(1.0, 2.0)]


def test_communities_are_laid_out_apart():
    caves = nx.connected_caveman_graph(6, 8)
    groups = g.communities(caves)
    positions = layout(caves, groups)
    boxes = [(min(positions[n][0] for n in c), min(positions[n][1] for n in c),
              max(positions[n][0] for n in c), max(positions[n][1] for n in c)) for c in groups]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)


def test_a_small_network_is_named_whole_and_a_large_one_by_its_central_nodes():
    small = {n: 1.0 / (n + 1) for n in range(ALL_NAMED_UP_TO)}
    assert labelled_first(small, {}) == set(small)
    scores = {n: 1.0 / (n + 1) for n in range(200)}
    communities = {n: 1 + n % 25 for n in range(200)}
    named = labelled_first(scores, communities)
    assert set(range(10)) <= named  # the ten most central overall
    assert {communities[n] for n in named} >= set(range(1, 21))  # the twenty largest communities
    assert len(named) <= 30


def test_the_explorer_data_marks_directed_ties_and_the_named_nodes(app):
    a, b, c = (factories.organisation(name) for name in ("Alpha", "Beta", "Gamma"))
    factories.tie(a, b, weight=2)
    factories.tie(a, b, "co_organises")
    factories.tie(c, a, "funds", weight=3)
    factories.tie(a, c, "funds")
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "network.recompute_nightly"))
    nodes, edges = unpack(json.loads(analytics.explorer_json()))
    pair = (min(a.id, b.id), max(a.id, b.id), False)
    assert {(e["s"], e["t"], bool(e.get("d"))): e["w"] for e in edges} == {
        pair: 3, (c.id, a.id, True): 3, (a.id, c.id, True): 1}
    assert all(node["c"] for node in nodes)  # three organisations: all named
    # The kinds of tie come with an organisation's card, each way on its own.
    assert explorer.details(a.id)["ties"] == [
        {"id": b.id, "kinds": ["co_organises", "collaborates"], "direction": None},
        {"id": c.id, "kinds": ["funds"], "direction": "in"},
        {"id": c.id, "kinds": ["funds"], "direction": "out"}]
    assert explorer.details(0) is None


def test_the_first_view_is_in_columns_most_central_first_and_reads_back_whole(app):
    hub = factories.organisation("Hub", sector="library", roles=["venue", "trainer"],
                                 district=core_factories.district("port", "Le Port", "Harbour"))
    spokes = [factories.organisation(f"Spoke {n}", sector="sport") for n in range(4)]
    for spoke in spokes:
        factories.tie(hub, spoke)
    factories.tie(spokes[0], hub, "refers")
    factories.organisation("Alone")
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "network.recompute_nightly"))
    payload = json.loads(analytics.explorer_json())
    columns = payload["nodes"]
    assert payload["v"] == FORMAT and columns["label"][0] == "Hub"
    assert set(columns) == {"id", "label", "x", "y", "sector", "district", "roles", "community",
                            "degree", "named", "new"}
    assert payload["edges"]["directed_from"] == 4 and payload["edges"]["w"] == [1, 1, 1, 1, 1]
    assert payload["edges"]["s"][:4] == [hub.id, 0, 0, 0]  # the hub's ties: the same source
    nodes, edges = unpack(payload)
    first = nodes[0]
    assert (first["label"], first["sector"], first["roles"], first["degree"]) == (
        "Hub", "library", ["venue", "trainer"], 4)  # roles in the vocabulary's order
    assert first["district"] == hub.district_id and first["community"] is not None
    assert nodes[-1]["label"] == "Alone" and nodes[-1]["community"] is None
    assert json.loads(analytics.explorer_json_text(nodes, edges, payload["computed_at"])) == payload


def test_data_stored_in_the_first_format_is_converted_when_read(app):
    a, b = factories.organisation("Alpha"), factories.organisation("Beta", roles=["venue"])
    factories.tie(a, b, "funds")
    db.session.commit()
    old = {"computed_at": "2026-01-01T00:00:00Z", "edges": [], "nodes": [
        {"id": node.id, "label": node.name, "sector": "association", "district": None,
         "roles": [], "community": 1, "degree": 1, "weighted_degree": 1.0, "betweenness": 0,
         "pagerank": rank, "core_number": 1, "broker": False, "x": x, "y": 5.0, "c": True}
        for node, rank, x in ((a, 0.2, 1.0), (b, 0.8, 2.0))]}
    state = analytics.state()
    state.explorer_json, state.explorer_etag = json.dumps(old), "stored-etag"
    state.computed_version = state.version
    db.session.commit()
    payload = json.loads(explorer.data())
    assert payload["v"] == FORMAT
    assert payload["nodes"]["label"] == ["Beta", "Alpha"]  # by PageRank, as before
    assert payload["nodes"]["x"] == [2.0, 1.0] and payload["nodes"]["new"] == []
    assert unpack(payload)[0][0]["roles"] == ["venue"]
    assert unpack(payload)[1] == [{"s": a.id, "t": b.id, "w": 1, "d": 1}]


def test_the_other_metrics_come_in_columns_and_a_newcomer_is_counted_on_its_card(app):
    a, b = factories.organisation("Alpha"), factories.organisation("Beta")
    factories.tie(a, b, weight=2)
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "network.recompute_nightly"))
    columns = explorer.metrics()
    assert columns["id"] == sorted([a.id, b.id]) and columns["degree"] == [1, 1]
    assert set(columns) == {"id", "degree", "weighted_degree", "betweenness", "pagerank",
                            "core_number"}
    newcomer = factories.organisation("Gamma")
    factories.tie(newcomer, a, weight=3)
    factories.tie(newcomer, a, "funds")
    db.session.commit()
    card = explorer.details(newcomer.id)
    assert card["metrics"] == {"degree": 1, "weighted_degree": 4.0, "betweenness": 0,
                               "pagerank": 0, "core_number": 0}
    assert (card["community"], card["broker"]) == (None, False)
