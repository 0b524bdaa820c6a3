"""The certificate page, public verification and their personal-data rules, through the client."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from icc_network.core.clock import today
from icc_network.core.models import AuditLog
from icc_network.extensions import db

from .. import factories as core_factories
from ..support import login
from . import factories


def _audits(action: str) -> list[AuditLog]:
    return list(db.session.scalars(select(AuditLog).where(AuditLog.action == action)))


def _certified(locale: str = "fr", *, user=None, **certificate):
    person = factories.agent("Awa", "Diallo", email="awa.diallo@example.org", status="certified",
                             user=user, locale=locale)
    programme = factories.programme("Formation de base")
    return person, programme, factories.certificate(person, programme, **certificate)


def test_an_agent_sees_their_certificate_in_their_language_with_code_and_qr(client):
    account = core_factories.user("agent", locale="en")
    person, programme, certificate = _certified("fr", user=account, issued_on=date(2026, 3, 9))
    login(client, account)
    response = client.get(f"/agents/certificates/{certificate.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'lang="fr"' in page and "9 mars 2026" in page and "9 mars 2028" in page
    assert "Awa Diallo" in page and "Formation de base" in page and certificate.code in page
    assert "<svg" in page and "certificate-qr" in page
    assert f"http://localhost/agents/verify/{certificate.code}" in page
    assert "css/certificate-print." in page and "js/print." in page  # versioned names
    assert " style=" not in page.split('<main', 1)[1]  # the CSP allows no inline style
    assert _audits("agent.certificate_view") == []  # their own data: nothing to audit


def test_an_english_speaking_agent_gets_an_english_certificate(client):
    trainer = core_factories.user("trainer", locale="fr")
    person, _programme, certificate = _certified("en", issued_on=date(2026, 3, 9))
    login(client, trainer)
    page = client.get(f"/agents/certificates/{certificate.id}").get_data(as_text=True)
    assert 'lang="en"' in page and "9 March 2026" in page


def test_a_trainer_opening_a_certificate_is_audited(client):
    trainer = core_factories.user("trainer")
    person, _programme, certificate = _certified()
    login(client, trainer)
    assert client.get(f"/agents/certificates/{certificate.id}").status_code == 200
    [entry] = _audits("agent.certificate_view")
    assert entry.user_id == trainer.id and entry.entity_id == str(person.id)
    assert "Awa" not in str(entry.details) and entry.details["certificate_id"] == certificate.id


def test_an_agent_cannot_open_someone_elses_certificate(client):
    account = core_factories.user("agent")
    factories.agent(user=account, status="certified")
    _person, _programme, certificate = _certified()
    login(client, account)
    assert client.get(f"/agents/certificates/{certificate.id}").status_code == 403
    assert client.get("/agents/certificates/999999").status_code == 404


def test_partners_and_staff_never_see_a_certificate(make_client):
    _person, _programme, certificate = _certified()
    for role in ("partner", "staff"):
        browser = make_client()
        login(browser, core_factories.user(role))
        assert browser.get(f"/agents/certificates/{certificate.id}").status_code == 403


def test_verification_shows_minimal_data(client):
    _person, programme, certificate = _certified(issued_on=date(2026, 3, 9),
                                                 expires_on=date(2099, 3, 9))
    page = client.get(f"/agents/verify/{certificate.code}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Valid certificate" in page and "Awa D." in page
    assert "Diallo" not in page and "awa.diallo" not in page and "06 00" not in page
    assert "9 March 2026" in page and programme.name["en"] in page
    assert "2099" not in page  # the expiry date of a valid certificate is not needed


def test_verification_accepts_a_code_typed_loosely(client):
    _person, _programme, certificate = _certified()
    typed = certificate.code.replace("-", " ").lower()
    response = client.get("/agents/verify", query_string={"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/agents/verify/{certificate.code}")
    assert client.get(f"/agents/verify/{certificate.code.replace('-', '').lower()}"
                      ).status_code == 200
    assert client.get(f"/agents/verify/{certificate.code}-ABCD").status_code == 404
    assert client.get(f"/agents/verify/{certificate.code[:-1]}").status_code == 404
    page = client.get("/agents/verify", query_string={"code": "!!!"}).get_data(as_text=True)
    assert "Saisissez le code imprimé sur le certificat." in page


def test_an_expired_certificate_verifies_as_expired(client):
    _person, _programme, certificate = _certified(issued_on=date(2020, 1, 10),
                                                  expires_on=date(2022, 1, 10))
    page = client.get(f"/agents/verify/{certificate.code}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Expired on 10 January 2022" in page and "Valid certificate" not in page


def test_a_revoked_certificate_verifies_as_not_valid(client):
    _person, _programme, certificate = _certified(revoked_at=datetime(2026, 4, 1))
    page = client.get(f"/agents/verify/{certificate.code}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Not valid (revoked)" in page and "Valid certificate" not in page


def test_an_unknown_code_is_a_clear_404(client):
    response = client.get("/agents/verify/ABCD-EFGH-JKMN", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "There is no certificate with this code." in response.get_data(as_text=True)
    assert client.get("/agents/verify/%00%3Cscript%3E").status_code == 404
    assert client.get("/agents/verify/" + "x" * 500).status_code == 404


def test_an_erased_persons_certificate_verifies_without_a_name(client):
    person, _programme, certificate = _certified(expires_on=date(2099, 1, 1))
    person.erased_at = datetime(2026, 5, 1)
    page = client.get(f"/agents/verify/{certificate.code}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Valid certificate" in page and "Awa" not in page and "Holder" not in page


def test_the_verification_page_speaks_french(client):
    _person, _programme, certificate = _certified(issued_on=date(2026, 3, 9))
    page = client.get(f"/agents/verify/{certificate.code}",
                      headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_data(as_text=True)
    assert '<html lang="fr"' in page and "9 mars 2026" in page and "Formation de base" in page


def test_verification_writes_nothing(client):
    _person, _programme, certificate = _certified()
    client.get(f"/agents/verify/{certificate.code}")
    assert db.session.scalar(select(AuditLog.id)) is None
    assert certificate.valid_on(today()) in (True, False)
