"""Links to the application's pages, from a request or from a scheduled job."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, url_for


def link_for(endpoint: str, **values: Any) -> str:
    """A local path to an endpoint, also from a scheduler job (no request there)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context("/"):
        return url_for(endpoint, **values)
