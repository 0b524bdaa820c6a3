"""Each user chooses on their account page whether notifications reach them by e-mail."""

from __future__ import annotations

from sqlalchemy import select

from icc_network.auth.models import User
from icc_network.core.models import AuditLog
from icc_network.extensions import db

from .. import factories
from ..support import login


def test_e_mails_are_on_until_the_user_turns_them_off(client):
    user = factories.user("coordinator", locale="en")
    login(client, user)
    page = client.get("/account").get_data(as_text=True)
    assert "How notifications reach me" in page
    assert '<input checked class="form-check-input" id="email_notifications-0"' in page
    assert 'type="radio" value="hourly"' in page
    assert "at most one e-mail an hour" in page


def test_the_choice_is_saved_and_audited(client):
    user = factories.user("partner", locale="en")
    login(client, user)
    response = client.post_form("/account/notifications", {"email_notifications": "never"})
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    db.session.expire_all()
    assert db.session.get(User, user.id).email_notifications == "never"
    (entry,) = db.session.scalars(select(AuditLog).where(
        AuditLog.action == "user.email_notifications"))
    assert entry.user_id == user.id and entry.entity_id == str(user.id)
    assert entry.details == {"changes": {"email_notifications": ["hourly", "never"]}}
    assert "Your choice of notifications has been saved." in client.get("/account").get_data(
        as_text=True)


def test_saving_the_same_choice_again_records_nothing(client):
    user = factories.user("agent", locale="en")
    login(client, user)
    client.post_form("/account/notifications", {"email_notifications": "hourly"})
    assert db.session.scalar(select(AuditLog).where(
        AuditLog.action == "user.email_notifications")) is None


def test_an_unknown_choice_is_refused_with_a_message(client):
    user = factories.user("staff", locale="en")
    login(client, user)
    for data in ({"email_notifications": "daily"}, {}):
        response = client.post_form("/account/notifications", data)
        assert response.status_code == 400
        assert "invalid-feedback" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).email_notifications == "hourly"


def test_the_choice_reads_in_french_with_its_audit_label(client):
    user = factories.user("coordinator", locale="fr")
    login(client, user)
    page = client.get("/account").get_data(as_text=True)
    assert "Comment les notifications me parviennent" in page
    client.post_form("/account/notifications", {"email_notifications": "never"})
    admin = factories.user("admin", locale="fr")
    login(client, admin)
    log = client.get("/admin/audit").get_data(as_text=True)
    assert ">user.email_notifications<" not in log and "never" not in log
    assert "Choix des notifications par e-mail modifié" in log
    assert "Dans l’application seulement, jamais par e-mail" in log
