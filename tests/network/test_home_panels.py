"""The support group's decisions on the coordinators' home page: overdue and due soon."""

from __future__ import annotations

from datetime import timedelta

from icc_network.core.clock import today
from icc_network.network.services.support_group import DUE_SOON_DAYS, decisions_due

from . import factories


def test_decisions_due_are_the_overdue_then_the_soonest_with_their_numbers():
    day = today()
    meeting = factories.meeting(day - timedelta(days=90))
    late = factories.decision(meeting, None, day - timedelta(days=4))
    soon = factories.decision(meeting, None, day + timedelta(days=3))
    edge = factories.decision(meeting, None, day + timedelta(days=DUE_SOON_DAYS))
    factories.decision(meeting, None, day + timedelta(days=DUE_SOON_DAYS + 1))  # not yet
    factories.decision(meeting, None, day - timedelta(days=8), done_on=day)  # done
    factories.decision(meeting, None, None)  # no date
    due = decisions_due(limit=2)
    assert [d.id for d in due.decisions] == [late.id, soon.id]
    assert (due.total, due.overdue) == (3, 1)
    assert edge.id in [d.id for d in decisions_due(limit=5).decisions]


def test_no_decision_due_gives_empty_lists_and_zeros():
    due = decisions_due()
    assert (due.decisions, due.total, due.overdue) == ([], 0, 0)
