"""The application factory: configuration, database set-up, health, headers, errors."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from icc_network import create_app
from icc_network.extensions import db

from ..conftest import make_test_app


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"ENV_NAME": "production", "SECRET_KEY": "", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.mark.parametrize("weak", ["changeme", "dev", "short-but-not-empty"])
def test_production_refuses_a_trivial_secret_key(weak):
    with pytest.raises(RuntimeError):
        create_app({"ENV_NAME": "production", "SECRET_KEY": weak, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_starts_with_a_real_secret_key():
    app = create_app({"ENV_NAME": "production", "SECRET_KEY": "k" * 16 + "0123456789abcdef0123",
                      "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SECRET_KEY"].startswith("kkkk")


def test_scheduler_is_not_started_by_the_factory(app):
    import threading

    names = [t.name for t in threading.enumerate()]
    assert not any("APScheduler" in n for n in names)


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def _unreachable_sqlite(tmp_path) -> str:
    return f"sqlite:///{tmp_path}"  # a directory: SQLite refuses to open it, at once


def _unreachable_postgresql(tmp_path) -> str:
    pytest.importorskip("psycopg")
    # A Unix socket in an empty directory: refused at once, with no network and no timeout.
    return f"postgresql+psycopg://nobody@/none?host={tmp_path / 'no-server-here'}"


@pytest.mark.parametrize("unreachable", [_unreachable_sqlite, _unreachable_postgresql],
                         ids=["sqlite", "postgresql"])
def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path, unreachable):
    app = create_app({"ENV_NAME": "testing", "SECRET_KEY": "x" * 40, "TESTING": True,
                      "SQLALCHEMY_DATABASE_URI": unreachable(tmp_path)})
    try:
        response = app.test_client().get("/healthz")
    finally:
        with app.app_context():
            db.engine.dispose()
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "unreachable"}


def test_sqlite_connections_enforce_foreign_keys_wal_and_busy_timeout(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_each_app_reads_its_sqlite_busy_timeout_from_its_own_config(app, database_url):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    patient = make_test_app(database_url, SQLITE_BUSY_TIMEOUT_MS=9000)
    hasty = make_test_app(database_url, SQLITE_BUSY_TIMEOUT_MS=250)
    for application, expected in ((patient, 9000), (hasty, 250)):
        with application.app_context():
            with db.engine.connect() as connection:
                assert connection.execute(text("PRAGMA busy_timeout")).scalar() == expected
            db.engine.dispose()


def test_security_headers_on_every_response(client):
    for path in ("/", "/login", "/healthz", "/missing-page"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_httponly_lax_and_secure_over_https(client):
    response = client.get("/login", base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    plain = client.get("/login", base_url="http://localhost").headers.get("Set-Cookie", "")
    assert "Secure" not in plain


def test_no_asset_comes_from_another_origin(client):
    page = client.get("/login").get_data(as_text=True)
    assert "http://" not in page.replace("http://localhost", "")
    assert "https://" not in page


def test_oversized_request_gets_413_page(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024)
    response = client.post("/login", data={"email": "x" * 5000}, headers={"Accept-Language": "en"})
    assert response.status_code == 413
    assert "File too large" in response.get_data(as_text=True)


@pytest.mark.parametrize("language, title", [("fr", "Page introuvable"), ("en", "Page not found")])
def test_404_page_in_both_languages(client, language, title):
    response = client.get("/no-such-page", headers={"Accept-Language": language})
    assert response.status_code == 404
    assert title in response.get_data(as_text=True)


def test_405_page_for_a_get_on_a_post_only_route(client):
    response = client.get("/logout", headers={"Accept-Language": "en"})
    assert response.status_code == 405
    assert "Method not allowed" in response.get_data(as_text=True)


def test_error_page_asked_as_json_answers_json(client):
    response = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.json["error"]


@pytest.mark.parametrize("language, text", [("fr", "Une erreur inattendue"), ("en", "An unexpected error")])
def test_500_page_in_both_languages(database_url, language, text):
    app = make_test_app(database_url, PROPAGATE_EXCEPTIONS=False, TESTING=False)

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom", headers={"Accept-Language": language})
    assert response.status_code == 500
    assert text in response.get_data(as_text=True)
