"""The explorer, the analytics page, introduction paths, graph exports and imports."""

from __future__ import annotations

import json
from collections.abc import Callable

from flask import (
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ...core import exports, imports
from ...core.i18n import localised
from ...core.maps import district_map, totals_by_district
from ...core.permissions import require
from ...core.services import districts
from ...core.text import to_int
from .. import bp
from ..forms import ImportForm
from ..services import analytics, importing, organisations
from ..services import explorer as live_explorer
from ..vocab import METRIC_HELP, METRICS, ROLES, SECTORS, TIE_KINDS


@bp.get("/explorer")
@require("network.view")
def explorer():
    labels = {
        "sectors": {k: str(v) for k, v in SECTORS.items()},
        "roles": {k: str(v) for k, v in ROLES.items()},
        "kinds": {k: str(v) for k, v in TIE_KINDS.items()},
        # Pairs, not a mapping: the JSON filter sorts keys and the order matters here.
        "metrics": [[k, str(v)] for k, v in METRICS.items()],
        "districts": {str(d.id): localised(d.name).text or d.code for d in districts()},
        "community": _("Community %(n)s", n="{n}"),
        "none": _("None"),
        "other": _("Other (grey)"),
        "shown": _("%(shown)s of %(total)s organisations shown", shown="{shown}", total="{total}"),
        "ties": _("Ties"),
        "broker": _("Broker"),
        "open": _("Open the organisation's page"),
        "not_computed": _("The metrics have not been computed yet."),
        "no_match": _("No organisation matches this search."),
        "found": _("%(n)s organisations match: choose one in the list.", n="{n}"),
        "outgoing": _("from this organisation"),
        "incoming": _("towards this organisation"),
    }
    return render_template("network/explorer.html", labels=labels, sectors=SECTORS, roles=ROLES,
                           metrics=METRICS, districts=districts(),
                           metric_texts=METRIC_HELP,
                           freshness=analytics.freshness())


@bp.get("/explorer.json")
@require("network.view")
def explorer_data():
    """The explorer's first view (stored, brought up to date after changes)."""
    return _revalidated(live_explorer.data)


@bp.get("/explorer/metrics.json")
@require("network.view")
def explorer_metrics():
    """Every metric of every organisation, asked for when the user sizes the nodes by one."""
    return _revalidated(lambda: json.dumps(live_explorer.metrics(), separators=(",", ":")))


@bp.get("/explorer/organisations/<int:organisation_id>.json")
@require("network.view")
def explorer_organisation(organisation_id: int):
    """An organisation's card in the explorer: its metrics and its ties."""
    def body() -> str:
        found = live_explorer.details(organisation_id) or abort(404)
        return json.dumps(found, separators=(",", ":"))

    return _revalidated(body)


def _revalidated(body: Callable[[], str]) -> Response:
    """JSON that browsers keep and revalidate: 304 without reading it while the network and
    its metrics are unchanged. The ETag is weak: the same data, whatever its compression."""
    etag = live_explorer.etag()
    if etag and request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        response = Response(body(), mimetype="application/json")
    if etag:
        response.set_etag(etag, weak=True)
    response.cache_control.private = True
    response.cache_control.no_cache = True
    return response


@bp.get("/analytics")
@require("network.view")
def analytics_page():
    heard = analytics.heard_per_district()
    coverage = analytics.coverage(heard=heard)
    return render_template(
        "network/analytics.html", freshness=analytics.freshness(),
        latest=analytics.latest_snapshot(), history=analytics.history(),
        brokers=analytics.top_brokers(), communities=analytics.community_sizes(),
        without_community=analytics.without_community(), tie_records=analytics.tie_records(),
        metric_texts=METRIC_HELP,
        coverage=coverage, districts=districts(), sectors=SECTORS,
        partner_map=district_map(totals_by_district(coverage.counts),
                                 _("Map of the members of the network per district")),
        sightings_map=district_map(heard, _("Map of the sightings per district, "
                                            "last twelve months")),
        min_partners=current_app.config["COVERAGE_MIN_PARTNERS"])


@bp.get("/path")
@require("network.view")
def path():
    source = to_int(request.args.get("from"))
    target = to_int(request.args.get("to"))
    chain = None
    if source and target:
        chain = analytics.introduction_chain(source, target)
    return render_template("network/path.html", options=organisations.organisation_choices(),
                           source=source, target=target, chain=chain,
                           asked=bool(source and target), kinds=TIE_KINDS)


@bp.get("/export.<any(gexf, graphml):fmt>")
@require("network.export")
def graph_export(fmt: str):
    mimetype = "application/gexf+xml" if fmt == "gexf" else "application/graphml+xml"
    return Response(analytics.graph_file(fmt), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="network.{fmt}"'})


@bp.get("/export/<any(nodes, edges):part>.csv")
@require("network.export")
def graph_table_export(part: str):
    nodes = analytics.export_nodes()
    if part == "nodes":
        return exports.table_response("csv", analytics.NODE_HEADERS, analytics.node_rows(nodes),
                                      "network-nodes")
    return exports.table_response("csv", analytics.EDGE_HEADERS,
                                  analytics.edge_rows(nodes, analytics.export_ties()),
                                  "network-edges")


@bp.route("/import", methods=["GET", "POST"])
@require("network.manage")
def import_upload():
    form = ImportForm()
    upload = imports.check_upload(form, _check, current_user.id)
    return render_template("network/import.html", form=form, upload=upload, kinds=TIE_KINDS)


@bp.post("/import/confirm")
@require("network.manage")
def import_confirm():
    imported = imports.confirm_upload(
        (importing.ORGANISATIONS, importing.TIES), _check,
        lambda checked, pending: importing.apply(checked.kind, checked.preview,
                                                 actor=current_user, filename=pending.filename),
        current_user.id,
        success=lambda checked, added: _(
            "%(added)s rows imported; %(present)s were already in the network.",
            added=added, present=checked.preview.already_present))
    if not imported:
        return redirect(url_for("network.import_upload"))
    checked, _added = imported.value
    return redirect(url_for("network.organisations" if checked.kind == importing.ORGANISATIONS
                            else "network.ties"))


def _check(filename: str, data: bytes):
    return importing.check_file(filename, data, _default_locale())


def _default_locale() -> str:
    return current_app.config["BABEL_DEFAULT_LOCALE"]
