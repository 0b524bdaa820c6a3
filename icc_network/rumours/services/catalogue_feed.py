"""The public catalogue's ClaimReview feed, built again only when the catalogue changes.

Anyone may fetch the feed, and building it serialises every published rumour with
its arguments (megabytes, and hundreds of milliseconds, for a big city). Each app
server keeps the body it built, with its ETag, and builds it again only when what the
feed shows may have changed:

- a rumour or a counter-argument was added, changed or removed (their numbers and
  latest ``updated_at``, read in one light query: publishing, wording, verdicts,
  validating, expiring and merging all change a row);
- the day changed (an argument past its ``valid_until`` leaves the catalogue);
- the body is older than ``MAX_AGE``. Where each rumour was met comes from its
  sightings, which arrive all day long without changing what else the feed says: the
  feed tells it at most ``MAX_AGE`` late, as its ``Cache-Control: max-age`` already
  lets any cache do.

The feed is the same for every reader (its name in the city's language), so that one
copy serves every client and every cache between them.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import func, literal, select, union_all

from ...core.clock import today, utcnow
from ...core.http_cache import digest
from ...extensions import db
from ..models import CounterArgument, Rumour
from .arguments import catalogue_query, current_arguments
from .claimreview import feed

# Seconds a built feed (and any cache's copy) may say where rumours were met late.
MAX_AGE = 600


@dataclass(frozen=True)
class BuiltFeed:
    """A feed ready to serve: its body, its ETag, and since when it says this."""

    key: tuple
    body: bytes
    etag: str
    changed_at: datetime  # when a body with this ETag was first built (Last-Modified)
    built_at: float  # time.monotonic() of the build


class _FeedSlot:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.feed: BuiltFeed | None = None


def current_feed() -> BuiltFeed:
    """The feed as the catalogue is now: the kept one, or one built (once, whichever
    of a server's threads asks first) when the catalogue has changed since."""
    kept = _kept()
    key = catalogue_state()
    found = kept.feed
    if _still_true(found, key):
        return found
    with kept.lock:
        found = kept.feed
        if _still_true(found, key):  # another request built it meanwhile
            return found
        body = _body()
        etag = digest(body)
        changed_at = (found.changed_at if found is not None and found.etag == etag
                      else utcnow().replace(microsecond=0))
        kept.feed = BuiltFeed(key, body, etag, changed_at, time.monotonic())
        return kept.feed


def catalogue_state() -> tuple:
    """What says whether the feed may have changed: the city's names, the day, and the
    number and latest change of rumours and of counter-arguments (one query)."""
    counted = union_all(
        select(literal(0).label("n"), func.count(Rumour.id), func.max(Rumour.updated_at)),
        select(literal(1).label("n"), func.count(CounterArgument.id),
               func.max(CounterArgument.updated_at)))
    rows = sorted(tuple(row) for row in db.session.execute(counted))
    config = current_app.config
    return (config.get("CITY_NAME"), config.get("NETWORK_NAME"),
            config["BABEL_DEFAULT_LOCALE"], today(), *rows)


def forget() -> None:
    """Drop the kept feed: the next request builds it."""
    _kept().feed = None


def _still_true(found: BuiltFeed | None, key: tuple) -> bool:
    return (found is not None and found.key == key
            and time.monotonic() - found.built_at < MAX_AGE)


def _body() -> bytes:
    # Rumours in the order they were recorded: a new sighting never reorders the feed.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        rumours = list(db.session.scalars(catalogue_query().order_by(None).order_by(Rumour.id)))
        data = feed(rumours, current_arguments([rumour.id for rumour in rumours]))
    # Compact: the C encoder (an indented dump runs in pure Python, several times slower).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _kept() -> _FeedSlot:
    """This application's feed (one per app: tests build several)."""
    return current_app.extensions.setdefault("rumours.catalogue_feed", _FeedSlot())
