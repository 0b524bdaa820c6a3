"""The figures jobs report (the status page shows them) count what they did, on either engine."""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

import icc_network
from icc_network.agents.models import AgentMessage
from icc_network.core.clock import today
from icc_network.core.models import JobStatus, Notification
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.scheduler import run_job

from .. import factories as core
from ..agents import factories as agents
from ..rumours import factories as rumours


def _run(app, job_id: str) -> dict:
    db.session.commit()
    run_job(app, next(spec for spec in job_specs(app) if spec.id == job_id))
    db.session.expire_all()
    status = db.session.get(JobStatus, job_id)
    assert status.last_error is None, status.last_error
    return status.last_result


def _created(*kinds: str) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification)
                             .where(Notification.kind.in_(kinds)))


def test_the_nightly_rumour_job_reports_the_notifications_it_created(app):
    coordinators = [core.user("coordinator") for _ in range(3)]
    past, detected = today() - timedelta(days=2), today() - timedelta(days=20)
    for _ in range(2):  # each to its assignee
        rumours.rumour(status="triaged", assignee_id=coordinators[0].id, first_detected=detected,
                       alert_deadline=past)
    for _ in range(5):  # nobody's: one summary to each coordinator
        rumours.rumour(status="triaged", first_detected=detected, alert_deadline=past)
    unassigned = rumours.rumour(status="validated", published=True)
    for _ in range(2):  # each told to every coordinator
        rumours.argument(unassigned, valid_until=today() - timedelta(days=1))
    rumours.argument(unassigned, valid_until=today() + timedelta(days=3))

    figures = _run(app, "rumours.expire_arguments")
    assert (figures["overdue"], figures["expired"], figures["expiring"]) == (7, 2, 1)
    assert figures["overdue_notified"] == _created("rumours.alert_overdue",
                                                   "rumours.alerts_overdue") == 2 + 3
    assert figures["notified"] == _created("rumours.argument_expired") == 2 * 3
    assert figures["expiring_notified"] == _created("rumours.argument_expiring") == 3
    again = _run(app, "rumours.expire_arguments")
    assert again["notified"] == again["expiring_notified"] == again["overdue_notified"] == 0


def test_the_refresher_job_reports_the_notices_and_e_mails_it_created(app):
    core.user("trainer"), core.user("trainer")
    account = core.user("agent")
    person = agents.agent(status="certified", user=account, last_activity_on=today())
    expires = today() + timedelta(days=30)
    agents.certificate(person, agents.programme(), issued_on=expires - timedelta(days=700),
                       expires_on=expires)

    figures = _run(app, "agents.refreshers")
    assert figures["certificates"] == 1
    assert figures["notified"] == _created("agents.certificates_expiring",
                                           "agents.own_certificate_expiring") == 2 + 1
    assert figures["planned"] == db.session.scalar(
        select(func.count()).select_from(AgentMessage)) == 1
    assert _run(app, "agents.refreshers")["notified"] == 0


def _reads_an_insert_row_count(function: ast.AST) -> bool:
    names = {node.attr if isinstance(node, ast.Attribute) else node.id
             for node in ast.walk(function) if isinstance(node, ast.Attribute | ast.Name)}
    return "rowcount" in names and bool({"insert", "from_select"} & names)


def test_no_figure_is_read_from_the_row_count_of_an_insert():
    """psycopg reports -1 for an INSERT of many rows or of a SELECT: a count read from it
    is 0 on PostgreSQL. Count the rows given, returned or selected instead (core.sql)."""
    root = Path(icc_network.__file__).parent
    offenders = [f"{path.relative_to(root)}:{node.name}"
                 for path in sorted(root.rglob("*.py"))
                 for node in ast.walk(ast.parse(path.read_text()))
                 if isinstance(node, ast.FunctionDef) and _reads_an_insert_row_count(node)]
    assert offenders == []
