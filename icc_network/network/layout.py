"""Positions for the network explorer: pure networkx, computed by the metrics job.

A force-directed layout of thousands of nodes takes minutes (it is quadratic
per iteration). Instead the communities are laid out as a small graph of
their own, each community is laid out on its own around its centre, and
organisations without ties are set in a grid below. Communities are then
pushed apart until none overlaps another, so each reads as a group of its
own. The cost is the sum of small layouts, about a second for 5,000
organisations.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from itertools import accumulate

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from .graph import SEED

Node = Hashable
# Communities larger than this get fewer iterations: still readable, never slow.
LOCAL_LIMIT = 400
CANVAS = 1000.0
# Space left between two communities, as a share of their radii.
COMMUNITY_GAP = 0.35
SEPARATION_ROUNDS = 200
# The explorer names every node of a network this small; of a larger one, the most
# central nodes overall and the most central node of each of the largest communities.
ALL_NAMED_UP_TO = 30
NAMED_OVERALL = 10
NAMED_COMMUNITIES = 20


def layout(graph: nx.Graph, groups: Sequence[set[Node]], seed: int = SEED
           ) -> dict[Node, tuple[float, float]]:
    """(x, y) for every node, within a CANVAS x CANVAS square."""
    alone = {node for node in graph if graph.degree(node) == 0}
    clusters = [group - alone for group in groups]
    clusters = [group for group in clusters if group]
    positions: dict[Node, tuple[float, float]] = {}
    centres = separate(_community_centres(graph, clusters, seed),
                       [_radius(len(group)) for group in clusters])
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


def _radius(size: int) -> float:
    return math.sqrt(2 * size)  # spring_layout fills the square [-1, 1]², scaled by sqrt(size)


def separate(centres: Sequence[tuple[float, float]], radii: Sequence[float]
             ) -> list[tuple[float, float]]:
    """The centres moved apart until no two circles overlap (with a gap), as little as needed.

    Each round finds the pairs close enough to overlap (a k-d tree, so a
    thousand communities stay cheap) and pushes each pair apart along the line
    joining them by half the overlap; pairs at one point split at a fixed angle.
    """
    if len(centres) < 2:
        return list(centres)
    points = np.array(centres, dtype=float)
    sizes = np.array(radii, dtype=float) * (1 + COMMUNITY_GAP)
    reach = 2 * float(sizes.max())
    for _ in range(SEPARATION_ROUNDS):
        pairs = cKDTree(points).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = points[i] - points[j]
        distance = np.hypot(delta[:, 0], delta[:, 1])
        overlap = sizes[i] + sizes[j] - distance
        keep = overlap > 1e-9
        if not keep.any():
            break
        i, j, delta, distance, overlap = i[keep], j[keep], delta[keep], distance[keep], overlap[keep]
        angle = (i * 2.399963)[distance <= 1e-9]
        delta[distance <= 1e-9] = np.stack([np.cos(angle), np.sin(angle)], axis=1)
        distance = np.hypot(delta[:, 0], delta[:, 1])
        push = delta / distance[:, None] * (overlap / 2 + 1e-6)[:, None]
        moves = np.zeros_like(points)
        np.add.at(moves, i, push)
        np.add.at(moves, j, -push)
        points += moves
    return [(float(x), float(y)) for x, y in points]


def labelled_first(scores: Mapping[Node, float], communities: Mapping[Node, int | None]
                   ) -> set[Node]:
    """The nodes the explorer names before any zoom, so that the first view reads.

    ``scores`` rank the nodes (PageRank); ``communities`` are numbered largest first.
    """
    if len(scores) <= ALL_NAMED_UP_TO:
        return set(scores)
    ranked = sorted(scores, key=lambda node: (-scores[node], repr(node)))
    chosen = set(ranked[:NAMED_OVERALL])
    named: set[int] = set()
    for node in ranked:
        community = communities.get(node)
        if community is not None and community <= NAMED_COMMUNITIES and community not in named:
            named.add(community)
            chosen.add(node)
    return chosen


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


def place_new(known: Mapping[Node, tuple[float, float]], neighbours: Mapping[Node, Sequence[Node]],
              new: Sequence[Node]) -> dict[Node, tuple[float, float]]:
    """Positions for nodes the last layout has not seen, until the next metrics run.

    A node with placed neighbours goes near their centre (a small turn of a
    spiral, so that several newcomers beside one partner do not pile up); a
    node placed this way can anchor the next one. Nodes with no placed
    neighbour go in a row below the drawing, as the layout sets organisations
    without ties. Stored positions never move, so the view stays familiar.
    """
    placed = dict(known)
    step = CANVAS / 40
    waiting = sorted(new, key=repr)
    result: dict[Node, tuple[float, float]] = {}
    while waiting:
        later = []
        for index, node in enumerate(waiting):
            anchors = [placed[other] for other in neighbours.get(node, ()) if other in placed]
            if not anchors:
                later.append(node)
                continue
            cx = sum(x for x, _ in anchors) / len(anchors)
            cy = sum(y for _, y in anchors) / len(anchors)
            angle = (len(result) + index) * 2.399963  # the golden angle
            spot = (round(cx + step * math.cos(angle), 1), round(cy + step * math.sin(angle), 1))
            placed[node] = result[node] = spot
        if len(later) == len(waiting):
            break
        waiting = later
    if waiting:
        bottom = max((y for _, y in placed.values()), default=0.0) + 2 * step
        left = min((x for x, _ in placed.values()), default=0.0)
        for i, node in enumerate(waiting):
            result[node] = (round(left + (i % 20) * step, 1), round(bottom + (i // 20) * step, 1))
    return result


# --- what the browser receives -------------------------------------------------

# The explorer's data format; data stored in an older one is converted when it is read.
FORMAT = 2
NODE_COLUMNS = ("id", "label", "x", "y", "district", "community", "degree")


def pack(nodes: Sequence[Mapping], edges: Sequence[Mapping], computed_at: str | None,
         sectors: Sequence[str], roles: Sequence[str]) -> dict:
    """The explorer's first view, one list per attribute (a few bytes a node, not a hundred).

    Nodes keep their order (most central first: a search lists its matches so);
    a sector is its place in ``sectors``, roles a bit per place in ``roles``;
    ``named`` are the nodes labelled before any zoom, ``new`` those added since
    the last metrics run. Edges without direction come first, those from
    ``directed_from`` on hold the directed ties from ``s`` to ``t``; each group is
    sorted by source and ``s`` holds each source as the step from the one before
    (mostly 0 or 1: a third of the bytes it would take written out). The other
    metrics and an organisation's ties come on demand.
    """
    sector_index = {code: i for i, code in enumerate(sectors)}
    role_bit = {code: 1 << i for i, code in enumerate(roles)}
    ordered = sorted(edges, key=lambda edge: (bool(edge.get("d")), edge["s"], edge["t"]))
    sources = [edge["s"] for edge in ordered]
    columns = {key: [node[key] for node in nodes] for key in NODE_COLUMNS}
    return {
        "v": FORMAT, "computed_at": computed_at, "sectors": list(sectors), "roles": list(roles),
        "nodes": {**columns,
                  "sector": [sector_index.get(node["sector"]) for node in nodes],
                  "roles": [sum(role_bit.get(r, 0) for r in node["roles"]) for node in nodes],
                  "named": [node["id"] for node in nodes if node.get("c")],
                  "new": [node["id"] for node in nodes if node.get("new")]},
        "edges": {"s": [b - a for a, b in zip([0, *sources], sources, strict=False)],
                  "t": [edge["t"] for edge in ordered],
                  "w": [_compact_number(edge["w"]) for edge in ordered],
                  "directed_from": sum(1 for edge in ordered if not edge.get("d"))},
    }


def unpack(payload: Mapping) -> tuple[list[dict], list[dict]]:
    """Nodes and edges of a packed payload as one mapping each, most central node first; a
    payload of the first format (a list of nodes with every metric) is read as well."""
    if payload.get("v") != FORMAT:
        nodes = sorted(payload.get("nodes", []), key=lambda n: (-n.get("pagerank", 0), n["id"]))
        return nodes, list(payload.get("edges", []))
    columns, links = payload["nodes"], payload["edges"]
    named, new = set(columns["named"]), set(columns["new"])
    sectors, roles = payload["sectors"], payload["roles"]
    nodes = []
    for i, node in enumerate(columns["id"]):
        sector = columns["sector"][i]
        nodes.append({**{key: columns[key][i] for key in NODE_COLUMNS},
                      "sector": None if sector is None else sectors[sector],
                      "roles": [r for bit, r in enumerate(roles) if columns["roles"][i] >> bit & 1],
                      "c": node in named, **({"new": 1} if node in new else {})})
    sources = list(accumulate(links["s"]))
    edges = [{"s": s, "t": t, "w": w, **({"d": 1} if i >= links["directed_from"] else {})}
             for i, (s, t, w) in enumerate(zip(sources, links["t"], links["w"], strict=True))]
    return nodes, edges


def _compact_number(value: float) -> float | int:
    """3.0 -> 3: a whole weight is written without its decimal point."""
    return int(value) if float(value).is_integer() else value
