"""The demonstration network is realistic, bilingual and ready to explore."""

from __future__ import annotations

from sqlalchemy import func, select

from icc_network.auth.demo import demo_user
from icc_network.extensions import db
from icc_network.network.models import Contact, Decision, NetworkSnapshot, Organisation, Tie
from icc_network.network.services import analytics


def test_demo_network(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    organisations = db.session.scalars(select(Organisation)).all()
    assert 55 <= len(organisations) <= 65
    assert all(o.description.get("fr") and o.description.get("en") for o in organisations)
    assert len({o.district_id for o in organisations}) >= 8
    assert db.session.scalar(select(func.count()).select_from(Tie)) > 120
    contacts = db.session.scalars(select(Contact)).all()
    assert contacts and sum(c.consent_on is not None for c in contacts) > len(contacts) * 0.7
    partner = demo_user("partner")
    assert db.session.get(Organisation, partner.organisation_id).name == "Centre social des Moulins"
    assert any(d.overdue for d in db.session.scalars(select(Decision)))
    assert analytics.freshness().computed_at is not None
    assert db.session.scalar(select(func.count()).select_from(NetworkSnapshot)) > 12
    assert analytics.top_brokers()
