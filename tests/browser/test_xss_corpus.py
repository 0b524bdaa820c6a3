"""Markup typed into any text field never becomes markup on any page, preview, export or feed.

The records every route needs (the access tables' world) get a payload in every text field
a person can fill, then each page is opened in Chromium as an administrator and as an
anonymous visitor: no payload may run, and no element of it may exist in the page.
Import previews show the payload from uploaded cells; exports and feeds are read back.
"""

from __future__ import annotations

import csv
import io
import json
import re

from openpyxl import load_workbook
from sqlalchemy import update

from icc_network.agents.models import Agent, Conversation, Module, Programme, TrainingSession
from icc_network.auth.models import User
from icc_network.campaigns.models import Activity, Campaign, CampaignPartner
from icc_network.core.models import District
from icc_network.evaluation.models import (
    Measure,
    MeasureValue,
    Result,
    StrategyProgramme,
    Survey,
    SurveyStatement,
    SurveyWave,
    SurveyWaveTotal,
    WorksheetLink,
)
from icc_network.extensions import db
from icc_network.network.models import Contact, Decision, Meeting, Organisation, Tie
from icc_network.rumours.models import (
    CounterArgument,
    FeedSubscription,
    FeedUpdate,
    HatefulAction,
    Rumour,
    RumourKeyPhrase,
    Sighting,
    TargetGroup,
    Theme,
)

from ..access import ADMIN, ANONYMOUS, World, access_modules, access_table
from ..support import login
from .helpers import sign_in

PAYLOAD = ('"\'><img src=x data-xss onerror="window.__xss=1"><svg data-xss '
           'onload="window.__xss=1"></svg><script data-xss>window.__xss=1</script>'
           '</script><b data-xss>')
TRANSLATED = {"fr": "FR " + PAYLOAD, "en": "EN " + PAYLOAD}

# Every column a person fills with free text: (model, column, translated in FR/EN?).
TEXT_FIELDS = [
    (District, "name", True), (Theme, "name", True), (TargetGroup, "name", True),
    (Rumour, "wording", True), (Rumour, "short_wording", True), (Rumour, "cause", True),
    (RumourKeyPhrase, "phrase", False),
    (CounterArgument, "text", True), (CounterArgument, "source_publisher", False),
    (CounterArgument, "source_area", False), (CounterArgument, "origin_feed", False),
    # what another city's feed (or its server's failure) says
    (FeedSubscription, "city_name", False), (FeedSubscription, "error_detail", False),
    (FeedUpdate, "text", True),
    (Sighting, "verbatim", False), (Sighting, "venue", False),
    (HatefulAction, "reference", False), (HatefulAction, "note", False),
    (Organisation, "name", False), (Organisation, "description", True),
    (Contact, "name", False), (Contact, "function", False), (Tie, "note", False),
    (Meeting, "place", False), (Meeting, "agenda", True), (Meeting, "minutes", True),
    (Decision, "text", True), (User, "name", False),
    (Agent, "first_name", False), (Agent, "last_name", False), (Agent, "phone", False),
    (Agent, "notes", False), (Programme, "name", True), (Programme, "description", True),
    (Module, "name", True), (TrainingSession, "place", False), (TrainingSession, "note", False),
    (Conversation, "note", False),
    (Campaign, "title", True), (Campaign, "objective", True), (CampaignPartner, "commitment", False),
    (CampaignPartner, "decision_note", False), (Activity, "title", True),
    (Activity, "description", True), (Activity, "place", False), (Activity, "cancel_reason", False),
    (Survey, "title", True), (Survey, "description", True), (SurveyStatement, "text", True),
    (SurveyWave, "name", False), (SurveyWaveTotal, "source", False),
    (Result, "title", True), (Result, "description", True), (StrategyProgramme, "title", True),
    (StrategyProgramme, "description", True), (Measure, "title", True),
    (Measure, "definition", True), (Measure, "source", False), (Measure, "story", True),
    (MeasureValue, "note", False), (WorksheetLink, "note", False),
]

_FOUND = "() => [window.__xss === undefined, document.querySelectorAll('[data-xss]').length]"


def _poisoned_world(app) -> World:
    world = World()
    for module in access_modules(app):
        module.build(world)
    db.session.flush()
    for model, column, translated in TEXT_FIELDS:
        value = TRANSLATED if translated else PAYLOAD[:120]
        db.session.execute(update(model).values({column: value}))
    db.session.commit()
    return world


def _assert_inert(page, what: str) -> None:
    not_run, elements = page.evaluate(_FOUND)
    assert not_run, f"the payload ran on {what}"
    assert elements == 0, f"{elements} payload element(s) in the page of {what}"


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _html_pages(app, world, client, role: str) -> list[str]:
    """The URL of every GET route this role may open that answers a page (not a download)."""
    table = access_table(app)
    urls = []
    for endpoint, spec in sorted(table.items()):
        if spec.get is None or role not in spec.get or endpoint.endswith(".static"):
            continue
        url = world.url(app, endpoint, spec)
        response = client.get(url)
        if response.status_code == 200 and response.mimetype == "text/html":
            urls.append(url)
    return urls


def test_no_text_field_turns_into_markup_on_any_page(app, make_client, new_page):
    world = _poisoned_world(app)
    dialogs: list[str] = []
    for role in (ADMIN, ANONYMOUS):
        client = make_client()
        if role != ANONYMOUS:
            login(client, world.users[role])
        urls = _html_pages(app, world, client, role)
        assert len(urls) > (30 if role == ADMIN else 3), urls
        page = new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        if role != ANONYMOUS:
            sign_in(page, world.users[role])
        for url in urls:
            page.goto(url)
            page.wait_for_load_state("load")
            _assert_inert(page, f"{url} as {role}")
        assert dialogs == []


def test_json_ld_and_the_feed_carry_the_payload_as_text(app, client):
    world = _poisoned_world(app)
    published = world.published
    page = client.get(f"/catalogue/{published.id}").get_data(as_text=True)
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert blocks and PAYLOAD not in page
    assert any(PAYLOAD in text for text in _strings(json.loads(blocks[0])))
    feed = client.get("/catalogue/claimreview.json")
    assert any(PAYLOAD in text for text in _strings(feed.json))


def test_exports_hold_the_payload_as_plain_text(app, client):
    world = _poisoned_world(app)
    login(client, world.users[ADMIN])
    rows = list(csv.reader(io.StringIO(client.get("/rumours/export?format=csv")
                                       .get_data(as_text=True).lstrip("\ufeff"))))
    assert any("FR " + PAYLOAD in cell for row in rows for cell in row)
    sheet = load_workbook(io.BytesIO(client.get("/network/organisations.xlsx").data)).active
    assert any(PAYLOAD[:120] == cell.value for row in sheet.iter_rows() for cell in row)
    contacts = client.get("/network/contacts.csv").get_data(as_text=True)
    assert PAYLOAD[:120].replace('"', '""') in contacts


def test_import_previews_show_uploaded_markup_as_text(app, new_page, tmp_path):
    world = _poisoned_world(app)
    page = new_page()
    sign_in(page, world.users[ADMIN])
    cell = PAYLOAD.replace(",", " ")
    uploads = {
        "/sightings/import": f"rumour,date,district,sphere\n{cell},2026-01-05,{cell},{cell}\n",
        "/network/import": f"From,To,Type\n{cell},{cell},{cell}\n",
        "/catalogue/import": json.dumps({"@context": "https://schema.org", "@graph": [{
            "@type": "ClaimReview", "url": cell, "claimReviewed": cell,
            "reviewRating": {"alternateName": cell}, "author": {"name": cell}}]}),
    }
    for number, (url, body) in enumerate(uploads.items()):
        upload = tmp_path / f"upload{number}.{'json' if 'catalogue' in url else 'csv'}"
        upload.write_text(body)
        page.goto(url)
        page.locator("#file").set_input_files(str(upload))
        page.get_by_role("button", name="Check the file").click()
        page.wait_for_load_state("load")
        _assert_inert(page, f"the preview of {url}")
