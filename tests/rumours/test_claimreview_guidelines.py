"""The ClaimReview markup against Google's fact-check (ClaimReview) structured-data guidelines,
on the public pages in both languages and in the feed; the network signs it, the claim says
where the rumour was met, and claimReviewed stays short."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest

from icc_network.core.clock import today
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db
from icc_network.rumours.services import catalogue
from icc_network.rumours.services.claimreview import claim_reviewed, shorten

from .. import factories as core
from ..support import count_queries, login
from . import factories

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
LONG_FR = ("Les familles immigrées touchent toutes les allocations de la ville avant les "
           "familles du quartier")
LONG_EN = ("Immigrant families get every city benefit before the families who have always "
           "lived in the neighbourhood")


def _is_url(value: Any) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return bool(parts and parts.scheme in ("http", "https") and parts.netloc)


def _is_date(value: Any) -> bool:
    return isinstance(value, str) and bool(ISO_DATE.match(value))


def _named(value: Any, types: tuple[str, ...]) -> bool:
    return (isinstance(value, dict) and value.get("@type") in types
            and isinstance(value.get("name"), str) and bool(value["name"].strip()))


def _work_or_url(value: Any) -> bool:
    return _is_url(value) or (isinstance(value, dict) and value.get("@type") == "CreativeWork"
                              and (_is_url(value.get("url")) or bool(value.get("name"))))


def fact_check_problems(review: dict, page_url: str | None = None) -> tuple[list[str], list[str]]:
    """What Google's ClaimReview guidelines find wrong in ``review``: (errors, warnings).

    Errors: a property the guidelines require is missing or malformed. Warnings: a
    recommended one. ``page_url``: the page that carries the markup (its url must be on
    that page's host)."""
    errors: list[str] = []
    warnings: list[str] = []

    def need(ok: bool, what: str) -> None:
        ok or errors.append(what)

    def advise(ok: bool, what: str) -> None:
        ok or warnings.append(what)

    need(review.get("@type") == "ClaimReview", "@type ClaimReview")
    # Required: claimReviewed, reviewRating (with alternateName), url.
    claim = review.get("claimReviewed")
    need(isinstance(claim, str) and bool(claim.strip()), "claimReviewed")
    rating = review.get("reviewRating")
    need(isinstance(rating, dict) and rating.get("@type") == "Rating", "reviewRating")
    rating = rating if isinstance(rating, dict) else {}
    verdict = rating.get("alternateName")
    need(isinstance(verdict, str) and bool(verdict.strip()), "reviewRating.alternateName")
    need(_is_url(review.get("url")), "url")
    if page_url and _is_url(review.get("url")):
        need(urlsplit(review["url"]).netloc == urlsplit(page_url).netloc, "url on the page's host")
    # Recommended of the review: author (Organization or Person with a name), datePublished,
    # itemReviewed; claimReviewed under 75 characters and without the rating in it.
    advise(_named(review.get("author"), ("Organization", "Person")), "author.name")
    advise(_is_url((review.get("author") or {}).get("url")), "author.url")
    advise(_is_date(review.get("datePublished")), "datePublished")
    if isinstance(claim, str):
        advise(len(claim) <= 75, "claimReviewed under 75 characters")
        advise(not (isinstance(verdict, str) and claim.lower().startswith(verdict.lower())),
               "claimReviewed without the rating")
    # Recommended of the rating: bestRating, worstRating, ratingValue between them, name.
    numbers = [rating.get(k) for k in ("worstRating", "ratingValue", "bestRating")]
    advise(all(isinstance(n, int | float) for n in numbers) and numbers == sorted(numbers),
           "reviewRating worstRating <= ratingValue <= bestRating")
    advise(bool(rating.get("name")), "reviewRating.name")
    # Recommended of the claim: appearance, firstAppearance, author, datePublished.
    item = review.get("itemReviewed")
    advise(isinstance(item, dict) and item.get("@type") == "Claim", "itemReviewed (Claim)")
    item = item if isinstance(item, dict) else {}
    shown = item.get("appearance")
    shown = shown if isinstance(shown, list) else [shown]
    advise(bool(shown) and all(_work_or_url(a) for a in shown), "itemReviewed.appearance")
    advise(_work_or_url(item.get("firstAppearance")), "itemReviewed.firstAppearance")
    advise(_named(item.get("author"), ("Organization", "Person")), "itemReviewed.author.name")
    advise(_is_date(item.get("datePublished")), "itemReviewed.datePublished")
    # This product's own rule: each review names its language.
    need(review.get("inLanguage") in ("fr", "en"), "inLanguage")
    return errors, warnings


def _sighting(rumour, sphere: str, channel: str, **values):
    sighting = factories.sighting(rumour, **values)
    sighting.sphere, sighting.channel = sphere, channel
    db.session.flush()
    return sighting


def _json_ld(response) -> dict:
    assert response.status_code == 200
    return json.loads(JSON_LD.search(response.get_data(as_text=True)).group(1))


@pytest.fixture
def published(app, monkeypatch):
    monkeypatch.setitem(app.config, "CITY_NAME", "Villeneuve")
    monkeypatch.setitem(app.config, "NETWORK_NAME", "Réseau anti-rumeurs de Villeneuve")
    rumour = factories.rumour(LONG_FR, LONG_EN, status="validated", published=True,
                              first_detected=today() - timedelta(days=60),
                              short_wording={"fr": "Les immigrés touchent les allocations avant"})
    factories.argument(rumour, fr="Les allocations suivent les mêmes règles pour tous",
                       en="Benefits follow the same rules for everyone",
                       source_url="https://stats.example.org/caf")
    _sighting(rumour, "market", "overheard", seen_on=today() - timedelta(days=40),
              verbatim="DES MOTS ENTENDUS", venue="Chez Paul")
    _sighting(rumour, "school", "flyer", seen_on=today() - timedelta(days=50), hateful=True,
              verbatim="HAINE")
    _sighting(rumour, "social_media", "social_media", seen_on=today() - timedelta(days=20))
    return rumour


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_language_page_meets_the_guidelines(client, published, lang):
    address = f"http://localhost/{lang}/catalogue/{published.id}"
    review = _json_ld(client.get(f"/{lang}/catalogue/{published.id}"))
    assert fact_check_problems(review, address) == ([], [])
    assert review["url"] == address and review["inLanguage"] == lang
    assert review["author"] == {"@type": "Organization", "name": "Réseau anti-rumeurs de Villeneuve",
                                "url": "http://localhost/"}


def test_the_feed_meets_the_guidelines_in_both_languages(client, published):
    feed = client.get("/catalogue/claimreview.json").get_json()
    reviews = feed["dataFeedElement"]
    assert sorted(r["inLanguage"] for r in reviews) == ["en", "fr"]
    for review in reviews:
        assert fact_check_problems(review, "http://localhost/") == ([], [])
        # One page for the importing city; each language's page for the reader.
        assert review["url"] == f"http://localhost/catalogue/{published.id}"
        assert review["mainEntityOfPage"] == (
            f"http://localhost/{review['inLanguage']}/catalogue/{published.id}")
    assert feed["name"] == "Réseau anti-rumeurs de Villeneuve"


def test_the_checker_finds_what_is_missing():
    errors, warnings = fact_check_problems({"@type": "ClaimReview", "claimReviewed": "x" * 80,
                                            "reviewRating": {"@type": "Rating"}})
    assert errors == ["reviewRating.alternateName", "url", "inLanguage"]
    assert "claimReviewed under 75 characters" in warnings and "author.name" in warnings
    assert "itemReviewed.firstAppearance" in warnings


def test_the_claim_says_where_and_when_it_was_met_without_words_or_people(client, published):
    review = _json_ld(client.get(f"/en/catalogue/{published.id}"))
    claim = review["itemReviewed"]
    first = claim["firstAppearance"]
    assert first == {"@type": "CreativeWork", "name": "Market and shops · Overheard",
                     "genre": "Overheard",
                     "datePublished": (today() - timedelta(days=40)).isoformat(),
                     "locationCreated": {"@type": "Place", "name": "Market and shops",
                                         "containedInPlace": {"@type": "City",
                                                              "name": "Villeneuve"}}}
    assert [a["name"] for a in claim["appearance"]] == [
        "Market and shops · Overheard", "Social media · Social media post"]
    assert claim["datePublished"] == (today() - timedelta(days=60)).isoformat()
    assert claim["author"] == {"@type": "Organization", "name": "Anonymous sources"}
    text = json.dumps(review, ensure_ascii=False)
    # The hateful report's place, and every verbatim, venue and reporter, stay out.
    for hidden in ("HAINE", "DES MOTS", "Chez Paul", "School", "Flyer"):
        assert hidden not in text
    french = _json_ld(client.get(f"/fr/catalogue/{published.id}"))["itemReviewed"]
    assert french["firstAppearance"]["name"].startswith("Marché")


def test_a_rumour_never_sighted_was_met_in_its_sphere_when_first_detected(client):
    rumour = factories.rumour("Ils ne paient pas le bus", "They never pay for the bus",
                              status="validated", published=True, first_detected=date(2026, 3, 2))
    rumour.spheres = ["transport", "street"]
    factories.argument(rumour)
    claim = _json_ld(client.get(f"/en/catalogue/{rumour.id}"))["itemReviewed"]
    assert claim["firstAppearance"]["name"] == "Public transport"
    assert claim["firstAppearance"]["datePublished"] == "2026-03-02"


def test_claim_reviewed_is_the_short_wording_or_the_wording_cut_at_a_word(client, published):
    assert claim_reviewed(published, "fr") == "Les immigrés touchent les allocations avant"
    english = claim_reviewed(published, "en")  # no short English wording: cut automatically
    assert len(english) <= 75 and english.endswith("…")
    assert LONG_EN.startswith(english[:-1]) and LONG_EN[len(english) - 1] == " "
    short = factories.rumour("Ils prennent nos emplois", "They take our jobs", short_wording={
        "en": "Jobs"})
    assert claim_reviewed(short, "en") == "They take our jobs"  # short enough: the wording
    page = _json_ld(client.get(f"/en/catalogue/{published.id}"))
    assert page["claimReviewed"] == english


def test_shorten_cuts_at_a_word_and_never_past_the_limit():
    assert shorten("Court") == "Court"
    assert shorten("mot " * 40) == ("mot " * 18).strip() + "…"
    assert len(shorten("x" * 200)) == 75 and shorten("x" * 200).endswith("…")
    assert shorten("Un deux, trois quatre", 12) == "Un deux…"


def test_the_network_name_falls_back_to_the_city_in_each_language(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "CITY_NAME", "Villeneuve")
    monkeypatch.setitem(app.config, "NETWORK_NAME", "")
    rumour = factories.rumour("Rumeur", "Rumour", status="validated", published=True)
    factories.argument(rumour)
    assert _json_ld(client.get(f"/en/catalogue/{rumour.id}"))["author"]["name"] == (
        "Anti-rumours network of Villeneuve")
    assert "Villeneuve" in _json_ld(client.get(f"/fr/catalogue/{rumour.id}"))["author"]["name"]


def test_a_short_wording_is_kept_to_75_characters(app):
    coordinator = core.user("coordinator")
    values = dict(wording={"fr": LONG_FR}, theme_id=None, target_group_ids=[], spheres=[],
                  detection="other", cause={}, first_detected=today(), risk="moderate",
                  alert_deadline=None, assignee_id=None)
    rumour = catalogue.save_rumour(None, actor=coordinator, **values)
    assert rumour.short_wording == {}
    with pytest.raises(RuleViolation) as refused:
        catalogue.save_rumour(rumour, actor=coordinator, short_wording={"fr": "x" * 76},
                              **values)
    assert refused.value.field == "short_wording" and "75" in str(refused.value.message)
    catalogue.save_rumour(rumour, actor=coordinator, short_wording={"fr": "Allocations"}, **values)
    catalogue.save_rumour(rumour, actor=coordinator, **values)  # not given: kept
    assert rumour.short_wording == {"fr": "Allocations"}


def test_a_coordinator_writes_the_short_wording_in_the_rumour_form(client):
    rumour = factories.rumour(LONG_FR, None)
    login(client, core.user("coordinator", locale="en"))
    assert "Short wording" in client.get(f"/rumours/{rumour.id}/edit").get_data(as_text=True)
    data = {"wording-fr": LONG_FR, "wording-en": LONG_EN, "short_wording-fr": "Les allocations",
            "short_wording-en": "Benefits", "theme_id": "", "detection": "survey",
            "first_detected": today().isoformat(), "risk": "moderate", "alert_deadline": "",
            "assignee_id": "", "verdict": "false", "spheres": ["market"]}
    assert client.post_form(f"/rumours/{rumour.id}/edit", data).status_code == 302
    db.session.refresh(rumour)
    assert rumour.short_wording == {"fr": "Les allocations", "en": "Benefits"}
    data["short_wording-en"] = "B" * 80
    refused = client.post_form(f"/rumours/{rumour.id}/edit", data).get_data(as_text=True)
    assert "Please correct the fields marked below" in refused and "B" * 80 in refused


def test_the_feed_costs_the_same_queries_for_more_rumours(app, client):
    def add():
        rumour = factories.rumour(status="validated", published=True)
        factories.argument(rumour)
        factories.sighting(rumour)

    add()
    with count_queries(app) as few:
        client.get("/catalogue/claimreview.json")
    for _ in range(4):
        add()
    with count_queries(app) as more:
        assert len(client.get("/catalogue/claimreview.json").get_json()["dataFeedElement"]) == 10
    assert more.count == few.count
