"""Expected access to the rumours area's routes."""

from icc_network.core.permissions import ADMIN, COORDINATOR, STAFF, TRAINER

from ..rumours import factories
from . import EVERYONE, SIGNED_IN, Access, only

MANAGERS = only(ADMIN, COORDINATOR)
# municipal staff read the register too (what they see of it: tests/rumours/test_staff_reading.py)
READERS = only(ADMIN, COORDINATOR, TRAINER, STAFF)
# The sightings register lists every sighting with its reporter's organisation: staff
# read the rumours, not the sightings register.
REGISTER_READERS = only(ADMIN, COORDINATOR, TRAINER)

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
                                    post_data=lambda w: {"status": "triaged"}),
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
    "rumours.suggest": Access(get=SIGNED_IN, query={"q": "jobs"}),
    "rumours.sighting_import": Access(get=MANAGERS, post=MANAGERS),
    "rumours.sighting_import_confirm": Access(post=MANAGERS),
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
    "rumours.booklet": Access(get=SIGNED_IN, params=lambda w: {"theme_id": w.theme.id}),
    "rumours.catalogue": Access(get=EVERYONE),
    "rumours.public_detail": Access(get=EVERYONE, params=lambda w: {"rumour_id": w.published.id}),
    "rumours.feed": Access(get=EVERYONE),
    "rumours.feed_import": Access(get=MANAGERS, post=MANAGERS),
    "rumours.feed_import_confirm": Access(post=MANAGERS),
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
