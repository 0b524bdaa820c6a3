"""Links to the application's pages, from a request or from a scheduled job.

Outside requests Flask builds URLs from ``SERVER_NAME``, ``APPLICATION_ROOT``
and ``PREFERRED_URL_SCHEME``, which create_app derives from ``PUBLIC_URL``
(see config.url_settings), so ``url_for`` works in jobs as in requests.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from flask import current_app, url_for


def path_for(endpoint: str, **values: Any) -> str:
    """A local path to an endpoint, in a request or in a job (e.g. a notification's link)."""
    return url_for(endpoint, _external=False, **values)  # outside requests Flask's default is True


def absolute_url(path: str) -> str:
    """The address people use for a local path, for e-mails: always on ``PUBLIC_URL``,
    never on the Host of the request that happens to be served."""
    adapter = current_app.create_url_adapter(None)
    if adapter is None:
        raise RuntimeError("PUBLIC_URL is not set: absolute links cannot be built")
    return urljoin(f"{adapter.url_scheme}://{adapter.server_name}/", path)
