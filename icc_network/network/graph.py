"""Network analytics: pure functions over networkx graphs (no Flask, no database).

Nodes are organisation ids; edges carry ``weight`` (the sum of the ties'
weights between the two organisations) and ``kinds``. Services build the
graph from the database with one function and the metrics job calls
:func:`compute`. Everything random uses a fixed seed, so the same network
always gives the same communities, samples and layout.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse

SEED = 42
# Exact betweenness is cubic-ish; above this size it is estimated from sampled sources.
EXACT_BETWEENNESS_LIMIT = 1000
BETWEENNESS_SAMPLES = 256
# Burt's constraint of a node between two unconnected, equal contacts is 0.5;
# a broker spans holes at least that well.
BROKER_MAX_CONSTRAINT = 0.5
# Candidates: the top 8 % by betweenness (at least 3, at most 60).
BROKER_CANDIDATE_SHARE = 0.08
BROKER_MAX_CANDIDATES = 60

Node = Hashable


@dataclass(frozen=True)
class NodeMetrics:
    degree: int
    weighted_degree: float
    betweenness: float
    pagerank: float
    community: int | None
    core_number: int
    burt_constraint: float | None
    broker: bool


@dataclass(frozen=True)
class NetworkSummary:
    organisations: int
    ties: int
    density: float
    components: int
    isolates: int
    largest_component: int
    communities: int  # of two members or more; an isolate is not a community
    modularity: float


@dataclass
class Analysis:
    metrics: dict[Node, NodeMetrics]
    summary: NetworkSummary
    communities: list[set[Node]] = field(default_factory=list)


def build(nodes: Iterable[tuple[Node, dict[str, Any]]],
          ties: Iterable[tuple[Node, Node, float, str]]) -> nx.Graph:
    """An undirected graph; several ties between two organisations make one weighted edge."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for a, b, weight, kind in ties:
        if a == b or a not in graph or b not in graph:
            continue
        if graph.has_edge(a, b):
            data = graph[a][b]
            data["weight"] += weight
            data["kinds"] = tuple(sorted({*data["kinds"], kind}))
        else:
            graph.add_edge(a, b, weight=weight, kinds=(kind,))
    return graph


def degrees(graph: nx.Graph) -> dict[Node, tuple[int, float]]:
    weighted = dict(graph.degree(weight="weight"))
    return {node: (degree, float(weighted[node])) for node, degree in graph.degree()}


def betweenness(graph: nx.Graph, *, exact_limit: int = EXACT_BETWEENNESS_LIMIT,
                samples: int = BETWEENNESS_SAMPLES, seed: int = SEED) -> dict[Node, float]:
    """Normalised betweenness in hops (each hop is one introduction), as networkx defines it.

    Exact up to ``exact_limit`` nodes; above, estimated from ``samples``
    sources drawn with a fixed seed (the sum over sources scaled by n / k).
    """
    nodes = list(graph)
    n = len(nodes)
    if n < 3:
        return {node: 0.0 for node in nodes}
    if n <= exact_limit:
        sources = range(n)
    else:
        sources = sorted(random.Random(seed).sample(range(n), min(samples, n)))
    adjacency = nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=None, format="csr")
    adjacency.data[:] = 1.0
    totals = np.zeros(n)
    for source in sources:
        totals += _dependencies(adjacency, source)
    scale = (n / len(sources)) / ((n - 1) * (n - 2))
    return {node: float(totals[i] * scale) for i, node in enumerate(nodes)}


def _dependencies(adjacency, source: int) -> np.ndarray:
    """Brandes' dependencies of every node on the shortest paths from ``source``.

    The breadth-first search and the back-propagation run one level at a time
    as sparse matrix products, which is what makes 5,000 nodes affordable.
    """
    n = adjacency.shape[0]
    sigma = np.zeros(n)
    sigma[source] = 1.0
    visited = np.zeros(n, dtype=bool)
    visited[source] = True
    levels = [np.array([source])]
    frontier = np.zeros(n)
    while True:
        frontier[:] = 0.0
        frontier[levels[-1]] = sigma[levels[-1]]
        arriving = adjacency @ frontier
        new = np.flatnonzero((arriving > 0) & ~visited)
        if new.size == 0:
            break
        visited[new] = True
        sigma[new] = arriving[new]
        levels.append(new)
    delta = np.zeros(n)
    carry = np.zeros(n)
    for depth in range(len(levels) - 1, 0, -1):
        below, above = levels[depth], levels[depth - 1]
        carry[:] = 0.0
        carry[below] = (1.0 + delta[below]) / sigma[below]
        delta[above] += sigma[above] * (adjacency @ carry)[above]
    delta[source] = 0.0
    return delta


def pagerank(graph: nx.Graph) -> dict[Node, float]:
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    if graph.number_of_edges() == 0:
        return {node: 1.0 / n for node in graph}
    return nx.pagerank(graph, weight="weight")


def communities(graph: nx.Graph, seed: int = SEED) -> list[set[Node]]:
    """Louvain communities, largest first (ties broken by smallest member) so numbers are stable."""
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c, key=repr)))


def community_numbers(groups: Sequence[set[Node]]) -> dict[Node, int | None]:
    """1, 2, 3... for communities of two or more; None for a node alone."""
    numbers: dict[Node, int | None] = {}
    for index, group in enumerate(groups, start=1):
        for node in group:
            numbers[node] = index if len(group) > 1 else None
    return numbers


def modularity(graph: nx.Graph, groups: Sequence[set[Node]]) -> float:
    if graph.number_of_edges() == 0 or not groups:
        return 0.0
    return float(nx.community.modularity(graph, groups, weight="weight"))


def broker_constraints(graph: nx.Graph, between: Mapping[Node, float], *,
                       max_candidates: int = BROKER_MAX_CANDIDATES) -> dict[Node, float]:
    """Burt's constraint of the broker candidates only: the nodes of highest betweenness.

    Constraint looks at every neighbour's neighbours, so it is computed where
    it can change a verdict, not for the whole network.
    """
    ranked = sorted((node for node, value in between.items() if value > 0),
                    key=lambda node: (-between[node], repr(node)))
    wanted = max(3, math.ceil(BROKER_CANDIDATE_SHARE * graph.number_of_nodes()))
    return constraints(graph, ranked[:min(wanted, max_candidates)])


def constraints(graph: nx.Graph, nodes: Sequence[Node]) -> dict[Node, float]:
    """Burt's constraint of ``nodes``, as ``nx.constraint`` defines it on weighted ties.

    With P the tie weights divided by each node's total, the constraint of i
    is the sum over its contacts j of (P[i, j] + (P @ P)[i, j]) squared; only
    the rows of the asked nodes are multiplied. Nodes without ties are left out.
    """
    order = list(graph)
    index = {node: i for i, node in enumerate(order)}
    asked = [node for node in nodes if graph.degree(node) > 0]
    if not asked:
        return {}
    weights = nx.to_scipy_sparse_array(graph, nodelist=order, weight="weight", format="csr")
    totals = np.asarray(weights.sum(axis=1)).ravel()
    totals[totals == 0] = 1.0
    share = sparse.diags(1.0 / totals) @ weights
    rows = share[[index[node] for node in asked]].tocsr()
    indirect = (rows @ share).tocsr()
    result = {}
    for k, node in enumerate(asked):
        contacts = rows.indices[rows.indptr[k]:rows.indptr[k + 1]]
        direct = rows.data[rows.indptr[k]:rows.indptr[k + 1]]
        through = indirect[k].toarray().ravel()[contacts]
        result[node] = float(np.sum((direct + through) ** 2))
    return result


def brokers(between: Mapping[Node, float], constraints: Mapping[Node, float], *,
            max_constraint: float = BROKER_MAX_CONSTRAINT) -> list[Node]:
    """Brokers, best first: high betweenness and low constraint (they span structural holes)."""
    chosen = [node for node, value in constraints.items()
              if value <= max_constraint and between.get(node, 0) > 0]
    return sorted(chosen, key=lambda node: (-between[node] * (1 - constraints[node]), repr(node)))


def core_numbers(graph: nx.Graph) -> dict[Node, int]:
    return nx.core_number(graph) if graph.number_of_nodes() else {}


def k_core(graph: nx.Graph, k: int | None = None) -> set[Node]:
    """Members of the k-core (the main core when ``k`` is None)."""
    if graph.number_of_nodes() == 0:
        return set()
    return set(nx.k_core(graph, k=k))


def density(graph: nx.Graph) -> float:
    return float(nx.density(graph)) if graph.number_of_nodes() > 1 else 0.0


def components(graph: nx.Graph) -> list[set[Node]]:
    return sorted((set(c) for c in nx.connected_components(graph)), key=len, reverse=True)


def isolates(graph: nx.Graph) -> set[Node]:
    return set(nx.isolates(graph))


def summarise(graph: nx.Graph, groups: Sequence[set[Node]]) -> NetworkSummary:
    parts = components(graph)
    return NetworkSummary(
        organisations=graph.number_of_nodes(),
        ties=graph.number_of_edges(),
        density=density(graph),
        components=len(parts),
        isolates=len(isolates(graph)),
        largest_component=len(parts[0]) if parts else 0,
        communities=sum(1 for group in groups if len(group) > 1),
        modularity=modularity(graph, groups),
    )


def compute(graph: nx.Graph, *, seed: int = SEED, exact_limit: int = EXACT_BETWEENNESS_LIMIT,
            samples: int = BETWEENNESS_SAMPLES) -> Analysis:
    """Every stored metric of every node, and the network's summary."""
    degree = degrees(graph)
    between = betweenness(graph, exact_limit=exact_limit, samples=samples, seed=seed)
    rank = pagerank(graph)
    groups = communities(graph, seed)
    numbers = community_numbers(groups)
    cores = core_numbers(graph)
    constraints = broker_constraints(graph, between)
    chosen = set(brokers(between, constraints))
    metrics = {
        node: NodeMetrics(
            degree=degree[node][0], weighted_degree=degree[node][1],
            betweenness=float(between.get(node, 0.0)), pagerank=float(rank.get(node, 0.0)),
            community=numbers.get(node), core_number=int(cores.get(node, 0)),
            burt_constraint=constraints.get(node), broker=node in chosen,
        )
        for node in graph
    }
    return Analysis(metrics=metrics, summary=summarise(graph, groups), communities=groups)


def introduction_path(graph: nx.Graph, source: Node, target: Node) -> list[Node] | None:
    """The shortest chain of introductions from ``source`` to ``target`` (None if there is none).

    Among chains of the same length, the one through the strongest ties wins.
    """
    if source not in graph or target not in graph:
        return None
    if source == target:
        return [source]
    try:
        hops = nx.shortest_path_length(graph, source, target)
    except nx.NetworkXNoPath:
        return None
    # A hop costs far more than any weight difference, so the count of hops stays minimal.
    top = max((d.get("weight", 1.0) for _, _, d in graph.edges(data=True)), default=1.0)

    def cost(_a: Node, _b: Node, data: dict) -> float:
        return 1.0 + (top - data.get("weight", 1.0)) / (top * (hops + 1) + 1.0)

    return nx.dijkstra_path(graph, source, target, weight=cost)


@dataclass(frozen=True)
class CoverageGaps:
    # (district, sector) -> members there, for every district x sector.
    counts: dict[tuple[Any, Any], int]
    empty_cells: list[tuple[Any, Any]]
    # (district, sightings) where rumours are heard and no member is present, most heard first.
    unserved_districts: list[tuple[Any, int]]
    # (district, members there, rising rumours) where a rumour is rising and fewer than
    # ``min_partners`` members work, fewest members first.
    rising_districts: list[tuple[Any, int, list[Any]]] = field(default_factory=list)


def coverage_gaps(members: Mapping[tuple[Any, Any], int], districts: Sequence[Any],
                  sectors: Sequence[Any], sightings: Mapping[Any, int],
                  rising: Mapping[Any, Sequence[Any]] | None = None,
                  min_partners: int = 0) -> CoverageGaps:
    """Where the network has nobody: district x sector cells, and districts with sightings.

    ``members`` counts the organisations of each (district, sector);
    ``sightings`` maps a district to the number of times rumours were heard there;
    ``rising`` maps a district to the rising rumours heard there, flagged when fewer
    than ``min_partners`` members work in it.
    """
    counts = {(d, s): int(members.get((d, s), 0)) for d in districts for s in sectors}
    empty = [cell for cell, n in counts.items() if n == 0]
    per_district: dict[Any, int] = defaultdict(int)
    for (d, _s), n in members.items():
        per_district[d] += n
    unserved = sorted(((d, int(n)) for d, n in sightings.items()
                       if n > 0 and per_district.get(d, 0) == 0),
                      key=lambda item: (-item[1], repr(item[0])))
    thin = sorted(((d, per_district.get(d, 0), list(found)) for d, found in (rising or {}).items()
                   if found and d in districts and per_district.get(d, 0) < min_partners),
                  key=lambda item: (item[1], -len(item[2]), repr(item[0])))
    return CoverageGaps(counts=counts, empty_cells=empty, unserved_districts=unserved,
                        rising_districts=thin)


@dataclass(frozen=True)
class ExportTie:
    """One tie as exported; a ``directed`` tie goes from ``source`` to ``target``."""

    key: str
    source: Node
    target: Node
    directed: bool
    data: Mapping[str, Any]


def for_export(nodes: Iterable[tuple[Node, Mapping[str, Any]]], ties: Iterable[ExportTie],
               fmt: str = "gexf") -> nx.MultiGraph:
    """One edge per tie, with attributes GEXF and GraphML can hold (scalars, lists joined by ';').

    Without a directed tie the graph is undirected. With one it is directed, and
    each undirected tie becomes a reciprocal edge marked ``directed=False``: in
    GEXF one edge of type ``mutual``, in GraphML (which has no such type) two
    opposite edges. Readers that allow one edge type per graph, as networkx
    does, then read every tie back with its direction.
    """
    ties = list(ties)
    directed = any(tie.directed for tie in ties)
    export = nx.MultiDiGraph() if directed else nx.MultiGraph()
    for node, data in nodes:
        export.add_node(node, **_scalars(data))
    for tie in ties:
        if tie.source not in export or tie.target not in export:
            continue
        data = {**_scalars(tie.data), "directed": tie.directed}
        if directed and fmt == "gexf":
            data["type"] = "directed" if tie.directed else "mutual"
        export.add_edge(tie.source, tie.target, key=tie.key, id=tie.key, **data)
        if directed and not tie.directed and fmt != "gexf":
            export.add_edge(tie.target, tie.source, key=f"{tie.key}r", id=f"{tie.key}r", **data)
    return export


def _scalars(data: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            value = ";".join(str(v) for v in value)
        elif isinstance(value, date):
            value = value.isoformat()
        clean[key] = value
    return clean
