"""The pages of other cities' feeds: allow, subscribe, read now, decide; errors on the page."""

from __future__ import annotations

from sqlalchemy import select

from icc_network.extensions import db
from icc_network.rumours.models import AllowedFeed, CounterArgument, FeedSubscription, FeedUpdate

from .. import factories as core
from ..support import login
from ..webserver import local_server, redirect
from .test_subscriptions import LYON, PARTS, feed, part


def test_an_admin_allows_a_feed_and_a_coordinator_subscribes_reads_and_decides(make_client):
    routes = {"/feed.json": feed(PARTS)}
    with local_server(routes) as server:
        admin = make_client()
        login(admin, core.user("admin", locale="en"))
        refused = admin.post_form("/feeds/allowed", {"url": server.url("/feed.json"),
                                                     "address": "not-an-ip"})
        assert refused.status_code == 200 and "not-an-ip" in refused.get_data(as_text=True)
        allowed = admin.post_form("/feeds/allowed", {"url": server.url("/feed.json"),
                                                     "address": "127.0.0.1"})
        assert allowed.status_code == 302
        assert db.session.scalar(select(AllowedFeed.address)) == "127.0.0.1"

        client = make_client()
        login(client, core.user("coordinator", locale="en"))
        other = client.post_form("/feeds", {"url": server.url("/other.json"), "language": ""})
        page = other.get_data(as_text=True)
        assert other.status_code == 200 and "/other.json" in page and "administrator" in page
        subscribed = client.post_form("/feeds", {"url": server.url("/feed.json"),
                                                 "language": "fr"})
        assert subscribed.status_code == 302
        subscription = db.session.scalar(select(FeedSubscription))
        base = f"/feeds/{subscription.id}"
        read = client.post_form(f"{base}/fetch", follow_redirects=True)
        assert "2 new arguments as drafts" in read.get_data(as_text=True)
        rumour_id = db.session.scalar(select(CounterArgument.rumour_id))
        assert LYON in client.get(f"/rumours/{rumour_id}").get_data(as_text=True)
        assert LYON in client.get("/rumours").get_data(as_text=True)

        routes["/feed.json"] = feed([part(1, "8 emplois sur 10"), PARTS[1]])
        client.post_form(f"{base}/fetch")
        pending = client.get(base).get_data(as_text=True)
        assert "8 emplois sur 10" in pending and "Text changed" in pending
        update = db.session.scalar(select(FeedUpdate))
        client.post_form(f"/feeds/updates/{update.id}/reject")
        db.session.refresh(update)
        assert update.status == "rejected"
        assert "Nothing to decide." in client.get(base).get_data(as_text=True)


def test_a_failed_reading_shows_its_reason_on_the_page(make_client):
    with local_server({}) as server:
        server.routes["/feed.json"] = redirect("http://localhost/elsewhere.json")
        admin = core.user("admin")
        db.session.add(AllowedFeed(url=server.url("/feed.json"), address="127.0.0.1"))
        db.session.add(FeedSubscription(url=server.url("/feed.json"), created_by_id=admin.id))
        db.session.flush()
        subscription = db.session.scalar(select(FeedSubscription))
        client = make_client()
        login(client, core.user("coordinator", locale="en"))
        read = client.post_form(f"/feeds/{subscription.id}/fetch", follow_redirects=True)
        page = read.get_data(as_text=True)
        assert read.status_code == 200
        assert "redirects to another host (localhost)" in page
        assert "redirects to another host" in client.get("/feeds").get_data(as_text=True)


def _pending_updates(subscription: FeedSubscription, count: int) -> None:
    from icc_network.rumours.models import FeedItem

    from . import factories

    rumour = factories.rumour()
    for _ in range(count):
        argument = factories.argument(rumour, status="draft")
        item = FeedItem(subscription_id=subscription.id, argument_id=argument.id,
                        created_rumour_id=rumour.id, source_text=argument.text)
        db.session.add(item)
        db.session.flush()
        db.session.add(FeedUpdate(item_id=item.id, change="text", changes=["text"],
                                  text={"fr": f"Nouveau texte {item.id}"},
                                  fingerprint=str(item.id)))
    db.session.flush()


def test_the_pages_query_count_does_not_grow_with_updates_and_subscriptions(client,
                                                                            query_counter):
    login(client, core.user("coordinator"))
    first = FeedSubscription(url="https://a.example/feed.json", city_name="A")
    db.session.add(first)
    db.session.flush()
    _pending_updates(first, 1)
    with query_counter() as few:
        assert client.get(f"/feeds/{first.id}").status_code == 200
    with query_counter() as few_subscriptions:
        assert client.get("/feeds").status_code == 200
    _pending_updates(first, 20)
    for n in range(20):
        db.session.add(FeedSubscription(url=f"https://b{n}.example/feed.json", city_name=f"B{n}"))
    with query_counter() as many:
        assert client.get(f"/feeds/{first.id}?per_page=50").status_code == 200
    with query_counter() as many_subscriptions:
        assert client.get("/feeds?per_page=50").status_code == 200
    assert many.count == few.count
    assert many_subscriptions.count == few_subscriptions.count
