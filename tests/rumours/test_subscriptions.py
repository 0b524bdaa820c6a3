"""Subscriptions to other cities' feeds: read daily from a real local server, new claims as
drafts, the source's changes proposed, accepted or rejected, failures recorded."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from icc_network.core.clock import today
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db
from icc_network.rumours.jobs import JOBS
from icc_network.rumours.models import (
    AllowedFeed,
    CounterArgument,
    FeedSubscription,
    FeedUpdate,
    Rumour,
)
from icc_network.rumours.services import feed_updates
from icc_network.rumours.services import subscriptions as service
from icc_network.rumours.services.arguments import validate_argument

from .. import factories as core
from ..webserver import local_server, redirect, slow

LYON = "Réseau anti-rumeurs de Lyon"


def part(n: int, fr: str, en: str | None = None, *, expires=None, kind="statistic") -> dict:
    value = {"@type": "CreativeWork", "@id": f"https://lyon.example/catalogue/1#argument-{n}",
             "genre": kind, "text": fr, "inLanguage": "fr",
             "citation": {"@type": "CreativeWork",
                          "publisher": {"@type": "Organization", "name": "Insee"}}}
    if expires:
        value["expires"] = expires.isoformat()
    return value


def feed(parts: list[dict], *, claim="Les immigrés prennent nos emplois", language="fr",
         element_language: str | None = "fr") -> bytes:
    element = {"@type": "ClaimReview", "url": "https://lyon.example/catalogue/1",
               "claimReviewed": claim, "author": {"@type": "Organization", "name": LYON},
               "reviewRating": {"@type": "Rating", "ratingValue": 1}, "hasPart": parts}
    if element_language:
        element["inLanguage"] = element_language
    return json.dumps({"@context": "https://schema.org", "@type": "DataFeed", "name": LYON,
                       "inLanguage": language, "url": "https://lyon.example/claimreview.json",
                       "dataFeedElement": [element]}).encode()


LATER = today() + timedelta(days=200)
PARTS = [part(1, "7 emplois sur 10 sont dans des métiers en tension", expires=LATER),
         part(2, "Quel emploi, précisément ?", kind="question")]


@pytest.fixture
def server():
    routes = {"/feed.json": feed(PARTS)}
    with local_server(routes) as local:
        yield local


def _subscribe(server, path="/feed.json", *, address="127.0.0.1", language=None):
    coordinator = core.user("coordinator")
    service.allow_feed(server.url(path), address, actor=core.user("admin"))
    return service.subscribe(server.url(path), language, actor=coordinator), coordinator


def _arguments() -> list[CounterArgument]:
    return db.session.scalars(select(CounterArgument).order_by(CounterArgument.id)).all()


def _pending() -> list[FeedUpdate]:
    return db.session.scalars(feed_updates.pending_query()).all()


def test_new_claims_come_in_as_drafts_with_the_source_citys_name(server):
    subscription, coordinator = _subscribe(server)
    reading = service.refresh(subscription, actor=coordinator)
    assert (reading.added, reading.proposed, reading.failed) == (2, 0, False)
    arguments = _arguments()
    assert {a.status for a in arguments} == {"draft"}
    assert {a.origin_feed for a in arguments} == {LYON}
    assert arguments[0].text == {"fr": "7 emplois sur 10 sont dans des métiers en tension"}
    assert arguments[0].valid_until == LATER
    rumour = db.session.get(Rumour, arguments[0].rumour_id)
    assert rumour.status == "reported" and rumour.detection == "city_feed"
    assert subscription.city_name == LYON and subscription.error_code == ""
    assert feed_updates.imported_from([rumour.id]) == {rumour.id: LYON}
    again = service.refresh(subscription, actor=coordinator)
    assert (again.added, again.proposed) == (0, 0)
    assert db.session.scalar(select(func.count()).select_from(Rumour)) == 1


def test_a_new_argument_of_a_claim_seen_before_joins_the_same_rumour(server):
    subscription, coordinator = _subscribe(server)
    service.refresh(subscription, actor=coordinator)
    server.routes["/feed.json"] = feed([*PARTS, part(3, "Un témoignage", kind="testimony")])
    assert service.refresh(subscription).added == 1
    assert len({a.rumour_id for a in _arguments()}) == 1


def test_a_claim_without_language_takes_the_feeds_or_the_subscriptions(server):
    server.routes["/feed.json"] = feed([part(1, "Seven jobs in ten")], language="en",
                                       claim="They take our jobs", element_language=None)
    subscription, coordinator = _subscribe(server)
    service.refresh(subscription, actor=coordinator)
    assert db.session.scalar(select(Rumour.wording)) == {"en": "They take our jobs"}

    server.routes["/other.json"] = feed([part(9, "Sept sur dix")], language=None,
                                        claim="La mairie finance les mosquées", element_language=None)
    other, _ = _subscribe(server, "/other.json", language="fr")
    assert service.refresh(other).added == 1
    assert {"fr": "La mairie finance les mosquées"} in db.session.scalars(select(Rumour.wording)).all()


def test_a_changed_text_is_proposed_then_applied_when_accepted(server):
    subscription, coordinator = _subscribe(server)
    service.refresh(subscription, actor=coordinator)
    fact = _arguments()[0]
    validate_argument(fact, actor=core.user("coordinator"))
    new_parts = [part(1, "8 emplois sur 10 sont dans des métiers en tension", expires=LATER),
                 PARTS[1]]
    server.routes["/feed.json"] = feed(new_parts)
    assert service.refresh(subscription).proposed == 1
    [update] = _pending()
    assert update.change == "text" and update.text["fr"].startswith("8 emplois")
    assert fact.text["fr"].startswith("7 emplois")  # nothing changes before a decision
    feed_updates.accept(update, actor=coordinator)
    assert fact.text["fr"].startswith("8 emplois") and fact.status == "draft"
    assert update.status == "accepted" and update.decided_by_id == coordinator.id
    assert service.refresh(subscription).proposed == 0 and _pending() == []


def test_a_rejected_change_is_not_proposed_again(server):
    subscription, coordinator = _subscribe(server)
    service.refresh(subscription, actor=coordinator)
    sooner = today() + timedelta(days=20)
    server.routes["/feed.json"] = feed([part(1, PARTS[0]["text"], expires=sooner), PARTS[1]])
    service.refresh(subscription)
    [update] = _pending()
    assert update.change == "valid_until" and update.valid_until == sooner
    feed_updates.reject(update, actor=coordinator)
    assert _arguments()[0].valid_until == LATER
    assert service.refresh(subscription).proposed == 0 and _pending() == []
    with pytest.raises(RuleViolation):
        feed_updates.accept(update, actor=coordinator)
    # A further change of the source is a new version: it is proposed.
    server.routes["/feed.json"] = feed([part(1, PARTS[0]["text"], expires=sooner + timedelta(1)),
                                        PARTS[1]])
    assert service.refresh(subscription).proposed == 1


def test_an_expiry_and_a_removal_in_the_source_retire_the_argument_when_accepted(server):
    subscription, coordinator = _subscribe(server)
    service.refresh(subscription, actor=coordinator)
    fact, question = _arguments()
    validate_argument(fact, actor=core.user("coordinator"))
    past = today() - timedelta(days=1)
    server.routes["/feed.json"] = feed([part(1, PARTS[0]["text"], expires=past)])
    assert service.refresh(subscription).proposed == 2
    by_argument = {u.item.argument_id: u for u in _pending()}
    assert by_argument[fact.id].change == "expired"
    assert by_argument[question.id].change == "removed"
    for update in by_argument.values():
        feed_updates.accept(update, actor=coordinator)
    assert (fact.status, fact.valid_until, question.status) == ("expired", past, "expired")
    assert service.refresh(subscription).proposed == 0


def test_fetch_failures_are_recorded_on_the_subscription(server, app, monkeypatch):
    server.routes["/away.json"] = redirect("http://localhost:1/feed.json")
    server.routes["/big.json"] = b"[" + b" " * 5000 + b"]"
    server.routes["/slow.json"] = slow(1.0, feed(PARTS))
    server.routes["/broken.json"] = b"not json"
    monkeypatch.setitem(app.config, "FEED_FETCH_MAX_BYTES", 4000)
    monkeypatch.setitem(app.config, "FEED_FETCH_TIMEOUT", 0.3)
    cases = {"/away.json": "redirect_elsewhere", "/big.json": "too_large",
             "/slow.json": "timeout", "/broken.json": "unreadable"}
    for path, code in cases.items():
        subscription, _ = _subscribe(server, path)
        reading = service.refresh(subscription)
        assert reading.failed and subscription.error_code == code, path
        assert service.error_message(subscription)
    private, _ = _subscribe(server, "/feed.json", address="")
    service.refresh(private)
    assert private.error_code == "private_address"
    assert "(127.0.0.1)" in service.error_message(private)
    db.session.delete(db.session.scalar(select(AllowedFeed).where(AllowedFeed.url == private.url)))
    service.refresh(private)
    assert private.error_code == "not_allowed"
    assert db.session.scalar(select(func.count()).select_from(CounterArgument)) == 0


def test_only_allowed_addresses_are_subscribed_to_and_allowed_once(server):
    coordinator = core.user("coordinator")
    refusals = [
        lambda: service.subscribe(server.url("/feed.json"), None, actor=coordinator),
        lambda: service.allow_feed("feeds.example.org/x", "", actor=coordinator),
        lambda: service.allow_feed(server.url("/feed.json"), "", actor=coordinator),
        lambda: service.allow_feed(server.url("/other.json"), "not an address", actor=coordinator),
        lambda: service.subscribe(server.url("/feed.json"), "de", actor=coordinator),
        lambda: service.subscribe(server.url("/feed.json"), None, actor=coordinator),
    ]
    expected = ["url", "url", "url", "address", "language", "url"]
    for number, (refused, field) in enumerate(zip(refusals, expected, strict=True)):
        with pytest.raises(RuleViolation) as caught:
            refused()
        assert caught.value.field == field, number
        if number == 1:
            service.allow_feed(server.url("/feed.json"), "", actor=core.user("admin"))
        if number == 4:
            service.subscribe(server.url("/feed.json"), None, actor=coordinator)


def test_the_daily_job_reads_every_feed(server):
    _subscribe(server)
    server.routes["/gone.json"] = redirect("https://elsewhere.example/feed")
    _subscribe(server, "/gone.json")
    job = next(spec for spec in JOBS if spec.id == "rumours.read_feeds")
    assert job.func() == {"read": 1, "failed": 1, "added": 2, "proposed": 0}
    assert db.session.scalar(select(func.count()).select_from(FeedSubscription)) == 2


def test_an_uploaded_feed_also_gives_its_language_to_claims_that_do_not_say_theirs():
    from icc_network.rumours.services.feed_import import preview_feed

    _, claims, preview = preview_feed(feed(PARTS, language="en", element_language=None))
    assert preview.clean and claims[0].wording == {"en": "Les immigrés prennent nos emplois"}
    _, _, preview = preview_feed(feed(PARTS, language=None, element_language=None))
    assert not preview.clean


def test_a_pages_language_versions_are_one_claim_and_one_argument_each():
    from icc_network.rumours.services.feed_import import preview_feed

    def element(prefix: str, lang: str, claim: str, text: str) -> dict:
        page = f"https://lyon.example/{prefix}catalogue/1"
        return {"@type": "ClaimReview", "url": page, "inLanguage": lang, "claimReviewed": claim,
                "hasPart": [{"@id": f"{page}#argument-4", "genre": "question", "text": text}]}

    data = json.dumps({"@type": "DataFeed", "dataFeedElement": [
        element("fr/", "fr", "Ils prennent nos emplois", "Quel emploi ?"),
        element("en/", "en", "They take our jobs", "Which job?")]}).encode()
    _, claims, preview = preview_feed(data)
    assert preview.clean and len(claims) == 1
    assert claims[0].wording == {"fr": "Ils prennent nos emplois", "en": "They take our jobs"}
    [argument] = claims[0].arguments.values()
    assert argument.text == {"fr": "Quel emploi ?", "en": "Which job?"}
