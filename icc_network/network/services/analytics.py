"""The network as a graph: built from the database, analysed by the job, stored for the pages.

Pages never run these analytics: they read what :func:`recompute` stored
(per-organisation metrics, the history, and the explorer's JSON).
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import networkx as nx
from flask import current_app
from sqlalchemy import delete, func, insert, select, update

from ...core.clock import today, utcnow
from ...core.models import District
from ...core.registries import indicator
from ...core.translatable import LOCALES
from ...extensions import db
from .. import graph
from ..layout import labelled_first, layout, pack
from ..models import (
    NetworkSnapshot,
    NetworkState,
    Organisation,
    OrganisationMetrics,
    OrganisationRole,
    Tie,
)
from ..models.analytics import STATE_ID
from ..vocab import DIRECTED_KINDS, ORIGIN_DERIVED, ROLES, SECTORS
from . import metrics_history
from .organisations import ensure_state


def load_graph() -> nx.Graph:
    """The whole network from the database: four light queries, no ORM objects."""
    roles: dict[int, list[str]] = defaultdict(list)
    for organisation_id, role in db.session.execute(
            select(OrganisationRole.organisation_id, OrganisationRole.role)
            .order_by(OrganisationRole.role)):
        roles[organisation_id].append(role)
    codes = dict(db.session.execute(select(District.id, District.code)).all())
    nodes = [
        (oid, {"label": name, "sector": sector, "district": codes.get(district_id),
               "district_id": district_id, "roles": tuple(roles.get(oid, ()))})
        for oid, name, sector, district_id in db.session.execute(
            select(Organisation.id, Organisation.name, Organisation.sector,
                   Organisation.district_id).order_by(Organisation.id))
    ]
    ties = db.session.execute(select(Tie.from_organisation_id, Tie.to_organisation_id,
                                     Tie.weight, Tie.kind).order_by(Tie.id)).all()
    return graph.build(nodes, ties)


# --- the computation ------------------------------------------------------

def state() -> NetworkState:
    ensure_state()
    return db.session.get(NetworkState, STATE_ID)


def is_due(now: datetime, quiet: timedelta) -> bool:
    """Changed since the last computation, and nothing changed for ``quiet`` (debounce)."""
    current = state()
    return (current.version > current.computed_version and current.changed_at is not None
            and current.changed_at <= now - quiet)


@dataclass
class Outcome:
    organisations: int
    ties: int
    communities: int
    brokers: int
    duration_ms: int


def recompute(version: int, trigger: str) -> Outcome:
    """Analyse the whole network and store metrics, layout, history and the explorer's data."""
    started = time.perf_counter()
    now = utcnow()
    network = load_graph()
    analysis = graph.compute(network)
    positions = layout(network, analysis.communities)
    _store_metrics(analysis, positions, now)
    metrics_history.record_month(analysis, now)
    payload = explorer_payload(network, analysis, positions, now)
    duration = int((time.perf_counter() - started) * 1000)
    summary = analysis.summary
    db.session.add(NetworkSnapshot(computed_at=now, duration_ms=duration, trigger=trigger,
                                   **asdict(summary)))
    db.session.execute(update(NetworkState).where(NetworkState.id == STATE_ID).values(
        computed_version=version, computed_at=now, explorer_json=payload,
        explorer_etag=hashlib.sha256(payload.encode()).hexdigest()[:32]))
    return Outcome(summary.organisations, summary.ties, summary.communities,
                   sum(1 for m in analysis.metrics.values() if m.broker), duration)


def _store_metrics(analysis: graph.Analysis, positions: dict, now: datetime) -> None:
    db.session.execute(delete(OrganisationMetrics))
    rows = [{"organisation_id": node, **asdict(m), "x": positions[node][0],
             "y": positions[node][1], "computed_at": now}
            for node, m in analysis.metrics.items()]
    for start in range(0, len(rows), 1000):
        db.session.execute(insert(OrganisationMetrics), rows[start:start + 1000])


def explorer_payload(network: nx.Graph, analysis: graph.Analysis, positions: dict,
                     now: datetime) -> str:
    """The explorer's first view (``layout.pack``): nodes most central first, with their
    positions, attributes and ties counted; edges with their weights."""
    named = labelled_first({node: m.pagerank for node, m in analysis.metrics.items()},
                           {node: m.community for node, m in analysis.metrics.items()})
    nodes = []
    for node, data in network.nodes(data=True):
        m = analysis.metrics[node]
        x, y = positions[node]
        nodes.append({
            "id": node, "label": data["label"], "sector": data["sector"],
            "district": data["district_id"], "roles": list(data["roles"]),
            "community": m.community, "degree": m.degree, "x": x, "y": y,
            "c": node in named, "rank": m.pagerank,
        })
    nodes.sort(key=lambda node: (-node.pop("rank"), node["id"]))
    return explorer_json_text(nodes, explorer_edges(network), now.isoformat() + "Z")


def explorer_json_text(nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
                       computed_at: str | None) -> str:
    return json.dumps(pack(nodes, edges, computed_at, list(SECTORS), list(ROLES)),
                      separators=(",", ":"), ensure_ascii=False)


def explorer_edges(network: nx.Graph) -> list[dict[str, Any]]:
    """One edge per pair for the ties without direction, one per way for the directed ones
    (``d``), weights summed."""
    grouped: dict[tuple[int, int, bool], float] = {}
    for a, b, weight, kind in db.session.execute(
            select(Tie.from_organisation_id, Tie.to_organisation_id, Tie.weight, Tie.kind)
            .order_by(Tie.id)):
        if a not in network or b not in network:
            continue
        directed = kind in DIRECTED_KINDS
        key = (a, b, True) if directed else (min(a, b), max(a, b), False)
        grouped[key] = grouped.get(key, 0.0) + weight
    return [{"s": a, "t": b, "w": round(weight, 3), **({"d": 1} if directed else {})}
            for (a, b, directed), weight in grouped.items()]


# --- what pages read -------------------------------------------------------

def explorer_etag() -> str:
    return db.session.scalar(select(NetworkState.explorer_etag)
                             .where(NetworkState.id == STATE_ID)) or ""


def explorer_json() -> str:
    return db.session.scalar(select(NetworkState.explorer_json)
                             .where(NetworkState.id == STATE_ID)) or ""


@dataclass(frozen=True)
class Freshness:
    computed_at: datetime | None
    pending: bool  # changes not yet in the metrics


def freshness() -> Freshness:
    row = db.session.execute(select(NetworkState.computed_at, NetworkState.version,
                                    NetworkState.computed_version)
                             .where(NetworkState.id == STATE_ID)).first()
    if row is None:
        return Freshness(None, False)
    return Freshness(row.computed_at, row.version > row.computed_version)


def history(limit: int = 60) -> list[NetworkSnapshot]:
    """The latest snapshots, oldest first (for the growth chart)."""
    rows = db.session.scalars(select(NetworkSnapshot)
                              .order_by(NetworkSnapshot.computed_at.desc(), NetworkSnapshot.id.desc())
                              .limit(limit))
    return list(reversed(list(rows)))


def latest_snapshot() -> NetworkSnapshot | None:
    return db.session.scalar(select(NetworkSnapshot)
                             .order_by(NetworkSnapshot.computed_at.desc(), NetworkSnapshot.id.desc())
                             .limit(1))


def top_brokers(limit: int = 10) -> list[tuple[Organisation, OrganisationMetrics]]:
    return list(db.session.execute(
        select(Organisation, OrganisationMetrics)
        .join(OrganisationMetrics, OrganisationMetrics.organisation_id == Organisation.id)
        .where(OrganisationMetrics.broker.is_(True))
        .order_by(OrganisationMetrics.betweenness.desc(), Organisation.id).limit(limit)).all())


def community_sizes() -> list[tuple[int, int]]:
    return list(db.session.execute(
        select(OrganisationMetrics.community, func.count())
        .where(OrganisationMetrics.community.is_not(None))
        .group_by(OrganisationMetrics.community)
        .order_by(OrganisationMetrics.community)).all())


def without_community() -> int:
    """Organisations of the last computation in no community (those without ties)."""
    return db.session.scalar(select(func.count()).select_from(OrganisationMetrics)
                             .where(OrganisationMetrics.community.is_(None))) or 0


@dataclass(frozen=True)
class TieRecords:
    total: int
    derived: int  # derived from joint work in campaigns


def tie_records() -> TieRecords:
    """The ties as recorded: a pair may hold several (one per kind, and derived ones)."""
    row = db.session.execute(select(func.count(), func.count().filter(Tie.origin == ORIGIN_DERIVED))
                             .select_from(Tie)).one()
    return TieRecords(row[0], row[1])


def heard_per_district(window: timedelta = timedelta(days=365)) -> dict[int, int]:
    """Sightings per district over ``window``, from the rumours area's published figures
    (read from its weekly totals); none without them."""
    return indicator("rumours.sightings_per_district", {}, since=today() - window)


def coverage(window: timedelta = timedelta(days=365),
             heard: dict[int, int] | None = None) -> graph.CoverageGaps:
    """District x sector cells without a member, districts with sightings but no member, and
    districts where a rumour is rising and fewer than ``COVERAGE_MIN_PARTNERS`` members work.

    A few grouped queries and a pure function: light enough for a page. Sightings and
    rising rumours come from the rumours area's published figures; without them there
    are none. ``heard``: the sightings per district over ``window``, when already read.
    """
    members = db.session.execute(select(Organisation.district_id, Organisation.sector, func.count())
                                 .group_by(Organisation.district_id, Organisation.sector)).all()
    active = list(db.session.scalars(select(District.id).where(District.active.is_(True))
                                      .order_by(District.position, District.code)))
    heard = heard_per_district(window) if heard is None else heard
    sightings = {d: n for d, n in heard.items() if d in active}
    rising = indicator("rumours.rising_per_district", {})
    return graph.coverage_gaps({(d, s): n for d, s, n in members}, active, list(SECTORS),
                               sightings, rising=rising,
                               min_partners=current_app.config["COVERAGE_MIN_PARTNERS"])


@dataclass(frozen=True)
class Step:
    organisation: Organisation
    kinds: tuple[str, ...]  # the ties to the next organisation of the chain


def introduction_chain(source: int, target: int) -> list[Step]:
    """Who can introduce ``source`` to ``target``: the organisations along the shortest chain."""
    ties = db.session.execute(select(Tie.from_organisation_id, Tie.to_organisation_id,
                                     Tie.weight, Tie.kind)).all()
    ends = {source, target} | {a for a, *_ in ties} | {b for _, b, *_ in ties}
    network = graph.build(((node, {}) for node in ends), ties)
    chain = graph.introduction_path(network, source, target) or []
    found = {o.id: o for o in db.session.scalars(select(Organisation)
                                                 .where(Organisation.id.in_(chain)))}
    if len(found) != len(chain):
        return []
    return [Step(found[node], network[node][chain[i + 1]]["kinds"] if i + 1 < len(chain) else ())
            for i, node in enumerate(chain)]


# --- exports ---------------------------------------------------------------

METRIC_COLUMNS = ("degree", "weighted_degree", "betweenness", "pagerank", "community",
                  "core_number", "burt_constraint", "broker")


def export_nodes() -> list[tuple[int, dict[str, Any]]]:
    """Every organisation with what an import needs to recreate it, and its stored metrics."""
    roles: dict[int, list[str]] = defaultdict(list)
    for organisation_id, role in db.session.execute(
            select(OrganisationRole.organisation_id, OrganisationRole.role)
            .order_by(OrganisationRole.role)):
        roles[organisation_id].append(role)
    codes = dict(db.session.execute(select(District.id, District.code)).all())
    metrics = {row.organisation_id: row for row in db.session.scalars(select(OrganisationMetrics))}
    nodes = []
    for row in db.session.execute(
            select(Organisation.id, Organisation.name, Organisation.sector,
                   Organisation.district_id, Organisation.member_since,
                   Organisation.commitment_signed_on, Organisation.description)
            .order_by(Organisation.id)):
        data: dict[str, Any] = {
            "label": row.name, "sector": row.sector, "district": codes.get(row.district_id),
            "roles": tuple(roles.get(row.id, ())), "member_since": row.member_since,
            "commitment_signed_on": row.commitment_signed_on,
            **{f"description_{locale}": (row.description or {}).get(locale) for locale in LOCALES},
        }
        if row.id in metrics:
            data.update({name: getattr(metrics[row.id], name) for name in METRIC_COLUMNS})
        nodes.append((row.id, data))
    return nodes


def export_ties() -> list[graph.ExportTie]:
    """Every tie, each with its direction, date, note and origin."""
    return [
        graph.ExportTie(
            key=f"t{row.id}", source=row.from_organisation_id, target=row.to_organisation_id,
            directed=row.kind in DIRECTED_KINDS,
            data={"kind": row.kind, "weight": row.weight, "since": row.since, "note": row.note,
                  "origin": row.origin, "origin_detail": row.origin_key})
        for row in db.session.execute(
            select(Tie.id, Tie.from_organisation_id, Tie.to_organisation_id, Tie.kind,
                   Tie.weight, Tie.since, Tie.note, Tie.origin, Tie.origin_key).order_by(Tie.id))
    ]


def export_graph(fmt: str = "gexf") -> nx.MultiGraph:
    """The network as Gephi and other tools read it: one edge per tie (see graph.for_export)."""
    return graph.for_export(export_nodes(), export_ties(), fmt)


def graph_file(fmt: str) -> bytes:
    buffer = io.BytesIO()
    writer = nx.write_gexf if fmt == "gexf" else nx.write_graphml
    writer(export_graph(fmt), buffer)
    return buffer.getvalue()


# Gephi's spreadsheet import reads Id and Label (nodes), Source, Target, Type and Weight
# (edges); the other columns become attributes there, and ours reads them all back.
NODE_HEADERS = ("Id", "Label", "sector", "district", "roles", "member_since",
                "commitment_signed_on", *(f"description_{locale}" for locale in LOCALES),
                *METRIC_COLUMNS)
EDGE_HEADERS = ("Source", "Target", "Type", "Id", "Kind", "Weight", "Since", "Note", "Origin",
                "Origin detail", "Source label", "Target label")


def node_rows(nodes: list[tuple[int, dict[str, Any]]]) -> list[list[Any]]:
    keys = [header.lower() for header in NODE_HEADERS[1:]]
    return [[node, *(data.get(key) for key in keys)] for node, data in nodes]


def edge_rows(nodes: list[tuple[int, dict[str, Any]]],
              ties: list[graph.ExportTie]) -> list[list[Any]]:
    names = {node: data["label"] for node, data in nodes}
    return [[tie.source, tie.target, "Directed" if tie.directed else "Undirected", tie.key,
             tie.data["kind"], tie.data["weight"], tie.data["since"], tie.data["note"],
             tie.data["origin"], tie.data["origin_detail"], names.get(tie.source, ""),
             names.get(tie.target, "")]
            for tie in ties]
