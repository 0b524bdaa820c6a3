"""Links: local paths and absolute addresses, from requests and from jobs, on PUBLIC_URL."""

from __future__ import annotations

import pytest
from flask import url_for
from markupsafe import Markup

from icc_network.core.links import absolute_url, path_for, qr_svg
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.scheduler import run_job

from .. import factories
from ..conftest import make_test_app
from .test_notifications import FakeSMTP


@pytest.fixture
def city(database_url):
    application = make_test_app(database_url, PUBLIC_URL="https://city.example",
                                MAIL_SERVER="smtp.city.example")
    yield application
    with application.app_context():
        db.engine.dispose()


def test_a_job_outside_any_request_links_to_the_public_url(city):
    with city.app_context():
        path = path_for("rumours.index", attention="overdue")
        assert path == "/rumours?attention=overdue"
        assert absolute_url(path) == "https://city.example/rumours?attention=overdue"
        assert url_for("rumours.index", _external=True) == "https://city.example/rumours"


def test_a_public_url_with_a_path_prefixes_every_link(database_url):
    city = make_test_app(database_url, PUBLIC_URL="https://city.example/icc/")
    with city.app_context():
        assert path_for("rumours.index") == "/icc/rumours"
        assert absolute_url(path_for("rumours.index")) == "https://city.example/icc/rumours"
        db.engine.dispose()


def test_requests_are_served_on_any_host(city):
    client = city.test_client()
    for base_url in ("http://localhost", "http://10.0.0.5:8000", "https://other.example"):
        assert client.get("/healthz", base_url=base_url).status_code == 200
        assert client.get("/login", base_url=base_url).status_code == 200


def test_in_a_request_absolute_links_ignore_the_requests_host(city):
    with city.test_request_context("/", base_url="http://forged-host.example"):
        assert path_for("core.home") == "/"
        assert absolute_url("/account") == "https://city.example/account"


def test_an_emailed_notification_links_to_the_public_url(city, monkeypatch):
    FakeSMTP.sent, FakeSMTP.fail_for = [], set()
    monkeypatch.setattr("icc_network.core.mail.smtplib.SMTP", FakeSMTP)
    with city.app_context():
        factories.notification(factories.user("staff", email="s@example.org"))
        db.session.commit()
    run_job(city, next(s for s in job_specs(city) if s.id == "core.deliver_notifications"))
    assert "https://city.example/account" in FakeSMTP.sent[0].get_content()


def test_a_qr_code_is_safe_markup_whose_title_is_escaped():
    drawn = qr_svg("https://city.example/p/1", '<script>alert("x")</script>')
    assert isinstance(drawn, Markup) and "<script>" not in drawn
    assert "&lt;script&gt;" in drawn and drawn.startswith("<svg")
