"""What the rumours area puts on the home page: rumours needing attention, and the
arguments the kit gained lately."""

from __future__ import annotations

from datetime import datetime, timedelta

from icc_network.core.clock import today
from icc_network.rumours.services.arguments import latest_validated
from icc_network.rumours.services.attention import needing_attention

from . import factories


def test_rumours_needing_attention_are_the_longest_overdue_with_their_number():
    day = today()
    late = [factories.rumour(status="triaged", first_detected=day - timedelta(days=90),
                             alert_deadline=day - timedelta(days=n)) for n in (3, 9, 1)]
    factories.rumour(status="validated", first_detected=day - timedelta(days=90),
                     alert_deadline=day - timedelta(days=20))  # answered: not late
    factories.rumour(status="triaged", alert_deadline=day + timedelta(days=5))
    shown = needing_attention(limit=2)
    assert [r.id for r in shown.overdue] == [late[1].id, late[0].id]
    assert shown.overdue_total == 3 and shown.expired_statistics == 0


def test_rumours_with_an_expired_statistic_are_counted_once_each():
    rumour = factories.rumour()
    factories.argument(rumour, status="expired")
    factories.argument(rumour, status="expired")
    factories.argument(factories.rumour(), status="expired")
    factories.argument(factories.rumour())
    assert needing_attention().expired_statistics == 2
    assert needing_attention().overdue == []


def test_the_latest_arguments_are_current_validated_ones_newest_first():
    rumour = factories.rumour(status="validated")
    old = factories.argument(rumour, validated_at=datetime(2026, 1, 1))
    new = factories.argument(rumour, kind="emotional", validated_at=datetime(2026, 2, 1))
    factories.argument(rumour, status="draft")
    factories.argument(rumour, valid_until=today() - timedelta(days=1),
                       validated_at=datetime(2026, 3, 1))  # past its date
    factories.argument(factories.rumour(status="archived"), validated_at=datetime(2026, 3, 2))
    assert [a.id for a in latest_validated(limit=5)] == [new.id, old.id]
    assert [a.id for a in latest_validated(limit=1)] == [new.id]
