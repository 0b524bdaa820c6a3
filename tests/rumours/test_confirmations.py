"""The moves that are hard to undo ask first and say what will happen; the status control
keeps "archived" apart."""

from __future__ import annotations

from icc_network.extensions import db
from icc_network.rumours.models import Rumour

from .. import factories as core
from ..support import login
from . import factories


def test_the_status_control_offers_the_workflow_without_archiving(client):
    rumour = factories.rumour(status="reported")
    login(client, core.user("coordinator", locale="en"))
    page = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert 'type="radio"' in page and 'value="triaged"' in page
    assert 'value="archived"' not in page
    assert f'href="/rumours/{rumour.id}/archive"' in page
    assert "Not assessed yet" in page


def test_triage_asks_for_a_verdict_and_keeps_what_was_typed(client):
    rumour = factories.rumour(status="reported")
    login(client, core.user("coordinator", locale="en"))
    refused = client.post_form(f"/rumours/{rumour.id}/status",
                               {"status": "triaged", "verdict": "not_assessed",
                                "note": "vu au marché"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "Choose a verdict" in page and "vu au marché" in page
    done = client.post_form(f"/rumours/{rumour.id}/status",
                            {"status": "triaged", "verdict": "unproven"})
    assert done.status_code == 302
    db.session.expire_all()
    assert (db.session.get(Rumour, rumour.id).status, rumour.verdict) == ("triaged", "unproven")


def test_archiving_says_what_will_happen_then_needs_the_confirmation(client):
    rumour = factories.rumour(status="validated", published=True)
    login(client, core.user("coordinator", locale="en"))
    page = client.get(f"/rumours/{rumour.id}/archive").get_data(as_text=True)
    assert "takes it out of the public catalogue" in page and "can be undone" in page
    assert client.post(f"/rumours/{rumour.id}/archive", data={}).status_code == 400
    done = client.post_form(f"/rumours/{rumour.id}/archive", {"note": "plus entendue"})
    assert done.status_code == 302
    db.session.expire_all()
    archived = db.session.get(Rumour, rumour.id)
    assert archived.status == "archived" and not archived.published


def test_withdrawing_from_the_catalogue_asks_first(client):
    rumour = factories.rumour(status="validated", published=True)
    login(client, core.user("coordinator", locale="en"))
    detail = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert f'href="/rumours/{rumour.id}/withdraw"' in detail
    page = client.get(f"/rumours/{rumour.id}/withdraw").get_data(as_text=True)
    assert "ClaimReview disappear" in page
    assert client.post_form(f"/rumours/{rumour.id}/withdraw").status_code == 302
    db.session.expire_all()
    assert not db.session.get(Rumour, rumour.id).published
    again = client.get(f"/rumours/{rumour.id}/withdraw")
    assert again.status_code == 302
