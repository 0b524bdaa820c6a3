"""A forged Host header neither reaches published addresses nor, in production, the pages."""

from __future__ import annotations

import json
import re

import pytest

from icc_network.extensions import db

from ..conftest import make_test_app
from ..rumours import factories as rumours

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def make_city(database_url):
    made = []

    def _make(**overrides):
        application = make_test_app(database_url, PUBLIC_URL="https://city.example/icc",
                                    **overrides)
        made.append(application)
        return application

    yield _make
    for application in made:
        with application.app_context():
            db.engine.dispose()


def _published_rumour():
    rumour = rumours.rumour("Ils prennent nos emplois", "They take our jobs", status="validated",
                            published=True)
    rumours.argument(rumour, fr="7 emplois sur 10", en="7 jobs in 10")
    db.session.commit()
    return rumour


def _addresses(data) -> list[str]:
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("url", "@id") and isinstance(value, str):
                found.append(value)
            found += _addresses(value)
    elif isinstance(data, list):
        for value in data:
            found += _addresses(value)
    return found


def test_a_forged_host_does_not_reach_the_feed_or_the_json_ld(make_city):
    rumour = _published_rumour()
    client = make_city().test_client()
    forged = {"base_url": "http://evil.example:8080/other"}
    feed = client.get("/catalogue/claimreview.json", **forged)
    assert feed.status_code == 200
    page = client.get(f"/catalogue/{rumour.id}", **forged).get_data(as_text=True)
    json_ld = json.loads(JSON_LD.search(page).group(1))
    addresses = _addresses(feed.get_json()) + _addresses(json_ld)
    assert f"https://city.example/icc/catalogue/{rumour.id}" in addresses
    assert "https://city.example/icc/catalogue/claimreview.json" in addresses
    assert "https://city.example/icc/" in addresses  # the publisher
    assert all(url.startswith("https://city.example/icc/") for url in addresses), addresses


def test_in_production_an_unknown_host_is_refused(make_city):
    client = make_city(ENV_NAME="production").test_client()
    assert client.get("/healthz", base_url="https://city.example").status_code == 200
    assert client.get("/healthz", base_url="http://city.example:8000").status_code == 200
    refused = client.get("/login", base_url="https://evil.example",
                         headers={"Accept-Language": "en"})
    assert refused.status_code == 400
    assert "Bad request" in refused.get_data(as_text=True)
    assert client.get("/catalogue/claimreview.json",
                      headers={"Host": "evil.example"}).status_code == 400


def test_trusted_hosts_may_name_several_hosts(make_city):
    client = make_city(ENV_NAME="production",
                       TRUSTED_HOSTS=["city.example", "www.city.example"]).test_client()
    assert client.get("/healthz", base_url="https://www.city.example").status_code == 200
    assert client.get("/healthz", base_url="https://city.example").status_code == 200
    assert client.get("/healthz", base_url="https://evil.example").status_code == 400


def test_outside_production_any_host_is_served_unless_trusted_hosts_is_set(make_city):
    assert make_city().test_client().get(
        "/healthz", base_url="http://10.0.0.5:8000").status_code == 200
    strict = make_city(TRUSTED_HOSTS=["localhost"]).test_client()
    assert strict.get("/healthz", base_url="http://10.0.0.5:8000").status_code == 400
