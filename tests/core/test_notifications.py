"""Notifications: in the reader's language, once per key, e-mailed by the scheduler."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from icc_network.core import notifications
from icc_network.core.clock import utcnow
from icc_network.core.models import EMAIL_NEVER, Notification
from icc_network.extensions import db

from .. import factories
from ..support import login


class FakeSMTP:
    sent: list = []
    fail_for: set = set()

    def __init__(self, host, port, timeout=None):
        self.host = host

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        if message["To"] in self.fail_for:
            raise OSError("mailbox unavailable")
        FakeSMTP.sent.append(message)


@pytest.fixture
def smtp(app, monkeypatch):
    FakeSMTP.sent, FakeSMTP.fail_for = [], set()
    monkeypatch.setattr("icc_network.core.mail.smtplib.SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.city.example")
    return FakeSMTP


def test_notification_is_rendered_in_each_readers_language(app):
    alice, bob = factories.user("staff", locale="fr"), factories.user("staff", locale="en")
    notifications.notify([alice.id, bob.id], "auth.password_reset", {"by": "Claire"})
    rows = {n.user_id: n for n in db.session.scalars(select(Notification))}
    assert "a réinitialisé" in notifications.render(rows[alice.id], "fr")
    assert "reset your password" in notifications.render(rows[bob.id], "en")


def test_dedupe_key_notifies_once_per_user():
    user = factories.user("coordinator")
    for _ in range(3):
        notifications.notify([user.id], "auth.password_reset", {"by": "x"}, dedupe_key="same-event")
    assert db.session.query(Notification).count() == 1


def test_notify_counts_the_notifications_it_creates():
    """The figures jobs and pages show come from the rows written: PostgreSQL's driver
    reports no row count for these INSERTs."""
    users = [factories.user("staff").id for _ in range(3)]
    assert notifications.notify(users, "auth.password_reset", {"by": "x"}) == 3
    assert notifications.notify(users, "auth.password_reset", {"by": "x"}, dedupe_key="k") == 3
    assert notifications.notify(users, "auth.password_reset", {"by": "x"}, dedupe_key="k") == 0
    # More rows than one page of VALUES, so the statement goes out in several.
    many = [(users[i % 3], {"by": "x"}, None, f"key-{i}") for i in range(2_500)]
    assert notifications.notify_each("auth.password_reset", many) == 2_500
    assert notifications.notify_each("auth.password_reset",
                                     [*many, (users[0], {"by": "x"}, None, "new")]) == 1
    assert db.session.query(Notification).count() == 3 + 3 + 2_501


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(KeyError):
        notifications.notify([1], "no.such.kind")


def test_admin_password_reset_notifies_the_user(client):
    admin, agent = factories.user("admin"), factories.user("agent", locale="en")
    login(client, admin)
    client.post_form(f"/admin/users/{agent.id}/password", {"new_password": "brand new secret"})
    row = db.session.scalar(select(Notification).where(Notification.user_id == agent.id))
    assert row.kind == "auth.password_reset" and row.params == {"by": admin.name}


def test_inbox_badge_read_and_read_all(client):
    user = factories.user("partner", locale="en")
    first = factories.notification(user)
    factories.notification(user)
    login(client, user)
    page = client.get("/").get_data(as_text=True)
    assert '<span class="badge text-bg-warning">2' in page
    inbox = client.get("/notifications").get_data(as_text=True)
    assert "reset your password" in inbox
    response = client.post_form(f"/notifications/{first.id}/read")
    assert response.headers["Location"] == "/account"
    assert notifications.unread_count(user.id) == 1
    assert '<span class="badge text-bg-warning">1' in client.get("/").get_data(as_text=True)
    client.post_form("/notifications/read-all")
    assert notifications.unread_count(user.id) == 0
    assert 'class="badge text-bg-warning"' not in client.get("/").get_data(as_text=True)


def test_the_badge_leaves_out_notifications_not_yet_due(client):
    user = factories.user("partner", locale="en")
    factories.notification(user)
    later = factories.notification(user)
    later.due_at = utcnow() + timedelta(days=1)
    db.session.commit()
    login(client, user)
    assert '<span class="badge text-bg-warning">1' in client.get("/").get_data(as_text=True)
    assert notifications.unread_count(user.id) == 1


def test_someone_elses_notification_cannot_be_opened(client):
    owner, other = factories.user("staff"), factories.user("staff")
    note = factories.notification(owner)
    login(client, other)
    assert client.post_form(f"/notifications/{note.id}/read").status_code == 403
    assert notifications.unread_count(owner.id) == 1


def _delivery_run() -> dict:
    """One run of the delivery job: its rows are claimed until it commits."""
    figures = notifications.deliver_emails()
    db.session.commit()
    return figures


def test_emails_are_sent_once_in_the_recipients_language(app, smtp):
    user = factories.user("coordinator", email="c@example.org", locale="fr")
    factories.notification(user)
    db.session.commit()
    assert _delivery_run() == {"emailed": 1, "failed": 0}
    assert _delivery_run() == {"emailed": 0, "failed": 0}
    message = smtp.sent[0]
    assert message["To"] == "c@example.org" and "réinitialisé" in message["Subject"]
    assert "http://localhost/account" in message.get_content()  # on the suite's PUBLIC_URL


def test_failed_emails_are_retried_then_given_up(app, smtp):
    user = factories.user("coordinator", email="bad@example.org")
    factories.notification(user)
    db.session.commit()
    smtp.fail_for = {"bad@example.org"}
    for _ in range(notifications.MAX_EMAIL_ATTEMPTS + 2):
        _delivery_run()
    row = db.session.scalar(select(Notification))
    assert row.email_attempts == notifications.MAX_EMAIL_ATTEMPTS and row.emailed_at is None
    assert "mailbox unavailable" in row.last_email_error


def test_a_user_who_chose_the_application_only_gets_no_email(app, smtp):
    user = factories.user("coordinator", email="quiet@example.org")
    user.email_notifications = EMAIL_NEVER
    factories.notification(user)
    db.session.commit()
    assert _delivery_run() == {"emailed": 0, "failed": 0}
    assert smtp.sent == [] and notifications.unread_count(user.id) == 1


def test_notifications_come_at_most_one_email_an_hour(app, smtp):
    user = factories.user("coordinator", email="c@example.org", locale="en")
    for name in ("Ada", "Bea"):
        factories.notification(user, by=name)
    db.session.commit()
    assert _delivery_run() == {"emailed": 1, "failed": 0}
    (digest,) = smtp.sent
    assert digest["Subject"] == "2 new notifications"
    body = digest.get_content()
    assert "Ada reset your password" in body and "Bea reset your password" in body
    assert "http://localhost/account" in body and "at most one e-mail an hour" in body

    factories.notification(user, by="Cy")
    db.session.commit()
    assert _delivery_run() == {"emailed": 0, "failed": 0}  # the hour is not over
    user.notifications_emailed_at -= notifications.EMAIL_EVERY
    db.session.commit()
    assert _delivery_run() == {"emailed": 1, "failed": 0}
    assert smtp.sent[1]["Subject"] == "Your password was reset"
    assert "Cy reset your password" in smtp.sent[1].get_content()


def test_a_notification_read_in_the_application_is_not_emailed(app, smtp):
    user = factories.user("partner")
    factories.notification(user)
    notifications.mark_read(user.id)
    db.session.commit()
    assert _delivery_run() == {"emailed": 0, "failed": 0}


def test_a_long_digest_lists_the_first_ones_and_counts_the_rest(app, smtp, monkeypatch):
    monkeypatch.setattr(notifications, "DIGEST_SHOWN", 2)
    user = factories.user("coordinator", locale="fr")
    for name in ("Ada", "Bea", "Cy"):
        factories.notification(user, by=name)
    db.session.commit()
    _delivery_run()
    (digest,) = smtp.sent
    assert digest["Subject"] == "3 nouvelles notifications"
    body = digest.get_content()
    assert "Cy" not in body and "1 de plus dans l’application\u00a0: http://localhost/notifications" in body
    assert db.session.scalar(select(func.count()).select_from(Notification)
                             .where(Notification.emailed_at.is_(None))) == 0


def test_without_a_mail_server_nothing_is_sent(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    factories.notification(factories.user("staff"))
    assert notifications.deliver_emails() == {"emailed": 0, "failed": 0}


def test_inbox_query_count_is_constant(client, query_counter):
    user = factories.user("staff")
    login(client, user)
    factories.notification(user)
    with query_counter() as few:
        response = client.get("/notifications")
    assert response.status_code == 200
    for _ in range(20):
        factories.notification(user)
    with query_counter() as many:
        response = client.get("/notifications?per_page=50")
    assert response.status_code == 200
    assert many.count == few.count
