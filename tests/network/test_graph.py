"""Network analytics on small graphs whose answers can be checked by hand."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import networkx as nx
import pytest

from icc_network.network import graph as g
from icc_network.network.layout import CANVAS, layout


def star(leaves: int = 5) -> nx.Graph:
    return g.build([(n, {}) for n in range(leaves + 1)],
                   [(0, leaf, 1.0, "collaborates") for leaf in range(1, leaves + 1)])


def barbell() -> nx.Graph:
    """Two cliques of five (0-4 and 6-10) joined through node 5."""
    graph = nx.barbell_graph(5, 1)
    nx.set_edge_attributes(graph, 1.0, "weight")
    return graph


def two_cliques() -> nx.Graph:
    graph = nx.Graph()
    graph.add_edges_from(nx.complete_graph(range(0, 6)).edges, weight=1.0)
    graph.add_edges_from(nx.complete_graph(range(6, 12)).edges, weight=1.0)
    graph.add_edge(5, 6, weight=1.0)
    return graph


def test_the_centre_of_a_star_has_every_tie_and_every_shortest_path():
    analysis = g.compute(star(5))
    centre = analysis.metrics[0]
    assert centre.degree == 5 and centre.weighted_degree == 5.0
    assert centre.betweenness == pytest.approx(1.0)
    assert all(analysis.metrics[leaf].betweenness == 0 for leaf in range(1, 6))
    assert centre.pagerank == max(m.pagerank for m in analysis.metrics.values())
    # Five unconnected contacts: constraint 5 x (1/5)^2 = 0.2, a broker.
    assert centre.burt_constraint == pytest.approx(0.2)
    assert centre.broker and not any(analysis.metrics[leaf].broker for leaf in range(1, 6))


def test_weighted_degree_sums_the_ties_and_parallel_ties_merge():
    graph = g.build([(1, {}), (2, {}), (3, {})],
                    [(1, 2, 2.0, "collaborates"), (2, 1, 3.0, "funds"), (2, 3, 1.0, "refers"),
                     (3, 3, 1.0, "collaborates"), (3, 99, 1.0, "collaborates")])
    assert graph.number_of_edges() == 2
    assert graph[1][2]["weight"] == 5.0 and graph[1][2]["kinds"] == ("collaborates", "funds")
    assert g.degrees(graph)[2] == (2, 6.0)


def test_the_bridge_of_a_barbell_is_the_broker():
    graph = barbell()
    between = g.betweenness(graph)
    assert max(between, key=between.get) == 5
    constraints = g.broker_constraints(graph, between)
    # Two unconnected contacts: 2 x (1/2)^2.
    assert constraints[5] == pytest.approx(0.5)
    # The clique's gatekeepers (4 and 6) are central too, but their contacts know each other.
    assert constraints[4] > 0.5 and constraints[6] > 0.5
    assert g.brokers(between, constraints) == [5]


def test_two_clear_communities_are_found_with_a_fixed_seed():
    graph = two_cliques()
    groups = g.communities(graph)
    assert groups == [set(range(6)), set(range(6, 12))]
    assert g.communities(graph) == groups  # same seed, same answer
    numbers = g.community_numbers(groups)
    assert numbers[0] == numbers[5] == 1 and numbers[6] == numbers[11] == 2
    # m = 31 edges; each clique: 15 inside, degree sum 31: Q = 2 x (15/31 - (31/62)^2).
    assert g.modularity(graph, groups) == pytest.approx(2 * (15 / 31 - 0.25))


def test_isolates_components_density_and_summary():
    graph = two_cliques()
    graph.add_nodes_from([20, 21])
    graph.add_edge(30, 31, weight=1.0)
    summary = g.summarise(graph, g.communities(graph))
    assert summary.organisations == 16 and summary.ties == 32
    assert summary.components == 4 and summary.isolates == 2 and summary.largest_component == 12
    assert summary.communities == 3  # the two cliques and the pair; isolates are not communities
    assert summary.density == pytest.approx(32 / (16 * 15 / 2))
    assert g.isolates(graph) == {20, 21}


def test_k_core_keeps_the_dense_part():
    graph = star(4)
    graph.add_edges_from(nx.complete_graph(range(10, 14)).edges, weight=1.0)
    assert g.k_core(graph) == {10, 11, 12, 13}
    assert g.core_numbers(graph)[0] == 1 and g.core_numbers(graph)[10] == 3
    assert g.k_core(graph, k=1) == set(graph)


def test_an_empty_network_has_no_metrics_and_no_error():
    analysis = g.compute(nx.Graph())
    assert analysis.metrics == {} and analysis.summary.organisations == 0
    assert analysis.summary.density == 0 and analysis.summary.modularity == 0
    lonely = g.compute(g.build([(1, {}), (2, {})], []))
    assert lonely.metrics[1].pagerank == pytest.approx(0.5) and lonely.metrics[1].community is None


def test_large_graphs_sample_betweenness_with_a_fixed_seed():
    graph = nx.barabasi_albert_graph(300, 2, seed=1)
    exact = g.betweenness(graph, exact_limit=1000)
    sampled = g.betweenness(graph, exact_limit=100, samples=60)
    assert sampled == g.betweenness(graph, exact_limit=100, samples=60)
    assert sampled != exact
    top_exact = sorted(exact, key=exact.get, reverse=True)[:5]
    top_sampled = sorted(sampled, key=sampled.get, reverse=True)[:10]
    assert len(set(top_exact) & set(top_sampled)) >= 3


def test_the_shortest_introduction_path_prefers_fewer_hops_then_stronger_ties():
    graph = g.build([(n, {}) for n in "ABCDEX"], [
        ("A", "B", 1.0, "collaborates"), ("B", "E", 1.0, "collaborates"),
        ("A", "C", 5.0, "collaborates"), ("C", "E", 5.0, "collaborates"),
        ("A", "D", 9.0, "collaborates"), ("D", "C", 9.0, "collaborates"),
    ])
    assert g.introduction_path(graph, "A", "E") == ["A", "C", "E"]
    assert g.introduction_path(graph, "A", "A") == ["A"]
    assert g.introduction_path(graph, "A", "X") is None
    assert g.introduction_path(graph, "A", "nobody") is None


def test_coverage_gaps_find_the_empty_cell_and_the_unserved_district():
    members = Counter([("north", "school"), ("north", "media"), ("south", "school"),
                       (None, "media")])
    gaps = g.coverage_gaps(members, ["north", "south", "east"], ["school", "media"],
                           {"north": 4, "east": 7, "west": 0})
    assert ("south", "media") in gaps.empty_cells
    assert ("north", "school") not in gaps.empty_cells
    assert gaps.counts[("north", "media")] == 1
    assert sorted(gaps.empty_cells) == [("east", "media"), ("east", "school"), ("south", "media")]
    assert gaps.unserved_districts == [("east", 7)]


def test_coverage_gaps_without_sightings_lists_only_cells():
    gaps = g.coverage_gaps({}, ["a"], ["s"], {})
    assert gaps.empty_cells == [("a", "s")] and gaps.unserved_districts == []


def test_layout_places_every_node_inside_the_canvas_and_communities_apart():
    graph = two_cliques()
    graph.add_node(99)
    positions = layout(graph, g.communities(graph))
    assert set(positions) == set(graph)
    assert all(0 <= x <= CANVAS and 0 <= y <= CANVAS for x, y in positions.values())
    assert layout(graph, g.communities(graph)) == positions

    def centre(nodes):
        return (sum(positions[n][0] for n in nodes) / len(nodes),
                sum(positions[n][1] for n in nodes) / len(nodes))

    (ax, ay), (bx, by) = centre(range(6)), centre(range(6, 12))
    assert (ax - bx) ** 2 + (ay - by) ** 2 > 100 ** 2


def test_export_reads_back_from_gexf_and_graphml_with_each_ties_direction():
    nodes = [(1, {"label": "Café des langues", "roles": ("venue", "multiplier"), "district": None,
                  "betweenness": 0.5, "member_since": date(2024, 3, 1)}),
             (2, {"label": "Bibliothèque"}), (3, {"label": "Fondation"})]
    ties = [g.ExportTie("t1", 1, 2, False, {"kind": "collaborates", "weight": 2.0,
                                             "since": date(2025, 1, 2), "note": "Café"}),
            g.ExportTie("t2", 3, 1, True, {"kind": "funds", "weight": 1.0, "since": None})]
    for fmt, write, read in (("gexf", nx.write_gexf, nx.read_gexf),
                             ("graphml", nx.write_graphml, nx.read_graphml)):
        buffer = io.BytesIO()
        write(g.for_export(nodes, ties, fmt), buffer)
        buffer.seek(0)
        back = read(buffer)
        assert back.is_directed()
        assert back.nodes["1"]["roles"] == "venue;multiplier"
        assert back.nodes["1"]["betweenness"] == 0.5 and back.nodes["1"]["member_since"] == "2024-03-01"
        assert "district" not in back.nodes["1"]
        assert back.has_edge("3", "1") and not back.has_edge("1", "3")
        assert back.has_edge("1", "2") and back.has_edge("2", "1")  # undirected: both ways
        data = back.get_edge_data("1", "2")
        data = next(iter(data.values())) if back.is_multigraph() else data
        assert data["since"] == "2025-01-02" and data["note"] == "Café" and data["directed"] is False


def test_export_without_directed_ties_is_undirected():
    export = g.for_export([(1, {}), (2, {})],
                          [g.ExportTie("t1", 1, 2, False, {"kind": "collaborates"}),
                           g.ExportTie("t2", 2, 1, False, {"kind": "co_organises"})])
    assert not export.is_directed() and export.number_of_edges() == 2


@pytest.mark.parametrize("make", [
    lambda: nx.barbell_graph(5, 2),
    lambda: nx.karate_club_graph(),
    lambda: nx.gnm_random_graph(120, 300, seed=3),
    lambda: nx.disjoint_union(nx.path_graph(7), nx.cycle_graph(9)),
    lambda: nx.balanced_tree(3, 3),
])
def test_betweenness_matches_networkx_exactly(make):
    graph = make()
    ours = g.betweenness(graph)
    reference = nx.betweenness_centrality(graph)
    assert ours.keys() == reference.keys()
    assert all(ours[v] == pytest.approx(reference[v], abs=1e-12) for v in graph)


def test_sampling_every_source_is_the_exact_value():
    graph = nx.gnm_random_graph(80, 200, seed=5)
    assert g.betweenness(graph, exact_limit=10, samples=80) == pytest.approx(g.betweenness(graph))


@pytest.mark.parametrize("make", [
    lambda: star(6),
    barbell,
    lambda: nx.karate_club_graph(),
    lambda: nx.gnm_random_graph(60, 180, seed=9),
])
def test_constraint_matches_networkx_with_weights(make):
    graph = make()
    for n, (a, b) in enumerate(graph.edges):
        graph[a][b]["weight"] = 1.0 + (n % 4)
    nodes = [node for node in graph if graph.degree(node)]
    ours = g.constraints(graph, nodes)
    reference = nx.constraint(graph, nodes=nodes, weight="weight")
    assert all(ours[v] == pytest.approx(reference[v], rel=1e-9) for v in nodes)
    graph.add_node("alone")
    assert "alone" not in g.constraints(graph, ["alone"])
