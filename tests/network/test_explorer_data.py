"""What the explorer opens on: communities drawn apart, few names, arrows on directed ties."""

from __future__ import annotations

import json
import math

import networkx as nx

from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.network import graph as g
from icc_network.network.layout import ALL_NAMED_UP_TO, labelled_first, layout, separate
from icc_network.network.services import analytics
from icc_network.scheduler import run_job

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
    payload = json.loads(analytics.explorer_json())
    edges = {(e["s"], e["t"], bool(e.get("d"))): (e["w"], e["k"]) for e in payload["edges"]}
    pair = (min(a.id, b.id), max(a.id, b.id), False)
    assert edges == {pair: (3.0, ["co_organises", "collaborates"]),
                     (c.id, a.id, True): (3.0, ["funds"]), (a.id, c.id, True): (1.0, ["funds"])}
    assert all(node["c"] for node in payload["nodes"])  # three organisations: all named
