"""The permission matrix: every route, every role, against an explicit table.

Each area keeps a module here named after it (``tests/access/<area>.py``) with
``ACCESS`` (endpoint -> Access) and ``build(world)``, which adds the records
its routes need to the shared ``World``.

The world is built once per test module (see ``conftest.py``): every role is
signed in once, and after each case the tables a request wrote to are put
back as they were built, so each case still meets the same world.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import url_for

from icc_network.core.areas import area_modules
from icc_network.core.permissions import (
    ADMIN,
    AGENT,
    ANONYMOUS,
    COORDINATOR,
    PARTNER,
    STAFF,
    TRAINER,
)
from icc_network.extensions import db

from ..support import login

ALL_ROLES = (ANONYMOUS, ADMIN, COORDINATOR, TRAINER, PARTNER, STAFF, AGENT)
EVERYONE = frozenset(ALL_ROLES)
SIGNED_IN = frozenset(ALL_ROLES) - {ANONYMOUS}
NOBODY: frozenset[str] = frozenset()


def only(*roles: str) -> frozenset[str]:
    return frozenset(roles)


@dataclass
class Access:
    """Who may use one endpoint, and how to build a request to it."""

    get: frozenset[str] | None = None  # None: the route takes no GET
    post: frozenset[str] | None = None  # None: the route takes no POST
    params: Callable[[Any], dict] = lambda world: {}
    query: dict = field(default_factory=dict)
    post_data: Callable[[Any], dict] = lambda world: {}
    # Each variant is requested too (every format of an export, say): URL values added to
    # ``params`` and ``query``.
    variants: tuple[dict, ...] = ({},)
    # Some allowed GETs answer with a redirect or a download; anything below 400 is fine.


class Records(dict):
    """The world's records by name. Every area builds into the same world, so a name set
    twice would silently point one area's routes at another area's record: refused."""

    def __setitem__(self, name: str, record: Any) -> None:
        if name in self and self[name] is not record:
            raise KeyError(f"the world already has a record named {name!r}")
        super().__setitem__(name, record)

    def update(self, *args: Any, **records: Any) -> None:
        for name, record in dict(*args, **records).items():
            self[name] = record


@dataclass
class World:
    """Records every route's URL parameters point at, and a signed-in browser per role."""

    users: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=Records)
    browsers: dict[str, dict] = field(default_factory=dict)  # role -> its session cookie's content
    tokens: dict[str, str] = field(default_factory=dict)  # role -> the CSRF token of that session

    def __getattr__(self, name: str) -> Any:
        try:
            return self.objects[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def sign_in(self, client, role: str) -> str:
        """Give ``client`` the browser session of ``role``; returns the session's CSRF token."""
        with client.session_transaction() as session:
            session.clear()
            session.update(self.browsers[role])
        return self.tokens[role]

    def url(self, app, endpoint: str, spec: Access, variant: dict | None = None) -> str:
        with app.test_request_context():
            return url_for(endpoint, **{**spec.params(self), **spec.query, **(variant or {})})


def access_modules(app):
    """Each area's ``tests/access/<area>.py``, found as the application finds its areas."""
    return area_modules("tests.access.{area}", app.config["AREAS"])


def access_table(app) -> dict[str, Access]:
    table: dict[str, Access] = {}
    for module in access_modules(app):
        overlap = set(table) & set(module.ACCESS)
        assert not overlap, f"endpoints listed twice: {overlap}"
        table.update(module.ACCESS)
    return table


def build_world(app, make_client) -> World:
    """Build and commit the world, and open one browser session per role (anonymous too).

    The records are detached with their columns loaded, so cases read their ids
    without a database session of their own.
    """
    world = World()
    with app.app_context():
        for module in access_modules(app):
            module.build(world)
        db.session.commit()
        for role in ALL_ROLES:
            browser = make_client()
            if role != ANONYMOUS:
                login(browser, world.users[role])
            world.tokens[role] = browser.csrf_token()
            with browser.session_transaction() as session:
                world.browsers[role] = dict(session)
        for record in [*world.users.values(), *world.objects.values()]:
            db.session.refresh(record)
        db.session.expunge_all()
        db.session.remove()
    return world
