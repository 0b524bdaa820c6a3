"""The explorer's data as the network is now, not only as the last metrics run saw it.

The metrics job stores the explorer's JSON with metrics and positions. Between
two runs organisations and ties are added: the explorer shows them at once,
the new organisations placed near their partners (``layout.place_new``) with
no metrics yet, until the next run lays the whole network out again. The
ETag follows the network's change counter, so a browser holding the stored
version asks again as soon as anything changed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select

from ...extensions import db
from ..layout import ALL_NAMED_UP_TO, place_new
from ..models import NetworkState
from ..models.analytics import STATE_ID
from . import analytics


def _state() -> Any:
    return db.session.execute(
        select(NetworkState.explorer_etag, NetworkState.version, NetworkState.computed_version)
        .where(NetworkState.id == STATE_ID)).first()


def etag() -> str:
    """Changes with every stored computation and with every change to the network."""
    row = _state()
    if row is None:
        return ""
    if row.explorer_etag and row.version <= row.computed_version:
        return row.explorer_etag
    return hashlib.sha256(f"{row.explorer_etag}:{row.version}".encode()).hexdigest()[:32]


def data() -> str:
    """The stored JSON when it is current, otherwise the stored one brought up to date."""
    row = _state()
    stored = analytics.explorer_json() if row is not None and row.explorer_etag else ""
    if stored and row.version <= row.computed_version:
        return stored
    return json.dumps(brought_up_to_date(json.loads(stored) if stored else {}),
                      separators=(",", ":"), ensure_ascii=False)


def brought_up_to_date(payload: dict[str, Any]) -> dict[str, Any]:
    """Nodes and edges as the database holds them now; stored metrics and positions kept."""
    network = analytics.load_graph()
    stored = {node["id"]: node for node in payload.get("nodes", [])}
    fresh = [node for node in network if node not in stored]
    known = {node: (stored[node]["x"], stored[node]["y"]) for node in network if node in stored}
    positions = place_new(known, {node: list(network[node]) for node in fresh}, fresh)
    named_all = network.number_of_nodes() <= ALL_NAMED_UP_TO
    nodes = []
    for node, attributes in network.nodes(data=True):
        current = {"label": attributes["label"], "sector": attributes["sector"],
                   "district": attributes["district_id"], "roles": list(attributes["roles"])}
        if node in stored:
            nodes.append({**stored[node], **current})
            continue
        x, y = positions[node]
        nodes.append({"id": node, **current, "community": None,
                      "degree": network.degree(node),
                      "weighted_degree": round(network.degree(node, weight="weight"), 3),
                      "betweenness": 0, "pagerank": 0, "core_number": 0, "broker": False,
                      "x": x, "y": y, "c": named_all, "new": 1})
    return {"computed_at": payload.get("computed_at"), "nodes": nodes,
            "edges": analytics.explorer_edges(network)}
