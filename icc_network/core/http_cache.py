"""HTTP caching of what anyone may read: validators, and 304 for a reader who has this version.

A signed-in user's pages are never kept by any cache (``core.security`` marks them
``no-store``). What the public reads carries an ETag, and a Last-Modified where one
date says when it last changed, so that a browser, a crawler or another city's
importer asking again with ``If-None-Match`` or ``If-Modified-Since`` is answered
``304 Not Modified`` without the body.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask import Response, current_app, g, request, session

from .clock import utcnow


def digest(body: bytes) -> str:
    """A strong validator for exactly these bytes."""
    return hashlib.sha256(body).hexdigest()[:32]


def public_page(response: Response, *, per_language: bool = False) -> Response:
    """A public HTML page for anyone not signed in: its ETag names exactly what it shows.

    Every page carries the form token of the visitor's session (the language switcher
    posts it), signed afresh on each request: the ETag hashes the page without the signed
    token but with the session's own, so a page only ever answers 304 to the session whose
    token the kept copy holds. Browsers may keep the page but ask each time
    (``private, no-cache``); ``per_language``: the address shows the reader's language.
    """
    if response.status_code != 200 or response.direct_passthrough:
        return response
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    body, signed = response.get_data(), g.get(field)
    hashed = hashlib.sha256()
    if signed:
        body = body.replace(signed.encode(), b"")
        hashed.update(str(session.get(field, "")).encode() + b"\x00")
    hashed.update(body)
    response.set_etag(hashed.hexdigest()[:32])
    response.cache_control.private = True
    response.cache_control.no_cache = True
    response.vary.add("Cookie")
    if per_language:
        response.vary.add("Accept-Language")
    return response.make_conditional(request)


def public_document(response: Response, *, etag: str, changed_at: datetime | None = None,
                    max_age: int = 0) -> Response:
    """A document the same for every reader (a feed): any cache may keep it ``max_age``
    seconds, then ask again with its validators."""
    response.set_etag(etag)
    if changed_at is not None:
        # Never in the future: a client would keep sending a date the server has not reached.
        response.last_modified = min(changed_at, utcnow())
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    return response.make_conditional(request)
