"""Expected access to the rumours area's routes."""

from icc_network.core.permissions import ADMIN, COORDINATOR, TRAINER

from ..rumours import factories
from . import EVERYONE, SIGNED_IN, Access, only

MANAGERS = only(ADMIN, COORDINATOR)
READERS = only(ADMIN, COORDINATOR, TRAINER)

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
    "rumours.argument_withdraw": Access(post=MANAGERS,
                                        params=lambda w: {"argument_id": w.fact.id}),
    "rumours.sighting_new": Access(get=SIGNED_IN, post=SIGNED_IN),
    "rumours.suggest": Access(get=SIGNED_IN, query={"q": "jobs"}),
    "rumours.sighting_import": Access(get=MANAGERS, post=MANAGERS),
    "rumours.sighting_import_confirm": Access(post=MANAGERS),
    "rumours.kit_index": Access(get=SIGNED_IN),
    "rumours.kit": Access(get=SIGNED_IN, params=lambda w: {"rumour_id": w.published.id}),
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
    world.objects["published"] = factories.rumour(status="validated", published=True)
    world.objects["fact"] = factories.argument(world.published)
    factories.sighting(world.published, hateful=True, verbatim="words")
