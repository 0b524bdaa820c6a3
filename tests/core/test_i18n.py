"""French and English: catalogues complete and in sync; pages in the user's language."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import polib

from icc_network.core.models import AuditLog
from icc_network.extensions import db

from .. import factories
from ..support import login

ROOT = Path(__file__).resolve().parents[2]
FRENCH = ROOT / "translations" / "fr" / "LC_MESSAGES" / "messages.po"


def test_french_catalogue_has_no_untranslated_or_fuzzy_entry():
    catalogue = polib.pofile(str(FRENCH))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"


def test_french_catalogue_is_in_sync_with_the_source(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "lazy_gettext", "--no-location", "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    source = {e.msgid for e in polib.pofile(str(pot))}
    catalogue = {e.msgid for e in polib.pofile(str(FRENCH)) if not e.obsolete}
    assert not source - catalogue, f"strings missing from the catalogue: {sorted(source - catalogue)[:20]}"
    assert not catalogue - source, f"stale strings in the catalogue: {sorted(catalogue - source)[:20]}"


def test_french_placeholders_match_the_source():
    import re

    pattern = re.compile(r"%\(\w+\)[sd]")
    for entry in polib.pofile(str(FRENCH)):
        if entry.msgstr:
            assert sorted(pattern.findall(entry.msgid)) == sorted(pattern.findall(entry.msgstr)), entry.msgid


def test_page_in_french_shows_french_text_and_french_dates(client):
    admin = factories.user("admin", locale="fr")
    db.session.add(AuditLog(at=datetime(2026, 3, 5, 17, 30), user_id=admin.id, action="test.event",
                            entity_type="district", details={}))
    login(client, admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Journal d’audit" in page or "Journal d'audit" in page
    assert "05/03/2026 18:30" in page  # dd/MM/yyyy, in the city's time zone (UTC+1 in March)
    assert '<html lang="fr">' in page


def test_page_in_english_shows_english_dates(client):
    admin = factories.user("admin", locale="en")
    db.session.add(AuditLog(at=datetime(2026, 7, 5, 17, 30), user_id=admin.id, action="test.event",
                            entity_type="district", details={}))
    login(client, admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    # Day, month and year, never the US "7/5/26": 5 July, at 19:30 in the city's time zone.
    assert "Audit log" in page and "5 Jul 2026, 19:30" in page and "7/5/26" not in page


def test_numbers_are_formatted_for_the_locale(app):
    from flask_babel import force_locale

    with app.test_request_context():
        template = app.jinja_env.from_string("{{ value|number(1) }}")
        with force_locale("fr"):
            assert template.render(value=1234567.5) in ("1\u202f234\u202f567,5", "1\xa0234\xa0567,5")
        with force_locale("en"):
            assert template.render(value=1234567.5) == "1,234,567.5"


def test_language_order_user_preference_first(client):
    login(client, factories.user("staff", locale="en"))
    page = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="en">' in page


def test_language_order_switcher_before_browser(client):
    client.post_form("/language", {"locale": "en", "next": "/"})
    page = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="en">' in page


def test_language_order_browser_before_city_default(app, client):
    assert app.config["BABEL_DEFAULT_LOCALE"] == "fr"
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.8"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="fr">' in page


def test_switcher_saves_the_signed_in_users_preference(client):
    user = factories.user("partner", locale="fr")
    login(client, user)
    response = client.post_form("/language", {"locale": "en", "next": "/account"})
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    db.session.refresh(user)
    assert user.locale == "en"


def test_switcher_ignores_an_outside_next(client):
    response = client.post_form("/language", {"locale": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
