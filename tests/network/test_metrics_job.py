"""The metrics job: debounced after changes, nightly, claimed by one process, stored for pages."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from icc_network.core import claims
from icc_network.core.clock import utcnow
from icc_network.core.models import Claim, JobStatus
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.network import jobs
from icc_network.network.layout import unpack
from icc_network.network.models import NetworkSnapshot, NetworkState, OrganisationMetrics
from icc_network.network.services import analytics, explorer
from icc_network.scheduler import run_job

from .. import factories as core_factories
from . import factories


def _spec(app, job_id):
    return next(s for s in job_specs(app) if s.id == job_id)


def _age_changes(seconds: int) -> None:
    db.session.execute(update(NetworkState).values(changed_at=utcnow() - timedelta(seconds=seconds)))
    db.session.commit()


def _barbell_network():
    port = core_factories.district("port", "Le Port", "The Harbour")
    left = [factories.organisation(f"Left {n}", district=port) for n in range(4)]
    right = [factories.organisation(f"Right {n}", sector="school") for n in range(4)]
    bridge = factories.organisation("Bridge", sector="library", roles=["venue"])
    for group in (left, right):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                factories.tie(a, b)
    factories.tie(left[0], bridge)
    factories.tie(bridge, right[0], "funds")
    return left, right, bridge


def test_jobs_are_registered(app):
    ids = {spec.id for spec in job_specs(app)}
    assert {"network.recompute_after_changes", "network.recompute_nightly"} <= ids


def test_a_change_waits_for_the_quiet_period_then_is_computed_once(app):
    _barbell_network()
    db.session.commit()
    spec = _spec(app, "network.recompute_after_changes")
    run_job(app, spec)
    assert db.session.get(JobStatus, spec.id).last_result == {"computed": 0}
    assert db.session.scalar(select(func.count()).select_from(NetworkSnapshot)) == 0

    _age_changes(app.config["NETWORK_RECOMPUTE_QUIET_SECONDS"] + 1)
    run_job(app, spec)
    result = db.session.get(JobStatus, spec.id).last_result
    assert result["computed"] == 1 and result["organisations"] == 9 and result["ties"] == 14

    run_job(app, spec)  # nothing changed since
    assert db.session.get(JobStatus, spec.id).last_result == {"computed": 0}
    assert db.session.scalar(select(func.count()).select_from(NetworkSnapshot)) == 1


def test_a_new_change_during_the_quiet_period_postpones_the_computation(app):
    a, b = factories.organisation(), factories.organisation()
    db.session.commit()
    _age_changes(app.config["NETWORK_RECOMPUTE_QUIET_SECONDS"] - 5)
    factories.tie(a, b)  # marks the network changed now
    db.session.commit()
    run_job(app, _spec(app, "network.recompute_after_changes"))
    assert db.session.scalar(select(func.count()).select_from(NetworkSnapshot)) == 0


def test_the_nightly_run_stores_metrics_layout_history_and_explorer_data(app):
    left, right, bridge = _barbell_network()
    db.session.commit()
    run_job(app, _spec(app, "network.recompute_nightly"))
    db.session.expire_all()
    stored = {m.organisation_id: m for m in db.session.scalars(select(OrganisationMetrics))}
    assert len(stored) == 9
    assert max(stored.values(), key=lambda m: m.betweenness).organisation_id == bridge.id
    assert stored[bridge.id].broker and stored[bridge.id].burt_constraint == pytest.approx(0.5)
    assert stored[left[1].id].community != stored[right[1].id].community
    assert all(0 <= m.x <= 1000 and 0 <= m.y <= 1000 for m in stored.values())
    snapshot = db.session.scalars(select(NetworkSnapshot)).one()
    assert (snapshot.organisations, snapshot.ties, snapshot.components) == (9, 14, 1)
    assert snapshot.trigger == "nightly" and snapshot.modularity > 0.3
    state = db.session.get(NetworkState, 1)
    assert state.computed_version == state.version
    assert db.session.get(Claim, jobs.METRICS_CLAIM) is None
    nodes, edges = unpack(json.loads(analytics.explorer_json()))
    assert len(nodes) == 9 and len(edges) == 14
    node = next(n for n in nodes if n["id"] == bridge.id)
    assert node["label"] == "Bridge" and node["roles"] == ["venue"]
    assert explorer.details(bridge.id)["broker"] is True
    assert analytics.freshness().computed_at == state.computed_at
    assert not analytics.freshness().pending


def test_a_second_process_never_computes_while_the_first_holds_the_claim(app):
    _barbell_network()
    db.session.commit()
    assert claims.take(jobs.METRICS_CLAIM, jobs.CLAIM_FOR) is not None
    run_job(app, _spec(app, "network.recompute_nightly"))
    assert db.session.get(JobStatus, "network.recompute_nightly").last_result == {"computed": 0}
    assert db.session.scalar(select(func.count()).select_from(NetworkSnapshot)) == 0


def test_an_abandoned_claim_expires(app):
    _barbell_network()
    db.session.commit()
    assert claims.take(jobs.METRICS_CLAIM, jobs.CLAIM_FOR) is not None
    db.session.execute(update(Claim).values(claimed_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    run_job(app, _spec(app, "network.recompute_nightly"))
    assert db.session.get(JobStatus, "network.recompute_nightly").last_result["computed"] == 1


def test_a_failing_computation_releases_its_claim(app, monkeypatch):
    factories.organisation()
    db.session.commit()

    def broken(*_args, **_kwargs):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(analytics, "layout", broken)
    run_job(app, _spec(app, "network.recompute_nightly"))
    status = db.session.get(JobStatus, "network.recompute_nightly")
    assert "layout exploded" in status.last_error
    db.session.expire_all()
    assert db.session.get(Claim, jobs.METRICS_CLAIM) is None
    assert db.session.scalar(select(func.count()).select_from(NetworkSnapshot)) == 0


def test_an_empty_network_computes_without_error(app):
    db.session.commit()
    run_job(app, _spec(app, "network.recompute_nightly"))
    status = db.session.get(JobStatus, "network.recompute_nightly")
    assert status.last_error is None and status.last_result["organisations"] == 0
