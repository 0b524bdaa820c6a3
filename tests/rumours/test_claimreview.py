"""schema.org ClaimReview: page JSON-LD, the catalogue feed, and importing another city's feed."""

from __future__ import annotations

import json
import re

import jsonschema
from sqlalchemy import func, select

from icc_network.extensions import db
from icc_network.rumours.models import CounterArgument, Rumour
from icc_network.rumours.services.feed_import import import_feed, preview_feed

from .. import factories as core
from . import factories

CLAIM_REVIEW_SCHEMA = {
    "type": "object",
    "required": ["@type", "claimReviewed", "reviewRating", "itemReviewed", "author",
                 "datePublished", "url", "inLanguage"],
    "properties": {
        "@type": {"const": "ClaimReview"},
        "claimReviewed": {"type": "string", "minLength": 1},
        "url": {"type": "string", "pattern": "^https?://"},
        "inLanguage": {"enum": ["fr", "en"]},
        "datePublished": {"type": "string", "format": "date",
                          "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "author": {"type": "object", "required": ["@type", "name"],
                   "properties": {"@type": {"const": "Organization"}}},
        "itemReviewed": {"type": "object", "required": ["@type"],
                         "properties": {"@type": {"const": "Claim"}}},
        "reviewRating": {
            "type": "object",
            "required": ["@type", "ratingValue", "bestRating", "worstRating", "alternateName"],
            "properties": {"@type": {"const": "Rating"},
                           "ratingValue": {"type": "integer", "minimum": 1, "maximum": 5},
                           "alternateName": {"type": "string", "minLength": 1}}},
    },
}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _published(fr="Les immigrés prennent nos emplois", en="Immigrants take our jobs"):
    rumour = factories.rumour(fr, en, status="validated", published=True, verdict="misleading")
    factories.argument(rumour, fr="7 emplois sur 10 sont dans des métiers en tension",
                       en="7 in 10 jobs are in trades that struggle to recruit",
                       source_url="https://stats.example.org/emploi")
    factories.argument(rumour, kind="question", fr="Quel emploi, précisément ?",
                       en="Which job, exactly?")
    return rumour


def test_public_page_carries_a_valid_claimreview_in_its_language(client):
    rumour = _published()
    page = client.get(f"/catalogue/{rumour.id}", headers={"Accept-Language": "fr"})
    data = json.loads(JSON_LD.search(page.get_data(as_text=True)).group(1))
    jsonschema.validate(data, CLAIM_REVIEW_SCHEMA)
    assert data["@context"] == "https://schema.org" and data["inLanguage"] == "fr"
    assert data["claimReviewed"] == "Les immigrés prennent nos emplois"
    assert data["reviewRating"]["alternateName"] == "Trompeur"
    assert data["reviewRating"]["ratingValue"] == 2
    assert data["url"].endswith(f"/catalogue/{rumour.id}")
    assert data["hasPart"][0]["genre"] == "statistic"
    assert data["hasPart"][0]["citation"]["url"] == "https://stats.example.org/emploi"


def test_the_feed_lists_every_published_answer_in_each_language(client):
    rumour = _published()
    factories.rumour(status="validated")  # answered but not published
    unanswered = factories.rumour(status="catalogued", published=True)
    factories.argument(unanswered, status="draft")
    feed = client.get("/catalogue/claimreview.json").get_json()
    assert feed["@type"] == "DataFeed"
    elements = feed["dataFeedElement"]
    assert {(e["url"].rsplit("/", 1)[-1], e["inLanguage"]) for e in elements} == {
        (str(rumour.id), "fr"), (str(rumour.id), "en")}
    for element in elements:
        jsonschema.validate(element, CLAIM_REVIEW_SCHEMA)


def _other_city_feed(client) -> bytes:
    _published("Ils prennent les logements sociaux", "They take the social housing")
    body = client.get("/catalogue/claimreview.json").get_data()
    db.session.execute(CounterArgument.__table__.delete())
    db.session.execute(Rumour.__table__.delete())
    return body


def test_importing_a_feed_adds_drafts_with_provenance_once(client):
    data = _other_city_feed(client)
    mine = factories.rumour("Ils prennent les logements sociaux", None, status="catalogued")
    coordinator = core.user("coordinator")
    source, claims, preview = preview_feed(data)
    assert preview.clean and len(claims) == 1 and claims[0].rumour_id == mine.id
    assert claims[0].new_arguments == 2
    assert import_feed(source, claims, "feed.json", actor=coordinator) == 2
    added = db.session.scalars(select(CounterArgument).order_by(CounterArgument.id)).all()
    assert {a.status for a in added} == {"draft"} and {a.rumour_id for a in added} == {mine.id}
    assert added[0].origin_feed.endswith("/catalogue/claimreview.json")
    assert "/catalogue/" in added[0].origin_url
    assert added[0].text["en"].startswith("7 in 10") and added[0].text["fr"].startswith("7 emplois")
    source, claims, preview = preview_feed(data)
    assert preview.already_present == 2 and claims[0].new_arguments == 0
    assert import_feed(source, claims, "feed.json", actor=coordinator) == 0


def test_an_unknown_claim_becomes_a_reported_rumour(client):
    data = _other_city_feed(client)
    source, claims, _ = preview_feed(data)
    assert claims[0].rumour_id is None
    import_feed(source, claims, "feed.json", actor=core.user("coordinator"))
    rumour = db.session.scalar(select(Rumour))
    assert rumour.status == "reported" and rumour.detection == "city_feed"
    assert rumour.wording["en"] == "They take the social housing"


def test_broken_feeds_are_refused_with_reasons():
    for data in (b"not json", b"{}", json.dumps({"@type": "ClaimReview"}).encode(),
                 json.dumps([{"@type": "ClaimReview", "url": "https://x.example/1"}]).encode()):
        _, _, preview = preview_feed(data)
        assert not preview.clean
    assert db.session.scalar(select(func.count()).select_from(CounterArgument)) == 0
