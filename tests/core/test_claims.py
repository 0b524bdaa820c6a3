"""Claims: of several processes or threads only one does the work, until it lets go or dies."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from icc_network.core import claims
from icc_network.core.clock import utcnow
from icc_network.core.models import Claim, District, Notification
from icc_network.extensions import db

from .. import factories

HOLD = timedelta(minutes=5)


def _holder(name: str) -> str | None:
    db.session.expire_all()
    return db.session.scalar(select(Claim.holder).where(Claim.name == name))


def _expire(name: str) -> None:
    db.session.execute(update(Claim).where(Claim.name == name)
                       .values(claimed_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()


@pytest.mark.parametrize("expired_before", [False, True])
def test_of_claimants_racing_only_one_wins(app, expired_before):
    if expired_before:
        claims.take("test.race", HOLD)
        _expire("test.race")
    start, won = threading.Barrier(6), []

    def claimant():
        with app.app_context():
            start.wait()
            won.append(claims.take("test.race", HOLD))

    threads = [threading.Thread(target=claimant) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [claim for claim in won if claim is not None]
    assert len(won) == 6 and len(winners) == 1
    assert _holder("test.race") == winners[0].holder


def test_a_held_claim_is_refused_to_others():
    first = claims.take("test.work", HOLD)
    assert first is not None and claims.take("test.work", HOLD) is None
    assert claims.take("test.other_work", HOLD) is not None


def test_a_crashed_holders_claim_expires_and_goes_to_the_next(app):
    crashed = claims.take("test.work", HOLD)
    _expire("test.work")
    successor = claims.take("test.work", HOLD)
    assert successor is not None and _holder("test.work") == successor.holder
    db.session.commit()
    claims.release(crashed)  # the old holder, back to life, lets go of nothing
    assert _holder("test.work") == successor.holder


def test_a_released_claim_can_be_taken_again():
    claim = claims.take("test.work", HOLD)
    claims.release(claim)
    assert _holder("test.work") is None
    assert claims.take("test.work", HOLD) is not None


def test_held_lets_go_after_the_work_even_when_it_fails():
    with pytest.raises(RuntimeError), claims.held("test.work", HOLD) as claim:
        assert claim is not None and claims.take("test.work", HOLD) is None
        raise RuntimeError("the work failed")
    assert _holder("test.work") is None


def test_the_claim_is_committed_apart_from_the_sessions_work():
    db.session.add(District(code="unsaved", name={"fr": "Pas enregistré"}))
    claim = claims.take("test.work", HOLD)
    db.session.rollback()
    assert db.session.scalar(select(District).where(District.code == "unsaved")) is None
    assert _holder("test.work") == claim.holder


def test_a_claim_is_let_go_only_once_the_work_under_it_is_committed():
    claim = claims.take("test.work", HOLD)
    factories.district("done-under-claim")
    claims.release(claim)
    assert _holder("test.work") == claim.holder  # the work is not committed yet
    db.session.commit()
    assert _holder("test.work") is None


def test_on_sqlite_a_claim_after_the_sessions_first_write_is_refused_at_once():
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only: its one writer would be the session itself")
    factories.district("written")
    with pytest.raises(RuntimeError, match="before the session writes"):
        claims.take("test.work", HOLD)


def _due(limit: int | None = None):
    return select(Notification).order_by(Notification.id).limit(limit)


def _deliverable(limit: int | None = None) -> list[int]:
    rows = claims.rows_to_deliver(_due(limit), queue="test", of=Notification, hold_for=HOLD)
    return [notification.id for notification, in rows]


def test_two_deliverers_never_take_the_same_row(app):
    user = factories.user("staff")
    for _ in range(3):
        factories.notification(user)
    db.session.commit()
    first = _deliverable(limit=2)
    with app.app_context():  # a second process, while the first has not committed
        second = _deliverable()
        db.session.commit()
    assert len(first) == 2 and not set(first) & set(second)
    db.session.commit()  # the first is done: what it did not mark as sent is free again
    with app.app_context():
        assert len(_deliverable()) == 3
