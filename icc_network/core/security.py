"""Response headers, cookie flags and redirect-target checks."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Request, Response, request, session
from flask.sessions import SecureCookieSessionInterface
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items

from .assets import is_static
from .text import storable

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class CleanParameters(ImmutableMultiDict):
    """Query and form parameters without control characters, for every view of the product:
    PostgreSQL refuses NUL in text, and XLSX exports cannot hold the others."""

    def __init__(self, mapping=None) -> None:
        super().__init__([
            (key, storable(value) if isinstance(value, str) else value)
            for key, value in iter_multi_items(mapping or ())])


class CleanRequest(Request):
    parameter_storage_class = CleanParameters


class RequestAwareSessionInterface(SecureCookieSessionInterface):
    """Mark the session cookie Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        configured = super().get_cookie_secure(app)
        return configured or bool(request and request.is_secure)

    def save_session(self, app: Flask, session, response: Response) -> None:
        # A static file's answer neither refreshes the cookie nor varies with it: a browser
        # keeps it for a year, whoever signs in or out meanwhile.
        if request and is_static(request.endpoint):
            return
        super().save_session(app, session, response)


def set_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    # Static files hold no personal data: they keep the cache headers of their view.
    if not is_static(request.endpoint) and "_user_id" in session:
        # Pages and downloads of a signed-in user may hold personal data: never kept by a cache.
        headers["Cache-Control"] = "no-store"
    return response


def is_safe_next(target: str | None) -> bool:
    """Only local absolute paths: no scheme, no host, no protocol-relative tricks."""
    if not target or not target.startswith("/"):
        return False
    if target.startswith("//") or target.startswith("/\\"):
        return False
    if any(ch in target for ch in ("\\", "\r", "\n", "\t")) or any(ord(ch) < 32 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def init_app(app: Flask) -> None:
    app.request_class = CleanRequest
    app.session_interface = RequestAwareSessionInterface()
    app.after_request(set_security_headers)
    if app.config.get("TRUST_PROXY_HEADERS"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
