"""Records every role's dashboard lists, for the home page's tests (HTTP and browser)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icc_network.agents.services import reports
from icc_network.core.calendar import city_today
from icc_network.core.clock import today

from .. import factories
from ..agents import factories as agents
from ..campaigns import factories as campaigns
from ..evaluation import factories as evaluation
from ..network import factories as network
from ..rumours import factories as rumours


def account(role: str, organisation=None, locale: str = "en"):
    """A signed-in user of ``role``: a partner of ``organisation``, an agent with a record."""
    user = factories.user(role, locale=locale)
    if role == "partner":
        user.organisation_id = organisation.id
    if role == "agent":
        agents.agent(user=user, status="certified")
    return user


def records(n: int, organisation) -> None:
    """``n`` of everything each dashboard lists."""
    reports._CACHE.clear()  # the trainers' counts are kept while the record is unchanged
    day = today()
    meeting = network.meeting(day - timedelta(days=30))
    programme = agents.programme(threshold_hours=8, modules=((8, True),))
    month_start = datetime.combine(city_today().replace(day=1), datetime.min.time())
    for i in range(n):
        rumour = rumours.rumour(status="triaged", first_detected=day - timedelta(days=60),
                                alert_deadline=day - timedelta(days=i + 1))
        rumours.argument(rumours.rumour(status="validated"), validated_at=datetime(2026, 1, i + 1))
        rumours.argument(rumour, status="expired")
        rumours.sighting(rumour, hateful=True)  # a report waiting in the hateful queue
        rumours.rumour(status="reported")  # a new report waiting for triage
        running = campaigns.campaign(status="running", starts_on=day - timedelta(days=5),
                                     ends_on=day + timedelta(days=30 + i))
        campaigns.participation(running, organisation, state="accepted")
        network.decision(meeting, None, day + timedelta(days=i - 1))
        session = agents.session(programme, starts_at=month_start + timedelta(hours=10 + i),
                                 hours=7)
        agents.attendance(session, agents.agent(status="in_training"), minutes=7 * 60)
        agents.certificate(agents.agent(status="certified"), programme,
                           issued_on=day - timedelta(days=700),
                           expires_on=day + timedelta(days=10 + i))
        measure = evaluation.measure(headline=True, position=i)
        evaluation.measure_run(measure, [(date(2026, 1, 1), 4.0), (date(2026, 2, 1), 6.0)])
