"""The explorer's data as the network is now, not only as the last metrics run saw it.

The metrics job stores the explorer's first view (``layout.pack``) with metrics
and positions. Between two runs organisations and ties are added: the explorer
shows them at once, the new organisations placed near their partners
(``layout.place_new``) with no metrics yet, until the next run lays the whole
network out again. The ETag follows the stored computation, the network's change
counter and the data format, so a browser holding an older version asks again
as soon as anything changed. What the first view does not draw (every metric,
an organisation's ties and their kinds) is read when the user asks for it.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from typing import Any

import networkx as nx
from sqlalchemy import or_, select

from ...extensions import db
from ..layout import ALL_NAMED_UP_TO, FORMAT, place_new, unpack
from ..models import NetworkState, Organisation, OrganisationMetrics, Tie
from ..models.analytics import STATE_ID
from ..vocab import DIRECTED_KINDS, METRICS
from . import analytics

# How each metric is rounded for the browser (decimal places; None: a whole number).
METRIC_DIGITS = {"degree": None, "weighted_degree": 3, "betweenness": 5, "pagerank": 6,
                 "core_number": None}
PACKED = f'{{"v":{FORMAT},'  # how stored data of the current format starts


def _state() -> Any:
    return db.session.execute(
        select(NetworkState.explorer_etag, NetworkState.version, NetworkState.computed_version)
        .where(NetworkState.id == STATE_ID)).first()


def etag() -> str:
    """Changes with every stored computation, every change to the network and the format."""
    row = _state()
    if row is None:
        return ""
    changed = row.version if row.version > row.computed_version else "-"
    return hashlib.sha256(f"{FORMAT}:{row.explorer_etag}:{changed}".encode()).hexdigest()[:32]


def data() -> str:
    """The stored JSON when it is current, otherwise the stored one brought up to date."""
    row = _state()
    stored = analytics.explorer_json() if row is not None and row.explorer_etag else ""
    if stored.startswith(PACKED) and row.version <= row.computed_version:
        return stored
    payload = json.loads(stored) if stored else {}
    network = analytics.load_graph()
    return analytics.explorer_json_text(brought_up_to_date(payload, network),
                                        analytics.explorer_edges(network),
                                        payload.get("computed_at"))


def brought_up_to_date(payload: dict[str, Any], network: nx.Graph) -> list[dict[str, Any]]:
    """Nodes of ``network`` (as the database holds it now), most central first, newcomers
    last; stored positions and figures kept."""
    stored = {node["id"]: node for node in unpack(payload)[0] if node["id"] in network}
    fresh = [node for node in network if node not in stored]
    known = {node: (stored[node]["x"], stored[node]["y"]) for node in stored}
    positions = place_new(known, {node: list(network[node]) for node in fresh}, fresh)
    named_all = network.number_of_nodes() <= ALL_NAMED_UP_TO
    nodes = []
    for node in [*stored, *fresh]:
        attributes = network.nodes[node]
        current = {"label": attributes["label"], "sector": attributes["sector"],
                   "district": attributes["district_id"], "roles": list(attributes["roles"])}
        if node in stored:
            nodes.append({**stored[node], **current})
            continue
        x, y = positions[node]
        nodes.append({"id": node, **current, "community": None, "degree": network.degree(node),
                      "x": x, "y": y, "c": named_all, "new": 1})
    return nodes


def metrics() -> dict[str, list]:
    """Every organisation's stored metrics, one list per metric (the explorer's "size by")."""
    rows = db.session.execute(
        select(OrganisationMetrics.organisation_id,
               *(getattr(OrganisationMetrics, name) for name in METRICS))
        .order_by(OrganisationMetrics.organisation_id)).all()
    columns: dict[str, list] = {"id": [row[0] for row in rows]}
    for index, name in enumerate(METRICS, start=1):
        columns[name] = [_rounded(row[index], METRIC_DIGITS[name]) for row in rows]
    return columns


def details(organisation_id: int) -> dict[str, Any] | None:
    """An organisation's card: its metrics (counted now when it has none stored yet) and its
    ties, one per partner and direction with their kinds, heaviest first. None: no such
    organisation."""
    if db.session.scalar(select(Organisation.id).where(Organisation.id == organisation_id)) is None:
        return None
    grouped: dict[tuple[int, str | None], list] = defaultdict(lambda: [0.0, set()])
    for a, b, weight, kind in db.session.execute(
            select(Tie.from_organisation_id, Tie.to_organisation_id, Tie.weight, Tie.kind)
            .where(or_(Tie.from_organisation_id == organisation_id,
                       Tie.to_organisation_id == organisation_id))):
        other = b if a == organisation_id else a
        direction = (("out" if a == organisation_id else "in") if kind in DIRECTED_KINDS
                     else None)
        entry = grouped[(other, direction)]
        entry[0] += weight
        entry[1].add(kind)
    ties = [{"id": other, "kinds": sorted(kinds), "direction": direction}
            for (other, direction), (_weight, kinds) in
            sorted(grouped.items(), key=lambda item: (-item[1][0], item[0][0], item[0][1] or ""))]
    stored = db.session.get(OrganisationMetrics, organisation_id)
    if stored is None:
        figures = {name: 0 for name in METRICS}
        figures["degree"] = len({other for other, _direction in grouped})
        figures["weighted_degree"] = round(sum(weight for weight, _ in grouped.values()), 3)
        return {"id": organisation_id, "metrics": figures, "community": None, "broker": False,
                "ties": ties}
    return {"id": organisation_id,
            "metrics": {name: _rounded(getattr(stored, name), METRIC_DIGITS[name])
                        for name in METRICS},
            "community": stored.community, "broker": stored.broker, "ties": ties}


def _rounded(value: float, digits: int | None) -> float | int:
    return int(value) if digits is None else round(value, digits)
