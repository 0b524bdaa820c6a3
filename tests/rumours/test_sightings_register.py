"""The sightings register: filters, key pagination, export, hateful words per role, correction
and removal."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from icc_network.core.clock import today
from icc_network.core.models import AuditLog
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db
from icc_network.rumours.models import Rumour, Sighting, SightingWeek
from icc_network.rumours.services import register
from icc_network.rumours.services.sightings import SightingInput
from icc_network.rumours.services.stats import rebuild_aggregates

from .. import factories as core
from ..network import factories as network
from ..support import count_queries, login
from . import factories


def _rows(page: str) -> int:
    body = page.split('id="register"', 1)[1].split("</tbody>", 1)[0]
    return body.count("<tr>") - 1  # the header row


def test_each_filter_narrows_the_register(client):
    district = core.district()
    rumour, other = factories.rumour("Ils prennent le travail"), factories.rumour("Autre chose")
    organisation = network.organisation("Maison du quartier")
    partner = core.user("partner")
    partner.organisation_id = organisation.id
    old = today() - timedelta(days=40)
    factories.sighting(rumour, district_id=district.id)
    factories.sighting(rumour, seen_on=old, hateful=True)
    elsewhere = factories.sighting(other, reporter_id=partner.id)
    elsewhere.sphere, elsewhere.channel = "school", "social_media"
    login(client, core.user("coordinator"))
    cases = {"": 3, f"rumour={rumour.id}": 2, f"district={district.id}": 1, "sphere=school": 1,
             "channel=social_media": 1, f"from={(old + timedelta(days=1)).isoformat()}": 2,
             f"to={old.isoformat()}": 1, f"organisation={organisation.id}": 1,
             "hateful=yes": 1, "hateful=no": 2, "organisation=999999": 0}
    for query, expected in cases.items():
        page = client.get(f"/sightings?{query}").get_data(as_text=True)
        assert _rows(page) == expected or (expected == 0 and "No sighting matches" in page), query
    page = client.get(f"/sightings?organisation={organisation.id}").get_data(as_text=True)
    assert "Maison du quartier" in page and partner.email not in page and partner.name not in page


def test_pages_follow_each_other_by_key_without_gap_or_repeat(app_context):
    rumour = factories.rumour()
    made = [factories.sighting(rumour, seen_on=today() - timedelta(days=n % 4)) for n in range(7)]
    filters, seen = register.RegisterFilters(), []
    page = register.register_page(filters, 3)
    assert page.total == 7 and page.newer is None
    while True:
        seen.extend(s.id for s, _org in page.items)
        if page.older is None:
            break
        page = register.register_page(filters, 3, older_than=page.older)
    assert sorted(seen) == sorted(s.id for s in made) and len(seen) == 7
    days = [db.session.get(Sighting, i).seen_on for i in seen]
    assert days == sorted(days, reverse=True)
    back = register.register_page(filters, 3, newer_than=(days[3], seen[3]))
    assert [s.id for s, _org in back.items] == seen[:3] and back.newer is None


def test_the_count_is_capped(app_context, monkeypatch):
    rumour = factories.rumour()
    for _ in range(4):
        factories.sighting(rumour)
    monkeypatch.setattr(register, "COUNT_CAP", 3)
    page = register.register_page(register.RegisterFilters(), 2)
    assert page.capped and page.total == 3


def test_the_page_costs_the_same_queries_whatever_its_length(app, client):
    organisation = network.organisation()
    partner = core.user("partner")
    partner.organisation_id = organisation.id
    rumour = factories.rumour()
    factories.sighting(rumour, reporter_id=partner.id, district_id=core.district().id)
    login(client, core.user("coordinator"))
    with count_queries(app) as few:
        client.get("/sightings")
    for n in range(15):
        factories.sighting(factories.rumour(), reporter_id=partner.id,
                           district_id=core.district().id, verbatim=f"mot {n}")
    with count_queries(app) as many:
        client.get("/sightings")
    assert many.count == few.count


def test_hateful_words_reach_coordinators_on_the_page_and_never_in_the_export(client):
    rumour = factories.rumour()
    factories.sighting(rumour, hateful=True, verbatim="insulte grave")
    factories.sighting(rumour, verbatim="mots ordinaires")
    login(client, core.user("trainer"))
    page = client.get("/sightings").get_data(as_text=True)
    assert "mots ordinaires" in page and "insulte grave" not in page and "withheld" in page
    assert "/edit" not in page
    export = client.get("/sightings/export?format=csv").get_data(as_text=True)
    assert "mots ordinaires" in export and "insulte grave" not in export
    login(client, core.user("coordinator"))
    assert "insulte grave" in client.get("/sightings").get_data(as_text=True)
    # A file leaves the application: hateful words stay where reading them is audited.
    export = client.get("/sightings/export?format=csv").get_data(as_text=True)
    assert "mots ordinaires" in export and "insulte grave" not in export
    for role in ("partner", "staff", "agent"):
        login(client, core.user(role))
        assert client.get("/sightings").status_code == 403
        assert client.get("/sightings/export").status_code == 403


def test_the_csv_uses_the_separator_of_the_readers_language_with_a_bom(client):
    rumour = factories.rumour("Ils prennent le travail", "They take jobs")
    factories.sighting(rumour, verbatim="des mots")
    login(client, core.user("coordinator", locale="fr"))
    french = client.get("/sightings/export?format=csv").get_data(as_text=True)
    assert french.startswith("\ufeff")
    header = french[1:].splitlines()[0]
    assert header.split(";")[0] == "Numéro" or ";" in header
    assert "Ils prennent le travail" in french and french.splitlines()[1].count(";") >= 12
    login(client, core.user("coordinator", locale="en"))
    english = client.get("/sightings/export?format=csv").get_data(as_text=True)
    assert english.startswith("\ufeff") and english[1:].startswith("Number,Date,")
    assert "They take jobs" in english


def test_the_xlsx_export_has_headers_and_is_audited_when_it_carries_words(client):
    rumour = factories.rumour()
    factories.sighting(rumour, verbatim="des mots")
    factories.sighting(rumour)
    login(client, core.user("coordinator"))
    response = client.get("/sightings/export?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Number" and rows[0][-1] == "Reporter's organisation" and len(rows) == 3
    audited = db.session.scalar(select(AuditLog).where(AuditLog.action == "sighting.export"))
    assert audited is not None and audited.details["verbatims"] == 1
    db.session.delete(db.session.get(Sighting, rows[1][0] if rows[1][11] else rows[2][0]))
    db.session.commit()
    client.get("/sightings/export?format=xlsx")
    assert len(db.session.scalars(select(AuditLog).where(
        AuditLog.action == "sighting.export")).all()) == 1


def test_a_correction_moves_the_sighting_scrubs_its_words_and_refreshes_both_rumours(client):
    before = today() - timedelta(days=20)
    first, second = factories.rumour("Premier"), factories.rumour("Second")
    sighting = factories.sighting(first, seen_on=before)
    factories.sighting(first, seen_on=before - timedelta(days=30))
    rebuild_aggregates()
    db.session.commit()
    login(client, core.user("coordinator"))
    assert client.get(f"/sightings/{sighting.id}/edit").status_code == 200
    response = client.post_form(f"/sightings/{sighting.id}/edit", {
        "rumour_id": str(second.id), "seen_on": today().isoformat(), "district_id": "",
        "sphere": "market", "venue": "", "channel": "conversation", "people_count": "3",
        "language": "fr", "verbatim": "Écrivez à jean@example.org", "hateful": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    moved = db.session.get(Sighting, sighting.id)
    assert moved.rumour_id == second.id and moved.hateful and "@" not in moved.verbatim
    assert db.session.get(Rumour, first.id).sighting_count == 1
    assert db.session.get(Rumour, first.id).last_sighted_on == before - timedelta(days=30)
    assert db.session.get(Rumour, second.id).sighting_count == 1
    assert db.session.get(Rumour, second.id).last_sighted_on == today()
    weeks = {(w.rumour_id, w.sightings) for w in db.session.scalars(select(SightingWeek))}
    assert weeks == {(first.id, 1), (second.id, 1)}
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "sighting.correct"))
    assert entry.details["changes"]["rumour_id"] == [first.id, second.id]
    assert entry.details["changes"]["people_count"] == [1, 3]


def test_a_bad_correction_keeps_what_was_typed(client):
    sighting = factories.sighting(factories.rumour())
    login(client, core.user("coordinator"))
    future = (today() + timedelta(days=3)).isoformat()
    response = client.post_form(f"/sightings/{sighting.id}/edit", {
        "rumour_id": str(sighting.rumour_id), "seen_on": future, "district_id": "",
        "sphere": "market", "venue": "Marché Saint-Jean", "channel": "conversation",
        "people_count": "2", "language": "fr", "verbatim": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "future" in page and "Marché Saint-Jean" in page
    assert db.session.get(Sighting, sighting.id).seen_on == today()


def test_a_removal_needs_its_confirmation_and_is_audited_with_the_figures_refreshed(client):
    rumour = factories.rumour()
    kept = factories.sighting(rumour, seen_on=today() - timedelta(days=10))
    gone = factories.sighting(rumour, verbatim="Jean Dupont a dit")
    kept_on, gone_id = kept.seen_on, gone.id
    rebuild_aggregates()
    db.session.commit()
    login(client, core.user("coordinator"))
    assert "cannot be undone" in client.get(f"/sightings/{gone_id}/delete").get_data(as_text=True)
    client.post(f"/sightings/{gone_id}/delete", data={})
    assert db.session.get(Sighting, gone_id) is not None
    assert client.post_form(f"/sightings/{gone_id}/delete", {}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Sighting, gone_id) is None
    refreshed = db.session.get(Rumour, rumour.id)
    assert refreshed.sighting_count == 1 and refreshed.last_sighted_on == kept_on
    assert sum(w.sightings for w in db.session.scalars(select(SightingWeek))) == 1
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "sighting.delete"))
    assert entry.entity_id == str(gone_id) and entry.details["before"]["verbatim"]


def test_correction_refuses_a_merged_rumour(app_context):
    target = factories.rumour()
    merged = factories.rumour(merged_into_id=target.id, status="archived")
    sighting = factories.sighting(target)
    data = SightingInput(seen_on=today(), district_id=None, sphere="street",
                         channel="conversation", people_count=1, language="fr")
    with pytest.raises(RuleViolation) as refused:
        register.correct_sighting(sighting, data, rumour_id=merged.id, actor=None)
    assert refused.value.field == "rumour_id"
