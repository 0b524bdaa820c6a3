"""Positions for the network explorer: pure networkx, computed by the metrics job.

A force-directed layout of thousands of nodes takes minutes (it is quadratic
per iteration). Instead the communities are laid out as a small graph of
their own, each community is laid out on its own around its centre, and
organisations without ties are set in a grid below. The cost is the sum of
small layouts, about a second for 5,000 organisations.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence

import networkx as nx

from .graph import SEED

Node = Hashable
# Communities larger than this get fewer iterations: still readable, never slow.
LOCAL_LIMIT = 400
CANVAS = 1000.0


def layout(graph: nx.Graph, groups: Sequence[set[Node]], seed: int = SEED
           ) -> dict[Node, tuple[float, float]]:
    """(x, y) for every node, within a CANVAS x CANVAS square."""
    alone = {node for node in graph if graph.degree(node) == 0}
    clusters = [group - alone for group in groups]
    clusters = [group for group in clusters if group]
    positions: dict[Node, tuple[float, float]] = {}
    centres = _community_centres(graph, clusters, seed)
    for index, group in enumerate(clusters):
        cx, cy = centres[index]
        radius = math.sqrt(len(group))
        # A copy: networkx reads a plain graph much faster than a filtered view.
        for node, (x, y) in _local_layout(graph.subgraph(group).copy(), seed).items():
            positions[node] = (cx + x * radius, cy + y * radius)
    positions.update(_grid_below(sorted(alone, key=repr), positions))
    return _fit(positions)


def _community_centres(graph: nx.Graph, clusters: Sequence[set[Node]], seed: int
                       ) -> list[tuple[float, float]]:
    if not clusters:
        return []
    if len(clusters) == 1:
        return [(0.0, 0.0)]
    member_of = {node: index for index, group in enumerate(clusters) for node in group}
    between: dict[tuple[int, int], float] = defaultdict(float)
    for a, b, data in graph.edges(data=True):
        ca, cb = member_of.get(a), member_of.get(b)
        if ca is not None and cb is not None and ca != cb:
            between[(min(ca, cb), max(ca, cb))] += data.get("weight", 1.0)
    summary = nx.Graph()
    summary.add_nodes_from(range(len(clusters)))
    summary.add_weighted_edges_from((a, b, w) for (a, b), w in between.items())
    iterations = 50 if len(clusters) <= LOCAL_LIMIT else 15
    raw = nx.spring_layout(summary, seed=seed, iterations=iterations, weight="weight")
    # Spread the centres so that communities (radius ~ sqrt(size)) rarely overlap.
    spread = 1.5 * sum(math.sqrt(len(g)) for g in clusters) / math.sqrt(len(clusters))
    return [(float(raw[i][0]) * spread * 2, float(raw[i][1]) * spread * 2)
            for i in range(len(clusters))]


def _local_layout(subgraph: nx.Graph, seed: int) -> Mapping[Node, tuple[float, float]]:
    n = subgraph.number_of_nodes()
    if n == 1:
        return {next(iter(subgraph)): (0.0, 0.0)}
    iterations = 30 if n <= LOCAL_LIMIT else 12
    raw = nx.spring_layout(subgraph, seed=seed, iterations=iterations, weight="weight")
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


def _grid_below(nodes: Sequence[Node], placed: Mapping[Node, tuple[float, float]]
                ) -> dict[Node, tuple[float, float]]:
    if not nodes:
        return {}
    xs = [x for x, _ in placed.values()] or [0.0]
    ys = [y for _, y in placed.values()] or [0.0]
    width = max(max(xs) - min(xs), 1.0)
    columns = max(1, math.ceil(math.sqrt(len(nodes) * 4)))
    step = width / columns if placed else 1.0
    top = max(ys) + 2 * step
    return {node: (min(xs) + (i % columns) * step, top + (i // columns) * step)
            for i, node in enumerate(nodes)}


def _fit(positions: dict[Node, tuple[float, float]]) -> dict[Node, tuple[float, float]]:
    if not positions:
        return {}
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    left, top = min(xs), min(ys)
    span = max(max(xs) - left, max(ys) - top) or 1.0
    scale = CANVAS / span
    return {node: (round((x - left) * scale, 1), round((y - top) * scale, 1))
            for node, (x, y) in positions.items()}
