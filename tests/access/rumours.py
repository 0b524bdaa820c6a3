"""Expected access to the rumours area's routes."""

from icc_network.core.permissions import ADMIN, COORDINATOR, STAFF, TRAINER
from icc_network.extensions import db
from icc_network.rumours.models import AllowedFeed, FeedItem, FeedSubscription, FeedUpdate

from ..rumours import factories
from . import EVERYONE, SIGNED_IN, Access, only

MANAGERS = only(ADMIN, COORDINATOR)
# municipal staff read the register too (what they see of it: tests/rumours/test_staff_reading.py)
READERS = only(ADMIN, COORDINATOR, TRAINER, STAFF)
# The sightings register lists every sighting with its reporter's organisation: staff
# read the rumours, not the sightings register.
REGISTER_READERS = only(ADMIN, COORDINATOR, TRAINER)

PUBLIC_ADDRESSES = ({"lang": "fr"}, {"lang": "en"}, {"lang": None})

ACCESS = {
    "rumours.static": Access(get=EVERYONE, params=lambda w: {"filename": "js/suggest.js"}),
    "rumours.index": Access(get=READERS),
    "rumours.export": Access(get=MANAGERS, query={"format": "xlsx"},
                             variants=({"format": "csv"}, {"format": "xlsx"})),
    "rumours.create": Access(get=MANAGERS, post=MANAGERS),
    "rumours.detail": Access(get=READERS, params=lambda w: {"rumour_id": w.draft_rumour.id}),
    "rumours.edit": Access(get=MANAGERS, post=MANAGERS,
                           params=lambda w: {"rumour_id": w.draft_rumour.id}),
    "rumours.change_status": Access(post=MANAGERS,
                                    params=lambda w: {"rumour_id": w.draft_rumour.id},
                                    post_data=lambda w: {"status": "triaged",
                                                         "verdict": "false"}),
    # the moves that are hard to undo ask first (tests/rumours/test_confirmations.py)
    "rumours.archive": Access(get=MANAGERS, post=MANAGERS,
                              params=lambda w: {"rumour_id": w.draft_rumour.id}),
    "rumours.withdraw": Access(get=MANAGERS, post=MANAGERS,
                               params=lambda w: {"rumour_id": w.published.id}),
    "rumours.publish": Access(post=MANAGERS, params=lambda w: {"rumour_id": w.published.id},
                              post_data=lambda w: {"publish": "0"}),
    "rumours.merge": Access(get=MANAGERS, post=MANAGERS,
                            params=lambda w: {"rumour_id": w.draft_rumour.id}),
    "rumours.key_phrases": Access(get=MANAGERS, post=MANAGERS,
                                  params=lambda w: {"rumour_id": w.draft_rumour.id},
                                  post_data=lambda w: {"locale": "en", "phrase": "jobs"}),
    "rumours.key_phrase_remove": Access(post=MANAGERS,
                                        params=lambda w: {"rumour_id": w.draft_rumour.id,
                                                          "phrase_id": w.key_phrase.id}),
    "rumours.argument_new": Access(get=MANAGERS, post=MANAGERS,
                                   params=lambda w: {"rumour_id": w.draft_rumour.id}),
    "rumours.argument_edit": Access(get=MANAGERS, post=MANAGERS,
                                    params=lambda w: {"argument_id": w.draft_argument.id}),
    "rumours.argument_validate": Access(post=MANAGERS,
                                        params=lambda w: {"argument_id": w.draft_argument.id}),
    "rumours.argument_send_back": Access(get=MANAGERS, post=MANAGERS,
                                         params=lambda w: {"argument_id": w.draft_argument.id},
                                         post_data=lambda w: {"reason": "Cite a newer source."}),
    "rumours.argument_withdraw": Access(post=MANAGERS,
                                        params=lambda w: {"argument_id": w.fact.id}),
    "rumours.sighting_new": Access(get=SIGNED_IN, post=SIGNED_IN),
    # each reporter sees only their own (tests/rumours/test_own_reports.py)
    "rumours.my_reports": Access(get=SIGNED_IN),
    "rumours.suggest": Access(get=SIGNED_IN, query={"q": "jobs"}),
    "rumours.sighting_import": Access(get=MANAGERS, post=MANAGERS),
    "rumours.sighting_import_confirm": Access(post=MANAGERS),
    "rumours.sighting_import_mapping": Access(post=MANAGERS),
    "rumours.sighting_xlsform": Access(get=MANAGERS),
    "rumours.sighting_register": Access(get=REGISTER_READERS),
    "rumours.sighting_export": Access(get=REGISTER_READERS, query={"format": "xlsx"},
                                      variants=({"format": "csv"}, {"format": "xlsx"})),
    "rumours.sighting_edit": Access(get=MANAGERS, post=MANAGERS,
                                    params=lambda w: {"sighting_id": w.sighting.id}),
    "rumours.sighting_delete": Access(get=MANAGERS, post=MANAGERS,
                                      params=lambda w: {"sighting_id": w.sighting.id}),
    # hateful reports stay with coordinators (tests/rumours/test_hateful_queue.py)
    "rumours.hateful_queue": Access(get=MANAGERS, query={"state": "all"}),
    "rumours.hateful_report": Access(get=MANAGERS,
                                     params=lambda w: {"sighting_id": w.hateful_sighting.id}),
    "rumours.hateful_action": Access(post=MANAGERS,
                                     params=lambda w: {"sighting_id": w.hateful_sighting.id},
                                     post_data=lambda w: {"outcome": "no_action"}),
    "rumours.kit_index": Access(get=SIGNED_IN),
    "rumours.kit": Access(get=SIGNED_IN, params=lambda w: {"rumour_id": w.published.id}),
    # a theme's booklet, and the whole kit's (/kit/booklet)
    "rumours.booklet": Access(get=SIGNED_IN, params=lambda w: {"theme_id": w.theme.id},
                              variants=({}, {"theme_id": None})),
    # Public pages: an address per language, and the one without a language (lang=None).
    "rumours.catalogue": Access(get=EVERYONE, variants=PUBLIC_ADDRESSES),
    "rumours.public_detail": Access(get=EVERYONE, params=lambda w: {"rumour_id": w.published.id},
                                    variants=PUBLIC_ADDRESSES),
    "rumours.feed": Access(get=EVERYONE),
    "rumours.feed_import": Access(get=MANAGERS, post=MANAGERS),
    "rumours.feed_import_confirm": Access(post=MANAGERS),
    "rumours.subscriptions": Access(get=MANAGERS, post=MANAGERS),
    "rumours.subscription": Access(get=MANAGERS, post=MANAGERS,
                                   params=lambda w: {"subscription_id": w.subscription.id}),
    # a documentation address (private): refused before any connection is tried
    "rumours.subscription_fetch": Access(post=MANAGERS,
                                         params=lambda w: {"subscription_id": w.subscription.id}),
    "rumours.subscription_remove": Access(
        post=MANAGERS, params=lambda w: {"subscription_id": w.subscription.id}),
    "rumours.feed_update_decide": Access(
        post=MANAGERS, params=lambda w: {"update_id": w.feed_update.id, "decision": "reject"},
        variants=({"decision": "accept"}, {"decision": "reject"})),
    "rumours.allowed_feeds": Access(get=only(ADMIN), post=only(ADMIN)),
    "rumours.allowed_feed_remove": Access(post=only(ADMIN),
                                          params=lambda w: {"allowed_id": w.allowed_feed.id}),
    "rumours.dashboard": Access(get=MANAGERS),
    "rumours.terms": Access(get=MANAGERS, params=lambda w: {"kind": "themes"}),
    "rumours.term_new": Access(get=MANAGERS, post=MANAGERS, params=lambda w: {"kind": "themes"}),
    "rumours.term_edit": Access(get=MANAGERS, post=MANAGERS,
                                params=lambda w: {"kind": "target-groups",
                                                  "term_id": w.target_group.id}),
}


def build(world) -> None:
    world.objects["target_group"] = factories.target_group()
    world.objects["draft_rumour"] = factories.rumour(status="reported")
    world.objects["key_phrase"] = factories.key_phrase(world.draft_rumour, "en", "jobs")
    world.objects["draft_argument"] = factories.argument(world.draft_rumour, status="draft")
    world.objects["theme"] = factories.theme()
    world.objects["published"] = factories.rumour(status="validated", published=True,
                                                  theme_id=world.theme.id)
    world.objects["fact"] = factories.argument(world.published)
    world.objects["sighting"] = factories.sighting(world.published, verbatim="des mots")
    world.objects["hateful_sighting"] = factories.sighting(world.published, hateful=True,
                                                           verbatim="words")
    factories.hateful_action(world.hateful_sighting, note="Seen on a wall.")
    _build_feeds(world)


def _build_feeds(world) -> None:
    url = "http://192.0.2.10/claimreview.json"
    allowed = AllowedFeed(url=url)
    subscription = FeedSubscription(url=url, city_name="Ville de démonstration",
                                    error_code="connection", error_detail="refused")
    db.session.add_all([allowed, subscription])
    db.session.flush()
    item = FeedItem(subscription_id=subscription.id, argument_id=world.draft_argument.id,
                    source_text=world.draft_argument.text)
    db.session.add(item)
    db.session.flush()
    update = FeedUpdate(item_id=item.id, change="text", changes=["text"],
                        text={"fr": "Un texte revu par la ville source"}, fingerprint="x" * 64)
    db.session.add(update)
    db.session.flush()
    world.objects.update(allowed_feed=allowed, subscription=subscription, feed_update=update)
