"""Links to the application's pages, from a request or from a scheduled job.

Outside requests Flask builds URLs from ``SERVER_NAME``, ``APPLICATION_ROOT``
and ``PREFERRED_URL_SCHEME``, which create_app derives from ``PUBLIC_URL``
(see config.url_settings), so ``url_for`` works in jobs as in requests.

Inside a request ``url_for(..., _external=True)`` still takes the scheme and the
path prefix from the request, so an address that leaves the application (an
e-mail, a published feed, JSON-LD) is built here, from ``PUBLIC_URL`` alone.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import segno
from flask import current_app, url_for
from markupsafe import Markup
from werkzeug.routing import MapAdapter


def path_for(endpoint: str, **values: Any) -> str:
    """A local path to an endpoint, in a request or in a job (e.g. a notification's link)."""
    return url_for(endpoint, _external=False, **values)  # outside requests Flask's default is True


def _public_adapter() -> MapAdapter:
    adapter = current_app.create_url_adapter(None)  # None: bound to PUBLIC_URL, not the request
    if adapter is None:
        raise RuntimeError("PUBLIC_URL is not set: absolute links cannot be built")
    return adapter


def absolute_url(path: str) -> str:
    """The address people use for a local path, for e-mails: always on ``PUBLIC_URL``,
    never on the Host of the request that happens to be served."""
    adapter = _public_adapter()
    return urljoin(f"{adapter.url_scheme}://{adapter.server_name}/", path)


def public_url_for(endpoint: str, **values: Any) -> str:
    """The public address of an endpoint (published feeds, JSON-LD): scheme, host and
    path prefix all come from ``PUBLIC_URL``, whatever the request that is served says."""
    current_app.inject_url_defaults(endpoint, values)
    return _public_adapter().build(endpoint, values, force_external=True)


def qr_svg(url: str, title: str, css_class: str = "qr-code") -> Markup:
    """The QR code of ``url`` as inline SVG markup, safe to place in a page: drawn with
    attributes only (no style), so it stays within the content security policy and prints
    sharply; its dark modules carry the class ``<css_class>-line``. segno escapes the
    title, and the address is drawn as modules, never written as text."""
    return Markup(segno.make(url, error="m").svg_inline(
        scale=4, title=title, svgclass=css_class, lineclass=f"{css_class}-line"))
