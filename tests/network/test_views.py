"""Network pages through the client (CSRF on): who sees what, bad input, lists and the explorer."""

from __future__ import annotations

import gzip
import json
from datetime import date, timedelta

import brotli
from sqlalchemy import func, select

from icc_network.core.clock import today
from icc_network.core.models import AuditLog
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.network.models import Decision, Organisation, Tie
from icc_network.scheduler import run_job

from .. import factories as core_factories
from ..support import login
from . import factories


def _partner_of(org, locale="en"):
    partner = core_factories.user("partner", locale=locale)
    partner.organisation_id = org.id
    return partner


def test_a_partner_edits_their_own_organisation_only(client):
    own, other = factories.organisation("Own"), factories.organisation("Other")
    login(client, _partner_of(own))
    page = client.get(f"/network/organisations/{own.id}/edit").get_data(as_text=True)
    assert 'name="member_since"' not in page  # membership dates are the city's record
    response = client.post_form(f"/network/organisations/{own.id}/edit", {
        "name": "Own (renamed)", "sector": "culture", "district_id": "", "description-fr": "Texte"})
    assert response.status_code == 302
    assert db.session.get(Organisation, own.id).name == "Own (renamed)"
    assert client.get(f"/network/organisations/{other.id}/edit").status_code == 403
    response = client.post_form(f"/network/organisations/{other.id}/edit", {
        "name": "Hijacked", "sector": "culture"})
    assert response.status_code == 403 and db.session.get(Organisation, other.id).name == "Other"
    assert client.get(f"/network/organisations/{other.id}/contacts/new").status_code == 403


def test_a_partner_without_organisation_edits_nothing(client):
    org = factories.organisation()
    login(client, core_factories.user("partner"))
    assert client.get(f"/network/organisations/{org.id}/edit").status_code == 403


def test_contacts_are_shown_to_the_organisation_and_coordinators_only(make_client):
    org = factories.organisation("Centre social")
    factories.contact(org, "Awa Ndiaye", email="awa@example.org", phone="+33 6 00 00 00 01")
    viewers = {
        "own partner": (_partner_of(org), True),
        "coordinator": (core_factories.user("coordinator"), True),
        "other partner": (_partner_of(factories.organisation("Elsewhere")), False),
        "staff": (core_factories.user("staff"), False),
        "trainer": (core_factories.user("trainer"), False),
    }
    for label, (user, sees) in viewers.items():
        browser = make_client()
        login(browser, user)
        page = browser.get(f"/network/organisations/{org.id}").get_data(as_text=True)
        for private in ("Awa Ndiaye", "awa@example.org", "+33 6 00 00 00 01"):
            assert (private in page) == sees, f"{label} and {private}"
    views = db.session.scalars(select(AuditLog).where(AuditLog.action == "contact.view")).all()
    assert [v.user_id for v in views] == [viewers["coordinator"][0].id]


def test_opening_a_contact_form_is_audited_for_outsiders(make_client):
    org = factories.organisation()
    contact = factories.contact(org)
    for user in (_partner_of(org), core_factories.user("admin")):
        browser = make_client()
        login(browser, user)
        assert "awa@example.org" in browser.get(f"/network/contacts/{contact.id}/edit").get_data(as_text=True)
    views = db.session.scalars(select(AuditLog).where(AuditLog.action == "contact.view")).all()
    assert len(views) == 1 and views[0].entity_id == str(org.id)


def test_a_tie_to_itself_and_a_duplicate_tie_are_refused_with_a_message(client):
    a, b = factories.organisation("Alpha"), factories.organisation("Beta")
    login(client, core_factories.user("coordinator", locale="fr"))
    response = client.post_form("/network/ties/new", {
        "from_organisation_id": str(a.id), "to_organisation_id": str(a.id), "kind": "collaborates",
        "weight": "2", "note": "gardé"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Un lien relie deux organisations différentes." in page
    assert "gardé" in page and db.session.scalar(select(func.count()).select_from(Tie)) == 0
    factories.tie(b, a)
    response = client.post_form("/network/ties/new", {
        "from_organisation_id": str(a.id), "to_organisation_id": str(b.id), "kind": "collaborates",
        "weight": "1"})
    assert "ont déjà un lien de cette nature" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Tie)) == 1


def test_bad_form_values_never_give_a_500(client):
    login(client, core_factories.user("coordinator"))
    for data in ({"from_organisation_id": "abc", "to_organisation_id": "999999", "kind": "x",
                  "weight": "lots"}, {"weight": "-3", "since": "31/31/2026"}):
        assert client.post_form("/network/ties/new", data).status_code == 200
    response = client.post_form("/network/organisations/new", {
        "name": "X", "sector": "circus", "district_id": "77", "roles": ["emperor"],
        "member_since": "not a date"})
    assert response.status_code == 200
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0


def test_coordinator_creates_an_organisation_and_a_contact(client):
    district = core_factories.district("gare", "Gare", "Station")
    login(client, core_factories.user("coordinator"))
    response = client.post_form("/network/organisations/new", {
        "name": "Théâtre du Fil", "sector": "culture", "district_id": str(district.id),
        "roles": ["venue", "co_organiser"], "member_since": "2024-05-01",
        "description-fr": "Un théâtre de quartier", "description-en": ""})
    assert response.status_code == 302
    org = db.session.scalar(select(Organisation))
    assert org.district_id == district.id and org.member_since == date(2024, 5, 1)
    response = client.post_form(f"/network/organisations/{org.id}/contacts/new", {
        "name": "Léa", "email": "lea@example.org", "consent_on": "2025-01-10"})
    assert response.status_code == 302
    page = client.get(f"/network/organisations/{org.id}").get_data(as_text=True)
    assert "lea@example.org" in page and "not yet translated" in page


def test_list_and_detail_use_a_constant_number_of_queries(client, query_counter):
    login(client, core_factories.user("staff"))
    first = factories.organisation(roles=["venue"])
    with query_counter() as few:
        listed = client.get("/network/")
    with query_counter() as detail_few:
        detailed = client.get(f"/network/organisations/{first.id}")
    assert listed.status_code == 200 and detailed.status_code == 200
    district = core_factories.district()
    others = [factories.organisation(district=district, roles=["venue", "trainer"]) for _ in range(30)]
    for other in others:
        factories.tie(first, other)
    with query_counter() as many:
        listed = client.get("/network/?per_page=100")
    with query_counter() as detail_many:
        detailed = client.get(f"/network/organisations/{first.id}")
    assert listed.status_code == 200 and detailed.status_code == 200
    assert many.count == few.count
    assert detail_many.count == detail_few.count


def test_list_filters_search_and_nonsense_arguments(client):
    login(client, core_factories.user("trainer"))
    factories.organisation("Bibliothèque Centrale", sector="library", roles=["venue"])
    factories.organisation("Club de rugby", sector="sport")
    page = client.get("/network/?sector=library").get_data(as_text=True)
    assert "Bibliothèque Centrale" in page and "Club de rugby" not in page
    page = client.get("/network/?q=bibliotheque").get_data(as_text=True)
    assert "Bibliothèque Centrale" in page and "Club de rugby" not in page
    for query in ("sector=zzz", "district=abc", "role=x", "community=-1", "sort=evil", "page=-3"):
        assert client.get(f"/network/?{query}").status_code == 200


def _compute(app):
    db.session.commit()
    run_job(app, next(s for s in job_specs(app) if s.id == "network.recompute_nightly"))


def test_the_explorer_data_is_precomputed_and_revalidated_with_its_etag(app, client, query_counter):
    a, b = factories.organisation("A"), factories.organisation("B")
    factories.tie(a, b)
    login(client, core_factories.user("partner"))
    # Before any computation the members are drawn already, without metrics.
    early = client.get("/network/explorer.json").get_json()["nodes"]
    assert sorted(early["label"]) == ["A", "B"] and sorted(early["new"]) == sorted(early["id"])
    _compute(app)
    response = client.get("/network/explorer.json")
    assert response.status_code == 200 and set(response.get_json()["nodes"]["label"]) == {"A", "B"}
    etag = response.headers["ETag"]
    again = client.get("/network/explorer.json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.get_data()
    with query_counter() as queries:
        revalidated = client.get("/network/explorer.json", headers={"If-None-Match": etag})
    assert revalidated.status_code == 304
    assert queries.count <= 3  # session, user, etag: the JSON itself is not read


def test_the_explorer_data_comes_compressed_and_revalidates_whatever_its_encoding(app, client):
    organisations = [factories.organisation(f"Organisation {n}") for n in range(30)]
    for a, b in zip(organisations, organisations[1:], strict=False):
        factories.tie(a, b)
    _compute(app)
    login(client, core_factories.user("staff"))
    plain = client.get("/network/explorer.json")
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        response = client.get("/network/explorer.json", headers={"Accept-Encoding": encoding})
        assert response.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response.headers["Vary"]
        assert decode(response.get_data()) == plain.get_data()
        assert response.headers["ETag"] == plain.headers["ETag"]  # weak: one for every encoding
        again = client.get("/network/explorer.json", headers={
            "Accept-Encoding": encoding, "If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304 and not again.get_data()
    metrics = client.get("/network/explorer/metrics.json", headers={"Accept-Encoding": "gzip"})
    assert len(json.loads(gzip.decompress(metrics.get_data()))["id"]) == 30
    card = client.get(f"/network/explorer/organisations/{organisations[1].id}.json")
    assert [tie["id"] for tie in card.get_json()["ties"]] == [organisations[0].id,
                                                              organisations[2].id]
    assert client.get("/network/explorer/organisations/999999.json").status_code == 404


def test_pages_say_when_metrics_were_computed(app, client):
    factories.organisation("A")
    login(client, core_factories.user("coordinator"))
    assert "have not been computed yet" in client.get("/network/analytics").get_data(as_text=True)
    _compute(app)
    page = client.get("/network/analytics").get_data(as_text=True)
    assert "Metrics computed on" in page and "The network today" in page
    factories.organisation("B")
    page = client.get("/network/").get_data(as_text=True)
    assert "Recent changes are not in them yet" in page


def test_introduction_path_page(app, client):
    a, b, c = (factories.organisation(n) for n in ("Amont", "Bief", "Confluent"))
    factories.tie(a, b, "refers")
    factories.tie(b, c)
    lonely = factories.organisation("Île")
    login(client, core_factories.user("staff"))
    page = client.get(f"/network/path?from={a.id}&to={c.id}").get_data(as_text=True)
    assert page.index("Amont") < page.index("Bief") < page.index("Confluent") and "2 introductions" in page
    page = client.get(f"/network/path?from={a.id}&to={lonely.id}").get_data(as_text=True)
    assert "No chain of ties links" in page


def test_admin_sets_the_organisation_of_a_partner(client):
    org = factories.organisation("Maison de quartier")
    partner = core_factories.user("partner", email="p@example.org")
    login(client, core_factories.user("admin"))
    form = client.get(f"/admin/users/{partner.id}/edit").get_data(as_text=True)
    assert "Maison de quartier" in form
    response = client.post_form(f"/admin/users/{partner.id}/edit", {
        "name": partner.name, "email": partner.email, "role": "partner", "locale": "en",
        "active": "y", "organisation_id": str(org.id)})
    assert response.status_code == 302
    db.session.refresh(partner)
    assert partner.organisation_id == org.id
    response = client.post_form(f"/admin/users/{partner.id}/edit", {
        "name": partner.name, "email": partner.email, "role": "partner", "locale": "en",
        "active": "y", "organisation_id": "999999"})
    assert response.status_code == 200 and "Choose an organisation from the list." in response.get_data(as_text=True)


def test_decisions_overdue_or_due_soon_appear_on_the_coordinators_home_page(client):
    member = factories.member(person="Élise Roux")
    meeting = factories.meeting(today() - timedelta(days=60))
    late = factories.decision(meeting, member, today() - timedelta(days=3))
    late.text = {"fr": "Rédiger la charte", "en": "Draft the charter"}
    soon = factories.decision(meeting, member, today() + timedelta(days=10))
    soon.text = {"fr": "Réunir les écoles", "en": "Gather the schools"}
    later = factories.decision(meeting, member, today() + timedelta(days=40))
    later.text = {"fr": "Bilan annuel", "en": "Yearly review"}
    factories.decision(meeting, member, today() - timedelta(days=9), done_on=today())
    login(client, core_factories.user("coordinator"))
    page = client.get("/").get_data(as_text=True)
    assert "Support-group decisions due" in page and "1 decision is overdue" in page
    assert "Draft the charter" in page and "Gather the schools" in page
    assert "Yearly review" not in page and page.count("Élise Roux") == 2


def test_a_decision_cannot_be_due_before_its_meeting_and_can_be_marked_done(client):
    meeting = factories.meeting(date(2026, 1, 15))
    login(client, core_factories.user("coordinator"))
    response = client.post_form(f"/network/support-group/meetings/{meeting.id}/decisions/new", {
        "text-fr": "Réunir les bibliothèques", "due_on": "2025-12-01", "owner_id": ""})
    assert "The due date cannot be before the meeting." in response.get_data(as_text=True)
    response = client.post_form(f"/network/support-group/meetings/{meeting.id}/decisions/new", {
        "text-fr": "Réunir les bibliothèques", "due_on": "2026-03-01", "owner_id": ""})
    assert response.status_code == 302
    decision = db.session.scalar(select(Decision))
    client.post_form(f"/network/support-group/decisions/{decision.id}/done", {})
    db.session.refresh(decision)
    assert decision.done_on == today()
