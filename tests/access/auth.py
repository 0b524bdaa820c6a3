"""Expected access to the account routes."""

from icc_network.auth.services.password_reset import reset_token
from icc_network.core.permissions import ADMIN

from . import EVERYONE, SIGNED_IN, Access, only

ACCESS = {
    "auth.login": Access(get=EVERYONE, post=EVERYONE),
    "auth.logout": Access(post=SIGNED_IN),
    "auth.account": Access(get=SIGNED_IN),
    "auth.account_language": Access(post=SIGNED_IN, post_data=lambda w: {"locale": "en"}),
    "auth.account_notifications": Access(post=SIGNED_IN,
                                         post_data=lambda w: {"email_notifications": "never"}),
    "auth.password": Access(get=SIGNED_IN, post=SIGNED_IN),
    "auth.own_data": Access(get=SIGNED_IN),
    "auth.password_forgotten": Access(get=EVERYONE, post=EVERYONE,
                                      post_data=lambda w: {"email": "nobody@example.org"}),
    # Whoever holds a valid link may use it (a link that is not valid answers 410 Gone).
    "auth.password_reset": Access(get=EVERYONE, post=EVERYONE,
                                  params=lambda w: {"token": reset_token(w.users["staff"])}),
    "auth.users": Access(get=only(ADMIN)),
    "auth.user_new": Access(get=only(ADMIN), post=only(ADMIN)),
    "auth.user_edit": Access(get=only(ADMIN), post=only(ADMIN),
                             params=lambda w: {"user_id": w.users["staff"].id}),
    "auth.user_password": Access(post=only(ADMIN), params=lambda w: {"user_id": w.users["staff"].id}),
}


def build(world) -> None:
    """The core module already created one user per role."""
