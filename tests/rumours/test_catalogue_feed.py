"""The public ClaimReview feed is built once per change of the catalogue, and answers 304 to a
reader who already has it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete

from icc_network.core.clock import today
from icc_network.extensions import db
from icc_network.rumours.models import CounterArgument
from icc_network.rumours.services import catalogue_feed
from icc_network.rumours.services.sightings import SightingInput, record_sighting

from .. import factories as core
from ..support import count_queries
from . import factories

FEED = "/catalogue/claimreview.json"


def _published(fr: str = "Ils prennent nos emplois", en: str = "They take our jobs"):
    rumour = factories.rumour(fr, en, status="validated", published=True)
    factories.argument(rumour)
    return rumour


def _claims(response) -> set[str]:
    return {element["claimReviewed"] for element in response.get_json()["dataFeedElement"]}


def test_a_second_fetch_reads_one_light_query_and_builds_nothing(app, client):
    rumour = _published()
    factories.sighting(rumour)
    first = client.get(FEED)
    with count_queries(app) as queries:
        again = client.get(FEED)
    assert again.get_data() == first.get_data() and again.headers["ETag"] == first.headers["ETag"]
    # Only the catalogue's numbers and latest changes: no rumour, argument or sighting row.
    assert queries.count == 1
    assert "rumour_sighting" not in queries.statements[0]
    assert "max(" in queries.statements[0].lower()


def test_the_feed_changes_with_every_change_of_what_it_shows(client):
    rumour = _published()
    seen = [client.get(FEED)]
    assert _claims(seen[-1]) == {"Ils prennent nos emplois", "They take our jobs"}

    other = _published("Ils ont tous les logements", "They get all the housing")
    seen.append(client.get(FEED))
    assert "They get all the housing" in _claims(seen[-1])

    rumour.wording = {**rumour.wording, "en": "They take all our jobs"}
    seen.append(client.get(FEED))
    assert "They take all our jobs" in _claims(seen[-1])

    other.published_at = None
    seen.append(client.get(FEED))
    assert "They get all the housing" not in _claims(seen[-1])

    # An argument that expires today leaves the catalogue, as does one deleted outright.
    db.session.execute(delete(CounterArgument).where(CounterArgument.rumour_id == rumour.id))
    seen.append(client.get(FEED))
    assert _claims(seen[-1]) == set()

    etags = [response.headers["ETag"] for response in seen]
    assert len(set(etags)) == len(etags)


def test_an_argument_changed_in_bulk_leaves_the_feed_and_the_day_is_part_of_its_key(client):
    rumour = _published()
    factories.argument(rumour, kind="question", fr="Qui l’a vu ?", en="Who saw it?")
    assert len(client.get(FEED).get_json()["dataFeedElement"][0]["hasPart"]) == 2
    db.session.execute(CounterArgument.__table__.update()
                       .where(CounterArgument.rumour_id == rumour.id,
                              CounterArgument.kind == "question")
                       .values(status="draft"))
    parts = client.get(FEED).get_json()["dataFeedElement"][0]["hasPart"]
    assert [part["genre"] for part in parts] == ["statistic"]
    # An argument past its valid_until leaves at midnight, with no row changed.
    assert today() in catalogue_feed.catalogue_state()


def test_a_new_sighting_keeps_the_feed_until_its_max_age(app, client, monkeypatch):
    rumour = _published()
    before = client.get(FEED)
    changed = rumour.updated_at
    record_sighting(SightingInput(seen_on=today() - timedelta(days=2), district_id=None,
                                  sphere="market", channel="overheard", people_count=1,
                                  language="fr", venue="", verbatim="", hateful=False),
                    reporter=core.user("partner"), rumour_id=rumour.id)
    db.session.commit()
    db.session.refresh(rumour)
    assert rumour.updated_at == changed and rumour.sighting_count == 1
    assert client.get(FEED).headers["ETag"] == before.headers["ETag"]
    monkeypatch.setattr(catalogue_feed, "MAX_AGE", 0)
    after = client.get(FEED)
    assert after.headers["ETag"] != before.headers["ETag"]
    claim = after.get_json()["dataFeedElement"][0]["itemReviewed"]
    assert claim["firstAppearance"]["datePublished"] == (today() - timedelta(days=2)).isoformat()


def test_a_reader_who_has_the_feed_gets_304(client):
    _published()
    first = client.get(FEED)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.status_code == 200 and etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["Cache-Control"] in ("public, max-age=600", "max-age=600, public")
    assert first.mimetype == "application/ld+json"
    again = client.get(FEED, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == etag
    assert client.get(FEED, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(FEED, headers={"If-None-Match": '"something-else"'}).status_code == 200
    _published("Ils ont tous les logements", "They get all the housing")
    changed = client.get(FEED, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_every_reader_gets_the_same_feed(client, login_as, make_client):
    _published()
    french = client.get(FEED, headers={"Accept-Language": "fr"})
    english = make_client().get(FEED, headers={"Accept-Language": "en"})
    assert french.get_data() == english.get_data()
    assert "Accept-Language" not in french.headers.get("Vary", "")
    coordinator = login_as(core.user("coordinator"), on=make_client())
    signed_in = coordinator.get(FEED)
    # The same public body, but never kept by a cache for a signed-in session.
    assert signed_in.get_data() == french.get_data()
    assert signed_in.headers["Cache-Control"] == "no-store"


def test_a_compressed_feed_answers_304_to_the_tag_it_was_sent_with(client):
    _published()
    db.session.commit()
    first = client.get(FEED, headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    again = client.get(FEED, headers={"Accept-Encoding": "gzip",
                                      "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.get_data()
